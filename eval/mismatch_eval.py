"""Recall of title-slug-mismatch and topic-mismatch on defects planted into copies of real corpora.

    python eval/mismatch_eval.py POWERAPPS_DIR AI_NEWS_DIR [--seed 7] [--plants 60]

Each corpus folder is copied to a temporary folder, where defects are planted, and newslint
(this checkout, default options, `--no-cache`) checks the copy:

- title swaps: the `title` of a file whose URL has a word slug is replaced by another file's
  title that shares at least one word with that slug, and only words that stand in at least
  COMMON of the corpus' titles ("power", "apps" on a Power Apps site). Found: a
  title-slug-mismatch finding at the file's `/title`.
- label swaps: a specific label of `topics` (one the bundled profile judges: not "AI") is
  replaced by another label of the taxonomy that has no support in the title, excerpt,
  related items and body (none of the label's own words; support at most 0.5 counted as the
  rule counts it, from the profile's words for the label less those that mark many labels).
  Found: a topic-mismatch finding at that label. Recall is also shown for the swaps where the
  swapped-out label was weakly supported (below min-support): no other label is then strongly
  supported, the case the rule before weighting never reported.

At most ROUND of a corpus' files are planted per copy, so the repository's word counts stay
those of the real corpus; the copies are checked one after another. Recall is printed with the
findings at any severity and at warning or worse (a finding below confidence 0.8 is shown at
info). The unplanted copy gives the false positives: every finding of either rule on it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from linter import document  # noqa: E402
from rules.content import _profiles, _terms, topic_mismatch  # noqa: E402
from rules.titles._slug import content, slug_tokens, slug_url, stem, tokens  # noqa: E402

COMMON = 0.10  # a word in at least this share of the titles is common
ROUND = 0.10  # at most this share of the files is planted in one copy
RULES = "title-slug-mismatch,topic-mismatch"
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


def load(folder: Path) -> list[tuple[str, str, document.Document]]:
    out = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = document.parse(text.encode("utf-8"), str(path))
        if isinstance(doc.data, dict):
            out.append((path.relative_to(folder).as_posix(), text, doc))
    return out


def check(folder: Path) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "--format", "json", "--select", RULES,
                          "-j", "1", "--no-progress", "--exit-zero", "."], cwd=folder, capture_output=True, text=True)
    return json.loads(run.stdout)["findings"]


def title_plants(files, rng, limit) -> list[tuple[str, str, str]]:
    """(path, new text, donor title) for up to `limit` files."""
    titles = {path: doc.data.get("title") for path, _, doc in files}
    stems_of = {p: {stem(w) for w in content(tokens(t))} for p, t in titles.items() if isinstance(t, str)}
    df = Counter(s for stems in stems_of.values() for s in stems)
    common = {s for s, n in df.items() if n >= COMMON * len(stems_of)}
    plants = []
    order = [f for f in files if f[0] in stems_of]
    rng.shuffle(order)
    for path, text, doc in order:
        found = slug_url(doc.data)
        slug = slug_tokens(found[1]) if found else None
        if slug is None or len(_TITLE_LINE.findall(text)) != 1:
            continue
        slug_stems = {stem(w) for w in content(slug)}
        donors = [p for p, stems in stems_of.items()
                  if p != path and titles[p] != titles[path] and stems & slug_stems and stems & slug_stems <= common]
        if not donors:
            continue
        donor = titles[rng.choice(sorted(donors))]
        plants.append((path, _TITLE_LINE.sub(lambda _: "title: " + json.dumps(donor, ensure_ascii=False), text, 1), donor))
        if len(plants) >= limit:
            break
    return plants


def label_plants(files, rng, limit) -> list[tuple[str, str, str, str]]:
    """(path, new text, old label, new label) for up to `limit` files."""
    profile = _profiles.load(_profiles.BUNDLED)
    judged = {n: e for n, e in profile["labels"].items() if not e.get("generic") and e.get("terms")}
    plants = []
    order = list(files)
    rng.shuffle(order)
    for path, text, doc in order:
        value = doc.data.get("topics")
        if not isinstance(value, list):
            continue
        own = [lab for lab in value if lab in judged]
        if not own:
            continue
        terms = _profiles.document_terms(doc)
        words = {_terms.stem(w) for t, _ in _profiles.document_texts(doc) for w in _terms.words(t)}
        free = [n for n in judged if n not in value and _support(terms, profile, n) <= 0.5
                and not {_terms.stem(w) for w in _terms.words(n)} - {"ai"} & words]
        old = rng.choice(own)
        if not free or text.count(f"  - {old}\n") != 1:
            continue
        new = rng.choice(sorted(free))
        strong = _support(terms, profile, old) >= topic_mismatch.OPTIONS["min-support"]
        plants.append((path, text.replace(f"  - {old}\n", f"  - {new}\n"), old, new, strong))
        if len(plants) >= limit:
            break
    return plants


def _support(terms, profile, label) -> float:
    """A label's support as topic-mismatch counts it (its profile words, less those that mark many labels)."""
    return topic_mismatch._support(terms, topic_mismatch._marks(profile, label))[0]


def planted_runs(folder: Path, files, plants) -> list[tuple[tuple, list[dict]]]:
    """Check copies with at most ROUND of the files planted each; (plant, its findings) for each plant."""
    per_round = max(1, int(ROUND * len(files)))
    out = []
    for start in range(0, len(plants), per_round):
        batch = plants[start : start + per_round]
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / folder.name
            shutil.copytree(folder, copy)
            for plant in batch:
                (copy / plant[0]).write_text(plant[1], encoding="utf-8")
            findings = check(copy)
        for plant in batch:
            out.append((plant, [f for f in findings if f["path"] == plant[0]]))
    return out


def recall(name, results, hit) -> None:
    found = [(p, fs) for p, fs in results if any(hit(p, f) for f in fs)]
    warned = [(p, fs) for p, fs in found if any(hit(p, f) and f["severity"] != "info" for f in fs)]
    n = len(results)
    if not n:
        print(f"  {name}: nothing to plant")
        return
    print(f"  {name}: {len(found)}/{n} found, recall {len(found) / n:.2f} "
          f"(at warning or worse: {len(warned)}, {len(warned) / n:.2f})")
    for plant, fs in results:
        if not any(hit(plant, f) for f in fs):
            print(f"    missed {plant[0]}: {' -> '.join(plant[2:4])}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--plants", type=int, default=60, help="at most this many plants of each kind per corpus")
    args = ap.parse_args(argv)
    for folder in args.folders:
        rng = random.Random(args.seed)
        files = load(folder)
        print(f"{folder.name}: {len(files)} files")
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / folder.name
            shutil.copytree(folder, copy)
            clean = check(copy)
        for rule in RULES.split(","):
            mine = [f for f in clean if f["rule"] == rule]
            warned = sum(f["severity"] != "info" for f in mine)
            print(f"  unplanted copy: {len(mine)} {rule} findings ({warned} at warning or worse)")
            for f in mine:
                print(f"    {f['path']} {f['pointer']} [{f['severity']}] {f['message'][:160]}")
        titles = planted_runs(folder, files, title_plants(files, rng, args.plants))
        recall("title swaps (title-slug-mismatch)", titles,
               lambda p, f: f["rule"] == "title-slug-mismatch" and f["pointer"] == "/title")
        labels = planted_runs(folder, files, label_plants(files, rng, args.plants))
        def swapped(p, f):
            return f["rule"] == "topic-mismatch" and f'"{p[3]}"' in f["message"]

        recall("label swaps (topic-mismatch)", labels, swapped)
        recall("  of which the swapped-out label was weakly supported (no strong alternative left)",
               [r for r in labels if not r[0][4]], swapped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
