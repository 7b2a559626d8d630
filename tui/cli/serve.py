"""`synopsis serve [STORY...]`: the reader in a web browser, through textual-serve.

Each browser tab that connects starts its own reader (`synopsis open`) on the story.
The command it runs is built from a fixed argument list: the story paths and option
values are separate argv items, joined with `shlex.join` because textual-serve takes
a shell command line. There is no authentication: the server binds to 127.0.0.1
unless told otherwise, and must sit behind an authenticating proxy when exposed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tui.cli.story_args import add_story_arguments, checked_settings, story_from_args
from tui.exit_codes import EXIT_BAD_INPUT

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_EVERY_INTERFACE = ("0.0.0.0", "::", "")  # wildcard addresses, which no browser can connect to


# The page may load and connect to its own server only: textual-serve's page asks
# for a web font from a third party, which a reader's browser need not tell anything.
# The server is named as well as 'self': the page loads its script and opens its socket
# at the address the server announces, which is not 'self' for a browser that reached
# it by another name (http://localhost:8000 for http://127.0.0.1:8000).
def content_security_policy(public_url: str) -> str:
    """The Content-Security-Policy of every response of a server reached at `public_url`."""
    address = urlsplit(public_url)
    server = f"{address.scheme}://{address.netloc}"
    socket = f"{'wss' if address.scheme == 'https' else 'ws'}://{address.netloc}"
    return (
        f"default-src 'self' {server}; script-src 'self' {server} 'unsafe-inline'; "
        f"style-src 'self' {server} 'unsafe-inline'; img-src 'self' {server} data:; "
        f"font-src 'self' {server} data:; connect-src 'self' {server} {socket}; "
        "frame-ancestors 'none'"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_story_arguments(parser)
    parser.add_argument(
        "--review", type=Path, metavar="FILE", help="keep marks and notes in FILE (as `open`)"
    )
    server = parser.add_argument_group("server (no authentication: keep it local, or behind one)")
    server.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    server.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})"
    )
    server.add_argument(
        "--public-url",
        type=_public_url,
        metavar="URL",
        help="the address browsers reach the server at, when it sits behind a proxy",
    )


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def _public_url(text: str) -> str:
    address = urlsplit(text)
    # It goes into the page's Content-Security-Policy: nothing that would end a source there.
    if address.scheme not in ("http", "https") or not address.hostname or any(
        c.isspace() or c in "';," for c in text
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) address (such as https://reader.example.org)"
        )
    # textual-serve appends "/static/...": a trailing slash made "//static", not found.
    return text.rstrip("/")


def reader_command(args: argparse.Namespace) -> list[str]:
    """The argv of the reader each browser session runs: `synopsis open` on the story.

    The story was loaded once already (pages fetched, a `--save` folder written), so
    the reader opens the saved folder or reads fetched pages from the cache.
    """
    argv = [sys.executable, "-m", "tui.cli", "open", "--offline"]
    for option, value in (
        ("--threshold", args.threshold),
        ("--comparator", args.comparator),
        ("--granularity", args.granularity),
        ("--pivot", args.pivot),
        ("--review", args.review),
    ):
        if value is not None:
            argv += [option, str(value)]
    story = [str(args.save)] if args.save is not None else args.story
    return [*argv, "--", *story]


def run(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "synopsis: serve needs textual-serve: pip install 'synopsis[serve]'", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    import asyncio
    import signal

    from aiohttp import web  # textual-serve's own server

    # Bad input stops here with one line, not in every browser tab later.
    if args.review is not None:
        from comparators.review_store import check_review_path

        check_review_path(args.review)
    story = story_from_args(args)
    checked_settings(story, args)
    sessions: set[asyncio.Task] = set()  # one a browser tab

    class LocalOnlyServer(Server):
        async def _make_app(self):
            app = await super()._make_app()
            policy = content_security_policy(self.public_url)

            async def add_policy(request, response) -> None:
                response.headers["Content-Security-Policy"] = policy

            app.on_response_prepare.append(add_policy)
            return app

        async def on_startup(self, app) -> None:
            # textual-serve announces itself here: before the port is bound (so also when
            # binding then fails) and through Rich markup, which ate `[red]` in file names.
            pass

        async def handle_websocket(self, request):
            session = asyncio.current_task()
            sessions.add(session)
            try:
                return await super().handle_websocket(request)
            finally:
                sessions.discard(session)

        async def on_shutdown(self, app) -> None:
            # An open tab's session waits for the browser's next message before it stops
            # its reader: Ctrl+C took some 20 s. Cancelled, it closes the tab and stops
            # the reader at once.
            for session in list(sessions):
                session.cancel()

        def serve(self, debug: bool = False) -> None:
            # Server.serve, but saying where it listens once the port is bound.
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(
                self._make_app(), host=self.host, port=self.port, handle_signals=False,
                loop=loop, print=lambda *_: print(_listening(self.public_url), flush=True),
            )

    public_url = args.public_url
    if public_url is None and args.host in _EVERY_INTERFACE:
        # The page's script and socket would point at 0.0.0.0, which no browser elsewhere reaches.
        print(
            f"synopsis: --host {args.host} listens on every interface, so browsers need this "
            f"machine's own address: add --public-url http://NAME:{args.port}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if public_url is None and ":" in args.host:
        # An IPv6 address: textual-serve wrote http://::1:8000, where the page's script
        # and socket then pointed; a URL puts the address in brackets.
        public_url = f"http://[{args.host}]:{args.port}"
    server = LocalOnlyServer(
        shlex.join(reader_command(args)),
        host=args.host,
        port=args.port,
        title="synopsis",
        public_url=public_url,
    )
    try:
        server.serve()
    except OSError as error:  # the port taken, an address not this machine's, a host unknown
        print(f"synopsis: cannot listen on {args.host}:{args.port}: {_listen_problem(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _listening(url: str) -> str:
    return f"synopsis: serving the reader at {url} (no authentication); Ctrl+C stops it"


def _listen_problem(error: OSError) -> str:
    # aiohttp words it "error while attempting to bind on address (...): ..."; the errno says it plainly.
    if error.errno and error.errno > 0:
        return os.strerror(error.errno)
    return error.strerror or str(error)  # a host name that does not resolve: no errno of the OS
