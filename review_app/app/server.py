"""The review app's server: on 127.0.0.1 only, for its own Host names only, and only as long as
the ``bireview app`` that started it.

``bireview app`` runs ``python -m review_app.app.server --port P --parent-pid PID -- [ARGS]``
(:func:`command`); ARGS reach the page script as ``streamlit run streamlit_app.py -- ARGS`` would
pass them. Two guards (issue 13, "hostile input"):

* **Host check.** A foreign web page can rebind its own name to 127.0.0.1 (DNS rebinding) and
  then read this server as its own origin; the browser still sends the foreign name in ``Host``.
  So any request, plain HTTP or the ``/_stcore/stream`` websocket, whose ``Host`` is not this
  server's own ``127.0.0.1:P``, ``localhost:P`` or ``[::1]:P`` is refused with 403
  (:class:`HostGuard`). The port is required: a browser always sends it unless it is the
  scheme's default (RFC 9110, 7.2), so with P = 80 the bare names are taken too, and no other
  port can stand in for P. Streamlit serves with Starlette and uvicorn (1.67 here; Tornado
  before), and the check is a plain ASGI middleware handed to Streamlit's documented
  ``st.App(middleware=...)``; no Streamlit internals are patched. It fails closed: without
  ``st.App`` the server is not started, and if the middleware was not built into the app a
  lifespan hook ends the process (one-line error) before it answers anything.
* **Parent watch.** The server ends with the ``bireview app`` process however that ends,
  ``kill -9`` included (:func:`review_app.lifetime.watch_parent`).

Streamlit and Starlette are imported only once the server starts: ``bireview`` imports this
module just to build the command line.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from review_app.lifetime import watch_parent
from review_app.limits import DEFAULT_LIMITS

APP_FILE = Path(__file__).resolve().parent / "streamlit_app.py"
ADDRESS = "127.0.0.1"  # never all interfaces: the documents stay local
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
REFUSED = b"Forbidden: this server answers only to 127.0.0.1, localhost and [::1]\n"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class GuardError(Exception):
    """The Host check cannot be installed: the server must not start."""


def command(port: int, page_args: Sequence[str], parent_pid: int | None = None) -> list[str]:
    """The command line that starts the server on ``127.0.0.1:port`` (``bireview app`` runs it)."""
    own = ["--port", str(port), *(["--parent-pid", str(parent_pid)] if parent_pid else [])]
    return [sys.executable, "-m", "review_app.app.server", *own, "--", *page_args]


def streamlit_config(port: int) -> dict[str, Any]:
    return {
        "server.address": ADDRESS,
        "server.port": port,
        "server.headless": True,
        "browser.gatherUsageStats": False,
        "client.toolbarMode": "minimal",  # no "Deploy" button: this app is local by design
        # An upload is held in memory before it is read: no larger than a file may be.
        "server.maxUploadSize": max(1, math.ceil(DEFAULT_LIMITS.file_mb)),
    }


# -- Host check --------------------------------------------------------------------------------


def host_is_own(scope: Scope) -> bool:
    """Whether the request names this server: exactly one ``Host``, a loopback name, our port.

    The port is the one the request came in on (``scope["server"]``, the listening socket's own
    address), so it holds whichever port Streamlit bound.
    """
    hosts = [value for name, value in scope.get("headers") or () if name.lower() == b"host"]
    server = scope.get("server")
    if len(hosts) != 1 or not server:
        return False
    port = server[1]
    allowed = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        allowed.update(LOOPBACK_NAMES)
    return bool(hosts[0].decode("latin-1").lower() in allowed)


class HostGuard:
    """ASGI middleware: refuse (403) HTTP and websocket requests not addressed to this server.

    ``built`` collects each guard as Starlette builds it, for :func:`require_guard`.
    """

    def __init__(self, app: ASGIApp, built: list[HostGuard] | None = None) -> None:
        self.app = app
        if built is not None:
            built.append(self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or host_is_own(scope):
            await self.app(scope, receive, send)  # lifespan, and requests to this server
            return
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(REFUSED)).encode()),
        ]
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": REFUSED})
        elif "websocket.http.response" in (scope.get("extensions") or {}):
            await send({"type": "websocket.http.response.start", "status": 403, "headers": headers})
            await send({"type": "websocket.http.response.body", "body": REFUSED})
        else:  # closing before accepting: the ASGI server answers the handshake with 403
            await send({"type": "websocket.close", "code": 1008})


def require_guard(
    built: list[HostGuard],
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """A lifespan that ends the process before it serves anything if no guard was built.

    Starlette builds the middleware stack on its first call, the lifespan startup, so by the
    time this runs the guard exists or never will. ``os._exit`` rather than an exception: an
    ASGI server may take a failing lifespan for "no lifespan support" and serve on.
    """

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        if not built:
            fail("the Host check is not in the server's middleware; not starting")
        yield

    return lifespan


def fail(message: str) -> None:
    print(f"bireview: error: {message}", file=sys.stderr, flush=True)
    os._exit(2)


def build_app() -> Any:
    """The review app as an ``st.App`` with :class:`HostGuard` in front of every route."""
    import streamlit

    app_class = getattr(streamlit, "App", None)
    if app_class is None or not hasattr(app_class, "run"):
        raise GuardError(
            f"Streamlit {streamlit.__version__} has no st.App to add the Host check to; "
            "not starting (pip install -U streamlit)"
        )
    from starlette.middleware import Middleware

    built: list[HostGuard] = []
    try:
        return app_class(
            str(APP_FILE),
            middleware=[Middleware(HostGuard, built=built)],
            lifespan=require_guard(built),
        )
    except TypeError as error:
        raise GuardError(f"st.App takes no middleware here ({error}); not starting") from error


# -- entry -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``--port P [--parent-pid PID] -- [PAGE ARGS]``: serve the review app until stopped."""
    import argparse

    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(prog="python -m review_app.app.server")
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1")
    parser.add_argument("--parent-pid", type=int, help="end when this process ends")
    options = parser.parse_args(argv[:split])
    if options.parent_pid:
        watch_parent(options.parent_pid)
    try:
        app = build_app()
    except GuardError as error:
        print(f"bireview: error: {error}", file=sys.stderr, flush=True)
        return 2
    # As `streamlit run streamlit_app.py -- ARGS` sets it: the page reads its arguments here.
    sys.argv = [str(APP_FILE), *argv[split + 1 :]]
    app.run(config=streamlit_config(options.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
