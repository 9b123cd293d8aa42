"""How topic-mismatch behaves on a labelled corpus, without testing on its own training data.

    python eval/topics_eval.py CORPUS_FOLDER [--field topics] [--seed 7]

Leave-one-out: for each labelled file, a profile is learnt from all the other files (copies with
the same title left out too), and
topic-mismatch (default options, that profile only) checks
  - the file as it is: every finding is counted as a false alarm (the corpus' own labels are taken
    as right, which they are not always: look at the listed hits);
  - the file with one of its judged labels swapped for a random other label of the taxonomy that
    the file does not carry: a finding on the swapped label counts as a detection.
Prints the counts, the false alarms and the time per file.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from linter import document  # noqa: E402
from rules.content import _profiles, topic_mismatch  # noqa: E402


def check(doc, options) -> list:
    """topic-mismatch's reports on one document, alone (the rule's fallback word weights)."""
    return [r for _, r in topic_mismatch.report({doc.path: topic_mismatch.collect(doc, options)}, options)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--field", default="topics")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-support", type=float, default=topic_mismatch.OPTIONS["max-support"])
    ap.add_argument("--min-support", type=float, default=topic_mismatch.OPTIONS["min-support"])
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    files = sorted(Path(args.folder).rglob("*.md"))
    docs = [document.parse(p.read_bytes(), str(p)) for p in files]
    docs = [d for d in docs if isinstance(d.data, dict) and _profiles.labels_of(d.data, (args.field,))]
    options = dict(topic_mismatch.OPTIONS, builtin=False, fields=[args.field])
    options.update({"max-support": args.max_support, "min-support": args.min_support})
    alarms, swapped, detected, elapsed = [], 0, 0, 0.0
    def title(d):
        return " ".join(str(d.data.get("title", "")).lower().split())

    for i, doc in enumerate(docs):
        # leave out the file and its re-published copies (same title)
        profile = _profiles.learn((d for d in docs if title(d) != title(doc)), (args.field,))
        path = Path("loo-profile.json")
        real_load = _profiles.load
        _profiles.load = lambda p, _profile=profile: _profile  # noqa: E731
        try:
            opts = dict(options, profiles=[str(path)])
            start = time.perf_counter()
            hits = check(doc, opts)
            elapsed += time.perf_counter() - start
            alarms.extend((doc.path, h.message) for h in hits)
            labels = {lab for _, _, lab in _profiles.labels_of(doc.data, (args.field,))}
            judged = [n for n, e in profile["labels"].items() if not e.get("generic") and e.get("terms")]
            own = [lab for lab in labels if lab in judged]
            others = [n for n in judged if n not in labels]
            if own and others:
                old, new = rng.choice(own), rng.choice(others)
                value = doc.data[args.field]
                changed = [new if v == old else v for v in value] if isinstance(value, list) else new
                text = doc.text.replace(f"- {old}\n", f"- {new}\n", 1) if isinstance(value, list) else doc.text
                if text != doc.text:
                    swapped += 1
                    twin = document.parse(text.encode("utf-8"), doc.path)
                    assert twin.data[args.field] == changed
                    found = [h for h in check(twin, opts) if f'"{new}"' in h.message.split(" has ")[0]]
                    detected += bool(found)
        finally:
            _profiles.load = real_load
    print(f"{len(docs)} labelled files (leave-one-out profiles)")
    print(f"unmodified files: {len(alarms)} findings in {len({a[0] for a in alarms})} files")
    for path, message in alarms:
        print(f"  {Path(path).name}: {message}")
    print(f"one label swapped for another: {detected} of {swapped} swaps reported "
          f"({detected / swapped:.0%})" if swapped else "no label could be swapped")
    print(f"time: {1000 * elapsed / max(1, len(docs)):.2f} ms per file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
