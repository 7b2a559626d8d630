"""synopsis' comparator layer: load, clean, align, diff and match quotes.

Pure Python with no terminal code; views and reports read its results.
Each name below is imported on first use (PEP 562), so `from comparators.errors
import StoryError` does not load NumPy and SciPy: a one-shot command starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comparators.lazy_names import lazy_names

if TYPE_CHECKING:
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
    from comparators.pipeline import compare

_MODULE_OF = {
    "compare": "comparators.pipeline",
    "with_pivot": "comparators.ordering",
    "StoryError": "comparators.errors",
    "default_story_path": "comparators.loading",
    "load_story": "comparators.loading",
    **dict.fromkeys(
        (
            "Comparison", "Group", "GroupKind", "Member", "Paragraph", "Quote", "QuoteStatus", "Removal", "Reuse",
            "Settings", "SettingsOverride", "Source", "Story",
        ),
        "comparators.model",
    ),
}

__all__ = sorted(_MODULE_OF)


__getattr__ = lazy_names(__name__, _MODULE_OF)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))
