"""Repository word weights (rules/wordweights.py) and the two mismatch rules that use them:
title-slug-mismatch (TTL001) and topic-mismatch (CT004) judged against a repository's own words."""

import json

import pytest
from helpers import lint, settings

from linter import document
from linter.engine import FileResult, Linter
from rules import wordweights

TITLE = "title-slug-mismatch"
TOPIC = "topic-mismatch"

# A small site about harbour boats: "harbour" and "boats" stand in every title and slug.
TOPICS = [
    "ferry timetable changes for winter", "lifeboat crew rescues stranded kayaker", "fishing quota talks stall again",
    "marina expansion plan approved by council", "regatta returns after storm delay", "lighthouse keeper retires after decades",
    "dredging work closes the north channel", "sailing school opens new clubhouse", "pilot cutter gets electric engines",
    "seal colony counted from the air", "customs seize smuggled cigarettes", "oyster farm wins award",
    "tug strike ends with pay deal", "cruise liner visits cancelled", "rowing club celebrates centenary",
    "mooring fees rise sharply", "diver finds wartime wreck", "jetty repairs finally finished",
    "yacht theft ring broken up", "coastguard trials drone patrols", "shipwright apprentices graduate",
    "kelp harvest trial begins", "pollution alarm after diesel spill", "water taxi service launched",
]


def headline(topic):
    return f"Harbour boats: {topic.capitalize()}"


def slug_of(topic):
    return "https://harbour.example.com/2023/harbour-boats-" + "-".join(topic.split())


def article(title, url, topics=None, excerpt=None):
    lines = ["---", f"title: {json.dumps(title)}", f"webUrl: {json.dumps(url)}"]
    if excerpt is not None:
        lines.append(f"excerpt: {json.dumps(excerpt)}")
    if topics:
        lines.append("topics:")
        lines.extend(f"  - {t}" for t in topics)
    return "\n".join(lines + ["---", ""])


def site(**extra):
    files = {f"2023-01-{i + 1:02d}-item.md": article(headline(t), slug_of(t)) for i, t in enumerate(TOPICS)}
    files.update(extra)
    return files


def run(files, select, options=None, report_on=None, roundtrip=False):
    """Lint documents together (a repository); {path: [finding, ...]}."""
    linter = Linter(settings(list(select), options))
    results = []
    for path, text in files.items():
        result = linter.lint_bytes(text.encode("utf-8"), path, path)[1]
        if roundtrip:  # what the cache keeps and gives back
            result = FileResult.from_json(path, path, json.loads(json.dumps(result.to_json())))
        results.append(result)
    linter.finish(results, report_on=report_on)
    return {r.path: [f for f in r.findings if f.rule in select] for r in results}


# ---- the weights -------------------------------------------------------------------------------
def facts(files):
    return [wordweights.collect(document.parse(text.encode(), path)) for path, text in files.items()]


def test_words_in_most_files_weigh_nothing_and_rare_ones_much():
    weights = wordweights.Weights(facts(site()))
    assert weights.weight("harbour") == weights.weight("boats") == 0.0
    assert weights.weight("kayaker") > 1.5 and weights.specific("kayaker")
    assert weights.weight("never-seen") > weights.weight("kayaker")  # in no file at all: rarer still
    assert weights.share("Boat") == weights.share("boats")  # words meet by a light stem


def test_a_few_files_fall_back_to_equal_weights_and_no_generic_label():
    few = {f"{i}.md": article("Harbour boats", slug_of(t), topics=["Boats"]) for i, t in enumerate(TOPICS[:5])}
    weights = wordweights.Weights(facts(few))
    assert weights.fallback
    assert weights.weight("harbour") == weights.weight("kayaker") == wordweights.FALLBACK
    assert not weights.generic("Boats") and not weights.specific("kayaker")


def test_labels_on_most_files_are_generic():
    files = {f"{i}.md": article(headline(t), slug_of(t), topics=["Boats"] + (["Fishing"] if i < 3 else []))
             for i, t in enumerate(TOPICS)}
    weights = wordweights.Weights(facts(files))
    assert weights.generic("boats") and not weights.generic("Fishing")
    assert weights.label_share("Fishing") == 3 / len(TOPICS)


def test_malformed_facts_are_skipped():
    weights = wordweights.Weights([None, "x", [1, 2], [["harbour"], ["boats"]]])
    assert weights.files == 1


def test_a_huge_title_is_read_to_a_bounded_length():
    title = " ".join(f"word{i}" for i in range(10_000))
    assert len(wordweights.title_words(title)) == wordweights.MAX_WORDS


# ---- title-slug-mismatch -------------------------------------------------------------------------
def test_title_sharing_only_the_repositorys_common_words_with_its_slug_is_reported():
    # "Harbour boats" are in every title: this title shares nothing else with its slug
    swapped = article(headline("oyster farm wins award"), slug_of("diver finds wartime wreck"))
    found = run(site(**{"swapped.md": swapped}), [TITLE])
    assert [(f.pointer, f.severity) for f in found["swapped.md"]] == [("/title", "warning")]
    message = found["swapped.md"][0].message
    assert "lacks the slug's words diver, finds, wartime, wreck" in message
    assert "they share only harbour, boats" in message
    assert all(not v for k, v in found.items() if k != "swapped.md")


def test_the_same_file_alone_is_judged_by_plain_word_counts():
    # without a repository, "harbour boats" are two of the slug's six words: a third, not reported
    swapped = article(headline("oyster farm wins award"), slug_of("diver finds wartime wreck"))
    assert lint(swapped, [TITLE]) == []


@pytest.mark.parametrize("title,url", [
    # a reworded headline sharing a word few titles have
    ("Stranded kayaker saved off the point", slug_of("kayaker rescued by volunteer lifeboat")),
    # a keyword slug
    ("Council says yes to bigger marina", "https://harbour.example.com/marina-expansion-council"),
    # the author's name in the slug
    ("Harbour boats: Diver finds wartime wreck", slug_of("diver finds wartime wreck jane doe")),
    # an abbreviation of the slug's words
    ("RNLI crew saves kayaker", "https://harbour.example.com/royal-national-lifeboat-institution-crew-saves-kayaker"),
    # a translation of the slug's words (the title shares only its specific words)
    ("Le kayakiste sauvé par le lifeboat", "https://harbour.example.com/harbour-boats-kayaker-saved-by-lifeboat"),
    # a title in a script the slug does not use
    ("Спасён каякер в гавани", "https://harbour.example.com/harbour-boats-kayaker-saved-by-lifeboat"),
    # a shortened title
    ("Harbour boats: Diver finds wreck", slug_of("diver finds wartime wreck off the north channel")),
])
def test_ordinary_headline_variation_stays_clean_in_a_repository(title, url):
    found = run(site(**{"new.md": article(title, url)}), [TITLE])
    assert found["new.md"] == []


def test_facts_survive_the_cache_round_trip_and_only_named_files_get_findings():
    swapped = article(headline("oyster farm wins award"), slug_of("diver finds wartime wreck"))
    files = site(**{"swapped.md": swapped})
    assert [f.pointer for f in run(files, [TITLE], roundtrip=True)["swapped.md"]] == ["/title"]
    partial = run(files, [TITLE], report_on={"2023-01-01-item.md"})
    assert partial["swapped.md"] == []


# ---- topic-mismatch ------------------------------------------------------------------------------
LEUKEMIA = ("Doctors used a new blood test to spot leukemia earlier in children, and the hospital says therapy "
            "can now start weeks sooner; the study followed hundreds of patients with the disease at three clinics.")


def test_a_label_with_only_generic_others_is_reported_when_the_text_says_enough():
    text = article("Blood test spots leukemia sooner", "https://med.example.com/p/1", ["AI in Robotics", "AI"], LEUKEMIA)
    found = lint(text, [TOPIC])
    assert [f.pointer for f in found] == ["/topics/0"]
    assert found[0].message.startswith('topics: "AI in Robotics" has no support in the title, excerpt or body (')
    assert found[0].confidence < 0.8 and found[0].severity == "info"  # no other label to confirm it
    assert lint(text.replace("AI in Robotics", "AI in Healthcare"), [TOPIC]) == []


def test_thin_support_stays_silent():
    text = article("Blood test spots leukemia", "https://med.example.com/p/1", ["AI in Robotics", "AI"],
                   "A quicker blood test.")
    assert lint(text, [TOPIC]) == []


def test_the_generic_labels_words_are_no_labels_support():
    # "artificial intelligence" and "machine learning" are the generic label's words on an AI site
    excerpt = LEUKEMIA + " Artificial intelligence and machine learning helped read the artificial intelligence results."
    text = article("Blood test spots leukemia sooner", "https://med.example.com/p/1", ["AI in Robotics", "AI"], excerpt)
    assert [f.pointer for f in lint(text, [TOPIC])] == ["/topics/0"]


def test_a_label_on_most_of_the_repositorys_files_is_never_judged():
    files = {f"{i}.md": article(headline(t), slug_of(t), ["AI in Robotics", "AI"], f"{LEUKEMIA} {t}.")
             for i, t in enumerate(TOPICS)}
    assert not any(run(files, [TOPIC]).values())  # on every file: generic here, whatever the profile says
    alone = lint(next(iter(files.values())), [TOPIC])
    assert [f.pointer for f in alone] == ["/topics/0"]  # alone, the profile's view holds


def test_a_slug_many_files_share_names_a_section_not_a_headline():
    section = "https://harbour.example.com/harbour-boats-weekly-traffic-figures-data/"
    extra = {f"section{i}.md": article(f"Harbour boats: {t}", section) for i, t in enumerate(["Ferry counts up", "Yacht visits fall"])}
    one = run(site(**extra), [TITLE])
    assert [f.pointer for f in one["section0.md"]] == ["/title"]  # two files: still headlines
    extra["section2.md"] = article("Harbour boats: Cargo tonnage steady", section)
    assert not any(run(site(**extra), [TITLE]).values())
