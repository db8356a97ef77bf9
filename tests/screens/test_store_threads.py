"""Store work runs on two dedicated threads however many calls are made: the bound on
database connections (and so on their page caches) holds by design."""

from __future__ import annotations

import threading

from tests.screens.helpers import settle
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.screens.base import STORE_THREADS, run_service
from viver_tui.services import search


async def test_service_calls_and_thread_workers_share_the_store_threads(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        threads: list[str] = []
        answers: list[int] = []
        barrier = threading.Barrier(STORE_THREADS, timeout=5)

        def call() -> int:
            threads.append(threading.current_thread().name)
            if len(threads) <= STORE_THREADS:
                barrier.wait()  # the first calls hold every store thread at once
            return len(search.search(app.db, "kari"))

        for _ in range(30):
            run_service(app.screen, call, on_done=answers.append)
        # A Textual thread worker started anywhere lands on the same threads.
        app.screen.run_worker(
            lambda: threads.append(threading.current_thread().name), thread=True
        )
        await settle(app, pilot)
        assert answers == [0] * 30
        assert len(threads) == 31
        assert all(name.startswith("viver-store") for name in threads)
        assert len(set(threads)) == STORE_THREADS
