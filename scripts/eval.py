#!/usr/bin/env python3
"""decant evaluation: quality of the release CLI on the shared corpora and the fixtures.

    python3 scripts/eval.py                      # npm run eval
    python3 scripts/eval.py --check --quiet      # quality gate (npm test): exit 1 below a floor
    python3 scripts/eval.py --update-floors      # raise tests/quality-floors.json to the current values
    python3 scripts/eval.py --selftest           # unit checks of the teaser matching

Sections (select with --only, repeatable):
  readability  83 pages of ../shared/corpus/readability, base URL http://fakehost/test/page.html.
               Body P/R/F1 = score.py `evaluate` (shingle metric); metadata = score.py `fields`
               semantics (whitespace-normalised exact match, and casefolded).
  trafilatura  508 pages of ../shared/corpus/trafilatura, each with its own URL; snippets.py `score`.
  wcxb         1,497 pages of 7 types in ../shared/corpus/wcxb, each with its own URL; wcxb.py `score`
               (word F1 per page, averaged), per page type.
  fixtures     tests/fixtures/*/ and ../shared/fixtures/*/ with expected.json: check_fixture.py's
               checks, plus teaser P/R/F1 (pooled over the fixtures that have a "teasers" key).
  unseen       the held-out teaser set tests/unseen/*/ (picked by tools/pick_teaser_pages.py):
               teaser P/R/F1, notTeasers listed, navigation fields (previousArticle, nextArticle,
               nextPage).

Every corpus is reported in its two halves, by ../shared/tools/halves.py of the page id (for
tests/unseen, of the corpus id in its expected.json "source"): tune on "tune", judge on "check".

The metric code is imported from ../shared/tools (score.py, snippets.py, wcxb.py, halves.py,
check_fixture.py), never
re-implemented, so the numbers are comparable with published ones. The extractor runs once per
corpus in batch mode (`decant --batch MANIFEST.json`); only if it answers "unknown option" does
this fall back to one process per page. A page that errors, crashes or is missing from the batch
output is scored as an empty prediction.

Everything per page goes to WORK/last.json (default target/eval/last.json); a previous last.json
is compared against before it is overwritten. Python 3 standard library only.
"""
import argparse
import collections
import contextlib
import datetime
import gzip
import importlib.util
import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# The shared corpora and scoring tools: DECANT_SHARED, else ../shared beside the repository.
SHARED = os.path.abspath(os.environ.get("DECANT_SHARED") or os.path.join(ROOT, "..", "shared"))
READABILITY_BASE = "http://fakehost/test/page.html"
META_FIELDS = ("title", "byline", "excerpt", "siteName", "lang", "publishedTime")
DEFAULT_FLOORS = {"readability": {"f1": 0.0, "title": 0.0, "byline": 0.0},
                  "trafilatura": {"f1": 0.0}, "teasers": {"f1": 0.0}, "tolerance": 0.005}
SECTIONS = ("readability", "trafilatura", "wcxb", "fixtures", "unseen")
HALVES = ("tune", "check")
# Metrics shown in the comparison with the previous run, per result section.
SUMMARY_KEYS = {
    "readability": ("f1", "precision", "recall", "accuracy") + META_FIELDS,
    "trafilatura": ("f1", "precision", "recall", "accuracy"),
    "fixtures": ("pass_rate",),
    "teasers": ("f1", "precision", "recall"),
    "wcxb": ("f1", "f1_tune", "f1_check", "precision", "recall"),
    "unseen": ("f1_tune", "f1_check", "precision_check", "recall_check"),
}
QUIET = False


def say(*a, **kw):
    if not QUIET:
        print(*a, **kw)


def abbrev(s, n=60):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n - 1] + "…"


def shown(path):
    rel = os.path.relpath(path, os.getcwd())
    return path if rel.startswith("..") else rel


def f3(x):
    return f"{x:.3f}"


# --------------------------------------------------------------------------
# shared tools (imported, not re-implemented)
# --------------------------------------------------------------------------
_TOOLS = {}


def tool(name):
    if name not in _TOOLS:
        path = os.path.join(SHARED, "tools", name + ".py")
        if not os.path.exists(path):
            sys.exit(f"eval: cannot find {path} (set DECANT_SHARED to the shared folder)")
        if os.path.dirname(path) not in sys.path:  # the tools import each other (wcxb.py: halves)
            sys.path.insert(0, os.path.dirname(path))
        spec = importlib.util.spec_from_file_location("decant_eval_" + name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        _TOOLS[name] = mod
    return _TOOLS[name]


def half(page_id):
    """The fixed tune/check split of every corpus (halves.py)."""
    return tool("halves").half(page_id)


def by_half(ids):
    """{"tune": [...], "check": [...]} of the ids, in their order."""
    out = {h: [] for h in HALVES}
    for k in ids:
        out[half(k)].append(k)
    return out


def gunzipped(src, dst):
    """The gzipped page src as a plain file dst (rewritten only when src is newer)."""
    if not os.path.exists(dst) or os.path.getmtime(dst) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with gzip.open(src, "rb") as f:
            raw = f.read()
        with open(dst + ".tmp", "wb") as f:
            f.write(raw)
        os.replace(dst + ".tmp", dst)
    return os.path.abspath(dst)


def halves_line(label, values, fmt=None):
    """One line with a value per half: 'label  tune X (n)  check Y (n)'."""
    fmt = fmt or (lambda v: f3(v))
    return f"{label:<14}" + "  ".join(f"{h} {fmt(values[h][0])} ({values[h][1]})" for h in HALVES)


def norm(s):
    """Whitespace normalisation of the fixture checker (check_fixture.norm)."""
    return tool("check_fixture").norm(s)


# --------------------------------------------------------------------------
# running the extractor
# --------------------------------------------------------------------------
def is_error(a):
    return not isinstance(a, dict) or ("error" in a and "textContent" not in a and "title" not in a)


def text_of(a):
    if is_error(a):
        return ""
    t = a.get("textContent")
    return t if isinstance(t, str) else ""


class Extractor:
    def __init__(self, binary, work, timeout):
        self.bin, self.work, self.timeout = binary, work, timeout
        self.batch = None  # None = untested, False = CLI has no --batch
        self.seconds = 0.0
        self.broken = []  # runs where the extractor crashed as a whole
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            print(f"eval: extractor not found or not executable: {binary}\n"
                  f"      build it (cargo build --release) or pass --bin PATH", file=sys.stderr)
            sys.exit(2)

    def run(self, items, label):
        """items: [{"id", "file", "url" (optional)}] -> ({id: Article | {"error": msg}}, notes)."""
        t0 = time.perf_counter()
        notes = []
        if self.batch is not False:
            out = self._batch(items, label, notes)
            if out is None:
                self.batch = False
        if self.batch is False:
            notes.append(f"batch mode not supported: {len(items)} processes, one per page")
            out = self._per_page(items)
        else:
            self.batch = True
        for it in items:
            a = out.get(it["id"])
            if a is None:
                out[it["id"]] = {"error": "missing from the extractor's output"}
            elif not isinstance(a, dict):
                out[it["id"]] = {"error": f"output is not an object: {abbrev(repr(a))}"}
        dt = time.perf_counter() - t0
        self.seconds += dt
        return out, notes, dt

    def _batch(self, items, label, notes):
        manifest = os.path.join(self.work, f"{label}-manifest.json")
        entries = []
        for it in items:
            e = {"id": it["id"], "file": it["file"]}
            if it.get("url"):
                e["url"] = it["url"]
            entries.append(e)
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump(entries, f, ensure_ascii=False, indent=0)
        try:
            p = subprocess.run([self.bin, "--batch", manifest], capture_output=True,
                               timeout=self.timeout)
        except subprocess.TimeoutExpired:
            notes.append(f"batch run timed out after {self.timeout} s: every page scored as empty")
            self.broken.append(f"{label}: batch run timed out")
            return {it["id"]: {"error": "batch timeout"} for it in items}
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0 and "unknown option" in err.lower():
            return None
        try:
            out = json.loads(p.stdout)
            if not isinstance(out, dict):
                raise ValueError("top level is not an object")
        except ValueError as e:
            tail = " | ".join(err.splitlines()[-3:])
            notes.append(f"batch run failed (exit {p.returncode}, {type(e).__name__}: {abbrev(str(e), 80)}); "
                         f"every page scored as empty. stderr: {abbrev(tail, 300)}")
            self.broken.append(f"{label}: batch run failed (exit {p.returncode})")
            return {it["id"]: {"error": f"batch failed, exit {p.returncode}"} for it in items}
        if p.returncode != 0:
            notes.append(f"batch run exited {p.returncode} but printed valid JSON; results used")
        if err and not QUIET:
            lines = err.splitlines()
            notes.append(f"extractor stderr ({len(lines)} lines): " + abbrev(" | ".join(lines[:3]), 200))
        return out

    def _one(self, it):
        cmd = [self.bin] + (["--url", it["url"]] if it.get("url") else []) + [it["file"]]
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            return {"error": "timeout (60 s)"}
        if p.returncode != 0:
            first = (p.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[0]
            return {"error": f"exit {p.returncode}: {abbrev(first, 200)}"}
        try:
            return json.loads(p.stdout)
        except ValueError as e:
            return {"error": f"output is not JSON: {e}"}

    def _per_page(self, items):
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as ex:
            return dict(zip((it["id"] for it in items), ex.map(self._one, items)))


def error_lines(arts, ids, limit=5):
    errs = [(k, arts[k]["error"]) for k in ids if is_error(arts[k])]
    if errs:
        say(f"errors    {len(errs)} pages scored as empty: "
            + "; ".join(f"{k}: {abbrev(str(m), 60)}" for k, m in errs[:limit])
            + (" …" if len(errs) > limit else ""))
    return len(errs)


def show_notes(notes):
    for n in notes:
        print(f"note      {n}")


# --------------------------------------------------------------------------
# readability
# --------------------------------------------------------------------------
def run_readability(ex, work, args):
    score = tool("score")
    root = os.path.join(SHARED, "corpus", "readability")
    d = os.path.join(work, "readability")
    os.makedirs(d, exist_ok=True)
    gt_path, meta_path, man_path = (os.path.join(d, n) for n in ("gt.json", "meta.json", "manifest.json"))
    with contextlib.redirect_stderr(io.StringIO()):
        score.cmd_build_readability(argparse.Namespace(root=root, output=gt_path, meta=meta_path,
                                                       manifest=man_path))
    truth = score.load_texts(gt_path)
    meta = json.load(open(meta_path, encoding="utf-8"))
    manifest = json.load(open(man_path, encoding="utf-8"))
    ids = list(truth)
    items = [{"id": k, "file": os.path.abspath(manifest[k]), "url": READABILITY_BASE} for k in ids]
    arts, notes, secs = ex.run(items, "readability")

    pred = {k: text_of(arts[k]) for k in ids}
    pmeta = {}
    for k in ids:
        a = {} if is_error(arts[k]) else arts[k]
        pmeta[k] = {f: (v if v is None or isinstance(v, str) else str(v))
                    for f in META_FIELDS + ("dir",) for v in [a.get(f)]}
    pred_path, pmeta_path = os.path.join(d, "predictions.json"), os.path.join(d, "predicted-metadata.json")
    json.dump(pred, open(pred_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(pmeta, open(pmeta_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)

    res = score.evaluate(truth, pred)
    pages = {}
    for k in ids:
        pp = res["per_page"][k]
        p, r = pp["precision"], pp["recall"]
        pages[k] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                    "exact": pp["exact"], "empty": not score.words(pred[k]), "meta": {}}
        if is_error(arts[k]):
            pages[k]["error"] = str(arts[k]["error"])

    # Metadata: score.py `fields` gives the authoritative rates; per page we record which matched,
    # using the same comparison (score.norm_ws, fields absent from the truth are not counted).
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score.cmd_fields(argparse.Namespace(truth=meta_path, pred=pmeta_path, fields=",".join(META_FIELDS)))
    printed = {}
    for line in buf.getvalue().splitlines():
        m = re.match(r"(\S+)\s+pages\s+(\d+)\s+exact\s+([\d.]+)\s+casefolded\s+([\d.]+)", line)
        if m:
            printed[m.group(1)] = (int(m.group(2)), float(m.group(3)), float(m.group(4)))
    fields = {}
    for fld in META_FIELDS:
        n = exact = fold = 0
        for k, t in meta.items():
            if fld not in t or k not in pages:
                continue
            tv = score.norm_ws(t.get(fld) or "")
            pv = score.norm_ws((pmeta.get(k) or {}).get(fld) or "")
            n += 1
            exact += tv == pv
            fold += tv.casefold() == pv.casefold()
            pages[k]["meta"][fld] = {"exact": tv == pv, "casefold": tv.casefold() == pv.casefold()}
            if tv != pv:
                pages[k]["meta"][fld].update(expected=t.get(fld), got=(pmeta.get(k) or {}).get(fld))
        fields[fld] = {"pages": n, "exact": exact / n if n else 0.0, "casefold": fold / n if n else 0.0}
        if fld in printed and (printed[fld][0] != n or abs(printed[fld][1] - fields[fld]["exact"]) > 6e-4
                               or abs(printed[fld][2] - fields[fld]["casefold"]) > 6e-4):
            notes.append(f"metadata {fld}: per-page count disagrees with score.py fields {printed[fld]}")

    summary = {k: res[k] for k in ("precision", "recall", "f1", "accuracy", "precision_strict",
                                   "n_pages", "n_empty_pred")}
    for fld in META_FIELDS:
        summary[fld] = fields[fld]["exact"]
        summary[fld + "_casefold"] = fields[fld]["casefold"]
    summary["errors"] = sum(1 for k in ids if "error" in pages[k])
    summary["extractor_seconds"] = secs
    halves = {}
    for h, hids in by_half(ids).items():
        hres = score.evaluate({k: truth[k] for k in hids}, {k: pred[k] for k in hids})
        summary[f"f1_{h}"] = hres["f1"]
        halves[h] = {"f1": (hres["f1"], len(hids))}
        for fld in ("title", "byline"):
            marks = [pages[k]["meta"][fld]["exact"] for k in hids if fld in pages[k]["meta"]]
            summary[f"{fld}_{h}"] = sum(marks) / len(marks) if marks else 0.0
            halves[h][fld] = (summary[f"{fld}_{h}"], len(marks))

    print(f"== readability ({len(ids)} pages, base {READABILITY_BASE})   extractor {secs:.2f} s")
    show_notes(notes)
    for key, label in (("f1", "body F1"), ("title", "title"), ("byline", "byline")):
        print(halves_line(label, {h: halves[h][key] for h in HALVES}))
    print(f"body      P {f3(res['precision'])}  R {f3(res['recall'])}  F1 {f3(res['f1'])}"
          f"   accuracy {f3(res['accuracy'])}  empty {res['n_empty_pred']}  errors {summary['errors']}")
    if res["n_empty_pred"]:
        say(f"          (precision counting empty predictions as 0: {f3(res['precision_strict'])})")
    for fld in META_FIELDS:
        x = fields[fld]
        print(f"{fld:<14} exact {f3(x['exact'])}  casefold {f3(x['casefold'])}   ({x['pages']} pages)")
    error_lines(arts, ids)
    worst = sorted((k for k in ids if pages[k]["f1"] < 1.0), key=lambda k: (pages[k]["f1"], k))[:10]
    say("worst 10 by body F1:" if worst else "every page has body F1 1.000")
    for k in worst:
        pg = pages[k]
        flag = "  [error: " + abbrev(pg["error"], 60) + "]" if "error" in pg else ("  [empty]" if pg["empty"] else "")
        say(f"  F1 {f3(pg['f1'])}  P {f3(pg['p'])}  R {f3(pg['r'])}  {k}{flag}")
    say()
    return {"readability": {"summary": summary, "pages": pages}}


# --------------------------------------------------------------------------
# trafilatura
# --------------------------------------------------------------------------
def run_trafilatura(ex, work, args):
    snippets = tool("snippets")
    root = os.path.join(SHARED, "corpus", "trafilatura")
    ev = json.load(open(os.path.join(root, "evaldata.json"), encoding="utf-8"))
    hdir = os.path.join(work, "trafilatura", "html")
    os.makedirs(hdir, exist_ok=True)
    items = []
    for k, e in ev.items():
        dst = gunzipped(os.path.join(root, e["file"]), os.path.join(hdir, k + ".html"))
        items.append({"id": k, "file": dst, "url": e.get("url")})
    arts, notes, secs = ex.run(items, "trafilatura")
    pred = {k: text_of(arts[k]) for k in ev}
    json.dump(pred, open(os.path.join(work, "trafilatura", "predictions.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)
    m, mistakes = snippets.score(ev, pred)

    pages = {}
    for k, e in ev.items():
        text = snippets.norm(pred.get(k))
        missed = [s for s in e.get("with", []) if snippets.norm(s) not in text]
        leaked = [s for s in e.get("without", []) if snippets.norm(s) in text]
        pages[k] = {"mistakes": mistakes[k], "missed": missed, "leaked": leaked,
                    "with": len(e.get("with", [])), "without": len(e.get("without", []))}
        if len(missed) + len(leaked) != mistakes[k]:
            notes.append(f"{k}: per-page snippet detail disagrees with snippets.py")
        if is_error(arts[k]):
            pages[k]["error"] = str(arts[k]["error"])
    summary = {k: m[k] for k in ("precision", "recall", "f1", "accuracy", "tp", "fn", "fp", "tn")}
    summary["pages"] = len(ev)
    summary["errors"] = sum(1 for k in pages if "error" in pages[k])
    summary["empty"] = sum(1 for k in ev if not pred[k].strip())
    summary["extractor_seconds"] = secs
    halves = {}
    for h, hids in by_half(ev).items():
        hm, _ = snippets.score({k: ev[k] for k in hids}, pred)
        summary[f"f1_{h}"] = hm["f1"]
        halves[h] = (hm["f1"], len(hids))

    print(f"== trafilatura ({len(ev)} pages, each with its own URL)   extractor {secs:.2f} s")
    show_notes(notes)
    print(halves_line("snippet F", halves))
    print(f"snippets  P {f3(m['precision'])}  R {f3(m['recall'])}  F {f3(m['f1'])}  accuracy {f3(m['accuracy'])}"
          f"   (main found {m['tp']}/{m['tp'] + m['fn']}, boilerplate leaked {m['fp']}/{m['fp'] + m['tn']},"
          f" empty {summary['empty']}, errors {summary['errors']})")
    error_lines(arts, list(ev))
    worst = sorted((k for k in ev if mistakes[k]), key=lambda k: (-mistakes[k], k))[:10]
    say("worst 10 by mistakes:" if worst else "no snippet mistakes")
    for k in worst:
        pg = pages[k]
        flag = "  [error: " + abbrev(pg["error"], 60) + "]" if "error" in pg else ""
        say(f"  {pg['mistakes']:3d}  {k}  {abbrev(ev[k].get('url'), 70)}{flag}")
        if pg["missed"]:
            say(f"         missed {len(pg['missed'])}/{pg['with']}: " + " | ".join(repr(abbrev(s)) for s in pg["missed"][:3])
                + (" …" if len(pg["missed"]) > 3 else ""))
        if pg["leaked"]:
            say(f"         leaked {len(pg['leaked'])}/{pg['without']}: " + " | ".join(repr(abbrev(s)) for s in pg["leaked"][:3])
                + (" …" if len(pg["leaked"]) > 3 else ""))
    say()
    return {"trafilatura": {"summary": summary, "pages": pages}}


# --------------------------------------------------------------------------
# wcxb
# --------------------------------------------------------------------------
def run_wcxb(ex, work, args):
    wcxb = tool("wcxb")
    root = os.path.join(SHARED, "corpus", "wcxb")
    truth = json.load(open(os.path.join(root, "truth.json"), encoding="utf-8"))
    hdir = os.path.join(work, "wcxb", "html")
    items = [{"id": k, "file": gunzipped(os.path.join(root, t["file"]), os.path.join(hdir, k + ".html")),
              "url": t.get("url")} for k, t in truth.items()]
    arts, notes, secs = ex.run(items, "wcxb")
    pred = {k: text_of(arts[k]) for k in truth}
    json.dump(pred, open(os.path.join(work, "wcxb", "predictions.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)
    table = {h: wcxb.score({k: truth[k] for k in hids}, pred)[0] for h, hids in by_half(truth).items()}
    everything, rows = wcxb.score(truth, pred)
    pages = {k: {"f1": r["f1"], "p": r["precision"], "r": r["recall"], "type": truth[k]["type"],
                 "half": half(k)} for k, r in rows.items()}
    for k in truth:
        if is_error(arts[k]):
            pages[k]["error"] = str(arts[k]["error"])
    summary = {"f1": everything["all"]["f1"], "precision": everything["all"]["precision"],
               "recall": everything["all"]["recall"], "pages": len(truth), "extractor_seconds": secs,
               "errors": sum(1 for k in pages if "error" in pages[k])}
    for h in HALVES:
        for group, g in table[h].items():
            summary["f1_" + h if group == "all" else f"{group}_{h}"] = g["f1"]

    print(f"== wcxb ({len(truth)} pages of {len(wcxb.TYPES)} types)   extractor {secs:.2f} s")
    show_notes(notes)
    print(f"{'word F1':<14}" + "".join(f"{h:>16}" for h in HALVES))
    for group in wcxb.TYPES + ["all"]:
        cells = "".join(f"{f3(table[h][group]['f1']):>10} ({table[h][group]['n']:>3})"
                        if group in table[h] else f"{'-':>16}" for h in HALVES)
        print(f"{group:<14}{cells}")
    error_lines(arts, list(truth))
    worst = sorted((k for k in truth if half(k) == "tune"), key=lambda k: (pages[k]["f1"], k))[:10]
    say("worst 10 of the tuning half by word F1:")
    for k in worst:
        pg = pages[k]
        say(f"  F1 {f3(pg['f1'])}  P {f3(pg['p'])}  R {f3(pg['r'])}  {k} {pg['type']:<13}"
            f" {abbrev(truth[k].get('url'), 60)}")
    say()
    return {"wcxb": {"summary": summary, "pages": pages}}


# --------------------------------------------------------------------------
# fixtures and teasers
# --------------------------------------------------------------------------
def match_teasers(expected, predicted, truncated=()):
    """Teaser matching. A predicted teaser is a true positive when its url equals an expected
    teaser's url exactly AND its whitespace-normalised title equals that teaser's (normalised)
    title; each expected teaser is matched at most once. Since a match is plain equality of the
    (url, title) key, greedy matching in page order is optimal.
    A predicted teaser that matches nothing is not counted against a group listed in `truncated`
    (an annotation that covers part of a carousel).
    Returns (tp, fp, fn, missed_expected_titles, spurious_predicted_titles)."""
    avail = collections.Counter((t.get("url"), norm(t.get("title"))) for t in expected)
    cut = {norm(x) if isinstance(x, str) else None for x in truncated}
    tp, spurious = 0, []
    for g in predicted:
        g = g if isinstance(g, dict) else {}
        key = (g.get("url"), norm(g.get("title") if isinstance(g.get("title"), str) else None))
        if avail[key] > 0:
            avail[key] -= 1
            tp += 1
        elif (norm(g["group"]) if isinstance(g.get("group"), str) else None) not in cut:
            spurious.append(key[1])
    missed = []
    for t in expected:
        key = (t.get("url"), norm(t.get("title")))
        if avail[key] > 0:
            avail[key] -= 1
            missed.append(key[1])
    return tp, len(spurious), len(missed), missed, spurious


def prf(tp, fp, fn):
    if tp + fp + fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class _BatchAnswers:
    """Stands in for the `subprocess` module inside check_fixture.py, so its check() runs
    unchanged on the answers of the single batch run instead of spawning one process per page."""

    def __init__(self, by_source):
        self.by_source = by_source

    def run(self, cmd, **kw):
        a = self.by_source[os.path.abspath(cmd[-1])]
        # A page that errored is checked as an empty Article, so it fails all its checks instead
        # of counting as the single failed check check_fixture.py would record (which would shrink
        # the total and could raise the pass rate when pages break).
        return subprocess.CompletedProcess(cmd, 0, json.dumps({} if is_error(a) else a).encode(), b"")


def run_fixtures(ex, work, args):
    cf = tool("check_fixture")
    dirs = []
    for prefix, base in (("main", os.path.join(ROOT, "tests", "fixtures")),
                         ("shared", os.path.join(SHARED, "fixtures"))):
        if os.path.isdir(base):
            for name in sorted(os.listdir(base)):
                dd = os.path.join(base, name)
                if os.path.isfile(os.path.join(dd, "expected.json")):
                    dirs.append((f"{prefix}/{name}", dd))
    exps, items = {}, []
    for fid, dd in dirs:
        try:
            exps[fid] = json.load(open(os.path.join(dd, "expected.json"), encoding="utf-8"))
        except ValueError as e:
            exps[fid] = {"_invalid": str(e)}
        url = exps[fid].get("url")
        items.append({"id": fid, "file": os.path.abspath(os.path.join(dd, "source.html")),
                      "url": url if isinstance(url, str) else None})
    notes, secs = [], 0.0
    arts = {}
    if items:
        arts, notes, secs = ex.run(items, "fixtures")
    json.dump(arts, open(os.path.join(work, "fixtures-output.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)

    # check_fixture.py semantics, by import: its check() with the batch answers.
    saved = cf.subprocess
    cf.subprocess = _BatchAnswers({it["file"]: arts[it["id"]] for it in items})
    pages, total, bad = {}, 0, 0
    try:
        for fid, dd in dirs:
            try:
                fails, n = cf.check(ex.bin, dd)
            except Exception as e:  # as check_fixture.py: a crash or bad JSON is one failed check
                fails, n = [f"{dd}: {type(e).__name__}: {e}"], 1
            fails = [f[len(dd) + 2:] if f.startswith(dd + ": ") else f for f in fails]
            pages[fid] = {"checks": n, "failed": fails}
            if is_error(arts.get(fid)):
                pages[fid]["error"] = str(arts[fid]["error"])
            total += n
            bad += len(fails)
    finally:
        cf.subprocess = saved

    tpages, TP, FP, FN = {}, 0, 0, 0
    for fid, _ in dirs:
        if "teasers" not in exps[fid]:
            continue
        a = arts.get(fid, {})
        got = [] if is_error(a) else (a.get("teasers") or [])
        tp, fp, fn, missed, spurious = match_teasers(exps[fid]["teasers"] or [], got)
        tpages[fid] = {"tp": tp, "fp": fp, "fn": fn, "missed": missed, "spurious": spurious}
        TP += tp; FP += fp; FN += fn
    P, R, F = prf(TP, FP, FN)

    n_main = sum(1 for f, _ in dirs if f.startswith("main/"))
    rate = (total - bad) / total if total else 1.0
    print(f"== fixtures ({len(dirs)} pages: {n_main} tests/fixtures, {len(dirs) - n_main} shared/fixtures)"
          f"   extractor {secs:.2f} s")
    show_notes(notes)
    print(f"checks    {total - bad}/{total} pass ({f3(rate)})")
    error_lines(arts, [f for f, _ in dirs])
    failed = [(fid, f) for fid in pages for f in pages[fid]["failed"]]
    if failed:
        say("failed checks:")
        for fid, f in failed[:30]:
            say(f"  {fid}: {abbrev(f, 150)}")
        if len(failed) > 30:
            say(f"  … {len(failed) - 30} more in last.json")
    say()
    print(f"== teasers ({len(tpages)} fixture pages with a teasers key)")
    print(f"teasers   P {f3(P)}  R {f3(R)}  F1 {f3(F)}   (tp {TP}, fp {FP}, fn {FN})")
    worst = sorted((k for k in tpages if tpages[k]["fp"] + tpages[k]["fn"]),
                   key=lambda k: (-(tpages[k]["fp"] + tpages[k]["fn"]), k))[:5]
    if worst:
        say("worst 5 by teaser mistakes:")
    for k in worst:
        t = tpages[k]
        say(f"  {t['fp'] + t['fn']:3d}  {k}  (tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")
        if t["missed"]:
            say("         missed:   " + " | ".join(repr(abbrev(s)) for s in t["missed"][:5])
                + (" …" if len(t["missed"]) > 5 else ""))
        if t["spurious"]:
            say("         spurious: " + " | ".join(repr(abbrev(s)) for s in t["spurious"][:5])
                + (" …" if len(t["spurious"]) > 5 else ""))
    say()
    return {"fixtures": {"summary": {"pass_rate": rate, "passed": total - bad, "total": total,
                                     "pages": len(dirs), "extractor_seconds": secs}, "pages": pages},
            "teasers": {"summary": {"precision": P, "recall": R, "f1": F, "tp": TP, "fp": FP, "fn": FN,
                                    "pages": len(tpages)}, "pages": tpages}}


# --------------------------------------------------------------------------
# unseen: the held-out teaser set (tests/unseen), by half
# --------------------------------------------------------------------------
NAVIGATION = ("previousArticle", "nextArticle", "nextPage")


def same_link(expected, got):
    """Navigation fields: both null, or the same URL (and title, when one is expected)."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, str):
        return expected == (got if isinstance(got, str) else None)
    return (isinstance(got, dict) and expected.get("url") == got.get("url")
            and norm(expected.get("title")) == norm(got.get("title")))


def run_unseen(ex, work, args):
    base = os.path.join(ROOT, "tests", "unseen")
    dirs = sorted(d for d in (os.listdir(base) if os.path.isdir(base) else [])
                  if os.path.isfile(os.path.join(base, d, "expected.json")))
    exps = {d: json.load(open(os.path.join(base, d, "expected.json"), encoding="utf-8")) for d in dirs}
    items = [{"id": d, "file": os.path.abspath(os.path.join(base, d, "source.html")),
              "url": exps[d].get("url")} for d in dirs]
    arts, notes, secs = ex.run(items, "unseen") if items else ({}, [], 0.0)
    pages, counts = {}, {h: [0, 0, 0] for h in HALVES}
    nav = {h: [0, 0] for h in HALVES}
    for d in dirs:
        e, a = exps[d], arts.get(d, {})
        got = [] if is_error(a) else (a.get("teasers") or [])
        h = half(e["source"]["id"])
        tp, fp, fn, missed, spurious = match_teasers(e.get("teasers") or [], got, e.get("truncatedGroups") or ())
        forbidden = sorted({norm(t.get("title")) for t in got if isinstance(t, dict)}
                           & {norm(x) for x in e.get("notTeasers", [])})
        wrong_nav = [f for f in NAVIGATION if f in e and not same_link(e[f], None if is_error(a) else a.get(f))]
        pages[d] = {"half": h, "tp": tp, "fp": fp, "fn": fn, "missed": missed, "spurious": spurious,
                    "notTeasers": forbidden, "navigation": wrong_nav}
        for i, v in enumerate((tp, fp, fn)):
            counts[h][i] += v
        nav[h][0] += sum(1 for f in NAVIGATION if f in e)
        nav[h][1] += len(wrong_nav)
    summary = {"pages": len(dirs), "extractor_seconds": secs}
    print(f"== unseen teasers ({len(dirs)} held-out pages in tests/unseen)   extractor {secs:.2f} s")
    show_notes(notes)
    for h in HALVES:
        P, R, F = prf(*counts[h])
        hd = [d for d in dirs if pages[d]["half"] == h]
        mean = sum(prf(pages[d]["tp"], pages[d]["fp"], pages[d]["fn"])[2] for d in hd) / len(hd) if hd else 1.0
        bad = sum(len(pages[d]["notTeasers"]) for d in hd)
        summary.update({f"precision_{h}": P, f"recall_{h}": R, f"f1_{h}": F, f"page_f1_{h}": mean,
                        f"not_teasers_{h}": bad, f"navigation_wrong_{h}": nav[h][1]})
        print(f"{h:<6} ({len(hd):>2} pages)  P {f3(P)}  R {f3(R)}  F1 {f3(F)}   (tp {counts[h][0]}, fp {counts[h][1]},"
              f" fn {counts[h][2]}); mean page F1 {f3(mean)}; notTeasers listed {bad};"
              f" navigation fields wrong {nav[h][1]}/{nav[h][0]}")
    worst = sorted((d for d in dirs if pages[d]["half"] == "tune" and pages[d]["fp"] + pages[d]["fn"]),
                   key=lambda d: (-(pages[d]["fp"] + pages[d]["fn"]), d))[:8]
    if worst:
        say("worst of the tuning half by teaser mistakes:")
    for d in worst:
        t = pages[d]
        say(f"  {t['fp'] + t['fn']:3d}  {d}  (tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")
        for label, lst in (("missed:  ", t["missed"]), ("spurious:", t["spurious"])):
            if lst:
                say(f"         {label} " + " | ".join(repr(abbrev(x)) for x in lst[:4]) + (" …" if len(lst) > 4 else ""))
    say()
    return {"unseen": {"summary": summary, "pages": pages}}


# --------------------------------------------------------------------------
# comparison with the previous run
# --------------------------------------------------------------------------
def page_score(section, pg):
    """(comparable number, higher is better; display string)"""
    if section in ("readability", "wcxb"):
        return pg["f1"], f3(pg["f1"])
    if section == "trafilatura":
        return -pg["mistakes"], f"{pg['mistakes']} mistakes"
    if section == "fixtures":
        return -len(pg["failed"]), f"{pg['checks'] - len(pg['failed'])}/{pg['checks']} checks"
    if section in ("teasers", "unseen"):
        return -(pg["fp"] + pg["fn"]), f"fp {pg['fp']} fn {pg['fn']}"
    return 0, ""


def compare(prev, new):
    when = prev.get("timestamp", "?")
    print(f"== compared with the previous run ({when}"
          + (f", bin {prev.get('bin')}" if prev.get("bin") and prev.get("bin") != new.get("bin") else "") + ")")
    psecs = prev.get("sections", {})
    for sec, cur in new["sections"].items():
        old = psecs.get(sec)
        if not old:
            print(f"{sec:<12} not in the previous run")
            continue
        parts = []
        for k in SUMMARY_KEYS.get(sec, ()):
            a, b = old.get("summary", {}).get(k), cur["summary"].get(k)
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(b - a) >= 5e-4:
                parts.append(f"{k} {f3(a)}→{f3(b)} ({b - a:+.3f})")
        print(f"{sec:<12} " + ("  ".join(parts) if parts else "no change in the summary"))
        opages, npages = old.get("pages", {}), cur["pages"]
        changed = []
        for k in npages:
            if k in opages:
                try:
                    (a, sa), (b, sb) = page_score(sec, opages[k]), page_score(sec, npages[k])
                except (KeyError, TypeError):
                    continue
                if abs(b - a) > 1e-9:
                    changed.append((b - a, k, sa, sb))
        added = [k for k in npages if k not in opages]
        gone = [k for k in opages if k not in npages]
        up = sorted((c for c in changed if c[0] > 0), key=lambda c: (-c[0], c[1]))
        down = sorted((c for c in changed if c[0] < 0), key=lambda c: (c[0], c[1]))
        if up or down or added or gone:
            say(f"             pages: {len(up)} better, {len(down)} worse"
                + (f", {len(added)} new" if added else "") + (f", {len(gone)} gone" if gone else ""))
        for label, lst in (("better", up), ("worse", down)):
            for d, k, sa, sb in lst[:10]:
                dd = f"{d:+.3f}" if sec in ("readability", "wcxb") else f"{d:+.0f}"
                say(f"    {label:<6} {dd:>7}  {sa} → {sb}  {k}")
        if sec == "readability":
            flips = []
            for k in npages:
                om, nm = (opages.get(k) or {}).get("meta", {}), npages[k].get("meta", {})
                for fld in META_FIELDS:
                    if fld in om and fld in nm and om[fld]["exact"] != nm[fld]["exact"]:
                        flips.append(("+" if nm[fld]["exact"] else "-") + f"{fld} {k}")
            if flips:
                say(f"    metadata now right (+) / wrong (-): " + ", ".join(flips[:12])
                    + (f" … ({len(flips)})" if len(flips) > 12 else ""))
    print()


# --------------------------------------------------------------------------
# floors
# --------------------------------------------------------------------------
def floor3(x):
    return math.floor(x * 1000 + 1e-9) / 1000


def check_floors(floors, sections):
    tol = float(floors.get("tolerance", 0.005))
    fails, checked, headroom = [], 0, 0
    for sec, mets in floors.items():
        if sec == "tolerance" or sec.startswith("_") or not isinstance(mets, dict):
            continue
        if sec not in sections:
            continue  # not measured in this run (--only)
        summ = sections[sec]["summary"]
        for k, fl in mets.items():
            if k.startswith("_"):
                continue
            if k not in summ or not isinstance(summ[k], float) or k == "extractor_seconds":
                fails.append(f"{sec}.{k}: no such measured value (known: "
                             + ", ".join(x for x in summ if isinstance(summ[x], float) and x != "extractor_seconds") + ")")
                continue
            checked += 1
            v = summ[k]
            if v < fl - tol:
                fails.append(f"{sec}.{k} = {f3(v)} is below its floor {f3(fl)} (tolerance {tol})")
            elif v >= fl + 0.01:
                headroom += 1
    if fails:
        print("FLOOR CHECK FAILED:")
        for f in fails:
            print(f"  {f}")
    else:
        print(f"floors    ok ({checked} checked, tolerance {tol})"
              + (f"; {headroom} values are 0.01+ above their floor (raise with --update-floors)"
                 if headroom else ""))
    return not fails


def update_floors(path, floors, sections):
    new = json.loads(json.dumps(floors)) if floors else json.loads(json.dumps(DEFAULT_FLOORS))
    for sec, mets in new.items():
        if sec == "tolerance" or sec.startswith("_") or not isinstance(mets, dict) or sec not in sections:
            continue
        for k in list(mets):
            v = sections[sec]["summary"].get(k)
            if k.startswith("_"):
                continue
            if not isinstance(v, float) or k == "extractor_seconds":
                print(f"floor     {sec}.{k}: no such measured value, left as it is")
                continue
            nv = floor3(v)
            if nv != mets[k]:
                print(f"floor     {sec}.{k}: {f3(mets[k])} → {f3(nv)}" + ("   (LOWERED)" if nv < mets[k] else ""))
            mets[k] = nv
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(new, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    print(f"floors    written to {shown(path)}")


# --------------------------------------------------------------------------
# self test
# --------------------------------------------------------------------------
def selftest():
    ok = True

    def check(name, got, want):
        nonlocal ok
        good = got == want
        print(("ok   " if good else "FAIL ") + name + ("" if good else f": got {got!r}, want {want!r}"))
        ok &= good

    A = {"title": "Alpha story", "url": "https://x.example/a"}
    B = {"title": "Beta  news\n today", "url": "https://x.example/b"}
    r = match_teasers([A, B], [dict(A), dict(A), {"title": " Beta news today ", "url": "https://x.example/b"}])
    check("duplicate predicted teaser: once TP, once FP", r[:3], (2, 1, 0))
    check("duplicate is reported as spurious", r[4], ["Alpha story"])
    r = match_teasers([B], [{"title": "Beta\tnews   today", "url": "https://x.example/b"}])
    check("title whitespace normalised on both sides", r[:3], (1, 0, 0))
    r = match_teasers([A], [{"title": "Alpha story", "url": "https://x.example/a/"}])
    check("url must match exactly (trailing slash)", r[:3], (0, 1, 1))
    r = match_teasers([A], [{"title": "Alpha story", "url": "http://x.example/a"}])
    check("url must match exactly (scheme)", r[:3], (0, 1, 1))
    r = match_teasers([A], [{"title": "alpha story", "url": "https://x.example/a"}])
    check("title is case-sensitive", r[:3], (0, 1, 1))
    r = match_teasers([A, dict(A)], [dict(A)])
    check("two identical expected teasers, one predicted", r[:4], (1, 0, 1, ["Alpha story"]))
    r = match_teasers([], [A, {"title": None, "url": None}, "junk"])
    check("empty expectation: every prediction is FP", r[:3], (0, 3, 0))
    r = match_teasers([A, B], [])
    check("nothing predicted: every expected is FN", (r[:3], r[3]), ((0, 0, 2), ["Alpha story", "Beta news today"]))
    r = match_teasers([A, B], [dict(B), dict(A)])
    check("order does not matter", r[:3], (2, 0, 0))
    check("prf pooled", tuple(round(x, 6) for x in prf(2, 1, 1)), (round(2 / 3, 6),) * 3)
    check("prf of nothing", prf(0, 0, 0), (1.0, 1.0, 1.0))
    check("prf no prediction", prf(0, 0, 3), (0.0, 0.0, 0.0))
    check("floor rounding down", (floor3(0.9789), floor3(0.98), floor3(1.0)), (0.978, 0.98, 1.0))
    sh = _BatchAnswers({os.path.abspath("/x/source.html"): {"error": "unreadable"}})
    r = sh.run(["bin", "/x/source.html"])
    check("an erroring page is checked as an empty article", (r.returncode, json.loads(r.stdout)), (0, {}))
    return ok


# --------------------------------------------------------------------------
def main():
    global QUIET
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "decant"),
                    help="extractor CLI (default target/release/decant)")
    ap.add_argument("--only", action="append", choices=SECTIONS,
                    help="run only this section (repeatable); fixtures includes the teaser scores")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "eval"),
                    help="work dir for ground truth, predictions and last.json (default target/eval)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true", help="exit 1 when a value is below its floor")
    g.add_argument("--update-floors", action="store_true", help="set the floors to the current values")
    g.add_argument("--selftest", action="store_true", help="unit checks of the teaser matching")
    ap.add_argument("--floors", default=os.path.join(ROOT, "tests", "quality-floors.json"),
                    help="floors file (default tests/quality-floors.json)")
    ap.add_argument("--no-save", action="store_true", help="do not write last.json (still compare)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds allowed for one batch run")
    a = ap.parse_args()
    if hasattr(signal, "SIGPIPE"):  # `eval.py | head` should not end in a traceback
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if a.selftest:
        sys.exit(0 if selftest() else 1)
    QUIET = a.quiet
    t0 = time.perf_counter()
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    ex = Extractor(os.path.abspath(a.bin), work, a.timeout)
    only = a.only or list(SECTIONS)

    sections = {}
    for sec, fn in (("readability", run_readability), ("trafilatura", run_trafilatura),
                    ("wcxb", run_wcxb), ("fixtures", run_fixtures), ("unseen", run_unseen)):
        if sec in only:
            sections.update(fn(ex, work, a))
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    for s in sections.values():
        s["timestamp"] = now
    new = {"timestamp": now, "bin": ex.bin, "batch": bool(ex.batch), "sections": sections}

    last = os.path.join(work, "last.json")
    prev = None
    if os.path.exists(last):
        try:
            prev = json.load(open(last, encoding="utf-8"))
        except ValueError:
            print(f"note      {last} is not valid JSON; no comparison")
    if prev and isinstance(prev.get("sections"), dict):
        compare(prev, new)

    ok = True
    floors = None
    if os.path.exists(a.floors):
        floors = json.load(open(a.floors, encoding="utf-8"))
    if a.check:
        if floors is None:
            print(f"floors    {a.floors} not found: nothing checked")
        else:
            ok = check_floors(floors, sections)
    if a.check and ex.broken:
        print("CHECK FAILED: the extractor crashed: " + "; ".join(ex.broken))
        ok = False
    if a.update_floors and ex.broken:
        print("floors    not updated: the extractor crashed: " + "; ".join(ex.broken))
    elif a.update_floors:
        update_floors(a.floors, floors, sections)

    wall = time.perf_counter() - t0
    new["wall_seconds"] = wall
    if not a.no_save:
        merged = dict(prev) if prev and isinstance(prev.get("sections"), dict) else {}
        merged.update({k: v for k, v in new.items() if k != "sections"})
        merged["sections"] = dict(merged.get("sections", {}))
        merged["sections"].update(sections)  # sections skipped by --only keep their last result
        tmp = last + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(merged, f, ensure_ascii=False, indent=1)
        os.replace(tmp, last)
    print(f"total wall time {wall:.2f} s (extractor {ex.seconds:.2f} s, "
          f"{'batch mode' if ex.batch else 'one process per page'})"
          + ("" if a.no_save else f"; per page results in {shown(last)}"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
