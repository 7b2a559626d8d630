"""Whether `o` can open a web page here, or should show its address instead (only http(s)
addresses, `comparators.fetching.is_url`, are ever opened)."""

from __future__ import annotations

from collections.abc import Mapping


def opens_a_browser(environ: Mapping[str, str], platform: str, is_web: bool) -> bool:
    """True in a browser (textual-serve: the page opens there), else on a local desktop.
    Over SSH a browser would start on the far machine, or a text browser inside the
    reader's own terminal: the address is shown instead."""
    if is_web:
        return True
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return False
    if platform.startswith("linux") or "bsd" in platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return platform in ("darwin", "win32")
