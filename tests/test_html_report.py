"""`newslint report`: the HTML data-quality page. Structure, self-containment (no script, nothing
fetched), the aggregates it shows, escaping of scraped text, and its size on 100,000 findings."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest

from linter.cli import main

VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line"}


class Page(HTMLParser):
    """Collects ids, links, tags, text; checks that non-void elements are closed in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.tags, self.srcs, self.stack, self.errors = set(), [], [], [], [], []
        self.text_parts: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split()).replace(" ,", ",").replace(" .", ".")


def article(title: str, when: str, domain: str, published: str) -> str:
    return (f'---\ntitle: "{title}"\npublishedDateTime: {when}\npublished: {published}\n'
            f"provider:\n  name: Example\n  domain: {domain}\n---\n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    (news / "2021-03-01-a.md").write_text(article("Harbour reopens", "2021-03-01T08:00:00Z", "harbour.example", '"yes"'), encoding="utf-8")
    (news / "2021-03-02-b.md").write_text(article("Bridge repaired", "2021-03-02T08:00:00Z", "harbour.example", "true"), encoding="utf-8")
    (news / "2021-05-09-c.md").write_text(article("Market <b>day</b>", "2021-05-09T08:00:00Z", "<script>.example", '"no"'), encoding="utf-8")
    (news / "2021-06-10-d.md").write_text("Notes without front matter.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["report", "news", "--no-cache", "--select", "published-not-boolean,front-matter-missing", *args])
    return rc, capsys.readouterr().err


FILE_ROW = r'<tr><td><details><summary><a href="[^"]*"><code>([^<]+)</code></a></summary>.*?</td><td class=n>(\d+)</td>'


def test_report_writes_one_self_contained_page(site, capsys):
    rc, err = report(capsys, "-o", "out.html")
    assert rc == 0 and "wrote out.html" in err
    text = (site / "out.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.errors == []
    assert "script" not in page.tags and "<script" not in text  # no JavaScript (the hostile domain is escaped)
    assert "&lt;script&gt;.example" in text
    assert not page.srcs and not re.search(r"(?:href|src)=\"(?:https?:)?//", text)  # nothing fetched
    # links go to sections of the page, or to the files (relative to the report)
    assert all(h.startswith("#") or h.startswith("news/") for h in page.hrefs)
    assert page.tags.count("svg") >= 4  # rules, severity, month, provider
    for section in ("by-rule", "by-severity", "by-month", "by-provider", "fixes", "top-files", "rules"):
        assert section in page.ids


def test_every_rule_link_has_a_documentation_section(site, capsys):
    report(capsys, "-o", "out.html")
    page = Page((site / "out.html").read_text(encoding="utf-8"))
    targets = {h[1:] for h in page.hrefs if h.startswith("#")}
    assert {"rule-PUB001", "rule-FM001"} <= targets
    assert targets <= page.ids
    # the rule's own docs are embedded, rendered from Markdown (not raw Markdown in a <pre>)
    text = (site / "out.html").read_text(encoding="utf-8")
    assert "<code>published</code> is not a real boolean." in text and "`published`" not in text
    assert "<h5>Why is this bad?</h5>" in text and '<pre><code class="language-markdown">---' in text


def test_report_aggregates(site, capsys):
    report(capsys, "-o", "out.html")
    text = (site / "out.html").read_text(encoding="utf-8")
    page = Page(text)
    # totals: 4 files, 3 with findings, 3 findings (2 PUB001 with safe fixes, 1 FM001 by hand)
    assert "4 files" in page.text and "3 files with findings (75%)" in page.text
    assert "2 fixable with --fix" in page.text and "fixed" not in page.text
    assert "2 findings are repaired by newslint check --fix, 0 more by --fix --unsafe-fixes (review those), and 1 need a person." in page.text
    # months: 2021-03 .. 2021-05 filled (2021-04 has no files); the file without front matter is dated by its name
    assert "<title>2021-03: 2 files, 1 with findings (50%), 1 findings</title>" in text
    assert "<title>2021-04: 0 files, 0 with findings (-), 0 findings</title>" in text
    assert "<title>2021-06: 1 files, 1 with findings (100%), 1 findings</title>" in text
    # providers from provider.domain
    assert "harbour.example (1/2 files)" in page.text
    # top files, worst first
    rows = re.findall(FILE_ROW, text)
    assert len(rows) == 3 and {p for p, _ in rows} == {"news/2021-03-01-a.md", "news/2021-05-09-c.md", "news/2021-06-10-d.md"}


def test_top_limits_the_file_list(site, capsys):
    report(capsys, "-o", "out.html", "--top", "1")
    text = (site / "out.html").read_text(encoding="utf-8")
    assert len(re.findall(FILE_ROW, text)) == 1
    assert "The top 1 of 3 files with findings; open one for its findings." in Page(text).text


def test_report_to_stdout_and_bad_arguments(site, capsys):
    capsys.readouterr()
    assert main(["report", "news", "--no-cache", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["report", "missing-folder", "-o", "x.html"]) == 2
    assert main(["report", "news", "--top", "0"]) == 2
    assert not (site / "x.html").exists()


def test_file_facts_reads_provider_and_month_from_the_parsed_front_matter(tmp_path):
    from linter.reporters.html import file_facts

    (tmp_path / "a.md").write_text('---\ntitle: "x"\npublishedDateTime: 2020-02-03T00:00:00Z\n'
                                   "provider:\n  name: Wire\n  domain: Wire.Example # comment\nrelated:\n"
                                   "  - publishedDateTime: 2023-01-01T00:00:00Z\n---\n", encoding="utf-8")
    # Broken YAML: nothing is guessed from its text; the file name still gives the month.
    (tmp_path / "2021-06-01-broken.md").write_text('---\ntitle: "x\nprovider:\n  name: Wire\n---\n', encoding="utf-8")
    assert file_facts("2021-06-01-broken.md", tmp_path) == ("(none)", "2021-06")
    (tmp_path / "2019-11-05-b.md").write_text("---\nwebUrl: https://www.news.example/x\n---\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\ndate: 1066-10-14\n---\n", encoding="utf-8")
    assert file_facts("a.md", tmp_path) == ("wire.example", "2020-02")
    assert file_facts("2019-11-05-b.md", tmp_path) == ("news.example", "2019-11")
    assert file_facts("c.md", tmp_path) == ("(none)", "(unknown)")
    assert file_facts("gone.md", tmp_path) == ("(none)", "(unknown)")


def test_page_stays_small_and_fast_for_100k_findings(tmp_path):
    from linter.model import Finding
    from linter.reporters.html import page
    from linter.engine import FileResult

    results = []
    for i in range(10_000):
        path = f"news/2020-{i % 12 + 1:02d}-{i % 28 + 1:02d}-story-{i}.md"
        findings = [Finding(path, 2, 1, 2, 9, f"X{n % 20:03d}", f"rule-{n % 20}", "warning", "bad value", "/title")
                    for n in range(10)]
        results.append(FileResult(path, path, findings))

    class Run:
        settings = None
        cwd = tmp_path  # the files do not exist: month comes from the names, provider is (none)

        def __init__(self, results):
            self.results = results

    start = time.perf_counter()
    html = page(Run(results), {"top": 50})
    elapsed = time.perf_counter() - start
    assert "100,000" in html
    assert len(html) < 150_000
    assert len(re.findall(FILE_ROW, html)) == 50
    assert elapsed < 10


@pytest.mark.parametrize("text, expected", [
    ("---\nprovider:\n  name:" + " " * 1500 + 'a"b\n---\n', ('a"b', "(unknown)")),  # the old regex scan: 17 s
    ("---\nprovider:" + " " * 40_000 + "\ntitle: x\n", ("(none)", "(unknown)")),  # unterminated: 14 s
])
def test_file_facts_are_what_the_parsed_document_says(text, expected, tmp_path):
    """The provider is the value YAML gives (a plain scalar may hold a quote), read from the
    document: hostile spacing costs the report no more than parsing does."""
    from linter.reporters.html import file_facts

    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    assert file_facts("a.md", tmp_path) == expected


def test_each_listed_file_is_linked_with_its_findings(site, capsys):
    (site / "reports").mkdir()
    report(capsys, "-o", "reports/out.html")
    text = (site / "reports" / "out.html").read_text(encoding="utf-8")
    assert '<a href="../news/2021-03-01-a.md"><code>' in text  # relative to where the report is
    assert re.search(r'<li><span class="sev error">error</span> 4:12 <a href="#rule-PUB001">PUB001</a> '
                     r'published: &quot;yes&quot; is not a boolean', text)


def test_busiest_months_rank_by_files_with_findings(tmp_path, monkeypatch, capsys):
    news = tmp_path / "news"
    news.mkdir()
    bad = '---\ntitle: "T"\npublishedDateTime: {when}T08:00:00Z\npublished: "{v}"\nupdated: "x"\n---\n'
    for n in range(2):  # a small month whose files have more findings each
        (news / f"a{n}.md").write_text(bad.format(when="2020-01-05", v="no").replace(
            "updated", 'excerpt: "&amp;  a&#8217;s "\nupdated'), encoding="utf-8")
    for n in range(37):
        (news / f"b{n}.md").write_text(bad.format(when="2020-03-05", v="yes"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "news", "--no-cache", "-o", "out.html"]) == 0
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    busiest = text[text.index("<h3>Busiest months</h3>"):]
    assert busiest.index("<td>2020-03</td>") < busiest.index("<td>2020-01</td>")
