#!/usr/bin/env python3
"""Time newslint against a floor, side by side in one run, alternating, and print the figures.

    python bench/generate_corpus.py ../shared/corpus/* -n 10000 -o /tmp/c10k
    python bench/benchmark.py /tmp/c10k [--repeat 3] [--scale ../shared/corpus/*]

Measured, each as a median over --repeat alternating rounds, with the peak memory of the whole
process tree (workers included) and a ratio to the floor:
  floor         read + split front matter + yaml.compose (libyaml), one process (bench/floor.py)
  uncached      newslint check --no-cache, all default rules
  warm          newslint check with the cache warm
  one file      newslint check on one file just given a new paragraph, the corpus being a git work
                tree (the pre-commit case: cache warm, the file compared with all the others,
                reported alone)
  one file, facts unchanged  the same after an edit no repository rule compares (a line too
                short to be a paragraph): their last findings are reused
  one file alone  the same, in a repository holding only that file (startup and the file's own lint)
  fix           newslint check --fix --no-cache on a copy where a third of the files need a safe fix
  check-jsonschema  (when installed in this interpreter's environment) the news schema alone over
                the same front matter, and one file; the output says whether its ruamel.yaml had
                its C parser (ruamel.yaml.clib), which makes it about three times faster
With --scale SRC...: also 100,000 generated files, uncached, as a ratio to the 10,000-file time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
NEWSLINT = [PY, "-m", "linter"]


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the command's whole process tree. The clock stops when
    the process ends (not at the next sample: that would add up to 10 ms to the short runs)."""
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(0.01)

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, peak / 1024


def count_md(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.md"))


def extract_front_matter(corpus: Path, out: Path) -> list[Path]:
    """Each file's front matter as a .yaml file, for check-jsonschema."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i, p in enumerate(sorted(corpus.rglob("*.md"))):
        text = p.read_text("utf-8", errors="replace")
        end = text.find("\n---", 3)
        if text.startswith("---") and end > 0:
            f = out / f"{i:06}.yaml"
            f.write_text(text[4:end] + "\n", "utf-8")
            files.append(f)
    return files


def edited_one_file(corpus: Path, one: Path, compared: bool = True) -> tuple[float, float]:
    """Time a pre-commit style run on `one` after an edit, as a commit would. `compared`: a new
    paragraph in the body, which the repository rules compare (boilerplate-paragraph), so they
    compare the file with every other one anew; else a line too short to be compared, which
    leaves every file's facts as they were (the repository rules' last findings are reused)."""
    original = one.read_bytes()
    stamp = f"{time.time()}"
    if compared:
        line = f"This paragraph was added for the benchmark run number {stamp} just now."
    else:
        line = f"Edited at {stamp}."
    edited = original + f"\n{line}\n".encode()
    try:
        one.write_bytes(edited)
        return timed([*NEWSLINT, "check", "-q", str(one.relative_to(corpus))], corpus)
    finally:
        one.write_bytes(original)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a folder of generated files (bench/generate_corpus.py)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", nargs="+", metavar="SRC", help="also time 100,000 files generated from SRC folders")
    args = ap.parse_args()
    corpus = args.corpus.resolve()
    n = count_md(corpus)
    one = min(p for p in corpus.rglob("*.md") if p.read_bytes().startswith(b"---"))
    if not (corpus / ".git").exists():  # pre-commit runs in a repository: its root is the project
        subprocess.run(["git", "init", "-q", str(corpus)], check=True)
    tmp = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    alone = tmp / "alone"  # the same file in a repository of its own: startup cost only
    alone.mkdir()
    shutil.copy(one, alone / one.name)
    subprocess.run(["git", "init", "-q", str(alone)], check=True)
    fix_src = tmp / "fix-src"
    sys.path.insert(0, str(HERE))
    from generate_corpus import generate

    generate([str(corpus)], n, fix_src, dirty=1 / 3)
    cj = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=str(Path(PY).parent))
    schema = ROOT / "schemas" / "news-article.schema.json"
    fm_files = extract_front_matter(corpus, tmp / "fm") if cj else []

    # Byte-code as an installed wheel has it (pip compiles on install; an editable install under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start).
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "linter"), str(ROOT / "rules")], check=True)
    subprocess.run([*NEWSLINT, "clean"], cwd=corpus, stderr=subprocess.DEVNULL)
    cases: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.repeat):
        rounds = {
            "floor": lambda: timed([PY, str(HERE / "floor.py"), str(corpus)]),
            "uncached": lambda: timed([*NEWSLINT, "check", "--no-cache", "-q", "--statistics", "."], corpus),
            "warm": lambda: (timed([*NEWSLINT, "check", "-q", "--statistics", "."], corpus), timed([*NEWSLINT, "check", "-q", "--statistics", "."], corpus))[1],
            "one file": lambda: edited_one_file(corpus, one),
            "one file, facts unchanged": lambda: edited_one_file(corpus, one, compared=False),
            "one file alone": lambda: edited_one_file(alone, alone / one.name),
        }
        if cj:
            rounds["check-jsonschema"] = lambda: timed([cj, "--schemafile", str(schema), *map(str, fm_files)])
            rounds["check-jsonschema one file"] = lambda: timed([cj, "--schemafile", str(schema), str(fm_files[0])])
        for name, fn in rounds.items():
            cases.setdefault(name, []).append(fn())
        work = tmp / "fix-work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(fix_src, work)
        os.sync()  # else the fix run's first fsyncs would also write the copy out to disk
        cases.setdefault("fix (1/3 need a safe fix)", []).append(timed([*NEWSLINT, "check", "--fix", "--no-cache", "-q", "--statistics", "."], work))

    if args.scale:
        big = tmp / "c100k"
        generate(args.scale, 100_000, big)
        ten = tmp / "c10k"
        generate(args.scale, 10_000, ten)
        t10 = statistics.median(timed([*NEWSLINT, "check", "--no-cache", "-q", "--statistics", "."], ten)[0] for _ in range(args.repeat))
        t100, mem100 = timed([*NEWSLINT, "check", "--no-cache", "-q", "--statistics", "."], big)
        cases["100k files uncached"] = [(t100, mem100)]
        print(f"scale: 10,000 files {t10:.2f} s, 100,000 files {t100:.2f} s: ratio {t100 / t10:.1f}x (target <= 11x)")

    floor = statistics.median(t for t, _ in cases["floor"])
    print(f"\n{n} files, {os.cpu_count()} cores, median of {args.repeat}, Python {sys.version.split()[0]}\n")
    print("| case | median s | files/s | peak MB | x floor |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in cases.items():
        t = statistics.median(r[0] for r in runs)
        mem = max(r[1] for r in runs)
        files = 1 if "one file" in name else (100_000 if "100k" in name else n)
        print(f"| {name} | {t:.3f} | {files / t:,.0f} | {mem:.0f} | {t / floor:.2f} |")
    if cj:
        ratio = statistics.median(t for t, _ in cases["uncached"]) / statistics.median(t for t, _ in cases["check-jsonschema"])
        cj_one = statistics.median(t for t, _ in cases["check-jsonschema one file"])
        ones = ", ".join(f"{name} {statistics.median(t for t, _ in cases[name]) / cj_one:.2f}x"
                         for name in ("one file", "one file, facts unchanged", "one file alone"))
        clib = subprocess.run([PY, "-c", "import _ruamel_yaml"], capture_output=True).returncode == 0
        print(f"\ncheck-jsonschema parsed with ruamel.yaml {'and ruamel.yaml.clib (C)' if clib else 'in pure Python (no ruamel.yaml.clib)'};"
              " run again after `pip install ruamel.yaml.clib` (or uninstalling it) for the other figure")
        print(f"newslint uncached / check-jsonschema: {ratio:.3f} ({1 / ratio:.1f}x faster)")
        print(f"newslint on one file / check-jsonschema on that file: {ones}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
