#!/usr/bin/env python3
"""The cost of the shared block scan of bodies (linter/body.py), side by side with the body floor's
lower-cased word split and with markdown-it's block parse, per article, on a corpus with bodies.

    python bench/body_scan.py ../shared/corpus/gtcode-news [more folders] [--repeat 5]

Each file is read and parsed once (not timed); then each way of reading the bodies is timed over
all of them, `--repeat` times in turn, and the median per article is printed. `scan+code` adds the
code ranges (code blocks and inline code spans) the text rules ask for.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from linter import body as body_scan  # noqa: E402
from linter.document import parse  # noqa: E402

_WORD = re.compile(r"\w+")


def _documents(folders):
    docs = []
    for top in folders:
        for dirpath, _, names in os.walk(top):
            for name in sorted(names):
                if name.endswith(".md"):
                    with open(os.path.join(dirpath, name), "rb") as fh:
                        doc = parse(fh.read(), name)
                    if doc.has_front_matter:
                        docs.append(doc)
    return docs


def _first_line(doc) -> int:
    return 1 + doc.text.count("\n", 0, doc.body_start)


def word_split(docs):
    for doc in docs:
        _WORD.findall(doc.text[doc.body_start :].lower())


def paragraph_split(docs):
    for doc in docs:
        doc.text[doc.body_start :].split("\n\n")


def scan(docs):
    for doc in docs:
        body_scan.scan(doc.text, doc.body_start, _first_line(doc))


def scan_and_code(docs):
    for doc in docs:
        blocks = body_scan.scan(doc.text, doc.body_start, _first_line(doc))
        body_scan.code_ranges(blocks, doc.text)


def scan_and_text(docs):
    for doc in docs:
        for block in body_scan.scan(doc.text, doc.body_start, _first_line(doc)):
            block.text


def markdown_it(docs):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable("inline")
    for doc in docs:
        md.parse(doc.text[doc.body_start :])


WAYS = {"word split": word_split, "paragraph split": paragraph_split, "scan": scan, "scan+code": scan_and_code,
        "scan+text": scan_and_text, "markdown-it blocks": markdown_it}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-markdown-it", action="store_true", help="leave markdown-it out (slow)")
    args = ap.parse_args(argv)
    docs = _documents(args.folders)
    ways = {k: v for k, v in WAYS.items() if not (args.no_markdown_it and k.startswith("markdown"))}
    times: dict[str, list[float]] = {k: [] for k in ways}
    for _ in range(args.repeat):
        for name, fn in ways.items():
            start = time.perf_counter()
            fn(docs)
            times[name].append(time.perf_counter() - start)
    chars = sum(len(d.text) - d.body_start for d in docs)
    print(f"{len(docs)} articles, {chars / max(1, len(docs)) / 1000:.1f} k characters of body each on average; "
          f"median of {args.repeat} runs")
    floor = statistics.median(times["word split"])
    for name, runs in times.items():
        med = statistics.median(runs)
        print(f"{name:20s} {med * 1000 / max(1, len(docs)):7.3f} ms/article  {med:6.3f} s total  "
              f"{med / floor:5.2f}x the word split")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
