"""The command line: exit codes, JSON contract, config discovery and errors, suppressions, fixes."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from linter.cli import main

BAD = '---\ntitle: "A story"\npublished: "false"\n---\nBody.\n'
GOOD = '---\ntitle: "A story"\npublished: true\n---\nBody.\n'
SEL = ["--select", "FM,PUB001,NL100"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    return tmp_path


def write(root, name, text):
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8", newline="")
    return p


def run_json(args, capsys):
    code = main(["check", "--format", "json", "--no-cache", *SEL, *args])
    return code, json.loads(capsys.readouterr().out)


def test_clean_file_exits_0(project, capsys):
    write(project, "news/a.md", GOOD)
    assert main(["check", "--no-cache", *SEL]) == 0
    assert "All checks passed (1 file)" in capsys.readouterr().out


def test_findings_exit_1_and_text_format(project, capsys):
    write(project, "news/a.md", BAD)
    assert main(["check", "--no-cache", *SEL]) == 1
    out = capsys.readouterr().out
    assert "news/a.md:3:12: PUB001 [error] published-not-boolean published: \"false\" is not a boolean; write false [*]" in out
    assert "1 fixable with --fix" in out


def test_json_contract(project, capsys):
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", GOOD)
    code, data = run_json([], capsys)
    assert code == 1 and data["version"] == 1
    assert data["summary"] == {"files": 2, "files_with_findings": 1, "findings": 1, "fixed": 0,
                               "by_rule": {"published-not-boolean": 1}}
    f = data["findings"][0]
    assert {k: f[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "pointer")} == {
        "path": "news/a.md", "line": 3, "column": 12, "end_line": 3, "end_column": 19, "code": "PUB001",
        "rule": "published-not-boolean", "severity": "error", "pointer": "/published"}
    assert f["fix"]["applicability"] == "safe" and f["fix"]["description"]


def test_fail_on_and_exit_zero(project, capsys):
    write(project, "news/a.md", '---\ntitle: x  # newslint: disable=yaml-syntax\n---\n')  # unused: a warning
    assert main(["check", "--no-cache", *SEL]) == 1
    assert main(["check", "--no-cache", "--fail-on", "error", *SEL]) == 0
    assert main(["check", "--no-cache", "--exit-zero", *SEL]) == 0


def test_usage_errors_exit_2(project, capsys):
    assert main(["check", "missing-folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["check", "--select", "no-such-rule"]) == 2
    assert "names no known rule: 'no-such-rule'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "nope"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    "config, message",
    [
        ("[tool.newslint]\nslect = ['FM']\n", "unknown key 'slect'"),
        ("[tool.newslint]\nfail-on = 'sometimes'\n", "fail-on must be one of"),
        ("[tool.newslint.rules.published-not-boolean]\nnope = 1\n", "has no option 'nope'"),
        ("[tool.newslint.severity]\npublished-not-boolean = 'fatal'\n", "must be one of error, warning, info"),
        ("[tool.newslint]\nselect = 'FM'\n", "'select' must be a list"),
        ("[tool.newslint\n", "pyproject.toml"),
    ],
)
def test_config_errors_are_one_line_and_exit_2(project, capsys, config, message):
    write(project, "pyproject.toml", config)
    write(project, "news/a.md", GOOD)
    assert main(["check", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_config_found_upward_select_severity_and_per_file_ignores(project, capsys, monkeypatch):
    write(project, ".newslint.toml", textwrap.dedent("""
        select = ["PUB", "FM"]
        [severity]
        published-not-boolean = "info"
        [per-file-ignores]
        "news/legacy/**" = ["PUB001"]
    """))
    write(project, "news/a.md", BAD)
    write(project, "news/legacy/b.md", BAD)
    monkeypatch.chdir(project / "news")
    assert main(["check", "--no-cache", "--format", "json"]) == 0  # info is below the default fail-on
    data = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["severity"]) for f in data["findings"]] == [("a.md", "info")]


def test_suppression_on_key_and_whole_file_and_unused(project, capsys):
    write(project, "news/a.md", '---\ntitle: "x"\npublished: "false"  # newslint: disable=published-not-boolean\n---\n')
    write(project, "news/b.md", '---\n# newslint: disable=PUB001\npublished: "no"\n---\n')
    write(project, "news/c.md", '---\ntitle: "x"  # newslint: disable=published-not-boolean\npublished: "false"\n---\n')
    code, data = run_json([], capsys)
    got = [(f["path"], f["line"], f["rule"]) for f in data["findings"]]
    assert got == [("news/c.md", 2, "unused-suppression"), ("news/c.md", 3, "published-not-boolean")]


def test_suppression_inside_a_quoted_value_is_not_a_directive(project, capsys):
    write(project, "news/a.md", '---\ntitle: "see # newslint: disable=all"\npublished: "false"\n---\n')
    code, data = run_json([], capsys)
    assert [f["rule"] for f in data["findings"]] == ["published-not-boolean"]


def test_fix_writes_atomically_and_reports(project, capsys):
    p = write(project, "news/a.md", BAD.replace("\n", "\r\n"))
    os.chmod(p, 0o640)
    assert main(["check", "--no-cache", "--fix", *SEL]) == 0
    assert p.read_bytes() == BAD.replace('"false"', "false").replace("\n", "\r\n").encode()
    assert oct(p.stat().st_mode & 0o777) == "0o640"
    assert "1 fixed, 0 remaining" in capsys.readouterr().out
    assert [x.name for x in p.parent.iterdir()] == ["a.md"]


def test_diff_prints_and_writes_nothing(project, capsys):
    p = write(project, "news/a.md", BAD)
    assert main(["check", "--no-cache", "--diff", *SEL]) == 1
    out = capsys.readouterr().out
    assert '-published: "false"\n+published: false\n' in out
    assert p.read_text() == BAD
    write(project, "news/a.md", GOOD)
    assert main(["check", "--no-cache", "--diff", *SEL]) == 0


def test_read_only_file_is_reported_not_forced(project, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can write read-only files")
    p = write(project, "news/a.md", BAD)
    os.chmod(p, 0o444)
    assert main(["check", "--no-cache", "--fix", *SEL]) == 1
    assert "read-only" in capsys.readouterr().err and p.read_text() == BAD


def test_rules_and_rule_docs(project, capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"code": "PUB001", "name": "published-not-boolean"}.items() <= next(r for r in rows if r["code"] == "PUB001").items()
    assert main(["rule", "PUB001"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# published-not-boolean (PUB001)") and "## Example" in doc and "Use instead:" in doc
    assert main(["rule", "nope"]) == 2


CRASHING_RULE = '''
"""Crashes on purpose."""
CODE = "ZZ001"
NAME = "always-crashes"
def check(doc, options):
    if doc.path.endswith("boom.md"):
        raise RuntimeError("kaboom")
    return ()
'''


def test_a_crashing_rule_is_an_internal_error_and_the_run_goes_on(project, capsys):
    write(project, "local_rules/crash.py", CRASHING_RULE)
    write(project, ".newslint.toml", 'plugins = ["local_rules/crash.py"]\nselect = ["ZZ001", "PUB001"]\n')
    write(project, "news/boom.md", GOOD)
    write(project, "news/other.md", BAD)
    assert main(["check", "--no-cache", "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    got = [(f["path"], f["rule"]) for f in data["findings"]]
    assert got == [("news/boom.md", "internal-error"), ("news/other.md", "published-not-boolean")]
    assert "always-crashes" in data["findings"][0]["message"] and "kaboom" in data["findings"][0]["message"]


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("newslint ")


def test_as_the_program_output_cache_and_fixes_are_complete(project):
    """Run as the program, start-up's objects stay frozen at exit: nothing it writes is lost."""
    write(project, "news/a.md", BAD)
    cmd = [sys.executable, "-m", "linter", "check", *SEL]
    out = subprocess.run([*cmd, "--format", "json", "news/a.md"], capture_output=True, text=True, cwd=project)
    assert out.returncode == 1 and [f["code"] for f in json.loads(out.stdout)["findings"]] == ["PUB001"]
    assert list((project / ".newslint_cache").glob("results-*/index")), "the cache was not written"
    out = subprocess.run([*cmd, "-o", "report.txt", "news/a.md"], capture_output=True, text=True, cwd=project)
    assert out.returncode == 1 and "PUB001" in (project / "report.txt").read_text(encoding="utf-8")
    out = subprocess.run([*cmd, "--fix", "news/a.md"], capture_output=True, text=True, cwd=project)
    assert out.returncode == 0 and (project / "news/a.md").read_text(encoding="utf-8") == GOOD.replace("true", "false")


def test_the_garbage_collector_is_left_as_it_was(project, capsys):
    """Start-up pauses the cyclic collector and freezes what it made; main undoes both."""
    import gc

    write(project, "news/a.md", BAD)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert main(["check", "--no-cache", *SEL]) == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(SystemExit):
        main(["check", "--no-such-option"])
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        assert main(["check", "--no-cache", *SEL]) == 1
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    gc.freeze()  # a caller that froze objects of its own keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        assert main(["check", "--no-cache", *SEL]) == 1
        assert gc.isenabled() and gc.get_freeze_count() > frozen // 2  # not unfrozen (some objects died)
    finally:
        gc.unfreeze()
    capsys.readouterr()


def test_a_parallel_run_leaves_the_garbage_collector_as_it_was(project, capsys, monkeypatch):
    import gc

    from linter import batch as run

    monkeypatch.setattr(run, "SERIAL_BELOW", 1)  # workers even for two files
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", BAD)
    args = ["check", "--no-cache", "--jobs", "2", *SEL]
    assert main(args) == 1 and gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        assert main(args) == 1 and not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert main(args) == 1 and gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
    capsys.readouterr()


def _killed(items):
    """What the kernel's out-of-memory killer does to a worker."""
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_is_an_error_not_a_hang_or_a_traceback(project, capsys, monkeypatch):
    from linter import batch as run

    monkeypatch.setattr(run, "SERIAL_BELOW", 1)
    monkeypatch.setattr(run, "_work", _killed)  # the workers are forked: they inherit it
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", BAD)
    assert main(["check", "--no-cache", "--jobs", "2", *SEL]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: a worker process ended abruptly") and "Traceback" not in err


def test_third_party_plugin_from_an_installed_distribution(tmp_path):
    """A plugin package installed in the environment is picked up with no config."""
    site = tmp_path / "site"
    pkg = site / "newslint_plugin_demo"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent('''
        """Titles must not shout."""
        from linter.model import Report
        CODE = "DEMO001"
        NAME = "no-shouting"
        SEVERITY = "warning"
        BAD = '---\\ntitle: "BREAKING NEWS"\\n---\\n'
        GOOD = '---\\ntitle: "Breaking news"\\n---\\n'
        def check(doc, options):
            for ptr, value in doc.fields("title"):
                if isinstance(value, str) and value.isupper():
                    yield Report(f"title: {value!r} is all capitals", pointer=ptr)
    '''))
    dist = site / "newslint_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[newslint.rules]\ndemo = newslint_plugin_demo\n")
    (tmp_path / "a.md").write_text('---\ntitle: "BREAKING NEWS"\n---\n')
    env = dict(os.environ, PYTHONPATH=str(site))
    out = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "--select", "DEMO", "a.md"],
                         cwd=tmp_path, capture_output=True, text=True, env=env)
    assert out.returncode == 1, out.stderr
    assert "a.md:2:8: DEMO001 [warning] no-shouting title: 'BREAKING NEWS' is all capitals" in out.stdout
    listed = subprocess.run([sys.executable, "-m", "linter", "rules"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "DEMO001" in listed.stdout


SPECIFIC_RULE = '''
"""A specific rule that replaces a general one's finding at the same pointer."""
from linter.model import Report
CODE = "ZZ002"
NAME = "published-word"
SUPERSEDES = ("published-not-boolean",)
def check(doc, options):
    if doc.data.get("published") == "false":
        yield Report("published: the word false in quotes", pointer="/published")
'''


def test_a_specific_rule_supersedes_a_general_one_at_the_same_pointer(project, capsys):
    write(project, "local_rules/specific.py", SPECIFIC_RULE)
    write(project, ".newslint.toml", 'plugins = ["local_rules/specific.py"]\nselect = ["ZZ002", "PUB001"]\n')
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", BAD.replace('"false"', '"no"'))
    main(["check", "--no-cache", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("news/a.md", "published-word"), ("news/b.md", "published-not-boolean")]


def test_built_in_rules_replace_the_schema_finding_for_the_same_value():
    from helpers import lint

    text = ('---\ncategory: news\ntitle: "A headline"\nexcerpt: "Text."\npublishedDateTime: 2021-02-30T10:00:00Z\n'
            'webUrl: "htps//example.com/a-headline"\ntype: article\npublished: "true"\n'
            'provider:\n  name: Example\n  domain: example.com\n---\n')
    got = sorted((f.pointer, f.rule) for f in lint(text, path="a.md") if f.rule in
                 ("schema-violation", "date-invalid", "url-invalid", "published-not-boolean"))
    assert got == [("/published", "published-not-boolean"), ("/publishedDateTime", "date-invalid"),
                   ("/webUrl", "url-invalid")]


def test_fixer_refuses_a_fix_that_breaks_the_yaml_even_when_structural_rules_are_not_selected(tmp_path):
    """published-not-boolean alone, on an anchored value: the edit must not leave a dangling alias."""
    from helpers import fix

    text = '---\ntitle: "x"\npublished: &p "false"\nalso: *p\n---\n'
    fixed = fix(text, ["PUB001"])
    from linter.document import parse_text

    assert parse_text(fixed).problems == []
    assert fixed == text  # the alias would change too: the fixer leaves the file as it was


def test_replace_value_keeps_anchor_and_tag():
    from linter.document import parse_text
    from linter.yamledit import replace_value

    doc = parse_text('---\na: &x !!str "old"\n---\n')
    e = replace_value(doc, "/a", "new")
    assert doc.text[:e.start] + e.text + doc.text[e.end:] == '---\na: &x !!str "new"\n---\n'
