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

import re
from collections import Counter
from typing import NamedTuple

from linter.patterns import Lazy
from rules import _memo
from rules.content import _chrome, _language, _terms
from rules.content._markdown import body_of
from rules.scraped import source_url

META_FIELDS = (("title", 3.0), ("description", 2.0), ("excerpt", 2.0), ("summary", 2.0), ("subtitle", 2.0))
LABEL_FIELDS = ("tags", "topics", "categories", "keywords")


# Content blocks. A real article of more blocks than this brings new words paragraph after
# paragraph (a background paragraph, an aside, a quote): beyond it, runs of blocks inside a
# section are not judged by their words at all, and whole sections must score lower (by the
# square root of the excess) to be reported.
SHORT_BODY = 12


# How sure each kind of finding is. Chrome is recognised by what it is; promotion by its words
# and its lack of relation to the article; a stray section by word statistics alone, which a
# digest, an obituary's aside or a background paragraph can fool: it is shown at info severity.
CHROME_CONFIDENCE = 0.9
WEAK_CHROME_CONFIDENCE = 0.7  # an author bio, or chrome in a post that is not a scraped copy
PROMO_CONFIDENCE = 0.85
STRAY_CONFIDENCE = 0.6
MAX_STRAY = 2  # more unrelated spans than this: the article is a digest of unrelated items
# Below this much word weight (title, description and body: about thirty rare words, a short
# release note) an article's words are too few to show that a part of it is unrelated: only
# promotion, which says what it is, is reported there.
MIN_STRAY_CONTEXT = 100.0


class Span(NamedTuple):
    first: int  # index of the first block
    last: int  # index of the last block (inclusive)
    whole_section: bool
    score: float  # the share of its words the rest of the article uses (1.0 for chrome: not scored)
    missing: list  # the article's key terms the span lacks
    kind: str = "stray"  # "chrome" | "promo" | "stray"
    cue: str = ""  # what gave it away: the chrome cue, or the promotional words
    confidence: float = STRAY_CONFIDENCE



# Sections every release note, advisory or paper has: they are the article, whatever their words.
_STANDARD = Lazy(
    r"notable|change ?log|changes|commits?|release|download|checksum|shasum|signature|hash|affected|impact|patch|fixed"
    r"|mitigat|workaround|cve|vulnerab|security|credit|acknowledg|thank|contributor|reference|footnote|note|citation"
    r"|bibliograph|appendix|resource|reading|install|usage|example|faq|timeline|contact|summary|conclusion|prerequisite"
    r"|disclaimer|known issue|deprecat|semver|breaking|about|author|team|speaker|schedule|agenda|sponsor|update|event"
    r"|upcoming|try|get started|getting started|build|learn more|next step|what's next|faq|podcast|episode"
    r"|overview|key features?|how it works|benefit|availability|requirement|limitation|severity|details|proof of concept")
_CREDIT_START = re.compile(r"(?:maintainer['’]s note:\s*)?(?:(?:special|many|huge|big) )?thanks (?:to|for)\b|we (?:would like to )?thank\b"
                           r"|acknowledg|credits?\b|with contributions from\b", re.I)
_THANKS_END = re.compile(r"\b(?:thanks|thank you)\W*$", re.I)  # "... helped make this release better. Thanks :)"
# identifiers, versions, hashes, calls, code spans: tokens of technical text (a change list, an advisory)
_TECHNICAL = re.compile(r"`|\b\w+[._]\w+|\w\(|\b[0-9a-f]{7,}\b|\bv?\d+\.\d+|\bcve-\d", re.I)
# A paragraph that opens with a pronoun or a demonstrative refers back to what came before it:
# it continues the article (a spliced paragraph names its own subject).
_ANAPHOR = re.compile(r"(?:all |both of )?(?:he|she|they|it|his|her|their|its|this|these|those|such|there)\b", re.I)
# So does one that opens with a connective ("And", "Also", "Well,", "Some other fixes", "We also
# added", "...and more") or in parentheses ("(To be exact, ...)"): the author's aside, whose words
# need not recur. Not when it sells something: promotion is spliced in with a connective as often
# as without one.
_CONNECTIVE = re.compile(r"(?:\.{3}|…)?\s*(?:\(|(?:and|but|so|also|plus|still|yet|however|well|anyway|besides|finally|lastly"
                         r"|meanwhile|otherwise|again|another|(?:some )?other|(?:we|i) also|or|please|if you)(?![\w'’-]))", re.I)
# A digest's sections are separate items ("Weekly update", "This week in X", "May roundup"): none
# is stray for not sharing the others' words.
_DIGEST_TITLE = re.compile(r"\b(?:weekly|monthly|round-?up|digest|recap|newsletter|this week|week in review|links)\b", re.I)
_QUOTE_START = ("\"", "“", "‘", "'", "„", "«")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_WORDS = re.compile(r"\b\w[\w'’-]*")


def meta_text(doc) -> list[tuple[str, float]]:
    """The title, summaries and labels, each with its weight; a summary written as HTML or Markdown
    (an export's `excerpt: '<a href=...>'`) counts for the words a reader sees, not its markup."""
    data = doc.data if isinstance(doc.data, dict) else {}
    out = []
    for key, scale in META_FIELDS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            if "<" in value or "](" in value:
                from linter.body import inline_text  # imported by documents that need it only

                value = inline_text(value)
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

    def __init__(self, doc, blocks, options=None, skip=frozenset(), by_run=False):
        options = options or {}
        self.threshold = float(options.get("threshold", 0.25))
        # a long body has more than ten key terms: one more for every five blocks beyond fifty
        self.k = int(options.get("key-terms", 10)) + max(0, len(blocks) - 50) // 5
        self.meta = Counter()
        meta = meta_text(doc)
        self._texts = [text for text, _ in meta] + [b.text for i, b in enumerate(blocks) if i not in skip]
        self._written: dict | None = None
        for text, scale in meta:
            self.meta.update(_terms.vector(text, scale))
        # skipped blocks (chrome) are neither judged nor part of what the others are judged against
        if by_run:
            self.vecs = _run_vectors(blocks, skip)
        else:
            plain = block_vectors(doc, blocks)
            self.vecs = [Counter() if i in skip else _scaled(v, 1.5) if b.kind == "heading" else v
                         for i, (b, v) in enumerate(zip(blocks, plain))]
        self.body = Counter()
        for v in self.vecs:
            self.body.update(v)
        total = Counter(self.meta)
        total.update(self.body)
        self.total = total
        self._ranking: list | None = None
        self._blocks, self._by_run = blocks, by_run
        self._own: dict[tuple, Counter] = {}  # spans weighed block by block in a scorer that weighed runs

    @property
    def ranking(self) -> list:
        """The article's words, heaviest first (sorted only when a span looks unrelated)."""
        if self._ranking is None:
            self._ranking = sorted(self.total.items(), key=lambda kv: (-kv[1], kv[0]))
        return self._ranking

    def evidence(self, i: int) -> float:
        return _terms.mass(self.vecs[i])

    def weigh_blocks(self, indices) -> Counter:
        """The word weights of these blocks, which spans of exactly these blocks are then judged
        with (a scorer that weighed runs of blocks gave a run's weights to its first block)."""
        if not self._by_run:
            return self.span_vec(indices)
        vec = Counter()
        for i in indices:
            vec.update(_terms.vector(self._blocks[i].text))
        self._own[tuple(indices)] = vec
        return vec

    def span_vec(self, indices) -> Counter:
        if self._own:
            own = self._own.get(tuple(indices))
            if own is not None:
                return own
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
        return _terms.coverage(self.span_vec(indices), self.total)

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


def _protected(block, source: str) -> bool:
    """Blocks that word statistics must not judge: quotations (a quote is the article's voice even
    when its words are new), paragraphs that open by referring back (a pronoun, a connective),
    credits (thanks at the start or the end) and lists of names (a byline, authors), technical
    text (a change list, an advisory's CVE list: identifiers and versions), text in another language."""
    text = block.text.lstrip(" *_")
    if (block.kind == "quote" or text.startswith(_QUOTE_START) or _CREDIT_START.match(text) or _THANKS_END.search(text)
            or _ANAPHOR.match(text)):
        return True
    if _CONNECTIVE.match(text) and not _chrome.promo_cues(text):
        return True
    words = _WORDS.findall(text)
    if words and len(_CAPITALISED.findall(text)) >= 0.5 * len(words):
        return True
    if words and len(_TECHNICAL.findall(source)) >= 0.08 * len(words):
        return True
    return not _language.is_english(text)


OPENING_CHARS = 2000  # enough of an article's text to tell its language by


def _opening(blocks, content: list[int]) -> str:
    """The text of the first content blocks, about OPENING_CHARS characters of it."""
    texts, size = [], 0
    for i in content:
        texts.append(blocks[i].text)
        size += len(texts[-1])
        if size >= OPENING_CHARS:
            break
    return " ".join(texts)


def _standard_section(blocks, s: int) -> bool:
    """Whether the section starting at block `s` is one every release note, advisory or product
    post has (its heading says so): the article, whatever its words."""
    return blocks[s].kind == "heading" and _STANDARD.search(blocks[s].text.lower()) is not None


def _is_digest(doc) -> bool:
    title = doc.data.get("title") if isinstance(doc.data, dict) else None
    return isinstance(title, str) and _DIGEST_TITLE.search(title) is not None


def _section_end(blocks, h: int) -> int:
    """Index just past the section the heading at `h` opens (its subsections included)."""
    level = blocks[h].level
    return next((k for k in range(h + 1, len(blocks)) if blocks[k].kind == "heading" and blocks[k].level <= level), len(blocks))


def _scaled(vec: Counter, scale: float) -> Counter:
    return Counter({t: w * scale for t, w in vec.items()})


def _run_vectors(blocks, skip) -> list:
    """Word weights per heading, and per run of other blocks between two headings (kept at the
    run's first block; the run's other blocks get none): what judging whole sections needs, in
    a few calls instead of one per block."""
    vecs = [Counter() for _ in blocks]
    run: list[int] = []
    for i, b in enumerate([*blocks, None]):
        if b is not None and b.kind != "heading":
            if i not in skip:
                run.append(i)
            continue
        if run:
            vecs[run[0]] = _terms.vector(" ".join(blocks[k].text for k in run))
            run = []
        if b is not None and i not in skip:
            vecs[i] = _terms.vector(b.text, 1.5)
    return vecs


def block_vectors(doc, blocks) -> list:
    """Each block's word weights (`_terms.vector`), computed once per document: the content rules
    share them. Do not modify them."""
    return _memo.per_document(doc, ("content-vectors", id(blocks)), lambda: [_terms.vector(b.text) for b in blocks])


def chrome_spans(doc, blocks) -> list[Span]:
    """Runs of chrome blocks, and chrome headings with the chrome blocks that follow them (an
    author box, a donation box); computed once per document."""
    def compute():
        url = source_url(doc) if isinstance(doc.data, dict) else None
        spans = _chrome_spans(doc.text, blocks, _host(url) if url else None)
        if url is None:  # a hand-written post: what looks like chrome is its author's own (a sign-off)
            spans = [sp._replace(confidence=min(sp.confidence, WEAK_CHROME_CONFIDENCE)) for sp in spans]
        return spans

    return _memo.per_document(doc, ("content-chrome", id(blocks)), compute)


_LINK_HOST = re.compile(r"\]\((?:https?://(?:www\.)?([^/\s)]+))?")


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def _teaser(source: str, host: str | None) -> bool:
    """Whether a "Read more:" block links to another page of the article's own site (a teaser for
    another post), not to a source it cites (a paper, a report)."""
    hosts = [(h or "").lower() for h in _LINK_HOST.findall(source)]
    return bool(hosts) and all(h == "" or (host is not None and (h == host or h.endswith("." + host))) for h in hosts)


def _block_cue(text: str, blocks, k: int, suspect: set, host: str | None) -> str | None:
    b = blocks[k]
    if b.kind == "heading":
        return None
    shown = b.text
    if len(shown) > 900:  # about 120 words: chrome is short
        return None
    cue = _chrome.chrome_cue(shown, k in suspect)
    if cue is None or shown.lstrip(" *_").startswith(_QUOTE_START):
        return None  # a quotation is the article's voice, even when it speaks of donors
    if cue == "related-post teaser" and not _teaser(text[b.start : b.end], host):
        return None
    if cue == "media player" and "](" in text[b.start : b.end]:
        return MEDIA_LINK  # the text of a link to the media file: chrome, but the link is the article's
    return cue


# A media player's fallback text as the text of a link to the media file: reported below the bar
# of a deleting fix, which would drop the link.
MEDIA_LINK = "media player's text in a link"


def _confidence(cue: str) -> float:
    return WEAK_CHROME_CONFIDENCE if cue == MEDIA_LINK else CHROME_CONFIDENCE


def _chrome_spans(text: str, blocks, host: str | None) -> list[Span]:
    marked: dict[int, tuple[str, float]] = {}
    suspect = _chrome.suspects(text, [(b.start, b.end) for b in blocks])
    cues = {}
    for k in range(len(blocks)):
        cue = _block_cue(text, blocks, k, suspect, host)
        if cue is not None:
            cues[k] = cue
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            cue = _chrome.heading_cue(b.text)
            if cue == "author bio":  # the box runs to the next heading of its level or higher
                end = _section_end(blocks, i)
                if end > i + 1:
                    for k in range(i, end):
                        marked.setdefault(k, ("author bio", WEAK_CHROME_CONFIDENCE))
            elif cue is not None and i + 1 in cues:  # "Share", "Support us": with the chrome under it only
                k = i + 1
                while k in cues:
                    marked[k] = (cues[k], _confidence(cues[k]))
                    k += 1
                marked[i] = (cues[i + 1], _confidence(cues[i + 1]))
        elif i in cues:
            marked.setdefault(i, (cues[i], _confidence(cues[i])))
    spans: list[Span] = []
    for i in sorted(marked):
        cue, conf = marked[i]
        if spans and spans[-1].last == i - 1:
            last = spans[-1]
            cues_ = last.cue if cue in last.cue.split(", ") else f"{last.cue}, {cue}"
            spans[-1] = last._replace(last=i, cue=cues_, confidence=max(last.confidence, conf))
        else:
            spans.append(Span(i, i, blocks[i].kind == "heading", 1.0, [], "chrome", cue, conf))
    return spans


def _promo(blocks, first: int, last: int) -> tuple[str, float]:
    cues = set()
    for k in range(first, last + 1):
        cues |= _chrome.promo_cues(blocks[k].text)
    if not cues:
        return "stray", STRAY_CONFIDENCE
    return "promo", PROMO_CONFIDENCE if len(cues) >= 2 or cues & {"bootcamp", "bootcamps", "webinar", "webinars"} else 0.7


def _lead_in_lists(blocks, skip, scorer, strict, min_evidence, protected) -> list[Span]:
    """In a long body, where only whole sections are judged: a list with the paragraph that
    introduces it ("Here are my three tips for ...:"), judged as one unit, as strictly as a whole
    section. A box of tips or a course's bullet points spliced into an article is such a unit,
    shorter than a section and about something else."""
    spans = []
    for k in range(1, len(blocks)):
        lead, items = blocks[k - 1], blocks[k]
        if items.kind != "list" or lead.kind != "paragraph" or not lead.text.rstrip().endswith(":") or {k - 1, k} & skip:
            continue
        idx = [k - 1, k]
        if _terms.mass(scorer.weigh_blocks(idx)) < min_evidence:
            continue
        sc, off = scorer.judge(idx)
        if off and scorer.name == "terms":
            off = sc < scorer.threshold * strict
        if off and not all(protected(i) for i in idx):
            kind, conf = _promo(blocks, k - 1, k)
            spans.append(Span(k - 1, k, False, sc, scorer.missing(idx), kind, "", conf))
    return spans


def find(doc, options, scorer_factory=None) -> tuple[list[Span], list]:
    """The off-topic spans of a document's body (chrome, promotion, stray text), and its blocks."""
    body = body_of(doc, int(options.get("max-body-bytes", 1_048_576)))
    blocks = body.blocks
    chrome = chrome_spans(doc, blocks)
    taken = {k for sp in chrome for k in range(sp.first, sp.last + 1)}
    strays = _stray_spans(doc, blocks, taken, options, scorer_factory)
    spans = sorted(chrome + strays)
    return spans, blocks


def _sections(blocks, taken) -> list[tuple[int, int]]:
    """The leaf sections without chrome, as [start, end) block ranges; the introduction has no heading."""
    sections, start = [], 0
    for i, b in enumerate(blocks):
        if b.kind == "heading" and i > start:
            sections.append((start, i))
            start = i
        elif b.kind == "heading":
            start = i
    sections.append((start, len(blocks)))
    return [(s, e) for s, e in sections if not any(k in taken for k in range(s, e))]


def _spannable(blocks, sections, taken, long: bool):
    """The blocks that a span `_stray_spans` finds may hold (some more): a section's (in a long body,
    only a section under a heading that is not a standard one), a parent heading, and in a long
    body a list and the paragraph before it."""
    for s, e in sections:
        if not long or (blocks[s].kind == "heading" and not _standard_section(blocks, s)):
            yield from range(s, e)
    for h in range(len(blocks) - 1):
        if blocks[h].kind == "heading" and blocks[h + 1].kind == "heading":
            yield h
    if long:
        for k in range(1, len(blocks)):
            if blocks[k].kind == "list" and blocks[k - 1].kind == "paragraph" and not {k - 1, k} & taken:
                yield k - 1
                yield k


def _stray_spans(doc, blocks, taken, options, scorer_factory):
    """Spans whose words the rest of the article does not use (promotion when they also sell)."""
    content = [i for i, b in enumerate(blocks) if b.kind != "heading" and i not in taken]
    if len(content) < int(options.get("min-blocks", 3)):
        return []
    if len(content) > SHORT_BODY and sum(1 for i, b in enumerate(blocks) if b.kind == "heading" and i not in taken) < 2:
        return []  # a long body judges only whole sections, and this one has no two to compare
    scraped = isinstance(doc.data, dict) and source_url(doc) is not None
    if scraped and not _chrome.promo_cues(" ".join(blocks[i].text for i in content)):
        return []  # only promotion is reported in a scraped copy, and this one has none
    strict = min(1.0, (SHORT_BODY / len(content)) ** 0.5)
    sections = _sections(blocks, taken)
    if scraped and not any(_chrome.promo_cues(blocks[k].text) for k in _spannable(blocks, sections, taken, strict < 1)):
        return []  # nor is there any in a block that a span could hold
    if not _language.is_english(_opening(blocks, content)):
        return []  # an article in another language: English word statistics would judge every block of it
    if strict < 1 and scorer_factory is None:
        scorer = TermScorer(doc, blocks, options, skip=taken, by_run=True)
    else:
        scorer = (scorer_factory or TermScorer)(doc, blocks, options, skip=taken)
    min_evidence = float(options["min-evidence"])
    min_block = float(options["min-block-evidence"])
    context = _terms.mass(scorer.meta) + _terms.mass(scorer.body)
    if context < 3 * min_evidence:
        return []
    known: dict[int, bool] = {}

    def protected(i: int) -> bool:  # asked only of blocks that look unrelated: the test reads the source
        if i not in known:
            known[i] = _protected(blocks[i], doc.text[blocks[i].start : blocks[i].end])
        return known[i]

    n_sections = sum(1 for s, e in sections if any(blocks[k].kind != "heading" for k in range(s, e)))

    flagged: list[tuple[int, int, float]] = []  # (first, last, score) of whole sections
    for s, e in sections:
        if blocks[s].kind != "heading" or n_sections < 2 or _standard_section(blocks, s):
            continue
        idx = range(s, e)
        members = [k for k in idx if blocks[k].kind != "heading"]
        if not members or sum(scorer.evidence(k) for k in idx) < min_evidence:
            continue
        sc, off = scorer.judge(idx)
        if off and strict < 1 and scorer.name == "terms":
            off = sc < scorer.threshold * strict
        if off and not all(protected(k) for k in members):
            flagged.append((s, e - 1, sc))
    merged: list[list] = []
    for s, last, sc in flagged:
        if merged and merged[-1][1] == s - 1:
            merged[-1][1] = last
        else:
            merged.append([s, last])
    for span in merged:  # take in parent headings whose whole extent is off-topic
        while span[0] > 0 and blocks[span[0] - 1].kind == "heading":
            h = span[0] - 1
            if blocks[h + 1].kind != "heading" or _section_end(blocks, h) > span[1] + 1:
                break
            span[0] = h
    spans: list[Span] = []
    for s, last in merged:
        idx = range(s, last + 1)
        kind, conf = _promo(blocks, s, last)
        spans.append(Span(s, last, True, scorer.score(idx), scorer.missing(idx), kind, "", conf))
    done = {k for s, last in merged for k in range(s, last + 1)}
    if strict < 1:
        spans += _lead_in_lists(blocks, taken | done, scorer, strict, min_evidence, protected)

    for s, e in sections:
        if s in done or strict < 1:
            continue
        members = [k for k in range(s, e) if blocks[k].kind != "heading"]
        states = []
        for k in members:
            ev = scorer.evidence(k)
            # a list is the article (a change list, steps, credits): only a whole section is judged with it
            low = blocks[k].kind != "list" and (scorer.judge([k])[1] if ev > 0 else True) and not protected(k)
            states.append((k, low, ev >= min_block))
        strong = {k for k, _, st in states if st}
        run: list[int] = []
        for k, low, _ in states + [(None, False, True)]:
            if k is not None and low:
                run.append(k)
                continue
            # close the run: blocks with little evidence cannot make a span on their own
            if run and strong.intersection(run) and len(run) < len(content):
                idx = range(run[0], run[-1] + 1)
                if sum(scorer.evidence(x) for x in idx) >= min_evidence:
                    sc, off = scorer.judge(idx)
                    if off:
                        kind, conf = _promo(blocks, run[0], run[-1])
                        spans.append(Span(run[0], run[-1], False, sc, scorer.missing(idx), kind, "", conf))
            run = []
    spans.sort()
    if scraped or context < MIN_STRAY_CONTEXT or _is_digest(doc) or sum(1 for sp in spans if sp.kind == "stray") > MAX_STRAY:
        spans = [sp for sp in spans if sp.kind == "promo"]
    for n, sp in enumerate(spans):
        if sp.kind == "promo":
            cues = set()
            for k in range(sp.first, sp.last + 1):
                cues |= _chrome.promo_cues(blocks[k].text)
            spans[n] = sp._replace(cue=", ".join(sorted(cues)))
    if len(spans) > 1:  # key terms of the article: leave every flagged span out, not just this one
        flagged_all = [k for sp in spans for k in range(sp.first, sp.last + 1)]
        missing = scorer.missing(flagged_all)
        spans = [sp._replace(missing=missing) for sp in spans]
    return spans
