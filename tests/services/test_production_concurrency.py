"""Two terminals in the production room step the media of the same orders at the same
moment (issue 20). Each process walks every medium of every order to done in its own
random order, stepping from what it last saw; a step the other terminal took first is
refused ("moved"), never doubled. Afterwards: every step of every medium recorded
exactly once, every order ready exactly once (one ``ready`` event, one terminal told).
Runs on a SQLite file and on the real PostgreSQL (READ COMMITTED, row locks)."""

from __future__ import annotations

import multiprocessing as mp
import random
import traceback
from collections import Counter
from itertools import pairwise

from tests.services.production_helpers import make_order, producer
from viver_tui.errors import ValidationError
from viver_tui.models import Order, OrderEvent
from viver_tui.services import staff
from viver_tui.services.production import steps
from viver_tui.services.production.panel import STEPS
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database

PROCESSES = 2
ORDERS = 6
MEDIA = 4


def _terminal(url: str, codes: list[str], who: StaffView, seed: int, start, results) -> None:
    try:
        db = open_database(url)
        rng = random.Random(seed)
        todo = list(codes)
        rng.shuffle(todo)
        start.wait(timeout=60)
        readied: list[int] = []
        for code in todo:
            seen = steps.scan(db, code, who).panel
            while seen.medium.status != "done":
                try:
                    out = steps.step(db, seen.medium.id, who, expected=seen.medium.status)
                except ValidationError:  # the other terminal moved it first
                    out = steps.scan(db, code, who)
                if out.became_ready:
                    readied.append(out.panel.order_id)
                seen = out.panel
        results.put((readied, None))
    except Exception:  # reported to the test, which fails on it
        results.put(([], traceback.format_exc()))


def test_two_terminals_step_one_orders_media(db_url: str) -> None:
    db = open_database(db_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    people = [producer(db, admin, f"p{n}") for n in range(PROCESSES)]
    made = [make_order(db, ("vhs",) * MEDIA) for _ in range(ORDERS)]
    codes = [m.code for o in made for m in o.media]
    db.close()
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_terminal, args=(db_url, codes, people[n], n, start, results))
        for n in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [err for _, err in reports if err] == []
    told = Counter(order_id for readied, _ in reports for order_id in readied)
    assert told == Counter({o.id: 1 for o in made})
    db = open_database(db_url)
    with db.connection_context():
        moves = Counter(
            (e.media_item_id, e.from_status, e.to_status)
            for e in OrderEvent.select().where(OrderEvent.action == "step")
        )
        ready_events = Counter(
            e.order_id for e in OrderEvent.select().where(OrderEvent.action == "ready")
        )
        statuses = {o.status for o in Order.select()}
    expected = {(m.id, a, b) for o in made for m in o.media for a, b in pairwise(STEPS)}
    assert set(moves) == expected and set(moves.values()) == {1}
    assert ready_events == Counter({o.id: 1 for o in made})
    assert statuses == {"ready"}
    db.close()



def test_the_last_two_media_done_at_once_make_the_order_ready(pg_url: str) -> None:
    """The race the order lock closes: terminal A has stepped medium 1 to done and not
    yet committed when terminal B steps medium 2 to done. B must wait for A's lock and
    then see medium 1 done (order ready); without the lock each would see the other's
    medium unfinished and the order would never become ready."""
    import threading

    from tests.conftest import _pg_admin
    from viver_tui.db import writing

    db = open_database(pg_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    who = producer(db, admin)
    order = make_order(db, ("vhs", "vhs"))
    first, second = order.media
    for medium in (first, second):
        seen = steps.scan(db, medium.code, who).panel
        while seen.medium.status != "checked":
            seen = steps.step(db, medium.id, who).panel
    db.close()
    a_stepped, a_may_commit = threading.Event(), threading.Event()
    told: dict[str, object] = {}

    def terminal_a() -> None:
        with writing(db):
            told["a"] = steps.step(db, first.id, who).became_ready
            a_stepped.set()
            a_may_commit.wait(timeout=60)
        db.close()

    b_connected = threading.Event()

    def terminal_b() -> None:
        a_stepped.wait(timeout=60)
        db.connect(reuse_if_open=True)  # this thread's connection, kept for the step
        told["pid"] = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        b_connected.set()
        told["b"] = steps.step(db, second.id, who).became_ready
        db.close()

    threads = [threading.Thread(target=terminal_a), threading.Thread(target=terminal_b)]
    for thread in threads:
        thread.start()
    b_connected.wait(timeout=60)
    watcher = _pg_admin()
    b_waited = False
    while threads[1].is_alive() and not b_waited:  # B either waits for A's lock or ends
        b_waited = watcher.execute_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND pid = %s", (told["pid"],)
        ).fetchone()[0] == 1
    watcher.close()
    a_may_commit.set()
    for thread in threads:
        thread.join(timeout=60)
    assert b_waited, "terminal B did not wait for the order's lock"
    assert (told["a"], told["b"]) == (False, True)
    db = open_database(pg_url)
    with db.connection_context():
        assert Order.get_by_id(order.id).status == "ready"
    db.close()
