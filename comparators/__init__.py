"""synopsis' comparator layer: load, clean, align, diff and match quotes.

Pure Python with no terminal code; views and reports read its results.
"""

from comparators.comparison import Comparison, compare, with_pivot
from comparators.errors import StoryError
from comparators.loading import default_story_path, load_story
from comparators.model import (
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
