"""A relative URL where an absolute one is required.

News articles are copied into feeds, apps and other sites, where a site-relative image such as
`/assets/images/logo.png` no longer resolves: every URL field of the `news-article` profile
must be absolute. Blog posts (profile `blog-post`) are rendered by their own site, so their
relative images (`image: /images/blog/03.jpg`) are fine and not reported, unless `base-url` is
set: setting it says "these files must carry absolute URLs" for every profile.

Options:
- `base-url`: the site's URL including its base path, e.g. `https://example.org/blog`. When set,
  the rule also reports blog posts and offers a safe fix: site-relative paths are joined the
  Jekyll `relative_url` way (`https://example.org/blog` + `/images/a.jpg` ->
  `https://example.org/blog/images/a.jpg`), other relative paths resolve against
  `base-url` + `/`, and scheme-relative URLs (`//cdn.example.com/a.jpg`) take its scheme.

Without `base-url`, a site-relative path (`/assets/images/logo.png`) in a news article is shown
at `info` (confidence 0.5): it resolves on the site that renders the file (Jekyll serves it, and
older layouts of the format wrote provider logos that way), only not where the article is copied.
Other relative and scheme-relative URLs stay warnings.
"""

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules.urls._common import RELATIVE, SCHEME_RELATIVE, absolute, classify, field_name, show, url_fields

CODE = "URL002"
NAME = "url-relative"
SUPERSEDES = ("schema-violation",)  # one defect, one finding
SEVERITY = "warning"
FIX = "sometimes"
OPTIONS = {"base-url": ""}
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry"\n'
    'provider:\n  name: Example News\n  domain: example.com\n  images:\n'
    '    - url: "/assets/images/organizations/example.com-50x50.jpg"\n---\n'
)
SITE_LOCAL = 0.5  # a site-relative path without base-url: resolves on the site itself (shown at info)

GOOD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry"\n'
    'provider:\n  name: Example News\n  domain: example.com\n  images:\n'
    '    - url: "https://news.example.org/assets/images/organizations/example.com-50x50.jpg"\n---\n'
)


def check(doc, options):
    base = str(options.get("base-url") or "").strip()
    if doc.profile == "blog-post" and not base:
        return
    for ptr, key, value in url_fields(doc):
        kind = classify(value)[0]
        if kind not in (RELATIVE, SCHEME_RELATIVE):
            continue
        what = "is scheme-relative" if kind == SCHEME_RELATIVE else "is relative"
        target = absolute(base, value)
        if target is None:
            site_local = kind == RELATIVE and value.startswith("/")
            hint = "; set the rule's base-url option to fix it" if not base else ""
            yield Report(f"{field_name(ptr)}: {show(value)} {what}; an absolute URL is required{hint}", pointer=ptr,
                         confidence=SITE_LOCAL if site_local else None)
            continue
        yield Report(
            f"{field_name(ptr)}: {show(value)} {what}; an absolute URL is required",
            pointer=ptr,
            fix=fix("safe", f"write {show(target)}", replace_value(doc, ptr, target)),
        )
