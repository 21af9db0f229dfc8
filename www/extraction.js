// Runs decant in a worker (extract-worker.js) where one can be started, and
// on the main thread where not (a page whose CSP forbids the worker, a
// browser without module workers). Both give the same result:
//   { article, layout }   layout: { open, close, pieces } of the content (chunks.js), or null

import { splitContent } from './chunks.js';

const packageURL = new URL('./decant/js/browser.js', import.meta.url).href;

/** decant on this thread, loaded on first use. */
let local = null;
function mainThread() {
  local ??= import(packageURL).then(async module => {
    await module.default();
    return module;
  });
  return local;
}

async function onMainThread(page, options) {
  const { extract } = await mainThread();
  const article = extract(page, options);
  const layout = article.content ? splitContent(article.content) : null;
  article.content = null;
  return { article, layout };
}

/** An Error with decant's `code`, as the package throws them. */
function decantError({ code, message }) {
  return Object.assign(new Error(message), { code });
}

/**
 * An extractor. `makeWorker()` returns a started Worker running
 * extract-worker.js, or throws where none can be had.
 * `where` resolves to 'worker' or 'main' once it is known which is used.
 */
export function extractor(makeWorker) {
  let worker = null;
  let next = 1;
  const pending = new Map();
  const where = new Promise(resolve => {
    try {
      worker = makeWorker();
    } catch {
      resolve('main');
      return;
    }
    const giveUp = () => {
      worker?.terminate();
      worker = null;
      resolve('main');
      // Whatever was waiting for the worker is read here instead.
      for (const [, job] of pending) onMainThread(job.page, job.options).then(job.resolve, job.reject);
      pending.clear();
    };
    worker.addEventListener('error', giveUp);
    worker.addEventListener('message', ({ data }) => {
      if (data?.type === 'ready') return resolve('worker');
      if (data?.type === 'failed') return giveUp();
      const job = pending.get(data?.id);
      if (!job) return;
      if (data.type === 'progress') {
        job.onProgress?.(data.done, data.total);
        return;
      }
      pending.delete(data.id);
      if (data.type === 'done') job.resolve({ article: data.article, layout: data.layout });
      else job.reject(decantError(data.error ?? {}));
    });
  });

  return {
    where,
    /** Extracts `page` (string or bytes); onProgress(done, total) reports the worker's progress. */
    async read(page, options = {}, onProgress = null) {
      if ((await where) === 'main') return onMainThread(page, options);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { page, options, onProgress, resolve, reject });
        worker.postMessage({ id, page, options });
      });
    },
  };
}
