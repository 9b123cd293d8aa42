"""Every --format, produced from the same small corpus (fixtures written for these tests, modeled
on scraped news articles) and validated: SARIF against the official 2.1.0 schema, JUnit with an
XML parser, GitHub lines against the workflow-command grammar, GitLab fingerprints for
stability; plus the text formats and the check conveniences (--statistics, --exit-zero,
--show-fixes, --show-source)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from linter.cli import main

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SELECT = "published-not-boolean,front-matter-missing"

# published: "yes" -> line 4, columns 12..17 (the quoted scalar), a safe fix to `true`
TRAM = """---
title: "Council approves the new tram line: phase 2, 100% funded"
publishedDateTime: 2022-07-07T10:00:00Z
published: "yes"
provider:
  name: City Times
  domain: citytimes.example
---
Body text.
"""
# a value with a percent sign, a line break and an escape character, which the message quotes
ODD = """---
title: "Weird flags"
publishedDateTime: 2022-08-01T08:00:00Z
published: "50%\\nmaybe\\e"
---
"""
NOTES = "Just some notes, no front matter.\n"
CLEAN = """---
title: "Library opens a reading garden"
publishedDateTime: 2022-07-08T09:30:00Z
published: true
---
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    (news / "2022-07-07-tram.md").write_text(TRAM, encoding="utf-8")
    (news / "2022-08-01-odd.md").write_text(ODD, encoding="utf-8")
    (news / "2022-07-09-notes.md").write_text(NOTES, encoding="utf-8")
    (news / "2022-07-08-garden.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["check", "news", "--no-cache", "--select", SELECT, *args])
    return rc, capsys.readouterr().out


def findings(capsys) -> list[dict]:
    return json.loads(check(capsys, "--format", "json")[1])["findings"]


# ---- SARIF ---------------------------------------------------------------------------------------
def test_sarif_is_valid_against_the_official_schema(corpus, capsys):
    rc, out = check(capsys, "--format", "sarif")
    doc = json.loads(out)
    validator = jsonschema.Draft4Validator(SCHEMA)
    errors = [e.message for e in validator.iter_errors(doc)]
    assert errors == []
    assert rc == 1
    # the validator does look: a SARIF log without a version is rejected
    broken = dict(doc)
    del broken["version"]
    assert list(validator.iter_errors(broken))


def test_sarif_driver_lists_every_rule_and_results_point_at_them(corpus, capsys):
    from helpers import get_registry

    run = json.loads(check(capsys, "--format", "sarif")[1])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {r.code for r in get_registry().rules}
    pub = next(r for r in rules if r["name"] == "published-not-boolean")
    assert pub["defaultConfiguration"]["level"] == "error"
    assert pub["shortDescription"]["text"]
    assert "```markdown" in pub["help"]["markdown"]  # the rule's examples
    assert len(run["results"]) == 3
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    tram = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("tram.md"))
    loc = tram["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": "news/2022-07-07-tram.md", "uriBaseId": "%SRCROOT%"}
    assert loc["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 12, "endLine": 4, "endColumn": 17}
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "/published"
    assert tram["level"] == "error"
    (change,) = tram["fixes"][0]["artifactChanges"]
    (rep,) = change["replacements"]
    start, length = rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"]
    assert TRAM[start:start + length] == '"yes"' and rep["insertedContent"]["text"] == "true"
    notes = next(r for r in run["results"] if r["ruleId"] != tram["ruleId"])
    assert "fixes" not in notes


def test_sarif_fingerprints_survive_a_line_move(corpus, capsys):
    def prints():
        run = json.loads(check(capsys, "--format", "sarif")[1])["runs"][0]
        return sorted((r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"]["newslint/v1"])
                      for r in run["results"])

    before = prints()
    tram = corpus / "news" / "2022-07-07-tram.md"
    tram.write_text(TRAM.replace("---\n", "---\ncategory: news\n", 1), encoding="utf-8")
    after = prints()
    assert [fp for _, fp in before] != [] and sorted(fp for _, fp in before) == sorted(fp for _, fp in after)
    assert [line for line, _ in before] != [line for line, _ in after]


# ---- GitHub --------------------------------------------------------------------------------------
COMMAND = re.compile(
    r"^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:\r\n]+::[^\r\n]*$"
)


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_lines_follow_the_workflow_command_grammar(corpus, capsys):
    rc, out = check(capsys, "--format", "github")
    lines = out.splitlines()
    assert rc == 1 and len(lines) == 3
    for line in lines:
        assert COMMAND.match(line), line
    tram = next(l for l in lines if "tram.md" in l)
    assert tram.startswith("::error file=news/2022-07-07-tram.md,line=4,col=12,endLine=4,endColumn=17,"
                           "title=PUB001 published-not-boolean::")


def test_github_messages_are_escaped_and_round_trip(corpus, capsys):
    messages = {f["path"]: f["message"] for f in findings(capsys)}
    odd = messages["news/2022-08-01-odd.md"]
    assert "%" in odd and "\n" in odd  # the message really carries the characters that need escaping
    out = check(capsys, "--format", "github")[1]
    line = next(l for l in out.splitlines() if "odd.md" in l)
    data = line.split("::", 2)[2]
    assert "%25" in data and "%0A" in data and "\n" not in data
    # line breaks round-trip; control characters (a terminal escape) arrive shown escaped, not raw
    assert "\x1b" in odd and "\x1b" not in out
    assert _unescape(data) == odd.replace("\x1b", "\\x1b")


# ---- GitLab --------------------------------------------------------------------------------------
def test_gitlab_code_quality_report(corpus, capsys):
    issues = json.loads(check(capsys, "--format", "gitlab")[1])
    assert len(issues) == 3
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    tram = next(i for i in issues if i["location"]["path"] == "news/2022-07-07-tram.md")
    assert tram["location"]["lines"] == {"begin": 4, "end": 4}
    assert tram["check_name"] == "PUB001" and tram["severity"] == "major"
    assert "published" in tram["description"]
    assert len({i["fingerprint"] for i in issues}) == 3


def test_gitlab_fingerprints_ignore_line_numbers(corpus, capsys):
    before = {i["location"]["path"]: (i["fingerprint"], i["location"]["lines"]["begin"])
              for i in json.loads(check(capsys, "--format", "gitlab")[1])}
    tram = corpus / "news" / "2022-07-07-tram.md"
    tram.write_text(TRAM.replace("---\n", "---\ncategory: news\ntype: article\n", 1), encoding="utf-8")
    after = {i["location"]["path"]: (i["fingerprint"], i["location"]["lines"]["begin"])
             for i in json.loads(check(capsys, "--format", "gitlab")[1])}
    key = "news/2022-07-07-tram.md"
    assert after[key][1] == before[key][1] + 2
    assert after[key][0] == before[key][0]
    # the same problem in another file is another issue
    (corpus / "news" / "2022-07-10-copy.md").write_text(TRAM, encoding="utf-8")
    again = json.loads(check(capsys, "--format", "gitlab")[1])
    assert len({i["fingerprint"] for i in again}) == len(again) == 4


def test_gitlab_colliding_fingerprints_get_an_ordinal():
    from linter.model import Finding
    from linter.reporters import gitlab

    class Run:
        settings = None
        f = Finding("a.md", 2, 1, 2, 5, "X001", "x-rule", "warning", "one", "/title")
        g = Finding("a.md", 2, 1, 2, 5, "X001", "x-rule", "warning", "two", "/title")
        findings = [f, g]

    issues = gitlab.issues(Run())
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    assert issues[0]["fingerprint"] == gitlab.fingerprint(Run.f)


# ---- JUnit ---------------------------------------------------------------------------------------
def test_junit_one_testcase_per_file_one_failure_per_finding(corpus, capsys):
    rc, out = check(capsys, "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["news/2022-07-07-tram.md", "news/2022-07-08-garden.md",
                             "news/2022-07-09-notes.md", "news/2022-08-01-odd.md"]
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    assert cases["news/2022-07-08-garden.md"].findall("failure") == []
    (failure,) = cases["news/2022-07-07-tram.md"].findall("failure")
    assert failure.get("type") == "PUB001 published-not-boolean"
    assert failure.get("message").startswith("4:12: published")
    assert "pointer: /published" in failure.text
    odd = cases["news/2022-08-01-odd.md"].find("failure")
    assert "\\x1b" in odd.get("message")  # an escape character XML 1.0 cannot carry, written visibly


# ---- JSON lines ----------------------------------------------------------------------------------
def test_json_lines_one_finding_per_line(corpus, capsys):
    rc, out = check(capsys, "--format", "json-lines")
    rows = [json.loads(line) for line in out.splitlines()]
    expected = findings(capsys)
    assert [{k: v for k, v in r.items() if k != "fingerprint"} for r in rows] == expected
    assert all(re.fullmatch(r"[0-9a-f]{16}", r["fingerprint"]) for r in rows)
    assert rc == 1


# ---- text ----------------------------------------------------------------------------------------
def test_full_shows_the_line_with_a_caret_under_the_span(corpus, capsys):
    rc, out = check(capsys, "--format", "full")
    lines = out.splitlines()
    i = lines.index('news/2022-07-07-tram.md:4:12: PUB001 [error] published-not-boolean published: "yes" is not a boolean; write true [*]')
    assert lines[i + 1:i + 8] == [
        "  |",
        '3 | publishedDateTime: 2022-07-07T10:00:00Z',
        '4 | published: "yes"',
        "  |            ^^^^^ PUB001",
        "5 | provider:",
        "  |",
        "  = fix: write published: true",
    ]


def test_full_escapes_control_characters_and_aligns_wide_text(tmp_path, monkeypatch, capsys):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.md").write_text('---\ntitle: "漢字"\npublished: "漢字"\n---\n', encoding="utf-8")
    (news / "b.md").write_text("notes \x1b[2J\x1b[31mred\n", encoding="utf-8")  # no front matter
    monkeypatch.chdir(tmp_path)
    out = check(capsys, "--format", "full")[1]
    assert "\x1b" not in out and "1 | notes \\x1b[2J\\x1b[31mred" in out
    lines = out.splitlines()
    i = lines.index('3 | published: "漢字"')
    assert lines[i + 1] == "  |            ^^^^^^ PUB001"  # 4 characters, 6 columns wide


def test_concise_is_one_line_per_finding(corpus, capsys):
    rc, out = check(capsys, "--format", "concise", "--show-source")
    lines = out.splitlines()
    assert 'news/2022-07-07-tram.md:4:12: PUB001 [error] [*] published: "yes" is not a boolean; write true' in lines
    assert "news/2022-07-09-notes.md:1:1: FM001 file does not start with a '---' front-matter line" in lines or \
        any(l.startswith("news/2022-07-09-notes.md:1:1: FM001 ") for l in lines)
    assert not any(" | " in l for l in lines)
    assert lines[-1].startswith("Found 3 findings")
    assert rc == 1


def test_text_shows_source_only_with_show_source(corpus, capsys):
    plain = check(capsys)[1]
    assert '4 | published: "yes"' not in plain
    with_source = check(capsys, "--show-source")[1]
    assert '4 | published: "yes"' in with_source and "^^^^^ PUB001" in with_source


# ---- conveniences --------------------------------------------------------------------------------
def test_statistics_counts_per_rule(corpus, capsys):
    rc, out = check(capsys, "--statistics")
    rows = [l.split() for l in out.splitlines()]
    assert ["2", "PUB001", "error", "published-not-boolean", "(1", "fixable)"] in rows
    assert ["1", "FM001", "error", "front-matter-missing"] in rows
    assert rows[-1] == ["3", "total", "2", "rules", "(1", "fixable)"]
    assert rc == 1


def test_exit_zero(corpus, capsys):
    assert check(capsys)[0] == 1
    rc, out = check(capsys, "--exit-zero")
    assert rc == 0 and "Found 3 findings" in out


def test_show_fixes_lists_what_was_fixed(corpus, capsys):
    rc, out = check(capsys, "--fix", "--show-fixes")
    assert "Fixed:" in out
    assert "news/2022-07-07-tram.md:4:12: PUB001 published-not-boolean write published: true" in out
    assert (corpus / "news" / "2022-07-07-tram.md").read_text(encoding="utf-8") == TRAM.replace('"yes"', "true")


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "junit", "json-lines", "json", "full", "concise", "html"])
def test_every_format_handles_a_clean_run(tmp_path, monkeypatch, capsys, fmt):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "ok.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, out = check(capsys, "--format", fmt)
    assert rc == 0
    if fmt in ("sarif", "gitlab", "json"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    if fmt in ("github", "json-lines"):
        assert out == ""


def test_format_choices_come_from_the_reporter_table():
    from linter.reporters import REPORTERS, get

    assert {"sarif", "github", "gitlab", "junit", "json-lines", "html", "full", "concise"} <= set(REPORTERS)
    for name in REPORTERS:
        assert callable(get(name).render)
