"""The front matter does not match its JSON Schema.

Each file is checked against the schema configured for it under `[tool.newslint.schemas]`, or the
built-in one that fits its shape: `news-article` for scraped news items (they have
`publishedDateTime`, `webUrl` or `originalUrl`), `blog-post` for Hugo/Jekyll posts. Each error is
reported at the offending value, or at the enclosing object for a missing key.
"""

CODE = "SC001"
NAME = "schema-violation"
SEVERITY = "error"
FIX = "never"
BAD = '---\ncategory: news\ntitle: "A headline"\npublishedDateTime: 2021-02-30T10:00:00Z\nwebUrl: "https://example.com/a-headline"\ntype: article\n---\n'
GOOD = '---\ncategory: news\ntitle: "A headline"\npublishedDateTime: 2021-02-28T10:00:00Z\nwebUrl: "https://example.com/a-headline"\ntype: article\n---\n'


def check(doc, options):
    if doc.schema is None or not isinstance(doc.data, dict):
        return ()
    return doc.schema.validate(doc)
