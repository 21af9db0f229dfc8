// Read aloud with the Web Speech API: one utterance per paragraph, the
// paragraph being spoken highlighted (class "speaking") and kept in view.

const BLOCKS = 'h1, .byline, .body :is(p, h2, h3, h4, h5, h6, li, blockquote, figcaption, dt, dd, pre, td, th)';

export const canSpeak = () => 'speechSynthesis' in globalThis && 'SpeechSynthesisUtterance' in globalThis;

/**
 * Reads `root` (a rendered article) aloud from its first paragraph. Returns
 * a stop() function. onChange(speaking: boolean, error?: string) reports
 * the start, the end and failures.
 */
export function readAloud(root, onChange) {
  const blocks = [...root.querySelectorAll(BLOCKS)]
    .filter(block => !block.closest('[hidden]') && block.textContent.trim())
    // a paragraph inside a list item or quote is read with it, not twice
    .filter((block, _, all) => !all.some(other => other !== block && other.contains(block)));
  const lang = root.closest('[lang]')?.lang || undefined;
  let index = -1, stopped = false, current = null;

  const mark = block => {
    current?.classList.remove('speaking');
    current = block;
    if (!block) return;
    block.classList.add('speaking');
    block.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };
  const finish = error => {
    if (stopped) return;
    stopped = true;
    mark(null);
    onChange(false, error);
  };
  const speakNext = () => {
    if (stopped) return;
    index += 1;
    if (index >= blocks.length) return finish();
    const block = blocks[index];
    const utterance = new SpeechSynthesisUtterance(block.textContent.replace(/\s+/g, ' ').trim());
    if (lang) utterance.lang = lang;
    utterance.onstart = () => mark(block);
    utterance.onend = speakNext;
    utterance.onerror = event => {
      if (event.error === 'interrupted' || event.error === 'canceled') return finish();
      finish(event.error || 'failed');
    };
    speechSynthesis.speak(utterance);
  };

  speechSynthesis.cancel();
  onChange(true);
  speakNext();
  return () => {
    finish();
    speechSynthesis.cancel();
  };
}
