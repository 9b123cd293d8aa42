"""The HTML report in a real browser: headless Chromium loads the page without errors, and its
charts, tables and per-file finding lists are in the document it built. `.ci/run` installs
Debian's `chromium` when it is missing; outside CI the test is skipped only when no browser can
be had, under CI (CI=true) it must run."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from linter.cli import main

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")


def browser() -> str:
    found = next((path for path in map(shutil.which, BROWSERS) if path), None)
    if found is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail("no Chromium under CI: .ci/run installs Debian's chromium (apt-get install chromium)")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    return found


def test_report_loads_in_headless_chromium(tmp_path, monkeypatch, capsys):
    chromium = browser()
    news = tmp_path / "news"
    news.mkdir()
    for n in range(12):
        (news / f"2021-0{n % 9 + 1}-0{n % 9 + 1}-s{n}.md").write_text(
            f'---\ntitle: "Story {n} &amp; more"\npublishedDateTime: 2021-0{n % 9 + 1}-01T08:00:00Z\n'
            f'published: "yes"\nprovider:\n  domain: site{n % 3}.example\n---\nBody.\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "news", "--no-cache", "-o", "report.html"]) == 0
    profile = tmp_path / "profile"  # a fresh profile: nothing of the machine's own browser
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--dump-dom", (tmp_path / "report.html").as_uri()],
        capture_output=True, text=True, timeout=180,
    )
    dom = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Uncaught" not in done.stderr and ":CONSOLE(" not in done.stderr  # no script error
    assert dom.count('<svg class="chart"') >= 4  # rules, severity, months, providers
    for section in ("by-rule", "by-severity", "by-month", "by-provider", "fixes", "top-files", "rules"):
        assert f'id="{section}"' in dom
    assert dom.count("<details>") == 12 and "<h3>Busiest months</h3>" in dom
    assert '<a href="news/2021-01-01-s0.md">' in dom
    assert "<h5>What it does</h5>" in dom  # the rules' docs rendered from Markdown
