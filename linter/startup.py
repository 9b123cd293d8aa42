"""Start-up without the garbage collector walking what start-up makes (see `Startup`)."""

from __future__ import annotations

import gc


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
