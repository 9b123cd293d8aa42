"""Write a small seed corpus for fuzz_lint.py: one file per shape newslint must survive."""

from __future__ import annotations

import sys
from pathlib import Path

ARTICLE = (
    "---\n"
    "title: \"Robots learn to fold laundry\"\n"
    "excerpt: \"A lab shows a robot folding towels &amp; shirts.\"\n"
    "publishedDateTime: 2023-03-14T09:30:00Z\n"
    "webUrl: \"https://news.example.org/robots-fold-laundry\"\n"
    "originalUrl: \"https://news.example.org/robots-fold-laundry\"\n"
    "type: article\n"
    "quality: 71\n"
    "heat: 12\n"
    "published: \"false\"\n"
    "provider:\n"
    "  name: Example News\n"
    "  domain: news.example.org\n"
    "topics:\n"
    "  - Robotics\n"
    "  - AI\n"
    "images:\n"
    "  - url: \"https://img.example.org/a.jpg\"\n"
    "    width: 640\n"
    "    height: 360\n"
    "related:\n"
    "  - title: \"Another story\"\n"
    "    publishedDateTime: 2023-03-15T10:00:00Z\n"
    "    webUrl: \"https://other.example.net/story\"\n"
    "---\n"
    "Body text with a [link](https://example.com) and <b>html</b>.\n"
)

SEEDS = {
    "article.md": ARTICLE.encode(),
    "crlf.md": ARTICLE.replace("\n", "\r\n").encode(),
    "cr.md": ARTICLE.replace("\n", "\r").encode(),
    "bom.md": b"\xef\xbb\xbf" + ARTICLE.encode(),
    "blog.md": b"---\nlayout: post\ntitle: Hello\ndate: 2020-01-02 10:00:00 +0100\ntags: [a, b]\n---\nHi\n",
    "flow.md": b"---\n{title: x, published: 'no', related: [{title: y}]}\n---\n",
    "anchors.md": b"---\na: &a [x, y]\nb: [*a, *a]\nc: &c {k: v}\nd:\n  <<: *c\n---\n",
    "tags.md": b"---\na: !!python/object/apply:os.system ['true']\nb: !custom x\nc: !!binary aGk=\n---\n",
    "block.md": b"---\ntitle: |\n  line one\n  line two\nexcerpt: >-\n  folded\n  text\n---\n",
    "directive.md": b"---\ntitle: x  # newslint: disable=published-not-boolean\npublished: 'yes'\n---\n",
    "dup.md": b"---\ntitle: a\ntitle: b\n? [k]\n: v\n---\n",
    "list.md": b"---\n- a\n- b\n---\n",
    "empty-fm.md": b"---\n---\n",
    "unterminated.md": b"---\ntitle: x\n",
    "no-fm.md": b"# Just markdown\n",
    "utf16.md": "---\ntitle: x\n---\n".encode("utf-16"),
    "bad-utf8.md": b"---\ntitle: caf\xe9\n---\n",
    "nul.md": b"---\ntitle: a\x00b\n---\n",
    "tabs.md": b"---\n\ttitle: x\n---\n",
    # The shapes of issue 20 (a red team's hostile cases), each once a crash, a hang or a bad fix.
    "utc-outside-calendar.md": b"---\nwebUrl: https://e.org/a\npublishedDateTime: 0001-01-01T00:00:00+01:00\n"
                               b"updatedDateTime: 9999-12-31T23:59:59-12:00\n---\n",
    "huge-hex-int.md": b"---\nquality: 0x" + b"f" * 3600 + b"\n---\n",
    "deep-600.md": b"---\ntitle: x\ndeep: " + b"[" * 600 + b"]" * 600 + b"\n---\n",
    "space-run.md": b'---\ntitle: "a' + b" " * 3000 + b'x"\n---\n',
    "truncated-slug.md": ("---\ntitle: " + " ".join(f"abcd{c}{d}ology" for c in "abcdefgh" for d in "abcdefgh")
                          + "\nwebUrl: https://e.org/" + "-".join(f"abcd{c}{d}" for c in "abcdefgh" for d in "abcdefgh")
                          + "\n---\n").encode(),
    "unhashable-topics.md": b"---\nwebUrl: https://e.org/a\ntopics: [" + b", ".join(b"%d" % i for i in range(500))
                            + b", {}, [1], [1]]\n---\n",
    "tagged-false.md": b'---\ntitle: x\npublished: !!str "false"\n---\n',
    "emptied-by-fix.md": b'---\ntitle: "&#8203;"\noriginalUrl: "?utm_source=b"\nexcerpt: "  "\n---\n',
    "provider-spaces.md": b"---\nprovider:\n  name:" + b" " * 1500 + b'a"b\n---\n',
}


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in SEEDS.items():
        (folder / name).write_bytes(data)
    print(f"wrote {len(SEEDS)} seeds to {folder}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fuzz/seeds")
