"""`newslint check --show-settings [PATHS...]`: the effective settings, and the field roles each
layout of the files got (which key filled each role, in how many files). Nothing is linted."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TextIO

from linter import pointer as jp
from linter.config import Settings
from linter.fields import ROLES
from linter.files import Target

_INDEX = re.compile(r"^\d+$")


def show(settings: Settings, targets: list[Target], out: TextIO) -> None:
    _settings(settings, out)
    _found(settings, targets, out)


def _settings(settings: Settings, out: TextIO) -> None:
    config = settings.config
    out.write("Settings\n")
    out.write(f"  configuration: {config.source or '(none: defaults)'}\n")
    out.write(f"  root: {config.root}\n")
    out.write(f"  fail-on: {config.fail_on}\n")
    out.write(f"  include: {', '.join(config.include)}\n")
    out.write(f"  exclude: {', '.join(config.exclude + config.extend_exclude)}\n")
    schemas = ", ".join(f"{glob} = {name}" for glob, name in config.schemas.items())
    out.write(f"  schemas: {schemas or '(none: chosen by the front matter shape)'}\n")
    if settings.per_file_ignores:
        out.write("  per-file-ignores:\n")
        for glob, codes in settings.per_file_ignores:
            out.write(f"    {glob}: {', '.join(sorted(codes))}\n")
    out.write(f"  rules: {len(settings.active)} active\n")
    for active in settings.active:
        spec = active.spec
        changed = {k: v for k, v in active.given.items() if spec.options.get(k) != v}
        extra = f"  {changed}" if changed else ""
        out.write(f"    {spec.code:<7} {spec.name:<26} {active.severity}{extra}\n")
    out.write("Field roles: the keys searched for each role, preferred first ([fields] replaces them)\n")
    for role in ROLES:
        out.write(f"  {role:<17} {', '.join(config.fields.keys[role]) or '(none)'}\n")


def _found(settings: Settings, targets: list[Target], out: TextIO) -> None:
    from linter.engine import Linter

    linter = Linter(settings)
    files: Counter = Counter()  # layout -> files
    keys: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))  # layout -> role -> key -> files
    for target in targets:
        try:
            with open(target.file, "rb") as fh:
                doc = linter.parse(fh.read(), target.relpath)
        except OSError:
            continue
        layout = doc.profile or "(no front matter mapping)"
        files[layout] += 1
        for role in ROLES:
            for key in dict.fromkeys(_dotted(ptr) for ptr, _ in doc.role(role)):
                keys[layout][role][key] += 1
    out.write(f"Field roles found, by layout ({sum(files.values())} files)\n")
    for layout, n in sorted(files.items(), key=lambda kv: -kv[1]):
        out.write(f"  {layout}: {n} file{'s' if n != 1 else ''}\n")
        for role in ROLES:
            found = keys[layout].get(role)
            shown = ", ".join(f"{key} ({count})" for key, count in found.most_common()) if found else "-"
            out.write(f"    {role:<17} {shown}\n")


def _dotted(ptr: str) -> str:
    """`/structured_data/headline` -> `structured_data.headline`; list indexes as `*`."""
    return ".".join("*" if _INDEX.match(t) else t for t in jp.split(ptr))
