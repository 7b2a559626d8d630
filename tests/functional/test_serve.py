"""`synopsis serve`: the reader in a web browser, bound to this machine by default, the
reader's command built from a fixed argument list; then loaded in headless Chromium."""

from __future__ import annotations

import base64
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


import browser as chromium_driver
from browser import Browser, needs_chromium

from tui.cli.main import build_parser
from tui.cli.serve import DEFAULT_HOST, reader_command

REPO = Path(__file__).resolve().parents[2]
# Escape sequences and the web driver's packet headers between the drawn words.
TERMINAL_CODES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def serve_args(*argv: str):
    return build_parser().parse_args(["serve", *argv])


def test_it_listens_on_this_machine_only_unless_told():
    args = serve_args()
    assert (args.host, args.port) == (DEFAULT_HOST, 8000) == ("127.0.0.1", 8000)
    assert serve_args("--host", "0.0.0.0", "--port", "9001").port == 9001


def test_a_public_url_with_a_trailing_slash_serves_a_page_whose_script_loads():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port),
         "--public-url", f"http://127.0.0.1:{port}/"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        process.stdout.readline()  # listening
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            script = re.search(r'<script src="([^"]+)"', page.read().decode()).group(1)
        # With the slash kept, the page asked for http://127.0.0.1:PORT//static/..., not found.
        assert script == f"http://127.0.0.1:{port}/static/js/textual.js"
        with urllib.request.urlopen(script, timeout=30) as loaded:
            assert loaded.status == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def test_a_public_url_that_is_not_an_http_address_is_refused(capsys):
    for bad in ("reader.example.org", "ftp://reader.example.org", "https://", "https://a b"):
        with pytest.raises(SystemExit) as stopped:
            serve_args("--public-url", bad)
        assert stopped.value.code == 2
        assert f"argument --public-url: {bad!r} is not an http(s) address" in capsys.readouterr().err


def test_story_paths_stay_single_arguments_of_the_reader_command():
    hostile = ["a story; touch /tmp/pwned.txt", "$(reboot)", "-rf", "it's.txt"]
    args = serve_args("--pivot", "ap", "--threshold", "0.4", "--", *hostile)
    argv = reader_command(args)
    assert argv[:4] == [sys.executable, "-m", "tui.cli", "open"]
    assert argv[argv.index("--pivot") + 1] == "ap" and argv[argv.index("--threshold") + 1] == "0.4"
    # After `--`, every path exactly as given, and the shell line splits back to the same list.
    assert argv[argv.index("--") + 1 :] == hostile
    assert shlex.split(shlex.join(argv)) == argv


def test_a_saved_story_is_what_each_session_opens(tmp_path):
    args = serve_args("https://example.org/a", "--save", str(tmp_path / "kept"))
    assert reader_command(args)[-2:] == ["--", str(tmp_path / "kept")]


def test_a_bad_story_stops_it_before_listening(tmp_path):
    missing = tmp_path / "nope.txt"
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", str(missing), "--port", str(free_port())],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert done.returncode == 2
    assert "nope.txt" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr and "Serving" not in done.stdout


def test_a_port_already_taken_is_named_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60, cwd=REPO,
        )
    assert done.returncode == 2
    assert done.stderr == f"synopsis: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert "serving" not in done.stdout.lower()  # no "Press Ctrl+C to quit" for a server that never ran


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_every_interface_without_a_public_url_is_refused_naming_what_to_add(host):
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", "--host", host, "--port", "8765"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"synopsis: --host {host} listens on every interface, so browsers need this machine's own "
        "address: add --public-url http://NAME:8765\n"
    )


def test_it_says_where_it_listens_once_bound_and_ctrl_c_stops_it(tmp_path):
    # File names with markup-like brackets must not reach Rich (textual-serve's banner ate them).
    for name, seed in zip(("[red]a.txt", "[bold]b.txt"), sorted((REPO / "seeds").glob("*.txt"))):
        (tmp_path / name).write_bytes(seed.read_bytes())
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), "[red]a.txt", "[bold]b.txt"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stdout.readline()
        assert first == (
            f"synopsis: serving the reader at http://127.0.0.1:{port} (no authentication);"
            " Ctrl+C stops it\n"
        )
        with socket.socket() as probe:  # announced only once it really listens
            assert probe.connect_ex(("127.0.0.1", port)) == 0
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0 and err == ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "synopsis serve exited early"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"synopsis serve did not listen on port {port} within {timeout:g} s")


@pytest.fixture
def server():
    """`synopsis serve` on the seed story and a free port; stopped, with its readers, after."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the readers it starts stop with it
    )
    try:
        wait_for_port(port, process, timeout=30)
        yield port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        try:  # a reader the server had started and not yet stopped
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.slow
def test_the_page_may_load_from_its_own_server_only(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/", timeout=30) as page:
        policy = page.headers["Content-Security-Policy"]
        body = page.read().decode()
    own = f"http://127.0.0.1:{server}"
    assert f"default-src 'self' {own};" in policy
    assert f"connect-src 'self' {own} ws://127.0.0.1:{server};" in policy
    assert f"font-src 'self' {own} data:;" in policy and f"style-src 'self' {own} 'unsafe-inline';" in policy
    assert "googleapis" not in policy and "*" not in policy
    assert 'id="terminal"' in body  # textual-serve's page, served with the policy


def frame_text(event: dict) -> str:
    response = event["params"]["response"]
    data = response["payloadData"]
    if response.get("opcode") == 2:  # binary frames arrive base64-encoded
        data = base64.b64decode(data).decode("utf-8", "replace")
    return TERMINAL_CODES.sub("", data)


@needs_chromium
@pytest.mark.slow
# http://localhost:8000 is the same server by another name: the page's script and socket
# still point at 127.0.0.1, which the page's policy must allow (it drew nothing before).
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_page_shows_the_reader_with_every_outlet(server, seed_story, host, monkeypatch):
    monkeypatch.setattr(chromium_driver, "FLAGS", tuple(
        flag.replace("=MAP * ~NOTFOUND", "=MAP localhost 127.0.0.1 , MAP * ~NOTFOUND")
        for flag in chromium_driver.FLAGS
    ))
    outlets = {source.outlet for source in seed_story.sources}
    with Browser(timeout=60) as browser:
        browser.page("Network.enable")
        browser.open(f"http://{host}:{server}/", width=1280, height=800)
        seen = ""
        deadline = time.monotonic() + 60
        while not all(name in seen for name in outlets) and time.monotonic() < deadline:
            event = browser.wait_for(
                lambda e: e.get("method") == "Network.webSocketFrameReceived" and "_seen" not in e,
                timeout=max(deadline - time.monotonic(), 1),
            )
            event["_seen"] = True
            seen += frame_text(event)
        missing = sorted(name for name in outlets if name not in seen)
        assert not missing, f"the page never drew {missing}"
        # The page itself says it has drawn the reader's bytes into its terminal.
        assert browser.evaluate("document.body.classList.contains('-first-byte')")


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_host_is_announced_and_served_as_a_url_in_brackets():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--host", "::1", "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        url = f"http://[::1]:{port}"
        first = process.stdout.readline()
        assert first.startswith(f"synopsis: serving the reader at {url} ("), first
        with urllib.request.urlopen(url + "/", timeout=30) as page:
            body = page.read().decode()
            policy = page.headers["Content-Security-Policy"]
        # The page loads its script from, and opens its socket to, an address a browser can use.
        assert f'src="{url}/static/js/textual.js"' in body and f"ws://[::1]:{port}/ws" in body
        assert f"connect-src 'self' {url} ws://[::1]:{port};" in policy
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@needs_chromium
@pytest.mark.slow
def test_ctrl_c_with_a_tab_open_stops_the_server_and_its_reader_at_once():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "serve", "--port", str(port)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # the server and the readers it starts: one process group
    )
    try:
        wait_for_port(port, process, timeout=30)
        with Browser(timeout=60) as browser:
            browser.page("Network.enable")
            browser.open(f"http://127.0.0.1:{port}/", width=1280, height=800)
            # The tab's reader has started once it draws into the page.
            browser.wait_for(lambda e: e.get("method") == "Network.webSocketFrameReceived", timeout=60)
            process.send_signal(signal.SIGINT)
            started = time.monotonic()
            _, err = process.communicate(timeout=30)  # it took some 20 s with a tab open
            stopped = time.monotonic() - started
        assert process.returncode == 0 and "Traceback" not in err
        assert stopped < 8, f"Ctrl+C took {stopped:.1f} s to stop the server"
        deadline = time.monotonic() + 5
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not group_alive(process.pid), "a reader outlived the server"
    finally:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
