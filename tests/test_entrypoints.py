"""linter.entrypoints gives what importlib.metadata gives, without importing it where it can."""

import sys
from importlib import metadata

import pytest

from linter import entrypoints


def _by_metadata(group):
    return sorted((ep.name, ep.value, ep.dist.version) for ep in metadata.entry_points(group=group))


def _ours(group):
    return sorted((ep.name, ep.value, ep.version) for ep in entrypoints.entry_points(group))


@pytest.mark.parametrize("group", ["newslint.rules", "console_scripts", "pytest11", "no.such.group"])
def test_same_entry_points_as_importlib_metadata_in_this_environment(group):
    assert _ours(group) == _by_metadata(group)


def _dist(folder, name, version, text):
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(text)


def test_first_distribution_on_sys_path_wins_and_sections_are_parsed(tmp_path, monkeypatch):
    _dist(tmp_path / "one", "demo_pkg", "2.0", "# comment\n[other]\nx = nope\n\n[demo.group]\n a = mod_a:obj.attr \n#c\nb=mod_b\n")
    _dist(tmp_path / "two", "Demo.Pkg", "1.0", "[demo.group]\nold = old_mod\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "one"), str(tmp_path / "two"), str(tmp_path / "missing")])
    assert entrypoints._from_dist_info_folders("demo.group") == [
        entrypoints.EntryPoint("a", "mod_a:obj.attr", "2.0"),
        entrypoints.EntryPoint("b", "mod_b", "2.0"),
    ]
    assert _ours("demo.group") == _by_metadata("demo.group")


@pytest.mark.parametrize("layout", ["egg-info", "zip"])
def test_other_layouts_go_through_importlib_metadata(tmp_path, monkeypatch, layout):
    if layout == "egg-info":
        info = tmp_path / "legacy.egg-info"
        info.mkdir()
        (info / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: legacy\nVersion: 0.5\n")
        (info / "entry_points.txt").write_text("[demo.group]\nlegacy = legacy_mod\n")
        entry = tmp_path
    else:
        entry = tmp_path / "archive.zip"
        entry.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip archive
    monkeypatch.setattr(sys, "path", [str(entry)])
    assert entrypoints._from_dist_info_folders("demo.group") is None
    assert _ours("demo.group") == _by_metadata("demo.group")


def test_load_resolves_module_and_attributes():
    ep = entrypoints.EntryPoint("x", "linter.model:Finding.sort_key", "1")
    from linter.model import Finding

    assert ep.load() is Finding.sort_key
    assert entrypoints.EntryPoint("y", "linter.model", "1").load().__name__ == "linter.model"
    with pytest.raises(ValueError):
        entrypoints.EntryPoint("z", "not a value!", "1").load()
