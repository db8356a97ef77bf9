"""Running a service call off the UI thread and getting its answer back on it.

Every database or printer call from a screen goes through ``run_service``: the call
runs on the store executor — two threads of this process that do all the screens' store
work, so the app holds at most two database connections for it however many calls are
made or cancelled (Textual's own thread pool has cores + 4 threads, each of which
would keep a connection and its page cache for ever). The executor is also made the
event loop's default, so Textual thread workers started elsewhere share those threads.
The result (or the expected ``ViverError``) comes back to a callback on the UI thread.
Database driver errors are turned into a ``DatabaseError`` with a Norwegian message on
the way, so a locked or unreachable database is reported where it happened. Anything
else is a bug and lands in the app's error funnel (``ViverApp.report_worker_failure``).
"""

from __future__ import annotations

import asyncio
import contextvars
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from viver_tui.errors import ViverError
from viver_tui.locale.display import printable

T = TypeVar("T")

STORE_THREADS = 2
_store: ThreadPoolExecutor | None = None
_loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ThreadPoolExecutor] = (
    weakref.WeakKeyDictionary()
)


def store_executor() -> ThreadPoolExecutor:
    """The threads that do the screens' store work (made on first use, and again after
    an event loop that closed shut them down)."""
    global _store
    if _store is None or _store._shutdown:
        _store = ThreadPoolExecutor(max_workers=STORE_THREADS, thread_name_prefix="viver-store")
    return _store


def use_store_threads() -> ThreadPoolExecutor:
    """The store executor, made the running loop's default executor too: Textual's own
    thread workers (``run_worker(thread=True)``, e.g. the pickup screen's scan queue)
    then run on the same two threads and connections. Call on the UI thread."""
    executor = store_executor()
    loop = asyncio.get_running_loop()
    if _loops.get(loop) is not executor:
        loop.set_default_executor(executor)
        _loops[loop] = executor
    return executor


def run_service(
    node: DOMNode,
    call: Callable[[], T],
    *,
    on_done: Callable[[T], Any],
    on_error: Callable[[ViverError], Any] | None = None,
    exclusive: bool = False,
    group: str = "db",
    description: str = "",
) -> Worker[None]:
    """Run ``call()`` on the store executor; deliver its result to ``on_done`` on the UI
    thread, or a ViverError to ``on_error`` (default: a notification). With
    ``exclusive`` a newer call cancels an older one in the same group, and a cancelled
    call delivers nothing (search-as-you-type).
    """
    app = node.app

    def report(error: ViverError) -> None:
        if on_error is not None:
            on_error(error)
        else:
            app.notify(printable(error.message), severity="error", timeout=8, markup=False)

    def in_store_thread() -> tuple[bool, Any]:
        # In the thread, not at import: the first screen is painted without peewee.
        from viver_tui.services.failures import store_failure

        try:
            return True, call()
        except ViverError as exc:
            return False, exc
        except Exception as exc:
            failure = store_failure(app.db, exc)  # type: ignore[attr-defined]
            if failure is None:
                raise  # a bug: work() hands it to the error funnel
            return False, failure

    executor = use_store_threads()
    # The call runs in a copy of the caller's context: the app's language (locale.speaking)
    # goes with it into the store thread, so a service's message is in the app's words.
    context = contextvars.copy_context()

    async def work() -> None:
        # A cancelled worker (a newer call in an exclusive group, or staff quit) stops
        # waiting here and delivers nothing; the call itself runs to its end.
        loop = asyncio.get_running_loop()
        try:
            ok, value = await loop.run_in_executor(executor, context.run, in_store_thread)
        except Exception as exc:
            # A bug. A worker's state messages stop at its screen, so hand the error to
            # the app's funnel here; the worker still ends in ERROR for the screen.
            funnel = getattr(app, "report_worker_failure", None)
            if funnel is not None:
                funnel(exc, description or "worker")
            raise
        if ok:
            on_done(value)
        else:
            report(value)

    return node.run_worker(
        work,
        group=group,
        exclusive=exclusive,
        exit_on_error=False,
        description=description,
    )


def localize_bindings(node: DOMNode) -> None:
    """Give ``node``'s key labels in the active language.

    ``BINDINGS`` are read when the class is made, before the settings choose a
    language: declare their descriptions as catalogue keys (``"key.back"``) and call
    this from ``__init__``, so the footer shows the words of the language in use.
    """
    from dataclasses import replace

    from viver_tui.locale import t

    node._bindings.key_to_bindings = {
        key: [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
