"""Shared URL helpers: canonical form for duplicate detection, host checks, tracking parameters.

Used by the URL and related-entry rules and by the cross-file duplicate rules. Pure standard
library (urllib.parse), no network, no public suffix list.

`canonical_url(url)` returns the form two URLs of the same article share, or None when `url` is
not an absolute http(s) URL with a valid host:

- scheme: `http` and `https` both become `https` (the same article either way);
- host: lower-cased, trailing dot removed, a leading `www.` or `amp.` label dropped, default
  ports (80, 443) and user info dropped;
- AMP: AMP-cache URLs (`<enc>.cdn.ampproject.org/c/s/<host>/<path>`, also `/c/`, `/i/s/`,
  `/v/s/`) and Google AMP viewer URLs (`www.google.com/amp/s/<host>/<path>`) become the origin
  URL; a final `/amp` or `/amp/` path segment, an `.amp` or `.amp.html` ending (-> `.html`),
  and AMP query flags (`amp`, `amp=1`,
  `outputType=amp`, `platform=amp`, `view=amp`) are dropped;
- query: tracking parameters (`is_tracking_param`) dropped, the others kept in order; HTML
  entity separators (`&amp;`, `&#038;`) read as `&`;
- path: trailing slashes dropped; fragment dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

# Exact parameter names (compared lower-case) that only track where a click came from.
TRACKING_PARAMS = frozenset({
    # ad and social click ids
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "_ga", "_gl",
    # e-mail campaigns: Mailchimp, HubSpot, Marketo, Eloqua, Informa (`_mc`)
    "mc_cid", "mc_eid", "_mc", "_hsenc", "_hsmi", "mkt_tok", "elqtrackid", "elqtrack", "elq",
    "elqaid", "elqat", "elqcampaignid", "elq_mid", "elq_cid",
    # referral tags (`?ref=hvper.com` in real data) and publisher campaign ids
    "ref", "ref_src", "ref_url", "cmpid", "ocid", "icid", "ncid", "s_cid", "s_kwcid",
    "soc_src", "soc_trk", "sr_share", "__twitter_impression", "vero_id", "rb_clickid",
    "oly_enc_id", "oly_anon_id", "wt.mc_id",
})
# Name prefixes: utm_source, utm_medium...; HubSpot ads; Piwik/Matomo campaigns.
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_")

# The default list as patterns (a trailing `*` matches a prefix), for rule options.
DEFAULT_TRACKING_PATTERNS = tuple(sorted(TRACKING_PARAMS)) + tuple(p + "*" for p in TRACKING_PREFIXES)


def is_tracking_param(name: str, patterns=None) -> bool:
    """True if a query parameter name only tracks the click (case-insensitive).

    `patterns`: an iterable of names, a trailing `*` meaning "starts with"; default the built-in
    list (`TRACKING_PARAMS` and `TRACKING_PREFIXES`)."""
    name = name.strip().lower()
    if patterns is None:
        return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)
    exact, prefixes = _compile_patterns(tuple(patterns))
    return name in exact or (bool(prefixes) and name.startswith(prefixes))


@lru_cache(maxsize=64)
def _compile_patterns(patterns: tuple) -> tuple[frozenset, tuple]:
    exact, prefixes = set(), []
    for p in patterns:
        p = str(p).strip().lower()
        if p.endswith("*"):
            if p[:-1]:
                prefixes.append(p[:-1])
        elif p:
            exact.add(p)
    return frozenset(exact), tuple(prefixes)


# ---- hosts -----------------------------------------------------------------------------------
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_IPV4 = re.compile(r"^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")


@lru_cache(maxsize=4096)
def valid_host(host: str) -> bool:
    """A syntactically valid DNS name with a dot and a plausible TLD (letters, 2-63), or an IP."""
    if not host:
        return False
    host = host.lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        import ipaddress

        try:
            ipaddress.IPv6Address(host[1:-1])
            return True
        except ValueError:
            return False
    if _IPV4.match(host):
        return True
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    if len(host) > 253:
        return False
    labels = host.split(".")
    if len(labels) < 2 or not _TLD.match(labels[-1]):
        return False
    return all(_LABEL.match(label) for label in labels)


_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "mil", "nic", "ltd", "plc", "sch"})


@lru_cache(maxsize=4096)
def site_of(host: str) -> str:
    """A rough registrable domain (no public suffix list): the last two labels, or three when the
    second-level label is a generic one under a country code (`bbc.co.uk`, `abc.net.au`)."""
    host = host.lower().rstrip(".")
    labels = host.split(".")
    if _IPV4.match(host) or len(labels) <= 2:
        return host
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# ---- splitting -------------------------------------------------------------------------------
# An absolute http(s) URL of the everyday shape: a host of ASCII letters, digits, dots and hyphens
# (no user info, port or IPv6 literal), then nothing but printable ASCII without spaces.
_PLAIN_URL = re.compile(r"([Hh][Tt][Tt][Pp][Ss]?)://([A-Za-z0-9.-]+)([/?#][!-~]*)?", re.A)


def split_plain(url: str) -> tuple[str, str, str, str] | None:
    """(scheme, hostname, path, query) exactly as `urlsplit(url)` gives them (lower-cased scheme
    and `.hostname`; `.port` is None) when `url` has the everyday shape, else None (then ask
    urlsplit). On such a URL urlsplit removes nothing, cannot fail, and splits the netloc at the
    first `/`, `?` or `#`, the fragment at the first `#`, then the query at the first `?`."""
    m = _PLAIN_URL.fullmatch(url)
    if m is None:
        return None
    rest = m.group(3)
    if not rest:
        return m.group(1).lower(), m.group(2).lower(), "", ""
    path, _, query = rest.partition("#")[0].partition("?")
    return m.group(1).lower(), m.group(2).lower(), path, query


def host_of(url: str) -> str | None:
    """The lower-cased host of an absolute http(s) URL, or None."""
    if not isinstance(url, str):
        return None
    return _host_of(url)


@lru_cache(maxsize=4096)
def _host_of(url: str) -> str | None:
    plain = split_plain(url.strip())
    if plain is not None:  # an http(s) URL whose host is ASCII, not empty
        return _ascii_host(plain[1].rstrip("."))
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return _ascii_host(host.rstrip("."))


@lru_cache(maxsize=4096)
def _ascii_host(host: str) -> str:
    """An internationalised host in its ASCII (punycode) form, so both spellings compare equal."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


# ---- AMP ---------------------------------------------------------------------------------------
_AMP_CACHE_HOST = ".cdn.ampproject.org"
_AMP_CACHE_PATH = re.compile(r"^/(?:c|i|v|r)/(s/)?(.+)$", re.S)
_GOOGLE_AMP_PATH = re.compile(r"^/amp/(s/)?(.+)$", re.S)
_AMP_QUERY_VALUES = {"outputtype": "amp", "platform": "amp", "view": "amp"}


def amp_cache_url(url: str) -> str | None:
    """The Google AMP-cache URL of an AMP page: `https://<host with - doubled and . as ->`
    `.cdn.ampproject.org/c/s/<host><path>` (`/c/` without `s/` for an http page). None if `url`
    is not an absolute http(s) URL or its host cannot be encoded that simply (IDN, > 63 chars)."""
    if not isinstance(url, str):
        return None
    m = re.match(r"^(https?)://([^/?#]+)(.*)$", url.strip(), re.S | re.I)
    if not m:
        return None
    scheme, netloc, rest = m.group(1).lower(), m.group(2), m.group(3)
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if not host.isascii() or not valid_host(host) or _IPV4.match(host):
        return None
    encoded = host.replace("-", "--").replace(".", "-")
    if len(encoded) > 63:
        return None
    return f"https://{encoded}{_AMP_CACHE_HOST}/c/{'s/' if scheme == 'https' else ''}{netloc}{rest}"


def amp_origin(url: str) -> str | None:
    """The page an AMP-cache or Google AMP viewer URL serves, or None if it is neither."""
    if not _may_be_amp_viewer(url):
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host.endswith(_AMP_CACHE_HOST):
        m = _AMP_CACHE_PATH.match(parts.path)
    elif strip_www(host) in ("google.com",) and parts.path.startswith("/amp/"):
        m = _GOOGLE_AMP_PATH.match(parts.path)
    else:
        return None
    if not m:
        return None
    origin = ("https://" if m.group(1) else "http://") + m.group(2)
    if parts.query:
        origin += "?" + parts.query
    return origin


def _may_be_amp_viewer(url: str) -> bool:
    """A quick necessary condition for `amp_origin`: the text names an AMP cache or Google (its
    host is a part of it, lower-cased alike), or has a character urlsplit removes."""
    low = url.lower()
    return _AMP_CACHE_HOST in low or "google.com" in low or "\t" in url or "\r" in url or "\n" in url


# ---- canonical form --------------------------------------------------------------------------
_ENTITY_AMP = re.compile(r"&(?:amp|#0*38|#x0*26);", re.I)
_SPACE = re.compile(r"\s")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=16384)
def canonical_url(url: str) -> str | None:
    """The canonical form of an absolute http(s) URL (see the module docs), or None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _SPACE.search(url):
        return None
    if "&" in url:
        url = _ENTITY_AMP.sub("&", url)
    for _ in range(3):  # an AMP-cache URL of an AMP-cache URL is absurd, but stay bounded
        origin = amp_origin(url)
        if origin is None:
            break
        url = origin
    plain = split_plain(url)
    if plain is not None:
        scheme, host, path, query = plain
        port = None
    else:
        try:
            parts = urlsplit(url)
            host = parts.hostname
            port = parts.port
        except ValueError:
            return None
        scheme, path, query = parts.scheme.lower(), parts.path, parts.query
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    host = _ascii_host(host.rstrip("."))
    if not valid_host(host):
        return None
    if host.startswith("www.") or host.startswith("amp."):
        host = host[4:]
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = path.rstrip("/")
    lower = path.lower()
    if lower.endswith("/amp"):
        path = path[:-4].rstrip("/")
    elif lower.endswith(".amp.html"):
        path = path[:-9] + ".html"
    elif lower.endswith(".amp"):
        path = path[:-4]
    kept = []
    for pair in query.split("&") if query else ():
        if not pair:
            continue
        name, _, value = pair.partition("=")
        lname = name.lower()
        if is_tracking_param(name) or lname == "amp" or _AMP_QUERY_VALUES.get(lname) == value.lower():
            continue
        kept.append(pair)
    out = f"https://{netloc}{path}"
    if kept:
        out += "?" + "&".join(kept)
    return out
