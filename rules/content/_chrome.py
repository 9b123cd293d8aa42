"""Page chrome and promotional text: what a scraper picks up from around an article.

A block is recognised by what it says and how it is built, not by its topic: a skip link, a
breadcrumb trail, a row of share buttons, a newsletter or donation box, a cookie notice, a
"Read more:" teaser for another post, an "Email ... to point out mistakes" footer, an "About the
author" box. Each cue is a short regular expression over the block's visible words (lower case,
whitespace collapsed, straight quotes), or a count of share-button words. Promotional cues
(courses, bootcamps, webinars, sponsors, discounts) are weaker: an article may be about a course;
the rule weighs them with the block's relation to the article.
"""

from __future__ import annotations

import bisect
import re

from ahocorasick_rs import AhoCorasick

from linter.patterns import Lazy

# Each cue says "this is not the article" on its own. Cues at the start of a block are matched
# there; the others are searched for only in blocks holding one of their key words (a regular
# expression searched at every position of every block costs more than the rest of the rule).
_AT_START = {
    "skip link": r"skip to (?:the )?(?:main )?(?:content|navigation|menu|search)\b",
    "breadcrumb": r"home ?(?:›|>|»|/|\|) ?\S",
    "related-post teaser": r"(?:read more|related(?: (?:posts?|articles?|stories|reading|content))?|see also|also read|more from [^:]{1,40}"
                           r"|you (?:may|might) also (?:like|enjoy)|recommended (?:for you|reading)|most read|trending now)\s*:",
    "tag toggle": r"(?:show tags|hide tags)\b|(?:tags|filed under|posted in|share (?:this|on)[^:]{0,20}) ?:",
    # an audio or video player's fallback text on its own (not the text of a link to the media file)
    "media player": r"(?:your browser does not support (?:the )?(?:audio|video)(?: element| tag)?\.?(?: ?\]\([^)]*\)?)?"
                    r"|listen to (?:this |the )?(?:article|story))$",
    "banner": r"(?:advertisement|sponsored content|sponsored|promoted)$",
    "link annotation": r"opens? in a new (?:tab|window)\.?$",  # a screen reader's note on the link above, on its own line
}
_ANYWHERE = {
    "skip link": (("skip to",), r"\bskip to (?:the )?(?:main )?content$"),  # after the page's title line
    "corrections footer": (("mistake", "letter for publication", "spotted"),
                           r"to point out mistakes|send in a letter for publication|spotted an? (?:error|mistake|typo)\b"),
    # chrome speaks to the reader ("sign up", "your donations", "our newsletter"); an article
    # reports ("70% of MPs subscribe to a newsletter", "members pay £5 a month on Patreon")
    "newsletter box": (("newsletter", "inbox", "subscribe to our", "confirm your subscription"),
                       r"(?:^|[.!?:] )(?:read and )?(?:subscribe|sign up|signup)\b.{0,80}\bnewsletters?\b"
                       r"|\byou can (?:also )?(?:subscribe|sign up)\b.{0,80}\b(?:newsletters?|channel|podcast|mailing list)\b"
                       r"|\bsubscribe to our (?:[\w'-]+ ){0,3}(?:newsletters?|channel|podcast|mailing list|updates)\b"
                       r"|\bour (?:[\w'-]+ ){0,4}newsletters?\b.{0,60}\b(?:subscribe|sign up|inbox)\b|\b(?:delivered|straight|direct) to your inbox\b"
                       r"|\bcheck your inbox to confirm\b|\bconfirm your subscription\b"),
    # Substack's box, kept by exports of a newsletter: "X is a reader-supported publication. To receive
    # new posts and support my work, consider becoming a free or paid subscriber."
    "subscription box": (("reader-supported", "paid subscriber", "substack app"),
                         r"\bis a reader-supported publication\b|\bbecom(?:e|ing) a (?:free or )?paid subscriber\b"
                         r"|\bin the substack app\b"),
    "follow box": (("follow us",), r"\bfollow us on (?:twitter|x|facebook|bluesky|mastodon|linkedin|instagram|threads|youtube)\b"),
    "donation box": (("donat", "member", "patron", "support our", "support independent", "relies on", "relies entirely",
                      "/month", "/ month", "help us"),
                     r"\b(?:donate (?:now|today|to)|your donations?|become an? (?:member|patron|supporter)"
                     r"|support (?:our|independent) (?:journalism|reporting|work)|relies (?:entirely )?on (?:donations|readers|supporters)"
                     r"|our patreon|\$\d+ ?/ ?month|help us (?:fight|investigate|keep))"),
    "cookie notice": (("cookie",), r"\b(?:we use cookies|(?:site|website) uses cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies)\b"),
    "sponsor line": (("sponsored by",), r"\bthis (?:post|article|content) (?:is|was) sponsored by\b"),
}
_SHARE_KEYS = ("share", "facebook", "linkedin", "whatsapp", "reddit", "telegram", "pinterest", "tweet")
# any key word of a cue searched for anywhere: blocks without one need only the test at their start
_KEY_WORDS = sorted({k for keys, _ in _ANYWHERE.values() for k in keys} | set(_SHARE_KEYS))
_KEYS = AhoCorasick(_KEY_WORDS)
_START_NAMES = {f"c{i}": name for i, name in enumerate(_AT_START)}
_START_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, p in enumerate(_AT_START.values())))
# the first word of every cue matched at the start of a block, and what a block's text may start with
# before it (spaces, link brackets, emphasis), which normalising leaves out
_START_WORDS = ("skip", "home", "read", "related", "see", "also", "more", "you", "recommended", "most", "trending",
                "show", "hide", "tags", "filed", "posted", "share", "advertisement", "sponsored", "promoted",
                "listen to", "open in", "opens in")
_LEAD = re.compile(r"[\s\[*_]*")
_ANYWHERE_RE = [(name, keys, re.compile(p)) for name, (keys, p) in _ANYWHERE.items()]
_BIO_HEADING = re.compile(r"^(?:about (?:the )?authors?|about the contributors?|author bio(?:graphy)?)$")
_CHROME_HEADING = Lazy(
    r"^(?:share(?: this(?: article| story| post)?)?|related(?: posts| articles| stories| reading)?|read more|more from .{1,40}"
    r"|support [\w .]{1,30}|subscribe(?: to [\w .]{1,30})?|sign up(?: for [\w .]{1,30})?|newsletter|you (?:may|might) also like"
    r"|recommended(?: for you)?|most read|give to help us investigate!?)$")

_SHARE_WORDS = frozenset("share facebook twitter x linkedin email e-mail whatsapp reddit print copy link bluesky mastodon "
                         "threads telegram pinterest tumblr pocket flipboard messenger tweet on via".split())

# over lower-cased text: spaces are any run of whitespace, so the text need not be normalised first
_PROMO_CUES = (r"boot\s*camps?", r"webinars?", r"enrol(?:l|ls|led|ling|ment)?", r"register\s+(?:now|today|here)",
               r"sign\s+up\s+(?:now|today)", r"free\s+trial", r"discounts?", r"coupons?", r"promo\s+code", r"online\s+courses?",
               r"certificat(?:e|ion)\s+programs?", r"sponsor(?:s|ed)?", r"limited(?:-|\s+)time\s+offer", r"early(?:-|\s+)bird",
               r"masterclass(?:es)?", r"tuition", r"scholarships?", r"hackathons?", r"rsvp", r"memberships?", r"subscriptions?",
               r"newsletters?")
_PROMO = Lazy(r"\b(?:" + "|".join(_PROMO_CUES) + r")\b")


def _first_letters(pattern: str) -> str:
    """The letters every match of a cue starts with ("webinar" for `webinars?`)."""
    word = re.match(r"[a-z]+", pattern).group()
    return word[:-1] if pattern[len(word) : len(word) + 1] in ("?", "*") else word


# The cues are tried only where one of their first words starts: found in one Aho-Corasick pass,
# where the pattern tried at every position of a body costs as much as splitting it into words.
_PROMO_STARTS = AhoCorasick(sorted({_first_letters(p) for p in _PROMO_CUES}))
_WORD = re.compile(r"[^\W_]+")
_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))


def normalise(text: str) -> str:
    """Lower case, straight quotes, each run of whitespace (no-break spaces too) one space, stripped
    (what chrome cues, template phrases and boilerplate paragraphs are compared as)."""
    if not text.isascii():
        for curly, straight in _QUOTES:  # str.translate is slow on non-ASCII text
            text = text.replace(curly, straight)
    return " ".join(text.split()).lower()


def suspects(text: str, spans) -> set[int]:
    """The indices of the (start, end) `spans` of `text` that hold a key word of a cue searched for
    anywhere: one search over the whole text instead of one per block."""
    if not spans:
        return set()
    base = spans[0][0]
    lowered = text[base : spans[-1][1]].lower()
    starts = [s for s, _ in spans]
    out = set()
    for _, pos, _ in _KEYS.find_matches_as_indexes(lowered, overlapping=True):  # every key word, in one pass
        k = bisect.bisect_right(starts, base + pos) - 1
        if k >= 0 and base + pos < spans[k][1]:
            out.add(k)
    return out


def chrome_cue(text: str, suspect: bool = True) -> str | None:
    """The name of the chrome cue a block's text shows, or None. `suspect`: False when the block
    is known to hold no key word of the cues searched for anywhere (see `suspects`)."""
    if not suspect:  # only a cue at its start can show: most blocks start with none of their first words
        start = _LEAD.match(text).end()
        if not text[start : start + 16].lower().startswith(_START_WORDS):
            return None
    return normalised_cue(normalise(text if suspect else text[:200]), suspect)


def normalised_cue(norm: str, suspect: bool = True) -> str | None:
    """`chrome_cue` of a text already normalised (`normalise`)."""
    norm = norm.lstrip("[*_ ")
    if not norm:
        return None
    m = _START_RE.match(norm)
    if m:
        return _START_NAMES[m.lastgroup]
    if not suspect:
        return None
    found = {_KEY_WORDS[i] for i, _, _ in _KEYS.find_matches_as_indexes(norm, overlapping=True)}  # one pass for all cues
    if found:
        for name, keys, pattern in _ANYWHERE_RE:
            if not found.isdisjoint(keys) and pattern.search(norm):
                return name
    words = norm.split()
    if 3 <= len(words) <= 40:
        words = _WORD.findall(norm)
        shares = sum(1 for w in words if w in _SHARE_WORDS)
        if shares >= 3 and shares >= 0.7 * len(words) and ("share" in words or shares >= 4):
            return "share buttons"
    return None


def heading_cue(text: str) -> str | None:
    """For a heading: "author bio" or the chrome its section holds, or None."""
    norm = normalise(text).strip(" :#*")
    if _BIO_HEADING.match(norm):
        return "author bio"
    if _CHROME_HEADING.match(norm):
        return "chrome section"
    return None


def promo_cues(text: str) -> set[str]:
    """The distinct promotional words of a text: the matches `_PROMO.finditer` would give, tried only
    where a cue's first letters start."""
    lowered = text.lower()
    cues, end = set(), 0
    for pos in sorted({start for _, start, _ in _PROMO_STARTS.find_matches_as_indexes(lowered, overlapping=True)}):
        if pos >= end:
            m = _PROMO.match(lowered, pos)
            if m:
                cues.add("".join(m.group().split()))
                end = m.end()
    return cues


def word_count(text: str) -> int:
    return len(text.split())
