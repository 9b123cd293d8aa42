"""Bytes -> Document: decode, split the front matter from the body, parse it with positions.

The front matter is composed with libyaml (PyYAML's C loader) and turned into plain, JSON-like
Python data in the same walk that indexes every node by JSON Pointer. Timestamps stay strings
(their source text), so schemas and date rules see exactly what the file says.

Parsing never raises on bad input: every problem becomes a `Problem` with a kind (the name of
the structural rule that reports it) and a position.
"""

from __future__ import annotations

import bisect
import re
import sys
from itertools import accumulate
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor

from linter.limits import DEFAULT_LIMITS, Limits  # noqa: F401 (Limits: part of this module's API)
from linter import fields as roles
from linter import pointer as jp
from linter.model import Span

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n|$)")
# The closing line, found from the line break before it (a lookbehind at every offset is slow).
_CLOSE = re.compile(r"[\r\n](?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|\Z)")
# Hugo's TOML front matter: `+++` lines around it; and its JSON front matter, an object whose braces
# stand on lines of their own. Other formats, not a missing block.
_TOML = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)(?:.*(?:\r\n|\r|\n))*?\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)")
_JSON = re.compile(r"\{[ \t]*(?:\r\n|\r|\n)(?:.*(?:\r\n|\r|\n))*?\}[ \t]*(?:\r\n|\r|\n|\Z)")

_STR = "tag:yaml.org,2002:str"
_TAG_PREFIX = "tag:yaml.org,2002:"
_CONSTRUCTOR = SafeConstructor()

# The tag resolution tables of `_Loader`: its own copies, so that nothing registered on PyYAML's
# loaders later can make a remembered tag wrong.
_IMPLICIT_RESOLVERS = {first: list(pairs) for first, pairs in Loader.yaml_implicit_resolvers.items()}
_PATH_RESOLVERS = dict(Loader.yaml_path_resolvers)
# Whether a plain scalar's tag depends only on its text and the resolvers for its first character
# (no wildcard resolver, no path resolvers): true of PyYAML as shipped.
_BY_FIRST_CHARACTER = None not in _IMPLICIT_RESOLVERS and not _PATH_RESOLVERS
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar -> its resolved tag, remembered across files
_REMEMBER = 4096  # at most this many, of scalars at most _REMEMBER_LEN long (bounded memory)
_REMEMBER_LEN = 32
_SCALAR_NODE = yaml.ScalarNode
_COLLECTION_TAGS = {yaml.SequenceNode: Loader.DEFAULT_SEQUENCE_TAG, yaml.MappingNode: Loader.DEFAULT_MAPPING_TAG}


class _Loader(Loader):
    """The same loader with a quicker `resolve` that gives exactly PyYAML's tags.

    libyaml's composer calls `resolve` (and `descend_resolver`, `ascend_resolver`) from C for
    every node: half a million times on 10,000 articles. PyYAML's version matches a plain scalar
    against the regular expressions registered for its first character; most of those scalars
    are the same few words and numbers (`true`, `50`, `title`), so their tags are remembered. A
    quoted scalar, or a plain one whose first character has no resolver, is a string without any
    lookup. tests/test_document_fast_paths.py compares the tags with PyYAML's.
    """

    yaml_implicit_resolvers = _IMPLICIT_RESOLVERS
    yaml_path_resolvers = _PATH_RESOLVERS

    if _BY_FIRST_CHARACTER:  # else PyYAML's own methods

        def descend_resolver(self, current_node, current_index):
            pass  # no path resolvers: no path to follow

        def ascend_resolver(self):
            pass

        def resolve(self, kind, value, implicit):
            if kind is not _SCALAR_NODE:
                return _COLLECTION_TAGS.get(kind)
            if not implicit[0] or value[:1] not in _IMPLICIT_RESOLVERS:  # value[:1]: "" has resolvers
                return Loader.DEFAULT_SCALAR_TAG
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= _REMEMBER_LEN and len(_PLAIN_TAGS) < _REMEMBER:
                    _PLAIN_TAGS[value] = tag
            return tag


# The deepest nesting walked whatever `max-depth` says: the walk, and the rules and validators that
# read the data, recurse once or more per level, and Python stops near 1,000 frames.
MAX_WALK_DEPTH = 200


class Problem(NamedTuple):
    kind: str  # the name of the structural rule that reports it
    message: str
    span: Span
    pointer: str | None = None


class Position(NamedTuple):
    """Where a node is, relative to the front matter text (0-based), as libyaml marks it."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Scalar(NamedTuple):
    source: str  # the scalar's value as written (after YAML unquoting), before type resolution
    style: str | None  # None (plain), "'", '"', "|", ">"
    tag: str


def _position(node) -> Position:
    s, e = node.start_mark, node.end_mark
    return Position(s.index, e.index, s.line, s.column, e.line, e.column)


class _LimitExceeded(Exception):
    pass


class Document:
    """One file: its text, where the front matter and the body are, the front matter's data and
    every value's node by JSON Pointer, and the problems met parsing it."""

    def __init__(self, path: str):
        self.path = path
        self.text = ""  # decoded, BOM removed, line endings untouched
        self.bom = False
        self.has_front_matter = False
        self.fm_start = 0  # offset of the first character of the YAML text
        self.fm_end = 0  # offset just past the YAML text (start of the closing delimiter line)
        self.fm_first_line = 2  # 1-based line of the first YAML line
        self.body_start = 0
        self.data: Any = None
        self.nodes: dict[str, Any] = {}  # pointer -> yaml node of the value
        self.key_nodes: dict[str, Any] = {}  # pointer -> yaml node of its key
        self.values: dict[str, Any] = {}  # pointer -> its value in `data`
        self.by_key: dict[str, list[str]] = {}
        self.problems: list[Problem] = []
        self.profile: str | None = None  # the schema/profile chosen for this file (set by the runner)
        self.schema: Any = None  # the linter.schema.Schema chosen for this file (set by the runner)
        self.field_map: roles.FieldMap = roles.DEFAULT  # which keys hold which role (set by the runner)
        self._roles: dict[str, dict[str, tuple]] = {}  # item pointer -> role -> its (pointer, value)s
        self._line_starts: list[int] | None = None
        self._blocks: list | None = None
        self._code: list[tuple[int, int]] | None = None

    # ---- text geometry -------------------------------------------------------------------
    @property
    def fm_text(self) -> str:
        return self.text[self.fm_start : self.fm_end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def body_line(self) -> int:
        return self.line_of(self.body_start)

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = _line_starts(self.text)
        return self._line_starts

    @property
    def line_count(self) -> int:
        """len(line_starts), counted without building it (most findings need only the count)."""
        if self._line_starts is not None:
            return len(self._line_starts)
        text = self.text
        if "\r" not in text:  # nearly every file
            return text.count("\n") + 1
        return 1 + text.count("\n") + text.count("\r") - text.count("\r\n")

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = self.line_of(offset)
        return line, offset - self.line_starts[line - 1] + 1

    def offset_span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Span(line, col, end_line, end_col)

    # ---- the body ----------------------------------------------------------------------
    @property
    def blocks(self) -> list:
        """The body's top-level blocks (linter.body.Block), scanned on first use; none when the
        file has no front matter (its text is not known to be a body). Do not modify the list."""
        if self._blocks is None:
            if not self.has_front_matter or self.text.isspace() or not self.text[self.body_start :].strip():
                self._blocks = []  # (without importing the scanner: front-matter-only sites)
            else:
                from linter import body

                text, base = self.text, self.body_start
                first = 1 + (text.count("\n", 0, base) if "\r" not in text[:base] else len(_LINE_BREAK.findall(text, 0, base)))
                self._blocks = body.scan(text, base, first)
        return self._blocks

    @property
    def code_ranges(self) -> list[tuple[int, int]]:
        """Sorted, disjoint [start, end) offsets of the body's code: code blocks (fenced or
        indented, also inside a list or quote) and inline code spans. Do not modify the list."""
        if self._code is None:
            from linter import body

            self._code = body.code_ranges(self.blocks, self.text)
        return self._code

    def in_code(self, offset: int) -> bool:
        """Whether a character offset of the body lies in code (see `code_ranges`)."""
        from linter import body

        return body.in_ranges(self.code_ranges, offset)

    # ---- front-matter positions --------------------------------------------------------
    def _span(self, pos: Position) -> Span:
        base = self.fm_first_line
        line, col, end_line, end_col = pos.line, pos.column, pos.end_line, pos.end_column
        if end_col == 0 and end_line > line:
            # A block collection ends at the start of the next line: end at the previous one.
            end_line -= 1
            ls = self.line_starts
            idx = base + end_line  # 1-based line number of that previous line
            if idx < len(ls):
                end_col = len(self.text[ls[idx - 1] : ls[idx]].rstrip("\r\n"))
            else:
                end_col = len(self.text[ls[idx - 1] :].rstrip("\r\n")) if idx - 1 < len(ls) else 0
        return Span(base + line, col + 1, base + end_line, end_col + 1)

    def position(self, pointer: str, at_key: bool = False) -> Position | None:
        node = (self.key_nodes if at_key else self.nodes).get(pointer)
        return None if node is None else _position(node)

    def span(self, pointer: str | None, at_key: bool = False) -> Span | None:
        """Position of a value (or its key) in the whole file, or None if unknown."""
        if pointer is None:
            return None
        pos = self.position(pointer, at_key) or (self.position(pointer) if at_key else None)
        return None if pos is None else self._span(pos)

    def scalar(self, pointer: str) -> Scalar | None:
        """How a scalar value is written: its source text, quoting style and resolved tag."""
        node = self.nodes.get(pointer)
        if node is None or not isinstance(node, yaml.ScalarNode):
            return None
        return Scalar(node.value, node.style or None, node.tag)

    # ---- data access -------------------------------------------------------------------
    def get(self, pointer: str, default: Any = None) -> Any:
        if pointer in self.values:
            return self.values[pointer]
        node = self.data
        for token in jp.split(pointer):
            if isinstance(node, dict):
                if token not in node:
                    return default
                node = node[token]
            elif isinstance(node, list):
                if not token.isdigit() or int(token) >= len(node):
                    return default
                node = node[int(token)]
            else:
                return default
        return node

    def fields(self, *names: str) -> list[tuple[str, Any]]:
        """Every (pointer, value) whose key is one of `names`, anywhere in the front matter."""
        values = self.values
        if len(names) == 1:  # by_key lists pointers in document order already
            return [(ptr, values.get(ptr)) for ptr in self.by_key.get(names[0], ())]
        out = []
        for name in names:
            for ptr in self.by_key.get(name, ()):
                out.append((ptr, values.get(ptr)))
        out.sort(key=lambda pv: self.nodes[pv[0]].start_mark.index if pv[0] in self.nodes else 0)
        return out

    def role(self, name: str, item: str = "") -> tuple[tuple[str, Any], ...]:
        """(pointer, value) of each value holding the role `name` (linter.fields) in the article
        (`item` "") or in the item at pointer `item` (a `related` entry), preferred first. Every
        role of an item is found on the first call, once per document."""
        found = self._roles.get(item)
        if found is None:
            found = self._roles[item] = self.field_map.find(self.values, item) if item in self.values else {}
        return found.get(name, ())

    def items(self) -> list[tuple[str, dict]]:
        """The article (pointer "") and each item of its `related` list (role "related"): the places
        where article fields live."""
        out: list[tuple[str, dict]] = []
        if isinstance(self.data, dict):
            out.append(("", self.data))
            for ptr, related in self.role("related"):
                if isinstance(related, list):
                    out.extend((f"{ptr}/{i}", r) for i, r in enumerate(related) if isinstance(r, dict))
                    break
        return out


def _line_starts(text: str) -> list[int]:
    """The offset of each line's first character (a line ends with CR LF, CR or LF)."""
    if "\r" in text:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    # Only LF (nearly every file): summing line lengths is twice as quick as the regex.
    return list(accumulate([len(line) + 1 for line in text.split("\n")[:-1]], initial=0))


# ---- parsing ---------------------------------------------------------------------------------
def _looks_utf16(raw: bytes) -> bool:
    head = raw[:64]
    if len(head) < 4 or b"\x00" not in head[:2]:
        return False
    zeros_odd, zeros_even = head[1::2].count(0), head[0::2].count(0)
    half = len(head) // 2
    return (zeros_odd == half and zeros_even == 0) or (zeros_even == half and zeros_odd == 0)


def parse(raw: bytes, path: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Document:
    doc = Document(path=path)
    if raw.startswith(_BOM):
        raw = raw[3:]
        doc.bom = True
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        doc.problems.append(Problem("invalid-encoding", "file is UTF-16 encoded; expected UTF-8", Span(1, 1, 1, 1)))
        return doc
    elif _looks_utf16(raw):
        # Valid UTF-8 as bytes (NUL is a character), but every other byte is NUL: "-\0-\0-\0\n\0".
        doc.problems.append(
            Problem("invalid-encoding", "file looks UTF-16 encoded (no byte-order mark); expected UTF-8", Span(1, 1, 1, 1))
        )
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        doc.text = good
        line, col = doc.line_col(len(good))
        doc.problems.append(
            Problem(
                "invalid-encoding",
                f"invalid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded",
                Span(line, col, line, col + 1),
            )
        )
        doc._line_starts = None
        return doc
    return parse_text(text, path, limits, doc)


def parse_text(text: str, path: str = "<string>", limits: Limits = DEFAULT_LIMITS, doc: Document | None = None) -> Document:
    if doc is None:
        doc = Document(path=path)
    doc.text = text
    m = _OPEN.match(text)
    if not m:
        if text.startswith("+++") and _TOML.match(text) or text.startswith("{") and _JSON.match(text):
            return doc  # front matter Hugo reads, in TOML or JSON: not YAML's to check
        doc.problems.append(
            Problem("front-matter-missing", "file does not start with a '---' front-matter line", Span(1, 1, 1, 1))
        )
        return doc
    doc.fm_start = m.end()
    close = _CLOSE.search(text, doc.fm_start - 1)
    if close is None:
        doc.problems.append(
            Problem(
                "front-matter-unterminated",
                "front matter opened on line 1 is never closed by a '---' or '...' line",
                Span(1, 1, 1, 4),
            )
        )
        return doc
    doc.has_front_matter = True
    doc.fm_end = close.start() + 1
    nl = _LINE_BREAK.match(text, close.end())
    doc.body_start = nl.end() if nl else close.end()
    _parse_front_matter(doc, limits)
    return doc


def _parse_front_matter(doc: Document, limits: Limits) -> None:
    fm = doc.fm_text
    if len(fm) > limits.max_front_matter_bytes and len(fm.encode("utf-8")) > limits.max_front_matter_bytes:
        doc.problems.append(
            Problem(
                "yaml-limit-exceeded",
                f"front matter is larger than {limits.max_front_matter_bytes} bytes; not parsed",
                Span(1, 1, 1, 4),
            )
        )
        return
    try:
        if _may_be_deep(fm):
            _check_depth(fm, limits.max_depth)
        loader = _Loader(fm)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _LimitExceeded as exc:
        doc.problems.append(Problem("yaml-limit-exceeded", str(exc), Span(doc.fm_first_line, 1, doc.fm_first_line, 1)))
        return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.problem == _LIBYAML_TOO_DEEP:  # libyaml >= 0.2.6 stops at its own depth, read ahead of our check
            where = f" (at line {mark.line + 1} of the front matter)" if mark else ""
            message = f"front matter nests deeper than {limits.max_depth} levels{where}"
            doc.problems.append(Problem("yaml-limit-exceeded", message, Span(doc.fm_first_line, 1, doc.fm_first_line, 1)))
            return
        line = doc.fm_first_line + (mark.line if mark else 0)
        col = (mark.column if mark else 0) + 1
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{what} ({exc.context})"
        doc.problems.append(Problem("yaml-syntax", f"YAML syntax error: {what}", Span(line, col, line, col + 1)))
        return
    except yaml.YAMLError as exc:  # e.g. ReaderError: a control character, a NUL byte
        pos = getattr(exc, "position", 0) or 0
        line, col = doc.line_col(doc.fm_start + min(pos, len(fm)))
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        doc.problems.append(Problem("yaml-syntax", f"YAML syntax error: {reason}", Span(line, col, line, col + 1)))
        return
    if node is None:  # empty front matter is valid (Jekyll): no variables
        doc.data = {}
        return
    walker = _Walker(doc, limits, may_alias="*" in fm)
    try:
        doc.data = walker.build(node, "", 0)
    except _LimitExceeded as exc:
        doc.data = None
        doc.nodes.clear()
        doc.key_nodes.clear()
        doc.values.clear()
        doc.by_key.clear()
        doc.problems.append(Problem("yaml-limit-exceeded", str(exc), Span(doc.fm_first_line, 1, doc.fm_first_line, 1)))
        return
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "null"
        kind = {"list": "a list", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean"}.get(kind, kind)
        doc.problems.append(
            Problem(
                "front-matter-not-mapping",
                f"front matter is {kind}; expected a mapping of keys",
                doc._span(_position(node)),
                "",
            )
        )


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"  # its scanner's error past 1,000 levels
_SAFE_NESTING = 5000  # libyaml's composer recurses in C: tested safe to 20,000, crashes by 400,000
_DEEP_INDENT = re.compile(r"(?:\n|\r)[ \t]{%d}" % _SAFE_NESTING)


def _may_be_deep(fm: str) -> bool:
    """Cheap upper bound on nesting: flow brackets, compact indicators and indentation."""
    if len(fm) < _SAFE_NESTING:
        return False
    indicators = fm.count("[") + fm.count("{") + fm.count("- ") + fm.count("? ")
    return indicators > _SAFE_NESTING // 2 or _DEEP_INDENT.search(fm) is not None


def _check_depth(fm: str, max_depth: int) -> None:
    """Exact nesting depth from libyaml's event stream (the parser itself does not recurse)."""
    depth = 0
    start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in yaml.parse(fm, Loader=Loader):
        if isinstance(event, start_events):
            depth += 1
            if depth > max_depth:
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise _LimitExceeded(
                    f"front matter nests deeper than {max_depth} levels (at line {line} of the front matter)"
                )
        elif isinstance(event, end_events):
            depth -= 1


class _Walker:
    """One pass over the node graph: builds the data and the pointer indexes, enforces bounds.

    The hot loop of parsing (one step per node). Most nodes are scalars, so `_mapping` and
    `_sequence` take their scalar children themselves, doing exactly what `build` would do
    without a call per child; `build` is called for the root and for collections.
    """

    def __init__(self, doc: Document, limits: Limits, may_alias: bool = True):
        self.doc = doc
        self.limits = limits
        self.nodes_left = limits.max_nodes  # raises when it goes below zero
        self.max_depth = min(limits.max_depth, MAX_WALK_DEPTH)
        self.aliases = 0
        # Every node met so far, to count aliases (a node met twice); None when the text has no
        # `*`, so that no node can be met twice.
        self.seen: set[int] | None = set() if may_alias else None

    def build(self, node, ptr: str, depth: int) -> Any:
        """The value of `node` (at pointer `ptr`), indexed on the way."""
        self._enter(node, ptr, depth)
        cls = type(node)
        if cls is _SCALAR_NODE:
            value = node.value if node.tag == _STR else self._scalar(node, ptr)
        else:
            if node.tag not in _COLLECTION_TAGS_SAFE:  # the usual !!seq and !!map need no check
                self._check_tag(node, ptr, _COLLECTION_KINDS)
            value = self._sequence(node, ptr, depth) if cls is yaml.SequenceNode else self._mapping(node, ptr, depth)
        self.doc.values[ptr] = value
        return value

    def _enter(self, node, ptr: str, depth: int) -> None:
        """Count the node against the limits and index it (before its children: document order)."""
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise _LimitExceeded(
                f"front matter expands to more than {self.limits.max_nodes} values (alias expansion or sheer size)"
            )
        if depth > self.max_depth:
            raise _LimitExceeded(f"front matter nests deeper than {self.max_depth} levels")
        self.doc.nodes[ptr] = node
        # A node met twice is an alias. Scalar aliases count too: each use of one is a value the
        # rules read, so 100,000 uses of a 1 MB string would be 100 GB of text to check.
        seen = self.seen
        if seen is not None:
            key = id(node)
            if key in seen:
                self.aliases += 1
                if self.aliases > self.limits.max_aliases:
                    raise _LimitExceeded(f"front matter uses more than {self.limits.max_aliases} aliases")
            seen.add(key)

    def _sequence(self, node, ptr: str, depth: int) -> list:
        out = []
        values = self.doc.values
        depth += 1
        for i, child in enumerate(node.value):
            item = f"{ptr}/{i}"
            if type(child) is _SCALAR_NODE:  # `build`, unrolled for a scalar
                self._enter(child, item, depth)
                value = values[item] = child.value if child.tag == _STR else self._scalar(child, item)
                out.append(value)
            else:
                out.append(self.build(child, item, depth))
        return out

    def _mapping(self, node, ptr: str, depth: int) -> dict:
        doc = self.doc
        out: dict = {}
        first: dict = {}  # key -> the node that defined it first
        key_nodes, by_key, values = doc.key_nodes, doc.by_key, doc.values
        depth += 1
        for key_node, value_node in node.value:
            if type(key_node) is _SCALAR_NODE and key_node.tag == _STR:
                key = key_node.value
            elif isinstance(key_node, yaml.ScalarNode):
                key = self._scalar(key_node, None)
                if not isinstance(key, str):
                    # JSON-like data has string keys: `1:`, `true:`, `~:` keep their source text
                    # (mixed key types would also break sorting and JSON output downstream).
                    key = key_node.value
            else:
                key = f"<{type(key_node).__name__[:-4].lower()} key>"
            child = f"{ptr}/{key}" if "/" not in key and "~" not in key else jp.join(ptr, key)
            if key in first:
                line = doc.fm_first_line + first[key].start_mark.line
                doc.problems.append(
                    Problem(
                        "yaml-duplicate-key",
                        f"duplicate key '{key}' (first defined on line {line}); YAML loaders keep only the last one",
                        doc._span(_position(key_node)),
                        child,
                    )
                )
            else:
                first[key] = key_node
            key_nodes[child] = key_node
            same_key = by_key.get(key)
            if same_key is None:
                by_key[key] = [child]
            else:
                same_key.append(child)
            if type(value_node) is _SCALAR_NODE:  # `build`, unrolled for a scalar
                self._enter(value_node, child, depth)
                value = values[child] = value_node.value if value_node.tag == _STR else self._scalar(value_node, child)
                out[key] = value
            else:
                out[key] = self.build(value_node, child, depth)
        return out

    def _check_tag(self, node, ptr: str | None, allowed: tuple[str, ...]) -> bool:
        tag = node.tag or ""
        if tag.startswith(_TAG_PREFIX) and tag[len(_TAG_PREFIX) :] in allowed:
            return True
        if tag in ("!", "?"):
            return True
        self.doc.problems.append(
            Problem(
                "yaml-unsafe-tag",
                f"tag '{tag}' is not a safe YAML tag; its value is kept as plain text",
                self.doc._span(_position(node)),
                ptr,
            )
        )
        return False

    def _scalar(self, node, ptr: str | None) -> Any:
        """A scalar's value by its tag. (Callers skip the call for strings, the commonest scalars.)"""
        value = node.value
        convert = _CONVERTERS.get(node.tag)
        if convert is not None:
            try:
                return convert(node)
            except Exception:  # e.g. "!!float" with an empty value: IndexError (found by fuzzing)
                return value
        if node.tag not in _AS_WRITTEN:
            self._check_tag(node, ptr, ())
        return value


def _int(node) -> int | str:
    value = node.value
    if value.isdigit() and value[0] != "0":  # 50, 1200: what construct_yaml_int would give, quicker
        return int(value)  # over Python's digit limit, ValueError: the value stays as written
    number = _CONSTRUCTOR.construct_yaml_int(node)
    if number.bit_length() > _MAX_INT_BITS:  # 0x + 4,000 f: an int no message or JSON could print
        return value
    return number


# Python prints ints of at most sys.get_int_max_str_digits() digits (0: no limit); a hex, octal or
# binary int longer than that is kept as written, as a decimal one is (its conversion fails).
_MAX_INT_BITS = int((sys.get_int_max_str_digits() or 10**9) * 3.32) if hasattr(sys, "get_int_max_str_digits") else 10**9


# Scalars by resolved tag: converted to Python values, or kept as written (timestamps stay strings).
_CONVERTERS = {
    _TAG_PREFIX + "int": _int,
    _TAG_PREFIX + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG_PREFIX + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG_PREFIX + "null": lambda node: None,
}
_COLLECTION_KINDS = ("seq", "map", "set", "omap", "pairs")
_COLLECTION_TAGS_SAFE = frozenset(_TAG_PREFIX + kind for kind in _COLLECTION_KINDS)
_AS_WRITTEN = frozenset(_TAG_PREFIX + kind for kind in ("timestamp", "binary", "str", "merge", "value"))
