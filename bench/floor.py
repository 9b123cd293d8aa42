#!/usr/bin/env python3
"""The floor: read each file, split the front matter, yaml.compose it with libyaml. Nothing else,
one process. Every newslint figure is a ratio to this."""

import os
import sys

import yaml

Loader = yaml.CSafeLoader


def bodies(top: str):
    """Read every .md file below `top`, compose its front matter with libyaml, and yield its body."""
    for dirpath, _, names in os.walk(top):
        for name in names:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(dirpath, name), "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            body = text
            if text.startswith("---"):
                end = text.find("\n---", 3)
                if end > 0:
                    try:
                        yaml.compose(text[4:end], Loader=Loader)
                    except yaml.YAMLError:
                        pass
                    body = text[end + 4 :]
            yield body


def main(top: str) -> None:
    print(sum(1 for _ in bodies(top)), "files")


if __name__ == "__main__":
    main(sys.argv[1])
