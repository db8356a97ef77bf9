"""Running a service call off the UI thread and getting its answer back on it.

Every database or printer call from a screen goes through ``run_service``: the call
runs in a Textual thread worker, its result (or its expected ``ViverError``) comes
back to a callback on the UI thread. Database driver errors are turned into a
``DatabaseError`` with a Norwegian message on the way, so a locked or unreachable
database is reported where it happened. Anything else is a bug and lands in the
app's error funnel (``ViverApp.report_worker_failure``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from viver_tui.errors import ViverError
from viver_tui.locale.display import printable

T = TypeVar("T")


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
    """Run ``call()`` in a thread worker; deliver its result to ``on_done`` on the UI
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

    def work() -> None:
        # In the worker, not at import: the first screen is painted without peewee.
        from viver_tui.services.failures import store_failure

        worker = get_current_worker()

        def deliver(callback: Callable[[Any], Any], value: Any) -> None:
            if worker.is_cancelled:
                return
            # RuntimeError: staff quit while this ran; there is no screen left to tell.
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(callback, value)

        try:
            result = call()
        except ViverError as exc:
            deliver(report, exc)
            return
        except Exception as exc:
            failure = store_failure(app.db, exc)  # type: ignore[attr-defined]
            if failure is not None:
                deliver(report, failure)
                return
            # A bug. A worker's state messages stop at its screen, so hand the error to
            # the app's funnel here; the worker still ends in ERROR for the screen.
            funnel = getattr(app, "report_worker_failure", None)
            if funnel is not None:
                with contextlib.suppress(RuntimeError):
                    app.call_from_thread(funnel, exc, description or "worker")
            raise
        deliver(on_done, result)

    return node.run_worker(
        work,
        thread=True,
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
