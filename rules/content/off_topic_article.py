"""An article does not belong to its feed, category or site: general news misfiled into a topical feed.

Aggregators file what their sources publish under the feed it came from, and a source's feed
carries more than the feed's subject: a horoscope, a prize story or a road-rage death in a
security feed, a game catalogue in an AI-research feed. Such an article is off-topic as a whole,
not in one section. This repository-wide rule learns each feed's own vocabulary from the
repository itself and reports, once, at the title, an article that uses none of it.

Per file (in the worker processes) it keeps the article's `top-terms` heaviest words (title,
description and the first 2,500 characters of the body's prose, page chrome left out; weighted by their rarity in general
English, see `off-topic-section`) and its group: the first of the `fields` the front matter has
(`category`, `categories`, `section`), or the whole site. Once, over every file: a group's
signature is its `signature` words that the most of its articles use, ranked higher the more
they are peculiar to the group within the site. An article is reported when its group is
topical (its articles use at least `min-median` signature words, the median) and it uses none,
with at least `min-words` words of English prose (a short or non-English article is not judged).
The finding names the group that fits better, if one does.

Groups of fewer than `min-articles` articles are not judged.

Options: `fields` (["category", "categories", "section"]), `min-articles` (10), `signature` (40),
`top-terms` (100), `min-median` (8), `min-words` (80), `max-body-bytes` (1048576).
"""

from __future__ import annotations

import math
from collections import Counter

from linter.model import Report, Span
from rules.content import _language, _offtopic, _terms
from rules.content._markdown import body_of, has_body

CODE = "CT005"
NAME = "off-topic-article"
SEVERITY = "warning"
KIND = "repository"
FIX = "never"
OPTIONS = {
    "fields": ["category", "categories", "section"],
    "min-articles": 10,
    "signature": 40,
    "top-terms": 100,
    "min-median": 8,
    "min-words": 80,
    "max-body-bytes": 1_048_576,
}
CONFIDENCE = 0.85
LEAD_CHARS = 2500  # the part of the body that says what the article is about (about 400 words)

_SECURITY = ("Attackers scanned the exposed admin port of the firewall, then tried stolen credentials against the VPN "
             "gateway. The patch closes the port, the security team rotated every credential, and the incident report "
             "lists the malware loader, the phishing domains and the ransomware gang behind the campaign. Administrators "
             "should update the firewall rules, check the VPN logs for unknown logins, enable multi-factor authentication "
             "and scan their network for the loader's files before the attackers encrypt the backups and leak the data "
             "of patients and payroll staff.")
_HOROSCOPE = ("Aries, the stars favour bold moves this week: Venus enters your sign on Tuesday, Jupiter smiles on romance "
              "and the full moon lights up your finances. Taurus, calm wins: a friend from the past brings good news "
              "before the weekend. Gemini, your curiosity opens doors at work, while the new moon asks you to rest. Cancer, "
              "home and family come first; a lucky number is seven. Leo, your charm wins an argument, and a short trip "
              "brings a surprise. Virgo, tidy your plans and trust your intuition.")


def _post(title: str, text: str) -> str:
    return f'---\ntitle: "{title}"\ncategory: security\n---\n\n{text}\n'


BAD = {f"security/note-{i}.md": _post(f"Security note {i}", _SECURITY) for i in range(10)}
BAD["security/horoscope.md"] = _post("Your horoscope for the week", _HOROSCOPE)
GOOD = {f"security/note-{i}.md": _post(f"Security note {i}", _SECURITY) for i in range(11)}


def _group(data: dict, fields) -> str:
    for key in fields:
        value = data.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def collect(doc, options):
    """[group, the article's heaviest words (stems), enough English prose to judge?, the title's span]"""
    if not isinstance(doc.data, dict) or not doc.has_front_matter or not has_body(doc):
        return None
    blocks = body_of(doc, int(options.get("max-body-bytes", 1_048_576))).blocks
    chrome = {k for sp in _offtopic.chrome_spans(doc, blocks) for k in range(sp.first, sp.last + 1)}
    totals: dict[str, float] = {}
    add = totals.get
    for key, scale in (("title", 2.0), ("description", 1.0), ("excerpt", 1.0), ("summary", 1.0)):
        value = doc.data.get(key)
        if isinstance(value, str):
            for t, w in _terms.vector(value, scale).items():
                totals[t] = add(t, 0.0) + w
    prose, size = [], 0
    for i, b in enumerate(blocks):  # an article's subject shows in its first part
        if i not in chrome:
            shown = b.text
            prose.append(shown)
            size += len(shown)
            if size >= LEAD_CHARS:
                break
    text = " ".join(prose)
    plain = _terms.plain(text)  # the same words and letters: weighed and judged English once made plain
    lead = _terms.vector(plain)
    for t, w in totals.items():  # the fields' few words added to the lead's many (no order: `top` sorts)
        lead[t] = w + lead.get(t, 0.0)
    totals = lead
    # heaviest first, ties alphabetically (a stable sort by weight, reversed, of the sorted words)
    top = sorted(sorted(totals), key=totals.__getitem__, reverse=True)[: int(options.get("top-terms", OPTIONS["top-terms"]))]
    judged = len(text.split()) >= int(options.get("min-words", OPTIONS["min-words"])) and _language.is_english(plain)
    title = doc.span("/title") if isinstance(doc.data.get("title"), str) else None
    return [_group(doc.data, options.get("fields") or ()), top, judged, list(title) if title else None]


def _signatures(facts: dict, options) -> dict[str, set]:
    """group -> its signature words, for the groups large enough to have one."""
    size = int(options.get("signature", OPTIONS["signature"]))
    members: dict[str, list] = {}
    for path, (group, top, _, _) in facts.items():
        members.setdefault(group, []).append(top)
    everywhere = Counter()
    for tops in members.values():
        for top in tops:
            everywhere.update(top)
    total = sum(len(t) for t in members.values())
    out = {}
    for group, tops in members.items():
        n = len(tops)
        if n < int(options.get("min-articles", OPTIONS["min-articles"])):
            continue
        df = Counter()
        for top in tops:
            df.update(top)
        rest_n = total - n
        scored = {}
        for term, k in df.items():
            if k < 0.05 * n:
                continue
            lift = 0.0
            if rest_n:
                rest = everywhere[term] - k
                lift = max(0.0, math.log((k + 0.5) / (n + 1)) - math.log((rest + 0.5) / (rest_n + 1)))
            scored[term] = k / n * (1 + lift)
        out[group] = set(sorted(scored, key=lambda t: (-scored[t], t))[:size])
    return out


def report(facts, options):
    facts = {p: f for p, f in facts.items() if isinstance(f, list) and len(f) == 4}
    signatures = _signatures(facts, options)
    hits_of = {}
    for path, (group, top, judged, _) in facts.items():
        if group in signatures and judged:
            hits_of[path] = {g: len(sig.intersection(top)) for g, sig in signatures.items()}
    medians = {}
    for group in signatures:
        hits = sorted(h[group] for p, h in hits_of.items() if facts[p][0] == group)
        medians[group] = hits[len(hits) // 2] if hits else 0
    for path, hits in hits_of.items():
        group = facts[path][0]
        if hits[group] or medians[group] < int(options.get("min-median", OPTIONS["min-median"])):
            continue
        where = f'its {"site" if group == "" else repr(group)}'
        better = max((g for g in signatures if g != group and hits[g] * 2 >= medians[g] > 0), key=lambda g: hits[g], default=None)
        also = f"; it fits {better!r} better" if better is not None else ""
        yield path, Report(
            f"the article uses none of the {len(signatures[group])} words that mark {where} articles "
            f"(half of them use {medians[group]} or more){also}: it does not belong here",
            pointer="/title" if facts[path][3] else None,
            span=Span(*facts[path][3]) if facts[path][3] else Span(1, 1, 1, 1),
            confidence=CONFIDENCE,
        )
