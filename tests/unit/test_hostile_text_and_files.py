"""Hostile text and special files, in process: invisible controls never survive
`strip_control`, and review files that are FIFOs or devices neither hang nor get replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comparators.review import Review
from comparators.review_store import ReviewFileError, ReviewWriteError, load_review, save_review
from comparators.sanitize import strip_control


@pytest.mark.parametrize(
    "control",
    ["\u202e", "\u202b", "\u2066", "\u2069", "\u200f", "\u061c", "\u2060", "\ufeff", "\U000e0041"],
)
def test_bidi_and_invisible_formatting_controls_are_removed_for_the_terminal(control):
    assert strip_control(f"Rus{control}sia") == "Russia"


def test_joiners_that_persian_and_emoji_need_are_kept():
    text = "می\u200cخواهم 👩\u200d🚀"
    assert strip_control(text) == text


def test_a_review_file_that_is_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "story.review.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ReviewFileError, match="FIFO"):
        load_review(fifo)


def test_a_review_is_never_saved_over_a_fifo_or_a_device(tmp_path):
    fifo = tmp_path / "story.review.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ReviewWriteError, match="not a regular file"):
        save_review(fifo, Review())
    assert fifo.is_fifo()
    with pytest.raises(ReviewWriteError):
        save_review(Path("/dev/null"), Review())
    assert Path("/dev/null").is_char_device()


def test_dev_zero_as_a_review_file_is_refused_at_once():
    with pytest.raises(ReviewFileError, match="device"):
        load_review(Path("/dev/zero"))
