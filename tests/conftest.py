"""Shared fixtures: the seed story, loaded and compared once per test session."""

from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True)
def nothing_left_frozen():
    """Thaws what a test froze. The reader freezes the heap for its lifetime once its
    comparison is shown (`gc.freeze()`); here that lifetime ends with the test. Left frozen,
    each closed reader's cycles would never be collected and the permanent generation
    would grow all session, slowing every fork and every `gc.get_freeze_count()` (which
    each comparison calls) in the tests after it."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def seed_story():
    return load_story([default_story_path()])


@pytest.fixture(scope="session")
def seed_comparison(seed_story):
    return compare(seed_story)


@pytest.fixture
def umask_027():
    """New files readable by the group, not by everyone (a newsroom's shared folder)."""
    previous = os.umask(0o027)
    yield
    os.umask(previous)
