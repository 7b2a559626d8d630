"""The reader's styles, in one table: the aligned view's CSS, the `Palette` the views
draw with and the legend of the `?` screen are all made from `STYLES`.

Every highlight has a text style (underline, bold, italic, reverse, strike) or a glyph
that carries it without colour; the colour, a theme variable, is a second signal only,
so NO_COLOR and 16-colour terminals lose nothing. Article text itself keeps the normal
foreground.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style


@dataclass(frozen=True, slots=True)
class Highlight:
    name: str  # the `Palette` field
    text_style: str  # Textual `text-style`: the marker that survives without colour
    color: str = ""  # a theme variable (`$text-warning`), or "" for the normal foreground
    sample: str = ""  # how the legend shows it; "" keeps it out of the legend
    meaning: str = ""

    @property
    def css_class(self) -> str:
        return "aligned--" + self.name.replace("_", "-")


STYLES: tuple[Highlight, ...] = (
    Highlight("edit", "underline", "$text-warning", "changed words",
              "near copy: words it changed or added against the pivot"),
    Highlight("fact", "bold underline", "$text-error", "24 Tuesday Assad",
              "a number, name, date or time the pivot does not give (in the pivot: no other outlet shown does)"),
    Highlight("own_sentence", "italic", "$text-primary", "A sentence only here.",
              "paraphrase: a sentence no other outlet shown has a counterpart for"),
    Highlight("quote_variant", "bold italic", "$text-success", "“we will”",
              "a quote another outlet words differently"),
    Highlight("quote_unique", "bold italic", "$text-success", "✱ “we will”",
              "a quote only this outlet carries (✱)"),
    Highlight("match", "reverse", "$text-primary", "airbase", "a search hit"),
    Highlight("match_current", "bold reverse underline", "$text-accent", "airbase",
              "the search hit n / N moved to"),
    Highlight("deleted", "strike", "$text-error", "[-pivot only-]", "pair view: words only the pivot has"),
    Highlight("inserted", "bold", "$text-success", "{+other only+}", "pair view: words only the other outlet has"),
    Highlight("only_here", "bold reverse", "$text-warning", "≠", "outlets shown disagree on a figure, name, date or time"),
    Highlight("context", "none", "$foreground 65%", "Another fact.",
              "sentences of the paragraph that report another passage's fact (context, not a difference)"),
    # Structure, not highlights: kept out of the legend.
    Highlight("quote", "italic", "$text-success"),
    Highlight("dim", "none", "$foreground 65%"),
    Highlight("header", "bold"),
    Highlight("cursor", "bold reverse", "$text-accent"),
    Highlight("label", "bold", "$text-primary"),
)
BY_NAME = {h.name: h for h in STYLES}


def marker_style(name: str) -> Style:
    """The highlight's text style alone, without colour: what NO_COLOR shows."""
    words = BY_NAME[name].text_style.split()
    return Style(**{word: True for word in words if word != "none"})


def aligned_view_css(widget: str) -> str:
    """The component-class rules of `widget` (the aligned view), one per highlight."""
    rules = []
    for h in STYLES:
        color = f" color: {h.color};" if h.color else ""
        rules.append(f"{widget} > .{h.css_class} {{ text-style: {h.text_style};{color} }}")
    return "\n".join(rules)


@dataclass(frozen=True, slots=True)
class Palette:
    """The styles the views draw with; the aligned view fills it from its component
    classes (theme colours), the defaults are the markers alone."""

    edit: Style = marker_style("edit")
    fact: Style = marker_style("fact")
    own_sentence: Style = marker_style("own_sentence")
    quote_variant: Style = marker_style("quote_variant")
    quote_unique: Style = marker_style("quote_unique")
    match: Style = marker_style("match")
    match_current: Style = marker_style("match_current")
    deleted: Style = marker_style("deleted")
    inserted: Style = marker_style("inserted")
    only_here: Style = marker_style("only_here")
    context: Style = marker_style("context")
    quote: Style = marker_style("quote")
    dim: Style = marker_style("dim")
    header: Style = marker_style("header")
    cursor: Style = marker_style("cursor")
    label: Style = marker_style("label")


def legend_rows(palette: Palette) -> list[tuple[str, Style, str, str]]:
    """(sample, its style, the marker without colour, meaning) per highlight of the legend."""
    return [
        (h.sample, getattr(palette, h.name), h.text_style if h.text_style != "none" else "colour only", h.meaning)
        for h in STYLES
        if h.sample
    ]
