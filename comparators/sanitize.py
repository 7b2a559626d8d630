"""Making untrusted article text safe to print in a terminal.

Article files come from anywhere; an escape sequence in one could move the
cursor, retitle the window or hide text. Every view and report passes text
through `strip_control` before it reaches the terminal.
"""

from __future__ import annotations

import re

# ANSI/ECMA-48 escapes: CSI (ESC [ ... final byte), OSC/DCS/SOS/PM/APC strings
# (ESC ] ... BEL or ST), the 8-bit C1 forms of both, and two-byte ESC sequences.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])         # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x80-\x9f]*(?:\x07|\x1b\\|\x9c)        # ... up to BEL or ST; unended,
                                                      # only the opener goes (text stays)
    | \x1b[ -/]*[0-~]                                 # other ESC sequences
    """,
    re.VERBOSE,
)
# C0 and C1 controls and DEL, except tab and newline; and the invisible formatting
# controls: bidi embeddings, overrides, isolates and marks (they reorder what the
# terminal shows: "Trojan Source"), zero-width and invisible operators, deprecated
# format characters, interlinear annotations and tag characters (hidden text).
# U+200C/U+200D stay: Persian and emoji need them.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def strip_control(text: str) -> str:
    """`text` without escape sequences, control characters (tab and newline kept) or
    invisible formatting controls such as bidi overrides."""
    if text.isprintable():  # the common case: nothing to do (formatting controls are not printable)
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
