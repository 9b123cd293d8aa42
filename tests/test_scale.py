"""Repository scale: parallel runs agree with serial ones, the cache, partial (pre-commit) runs
against the whole project, baselines."""

import json
import os

import pytest
from linter.cli import main

SAME_TITLE_RULE = '''
"""Two files share a title (a tiny repository rule for tests)."""
from linter.model import Report, Span
CODE = "ZZ900"
NAME = "same-title-test"
KIND = "repository"
def collect(doc, options):
    t = doc.data.get("title") if isinstance(doc.data, dict) else None
    return None if t is None else {"title": t, "line": doc.span("/title").line}
def report(facts, options):
    by = {}
    for path, f in facts.items():
        by.setdefault(f["title"], []).append(path)
    for title, paths in by.items():
        for p in paths:
            others = sorted(set(paths) - {p})
            if others:
                yield p, Report("same title as " + ", ".join(others), pointer="/title", span=Span(facts[p]["line"], 1, facts[p]["line"], 6))
'''


def article(i, title=None, published="true"):
    return f'---\ntitle: "{title or f"Story {i}"}"\npublished: {published}\n---\nBody {i}.\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Every file here was written a moment ago: the cache would hash them all again on each run
    # until they are RACY_NS old (tests/test_hostile_cache.py tests that on its own).
    monkeypatch.setattr("linter.cache.RACY_NS", 0)
    (tmp_path / "rules_local").mkdir()
    (tmp_path / "rules_local" / "same.py").write_text(SAME_TITLE_RULE)
    (tmp_path / ".newslint.toml").write_text('plugins = ["rules_local/same.py"]\nselect = ["PUB001", "ZZ900", "FM"]\n')
    news = tmp_path / "news"
    news.mkdir()
    for i in range(300):
        bad = i % 3 == 0
        (news / f"a{i:03}.md").write_text(article(i, "Shared title" if i in (5, 250) else None, '"false"' if bad else "true"))
    return tmp_path


def check_json(capsys, *args):
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_parallel_equals_serial_and_order_is_deterministic(project, capsys):
    _, serial = check_json(capsys, "--no-cache", "--jobs", "1")
    _, parallel = check_json(capsys, "--no-cache", "--jobs", "2")
    assert serial == parallel
    paths = [f["path"] for f in parallel["findings"]]
    assert paths == sorted(paths) and parallel["summary"]["findings"] == 102


def test_cache_hits_match_and_invalidate_on_change(project, capsys):
    _, cold = check_json(capsys, "--jobs", "2")
    folders = list((project / ".newslint_cache").glob("results-*"))
    assert len(folders) == 1 and (project / ".newslint_cache" / ".gitignore").read_text().strip().endswith("*")
    index = folders[0] / "index"
    assert sorted(p.name for p in folders[0].iterdir()) == ["index"]  # one file per run key
    written = index.stat().st_mtime_ns
    _, warm = check_json(capsys)
    assert warm == cold and index.stat().st_mtime_ns == written  # nothing changed: nothing written
    (project / "news" / "a001.md").write_text(article(1, published='"no"'))
    _, changed = check_json(capsys)
    assert changed["summary"]["findings"] == cold["summary"]["findings"] + 1
    journal = folders[0] / "journal"  # one changed file: its entries in the journal, the index as it was
    assert index.stat().st_mtime_ns == written and journal.is_file()
    for stored in (project / ".newslint_cache").glob("replay-*"):
        stored.unlink()
    _, again = check_json(capsys)  # read back through the journal: nothing to lint, nothing written
    assert again == changed and index.stat().st_mtime_ns == written
    for junk in (b"{not an index", index.read_bytes()[:-100], b""):  # a corrupt cache is ignored and rebuilt
        index.write_bytes(junk)
        for stored in (project / ".newslint_cache").glob("replay-*"):
            stored.unlink()  # else the run's stored report is printed again (nothing it depends on changed)
        _, again = check_json(capsys)
        assert again == changed and index.read_bytes().startswith(b"newslint-index")


def test_lost_facts_are_collected_again_when_the_repository_rules_run(project, capsys):
    _, cold = check_json(capsys)
    from linter import cache

    index = next((project / ".newslint_cache").glob("results-*")) / "index"
    raw, sections = cache.read_index(index)
    assert "facts ZZ900" in sections
    cache.write_index(index, {name: b"\xc1junk" if name == "facts ZZ900" else raw[start:end]
                              for name, (start, end) in sections.items()})
    _, warm = check_json(capsys)  # nothing changed: the repository rules' findings come from the cache
    assert warm == cold
    (project / "news" / "a002.md").write_text(article(2, "A new title", published='"no"'))
    _, changed = check_json(capsys)  # a title changed: the rule runs again, over facts parsed anew
    assert changed["summary"]["by_rule"]["same-title-test"] == cold["summary"]["by_rule"]["same-title-test"] == 2
    assert changed["summary"]["findings"] == cold["summary"]["findings"] + 1


def test_cache_key_includes_configuration(project, capsys):
    check_json(capsys)
    (project / ".newslint.toml").write_text('plugins = ["rules_local/same.py"]\nselect = ["FM"]\n')
    code, data = check_json(capsys)
    assert code == 0 and data["summary"]["findings"] == 0


def test_a_new_result_folder_leaves_only_the_most_recent_others(project, capsys):
    from linter.cache import KEEP

    cache = project / ".newslint_cache"
    stale = []
    for age in range(KEEP + 2):  # older result folders: other versions or configurations
        folder = cache / f"results-old{age}"
        folder.mkdir(parents=True)
        (folder / "index").write_text("{}")
        os.utime(folder, ns=(10**18 - age * 10**9,) * 2)
        stale.append(folder.name)
    (cache / "unrelated").mkdir()
    check_json(capsys)
    names = sorted(p.name for p in cache.iterdir() if not p.name.startswith("replay-"))  # stored reports: linter.replay
    current = [n for n in names if n.startswith("results-") and n not in stale]
    assert len(current) == 1
    assert names == sorted([".gitignore", "unrelated", *current, *stale[:KEEP]])
    for age in (KEEP, KEEP + 1):  # a run in a folder that exists removes nothing
        (cache / f"results-new{age}").mkdir()
    (project / "news" / "a001.md").write_text(article(1, published='"no"'))
    check_json(capsys)
    assert len(list(cache.glob("results-*"))) == KEEP + 3


def test_clean_removes_the_cache(project, capsys):
    check_json(capsys)
    assert main(["clean"]) == 0
    assert not (project / ".newslint_cache").exists()


def test_partial_run_compares_with_the_project_but_reports_only_named_files(project, capsys):
    code, data = check_json(capsys, "news/a005.md", "news/a007.md")
    assert data["summary"]["files"] == 2
    got = [(f["path"], f["rule"], f["message"]) for f in data["findings"]]
    assert got == [("news/a005.md", "same-title-test", "same title as news/a250.md")]


ONLY_RULE = '''
"""Says which paths the engine asked it to report on (a tiny repository rule for tests)."""
from linter.model import Report
CODE = "ZZ901"
NAME = "only-test"
KIND = "repository"
def collect(doc, options):
    return 1
def report(facts, options, only=None):
    for path in sorted(facts):
        yield path, Report(f"{len(facts)} files, only {sorted(only) if only is not None else None}")
'''


def test_repository_rule_may_take_the_paths_reported_on(project, capsys):
    (project / "rules_local" / "only.py").write_text(ONLY_RULE)
    (project / ".newslint.toml").write_text('plugins = ["rules_local/only.py"]\nselect = ["ZZ901"]\n')
    _, data = check_json(capsys, "news/a005.md", "news/a007.md")
    assert [f["message"] for f in data["findings"]] == ["300 files, only ['news/a005.md', 'news/a007.md']"] * 2
    _, data = check_json(capsys, "news")
    assert {f["message"] for f in data["findings"]} == {"300 files, only None"}


def test_fix_with_cache_and_jobs(project, capsys):
    assert main(["check", "--fix", "--jobs", "2"]) == 1  # the shared title remains
    assert "100 fixed" in capsys.readouterr().out
    assert '"false"' not in (project / "news" / "a003.md").read_text()
    _, data = check_json(capsys)
    assert data["summary"]["by_rule"] == {"same-title-test": 2}


def test_baseline_adopt_today_fail_on_new(project, capsys):
    assert main(["check", "--write-baseline", "baseline.json"]) == 0
    capsys.readouterr()
    assert main(["check", "--baseline", "baseline.json"]) == 0
    assert "All checks passed" in capsys.readouterr().out
    # an edit elsewhere in a baselined file (lines move) keeps it baselined
    p = project / "news" / "a003.md"
    p.write_text(p.read_text().replace("---\ntitle", "---\ncategory: news\ntitle"))
    # a new problem fails; a fixed one is counted as gone
    (project / "news" / "new.md").write_text(article(999, published='"off"'))
    (project / "news" / "a006.md").write_text(article(6))
    code, data = check_json(capsys, "--baseline", "baseline.json")
    assert code == 1 and [f["path"] for f in data["findings"]] == ["news/new.md"]
    main(["check", "--baseline", "baseline.json"])
    assert "1 baselined finding is gone" in capsys.readouterr().out


def test_bad_baseline_file_is_a_usage_error(project, capsys):
    (project / "b.json").write_text("[]")
    assert main(["check", "--baseline", "b.json"]) == 2
    assert "not a newslint baseline" in capsys.readouterr().err


def test_progress_is_silent_when_not_a_terminal(project, capsys):
    main(["check", "--no-cache"])
    assert "\r" not in capsys.readouterr().err


def test_partial_run_without_config_compares_within_the_named_files_folder(tmp_path, monkeypatch, capsys):
    """No configuration and no git work tree: stray copies elsewhere under the working folder are not the project."""
    monkeypatch.chdir(tmp_path)
    for folder in ("site/_news", "elsewhere"):
        (tmp_path / folder).mkdir(parents=True)
    text = '---\ntitle: "A story told twice"\nwebUrl: "https://example.com/a-story"\n---\n'
    (tmp_path / "site/_news/a.md").write_text(text)
    (tmp_path / "site/_news/b.md").write_text(text.replace("told twice", "told once").replace("a-story", "b-story"))
    (tmp_path / "elsewhere/copy.md").write_text(text)
    main(["check", "--format", "json", "--select", "duplicate-article", "site/_news/a.md"])
    assert json.loads(capsys.readouterr().out)["findings"] == []
    (tmp_path / ".git").mkdir()  # inside a git work tree, the work tree is the project
    main(["check", "--format", "json", "--select", "duplicate-article", "site/_news/a.md"])
    assert [f["path"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["site/_news/a.md"]


def test_warm_run_reuses_repository_findings_only_while_nothing_changed(project, capsys):
    _, cold = check_json(capsys, "--select", "ZZ900")
    _, warm = check_json(capsys, "--select", "ZZ900")
    assert warm == cold and cold["summary"]["findings"] == 2
    (project / "news" / "a250.md").write_text(article(250))  # no longer shares its title
    _, changed = check_json(capsys, "--select", "ZZ900")
    assert changed["summary"]["findings"] == 0
    (project / "news" / "a251.md").write_text(article(251, "Shared title"))
    _, again = check_json(capsys, "--select", "ZZ900")
    assert [f["path"] for f in again["findings"]] == ["news/a005.md", "news/a251.md"]


COUNTING_RULE = SAME_TITLE_RULE.replace('def report(facts, options):\n', 'def report(facts, options):\n    with open("reports.log", "a") as log:\n        log.write("x")\n')


def test_repository_rules_rerun_only_when_some_file_s_facts_change(project, capsys):
    """Their findings are a function of the facts: an edit elsewhere in a file (a pre-commit run on
    it included) reuses them; an edit of a title, or of which files are named, does not."""
    (project / "rules_local" / "same.py").write_text(COUNTING_RULE)
    log = project / "reports.log"

    def runs():
        return len(log.read_text()) if log.exists() else 0

    _, cold = check_json(capsys, "--select", "ZZ900")
    assert runs() == 1
    body = project / "news" / "a005.md"
    body.write_text(body.read_text() + "Another paragraph.\n")
    _, whole = check_json(capsys, "--select", "ZZ900")
    _, named = check_json(capsys, "--select", "ZZ900", "news/a005.md")
    assert runs() == 1 and whole == cold
    assert [f["message"] for f in named["findings"]] == ["same title as news/a250.md"]
    check_json(capsys, "--select", "ZZ900", "news/a005.md", "news/a006.md")
    assert runs() == 1  # a whole run's findings serve any named files
    (project / "news" / "a006.md").write_text(article(6, "Shared title"))
    _, named = check_json(capsys, "--select", "ZZ900", "news/a006.md")
    assert runs() == 2 and [f["message"] for f in named["findings"]] == ["same title as news/a005.md, news/a250.md"]
    check_json(capsys, "--select", "ZZ900", "news/a006.md")
    assert runs() == 2  # the same named files over the same facts
    _, whole = check_json(capsys, "--select", "ZZ900")
    assert runs() == 3 and whole["summary"]["findings"] == 3


PUBLISHED_RULE = COUNTING_RULE.replace('"ZZ900"', '"ZZ901"').replace("same-title-test", "same-published-test").replace(
    '"reports.log"', '"published.log"').replace('doc.data.get("title")', 'doc.data.get("published")').replace(
    '"title": t', '"title": str(t)')


def test_only_the_repository_rule_whose_facts_changed_runs_again(project, capsys):
    """Each rule's findings are kept with the state of its own facts: a new title reruns the rule
    that compares titles, not one that compares something else."""
    (project / "rules_local" / "same.py").write_text(COUNTING_RULE)
    (project / "rules_local" / "published.py").write_text(PUBLISHED_RULE)
    (project / ".newslint.toml").write_text(
        'plugins = ["rules_local/same.py", "rules_local/published.py"]\nselect = ["ZZ900", "ZZ901"]\n')
    logs = project / "reports.log", project / "published.log"

    def runs():
        return [len(log.read_text()) if log.exists() else 0 for log in logs]

    _, cold = check_json(capsys)
    assert runs() == [1, 1] and cold["summary"]["by_rule"]["same-title-test"] == 2
    (project / "news" / "a006.md").write_text(article(6, "Shared title", published='"false"'))  # as it was
    _, titled = check_json(capsys)
    assert runs() == [2, 1] and titled["summary"]["by_rule"]["same-title-test"] == 3
    (project / "news" / "a007.md").write_text(article(7, published="false"))
    _, named = check_json(capsys, "news/a007.md")  # the only `published: false` (a boolean)
    assert runs() == [2, 2] and named["findings"] == []
    _, whole = check_json(capsys)
    assert runs() == [2, 3] and whole["summary"]["by_rule"]["same-title-test"] == 3
    assert whole["summary"]["findings"] == titled["summary"]["findings"] - 1  # a007 left the `true` group


def test_cached_repository_findings_name_files_as_seen_from_the_working_folder(project, capsys, monkeypatch):
    check_json(capsys, "--select", "ZZ900")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    _, data = check_json(capsys, "--select", "ZZ900", "..")
    assert [f["message"] for f in data["findings"]] == [f"same title as {project / 'news' / 'a250.md'}",
                                                        f"same title as {project / 'news' / 'a005.md'}"]


@pytest.mark.parametrize("fix", [None, "with a fix"])
def test_a_finding_survives_the_cache_row_round_trip(fix):
    from linter.model import Edit, Finding, Fix

    finding = Finding("news/a.md", 3, 8, 3, 20, "ZZ900", "same-title-test", "warning", "m", "/title",
                      fix and Fix("safe", "d", (Edit(10, 12, "x"), Edit(20, 20, ""))), "0123abcd")
    again = Finding.from_row(finding.path, json.loads(json.dumps(finding.to_row())))
    assert again == finding and repr(again) == repr(finding) and hash(again) == hash(finding)
    assert again.fingerprint == "0123abcd" and again.fix == finding.fix


def test_a_journal_folded_into_the_index_keeps_every_entry(project, capsys, monkeypatch):
    """Every save folds its changes into the index: the sections it did not read are copied as
    they were, those it changed without reading them are read and merged first."""
    monkeypatch.setattr("linter.cache.JOURNAL_MIN", 0)
    monkeypatch.setattr("linter.cache.JOURNAL_SHARE", 0)
    _, cold = check_json(capsys)
    [index] = (project / ".newslint_cache").glob("results-*/index")
    from linter import batch, cache

    _, sections = cache.read_index(index)
    (project / "news" / "a001.md").write_text(article(1, "Shared title"))
    _, named = check_json(capsys, "news/a001.md")  # stores one file's entries, reads few sections
    assert [f["message"] for f in named["findings"]] == ["same title as news/a005.md, news/a250.md"]
    assert cache.read_index(index)[1].keys() == sections.keys() and not (index.parent / "journal").exists()
    linted = []
    lint_one = batch._lint_one
    monkeypatch.setattr(batch, "_lint_one", lambda *args: linted.append(args) or lint_one(*args))
    _, warm = check_json(capsys, "--jobs", "1")
    assert linted == []  # every file's result in the index
    _, fresh = check_json(capsys, "--no-cache")
    assert warm == fresh and warm["summary"]["findings"] == cold["summary"]["findings"] + 1



BOOM_RULE = '''
"""Always crashes (a test)."""
CODE = "ZZ902"
NAME = "boom-test"
KIND = "repository"
def collect(doc, options):
    return 1
def report(facts, options):
    raise RuntimeError("boom")
'''


def test_a_crashing_repository_rule_gives_one_internal_error_and_is_not_cached(project, capsys):
    (project / "rules_local" / "boom.py").write_text(BOOM_RULE)
    (project / ".newslint.toml").write_text('plugins = ["rules_local/same.py", "rules_local/boom.py"]\nselect = ["ZZ900", "ZZ902"]\n')
    for _ in range(2):  # the second run from the cache: the crash is not kept there
        code, data = check_json(capsys, "--jobs", "2")
        errors = [f for f in data["findings"] if f["code"] == "NL999"]
        assert code == 2
        assert [(f["path"], "boom-test" in f["message"]) for f in errors] == [(os.path.join("news", "a000.md"), True)]
        assert sum(f["code"] == "ZZ900" for f in data["findings"]) == 2
