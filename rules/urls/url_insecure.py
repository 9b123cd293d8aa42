"""A URL uses plain `http://` where the repository links the same host over `https://`.

Pages served over https block or warn about `http://` images (mixed content), and links to
`http://` pages leak readers' traffic. But whether a host serves https at all cannot be known
from the text, and an old site that links everything over http has a convention, not a defect
in every file. This repository-wide rule therefore judges each `http://` URL against the
repository's own links:

- the same host (ignoring `www.`) is linked over https elsewhere in the repository (so it
  serves https), and more often than over http: this link is an outlier; reported at warning
  severity;
- the same host is linked over https, but as often over http or more (http is the repository's
  habit for that host): reported at `info` (confidence 0.5);
- the host is never linked over https: nothing is known about it. Reported at `info` only when
  the repository links 80% or more (and at least four) of all its URLs over https, else nothing.

A one-file run (pre-commit without the project's cache) judges with that file's own links (an
`http://` image on the host its `webUrl` links over https is still a warning). No fix: a repository rule cannot rewrite the file, and the host may not serve
the same path over https; write `https://` where the finding says the host has it.

Options:
- `ignore-hosts`: hosts (or parent domains) where `http://` is accepted, e.g. `["localhost"]`.
"""

from __future__ import annotations

from collections import Counter

from linter.model import Report
from rules._convention import UNSURE, outlier_confidence
from rules.crossfile._common import fingerprint, span_list, to_span
from rules.urls._common import OK, classify, field_name, show, url_fields
from rules.urls.normalize import host_of

CODE = "URL003"
NAME = "url-insecure"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {"ignore-hosts": []}

_POST = '---\ntitle: "{title}"\nwebUrl: "https://example.com/{slug}"\nimages:\n  - url: "{scheme}://cdn.example.com/2022/07/{slug}.jpg"\n---\n'
BAD = {f"{slug}.md": _POST.format(title=f"Story {slug}", slug=slug, scheme="https") for slug in ("a", "b", "c", "d")}
BAD["laundry.md"] = _POST.format(title="Robots learn to fold laundry", slug="laundry", scheme="http")
GOOD = {**BAD, "laundry.md": _POST.format(title="Robots learn to fold laundry", slug="laundry", scheme="https")}


def _site(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def collect(doc, options):
    """[{host: its https URLs}, [[host, pointer, URL, line, column, end line, end column], ...]]
    or None."""
    secure: dict[str, int] = {}
    plain = []
    for ptr, _, value in url_fields(doc):
        scheme = value[:8].lower()
        if not scheme.startswith(("http://", "https://")) or classify(value)[0] != OK:
            continue
        host = _site(host_of(value) or "")
        if scheme == "https://":
            secure[host] = secure.get(host, 0) + 1
        else:
            plain.append([host, ptr, value, *(span_list(doc, ptr) or [1, 1, 1, 1])])
    return [secure, plain] if secure or plain else None


def _ignored(host, ignore):
    return any(host == h or host.endswith("." + h) for h in ignore)


def report(facts_by_path, options):
    ignore = [_site(str(h).lower().strip(".")) for h in options.get("ignore-hosts") or ()]
    secure: Counter = Counter()  # host -> its https URLs
    plain: Counter = Counter()  # host -> its http URLs
    entries: list[tuple[str, list]] = []
    for path, facts in facts_by_path.items():
        if not (isinstance(facts, list) and len(facts) == 2 and isinstance(facts[0], dict) and isinstance(facts[1], list)):
            continue
        secure.update({h: n for h, n in facts[0].items() if isinstance(n, int)})
        for entry in facts[1]:
            if isinstance(entry, list) and len(entry) == 7 and isinstance(entry[0], str) and isinstance(entry[2], str):
                plain[entry[0]] += 1
                entries.append((path, entry))
    repository = outlier_confidence(sum(secure.values()), sum(plain.values()))
    for path, (host, ptr, value, *span) in entries:
        if ignore and _ignored(host, ignore):
            continue
        if secure[host]:
            confidence = 1.0 if secure[host] > plain[host] else UNSURE
            why = f"this repository links {host} over https:// {_times(secure[host])} (over http:// {_times(plain[host])}); use https://"
        else:
            confidence = UNSURE if repository >= 1 else 0.0
            why = f"this repository links most hosts over https://, but never {host}; check whether it serves https://"
        if confidence:
            yield path, Report(f"{field_name(ptr)}: {show(value)} uses http://; {why}", pointer=ptr, span=to_span(span),
                               fingerprint=fingerprint(value), confidence=None if confidence >= 1 else confidence)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
