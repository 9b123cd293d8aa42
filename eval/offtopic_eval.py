"""Evaluate off-topic-section on a labelled set built by splicing the articles in eval/articles.

    python eval/offtopic_eval.py [--articles DIR] [--filler FILE] [--seed N] [--repeat N] [--show]

Cases (all deterministic for a given --seed):
  - every article unmodified (all of it is on-topic);
  - section splices: a whole section (heading and blocks) of another article inserted between two
    sections (2 per article);
  - block splices: one paragraph or list of another article inserted inside a section (2 per article);
  - filler splices: a generic theme/demo block (eval/filler.md) inserted inside a section, like the
    planning-tips list in a reposted blog article (1 per article).

A finding is a true positive when it covers at least half of an inserted span's lines and at least
half of its own lines are inserted ones. Precision = true findings / findings; recall = inserted
spans found / inserted spans. Prints the figures for the default method and, if the optional
semantic extra is installed, for method = "semantic", with the time per 1,000 articles.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from linter import config as cfg  # noqa: E402
from linter import registry  # noqa: E402
from linter.engine import Linter  # noqa: E402


def split_article(text: str):
    """(front matter lines incl. delimiters, sections) where a section is a list of blocks and a
    block is a list of lines; sections[0] is the introduction (no heading)."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    fm, body = lines[: end + 1], lines[end + 1 :]
    blocks, cur = [], []
    for line in body:
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    sections = [[]]
    for b in blocks:
        if b[0].startswith("#"):
            sections.append([b])
        else:
            sections[-1].append(b)
    return fm, sections


def render(fm, sections, marked: set[int]):
    """Document text and the 1-based line ranges of the marked blocks (by id)."""
    out = list(fm) + [""]
    spans = []
    for sec in sections:
        for b in sec:
            start = len(out) + 1
            out.extend(b)
            if id(b) in marked:
                spans.append((start, len(out)))
            out.append("")
    return "\n".join(out) + "\n", spans


def merge(spans):
    spans = sorted(spans)
    out = []
    for s, e in spans:
        if out and s <= out[-1][1] + 2:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def build_cases(articles: dict[str, str], fillers: list[list[str]], seed: int):
    rng = random.Random(seed)
    parsed = {name: split_article(text) for name, text in articles.items()}
    names = sorted(parsed)
    cases = []
    for name in names:
        fm, secs = parsed[name]
        text, _ = render(fm, secs, set())
        cases.append((f"{name} (original)", text, []))
        others = [n for n in names if n != name]
        # whole sections from other articles, between two sections
        for other in rng.sample(others, 2):
            o_secs = [s for s in parsed[other][1][1:] if len(s) > 1]
            piece = [list(b) for b in rng.choice(o_secs)]
            at = rng.randint(1, len(secs))
            new = [list(map(list, s)) for s in secs]
            new.insert(at, piece)
            text, spans = render(fm, new, {id(b) for b in piece})
            cases.append((f"{name} + section of {other}", text, merge(spans)))
        # single blocks from other articles, inside a section
        for other in rng.sample(others, 2):
            o_blocks = [b for s in parsed[other][1] for b in s if not b[0].startswith("#")]
            piece = list(rng.choice(o_blocks))
            new = [list(map(list, s)) for s in secs]
            target = rng.choice([i for i, s in enumerate(new) if len(s) >= 2 or i == 0])
            lo = 1 if new[target] and new[target][0][0].startswith("#") else 0
            pos = rng.randint(lo + 1 if len(new[target]) > lo + 1 else lo, len(new[target]))
            new[target].insert(pos, piece)
            text, spans = render(fm, new, {id(piece)})
            cases.append((f"{name} + block of {other}", text, merge(spans)))
        # theme filler inside a section
        piece = list(rng.choice(fillers))
        new = [list(map(list, s)) for s in secs]
        target = rng.randrange(len(new))
        lo = 1 if new[target] and new[target][0][0].startswith("#") else 0
        pos = rng.randint(lo, len(new[target]))
        new[target].insert(pos, piece)
        text, spans = render(fm, new, {id(piece)})
        cases.append((f"{name} + filler", text, merge(spans)))
    return cases


def load_fillers(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    text = text.split("-->", 1)[1] if "-->" in text else text
    out = []
    for chunk in text.split("%%"):
        blocks, cur = [], []
        for line in chunk.strip().split("\n"):
            if line.strip():
                cur.append(line)
            elif cur:
                blocks.append(cur)
                cur = []
        if cur:
            blocks.append(cur)
        # a filler is one block; "intro paragraph + list" is kept as two lines groups joined
        lines = []
        for i, b in enumerate(blocks):
            if i:
                lines.append("")
            lines.extend(b)
        out.append(lines)
    return out


def _lines(s, e):
    return set(range(s, e + 1))


def evaluate(cases, options: dict, reg, repeat: int = 1, show: bool = False):
    config = cfg.from_dict({"select": ["CT001"], "rules": {"off-topic-section": options}}, HERE)
    settings = cfg.resolve(config, reg)
    linter = Linter(settings)
    tp_findings = findings = found = positives = 0
    false_hits = []
    missed = []
    start = time.perf_counter()
    for r in range(repeat):
        for name, text, spans in cases:
            doc = linter.parse(text.encode("utf-8"), "case.md")
            result = linter.lint_document(doc, "case.md", "case.md")
            if r:
                continue
            hits = [f for f in result.findings if f.rule == "off-topic-section"]
            if any(f.message.startswith("option method") for f in hits):
                raise SystemExit(hits[0].message)
            body = set()
            for s, e in spans:
                body |= _lines(s, e)
            findings += len(hits)
            for f in hits:
                own = _lines(f.line, f.end_line)
                if len(own & body) * 2 >= len(own):
                    tp_findings += 1
                else:
                    false_hits.append((name, f.line, f.end_line, f.message[:110]))
            for s, e in spans:
                positives += 1
                target = _lines(s, e)
                if any(len(_lines(f.line, f.end_line) & target) * 2 >= len(target) for f in hits):
                    found += 1
                else:
                    missed.append((name, s, e))
    elapsed = (time.perf_counter() - start) / repeat
    precision = tp_findings / findings if findings else 1.0
    recall = found / positives if positives else 1.0
    if show:
        for item in false_hits:
            print("  false positive:", *item)
        for item in missed:
            print("  missed:", *item)
    return precision, recall, findings, positives, elapsed / len(cases) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", default=str(HERE / "articles"))
    ap.add_argument("--filler", default=str(HERE / "filler.md"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions (default 3)")
    ap.add_argument("--show", action="store_true", help="list false positives and misses")
    ap.add_argument("--no-semantic", action="store_true")
    args = ap.parse_args(argv)
    articles = {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(args.articles).glob("*.md"))}
    cases = build_cases(articles, load_fillers(Path(args.filler)), args.seed)
    n_pos = sum(len(c[2]) for c in cases)
    print(f"{len(articles)} articles, {len(cases)} cases ({len(articles)} unmodified), {n_pos} inserted spans")
    reg = registry.load()
    methods = [("terms (default)", {})]
    if not args.no_semantic:
        from rules.content import _semantic

        problem = _semantic.unavailable()
        if problem:
            print(f"semantic backend: not installed, skipped ({problem.split('(')[1].split(')')[0]})")
        else:
            methods.append(("semantic", {"method": "semantic"}))
    print(f"{'method':<18} {'precision':>9} {'recall':>7} {'findings':>8} {'s per 1,000 articles':>21}")
    for label, options in methods:
        if options.get("method") == "semantic":  # load the model before timing
            _semantic.model()
        p, r, nf, npos, per_1000 = evaluate(cases, options, reg, args.repeat, args.show)
        print(f"{label:<18} {p:>9.3f} {r:>7.3f} {nf:>8} {per_1000:>21.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
