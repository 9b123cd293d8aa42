"""The front matter does not match its JSON Schema.

Each file is checked against the schema configured for it under `[tool.newslint.schemas]` (a glob
mapped to a built-in schema name or to a JSON Schema file), or else the built-in one that fits its
shape: `news-article` for scraped news items (they have `publishedDateTime`, `webUrl` or
`originalUrl`), `blog-post` for Hugo/Jekyll posts. Schemas are JSON Schema draft 2020-12, with
`format` checked (an impossible date such as `2021-02-30T10:00:00Z` is not a valid date-time).

Each error is reported at the offending value, in plain words (`quality: "high" is not an
integer`), or at the enclosing object for a missing key (`missing required key 'title'`), or at
the key itself for a key a closed object does not allow. See docs/schemas.md for what the
built-in schemas require.

The work is bounded whatever the data: `uniqueItems` is checked in one pass over the list, and a
`pattern` from a custom schema is searched with a timeout of 0.25 s per value (a pattern that
backtracks catastrophically is reported on the value as not checked, rather than hanging the run).
"""

CODE = "SC001"
NAME = "schema-violation"
SEVERITY = "error"
FIX = "never"
BAD = (
    '---\ncategory: news\ntitle: "A headline"\nexcerpt: "What happened."\n'
    'publishedDateTime: 2021-02-30T10:00:00Z\nwebUrl: "https://example.com/a-headline"\ntype: article\n'
    "provider:\n  name: Example News\n  domain: example.com\n---\n"
)
GOOD = (
    '---\ncategory: news\ntitle: "A headline"\nexcerpt: "What happened."\n'
    'publishedDateTime: 2021-02-28T10:00:00Z\nwebUrl: "https://example.com/a-headline"\ntype: article\n'
    "provider:\n  name: Example News\n  domain: example.com\n---\n"
)


def check(doc, options):
    if doc.schema is None or not isinstance(doc.data, dict):
        return ()
    return doc.schema.validate(doc)
