"""examples/plugin, installed as a plugin author would install it: into a fresh virtual
environment beside newslint, without the network. Listed by `newslint rules`, its repository
rule reports at the right line and column, its bad option value is refused at load."""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "plugin"


@pytest.fixture(scope="module")
def python(tmp_path_factory) -> Path:
    """A fresh venv's python with the example installed; newslint (and the build backend) come
    from the environment running the tests, as system site packages would."""
    root = tmp_path_factory.mktemp("plugin")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    py = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    here = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    outer = [p for p in site.getsitepackages() + [site.getusersitepackages()] if Path(p).is_dir()]
    Path(here, "outer-environment.pth").write_text(
        "import site; " + "; ".join(f"site.addsitedir({p!r})" for p in outer) + "\n", encoding="utf-8")
    source = root / "src"
    shutil.copytree(EXAMPLE, source)  # the build writes beside the sources: not into the repository
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    str(source)], check=True, cwd=root)
    return py


def newslint(python: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "linter", *args], cwd=folder, capture_output=True, text=True)


def test_the_plugins_rules_are_listed(python, tmp_path):
    out = newslint(python, tmp_path, "rules").stdout
    assert "ACME001" in out and "title-all-caps" in out and "ACME002" in out and "shared-excerpt" in out
    assert "DT003" in out  # beside the built-in rules


def test_its_rules_report_at_the_right_line_and_column(python, tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "HARBOUR SEALS RETURN"\nexcerpt: "Read more on our site."\n---\n',
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\n# scraped\n\ntitle: Seals\nexcerpt:   Read more on\n  our site.\n---\n",
                                   encoding="utf-8")
    (tmp_path / "c.md").write_text('---\ntitle: Seals\nexcerpt: "Seals came back."\n---\n', encoding="utf-8")
    run = newslint(python, tmp_path, "check", "--no-cache", "--format", "json", "--select", "ACME", ".")
    assert run.returncode == 1, run.stderr
    found = [(f["path"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"], f["pointer"])
             for f in json.loads(run.stdout)["findings"]]
    assert found == [
        ("a.md", "ACME001", 2, 8, 2, 30, "/title"),
        ("a.md", "ACME002", 3, 10, 3, 34, "/excerpt"),
        ("b.md", "ACME002", 5, 12, 6, 12, "/excerpt"),
    ]


def test_a_bad_option_value_exits_2_with_one_line(python, tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "Seals"\n---\n', encoding="utf-8")
    (tmp_path / ".newslint.toml").write_text("[rules.shared-excerpt]\nmin-files = 1\n", encoding="utf-8")
    run = newslint(python, tmp_path, "check", "--no-cache", ".")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        f"newslint: error: {tmp_path / '.newslint.toml'}: rule shared-excerpt option min-files: "
        "expected an integer of at least 2, got 1"]
