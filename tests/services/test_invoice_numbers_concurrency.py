"""Four terminals issuing invoices at the same moment, on SQLite and PostgreSQL: every
order is invoiced exactly once, and the numbers run 1, 2, 3 … with no gap and no
duplicate (bokføringsforskriften § 5-1-1)."""

from __future__ import annotations

import random
import traceback
from pathlib import Path

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from tests.services.test_order_numbers_concurrency import _run_together
from viver_tui.db import reading
from viver_tui.models import Document
from viver_tui.services.intake import MediumInput
from viver_tui.store import open_database

TERMINALS = 4
ORDERS = 24  # each terminal tries every order, in its own order


def _terminal(url: str, settings, who, order_ids: list[int], seed: int, start, results) -> None:
    from viver_tui.services import documents

    try:
        db = open_database(url)
        mine = list(order_ids)
        random.Random(seed).shuffle(mine)
        issued, refused = [], 0
        start.wait(timeout=60)
        for order_id in mine:
            try:
                view = documents.issue_invoice(db, order_id, settings, who)
                issued.append((order_id, view.number))
            except documents.AlreadyInvoiced:
                refused += 1
        results.put((seed, (issued, refused), None))
    except Exception:  # reported to the test, which fails on it
        results.put((seed, ([], 0), traceback.format_exc()))


def test_four_terminals_invoice_each_order_once_with_an_unbroken_series(
    db_url: str, tmp_path: Path
) -> None:
    settings = shop(tmp_path)
    db = open_database(db_url)
    who = person(db, "disk", "counter")
    cid = customer(db, who)
    order_ids = [
        confirmed_order(db, settings, who, cid, media=(MediumInput("vhs"),)).id
        for _ in range(ORDERS)
    ]
    db.close()
    reports = _run_together(
        _terminal,
        [(db_url, settings, who, order_ids, seed) for seed in range(TERMINALS)],
        timeout=240,
    )
    assert [err for _, _, err in reports if err] == []
    issued = [pair for _, (pairs, _), _ in reports for pair in pairs]
    refused = sum(count for _, (_, count), _ in reports)
    assert sorted(order_id for order_id, _ in issued) == sorted(order_ids)  # each once
    assert refused == ORDERS * (TERMINALS - 1)
    assert sorted(number for _, number in issued) == list(range(1, ORDERS + 1))
    db = open_database(db_url)
    with reading(db):
        stored = [d.number for d in Document.select().where(Document.kind == "invoice")]
    assert sorted(stored) == list(range(1, ORDERS + 1))
