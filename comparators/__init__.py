"""synopsis' comparator layer: load, clean, align, diff and match quotes.

Pure Python with no terminal code; views and reports read its results.
"""

from comparators.errors import StoryError
from comparators.loading import default_story_path, load_story
from comparators.model import (
    Comparison,
    Group,
    GroupKind,
    Member,
    Paragraph,
    Quote,
    QuoteStatus,
    Removal,
    Reuse,
    Settings,
    SettingsOverride,
    Source,
    Story,
)
from comparators.ordering import with_pivot


def __getattr__(name: str):
    # `compare` loads numpy, scipy and rapidfuzz: only when a story is compared, so
    # reading a cached comparison or a report's data costs none of them.
    if name == "compare":
        from comparators.pipeline import compare

        return compare
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Comparison",
    "Group",
    "GroupKind",
    "Member",
    "Paragraph",
    "Quote",
    "QuoteStatus",
    "Removal",
    "Reuse",
    "Settings",
    "SettingsOverride",
    "Source",
    "Story",
    "StoryError",
    "compare",
    "default_story_path",
    "load_story",
    "with_pivot",
]
