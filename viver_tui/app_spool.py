"""The app's spool cleaning: the preview spool's retention, at start and daily.

``AppSpoolCleaner(app).start()`` cleans once and then on a daily timer; each round runs
in a thread of its own (file work never on the UI thread, nor on the two store threads)
and posts what it found to the UI thread (``post_from_thread``, never waited for):
prints of customers erased at any terminal leave the preview pane, and a failure goes
to the app's error funnel. Each round also purges e-mails past the warranty period
(``services/mail/privacy.py``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from viver_tui.errors import ViverError


class AppSpoolCleaner:
    EVERY_S = 24 * 3600.0  # and once at start

    def __init__(self, app: Any) -> None:
        self.app = app
        self.timer: Any = None  # the daily round (Textual's timer, on the app)

    def start(self) -> None:
        self.clean()
        self.timer = self.app.set_interval(self.EVERY_S, self.clean)

    def clean(self) -> threading.Thread:
        """Delete previews older than ``spool_retention_days``, in a thread of its own."""
        app = self.app
        spool_dir, days = app.settings.spool_dir, app.settings.spool_retention_days
        db = app._db
        keep_mail = app.settings.mail_keep_days

        def work() -> None:
            import peewee

            from viver_tui import clock
            from viver_tui.db import forget_connection
            from viver_tui.services.mail.privacy import purge_sent
            from viver_tui.services.spool import clean_spool

            try:
                clean_spool(spool_dir, days)
                if db is not None:  # erasures made at any terminal reach this spool too
                    erased = _erased_from_spool(db, spool_dir, days)
                    app.post_from_thread(lambda: self._forget_erased_prints(erased))
            except (OSError, ViverError, peewee.PeeweeException) as exc:
                # a file that cannot go now goes at the next round
                error = exc
                app.post_from_thread(lambda: app.report_worker_failure(error, "clean-spool"))
            try:  # e-mails past the warranty period (services/mail/privacy.py)
                purge_sent(app.db, keep_mail, clock.today())
            except Exception as exc:  # the store: tried again at the next round
                failure = exc
                app.post_from_thread(lambda: app.report_worker_failure(failure, "purge-mail"))
            finally:
                forget_connection(app.db)

        thread = threading.Thread(target=work, name="clean-spool", daemon=True)
        thread.start()
        return thread

    def _forget_erased_prints(self, job_ids: set[int]) -> None:
        if self.app.print_queue is not None:
            self.app.print_queue.forget_jobs(job_ids)


def _erased_from_spool(db: Any, spool_dir: Path, days: int) -> set[int]:
    """The erasure ledger applied to this terminal's spool, on the cleaning thread's own
    connection, closed again (the app's two store threads keep theirs); the erased
    customers' print jobs."""
    from viver_tui.services.privacy.ledger import apply_to_spool, erased_jobs

    try:
        apply_to_spool(db, spool_dir, days)
        return erased_jobs(db, days)
    finally:
        db.close()
