"""Shared fixtures: the seed story, loaded and compared once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from comparators import compare, default_story_path, load_story

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_configure(config):
    # Comparisons cached by the tests (and the CLI subprocesses they start) go to a
    # throw-away folder, never the user's cache.
    os.environ["SYNOPSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="synopsis-test-cache-")
    # Likewise reviews of loose files and what the reader remembers: never the user's.
    os.environ["SYNOPSIS_STATE_DIR"] = tempfile.mkdtemp(prefix="synopsis-test-state-")


def pytest_unconfigure(config):
    shutil.rmtree(os.environ.pop("SYNOPSIS_CACHE_DIR", ""), ignore_errors=True)
    shutil.rmtree(os.environ.pop("SYNOPSIS_STATE_DIR", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def seed_story():
    return load_story([default_story_path()])


@pytest.fixture(scope="session")
def seed_comparison(seed_story):
    return compare(seed_story)
