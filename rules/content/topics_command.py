"""`newslint topics learn PATHS -o topics.json`: learn per-label term profiles from labelled files.

The profile (word statistics only, no article text) is what the `topic-mismatch` rule compares a
file's labels with; name it in the rule's `profiles` option to use it instead of, or beside, the
bundled AI-news profile. A command that a rule family adds through the `newslint.commands` entry
point group (see pyproject.toml), as a plugin would.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from linter.errors import UsageError
from rules.content import _profiles

HELP = "learn topic profiles for topic-mismatch from labelled files"
_SUFFIXES = (".md", ".markdown")


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    learn = sub.add_parser("learn", help="build label profiles from labelled Markdown files",
                           description="Build per-label term profiles from the labels of Markdown files.")
    learn.add_argument("paths", nargs="+", help="files or folders of labelled articles")
    learn.add_argument("--output", "-o", metavar="FILE", required=True, help="where to write the profile (JSON)")
    learn.add_argument("--field", action="append", metavar="KEY",
                       help="front-matter key holding the labels (repeatable; default: topics, tags, categories)")
    learn.add_argument("--top", type=int, default=60, help="terms kept per label (default: 60)")
    learn.add_argument("--min-docs", type=int, default=2, help="a term must occur in this many of a label's files (default: 2)")
    show = sub.add_parser("show", help="print a profile's labels and their strongest terms")
    show.add_argument("profile", help="a profile file (default: the bundled one)", nargs="?")
    show.add_argument("--terms", type=int, default=10, help="terms shown per label (default: 10)")


def _files(paths):
    for raw in paths:
        p = Path(raw)
        if p.is_file() or p.exists() and not p.is_dir():  # not a regular file: skipped with a note
            yield p
        elif p.is_dir():
            for folder, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.endswith(_SUFFIXES):
                        yield Path(folder) / name
        else:
            raise UsageError(f"{raw}: no such file or folder")


def run(args) -> int:
    if getattr(args, "action", None) == "learn":
        if args.top < 1 or args.min_docs < 1:
            raise UsageError("--top and --min-docs must be at least 1")
        from linter import document, safeio
        from linter.commands.common import output_path, write_output

        output = output_path(args.output, "--output")  # before reading anything
        fields = tuple(args.field) if args.field else _profiles.LABEL_FIELDS
        files = list(_files(args.paths))

        def docs():
            for f in files:
                try:  # a FIFO would block, a growing file never end: see linter.safeio
                    raw, _ = safeio.read(f, document.DEFAULT_LIMITS.max_file_bytes)
                except OSError as exc:
                    print(f"newslint: skipping {f}: {exc.strerror or exc}", file=sys.stderr)
                    continue
                yield document.parse(raw, str(f))

        profile = _profiles.learn(docs(), fields, args.top, args.min_docs,
                                  source=f"newslint topics learn ({len(files)} files)")
        if not profile["labels"]:
            raise UsageError(f"no file under {', '.join(args.paths)} has labels in {', '.join(fields)}")
        text = json.dumps(profile, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
        write_output(output, text)
        judged = sum(1 for e in profile["labels"].values() if not e["generic"])
        print(f"learnt {len(profile['labels'])} labels ({judged} with term profiles) from "
              f"{profile['documents']} labelled files; wrote {args.output}")
        return 0
    if getattr(args, "action", None) == "show":
        path = args.profile or _profiles.BUNDLED
        try:
            profile = _profiles.load(path)
        except _profiles.ProfileError as exc:
            raise UsageError(str(exc)) from None
        for name, entry in profile["labels"].items():
            if entry.get("generic"):
                print(f"{name} ({entry.get('documents', '?')} files): generic, not judged")
                continue
            terms = ", ".join(list(entry["terms"])[: args.terms])
            print(f"{name} ({entry.get('documents', '?')} files): {terms}")
        return 0
    raise UsageError("usage: newslint topics learn PATHS -o FILE | newslint topics show [FILE]")
