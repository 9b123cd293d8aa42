"""A short, seeded run of the atheris fuzz target (fuzz/fuzz_lint.py) over the seed corpus, so a
crash the fuzzer would find quickly fails CI. Skipped where atheris is not installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_seeded_fuzz_run_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    seeds = tmp_path / "seeds"
    subprocess.run([sys.executable, str(REPO / "fuzz" / "make_seeds.py"), str(seeds)], check=True, capture_output=True)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    proc = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "fuzz_lint.py"), "-runs=3000", "-seed=1", "-max_len=4096",
         f"-artifact_prefix={tmp_path}/", str(corpus), str(seeds)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    crashes = sorted(p.name for p in tmp_path.glob("crash-*"))
    assert proc.returncode == 0 and not crashes, (crashes, proc.stderr[-4000:])
