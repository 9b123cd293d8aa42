"""Guarantees 2, 4 (write path), 5 and 6: no code execution, no lost or torn files, no writes
outside what was asked, fixes idempotent and minimal. Each test fails if its guarantee is removed."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import fix, lint

from linter import atomic, cli, fixer
from linter.files import Discovery
from linter.config import Config

REPO = Path(__file__).resolve().parents[1]
NEEDS_FIX = b'---\ntitle: "A withdrawn story"\npublished: "false"\n---\nBody.\n'
FIXED = b'---\ntitle: "A withdrawn story"\npublished: false\n---\nBody.\n'


def check(*args: str) -> int:
    return cli.main(["check", "--no-cache", "--select", "published-not-boolean", *args])


# ---- 2. no code execution -----------------------------------------------------------------
@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['touch {m}']",
    "!!python/object/apply:subprocess.call [['touch', '{m}']]",
    "!!python/object/new:os.system ['touch {m}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!ruby/object:Gem::Installer {{i: '{m}'}}",
])
def test_python_tags_are_findings_and_never_run(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "PWNED"
    text = f"---\ntitle: {payload.format(m=marker)}\n---\n"
    findings = lint(text, select=["ALL"])
    assert [f for f in findings if f.rule == "yaml-unsafe-tag" and f.line == 2 and f.column == 8]
    fix(text, select=["ALL"], unsafe=True)
    assert not marker.exists()


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            base = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            yield node, base, name


FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "joblib", "cloudpickle"}
DYNAMIC_IMPORT_OK = {"linter/cli.py", "linter/registry.py", "linter/entrypoints.py", "linter/reporters/__init__.py"}


def _sources():
    for top in ("linter", "rules", "schemas"):
        for p in sorted((REPO / top).rglob("*.py")):
            yield p.relative_to(REPO).as_posix(), ast.parse(p.read_text("utf-8"), str(p))


def test_no_eval_pickle_unsafe_yaml_or_data_named_imports_in_the_code():
    """Static guard over every engine and rule module (new rules included as they land)."""
    problems = []
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for n in names:
                    if n.split(".")[0] in FORBIDDEN_MODULES:
                        problems.append(f"{rel}:{node.lineno} imports {n}")
            if isinstance(node, ast.Attribute) and node.attr in ("UnsafeLoader", "FullLoader", "Loader", "unsafe_load",
                                                                  "full_load", "load_all", "UnsafeConstructor"):
                if isinstance(node.value, ast.Name) and node.value.id == "yaml":
                    problems.append(f"{rel}:{node.lineno} uses yaml.{node.attr}")
        for call, base, name in _calls(tree):
            if name in ("eval", "exec", "__import__") and base in ("", "builtins"):
                problems.append(f"{rel}:{call.lineno} calls {name}()")
            if base == "yaml" and name in ("load", "load_all"):
                kw = {k.arg: k.value for k in call.keywords}
                loader = kw.get("Loader") or (call.args[1] if len(call.args) > 1 else None)
                safe = isinstance(loader, (ast.Name, ast.Attribute)) and "Safe" in ast.unparse(loader)
                if not safe and not (isinstance(loader, ast.Name) and loader.id == "Loader"):
                    problems.append(f"{rel}:{call.lineno} yaml.{name} without a safe Loader")
            if name == "YAML":
                for k in call.keywords:
                    if k.arg == "typ" and isinstance(k.value, ast.Constant) and k.value.value == "unsafe":
                        problems.append(f"{rel}:{call.lineno} ruamel YAML(typ='unsafe')")
            if name in ("import_module", "spec_from_file_location", "run_path", "load_module") and rel not in DYNAMIC_IMPORT_OK:
                problems.append(f"{rel}:{call.lineno} imports code dynamically ({name})")
    assert not problems, "\n".join(problems)


def test_document_loader_is_a_safe_loader():
    from linter import document

    assert issubclass(document.Loader, __import__("yaml").SafeLoader) or document.Loader.__name__ == "CSafeLoader"


PLUGIN = '''
from pathlib import Path
Path(__file__).with_name("IMPORTED").write_text("yes")
CODE = "ZZZ001"
NAME = "zzz-plugin"
SEVERITY = "warning"
FIX = "never"
def check(doc, options):
    return ()
'''


def test_plugins_load_only_from_config_paths_never_from_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil.py").write_text('"""A plugin that would run."""' + PLUGIN)
    (tmp_path / "post.md").write_text("---\ntitle: x\nplugins: [evil.py]\nnewslint:\n  plugins: [evil]\n"
                                      "module: evil\nimport: evil\n---\n")
    check("post.md")
    assert not (tmp_path / "IMPORTED").exists(), "a file's data made newslint import code"
    (tmp_path / ".newslint.toml").write_text('plugins = ["evil.py"]\n')
    assert cli.main(["rules"]) == 0
    assert (tmp_path / "IMPORTED").exists(), "control: a plugin named in the config is loaded"


# ---- 4/5. the write path ------------------------------------------------------------------
def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".newslint-*.tmp"))


def test_fix_writes_through_a_temp_file_and_keeps_the_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "post.md"
    post.write_bytes(NEEDS_FIX)
    os.chmod(post, 0o640)
    inode = post.stat().st_ino
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src).name, Path(dst).name, Path(src).read_bytes()))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    check("--fix", "post.md")
    assert post.read_bytes() == FIXED
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert post.stat().st_ino != inode  # renamed over, not rewritten in place
    assert len(seen) == 1 and seen[0][0].startswith(".newslint-") and seen[0][1] == "post.md" and seen[0][2] == FIXED
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("fail", ["write", "fsync", "chmod", "replace"])
def test_any_error_while_writing_leaves_the_original_byte_identical(fail, tmp_path, monkeypatch):
    post = tmp_path / "post.md"
    post.write_bytes(NEEDS_FIX)
    expected = post.stat()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    if fail == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd, mode):
                self.fh = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])  # a torn temp file...
                boom()

        monkeypatch.setattr(os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, fail, boom)
    with pytest.raises(OSError):
        atomic.write(post, FIXED, expected)
    monkeypatch.undo()
    assert post.read_bytes() == NEEDS_FIX
    assert _temps(tmp_path) == []


def test_read_only_files_are_reported_not_forced(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "post.md"
    post.write_bytes(NEEDS_FIX)
    os.chmod(post, 0o444)  # root may write anyway: newslint must not
    assert check("--fix", "post.md") == 1
    assert post.read_bytes() == NEEDS_FIX
    assert stat.S_IMODE(post.stat().st_mode) == 0o444
    assert "read-only" in capsys.readouterr().err


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(NEEDS_FIX)
    before = post.stat()
    time.sleep(0.01)
    # Another process rewrites it with the same size and puts the old mtime back.
    post.write_bytes(NEEDS_FIX.replace(b"Body.", b"Edit!"))
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(atomic.WriteRefused, match="changed on disk"):
        atomic.write(post, FIXED, before)
    assert post.read_bytes() == NEEDS_FIX.replace(b"Body.", b"Edit!")
    with pytest.raises(atomic.WriteRefused, match="changed on disk"):
        atomic.write(post, FIXED, None, original=NEEDS_FIX)
    assert _temps(tmp_path) == []


def test_a_file_replaced_during_the_write_is_not_overwritten(tmp_path, monkeypatch):
    post = tmp_path / "post.md"
    post.write_bytes(NEEDS_FIX)
    before = post.stat()
    real_fsync = os.fsync

    def racing_fsync(fd):  # the scraper rewrites the file while newslint writes its temp file
        real_fsync(fd)
        if not getattr(racing_fsync, "done", False):
            racing_fsync.done = True
            post.write_bytes(b"---\ntitle: new scrape\n---\n")

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(atomic.WriteRefused):
        atomic.write(post, FIXED, before)
    assert post.read_bytes() == b"---\ntitle: new scrape\n---\n"
    assert _temps(tmp_path) == []


def test_symlinks_out_of_the_tree_are_neither_read_nor_written(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_bytes(NEEDS_FIX)
    (outside / "dir").mkdir()
    (outside / "dir" / "deep.md").write_bytes(NEEDS_FIX)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "own.md").write_bytes(NEEDS_FIX)
    (tree / "link.md").symlink_to(outside / "secret.md")
    (tree / "linkdir").symlink_to(outside / "dir", target_is_directory=True)
    monkeypatch.chdir(tree)
    targets = Discovery(Config(root=tree), tree).find(["."])
    assert [t.path for t in targets] == ["own.md"]
    check("--fix", ".")
    assert (tree / "own.md").read_bytes() == FIXED
    assert (outside / "secret.md").read_bytes() == NEEDS_FIX
    assert (outside / "dir" / "deep.md").read_bytes() == NEEDS_FIX
    assert (tree / "link.md").is_symlink()
    # Named explicitly, a link out of the tree is skipped too.
    assert Discovery(Config(root=tree), tree).find(["link.md"]) == []


def test_a_symlink_inside_the_tree_is_not_replaced_by_a_copy(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(NEEDS_FIX)
    link = tmp_path / "alias.md"
    link.symlink_to(real)
    with pytest.raises(atomic.WriteRefused, match="symbolic link"):
        atomic.write(link, FIXED, os.stat(link))
    assert link.is_symlink() and real.read_bytes() == NEEDS_FIX


def test_fifos_and_devices_are_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "ok.md").write_bytes(FIXED)
    d = Discovery(Config(root=tmp_path), tmp_path)
    assert [t.path for t in d.find(["."])] == ["ok.md"]
    assert d.find(["pipe.md"]) == []
    assert any("not a regular file" in why for _, why in d.skipped)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_killed_runs_are_removed_on_the_next_run(tmp_path, monkeypatch):
    from linter.atomic import is_stale_temp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "post.md").write_bytes(FIXED)
    dead = _dead_pid()
    stale = [tmp_path / f".newslint-{dead}-abcd1234.tmp", tmp_path / "sub" / f".newslint-{dead}-x_y_z_0a.tmp"]
    live = tmp_path / f".newslint-{os.getppid()}-live0000.tmp"  # a concurrent run still writing it
    old = tmp_path / f".newslint-{os.getppid()}-old00000.tmp"  # pid alive but an hour old: reused pid
    lookalikes = [tmp_path / ".newslint-notes.tmp", tmp_path / f".newslint-{dead}-abcd1234.tmp.bak",
                  tmp_path / f"newslint-{dead}-abcd1234.tmp"]
    for p in [*stale, live, old, *lookalikes]:
        p.write_bytes(b"half a fi")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert is_stale_temp(tmp_path, stale[0].name) and not is_stale_temp(tmp_path, live.name)
    assert check(".") == 0
    for p in stale + [old]:
        assert not p.exists(), p
    for p in [live, *lookalikes]:
        assert p.exists(), p


# ---- 6. idempotent, minimal fixes -------------------------------------------------------
def test_second_fix_run_changes_nothing_and_only_fixed_lines_change(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = ('---\r\n# a comment the fix must keep\r\ntitle:   "Spaces  kept"   # trailing\r\n'
            "published: 'no'\r\nrelated:\r\n  - {title: x, published: \"off\"}\r\n---\r\nBody\r\n")
    post = tmp_path / "post.md"
    post.write_bytes(text.encode())
    check("--fix", "post.md")
    once = post.read_bytes()
    check("--fix", "post.md")
    assert post.read_bytes() == once
    old, new = text.encode().split(b"\r\n"), once.split(b"\r\n")
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed == [3, 5]
    assert new[3] == b"published: false" and new[5] == b"  - {title: x, published: false}"


DELETER = '''"""Test rule: delete every `related` item marked `drop: true`."""
from linter.model import Report
from linter.yamledit import delete_item, fix
CODE = "ZZZ002"
NAME = "zzz-drop"
SEVERITY = "warning"
FIX = "always"
def check(doc, options):
    for ptr, value in doc.fields("drop"):
        item = ptr.rsplit("/", 1)[0]
        if value is True and item.startswith("/related/"):
            yield Report("dropped", pointer=item, fix=fix("safe", "drop it", delete_item(doc, item)))
'''


def test_fixes_that_together_change_unfixed_data_are_applied_one_at_a_time(tmp_path):
    """Two item deletions, each fine alone, together empty the list (`related:` becomes null):
    the fixer notices data changed outside the fixed pointers and applies them one by one."""
    from linter import config as cfg
    from linter import registry
    from linter.engine import Linter

    plugin = tmp_path / "drop.py"
    plugin.write_text(DELETER)
    settings = cfg.resolve(cfg.from_dict({"select": ["zzz-drop"]}, tmp_path), registry.load([plugin]))
    text = "---\ntitle: x\nrelated:\n  - title: a\n    drop: true\n  - title: b\n    drop: true\n---\n"
    outcome = fixer.fix_document(Linter(settings), text.encode(), "p.md", "p.md")
    assert outcome.text == "---\ntitle: x\nrelated:\n  - title: b\n    drop: true\n---\n"
    assert fixer.changed_outside({"related": [1, 2]}, {"related": None}, {"/related/0", "/related/1"}) == ["/related"]
    assert fixer.changed_outside({"a": 1, "r": [1, 2, 3]}, {"a": 1, "r": [1, 3]}, {"/r/1"}) == []
    assert fixer.changed_outside({"a": 1, "b": 2}, {"a": 5, "b": 3}, {"/a"}) == ["/b"]


UPPER = '''"""Test rule: titles in capitals."""
from linter.model import Report
from linter.yamledit import fix, replace_value
CODE = "ZZZ003"
NAME = "zzz-upper"
SEVERITY = "warning"
FIX = "{fix}"
SUPERSEDES = {supersedes}
def check(doc, options):
    title = (doc.data or {{}}).get("title")
    if isinstance(title, str) and title != title.upper():
        yield Report("not in capitals", pointer="/title", fix=fix("safe", "capitals", replace_value(doc, "/title", title.upper())))
'''
SPECIFIC = '''"""Test rule: a more specific finding about the title, with no fix."""
from linter.model import Report
CODE = "ZZZ004"
NAME = "zzz-specific"
SEVERITY = "warning"
SUPERSEDES = ("zzz-upper",)
def check(doc, options):
    if (doc.data or {}).get("title") == "keep":
        yield Report("kept as written", pointer="/title")
'''


def _linter(tmp_path, *plugins: str, select=None):
    from linter import config as cfg
    from linter import registry
    from linter.engine import Linter

    paths = []
    for i, source in enumerate(plugins):
        paths.append(tmp_path / f"plugin{i}.py")
        paths[-1].write_text(source)
    data = {"select": select} if select else {}
    return Linter(cfg.resolve(cfg.from_dict(data, tmp_path), registry.load(paths)))


def test_a_rule_that_declares_it_never_fixes_gets_no_fix_applied(tmp_path):
    linter = _linter(tmp_path, UPPER.format(fix="never", supersedes="()"), select=["zzz-upper"])
    raw = b"---\ntitle: quiet\n---\n"
    _, result = linter.lint_bytes(raw, "p.md", "p.md")
    assert [(f.rule, f.fix) for f in result.findings] == [("zzz-upper", None)]
    assert fixer.fix_document(linter, raw, "p.md", "p.md").text == raw.decode()


def test_a_finding_superseded_by_a_rule_without_fixes_is_not_fixed(tmp_path):
    """The fixer first runs only the rules that can fix, and those that supersede them."""
    linter = _linter(tmp_path, UPPER.format(fix="always", supersedes="()"), SPECIFIC, select=["zzz-upper", "zzz-specific"])
    kept = fixer.fix_document(linter, b"---\ntitle: keep\n---\n", "p.md", "p.md")
    assert kept.text == "---\ntitle: keep\n---\n" and not kept.applied
    assert [f.rule for f in kept.result.findings] == ["zzz-specific"]
    fixed = fixer.fix_document(linter, b"---\ntitle: loud\n---\n", "p.md", "p.md")
    assert fixed.text == "---\ntitle: LOUD\n---\n"


@pytest.mark.parametrize("text", [
    "---\ntitle: a post\npublished: \"true\"\ndate: 2024-13-01\n---\nBody &amp; more.\n",  # fixable and not
    "---\ntitle: a post\ndate: 2024-13-01\n---\nBody.\n",  # nothing to fix
    "---\ntitle: [unclosed\n---\n",  # a front matter that does not parse
])
def test_the_fixer_reports_what_a_full_lint_of_its_text_reports(text, tmp_path):
    from helpers import settings
    from linter.engine import Linter

    linter = Linter(settings())
    outcome = fixer.fix_document(linter, text.encode(), "p.md", "p.md")
    _, full = linter.lint_bytes(outcome.text.encode(), "p.md", "p.md")
    assert [f.to_row() for f in outcome.result.findings] == [f.to_row() for f in full.findings]
    assert outcome.result.facts == full.facts and outcome.result.directives == full.directives
    # What a run reports for the file when its fixed bytes cannot be written: the text as it is.
    as_is = linter.lint_bytes(text.encode(), "p.md", "p.md")[1]
    assert [f.to_row() for f in outcome.unfixed().findings] == [f.to_row() for f in as_is.findings]
    assert outcome.unfixed().facts == as_is.facts


def test_the_text_as_it_was_keeps_its_own_positions_after_a_fix_that_moves_lines():
    """A fixed file that cannot be written is reported as it is on disk: not at the lines of a
    fixed text that was never written."""
    from helpers import settings
    from linter.engine import Linter

    text = ("---\ntitle: a post\nrelated:\n  - url: https://example.com/a\n    title: A\n"
            "  - url: https://example.com/a\n    title: A\ndate: 2990-01-01\n---\nBody.\n")
    linter = Linter(settings())
    outcome = fixer.fix_document(linter, text.encode(), "p.md", "p.md", unsafe=True)
    assert outcome.data is not None and outcome.text.count("\n") < text.count("\n")  # the duplicate went
    as_is = linter.lint_bytes(text.encode(), "p.md", "p.md")[1]
    assert [f.to_row() for f in outcome.unfixed().findings] == [f.to_row() for f in as_is.findings]
    assert [f.line for f in as_is.findings if f.rule == "date-future"] == [8]  # a rule that fixes nothing


def _batch(tmp_path: Path, n: int = 6) -> list[Path]:
    posts = []
    for i in range(n):
        folder = tmp_path / f"f{i % 2}"
        folder.mkdir(exist_ok=True)
        posts.append(folder / f"post{i}.md")
        posts[-1].write_bytes(NEEDS_FIX)
        os.chmod(posts[-1], 0o640 if i % 2 else 0o604)
    return posts


def test_a_batch_is_flushed_to_disk_once_then_renamed(tmp_path, monkeypatch):
    posts = _batch(tmp_path)
    calls, fsyncs = [], []
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: calls.append(fd) or 0)
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))
    errors = atomic.write_files([(p, FIXED, p.stat(), NEEDS_FIX) for p in posts])
    assert errors == [None] * len(posts)
    assert len(calls) == 1  # one file system
    assert len(fsyncs) == 2  # the two folders, once each, after the renames
    assert all(p.read_bytes() == FIXED for p in posts)
    assert [stat.S_IMODE(p.stat().st_mode) for p in posts] == [0o604, 0o640] * 3
    assert _temps(tmp_path) == []


def test_a_batch_without_syncfs_fsyncs_each_file(tmp_path, monkeypatch):
    posts = _batch(tmp_path)
    real_fsync, fsyncs = os.fsync, []
    monkeypatch.setattr(atomic, "_syncfs", lambda: None)
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd) or real_fsync(fd))
    assert atomic.write_files([(p, FIXED, p.stat(), NEEDS_FIX) for p in posts]) == [None] * len(posts)
    assert len(fsyncs) == len(posts) + 2 and all(p.read_bytes() == FIXED for p in posts)


def test_a_failed_flush_writes_nothing(tmp_path, monkeypatch):
    posts = _batch(tmp_path)
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: -1)
    errors = atomic.write_files([(p, FIXED, p.stat(), NEEDS_FIX) for p in posts])
    assert all(isinstance(e, OSError) for e in errors)
    assert all(p.read_bytes() == NEEDS_FIX for p in posts) and _temps(tmp_path) == []


def test_a_file_changed_while_its_batch_is_flushed_is_left_alone(tmp_path, monkeypatch):
    posts = _batch(tmp_path)
    writes = [(p, FIXED, p.stat(), NEEDS_FIX) for p in posts]
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: 0)  # the batch path, wherever the tests run
    real_flush = atomic._flush

    def racing_flush(files, syncfs):
        real_flush(files, syncfs)
        posts[2].write_bytes(b"---\ntitle: new scrape\n---\n")

    monkeypatch.setattr(atomic, "_flush", racing_flush)
    errors = atomic.write_files(writes)
    assert [type(e).__name__ if e else None for e in errors] == [None, None, "WriteRefused", None, None, None]
    assert posts[2].read_bytes() == b"---\ntitle: new scrape\n---\n"
    assert all(p.read_bytes() == FIXED for i, p in enumerate(posts) if i != 2) and _temps(tmp_path) == []


def test_fix_reports_a_file_it_could_not_write_and_writes_the_others(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    posts = _batch(tmp_path)
    os.chmod(posts[3], 0o444)
    assert check("--fix", "--no-cache", ".") == 1
    assert "read-only" in capsys.readouterr().err
    assert [p.read_bytes() == FIXED for p in posts] == [True, True, True, False, True, True]


def test_python_m_never_loads_plugins_from_the_folder_being_linted(tmp_path):
    """`python -m linter` puts the working folder on sys.path: a planted `*.dist-info` there
    would make the entry-point scan import a module of the folder being linted."""
    dist = tmp_path / "x-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[newslint.rules]\nx = xmod\n")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: x\nVersion: 1.0\n")
    (tmp_path / "xmod.py").write_text(PLUGIN.replace("ZZZ001", "ZZZ002"))
    (tmp_path / "post.md").write_bytes(FIXED)
    for args in (["check", "--no-cache", "--select", "published-not-boolean", "."], ["rules"]):
        proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
        assert not (tmp_path / "IMPORTED").exists(), "python -m linter imported a module of the linted folder"
        assert proc.returncode == 0, proc.stderr


def test_a_file_named_through_a_symlinked_folder_that_leads_out_is_not_fixed(tmp_path):
    """`check --fix posts/*.md` where `posts -> ../outside`: every component of the path is
    resolved, not only the last; naming the real path is how to fix such a file."""
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "x.md").write_bytes(NEEDS_FIX)
    (outside / "sub" / "y.md").write_bytes(NEEDS_FIX)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "posts").symlink_to(outside, target_is_directory=True)
    (tree / "own.md").write_bytes(NEEDS_FIX)
    for named in (["posts/x.md"], ["posts/sub"], ["posts/sub/y.md", "own.md"]):
        proc = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "--fix", *named], cwd=tree,
                              capture_output=True, text=True, timeout=120)
        assert "symlink leading out of the tree; not followed" in proc.stderr, proc.stderr
    assert (outside / "x.md").read_bytes() == NEEDS_FIX and (outside / "sub" / "y.md").read_bytes() == NEEDS_FIX
    assert (tree / "own.md").read_bytes() == FIXED
    # Named by its real path (the user's say-so), it is fixed.
    assert cli.main(["check", "--no-cache", "--fix", str(outside / "x.md")]) in (0, 1)
    assert (outside / "x.md").read_bytes() == FIXED


@pytest.mark.parametrize("text, rule, after", [
    # A tag keeps the value a string whatever its text: no edit of the text can fix it.
    ('---\ntitle: x\npublished: !!str "false"\n---\n', "published-not-boolean", None),
    # A safe fix that would leave a field empty is not safe: only --unsafe-fixes applies it.
    ('---\ntitle: x\noriginalUrl: "?utm_source=b"\n---\n', "url-tracking-params", '---\ntitle: x\noriginalUrl: ""\n---\n'),
    ("---\ntitle: '  '\n---\n", "whitespace", "---\ntitle: ''\n---\n"),
])
def test_a_fix_that_would_do_nothing_or_empty_a_field_is_not_safe(text, rule, after):
    findings = [f for f in lint(text, select=[rule]) if f.rule == rule]
    assert findings and all(f.fix is None or f.fix.applicability == "unsafe" for f in findings)
    assert fix(text, select=[rule]) == text
    assert fix(text, select=[rule], unsafe=True) == (after or text)


def test_an_entity_title_is_decoded_but_never_emptied_by_safe_fixes():
    text = '---\ntitle: "&#8203;"\n---\n'
    assert fix(text, select=["ALL"]) == '---\ntitle: "\u200b"\n---\n'  # decoded; the whitespace fix would empty it
    assert fix(text, select=["ALL"], unsafe=True) == '---\ntitle: ""\n---\n'


NOOP_FIX_RULE = '''
"""Reports every title and offers a fix that rewrites it as the same string (a test rule)."""
from linter.model import Report
from linter.yamledit import double_quoted, fix
from linter.model import Edit
CODE = "ZZZ003"
NAME = "noop-fix-test"
SEVERITY = "warning"
FIX = "always"
def check(doc, options):
    node = doc.nodes.get("/title")
    if node is not None:
        start, end = doc.fm_start + node.start_mark.index, doc.fm_start + node.end_mark.index
        yield Report("title", pointer="/title", fix=fix("safe", "requote", Edit(start, end, double_quoted(node.value))))
'''


def test_a_fix_whose_finding_stays_is_neither_applied_nor_counted(tmp_path):
    """A fix counts only if its finding is gone; a pass of fixes that change nothing about the
    value they were made for is not kept (the file is not rewritten for nothing)."""
    from linter import config as cfg
    from linter import registry
    from linter.engine import Linter

    (tmp_path / "noop.py").write_text(NOOP_FIX_RULE)
    settings = cfg.resolve(cfg.from_dict({"select": ["ZZZ003"]}, tmp_path), registry.load([tmp_path / "noop.py"]))
    raw = b"---\ntitle: plain\n---\n"
    outcome = fixer.fix_document(Linter(settings), raw, "p.md", "p.md")
    assert outcome.applied == [] and outcome.text == raw.decode()
    assert [f.rule for f in outcome.result.findings] == ["noop-fix-test"]


def test_a_value_with_a_line_break_only_yaml_knows_is_not_refolded_into_broken_yaml():
    """U+0085 (NEL) breaks a line for YAML but not for Python's str.split("\\n"): the folding of a
    fixed multi-line value must not crash on it (found by the property tests)."""
    from helpers import settings
    from linter.engine import Linter

    raw = ("\ufeff---\n{title: '', related: [{title: '', date: '2023-03-14T09:30:00Z', publishedDateTime:"
           " '2023-03-14T09:30:00Z', type: article, excerpt: '\u0085        '}]}\n---\n\n").encode()
    findings = Linter(settings(["ALL"])).lint_bytes(raw, "p.md", "p.md")[1].findings
    assert not [f for f in findings if f.rule == "internal-error"]
