"""The garbage-collector policy, in one place: start-up without the collector walking what
start-up makes (`Startup`), a run without collections over objects that live until its end
(`collector_paused`, `frozen`), and worker processes that collect seldom (`in_worker`)."""

from __future__ import annotations

import gc
from contextlib import contextmanager

WORKER_GC_THRESHOLD = 20_000  # new objects between two collections in a worker process


class Startup:
    """`with Startup():` around newslint's start-up (imports, the parser, the configuration, the
    rules). It makes some 20,000 container objects that live until the end and frees few, so
    the cyclic garbage collector, which runs every 700 allocations and walks ever more of them,
    finds next to nothing (about 30 collections, 4-5 ms of a one-file run). It is paused instead, and
    what start-up made is frozen (gc.freeze) rather than walked once more by the next
    collection. Outside `main`, nothing is frozen. Called with arguments (from Python code),
    `main` unfreezes it when it returns. Called as the program (no arguments: the `newslint`
    script, `python -m linter`), the process ends when it returns, so it stays frozen: the
    interpreter's collections at exit skip it and do not free it object by object (~10 ms of
    a one-file run; the system takes the memory back at once). A caller that paused the
    collector or froze objects of its own is left as it was."""

    in_main = False  # `main` is running: it decides whether what start-up froze is unfrozen
    frozen = False

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            if Startup.in_main and (Startup.frozen or gc.get_freeze_count() == 0):
                gc.freeze()
                Startup.frozen = True
            gc.enable()


@contextmanager
def collector_paused():
    """The cyclic garbage collector off for the block (then as it was). A run's objects (targets,
    the cache's index and results, each file's result) live until its end, and linting a file
    makes no reference cycles: collections would find nothing. They were not free: the cache's
    index sections, each unpacked by one call, set off collections that walked them all again (27 ms of a
    pre-commit run in a 10,000-file tree, 35 ms of a warm run)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def frozen():
    """What is alive now, frozen out of the garbage collector's walks (gc.freeze) for the block.
    Unfrozen after, unless something was frozen before (by start-up, or by a caller): unfreezing
    would release that too, so it then stays frozen until whoever froze it unfreezes."""
    before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not before:
            gc.unfreeze()


def in_worker() -> None:
    """In a worker process: the collector on (the main process runs without it), run after
    WORKER_GC_THRESHOLD new objects rather than 700: parsing one file makes thousands, all freed
    with it, and collections every 700 walked them over and over (3 to 4% of the workers' CPU time
    on 10,000 files). Whatever cycles a fix makes are still freed."""
    gc.set_threshold(WORKER_GC_THRESHOLD)
    gc.enable()
