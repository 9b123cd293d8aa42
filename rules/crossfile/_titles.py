"""Title keys for near-duplicate detection: repair, unescape, fold, tokenise.

`title_key("Microsoft makes changes after â€˜Sensitive Dataâ€™ exposure")` and
`title_key("Microsoft makes changes after ‘Sensitive Data’ exposure")` are both
"microsoft makes changes after sensitive data exposure".
"""

from __future__ import annotations

import html
import re
import unicodedata
import zlib

from linter.patterns import Lazy
from rules.slugs import ascii_words

# A character that can start a UTF-8 sequence read as cp1252/latin-1 (Â..ô) followed by one that
# can continue it (0x80-0xBF as cp1252 or latin-1). Only then is ftfy (slow) asked to repair.
_MAYBE_MOJIBAKE = Lazy(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_ENTITY = Lazy(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Quotes and apostrophes vanish ("Apple's" == "Apples" == "Apple’s"); other punctuation separates.
_QUOTES = Lazy("['\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a]")
_WORD = Lazy(r"[^\W_]+")
_MARKS = Lazy("[\u00a9\u00ae\u2120\u2122]")  # © ® ℠ ™: NFKC would glue "TM" to the word

_fix_text = None


def repair(text: str) -> str:
    """Undo mojibake with ftfy, but only if a cheap look says there may be some."""
    global _fix_text
    if text.isascii() or not _MAYBE_MOJIBAKE.search(text):  # ASCII has no lead character
        return text
    if _fix_text is None:
        import ftfy

        _fix_text = ftfy.fix_text
    try:
        return _fix_text(text)
    except Exception:
        return text


def title_key(title: str) -> str:
    """Space-separated lower-case word tokens of a title, after Unicode repair and unescaping."""
    text = repair(title)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if text.isascii():  # the steps below, for ASCII: NFKC, case folding and the marks change nothing
        return " ".join(ascii_words(text, b"'\"`"))
    text = unicodedata.normalize("NFKC", _MARKS.sub(" ", text)).casefold()
    text = _QUOTES.sub("", text)
    return " ".join(_WORD.findall(text))


# ---- telling a duplicate from a translation, a sequel or a monthly series -------------------
# ISO 639-1 codes: a path segment (`en/`, `ja/`, `pt-br/`) or a file-name suffix (`post.ja.md`)
# holding one names the file's language.
LANGUAGES = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee "
    "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it "
    "iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my "
    "na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn "
    "so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
_LANGUAGE_TAG = Lazy(r"([a-z]{2})(?:-(?:[a-z]{2}|\d{3}|hans|hant|latn|cyrl))?", re.A)  # region or script


def language_tag(value) -> str:
    """`value` as a lower-case language tag (`en`, `pt-br`) if it is one, else ""."""
    if not isinstance(value, str):
        return ""
    tag = value.strip().lower().replace("_", "-")
    m = _LANGUAGE_TAG.fullmatch(tag)
    return tag if m and m.group(1) in LANGUAGES else ""


def path_language(path: str) -> tuple[str, str]:
    """(language named by the path, the path without it): `ja/blog/x.md` -> ("ja", "blog/x.md"),
    `blog/x.ja.md` -> ("ja", "blog/x.md"); ("", path) when the path names none."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1]
    pieces = name.split(".")
    if len(pieces) >= 3 and language_tag(pieces[-2]):
        return language_tag(pieces[-2]), "/".join(parts[:-1] + [".".join(pieces[:-2] + pieces[-1:])])
    for i, part in enumerate(parts[:-1]):
        tag = language_tag(part)
        if tag:
            return tag, "/".join(parts[:i] + parts[i + 1 :])
    return "", path


# Words that turn a headline into its opposite: "... do not require ..." is not "... require ...".
NEGATIONS = frozenset(
    "not no never without dont doesnt didnt isnt arent wasnt werent wont cannot cant shouldnt wouldnt couldnt "
    "nicht kein keine keinen nie ne pas non nunca sin".split()
)


def body_sketch(text: str, size: int) -> list[int]:
    """The `size` smallest hashes of the body's distinct lines of four words or more (case and
    spacing ignored): a bottom-k sketch, from which `resemblance` estimates how much of two bodies
    is the same text. Lines, not word shingles: a scraped story and its copy share whole
    paragraphs, and hashing lines is cheap on long bodies. Emphasis and code marks are left out:
    a copy that bolds a name is the same text."""
    if "*" in text:
        text = text.replace("*", "")
    if "`" in text:
        text = text.replace("`", "")
    hashes = set()
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 4:
            hashes.add(zlib.crc32(" ".join(words).lower().encode("utf-8", "surrogatepass")))
    return sorted(hashes)[:size]


def resemblance(a: list[int], b: list[int], size: int) -> float:
    """Estimated Jaccard similarity (0-1) of the line sets behind two sketches."""
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:size]
    if not union:
        return 0.0
    return sum(1 for h in union if h in sa and h in sb) / len(union)
