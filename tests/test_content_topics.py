"""Content rules: boilerplate-paragraph (CT003), topic-mismatch (CT004) and `newslint topics`."""

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from helpers import at, lint, settings

from linter.cli import main
from linter.engine import Linter
from rules.content import _terms

BP = "boilerplate-paragraph"
TM = "topic-mismatch"
PITCH = "Like this story? Join our weekly email and never miss a harbour update again."


def _story(title, first, extra=PITCH, source=True):
    url = f'source_url: "https://news.example.org/{title.lower().replace(" ", "-")}"\n' if source else ""
    return f'---\ntitle: "{title}"\n{url}---\n\n{first}\n\n{extra}\n'


def _lint_files(files, options=None):
    linter = Linter(settings(["CT003"], {BP: options} if options else None))
    results = [linter.lint_bytes(text.encode("utf-8"), path, path)[1] for path, text in files.items()]
    linter.finish(results)
    return {r.path: [f for f in r.findings if f.rule == BP] for r in results}


FILES = {
    "a.md": _story("Ferry returns", "The ferry returns to the north pier on Monday after repairs to its engine."),
    "b.md": _story("Pier lights", "New lights along the pier were switched on by the mayor on Friday evening."),
    "c.md": _story("Fish market", "The fish market opens an hour earlier during the summer holidays this year."),
}


# ---- boilerplate-paragraph -------------------------------------------------------------------------
def test_paragraph_in_three_files_is_reported_in_each():
    found = _lint_files(FILES)
    for path in FILES:
        assert [(f.line, f.column, f.end_line, f.end_column) for f in found[path]] == [(8, 1, 8, len(PITCH) + 1)]
    message = found["a.md"][0].message
    assert message == ('paragraph "Like this story? Join our weekly email and..." appears in 3 files (also in b.md, c.md), '
                       "at the head or foot of their bodies: page chrome; remove it or allow it in the rule's options")
    assert found["a.md"][0].confidence == 0.85 and found["a.md"][0].severity == "warning"


def test_two_files_are_below_the_default_threshold():
    two = {k: FILES[k] for k in ("a.md", "b.md")}
    assert _lint_files(two) == {"a.md": [], "b.md": []}
    assert len(_lint_files(two, {"min-files": 2})["a.md"]) == 1


def test_whitespace_case_and_quotes_are_normalised():
    files = dict(FILES)
    files["c.md"] = _story("Fish market", "The fish market opens early.", PITCH.upper().replace(" ", "   \n", 3))
    assert all(len(v) == 1 for v in _lint_files(files).values())


def test_allow_list_and_short_paragraphs():
    assert all(v == [] for v in _lint_files(FILES, {"allow": ["join our weekly email"]}).values())
    assert all(v == [] for v in _lint_files(FILES, {"allow-patterns": [r"never miss a \w+ update"]}).values())
    assert all(v == [] for v in _lint_files(FILES, {"min-words": 20}).values())
    short = {p: _story("t", f"Story number {i} about the harbour and its many boats today.", "Thanks for reading.")
             for i, p in enumerate("xyz")}
    assert all(v == [] for v in _lint_files(short).values())


def test_boilerplate_suppression_comment_applies():
    files = dict(FILES)
    files["a.md"] = files["a.md"].replace('---\ntitle', "---\n# newslint: disable=boilerplate-paragraph\ntitle", 1)
    found = _lint_files(files)
    assert found["a.md"] == []  # suppressed there, but it still counts towards the three files
    assert len(found["b.md"]) == 1 and len(found["c.md"]) == 1


# ---- topic-mismatch ------------------------------------------------------------------------------
FACES = """---
title: "Stadium drops face scanning at its gates"
excerpt: "The stadium will stop scanning the faces of fans with facial recognition cameras after a review found the biometric matching inaccurate."
topics:
  - {label}
  - AI
---
"""


def test_unsupported_label_with_a_strongly_supported_alternative_is_reported():
    found = lint(FACES.format(label="Natural Language Processing"), ["CT004"])
    assert at(found, TM) == [(5, 5, "/topics/0")]
    assert found[0].message.startswith('topics: "Natural Language Processing" has no support in the title, excerpt or body, '
                                       'while "Computer Vision" is strongly supported (')
    assert "facial" in found[0].message


def test_message_words_come_from_the_document_not_from_earlier_files(monkeypatch):
    monkeypatch.setattr(_terms, "_SURFACE", {})
    monkeypatch.setattr(_terms, "_FOLD", {})
    # a file read earlier in the same process writes the same stems differently
    lint(FACES.format(label="Computer Vision").replace("recognition", "recognitions"), ["CT004"])
    message = lint(FACES.format(label="Natural Language Processing"), ["CT004"])[0].message
    assert message.endswith("(facial, recognition, face)")


def test_surfaces_prefer_the_most_frequent_then_shortest_word():
    assert _terms.surfaces(["scanning scanned scanning", "scans"])[_terms.stem("scanned")] == "scanning"
    assert _terms.surfaces(["scanning scanned"])[_terms.stem("scanned")] == "scanned"


def test_supported_generic_and_unknown_labels_are_clean():
    assert lint(FACES.format(label="Computer Vision"), ["CT004"]) == []
    assert lint(FACES.format(label="Stadium news"), ["CT004"]) == []  # no profile knows it
    assert lint(FACES.replace("  - {label}\n", ""), ["CT004"]) == []  # "AI" is generic: never judged


def test_no_strong_alternative_means_no_finding():
    text = '---\ntitle: "Weekly roundup"\nexcerpt: "Some news from the week."\ntopics: ["Natural Language Processing"]\n---\n'
    assert lint(text, ["CT004"]) == []


def test_scalar_tags_field_is_checked():
    text = FACES.format(label="x").replace("topics:\n  - x\n  - AI\n", 'tags: "Natural Language Processing"\n')
    found = lint(text, ["CT004"])
    assert at(found, TM) == [(4, 7, "/tags")]


LABELLED = {
    "2022-01-01-a.md": ("Orchard growers expect a record apple harvest", "Apple orchards report heavy fruit after a mild spring.", "Orchards"),
    "2022-01-02-b.md": ("Cider makers buy more apples from orchards", "Cider presses run day and night as orchard growers sell apples.", "Orchards"),
    "2022-01-03-c.md": ("Apple blossom frost threatens orchard growers", "A late frost damaged apple blossom in hillside orchards.", "Orchards"),
    "2022-01-04-d.md": ("Sailing regatta draws yachts to the bay", "Yachts and dinghies raced in the sailing regatta across the bay.", "Sailing"),
    "2022-01-05-e.md": ("Young sailors win the dinghy regatta", "A crew of young sailors won the dinghy regatta on the bay.", "Sailing"),
    "2022-01-06-f.md": ("Yacht club opens a sailing school", "The yacht club will teach sailing to beginners in dinghies.", "Sailing"),
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (title, excerpt, label) in LABELLED.items():
        (folder / name).write_text(f'---\ntitle: "{title}"\nexcerpt: "{excerpt}"\ntopics:\n  - {label}\n  - Local\n---\n')
    (folder / "notes.txt").write_text("not an article")
    return folder


def test_topics_learn_writes_word_statistics_only(corpus, tmp_path, capsys):
    out = tmp_path / "topics.json"
    assert main(["topics", "learn", str(corpus), "-o", str(out)]) == 0
    assert "learnt 3 labels (2 with term profiles) from 6 labelled files" in capsys.readouterr().out
    profile = json.loads(out.read_text())
    assert profile["format"] == "newslint-topic-profile" and profile["documents"] == 6
    assert profile["labels"]["Local"]["generic"] is True
    orchards = profile["labels"]["Orchards"]["terms"]
    sailing = profile["labels"]["Sailing"]["terms"]
    stem = _terms.stem
    assert {stem("orchards"), stem("apple")} <= set(orchards) and stem("regatta") not in orchards
    assert {stem("sailing"), stem("regatta")} <= set(sailing)
    text = out.read_text()
    assert "record apple harvest" not in text and "mild spring" not in text


def test_learnt_profile_drives_topic_mismatch(corpus, tmp_path):
    out = tmp_path / "topics.json"
    assert main(["topics", "learn", str(corpus), "-o", str(out)]) == 0
    doc = ('---\ntitle: "Regatta yachts race across the bay"\nexcerpt: "Sailing crews in dinghies and yachts raced in the regatta."\n'
           "topics:\n  - Orchards\n  - Local\n---\n")
    options = {TM: {"profiles": [str(out)], "builtin": False, "min-support": 3.0}}
    found = lint(doc, ["CT004"], options)
    assert at(found, TM) == [(5, 5, "/topics/0")]
    assert '"Sailing" is strongly supported' in found[0].message
    assert lint(doc.replace("- Orchards", "- Sailing"), ["CT004"], options) == []


def test_unreadable_profile_is_reported(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"labels": {}}')
    found = lint(FACES.format(label="Computer Vision"), ["CT004"], {TM: {"profiles": [str(bad)]}})
    assert len(found) == 1 and "not a newslint topic profile" in found[0].message
    missing = lint(FACES.format(label="Computer Vision"), ["CT004"], {TM: {"profiles": [str(tmp_path / "none.json")]}})
    assert len(missing) == 1 and "cannot be read" in missing[0].message


def test_topics_learn_without_labels_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.md").write_text('---\ntitle: "x"\n---\n')
    assert main(["topics", "learn", str(tmp_path), "-o", str(tmp_path / "t.json")]) == 2
    assert "has labels" in capsys.readouterr().err
    assert main(["topics", "learn", str(tmp_path / "nope"), "-o", str(tmp_path / "t.json")]) == 2


def test_topics_show_lists_the_bundled_profile(capsys):
    assert main(["topics", "show", "--terms", "3"]) == 0
    out = capsys.readouterr().out
    assert "Computer Vision (" in out and "Natural Language Processing (" in out and "AI (" in out


def test_the_word_list_is_wordfreqs():
    import math

    from wordfreq import get_frequency_dict

    expected = {w: math.log10(f) + 9.0 for w, f in get_frequency_dict("en", wordlist="small").items() if f > 0}
    assert _terms._read_pack() == expected


_PROSE = "abcXYZ019 '’-_.,:;!?\n\t“”‘–—…•\xa0·©é日ñΣß²İK"


@given(st.text(alphabet=_PROSE, max_size=60))
@example("The mayor’s “plan” — a bridge… costs €4m; it's well-known")
@example("Café owners don’t agree: naïve or not")
@example("ΟΔΟΣ and the İstanbul ferry, K-9 unit")
def test_words_reads_ascii_text_as_any_text(text):
    # words() reads ASCII text (after its common punctuation outside ASCII becomes spaces) with an
    # ASCII pattern: it must find exactly the words the general pattern finds
    general = _terms._WORD.findall(text.lower().replace("’", "'"))
    assert _terms.words(text) == [_terms._POSSESSIVE.sub("", w) if "'" in w else w for w in general]
