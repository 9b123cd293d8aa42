"""Property-based tests (Hypothesis) over generated front matter (valid and broken) and Markdown
bodies, with every installed rule: no exception, positions inside the file, JSON output valid
against schemas/report.schema.json, fixes idempotent, and fixes that change only the data at
the pointers they fix and only the lines of the values they fix."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import jsonschema
import yaml
from helpers import settings
from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st

from linter import cli, fixer
from linter import pointer as jp
from linter.engine import Linter

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json").read_text("utf-8"))
LINTER = Linter(settings(["ALL"]))
EXAMPLES = int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "150"))  # raise for a long hunt
PROPS = hsettings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# ---- strategies ------------------------------------------------------------------------------
words = st.sampled_from(["Robots", "fold", "laundry", "AI", "model", "café", "naïve", "â€™s", "&amp;", "&#8217;",
                         "Â ", "  ", "\u00a0", "The", "the", "...", "…", "lorem ipsum", "TBD", "N/A", "null",
                         "yes", "no", "false", "2023-03-14", "#", ": ", "- ", "'", '"', "\\", "\t", "%", "@", "`"])
text = st.lists(words, min_size=0, max_size=8).map(" ".join) | st.text(max_size=30)
hosts = st.sampled_from(["news.example.org", "example.com", "www.example.com", "other.example.net",
                         "news-example-org.cdn.ampproject.org", "localhost", "xn--caf-dma.example", "exa mple.com", ""])
paths = st.sampled_from(["", "/", "/story", "/a/b?utm_source=feed&id=3", "/amp", "/c/s/news.example.org/x", "#frag"])
urls = st.builds(lambda s, h, p: f"{s}{h}{p}", st.sampled_from(["https://", "http://", "//", "ftp://", "/", ""]), hosts, paths)
dates = st.sampled_from(["2023-03-14T09:30:00Z", "2023-03-14T09:30:00+02:00", "2023-03-14 09:30:00", "2023-03-14",
                         "2021-02-30T10:00:00Z", "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "yesterday", "14/03/2023"])
scalars = st.one_of(text, urls, dates, st.integers(-5, 500), st.booleans(), st.none(), st.floats(allow_nan=False))
booleanish = st.sampled_from([True, False, "true", "false", "yes", "no", "on", "off", "0", "1", "maybe", None, 0, 1])


def field_values(name):
    return {
        "title": text, "excerpt": text, "description": text, "type": st.sampled_from(["article", "video", "", "blog"]),
        "webUrl": urls, "originalUrl": urls, "ampWebUrl": urls, "cdnAmpWebUrl": urls, "url": urls,
        "publishedDateTime": dates, "date": dates, "published": booleanish,
        "quality": st.integers(-10, 300), "heat": st.integers(-5, 500),
    }.get(name, scalars)


article_keys = ["title", "excerpt", "publishedDateTime", "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "type",
                "quality", "heat", "published", "date", "description"]


@st.composite
def items(draw, depth=0):
    keys = draw(st.lists(st.sampled_from(article_keys), unique=True, max_size=9))
    out = {k: draw(field_values(k)) for k in keys}
    if depth == 0:
        if draw(st.booleans()):
            out["provider"] = {"name": draw(text), "domain": draw(hosts)}
        if draw(st.booleans()):
            out["topics"] = draw(st.lists(st.sampled_from(["AI", "Computer Vision", "Robotics", "AI Ethics", ""]), max_size=4))
        if draw(st.booleans()):
            out["images"] = [{"url": draw(urls), "width": draw(st.integers(0, 2000)), "height": draw(st.integers(0, 2000))}]
        if draw(st.booleans()):
            out["related"] = draw(st.lists(items(depth=1), max_size=3))
    return out


def dump(data, flow: bool, width: int) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False, width=width)


markdown_line = st.one_of(
    text,
    st.builds(lambda t: f"## {t}", text),
    st.builds(lambda t, u: f"[{t}]({u})", text, urls),
    st.builds(lambda t: f"<p>{t}</p>", text),
    st.just(""), st.just("---"), st.just("# newslint: disable"),
)
bodies = st.lists(markdown_line, max_size=12).map("\n".join)


@st.composite
def documents(draw) -> bytes:
    data = draw(items())
    fm = dump(data, draw(st.booleans()), draw(st.sampled_from([40, 80, 1000])))
    if draw(st.integers(0, 4)) == 0:  # broken front matter: splice in junk
        pos = draw(st.integers(0, len(fm)))
        fm = fm[:pos] + draw(st.sampled_from(["\t", ": ", "[", "{", "&a ", "*a", "!!python/name:x ", "\x00", "'", "\n- "]) | text) + fm[pos:]
    nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    body = draw(bodies)
    text_ = "---\n" + fm + "---\n" + body + "\n"
    raw = text_.replace("\n", nl).encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" if draw(st.integers(0, 9)) == 0 else b"") + raw


# ---- checks ------------------------------------------------------------------------------
def _line_count(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace").lstrip("\ufeff")
    return len(text.splitlines()) + 1


def _lint(raw: bytes):
    _, result = LINTER.lint_bytes(raw, "2023-03-14-robots.md", "2023-03-14-robots.md")
    LINTER.finish([result])
    return result.findings


@PROPS
@given(documents())
def test_any_document_lints_without_error_and_positions_are_inside(raw):
    findings = _lint(raw)
    lines = _line_count(raw)
    for f in findings:
        assert f.rule != "internal-error", f.message
        assert 1 <= f.line <= f.end_line <= lines, (f.rule, f.line, f.end_line, lines)
        assert f.column >= 1 and f.end_column >= 1 and (f.end_line > f.line or f.end_column >= f.column), f
        if f.fix:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= len(raw.decode("utf-8", "replace")), (f.rule, e)


def _is_under(ptr: str, fixed: set[str]) -> bool:
    return any(ptr == p or ptr.startswith(p + "/") or p == "" for p in fixed)


def _is_ancestor(ptr: str, fixed: set[str]) -> bool:
    return any(p.startswith(ptr + "/") or (ptr == "" and p) for p in fixed)


def _removed_from(old: list, new: list) -> bool:
    """`new` is `old` with some items removed, the rest unchanged and in order."""
    it = iter(old)
    return all(any(item == o for o in it) for item in new)


def _same_except(old, new, ptr: str, fixed: set[str], where: list[str]) -> None:
    """Record in `where` every pointer whose data changed although no applied fix names it."""
    if _is_under(ptr, fixed):
        return
    if not _is_ancestor(ptr, fixed):
        if old != new:
            where.append(ptr)
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in old:
            child = jp.join(ptr, str(k))
            if k in new:
                _same_except(old[k], new[k], child, fixed, where)
            elif not _is_under(child, fixed):
                where.append(child)
        # keys only in `new`: allowed (a fix may rename or add a key in a mapping it fixes)
    elif isinstance(old, list) and isinstance(new, list):
        keep = [i for i in range(len(old)) if not _is_under(f"{ptr}/{i}", fixed)]
        if len(new) == len(old):
            for i in range(len(old)):
                _same_except(old[i], new[i], f"{ptr}/{i}", fixed, where)
        elif len(new) == len(keep):  # fixed items were deleted (or, for duplicates, their twins)
            if [old[i] for i in keep] != new and not _removed_from(old, new):
                for j, i in enumerate(keep):
                    _same_except(old[i], new[j], f"{ptr}/{i}", fixed, where)
        else:
            where.append(ptr)
    elif old != new:
        where.append(ptr)


@PROPS
@given(documents())
def test_fixing_is_idempotent_and_touches_only_fixed_pointers(raw):
    doc, _ = LINTER.lint_bytes(raw, "2023-03-14-robots.md", "2023-03-14-robots.md")
    outcome = fixer.fix_document(LINTER, raw, "2023-03-14-robots.md", "2023-03-14-robots.md", unsafe=True)
    assume(outcome.applied)
    bom = raw.startswith(b"\xef\xbb\xbf")
    once = fixer.encode(outcome.text, bom)
    again = fixer.fix_document(LINTER, once, "2023-03-14-robots.md", "2023-03-14-robots.md", unsafe=True)
    assert again.text == outcome.text, f"second --fix changed the file: {sorted({f.rule for f in again.applied})}"
    # Data may change only at the pointers each pass fixed (pointers shift after a deletion, so
    # compare pass by pass: one pass per fix_document call).
    current, data = raw, doc.data
    saved = fixer.MAX_PASSES
    fixer.MAX_PASSES = 1
    try:
        for _ in range(saved):
            step = fixer.fix_document(LINTER, current, "2023-03-14-robots.md", "2023-03-14-robots.md", unsafe=True)
            if not step.applied:
                break
            current = fixer.encode(step.text, bom)
            new_doc, _ = LINTER.lint_bytes(current, "2023-03-14-robots.md", "2023-03-14-robots.md")
            if isinstance(data, dict):
                assert isinstance(new_doc.data, dict), "a fix broke the front matter"
                fixed = {f.pointer for f in step.applied if f.pointer is not None}
                changed: list[str] = []
                _same_except(data, new_doc.data, "", fixed, changed)
                rules = sorted({f.rule for f in step.applied})
                assert not changed, f"fixes by {rules} changed data at {changed} (fixed: {sorted(fixed)})"
            data = new_doc.data
    finally:
        fixer.MAX_PASSES = saved
    assert current == once


def test_the_data_comparison_catches_changes_outside_fixed_pointers():
    """Control for the comparison the fix property relies on."""
    old = {"a": 1, "rel": [{"t": "x"}, {"t": "y"}, {"t": "z"}], "p": {"q": 1, "r": 2}}
    ok = {"a": 1, "rel": [{"t": "x"}, {"t": "z"}], "p": {"q": 5, "r": 2}}
    where: list[str] = []
    _same_except(old, ok, "", {"/rel/1", "/p/q"}, where)
    assert where == []
    bad = {"a": 2, "rel": [{"t": "x"}, {"t": "Z"}], "p": {"q": 5}}
    _same_except(old, bad, "", {"/rel/1", "/p/q"}, where)
    assert where == ["/a", "/rel/2", "/p/r"]


@PROPS
@given(documents())
def test_a_fix_edits_only_the_lines_of_the_value_it_fixes(raw):
    doc, result = LINTER.lint_bytes(raw, "2023-03-14-robots.md", "2023-03-14-robots.md")
    for f in result.findings:
        if f.fix is None or f.pointer is None or f.pointer not in doc.nodes:
            continue
        node = doc.nodes[f.pointer]
        key = doc.key_nodes.get(f.pointer)
        first = doc.fm_start + (key or node).start_mark.index
        last = doc.fm_start + node.end_mark.index
        lo, hi = doc.line_of(first), doc.line_of(max(first, last - 1))
        for e in f.fix.edits:
            if e.start >= doc.body_start:
                continue  # a body edit: judged by its own rule's tests
            e_lo = doc.line_of(e.start)
            e_hi = doc.line_of(max(e.start, e.end - 1))
            assert lo - 1 <= e_lo and e_hi <= hi + 1, (
                f"{f.rule}: edit of lines {e_lo}-{e_hi} for {f.pointer} on lines {lo}-{hi}")
        new = fixer.apply_edits(doc.text, list(f.fix.edits))
        # Every line before line lo - 1 and after line hi + 1 is kept as it was (compared from each
        # end: a diff would be free to align repeated lines either way).
        old_lines, new_lines = doc.text.splitlines(), new.splitlines()
        before, after = max(0, lo - 2), max(0, len(old_lines) - (hi + 1))
        assert new_lines[:before] == old_lines[:before], f"{f.rule}: changed a line before {lo - 1}"
        assert len(new_lines) >= before + after and new_lines[len(new_lines) - after:] == old_lines[len(old_lines) - after:], (
            f"{f.rule}: changed a line after {hi + 1}")


@hsettings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=1, max_size=4), st.booleans())
def test_json_output_matches_the_report_schema(raws, fix):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, raw in enumerate(raws):
            (folder / f"2023-03-1{i}-story.md").write_bytes(raw)
        out = folder / "report.json"
        args = ["check", "--select", "ALL", "--no-cache", "--format", "json", "--output", str(out), str(folder)]
        code = cli.main(args + (["--fix", "--unsafe-fixes"] if fix else []))
        assert code in (0, 1)
        report = json.loads(out.read_text("utf-8"))
    jsonschema.validate(report, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert report["summary"]["files"] == len(raws)
    assert report["summary"]["findings"] == len(report["findings"])


def test_the_schema_rejects_a_broken_report():
    """Control: the schema is strict enough to catch a wrong report."""
    bad = {"version": 1, "findings": [{"path": "a.md", "line": 0, "column": 1, "end_line": 1, "end_column": 1,
                                       "code": "X1", "rule": "Bad Name", "severity": "fatal", "message": "",
                                       "pointer": "no-slash", "fix": {"applicability": "maybe"}}],
           "summary": {"files": 1}}
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert len(list(validator.iter_errors(bad))) >= 5
