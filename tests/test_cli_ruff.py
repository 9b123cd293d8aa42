"""The command line a Ruff user expects (issue 17): no surprise writes, no silent passes,
readable output, Ruff's flags. Every case goes through `main([...])` or a subprocess."""

import json
import os
import subprocess
import sys

import pytest
from linter.cli import main

BAD = '---\ntitle: "A story"\npublished: "false"\n---\nBody.\n'
GOOD = '---\ntitle: "A story"\npublished: true\n---\nBody.\n'
SEL = ["--select", "FM,PUB001,NL100"]
# A title with a fixable entity and an unfixable finding at the same pointer (/title).
TWO_AT_ONE_PLACE = ('---\ntitle: "Cats &amp; dogs adopt a robot vacuum"\n'
                    'webUrl: "https://example.com/2024/05/01/stock-markets-fall-sharply.html"\n---\nBody.\n')


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def write(root, name, text, mode="w"):
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


def check(*args):
    return main(["check", "--no-cache", "--no-progress", *args])


# ---- data safety ------------------------------------------------------------------------------
def test_unsafe_fixes_without_fix_writes_nothing(project, capsys):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--unsafe-fixes") == 1
    assert p.read_text() == BAD
    assert "PUB001" in capsys.readouterr().out


def test_unsafe_fixes_with_diff_previews_only(project, capsys):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--unsafe-fixes", "--diff") == 1
    assert p.read_text() == BAD
    assert '+published: false' in capsys.readouterr().out


def test_baseline_survives_a_fix_of_another_finding_of_the_same_value(project, capsys):
    p = write(project, "a.md", TWO_AT_ONE_PLACE)
    sel = ["--select", "TTL001,TXT001"]
    assert check(*sel, "--write-baseline", "baseline.json") == 0
    assert check(*sel, "--fix") == 1  # the entity is fixed; the title still does not match its slug
    assert "&amp;" not in p.read_text()
    capsys.readouterr()
    assert check(*sel, "--baseline", "baseline.json") == 0
    out = capsys.readouterr().out
    assert "TTL001" not in out and "1 baselined finding is gone" in out


def test_baseline_still_reports_a_new_finding_at_a_baselined_place(project, capsys):
    write(project, "a.md", TWO_AT_ONE_PLACE)
    assert check("--select", "TTL001", "--write-baseline", "baseline.json") == 0
    assert check("--select", "TTL001,TXT001", "--baseline", "baseline.json") == 1
    out = capsys.readouterr().out
    assert "TXT001" in out and "TTL001" not in out


@pytest.mark.parametrize("flag,target,why", [
    ("-o", "nope/dir/x.json", "no folder nope/dir"),
    ("-o", ".", "it is a folder"),
    ("--write-baseline", "nope/b.json", "no folder nope"),
])
def test_unwritable_output_fails_before_any_work(project, capsys, flag, target, why):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--fix", "--exit-zero", flag, target) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and why in err and "Traceback" not in err
    assert p.read_text() == BAD  # nothing fixed


def test_outputs_are_written_atomically_and_replace_the_old_file(project, capsys, monkeypatch):
    write(project, "news/a.md", BAD)
    out = write(project, "out.json", "old\n")
    assert check(*SEL, "--output-format", "json", "-o", "out.json") == 1
    assert json.loads(out.read_text())["findings"][0]["code"] == "PUB001"
    assert not [n for n in os.listdir(project) if n.endswith(".tmp")]
    from linter import atomic

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    base = write(project, "b.json", '{"version": 1, "findings": []}\n')
    assert check(*SEL, "--write-baseline", "b.json") == 2
    assert "No space left on device" in capsys.readouterr().err
    assert base.read_text() == '{"version": 1, "findings": []}\n'
    assert not [n for n in os.listdir(project) if n.endswith(".tmp")]


@pytest.mark.parametrize("text", [
    '\ufeff{"version": 1, "findings": []}',
    '{"version": 1, "findings": [{"path": "a", "rule": "r", "pointer": "", "fingerprint": "", "count": Infinity}]}',
    '{"version": 1, "findings": [{"path": "a", "rule": "r", "pointer": "", "fingerprint": "", "count": 1.5}]}',
    '[' * 100_000 + ']' * 100_000,
    '{"version": 2, "findings": []}',
    '\x00\xff',
])
def test_odd_baselines_get_a_clear_error_or_are_read(project, capsys, text):
    write(project, "news/a.md", BAD)
    write(project, "b.json", text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"\x00\xff")
    code = check(*SEL, "--baseline", "b.json")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if text.startswith("\ufeff"):
        assert code == 1
    else:
        assert code == 2 and err.startswith("newslint: error: ") and err.count("\n") == 1


def test_non_utf8_file_names_reach_every_output(project, capsys):
    name = os.fsdecode(b"caf\xe9.md")
    write(project, name, BAD)
    base = write(project, "b.json", '{"version": 1, "findings": []}\n')
    assert check(*SEL, "--write-baseline", "b.json") == 0
    assert b"caf\\udce9.md" in base.read_bytes()
    assert check(*SEL, "--baseline", "b.json") == 0
    capsys.readouterr()
    for fmt in ("json", "sarif", "text", "concise", "full", "junit", "gitlab", "github", "json-lines"):
        assert check(*SEL, "--output-format", fmt, "-o", f"out.{fmt}") == 1, fmt
        assert "Traceback" not in capsys.readouterr().err
    sarif = json.loads((project / "out.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.md"
    assert check(*SEL, "--output-format", "json") == 1
    assert "caf" in capsys.readouterr().out


# ---- no silent passes -------------------------------------------------------------------------
def test_no_files_warns_on_stderr(project, capsys):
    write(project, "notes.txt", "not markdown\n")
    assert check(*SEL) == 0
    captured = capsys.readouterr()
    assert "warning: no Markdown files found" in captured.err
    write(project, "drafts/a.md", BAD)
    assert check(*SEL, "--exclude", "drafts") == 0
    assert "warning: no Markdown files found" in capsys.readouterr().err


def test_empty_select_is_a_usage_error(project, capsys):
    write(project, "news/a.md", BAD)
    assert check("--select", "") == 2
    assert "--select names no rule" in capsys.readouterr().err


def test_gitignore_is_respected_unless_told_otherwise(project, capsys):
    (project / ".git").mkdir()
    write(project, ".gitignore", "build/\n*.generated.md\n!keep.generated.md\n")
    write(project, ".git/info/exclude", "local.md\n")
    write(project, "news/a.md", GOOD)
    write(project, "news/x.generated.md", BAD)
    write(project, "news/keep.generated.md", GOOD)
    write(project, "news/local.md", BAD)
    write(project, "build/b.md", BAD)
    write(project, "sub/.gitignore", "/own.md\n")
    write(project, "sub/own.md", BAD)
    assert check(*SEL, "--show-files") == 0
    assert capsys.readouterr().out.split() == ["news/a.md", "news/keep.generated.md"]
    assert check(*SEL) == 0
    capsys.readouterr()
    assert check(*SEL, "--no-respect-gitignore", "--show-files") == 0
    assert capsys.readouterr().out.split() == ["build/b.md", "news/a.md", "news/keep.generated.md", "news/local.md",
                                               "news/x.generated.md", "sub/own.md"]
    assert check(*SEL, "build/b.md") == 1  # a file named explicitly is linted


def test_gitignore_comments_and_blank_lines_ignore_nothing_but_an_escaped_hash_is_a_pattern(project, capsys):
    (project / ".git").mkdir()
    write(project, ".git/info/exclude", "# git ls-files --others --exclude-from=.git/info/exclude\n# *~\n")
    write(project, ".gitignore", "# news/a.md\n\n   \n")
    write(project, "sub/.gitignore", "\\#b.md\n")
    write(project, "news/a.md", GOOD)
    write(project, "sub/#b.md", GOOD)
    write(project, "sub/c.md", GOOD)
    assert check(*SEL, "--show-files") == 0
    assert capsys.readouterr().out.split() == ["news/a.md", "sub/c.md"]


def test_gitignore_of_the_folders_above_the_one_linted(project, capsys):
    (project / ".git").mkdir()
    write(project, ".gitignore", "news/old/\n")
    write(project, "news/old/a.md", BAD)
    write(project, "news/b.md", GOOD)
    os.chdir(project / "news")
    assert check(*SEL, "--show-files", ".") == 0
    assert capsys.readouterr().out.split() == ["b.md"]


# ---- output people can read -------------------------------------------------------------------
WITHDRAWN = '---\ntitle: "Story {n}"\npublished: false\n---\nBody.\n'


def test_advice_a_rule_repeats_is_said_once(project, capsys):
    for n in range(3):
        write(project, f"news/{n}.md", WITHDRAWN.format(n=n))
    for n in range(3, 80):  # withdrawn items stay rare (a warning, not the repository's convention)
        write(project, f"news/{n}.md", WITHDRAWN.format(n=n).replace("false", "true"))
    assert check("--select", "PUB002") == 1
    out = capsys.readouterr().out
    assert out.count("delete the file or move it to drafts") == 1
    assert "\nAdvice:\n  PUB002 unpublished (3): … outside the drafts folders" in out
    assert "news/0.md:3:12: PUB002 [warning] unpublished published: false withdraws this article …\n" in out


def test_grouped_and_concise_output(project, capsys):
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", BAD.replace('"false"', '"no"'))
    assert check(*SEL, "--output-format", "grouped") == 1
    out = capsys.readouterr().out
    assert out.startswith('news/a.md:\n  3:12: PUB001 [error] published-not-boolean published: "false"')
    assert "\n\nnews/b.md:\n  3:12: PUB001 [error]" in out
    assert check(*SEL, "--output-format", "concise", "--quiet") == 1
    assert capsys.readouterr().out.splitlines()[0] == 'news/a.md:3:12: PUB001 [error] [*] published: "false" is not a boolean; write false'


@pytest.mark.parametrize("env,flag,coloured", [
    ({}, "--color=always", True),
    ({"FORCE_COLOR": "1"}, None, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, None, False),
    ({"FORCE_COLOR": "1"}, "--color=never", False),
    ({}, None, False),  # not a terminal
])
def test_colour_follows_the_flag_and_the_environment(project, capsys, monkeypatch, env, flag, coloured):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    write(project, "news/a.md", BAD)
    assert check(*SEL, *([flag] if flag else [])) == 1
    out = capsys.readouterr().out
    assert ("\x1b[31m" in out) is coloured
    assert "[error]" in out  # the severity is written whatever the colour


def test_statistics_total_and_severity(project, capsys):
    write(project, "news/a.md", BAD)
    write(project, "news/b.md", "no front matter\n")
    assert check(*SEL, "--statistics") == 1
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows == [["1", "FM001", "error", "front-matter-missing"],
                    ["1", "PUB001", "error", "published-not-boolean", "(1", "fixable)"],
                    ["2", "total", "2", "rules", "(1", "fixable)"]]


def test_one_fixable_number_in_the_summary_the_diff_and_the_fix(project, capsys):
    # Two findings the same fix pass cannot both take, and one the first fix makes.
    write(project, "news/a.md", '---\ntitle: "Cats &amp;amp;  dogs "\npublished: "false"\n---\nBody.\n')
    write(project, "news/b.md", BAD)
    sel = ["--select", "PUB001,TXT001,TXT003"]
    check(*sel)
    fixable = int(capsys.readouterr().out.split(" fixable")[0].rsplit(" ", 1)[1])
    check(*sel, "--diff")
    assert f"Would fix {fixable} findings" in capsys.readouterr().err
    check(*sel, "--fix", "--output-format", "json")
    assert json.loads(capsys.readouterr().out)["summary"]["fixed"] == fixable


def test_full_carets_the_defect_in_a_long_line(project, capsys):
    title = "word " * 40 + " doubled"
    write(project, "news/a.md", f'---\ntitle: "{title}"\n---\nBody.\n')
    assert check("--select", "TXT003", "--output-format", "full") == 1
    lines = capsys.readouterr().out.splitlines()
    source = next(line for line in lines if line.startswith("2 | "))
    carets = lines[lines.index(source) + 1]
    assert source.startswith("2 | …") and "  doubled" in source
    col = carets.index("^")
    assert carets[col:].split()[0] == "^" and source[col - 1:col + 1] == "  "


def test_rule_summaries_are_whole_sentences(project, capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if " whitespace " in line)
    assert line.rstrip().endswith(".") and "(including no-break" in line and "no-break space" in line


def test_rule_page_says_options_once_and_suggests_names(project, capsys):
    assert main(["rule", "url-mismatch"]) == 0
    assert capsys.readouterr().out.count("Options") == 1
    assert main(["rule", "datefuture"]) == 2
    assert "did you mean 'date-future'" in capsys.readouterr().err


def test_control_characters_in_file_names_and_diffs_are_escaped(project, capsys):
    name = "x\x1b]0;OWNED\x07\x1b[2J.md"
    write(project, name, '---\ntitle: "A story"\npublished: "false"\n---\nBody \x1b[2J.\n')
    for fmt in ("text", "concise", "full", "grouped"):
        check(*SEL, "--output-format", fmt)
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "x\\x1b]0;OWNED\\x07\\x1b[2J.md" in out, fmt
    check(*SEL, "--diff")
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b[2J" in captured.out
    check(*SEL, "--show-files")
    assert "\x1b" not in capsys.readouterr().out


# ---- Ruff's flags -----------------------------------------------------------------------------
def codes(capsys):
    return sorted({f["code"] for f in json.loads(capsys.readouterr().out)["findings"]})


def test_format_is_an_alias_of_output_format(project, capsys):
    write(project, "news/a.md", BAD)
    check(*SEL, "--format", "json")
    assert codes(capsys) == ["PUB001"]


def test_extend_select_and_extend_ignore(project, capsys):
    write(project, "news/a.md", TWO_AT_ONE_PLACE)
    write(project, ".newslint.toml", 'select = ["TTL001"]\n')
    check("--output-format", "json")
    assert codes(capsys) == ["TTL001"]
    check("--output-format", "json", "--extend-select", "TXT001")
    assert codes(capsys) == ["TTL001", "TXT001"]
    check("--output-format", "json", "--extend-select", "TXT001", "--extend-ignore", "TTL001")
    assert codes(capsys) == ["TXT001"]
    check("--output-format", "json", "--isolated", "--select", "TTL,TXT")  # the file's select is not read
    assert codes(capsys) == ["TTL001", "TXT001"]
    write(project, ".newslint.toml", 'unknown-key = 1\n')
    assert check("--isolated", "--select", "TTL001") == 1  # a broken configuration is not read either


def test_exclude_extend_exclude_and_per_file_ignores(project, capsys):
    write(project, "news/a.md", BAD)
    write(project, "drafts/b.md", BAD)
    write(project, "old/c.md", BAD)
    check(*SEL, "--show-files", "--extend-exclude", "drafts")
    assert capsys.readouterr().out.split() == ["news/a.md", "old/c.md"]
    check(*SEL, "--show-files", "--exclude", "old")  # replaces the defaults
    assert capsys.readouterr().out.split() == ["drafts/b.md", "news/a.md"]
    check(*SEL, "--output-format", "json", "--per-file-ignores", "drafts/*.md:PUB001", "--per-file-ignores", "old/*:PUB")
    assert [f["path"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["news/a.md"]
    assert check(*SEL, "--per-file-ignores", "PUB001") == 2
    assert "GLOB:RULES" in capsys.readouterr().err


def test_fixable_and_unfixable(project, capsys):
    text = '---\ntitle: "Cats &amp; dogs"\npublished: "false"\n---\nBody.\n'
    p = write(project, "news/a.md", text)
    sel = ["--select", "PUB001,TXT001"]
    check(*sel, "--unfixable", "TXT001")
    out = capsys.readouterr().out
    assert "TXT001 [warning] html-entity title: HTML entity &amp; in plain text: \"Cats &amp; dogs\"\n" in out
    assert check(*sel, "--fix", "--unfixable", "TXT001") == 1
    assert p.read_text() == text.replace('"false"', "false")
    p.write_text(text)
    assert check(*sel, "--fix", "--fixable", "TXT") == 1
    assert p.read_text() == text.replace("&amp;", "&")


def test_exit_non_zero_on_fix(project, capsys):
    write(project, "news/a.md", BAD)
    assert check(*SEL, "--fix") == 0
    write(project, "news/a.md", BAD)
    assert check(*SEL, "--fix", "--exit-non-zero-on-fix") == 1
    assert check(*SEL, "--fix", "--exit-non-zero-on-fix") == 0  # nothing left to fix


def test_cache_dir(project, capsys, tmp_path_factory):
    write(project, "news/a.md", BAD)
    elsewhere = tmp_path_factory.mktemp("cache")
    assert main(["check", "--no-progress", *SEL, "--cache-dir", str(elsewhere / "c")]) == 1
    assert (elsewhere / "c").is_dir() and not (project / ".newslint_cache").exists()
    assert main(["clean", "--cache-dir", str(elsewhere / "c")]) == 0
    assert not (elsewhere / "c").exists()


def run_cli(args, stdin: bytes, cwd):
    return subprocess.run([sys.executable, "-m", "linter", *args], input=stdin, capture_output=True, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"})


def test_stdin_is_linted_as_the_named_file(project):
    write(project, ".newslint.toml", '[per-file-ignores]\n"drafts/*" = ["PUB001"]\n')
    done = run_cli(["check", "--no-cache", *SEL, "--stdin-filename", "news/a.md", "-"], BAD.encode(), project)
    assert done.returncode == 1 and done.stdout.startswith(b"news/a.md:3:12: PUB001 [error]")
    done = run_cli(["check", "--no-cache", *SEL, "--stdin-filename", "drafts/a.md", "-"], BAD.encode(), project)
    assert done.returncode == 0, done.stdout


def test_stdin_with_fix_writes_the_fixed_text_to_stdout(project):
    done = run_cli(["check", "--no-cache", *SEL, "--fix", "--stdin-filename", "news/a.md", "-"], BAD.encode(), project)
    assert done.stdout == BAD.replace('"false"', "false").encode()
    assert done.returncode == 0 and b"1 fixed" in done.stderr
    assert not (project / "news").exists()  # nothing written to disk
    clean = run_cli(["check", "--no-cache", *SEL, "--fix", "-"], GOOD.encode(), project)
    assert clean.stdout == GOOD.encode() and clean.returncode == 0


# ---- CI reports -------------------------------------------------------------------------------
def test_gitlab_issues_are_short_and_link_the_rule_doc(project, capsys):
    for n in range(3):
        write(project, f"news/{n}.md", WITHDRAWN.format(n=n))
    check("--select", "PUB002", "--output-format", "gitlab")
    issues = json.loads(capsys.readouterr().out)
    body = issues[0]["content"]["body"]
    assert len(body) < 300 and "docs/rules/unpublished.md" in body and "newslint rule unpublished" in body


def test_sarif_points_at_no_page_that_does_not_exist(project, capsys):
    write(project, "news/a.md", BAD)
    check(*SEL, "--output-format", "sarif")
    driver = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver


def test_github_annotations_come_with_a_step_summary(project, capsys, monkeypatch):
    for n in range(30):
        write(project, f"news/{n}.md", WITHDRAWN.format(n=n))
    summary = write(project, "summary.md", "earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("--select", "PUB002", "--output-format", "github")
    assert len(capsys.readouterr().out.splitlines()) == 30
    text = summary.read_text()
    assert text.startswith("earlier step\n## newslint\n")  # appended
    # 30 withdrawn files of 30 are the repository's convention: shown at info
    assert "| 30 | PUB002 | unpublished | info |" in text
    assert all(f"| news/{n}.md | 3 | info | PUB002 |" in text for n in range(30))


# ---- dependencies used where users see them ---------------------------------------------------
def test_a_fix_keeps_a_wrapped_value_wrapped(project, capsys):
    text = ("---\ntitle: \"A story\"\nstructured_data:\n  description: MIT researchers discuss applying AI to sports\n"
            "    such as figure skating,  whether AI systems could ever be used to judge\n"
            "    Olympic events, and when we might see a skater land a quint.\n  inLanguage: en\n---\nBody.\n")
    p = write(project, "a.md", text)
    assert check("--select", "TXT003", "--fix") == 0
    fixed = p.read_text()
    assert fixed.count("\n    ") == 2 and fixed.endswith("  inLanguage: en\n---\nBody.\n"), fixed  # still 3 lines
    import yaml

    value = yaml.safe_load(fixed.split("---\n")[1])["structured_data"]["description"]
    assert "  " not in value and value.endswith("land a quint.")
    assert max(len(line) for line in fixed.splitlines()) < 90


def test_output_through_a_symlink_or_to_a_stream(project):
    write(project, "news/a.md", BAD)
    real = write(project, "reports/real.json", "old\n")
    (project / "link.json").symlink_to(real)
    assert check(*SEL, "--output-format", "json", "-o", "link.json") == 1
    assert (project / "link.json").is_symlink() and json.loads(real.read_text())["findings"]
    done = run_cli(["check", "--no-cache", *SEL, "--output-format", "json", "-o", "/dev/stdout", "news"], b"", project)
    assert done.returncode == 1 and json.loads(done.stdout)["findings"][0]["code"] == "PUB001"


def test_diff_of_a_crlf_file_keeps_its_line_ends(project, capsys):
    write(project, "news/a.md", BAD.replace("\n", "\r\n"))
    assert check(*SEL, "--diff") == 1
    out = capsys.readouterr().out
    assert '-published: "false"\r\n+published: false\r\n' in out and "\\x0d" not in out


def test_full_carets_the_defect_in_a_wrapped_value(project, capsys):
    write(project, "a.md", "---\ntitle: \"A story\"\nexcerpt: 'Researchers discuss applying AI to sports such as figure\n"
                           "  skating, and when we might see a skater land a quint. '\n---\nBody.\n")
    assert check("--select", "TXT003", "--output-format", "full") == 1
    lines = capsys.readouterr().out.splitlines()
    source = next(line for line in lines if line.startswith("4 | "))
    carets = lines[lines.index(source) + 1]
    assert carets.replace(" ", "") == "|^TXT003" and source[carets.index("^")] == " " and source[carets.index("^") + 1] == "'"
