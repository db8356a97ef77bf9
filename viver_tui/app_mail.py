"""The app's mail worker thread, and what the status bar says about e-mail.

``AppMail(app).start()`` runs ``services.mail.sender.MailRunner`` on a daemon thread
(the screen never waits for the mail server or for the outbox's database work). Each
message's outcome is posted to the UI thread (``post_from_thread``); the app's
``mail_status`` reactive holds how many messages need staff ("1 e-post feilet, 0
usikre — F1"), shown by every screen's ``StatusBar`` in warning colour, as printer
problems are, until staff have dealt with them in the outbox (F1). Listeners (the
outbox screen, the letter progress) follow each outcome.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from viver_tui.locale import t

QUIET_S = 0.5  # sent messages' outcomes reach the screen at most this often


class AppMail:
    def __init__(self, app: Any) -> None:
        from viver_tui.services.mail.sender import MailRunner, MailWorker

        self.app = app
        self.stopped = False
        self.listeners: list[Callable[[Any], None]] = []
        self._last_quiet = 0.0  # when a sent message's outcome last went to the screen
        self.worker = MailWorker(app.db, app.settings)
        self.runner = MailRunner(self.worker, on_outcome=self._from_thread,
                                 on_error=self._error, on_start=self._counted)

    def start(self) -> None:
        self.runner.start()

    def stop(self) -> None:
        self.stopped = True
        self.runner.stop(timeout=0.5)

    def wake(self) -> None:
        self.runner.wake()

    def _from_thread(self, outcome: Any) -> None:
        """A message's outcome, on the mail thread. Sent and skipped ones reach the
        screen at most every ``QUIET_S`` (a letter run sends hundreds a second: each
        one handed to the UI thread would keep it from ever being idle); anything that
        needs staff goes at once."""
        if self.stopped:
            return
        if outcome.state in ("sent", "skipped"):
            now = time.monotonic()
            if now - self._last_quiet < QUIET_S:
                return
            self._last_quiet = now
        with contextlib.suppress(RuntimeError):  # the app has stopped: it is in the database
            self.app.post_from_thread(partial(self._show, outcome))

    def _error(self, error: BaseException) -> None:
        if self.stopped:
            return
        with contextlib.suppress(RuntimeError):
            self.app.post_from_thread(partial(self._set, t("error.database", error=error)))

    def _counted(self, attention: Any) -> None:
        """At start: messages that needed staff before (failed, uncertain) still do."""
        if self.stopped:
            return
        with contextlib.suppress(RuntimeError):
            self.app.post_from_thread(partial(self.attention, attention))

    def _show(self, outcome: Any) -> None:
        if outcome.state != "sent":
            self.attention(outcome.attention)
        for listener in list(self.listeners):
            listener(outcome)

    def attention(self, attention: Any) -> None:
        """The count of messages needing staff, as the outbox or a worker saw it."""
        self._set(attention.text if attention.total else "")

    def _set(self, text: str) -> None:
        self.app.mail_status = text
