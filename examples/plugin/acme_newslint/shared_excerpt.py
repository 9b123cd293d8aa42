"""The same excerpt is in several articles.

An excerpt copied onto other articles is usually the site's default description, scraped in
place of the article's own.

`min-files`: how many articles must share an excerpt before each is reported.
"""

from linter.model import Report
from linter.options import Option

CODE = "ACME002"
NAME = "shared-excerpt"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {"min-files": Option(2, low=2, doc="articles that must share an excerpt")}


def collect(doc, options):
    """Per file: the excerpt and where it is. Naming the pointer in the facts is what lets the
    engine place a report at it later (it keeps the position of every pointer the facts name)."""
    excerpt = doc.get("/excerpt")
    if not isinstance(excerpt, str) or not excerpt.strip():
        return None
    return {"at": "/excerpt", "text": " ".join(excerpt.split())}


def report(facts, options):
    """Once, over every file's facts: yields (path, Report) for each file of a shared excerpt."""
    paths_of = {}
    for path, fact in facts.items():
        paths_of.setdefault(fact["text"], []).append(path)
    for paths in paths_of.values():
        if len(paths) >= options["min-files"]:
            for path in paths:
                others = len(paths) - 1
                yield path, Report(f"excerpt is the same in {others} other article{'s' * (others > 1)}",
                                   pointer=facts[path]["at"])
