#!/usr/bin/env python3
"""Picks the held-out teaser set (tests/fixtures/unseen-*): pages no earlier work looked at for
teasers, chosen by a fixed rule before any annotation or tuning, so nobody picks pages that suit
decant.

The rule: every candidate page is ordered by SHA-1 of "decant-teasers:" + its corpus id (a
fixed shuffle no one chose), and pages are taken in that order until each quota is full.
- WCXB (../shared/corpus/wcxb, almost all English): 40 articles, 4 listing pages, 4 collection
  pages, 5 forum threads, and every page whose text is not English (WCXB has 7: French, Spanish
  and Dutch products, collections and listings).
- trafilatura (../shared/corpus/trafilatura), for the languages WCXB lacks: 2 pages each whose
  <html lang> is de, es, fr, pl or pt, leaving out the 40 pages of the earlier teaser set
  (tests/fixtures/TEASERS.md).
Pages of under 8 KB are skipped (error pages and stubs have no blocks to annotate).

usage: pick_teaser_pages.py [--shared DIR]   prints a JSON list of {corpus, id, type, lang, url}"""
import argparse
import gzip
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WCXB_QUOTA = {"article": 40, "listing": 4, "collection": 4, "forum": 5}
TRAF_QUOTA = {"de": 2, "es": 2, "fr": 2, "pl": 2, "pt": 2}
MIN_BYTES = 8000
# Function words that tell a non-English text from an English one (WCXB declares "en" on
# pages in other languages).
FUNCTION_WORDS = {
    "en": "the and of to is in that",
    "de": "der die und ist nicht das mit",
    "fr": "le la les et des est une pour",
    "es": "el los las del que una por con",
    "nl": "het een van zijn niet voor",
}


def order(pid):
    return hashlib.sha1(("decant-teasers:" + pid).encode()).hexdigest()


def text_language(text):
    padded = " " + (text or "").lower() + " "
    counts = {lang: sum(padded.count(f" {w} ") for w in words.split())
              for lang, words in FUNCTION_WORDS.items()}
    return max(counts, key=counts.get)


def html_lang(raw):
    m = re.search(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2})", raw[:30000], re.I)
    return m.group(1).decode().lower() if m else "?"


def wcxb(shared):
    root = os.path.join(shared, "corpus", "wcxb")
    truth = json.load(open(os.path.join(root, "truth.json"), encoding="utf-8"))
    left, picked = dict(WCXB_QUOTA), []
    for pid in sorted(truth, key=order):
        page = truth[pid]
        raw = gzip.open(os.path.join(root, page["file"])).read()
        if len(raw) < MIN_BYTES:
            continue
        lang = text_language(page.get("text"))
        foreign = lang != "en"
        if foreign or left.get(page["type"], 0) > 0:
            if not foreign:
                left[page["type"]] -= 1
            picked.append({"corpus": "wcxb", "id": pid, "type": page["type"], "lang": lang,
                           "url": page["url"]})
    return picked


def earlier_set():
    notes = open(os.path.join(ROOT, "tests", "fixtures", "TEASERS.md"), encoding="utf-8").read()
    return set(re.findall(r"trafilatura `([0-9a-f]+)`", notes))


def trafilatura(shared):
    root = os.path.join(shared, "corpus", "trafilatura")
    ev = json.load(open(os.path.join(root, "evaldata.json"), encoding="utf-8"))
    seen, left, picked = earlier_set(), dict(TRAF_QUOTA), []
    for pid in sorted(ev, key=order):
        if pid in seen:
            continue
        raw = gzip.open(os.path.join(root, ev[pid]["file"])).read()
        lang = html_lang(raw)
        if len(raw) < MIN_BYTES or left.get(lang, 0) == 0:
            continue
        left[lang] -= 1
        picked.append({"corpus": "trafilatura", "id": pid, "type": None, "lang": lang,
                       "url": ev[pid].get("url")})
    return picked


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("DECANT_SHARED", os.path.join(ROOT, "..", "shared")))
    args = ap.parse_args()
    print(json.dumps(wcxb(args.shared) + trafilatura(args.shared), indent=1, ensure_ascii=False))
