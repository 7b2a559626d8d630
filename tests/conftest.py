"""Shared fixtures: the seed story, loaded and compared once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparators import compare, default_story_path, load_story

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seed_story():
    return load_story([default_story_path()])


@pytest.fixture(scope="session")
def seed_comparison(seed_story):
    return compare(seed_story)
