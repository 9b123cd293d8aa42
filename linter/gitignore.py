"""What git ignores, so that discovery skips it (as Ruff does; `--no-respect-gitignore` turns it
off). The patterns are read by `pathspec`, a full implementation of gitignore's rules (negation,
anchoring, `**`, folder-only patterns): `.gitignore` files in the folders walked, in the folders
above them up to the work tree's root, and the repository's `.git/info/exclude`. A deeper file's
decision wins over a shallower one's, as in git. Files named on the command line are linted even
when ignored; git's global excludes file (`core.excludesFile`) is not read."""

from __future__ import annotations

import os

import pathspec

Rules = tuple  # of (folder prefix ending in os.sep, GitIgnoreSpec), shallowest first


def _read(path: str):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
    except (OSError, ValueError):
        return None


def _prefix(folder: str) -> str:
    return folder if folder.endswith(os.sep) else folder + os.sep


def above(top: str) -> Rules:
    """The rules that apply inside the folder `top` from the folders above it, up to the work
    tree's root, and the repository's excludes (none outside a git work tree)."""
    chain = []  # from `top` upward to the work tree's root
    folder = os.path.normpath(top)
    while True:
        chain.append(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            return ()  # not in a work tree: only the .gitignore files of the tree walked count
        folder = parent
    rules = []
    exclude = _read(os.path.join(chain[-1], ".git", "info", "exclude"))
    if exclude is not None:
        rules.append((_prefix(chain[-1]), exclude))
    for folder in reversed(chain[1:]):  # `top`'s own file is read when it is walked
        spec = _read(os.path.join(folder, ".gitignore"))
        if spec is not None:
            rules.append((_prefix(folder), spec))
    return tuple(rules)


def enter(folder: str, names, rules: Rules) -> Rules:
    """The rules inside `folder` (whose entries are `names`)."""
    if ".gitignore" in names:
        spec = _read(os.path.join(folder, ".gitignore"))
        if spec is not None:
            return (*rules, (_prefix(folder), spec))
    return rules


def ignored(rules: Rules, abspath: str, is_dir: bool) -> bool:
    for base, spec in reversed(rules):
        if not abspath.startswith(base):
            continue
        rel = abspath[len(base):].replace(os.sep, "/") + ("/" if is_dir else "")
        decision = spec.check_file(rel).include
        if decision is not None:
            return decision
    return False
