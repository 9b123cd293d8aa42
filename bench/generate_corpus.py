#!/usr/bin/env python3
"""Generate a benchmark corpus: N files copied round-robin from folders of real files, under
distinct names, with titles and URLs varied so the copies are not all duplicates of each other.

    python bench/generate_corpus.py ../shared/corpus/* -n 10000 -o /tmp/corpus10k [--dirty 0.33]

--dirty F makes a fraction F of the files need a safe fix (`published: "true"` for `true`).
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

TITLE = re.compile(r'^(title: ")(.*?)(")', re.M)
URL = re.compile(r'^((?:webUrl|originalUrl): "?https?://[^/\s"]+/)', re.M)
PUBLISHED = re.compile(r"^published: true\s*$", re.M)


def sources(folders: list[str]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        p = Path(folder)
        out.extend(sorted(p.rglob("*.md")) if p.is_dir() else [p] if p.suffix == ".md" else [])
    if not out:
        raise SystemExit("no .md files found in the given folders")
    return out


def vary(text: str, i: int, dirty: bool) -> str:
    text = TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} (copy {i}){m.group(3)}", text, count=1)
    text = URL.sub(lambda m: f"{m.group(1)}copy-{i}/", text)
    if dirty:
        text = PUBLISHED.sub('published: "true"', text, count=1)
    return text


def generate(folders: list[str], n: int, out: Path, dirty: float = 0.0) -> int:
    files = sources(folders)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    every = round(1 / dirty) if dirty else 0
    for i in range(n):
        src = files[i % len(files)]
        sub = out / f"d{i // 1000:03}"
        sub.mkdir(exist_ok=True)
        text = src.read_text(encoding="utf-8", errors="surrogateescape")
        if i >= len(files):
            text = vary(text, i, bool(every) and i % every == 0)
        elif every and i % every == 0:
            text = vary(text, 0, True).replace(" (copy 0)", "").replace("copy-0/", "")
        (sub / f"{i:06}-{src.name}").write_text(text, encoding="utf-8", errors="surrogateescape")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+")
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--dirty", type=float, default=0.0)
    args = ap.parse_args()
    print(f"wrote {generate(args.folders, args.n, args.out, args.dirty)} files to {args.out}")


if __name__ == "__main__":
    main()
