"""A URL field does not hold an absolute http(s) URL with a valid host.

Checks `webUrl`, `originalUrl`, `ampWebUrl`, `cdnAmpWebUrl`, every `url` (images, provider
logos) and the blog-post `image`, in the article and in every `related` item. Reported: spaces
or control characters, a missing or misspelt scheme (`www.example.com/a`, `htps//example.com`,
`http:/example.com`), a scheme other than http(s), no host or a host that is not a valid name
(a DNS name with a dot and a plausible top-level domain, or an IP address).

An empty top-level `url` is a page's permalink left unset (Hugo and Jekyll then compute it), not
an invalid URL. Relative URLs (`/images/a.jpg`) are not invalid: `url-relative` reports them where an absolute
URL is required. No fix: the right URL cannot be guessed.
"""

from linter.model import Report
from rules.urlfields import INVALID, classify, field_name, show, url_fields

CODE = "URL001"
NAME = "url-invalid"
SUPERSEDES = ("schema-violation",)  # one defect, one finding
SEVERITY = "error"
FIX = "never"
BAD = '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "htps//example.com/robots-fold-laundry"\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry"\n---\n'


def check(doc, options):
    for ptr, key, value in url_fields(doc):
        kind, reason = classify(value)
        if kind == INVALID:
            yield Report(f"{field_name(ptr)}: {show(value)} {reason}", pointer=ptr)
