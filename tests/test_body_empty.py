"""body-empty (CT006): an empty or near-empty body where the files of its kind have bodies."""

from helpers import settings
from linter.engine import Linter

STORY = '---\ntitle: "{title}"\n{extra}---\n{body}'
BODIES = [
    "The old stone bridge reopened to traffic on Friday after two years of repairs.",
    "The central library will stay open until nine on weekdays from next month.",
    "The Saturday farmers market moves to the harbour car park for the summer.",
    "Builders finished the new roof of the primary school a week ahead of schedule.",
    "The harbour ferry will run every twenty minutes on weekdays from Monday.",
]


def lint_many(files: dict, options=None):
    linter = Linter(settings(["body-empty"], {"body-empty": options} if options else None))
    results = []
    for path, text in files.items():
        results.append(linter.lint_bytes(text.encode("utf-8"), path, path)[1])
    linter.finish(results)
    return sorted((f.path, f.line, f.severity) for r in results for f in r.findings)


def stories(folder="news", names=None, extra=""):
    return {f"{folder}/{name}": STORY.format(title=f"Story {i}", extra=extra, body=f"\n{text}\n")
            for i, (name, text) in enumerate(zip(names or [f"2024-03-0{i}-story.md" for i in range(1, 6)], BODIES))}


def test_an_empty_body_among_bodies_is_reported_where_the_body_would_start():
    files = {**stories(), "news/2024-03-06-park.md": STORY.format(title="Park opens", extra="", body="\n\n")}
    assert lint_many(files) == [("news/2024-03-06-park.md", 4, "warning")]


def test_a_near_empty_body_is_reported_with_low_confidence():
    files = {**stories(), "news/2024-03-06-park.md": STORY.format(title="Park opens", extra="", body="\nRead more.\n")}
    assert lint_many(files) == [("news/2024-03-06-park.md", 5, "info")]


def test_page_bundles_are_judged_with_their_section():
    names = [f"story-{i}/index.md" for i in range(5)]
    files = {**stories("content/news", names), "content/news/park/index.md": STORY.format(title="Park", extra="", body="")}
    assert lint_many(files) == [("content/news/park/index.md", 4, "warning")]


def test_a_front_matter_only_repository_is_not_reported():
    files = {f"_news/2024-03-0{i}-item.md": STORY.format(title=f"Item {i}", extra='webUrl: "https://example.org/a"\n', body="")
             for i in range(1, 9)}
    assert lint_many(files) == []


def test_list_pages_and_other_layouts_are_not_judged_with_articles():
    files = {
        **stories(),
        "news/_index.md": STORY.format(title="News", extra="", body=""),
        "news/archive.md": STORY.format(title="Archive", extra="layout: archive\n", body=""),
    }
    assert lint_many(files) == []


def test_drafts_and_withdrawn_items_are_left_out():
    files = {**stories(),
             "news/2024-03-06-draft.md": STORY.format(title="Draft", extra="draft: true\n", body=""),
             "news/2024-03-07-withdrawn.md": STORY.format(title="Gone", extra="published: false\n", body="")}
    assert lint_many(files) == []


def test_bodies_of_code_images_or_embeds_are_not_empty():
    files = {**stories(),
             "news/2024-03-06-photo.md": STORY.format(title="Photo", extra="", body="\n![The new park](park.jpg)\n"),
             "news/2024-03-07-video.md": STORY.format(title="Video", extra="", body='\n{{< youtube "abc" >}}\n'),
             "news/2024-03-08-code.md": STORY.format(title="Code", extra="", body="\n```\nnpm install\n```\n")}
    assert lint_many(files) == []


def test_too_few_or_too_small_a_share_of_bodies_says_nothing():
    few = {**dict(list(stories().items())[:4]), "news/2024-03-06-park.md": STORY.format(title="Park", extra="", body="")}
    assert lint_many(few) == []
    empties = {f"news/2024-04-0{i}-empty.md": STORY.format(title=f"E{i}", extra="", body="") for i in range(1, 3)}
    assert lint_many({**stories(), **empties}, {"min-share": 0.9}) == []
    assert len(lint_many({**stories(), **empties})) == 2
