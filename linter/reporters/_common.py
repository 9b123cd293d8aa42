"""Small helpers the machine-readable reporters share."""

from __future__ import annotations

import json
import re
from json.encoder import c_make_encoder, encode_basestring

_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALARS = frozenset({str, int, float, bool, type(None)})  # these types exactly: no subclass

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def clean(text: str) -> str:
    """Text safe to encode as UTF-8: lone surrogates (undecodable bytes kept by the decoder)
    become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def dumps(value, indent: int | None = None, separators: tuple[str, str] | None = None) -> str:
    """`json.dumps(value, indent=..., separators=..., ensure_ascii=False)`, byte for byte, that any
    UTF-8 writer accepts: a lone surrogate (an undecodable byte of a file name, `caf\udce9.md`) is
    written as its JSON escape and reads back the same."""
    if indent is None:
        text = json.dumps(value, ensure_ascii=False, separators=separators)
    else:
        text = _indented(value, " " * indent)
    try:
        text.encode("utf-8")  # fails on a surrogate only: a third of the time a search for one takes
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def _indented(value, step: str) -> str:
    """What json.dumps(value, indent=len(step), ensure_ascii=False) writes, through the C encoder.

    json.dumps encodes any indented value in pure Python (2-4 times slower), and one call of the
    C encoder costs 1-2 us however small the value, so the calls are batched. A walk over the
    containers leaves a slot for each container of scalars only, and for each run of scalar
    members of one holding containers too (most of a report); then one C call per depth encodes
    all of that depth's, as one list, with the line break and indentation of the depth as item
    separator, and its text is cut back into pieces. The cut is exact: outside strings the encoder
    writes no line break but in its separators (strings escape theirs), and inside a piece a
    separator is followed by a key or a scalar, never by the bracket opening the next piece."""
    out: list = []
    # line start of the items -> ([slot in out], [dict piece], [slot], [list piece]): lists, not a
    # tuple per piece (nor a container per run of scalars: a dict of scalars is not tracked by the
    # garbage collector), so that the walk does not set off collections of the run's objects
    levels: dict[str, tuple[list[int], list, list[int], list]] = {}

    def walk(value, margin: str) -> None:
        inner = margin + step
        level = levels.get(inner) or levels.setdefault(inner, ([], [], [], []))
        if isinstance(value, dict):
            if not value:
                out.append("{}")
            elif _SCALARS.issuperset(map(type, value.values())):
                level[0].append(len(out) + 1)
                level[1].append(value)
                out.extend(("{" + inner, None, margin + "}"))
            else:
                separator, scalars = "{" + inner, {}
                for key, item in value.items():
                    if type(item) in _SCALARS:
                        scalars[key] = item
                        continue
                    if scalars:
                        level[0].append(len(out) + 1)
                        level[1].append(scalars)
                        out.extend((separator, None))
                        separator, scalars = "," + inner, {}
                    out.append(separator + _key(key) + ": ")
                    walk(item, inner)
                    separator = "," + inner
                if scalars:
                    level[0].append(len(out) + 1)
                    level[1].append(scalars)
                    out.extend((separator, None))
                out.append(margin + "}")
        elif isinstance(value, (list, tuple)):
            if not value:
                out.append("[]")
            elif _SCALARS.issuperset(map(type, value)):
                level[2].append(len(out) + 1)
                level[3].append(value)
                out.extend(("[" + inner, None, margin + "]"))
            else:
                separator, scalars = "[" + inner, []
                for item in value:
                    if type(item) in _SCALARS:
                        scalars.append(item)
                        continue
                    if scalars:
                        level[2].append(len(out) + 1)
                        level[3].append(scalars)
                        out.extend((separator, None))
                        separator, scalars = "," + inner, []
                    out.append(separator)
                    walk(item, inner)
                    separator = "," + inner
                if scalars:
                    level[2].append(len(out) + 1)
                    level[3].append(scalars)
                    out.extend((separator, None))
                out.append(margin + "]")
        else:  # a scalar of a subclass, or a value json cannot encode (its TypeError)
            out.append(json.dumps(value, ensure_ascii=False))

    walk(value, "\n")
    for inner, (dict_slots, dicts, list_slots, lists) in levels.items():
        encode = c_make_encoder(None, _unknown, encode_basestring, None, ": ", "," + inner, False, False, True)
        for slots, containers, cut in ((dict_slots, dicts, "}," + inner + "{"), (list_slots, lists, "]," + inner + "[")):
            if containers:
                for slot, items in zip(slots, "".join(encode(containers, 0))[2:-2].split(cut)):
                    out[slot] = items
    return "".join(out)


def _unknown(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key) -> str:
    if not isinstance(key, str):  # turned into a string as json.dumps does
        if not isinstance(key, (int, float, bool, type(None))):
            raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
        key = json.dumps(key)
    return encode_basestring(key)


def rules_by_code(run) -> dict:
    """Every rule the registry knows, by code (empty when the run has no registry)."""
    registry = getattr(getattr(run, "settings", None), "registry", None)
    return {r.code: r for r in getattr(registry, "rules", ())}


def posix(path: str) -> str:
    return path.replace("\\", "/")
