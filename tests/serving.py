"""An aiohttp app on aiohttp's real server, on a free 127.0.0.1 port, for the tests to
drive with a real HTTP client (httpx).

The server runs in a thread with its own event loop, as ``viver serve`` runs in its own
process: a synchronous test can block on its client, and an async test's event loop
(the counter app's, under Pilot) is not the server's."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from aiohttp import web


@contextmanager
def running(app: web.Application,
            new_loop: Callable[[], asyncio.AbstractEventLoop] = asyncio.new_event_loop,
            ) -> Iterator[str]:
    """``app`` served until the block ends; yields its base URL (``http://127.0.0.1:N``).
    ``new_loop`` makes the server's event loop (a test may give one without
    ``sendfile``, as uvloop's)."""
    loop = new_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5)

    def run(coro) -> None:  # type: ignore[no-untyped-def]
        asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    try:
        run(runner.setup())
        run(web.SockSite(runner, sock).start())
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        try:
            run(runner.cleanup())
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()
            sock.close()
