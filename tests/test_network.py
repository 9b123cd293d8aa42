"""Guarantee 3: no network. Every CLI path runs in a subprocess whose sockets are disabled (a
`sitecustomize` on PYTHONPATH, so worker processes inherit it); any attempt to resolve a name or
open an internet socket is logged and fails. The test fails if anything tried."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

SITECUSTOMIZE = r'''
import os, socket

_LOG = os.environ["NEWSLINT_NET_LOG"]


def _denied(what):
    def deny(*args, **kwargs):
        with open(_LOG, "a") as fh:
            fh.write(f"{os.getpid()} {what} {args[:2]!r}\n")
        raise OSError(101, f"network disabled in tests ({what})")
    return deny


_RealSocket = socket.socket


class _GuardedSocket(_RealSocket):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _denied("connect")(address)
        return super().connect(address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _denied("connect_ex")(address)
        return super().connect_ex(address)

    def sendto(self, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _denied("sendto")(*args)
        return super().sendto(*args)


socket.socket = _GuardedSocket
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
    setattr(socket, _name, _denied(_name))
'''

ARTICLE = (
    "---\n"
    'title: "Robots learn to fold laundry &amp; towels"\n'
    'excerpt: "A lab in Ohio shows a robot folding shirts."\n'
    "publishedDateTime: 2023-03-14T09:30:00Z\n"
    'webUrl: "http://news.example.org/robots-fold-laundry?utm_source=feed"\n'
    'originalUrl: "https://news.example.org/robots-fold-laundry"\n'
    'ampWebUrl: "https://news.example.org/robots-fold-laundry/amp"\n'
    'cdnAmpWebUrl: "https://news-example-org.cdn.ampproject.org/c/s/news.example.org/robots-fold-laundry/amp"\n'
    "type: article\nquality: 71\nheat: 12\npublished: \"false\"\n"
    "provider:\n  name: Example News\n  domain: example.com\n"
    "topics:\n  - AI\n  - Robotics\n"
    "images:\n  - url: \"/images/robot.jpg\"\n    width: 640\n    height: 360\n"
    "related:\n"
    '  - title: "Robots learn to fold laundry &amp; towels"\n'
    "    publishedDateTime: 2023-03-15T10:00:00Z\n"
    '    webUrl: "https://other.example.net/story"\n'
    "---\n"
    "A robot folded towels. See [the paper](https://arxiv.example.org/abs/1234) and "
    "<a href=\"https://www.example.com/\">this</a>.\n"
)


@pytest.fixture()
def offline(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "net.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
               NEWSLINT_NET_LOG=str(log), NO_PROXY="*", HTTP_PROXY="http://192.0.2.1:9", HTTPS_PROXY="http://192.0.2.1:9")
    work = tmp_path / "work"
    (work / "_news").mkdir(parents=True)
    (work / "_news" / "2023-03-14-robots-fold-laundry.md").write_text(ARTICLE)
    (work / "_news" / "2023-03-15-robots-fold-laundry-again.md").write_text(ARTICLE.replace("folding shirts", "folding socks"))
    (work / "_posts").mkdir()
    (work / "_posts" / "2020-01-02-hello.md").write_text("---\nlayout: post\ntitle: Hello\ndate: 2020-01-02\n---\nHi\n")

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
        return proc

    run.log = log
    run.work = work
    return run


def test_the_guard_works(offline):
    """Control: the sitecustomize really blocks and logs (else the test below proves nothing)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import socket\ntry:\n socket.create_connection(('192.0.2.1', 80), 1)\nexcept OSError as e: print(e)"],
        env=dict(os.environ, PYTHONPATH=str(offline.log.parent / "site"), NEWSLINT_NET_LOG=str(offline.log)),
        capture_output=True, text=True, timeout=60,
    )
    assert "network disabled" in probe.stdout
    assert offline.log.read_text()
    offline.log.unlink()


def test_every_cli_path_runs_without_the_network(offline):
    from linter.reporters import REPORTERS

    results = []
    for fmt in sorted(REPORTERS):
        results.append(offline("check", "--select", "ALL", "--no-cache", "--exit-zero", "--format", fmt, "."))
    results.append(offline("check", "--select", "ALL", "--no-cache", "--statistics", "--exit-zero", "."))
    results.append(offline("check", "--select", "ALL", "--no-cache", "--show-source", "--show-fixes", "--exit-zero", "."))
    results.append(offline("check", "--select", "ALL", "--diff", "--unsafe-fixes", "."))
    results.append(offline("check", "--select", "ALL", "--fix", "--unsafe-fixes", "--exit-zero", "."))
    results.append(offline("check", "--select", "ALL", "--exit-zero", "."))  # with the cache
    results.append(offline("check", "--select", "ALL", "--exit-zero", "."))  # from the cache
    results.append(offline("check", "--select", "ALL", "--jobs", "2", "--no-cache", "--exit-zero", "."))
    results.append(offline("report", "--select", "ALL", "--output", "report.html", "."))
    results.append(offline("clean"))
    rules = offline("rules")
    results.append(rules)
    for line in rules.stdout.splitlines():
        name = line.split()[1] if len(line.split()) > 1 else None
        if name and name[0].islower():
            results.append(offline("rule", name))
    for proc in results:
        assert proc.returncode in (0, 1), (proc.args, proc.returncode, proc.stderr[-2000:])
    assert not offline.log.exists(), "network attempts:\n" + offline.log.read_text()
    report = json.loads(offline("check", "--select", "ALL", "--no-cache", "--format", "json", "--exit-zero", ".").stdout)
    assert report["summary"]["files"] == 3
