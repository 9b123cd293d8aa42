"""A URL uses plain `http://`.

Pages served over https block or warn about `http://` images (mixed content), and links to
`http://` pages leak readers' traffic. Most sites serve the same path over https.

The fix (unsafe: the host may not serve https, check the result) writes `https://` and keeps
the rest of the URL as it was.

Options:
- `ignore-hosts`: hosts (or parent domains) where `http://` is accepted, e.g. `["localhost"]`.
"""

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules.urls._common import OK, classify, field_name, show, url_fields
from rules.urls.normalize import host_of

CODE = "URL003"
NAME = "url-insecure"
SEVERITY = "warning"
FIX = "always"
OPTIONS = {"ignore-hosts": []}
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry"\n'
    'images:\n  - url: "http://cdn.example.com/2022/07/laundry-robot.jpg"\n    width: 800\n---\n'
)
GOOD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry"\n'
    'images:\n  - url: "https://cdn.example.com/2022/07/laundry-robot.jpg"\n    width: 800\n---\n'
)


def _ignored(host, ignore):
    return any(host == h or host.endswith("." + h) for h in ignore)


def check(doc, options):
    ignore = [str(h).lower().strip(".") for h in options.get("ignore-hosts") or ()]
    for ptr, key, value in url_fields(doc):
        if value[:7].lower() != "http://" or classify(value)[0] != OK:
            continue
        if ignore and _ignored(host_of(value) or "", ignore):
            continue
        secure = "https" + value[4:]
        yield Report(
            f"{field_name(ptr)}: {show(value)} uses http://; use https://",
            pointer=ptr,
            fix=fix("unsafe", "write https://", replace_value(doc, ptr, secure)),
        )
