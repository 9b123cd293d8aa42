"""Words and labels as the mismatch and content rules compare them: a light English stem, and
the topic labels an article carries. Public: a plugin that weighs words the way the built-in rules
do imports them from here."""

from __future__ import annotations

LABEL_FIELDS = ("topics", "tags", "categories")
_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A crude stem (plural, -ing, -ed, -ion, -al, -e), cut at six letters: "expressions" meets
    "expression". Content rules' profiles record `rules.content._terms.STEMMER`: bump it when this
    changes."""
    s = _STEMS.get(word)
    if s is not None:
        return s
    s = word
    n = len(s)
    if n > 4 and s.endswith("ies"):
        s = s[:-3] + "y"
    elif n > 5 and s.endswith("sses"):
        s = s[:-2]
    elif n > 3 and s.endswith("s") and not s.endswith(("ss", "us", "is")):
        s = s[:-1]
    if len(s) > 6 and s.endswith("ing"):
        s = s[:-3]
    elif len(s) > 5 and s.endswith("ed"):
        s = s[:-2]
    elif len(s) > 6 and s.endswith("ion"):
        s = s[:-3]
    elif len(s) > 5 and s.endswith("al"):
        s = s[:-2]
    elif len(s) > 4 and s.endswith("e"):
        s = s[:-1]
    s = s[:6]
    if len(_STEMS) < 500_000:
        _STEMS[word] = s
    return s


def labels_of(data: dict, fields=LABEL_FIELDS) -> list[tuple[str, int, str]]:
    """(field, index, label) for each label string; index -1 for a scalar field."""
    out = []
    for key in fields:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            out.append((key, -1, value.strip()))
        elif isinstance(value, list):
            out.extend((key, i, v.strip()) for i, v in enumerate(value) if isinstance(v, str) and v.strip())
    return out
