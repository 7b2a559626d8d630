"""Headless Chromium driven over the DevTools protocol, for the tests that look at a page.

Debian's `chromium` (CI installs it: `.ci/run`). The protocol runs over a pipe
(`--remote-debugging-pipe`: commands in on fd 3, answers out on fd 4, each message
JSON ended by a NUL byte), so no port, no HTTP and no websocket library is needed.
Every wait is bounded; the browser is killed on close.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)",
)

# Flags that work in a container without a GPU or a display, and keep the browser
# quiet: no first-run, sync or update traffic, and every host but this machine
# unresolvable (a page's remote font or script fails at once instead of going out).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--remote-debugging-pipe",
)


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="synopsis-chromium-")
        to_browser, from_browser = os.pipe(), os.pipe()
        # Chromium wants the pipe on fds 3 and 4; park both ends above them first so
        # that neither dup2 overwrites the other.
        child_in = _high_fd(to_browser[0])
        child_out = _high_fd(from_browser[1])

        def onto_3_and_4() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=onto_3_and_4,
        )
        for fd in (child_in, child_out):
            os.close(fd)
        self._write = os.fdopen(to_browser[1], "wb", buffering=0)
        self._messages: queue.Queue[dict | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(from_browser[0],), daemon=True)
        self._reader.start()
        self._next_id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.page("Page.enable")
        self.page("Runtime.enable")

    # ------------------------------------------------------------ protocol

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one command and wait for its answer (events meanwhile go to `events`)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._write.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._get(deadline, method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, **params) -> dict:
        return self.call(method, self._session, **params)

    def wait_for(self, predicate, timeout: float | None = None) -> dict:
        """The first event (seen before or arriving within `timeout`) `predicate` accepts."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = 0
        while True:
            for event in self.events[seen:]:
                if predicate(event):
                    return event
            seen = len(self.events)
            self.events.append(self._get(deadline, "an event"))

    def _get(self, deadline: float, waiting_for: str) -> dict:
        left = deadline - time.monotonic()
        try:
            message = self._messages.get(timeout=max(left, 0.01))
        except queue.Empty:
            raise TimeoutError(f"chromium: no {waiting_for} within {self.timeout:g} s") from None
        if message is None:
            raise RuntimeError("chromium closed the DevTools pipe")
        return message

    def _read(self, fd: int) -> None:
        buffer = b""
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                for message in messages:
                    self._messages.put(json.loads(message))
        self._messages.put(None)

    # ------------------------------------------------------------ page helpers

    def open(self, url: str, width: int = 1280, height: int = 900, media: str = "") -> None:
        """Load `url` in a window `width` CSS pixels wide and wait for its load event."""
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=1, mobile=False,
        )
        self.page("Emulation.setEmulatedMedia", media=media)
        self.events.clear()
        self.page("Page.navigate", url=url)
        self.wait_for(lambda e: e.get("method") == "Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (the test's, not the page's code)."""
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        """A PNG of the page (`full_page`: its whole height) at the window's width."""
        result = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        path.write_bytes(base64.b64decode(result["data"]))
        return path

    def close(self) -> None:
        try:
            self._write.close()
        except OSError:
            pass
        self._process.kill()
        self._process.wait(timeout=10)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _high_fd(fd: int) -> int:
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
