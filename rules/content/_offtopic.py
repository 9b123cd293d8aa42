"""Finding the parts of a body that are not about the article (the engine of off-topic-section).

Each candidate span (a section, or a run of blocks inside one) is scored against the article's
anchor: the title, the description/excerpt, the labels (tags, topics, categories) and the rest of
the body with the span itself left out. Two scorers share this procedure:

- "terms" (the default): the share of the span's rare-word weight (see `_terms`) that the anchor
  also uses. Deterministic, no model, microseconds per block.
- "semantic" (the `semantic` extra): cosine similarity of sentence embeddings (all-MiniLM-L6-v2,
  installed as a package; never downloaded at run time).

Procedure: (1) each leaf section (a heading and the blocks up to the next heading) with enough
evidence is scored whole; contiguous low-scoring sections make one span. (2) Inside the other
sections, each block is scored alone; blocks with little evidence (a one-line aside) cannot start
a span, only join low neighbours, so a short on-topic remark is not flagged for lack of words.
A run of low blocks is then re-scored as a whole before it is reported.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from rules.content import _terms
from rules.content._markdown import body_of

META_FIELDS = (("title", 3.0), ("description", 2.0), ("excerpt", 2.0), ("summary", 2.0), ("subtitle", 2.0))
LABEL_FIELDS = ("tags", "topics", "categories", "keywords")


LONG_BODY = 40  # content blocks: beyond this, runs inside sections must score lower to be reported


class Span(NamedTuple):
    first: int  # index of the first block
    last: int  # index of the last block (inclusive)
    whole_section: bool
    score: float
    missing: list  # the article's key terms the span lacks


def meta_text(doc) -> list[tuple[str, float]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    out = []
    for key, scale in META_FIELDS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            out.append((value, scale))
    for key in LABEL_FIELDS:
        value = data.get(key)
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            labels = " ".join(v for v in value if isinstance(v, str))
            if labels.strip():
                out.append((labels, 2.0))
    return out


class TermScorer:
    """Default scorer. A span is off-topic when (1) less than `threshold` of its word weight occurs
    in the rest of the article and (2) it uses none of the article's `key-terms` heaviest words
    (ranked over title, description, labels and the rest of the body). On-topic text that brings
    new vocabulary (a section on air quality in a story about an eruption) still names the
    subject ("eruption"); spliced text does not."""

    name = "terms"

    def __init__(self, doc, blocks, options=None):
        options = options or {}
        self.threshold = float(options.get("threshold", 0.25))
        # a long body has more than ten key terms: one more for every five blocks beyond fifty
        self.k = int(options.get("key-terms", 10)) + max(0, len(blocks) - 50) // 5
        self.meta = Counter()
        meta = meta_text(doc)
        self._texts = [text for text, _ in meta] + [b.text for b in blocks]
        self._written: dict | None = None
        for text, scale in meta:
            self.meta.update(_terms.vector(text, scale))
        self.vecs = [_terms.vector(b.text, 1.5 if b.kind == "heading" else 1.0) for b in blocks]
        self.body = Counter()
        for v in self.vecs:
            self.body.update(v)
        total = Counter(self.meta)
        total.update(self.body)
        self.total = total
        self.ranking = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))

    def evidence(self, i: int) -> float:
        return _terms.mass(self.vecs[i])

    def span_vec(self, indices) -> Counter:
        if len(indices) == 1:
            return self.vecs[indices[0]]
        vec = Counter()
        for i in indices:
            vec.update(self.vecs[i])
        return vec

    def _rest(self, term, span) -> float:
        v = self.total.get(term, 0.0) - span.get(term, 0.0)
        return v if v > 1e-6 else 0.0

    def term_score(self, indices) -> float:
        span = self.span_vec(indices)
        return _terms.coverage(span, _Rest(self, span))

    score = term_score

    def key_hits(self, indices) -> int:
        """How many of the article's k heaviest words (the span left out) the span uses."""
        span = self.span_vec(indices)
        kth, seen = 0.0, 0
        for term, w in self.ranking:
            if term not in span:
                seen += 1
                if seen == self.k:
                    kth = w
                    break
        return sum(1 for t in span if self._rest(t, span) >= kth > 0 or (kth == 0 and self._rest(t, span) > 0))

    def judge(self, indices) -> tuple[float, bool]:
        sc = self.term_score(indices)
        return sc, sc < self.threshold and self.key_hits(indices) == 0

    def missing(self, indices, n: int = 5) -> list[str]:
        span = self.span_vec(indices)
        if self._written is None:
            self._written = _terms.surfaces(self._texts)
        out = []
        for term, _ in self.ranking:
            if term not in span:
                out.append(self._written.get(term, term))
                if len(out) == n:
                    break
        return out


class _Rest:
    __slots__ = ("scorer", "span")

    def __init__(self, scorer, span):
        self.scorer, self.span = scorer, span

    def get(self, term, default=0.0):
        return self.scorer._rest(term, self.span)


def find(doc, options, scorer_factory=None) -> tuple[list[Span], list, object]:
    """The off-topic spans of a document's body, its blocks and the scorer used."""
    body = body_of(doc, int(options.get("max-body-bytes", 1_048_576)))
    blocks = body.blocks
    content = [i for i, b in enumerate(blocks) if b.kind != "heading"]
    if len(content) < int(options.get("min-blocks", 3)):
        return [], blocks, None
    scorer = (scorer_factory or TermScorer)(doc, blocks, options)
    min_evidence = float(options["min-evidence"])
    min_block = float(options["min-block-evidence"])
    if _terms.mass(scorer.meta) + _terms.mass(scorer.body) < 3 * min_evidence:
        return [], blocks, scorer

    # Leaf sections: [start, end) block ranges; the introduction has no heading.
    sections, start = [], 0
    for i, b in enumerate(blocks):
        if b.kind == "heading" and i > start:
            sections.append((start, i))
            start = i
        elif b.kind == "heading":
            start = i
    sections.append((start, len(blocks)))
    n_sections = sum(1 for s, e in sections if any(blocks[k].kind != "heading" for k in range(s, e)))

    flagged: list[tuple[int, int, float]] = []  # (first, last, score) of whole sections
    for s, e in sections:
        if blocks[s].kind != "heading" or n_sections < 2:
            continue
        idx = range(s, e)
        if sum(scorer.evidence(k) for k in idx) < min_evidence:
            continue
        sc, off = scorer.judge(idx)
        if off:
            flagged.append((s, e - 1, sc))
    spans: list[Span] = []
    merged: list[list] = []
    for s, last, sc in flagged:
        if merged and merged[-1][1] == s - 1:
            merged[-1][1] = last
        else:
            merged.append([s, last])
    for span in merged:  # take in parent headings whose whole extent is off-topic
        while span[0] > 0 and blocks[span[0] - 1].kind == "heading":
            h = span[0] - 1
            level = blocks[h].level
            end = next((k for k in range(h + 1, len(blocks))
                        if blocks[k].kind == "heading" and blocks[k].level <= level), len(blocks))
            if blocks[h + 1].kind != "heading" or end > span[1] + 1:
                break
            span[0] = h
    for s, last in merged:
        idx = range(s, last + 1)
        spans.append(Span(s, last, True, scorer.score(idx), scorer.missing(idx)))
    done = {k for s, last in merged for k in range(s, last + 1)}

    # Many blocks mean many chances for one to look unrelated by accident: in long bodies a run
    # inside a section must score lower (by the square root of the excess) to be reported.
    strict = min(1.0, (LONG_BODY / len(content)) ** 0.5)
    for s, e in sections:
        if s in done:
            continue
        members = [k for k in range(s, e) if blocks[k].kind != "heading"]
        states = []
        for k in members:
            ev = scorer.evidence(k)
            low = scorer.judge([k])[1] if ev > 0 else True
            states.append((k, low, ev >= min_block))
        run: list[int] = []
        for pos, (k, low, strong) in enumerate(states + [(None, False, True)]):
            if k is not None and low:
                run.append(k)
                continue
            # close the run: blocks with little evidence cannot make a span on their own
            if run and any(_strong(states, x) for x in run) and len(run) < len(content):
                idx = range(run[0], run[-1] + 1)
                if sum(scorer.evidence(x) for x in idx) >= min_evidence:
                    sc, off = scorer.judge(idx)
                    if off and strict < 1 and scorer.name == "terms":
                        off = sc < scorer.threshold * strict
                    if off:
                        spans.append(Span(run[0], run[-1], False, sc, scorer.missing(idx)))
            run = []
    spans.sort()
    if len(spans) > 1:  # key terms of the article: leave every flagged span out, not just this one
        flagged_all = [k for sp in spans for k in range(sp.first, sp.last + 1)]
        spans = [sp._replace(missing=scorer.missing(flagged_all)) for sp in spans]
    return spans, blocks, scorer


def _strong(states, k) -> bool:
    for kk, _low, strong in states:
        if kk == k:
            return strong
    return False
