"""Reopening a story reuses its comparison; any change to the inputs recomputes it."""

from dataclasses import replace

import pytest

import comparators.cache as cache
import comparators.pipeline as pipeline
from comparators import SettingsOverride, load_story


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNOPSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SYNOPSIS_NO_CACHE", raising=False)
    return tmp_path / "cache"


def forbid_comparing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("compared again instead of reading the cache")

    monkeypatch.setattr(pipeline, "compare", refuse)


def test_a_story_compared_once_is_read_back_without_aligning_again(cache_folder, monkeypatch):
    story = load_story([])
    first = cache.cached_compare(story)
    forbid_comparing(monkeypatch)
    again = cache.cached_compare(story)
    assert again == first
    assert len(list(cache_folder.glob("*.pickle"))) == 1


def test_changed_text_or_settings_are_compared_afresh(cache_folder, monkeypatch):
    story = load_story([])
    cache.cached_compare(story)
    edited_source = replace(story.sources[0], title="Another headline")
    edited = replace(story, sources=(edited_source, *story.sources[1:]))
    assert cache.cached_compare(edited).story.sources[0].title == "Another headline"
    assert cache.cached_compare(story, SettingsOverride(pivot="xinhua")).pivot == "xinhua"
    assert len(list(cache_folder.glob("*.pickle"))) == 3


def test_a_damaged_entry_is_recomputed_and_replaced(cache_folder):
    story = load_story([])
    expected = cache.cached_compare(story)
    (entry,) = cache_folder.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached_compare(story) == expected
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_still_gives_the_comparison(tmp_path, monkeypatch):
    blocker = tmp_path / "file-in-the-way"
    blocker.write_text("")
    monkeypatch.setenv("SYNOPSIS_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached_compare(load_story([])).groups


def test_caching_can_be_switched_off(cache_folder, monkeypatch):
    monkeypatch.setenv("SYNOPSIS_NO_CACHE", "1")
    cache.cached_compare(load_story([]))
    assert not cache_folder.exists()
