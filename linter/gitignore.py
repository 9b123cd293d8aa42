"""What git ignores, so that discovery skips it (as Ruff does; `--no-respect-gitignore` turns it
off). The patterns are read by `pathspec`, a full implementation of gitignore's rules (negation,
anchoring, `**`, folder-only patterns): `.gitignore` files in the folders walked, in the folders
above them up to the work tree's root, and the repository's `.git/info/exclude`. A deeper file's
decision wins over a shallower one's, as in git. Files and folders named on the command line are
linted even when ignored (what lies inside a named folder is judged entry by entry); git's global
excludes file (`core.excludesFile`) is not read."""

from __future__ import annotations

import os
import re

Rules = tuple  # of (folder prefix ending in os.sep, _Ignore), shallowest first


_ANY_FOLDER = "^(?:.+/)?"  # how pathspec starts the regex of a pattern without a '/' inside


class _Ignore:
    """One file's patterns. pathspec decides; two regexes screen the entries first, since most
    match no pattern and pathspec tries the patterns one by one (without the screen, 90 ms more
    for a 10,000-file walk under a 10-line .gitignore): the patterns without a '/' inside (`*.log`,
    `_site/`) against the entry's name, the others against its path from the .gitignore's folder.
    Names alone suffice because every folder of the walk was screened itself before it was
    entered (what a pattern matches in a folder above, it matched on that folder)."""

    def __init__(self, spec):
        self.spec = spec
        names, paths = [], []
        for p in spec.patterns:
            source = getattr(getattr(p, "regex", None), "pattern", None)
            if p.include is None or source is None:
                continue
            source = source.replace("(?P<ps_d>", "(?:")
            rest = source[len(_ANY_FOLDER):] if source.startswith(_ANY_FOLDER) else None
            if rest is not None and "/" not in rest.replace("(?:/)", "").replace("[^/]", ""):
                names.append("^" + rest)
            else:
                paths.append(source)
        self.names = _combine(names)
        self.paths = _combine(paths)


def _combine(sources: list[str]):
    if not sources:
        return None
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources))
    except re.error:  # cannot happen with pathspec's regexes; if it did, screen nothing out
        return re.compile("")


def _read(path: str) -> _Ignore | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except (OSError, ValueError):
        return None
    if all(not line.strip() or line.startswith("#") for line in lines):
        return None  # blank and comments only, like the `.git/info/exclude` every `git init` writes
    import pathspec  # only when there is a pattern to read: importing it takes 8 ms

    try:
        return _Ignore(pathspec.GitIgnoreSpec.from_lines(lines))
    except ValueError:
        return None


def _prefix(folder: str) -> str:
    return folder if folder.endswith(os.sep) else folder + os.sep


def above(top: str) -> Rules:
    """The rules that apply inside the folder `top` from the folders above it, up to the work
    tree's root, and the repository's excludes (none outside a git work tree)."""
    chain, in_tree = _chain(top)
    if not in_tree:
        return ()  # not in a work tree: only the .gitignore files of the tree walked count
    rules = []
    exclude = _read(os.path.join(chain[-1], ".git", "info", "exclude"))
    if exclude is not None:
        rules.append((_prefix(chain[-1]), exclude))
    for folder in reversed(chain[1:]):  # `top`'s own file is read when it is walked
        spec = _read(os.path.join(folder, ".gitignore"))
        if spec is not None:
            rules.append((_prefix(folder), spec))
    return tuple(rules)


def _chain(top: str) -> tuple[list[str], bool]:
    """The folders from `top` upward to the work tree's root (to the file system's root outside
    a work tree), and whether it is in one."""
    chain = []
    folder = os.path.normpath(top)
    while True:
        chain.append(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            return chain, True
        parent = os.path.dirname(folder)
        if parent == folder:
            return chain, False
        folder = parent


def consulted(top: str) -> tuple[list[str], list[str]]:
    """What decides `above(top)`: the paths whose presence counts (each folder's `.git` from `top`
    upward to the work tree's root), and the files whose content counts (those folders'
    `.gitignore` files and the repository's excludes)."""
    chain, in_tree = _chain(top)
    exclude = [os.path.join(chain[-1], ".git", "info", "exclude")] if in_tree else []
    return [os.path.join(f, ".git") for f in chain], [os.path.join(f, ".gitignore") for f in chain] + exclude


def enter(folder: str, names, rules: Rules) -> Rules:
    """The rules inside `folder` (whose entries are `names`)."""
    if ".gitignore" in names:
        spec = _read(os.path.join(folder, ".gitignore"))
        if spec is not None:
            return (*rules, (_prefix(folder), spec))
    return rules


def ignored(rules: Rules, abspath: str, name: str, is_dir: bool) -> bool:
    """Whether git ignores the entry `name` at `abspath` (a folder if `is_dir`)."""
    if is_dir:
        name += "/"
    for base, ignore in reversed(rules):
        named = ignore.names is not None and ignore.names.match(name) is not None
        if not (named or ignore.paths is not None) or not abspath.startswith(base):
            continue
        rel = abspath[len(base):].replace(os.sep, "/") + ("/" if is_dir else "")
        if not named and ignore.paths.match(rel) is None:
            continue
        decision = ignore.spec.check_file(rel).include
        if decision is not None:
            return decision
    return False
