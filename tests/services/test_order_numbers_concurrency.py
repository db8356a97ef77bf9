"""Terminals at the same moment: order numbers, media codes and confirm racing add."""

from __future__ import annotations

import multiprocessing as mp
import traceback

from tests.signing_in import as_staff
from viver_tui.models import Order
from viver_tui.services import customers, intake, orders
from viver_tui.services.customers import CustomerInput
from viver_tui.store import open_database

PROCESSES = 4
ORDERS_EACH = 50


def _run_together(target, arg_sets: list[tuple], timeout: float = 180) -> list[tuple]:
    """Start one spawned process per ``arg_sets`` entry, calling ``target(*args, start,
    results)``; they wait on one barrier so they really run at the same moment. Returns
    what each put on ``results`` (``(who, value, error or None)``)."""
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(len(arg_sets))
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, start, results)) for args in arg_sets]
    for p in procs:
        p.start()
    reports = [results.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return reports


def _terminal(url: str, customer_id: int, staff: str, start, results) -> None:
    try:
        db = open_database(url)
        start.wait(timeout=30)
        numbers = [intake.open_order(db, customer_id, staff).number for _ in range(ORDERS_EACH)]
        results.put((staff, numbers, None))
    except Exception:  # reported to the test, which fails on it
        results.put((staff, [], traceback.format_exc()))


def test_concurrent_order_numbers(db_url: str) -> None:
    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    db.close()
    reports = _run_together(
        _terminal, [(db_url, cid, f"T{i}") for i in range(PROCESSES)], timeout=120
    )
    errors = [err for _, _, err in reports if err]
    assert errors == []
    numbers = [n for _, nums, _ in reports for n in nums]
    assert len(numbers) == PROCESSES * ORDERS_EACH
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == list(range(100_001, 100_001 + len(numbers)))  # no gaps
    for _, nums, _ in reports:
        assert nums == sorted(nums)  # each terminal sees its numbers rise
    with db.connection_context():
        assert Order.select().count() == len(numbers)


# --- media on one draft, and confirm racing add (PostgreSQL loses these without locks) ----

ADDERS = 3
MEDIA_EACH = 12
ROUNDS = 15


def _adder(url: str, order_id: int, staff: str, start, results) -> None:
    from viver_tui.config import Settings
    from viver_tui.services.intake import MediumInput

    try:
        db = open_database(url)
        kinds = Settings().media_kinds
        start.wait(timeout=60)
        codes = []
        for i in range(MEDIA_EACH):
            view = intake.add_medium(db, order_id, MediumInput("vhs", f"{staff} {i}"), kinds, staff)
            codes.append(next(m.code for m in view.media if m.description == f"{staff} {i}"))
        results.put((staff, codes, None))
    except Exception:
        results.put((staff, [], traceback.format_exc()))


def test_concurrent_add_medium_on_one_draft_gives_distinct_codes(db_url: str) -> None:
    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    order = intake.open_order(db, cid, "T")
    db.close()
    reports = _run_together(
        _adder, [(db_url, order.id, f"T{i}") for i in range(ADDERS)], timeout=180
    )
    assert [err for _, _, err in reports if err] == []
    codes = [c for _, cs, _ in reports for c in cs]
    expected = [f"{order.number}-{seq:02d}" for seq in range(1, ADDERS * MEDIA_EACH + 1)]
    assert sorted(codes) == expected  # every add succeeded, each with its own code
    view = orders.load_for_reading(db, order.id)
    assert [m.seq for m in view.media] == list(range(1, ADDERS * MEDIA_EACH + 1))
    assert view.estimate_ore == 29900 * ADDERS * MEDIA_EACH


def _racer(url: str, role: str, order_ids: list[int], start, results) -> None:
    from viver_tui.config import Settings
    from viver_tui.errors import ValidationError
    from viver_tui.services.intake import MediumInput, OrderDetails

    try:
        db = open_database(url)
        kinds = Settings().media_kinds
        outcomes = []
        for order_id in order_ids:
            start.wait(timeout=60)
            try:
                if role == "confirm":
                    view = intake.confirm_order(db, order_id, OrderDetails(shelf="A1"), role)
                    outcomes.append(("confirmed", len(view.media)))
                else:
                    intake.add_medium(db, order_id, MediumInput("minidv"), kinds, role)
                    outcomes.append(("added", 0))
            except ValidationError:  # the order was confirmed first: refused, clearly
                outcomes.append(("refused", 0))
        results.put((role, outcomes, None))
    except Exception:
        results.put((role, [], traceback.format_exc()))


def test_confirm_and_add_medium_exclude_each_other(db_url: str) -> None:
    from viver_tui.config import Settings
    from viver_tui.models import MediaItem, PrintJob
    from viver_tui.services.intake import MediumInput

    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    order_ids = []
    for _ in range(ROUNDS):
        order = intake.open_order(db, cid, "T")
        intake.add_medium(db, order.id, MediumInput("vhs"), Settings().media_kinds, "T")
        order_ids.append(order.id)
    db.close()
    together = _run_together(
        _racer, [(db_url, role, order_ids) for role in ("confirm", "add")]
    )
    reports = {role: (outcomes, err) for role, outcomes, err in together}
    assert reports["confirm"][1] is None and reports["add"][1] is None, reports
    confirmed, added = reports["confirm"][0], reports["add"][0]
    assert [c[0] for c in confirmed] == ["confirmed"] * ROUNDS  # confirming never fails
    with db.connection_context():
        for order_id, (_, shown), (what, _) in zip(order_ids, confirmed, added, strict=True):
            row = Order.get_by_id(order_id)
            media = list(MediaItem.select().where(MediaItem.order == order_id))
            labels = [j.media_item_id for j in PrintJob.select().where(
                (PrintJob.order == order_id) & (PrintJob.kind == "media_label"))]
            assert row.status == "received"  # never back to draft
            assert len(media) == (2 if what == "added" else 1)
            assert shown == len(media)  # what confirm reported is what is stored
            assert sorted(labels) == sorted(m.id for m in media)  # one label per medium
            assert {m.status for m in media} == {"received"}


def test_a_deadlock_on_postgresql_is_retried_then_succeeds(pg_url: str) -> None:
    """Two terminals lock two orders in opposite order: PostgreSQL aborts one with
    "deadlock detected"; ``retrying`` runs that transaction again and both succeed."""
    import threading

    from viver_tui.db import retrying, writing

    db = open_database(pg_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    first, second = (intake.open_order(db, cid, "T").id for _ in range(2))
    both_hold_one = threading.Barrier(2)
    runs: list[str] = []
    errors: list[BaseException] = []

    def terminal(name: str, a: int, b: int) -> None:
        def transaction() -> None:
            runs.append(name)
            with writing(db):
                orders.order_row(a, lock=True)
                if runs.count(name) == 1:  # the first run: make sure the locks cross
                    both_hold_one.wait(timeout=30)
                orders.order_row(b, lock=True)
                Order.update(shelf=name).where(Order.id.in_([a, b])).execute()

        try:
            retrying(db, transaction)
        except BaseException as exc:  # reported to the test, which fails on it
            errors.append(exc)
        finally:
            db.close()

    threads = [
        threading.Thread(target=terminal, args=("A", first, second)),
        threading.Thread(target=terminal, args=("B", second, first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(runs) in (["A", "A", "B"], ["A", "B", "B"])  # one of them ran twice
    with db.connection_context():
        shelves = {o.shelf for o in Order.select().where(Order.id.in_([first, second]))}
    assert len(shelves) == 1  # the one that ran last wrote both


# --- order details: forms saved on a version, from several terminals ---------------------

APPENDS = 8


def _appender(url: str, order_id: int, staff: str, start, results) -> None:
    from viver_tui.errors import EditConflict
    from viver_tui.services.intake import OrderDetails

    try:
        db = open_database(url)
        start.wait(timeout=60)
        conflicts = 0
        for i in range(APPENDS):
            view = orders.load_for_reading(db, order_id, with_events=False)
            while True:  # a person who is told what changed types their line again
                details = OrderDetails(view.shelf, "", f"{view.notes}\n{staff}-{i}".strip())
                try:
                    intake.update_details(db, order_id, details, staff, version=view.version)
                    break
                except EditConflict:
                    conflicts += 1
                    view = orders.load_for_reading(db, order_id, with_events=False)
        results.put((staff, conflicts, None))
    except Exception:
        results.put((staff, 0, traceback.format_exc()))


def test_details_forms_on_several_terminals_lose_no_line(db_url: str) -> None:
    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    order = intake.open_order(db, cid, "T")
    db.close()
    reports = _run_together(
        _appender, [(db_url, order.id, f"T{i}") for i in range(ADDERS)], timeout=180
    )
    assert [err for _, _, err in reports if err] == []
    view = orders.load_for_reading(db, order.id, with_events=False)
    lines = view.notes.split("\n")
    expected = {f"T{p}-{i}" for p in range(ADDERS) for i in range(APPENDS)}
    assert sorted(lines) == sorted(expected)  # every line typed is there, once
    assert view.version == 1 + ADDERS * APPENDS  # one version per save
