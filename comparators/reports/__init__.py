"""Reports: a comparison rendered as text, Markdown, JSON or HTML.

Every format is a pure function from the comparison to a string, deterministic
(stable order, no timestamps). Text, Markdown and HTML lay out the same sections,
built once by `walk`; JSON is the export contract of `comparators.export`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from comparators.lazy_names import lazy_names

if TYPE_CHECKING:
    from comparators.model import Comparison, Mark
    from comparators.reports.subset import restrict
    from comparators.reports.walk import ONLY_CHOICES

FORMATS = ("text", "md", "json", "html")
SUFFIXES = {"text": ".txt", "md": ".md", "json": ".json", "html": ".html"}


def render_report(
    comparison: Comparison,
    format: str,
    *,
    width: int = 80,
    sources: Collection[str] | None = None,
    only: str | None = None,
    marks: Mapping[str, Mark] | None = None,
    flagged_only: bool = False,
    color: bool = False,
    diffs: str = "pivot",
) -> str:
    """The report of `comparison` in `format` ("text", "md", "json" or "html").

    `sources` keeps only those source ids (see `restrict`); `only` keeps one section
    ("differences", "unique" or "quotes"; not for JSON); `marks` maps group ids to
    review marks, shown with their notes, and `flagged_only` keeps flagged passages
    only. `width` wraps the text format; `color` adds terminal colours to text and
    Markdown, which otherwise never contain an escape sequence. `diffs` ("pivot" or
    "all") says which group members carry a word diff in JSON (see `export.to_json_dict`).
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    from comparators.reports.subset import restrict
    from comparators.reports.walk import walk as walk_report

    if sources is not None:
        comparison = restrict(comparison, sources)
    if format == "json":
        if only is not None or flagged_only:
            raise ValueError("the JSON export always holds the whole comparison")
        from comparators.export import to_json

        return to_json(comparison, diffs)
    report = walk_report(comparison, only=only, marks=marks, flagged_only=flagged_only)
    if format == "text":
        from comparators.reports.text import render

        return render(report, width=width, color=color)
    if format == "md":
        from comparators.reports.markdown import render

        return render(report, color=color)
    from comparators.reports.html import render

    return render(report)


# The walk and the subset are imported on first use (PEP 562): `export`, which reads
# only SUFFIXES (through `tui.report_file`), does not build their dataclasses.
_MODULE_OF = {"ONLY_CHOICES": "comparators.reports.walk", "restrict": "comparators.reports.subset"}


__getattr__ = lazy_names(__name__, _MODULE_OF)


__all__ = ["FORMATS", "ONLY_CHOICES", "SUFFIXES", "render_report", "restrict"]
