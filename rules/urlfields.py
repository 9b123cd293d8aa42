"""Which fields hold URLs and how a URL string is classified (URL, related-item and text rules)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from rules._memo import items, per_document
from rules.urls.normalize import split_plain, valid_host

# The roles whose values are URLs (linter.fields), in the article and each `related` item; and
# keys whose string values are URLs wherever they occur (image records, provider logos...).
URL_ROLES = ("canonical-url", "source-url", "amp-url", "image-url")
URL_KEYS = ("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "url", "image")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BAD_SCHEME = re.compile(r"^([A-Za-z]{2,8}):?//")  # `htps//`, `https//`, `http:/x` is handled below
_FILE_EXT = frozenset({"jpg", "jpeg", "png", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff",
                       "html", "htm", "php", "asp", "aspx", "jsp", "md", "pdf", "txt", "xml", "json",
                       "mp4", "mp3", "webm", "mov", "css", "js"})

OK, RELATIVE, SCHEME_RELATIVE, INVALID = "ok", "relative", "scheme-relative", "invalid"


_STR_TAG = "tag:yaml.org,2002:str"
_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SITE_PATH = re.compile(r"/(?!/)[!-~]*", re.A)  # a site-relative path of printable ASCII


def url_fields(doc) -> list[tuple[str, str, str]]:
    """(pointer, key, value) of every string holding a URL, in document order: the values of the
    URL roles of the article and its `related` items, and every string under a URL key. An empty
    value found only by its role is no URL (`main_image: ''`): it is left out; so is an empty
    top-level `url`, a page's own permalink in Hugo and Jekyll, which they then compute.

    Remembered on the document, since seven rules ask for the same list: do not modify it."""
    return per_document(doc, "url_fields", lambda: _url_fields(doc))


def _url_fields(doc) -> list[tuple[str, str, str]]:
    found = {}
    by_key, nodes = doc.by_key, doc.nodes
    for key in URL_KEYS:
        for ptr in by_key.get(key, ()):
            node = nodes.get(ptr)
            if node is not None and node.tag == _STR_TAG and isinstance(node.value, str):
                if node.value == "" and ptr == "/url":
                    continue
                found[ptr] = (node.start_mark.index, ptr, key, node.value)
    for item, _ in items(doc):
        for role in URL_ROLES:
            for ptr, value in doc.role(role, item):
                node = nodes.get(ptr)
                if ptr not in found and value and node is not None and node.tag == _STR_TAG:
                    found[ptr] = (node.start_mark.index, ptr, ptr.rsplit("/", 1)[-1], node.value)
    return [(ptr, key, value) for _, ptr, key, value in sorted(found.values())]


def field_name(ptr: str) -> str:
    """How a message names a field: its key, or `provider.images[0].url` style for nested ones."""
    parts = ptr.strip("/").split("/")
    if parts and parts[0] == "related" and len(parts) > 2:
        parts = parts[2:]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or ptr


def show(value: str, limit: int = 120) -> str:
    """A value quoted for a message, shortened in the middle if very long."""
    if len(value) > limit:
        value = value[: limit - 40] + "…" + value[-39:]
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@lru_cache(maxsize=8192)
def classify(value: str) -> tuple[str, str]:
    """(kind, reason): kind is OK, RELATIVE, SCHEME_RELATIVE or INVALID (reason says why)."""
    plain = split_plain(value)
    if plain is not None:
        # No space or control character, an http(s) scheme followed by `//`, a host urlsplit
        # reads without error: what the general path below decides, without urlsplit.
        host = plain[1]
        return (OK, "") if valid_host(host.rstrip(".")) else (INVALID, f"has an invalid host '{host}'")
    if _SITE_PATH.fullmatch(value):
        # `/images/a.jpg`: no space or control character, no scheme, not `//`: relative below.
        return RELATIVE, ""
    if value == "":
        return INVALID, "is empty"
    if _SPACE.search(value):
        where = "leading or trailing whitespace" if value.strip() and not _SPACE.search(value.strip()) else "a space"
        return INVALID, f"contains {where}"
    if _CONTROL.search(value):
        return INVALID, "contains a control character"
    m = _SCHEME.match(value)
    if m and not value[m.end():].isdigit():  # `host:8080`-less values like `example.com:8080` fall through
        scheme = m.group(1).lower()
        if scheme not in ("http", "https"):
            if "." in scheme and valid_host(scheme):
                return INVALID, "has no scheme (http:// or https://)"
            if scheme in ("htp", "htps", "htttp", "htttps", "hhtp", "hhtps", "http2", "ttp", "ttps"):
                return INVALID, f"has a misspelt scheme '{m.group(1)}:'"
            return INVALID, f"is not an http(s) URL (scheme '{m.group(1)}:')"
        rest = value[m.end():]
        if not rest.startswith("//"):
            return INVALID, f"is missing '//' after '{m.group(0)}'"
        try:
            parts = urlsplit(value)
            host = parts.hostname
            parts.port  # noqa: B018  (raises on a bad port)
        except ValueError as exc:
            return INVALID, f"cannot be parsed ({exc})"
        if not host:
            return INVALID, "has no host"
        if not valid_host(host.rstrip(".")):
            return INVALID, f"has an invalid host '{host}'"
        return OK, ""
    if value.startswith("//"):
        try:
            host = urlsplit("https:" + value).hostname
        except ValueError:
            host = None
        if host and valid_host(host):
            return SCHEME_RELATIVE, ""
        return INVALID, "has no valid host"
    bad = _BAD_SCHEME.match(value)
    if bad:
        return INVALID, f"has a malformed scheme '{value[: bad.end()]}'"
    if value.startswith(("/", "./", "../", "?", "#")):
        return RELATIVE, ""
    first = re.split(r"[/?#]", value, maxsplit=1)[0]
    host = first.rsplit("@", 1)[-1].split(":", 1)[0]
    if "." in host and valid_host(host) and host.rsplit(".", 1)[-1].lower() not in _FILE_EXT:
        return INVALID, "has no scheme (http:// or https://)"
    return RELATIVE, ""


def absolute(base: str, value: str) -> str | None:
    """`value` made absolute against `base` (the site's URL, with its base path), or None.

    Site-relative paths (`/images/a.jpg`) are read the Jekyll way: relative to the site's base
    URL including its path (`relative_url`), so `https://example.org/blog` + `/images/a.jpg`
    gives `https://example.org/blog/images/a.jpg`."""
    if not base or classify(base)[0] != OK:
        return None
    kind = classify(value)[0]
    if kind == SCHEME_RELATIVE:
        return urlsplit(base).scheme + ":" + value
    if kind != RELATIVE:
        return None
    if value.startswith("/"):
        return base.rstrip("/") + value
    return urljoin(base if base.endswith("/") else base + "/", value)
