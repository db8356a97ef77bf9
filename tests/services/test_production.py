"""The production room at the service, on both stores: scan, steps, undo with a
reason, outcomes, immutable notes, the order becoming ready (and reopened), the access
log, and bad input that changes nothing."""

from __future__ import annotations

from itertools import pairwise

import peewee
import pytest

from tests.services.production_helpers import KINDS, OUTCOMES, make_order, producer
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import (
    AuditEvent,
    MediaItem,
    Order,
    OrderEvent,
    OutboxMessage,
    ProductionNote,
)
from viver_tui.services import orders, pickup
from viver_tui.services.production import notes, outcomes, ready, steps
from viver_tui.services.production.panel import STEPS
from viver_tui.services.staff import StaffView

KEYS = [k.key for k in KINDS]


@pytest.fixture
def prod(db: peewee.Database, admin: StaffView) -> StaffView:
    return producer(db, admin)


def snapshot(db: peewee.Database) -> tuple:
    """Everything a refused call must leave as it was."""
    with db.connection_context():
        return (
            [(m.id, m.status, m.outcome, m.outcome_note) for m in MediaItem.select()],
            [(o.id, o.status, o.ready_at) for o in Order.select()],
            OrderEvent.select().count(),
            ProductionNote.select().count(),
            AuditEvent.select().count(),
        )


def walk_to_done(db, prod, code: str) -> steps.Scanned:
    out = steps.scan(db, code, prod)
    for _ in STEPS[1:]:
        out = steps.scan(db, code, prod, shown_id=out.panel.medium.id,
                         shown_status=out.panel.medium.status)
    return out


def test_scan_opens_the_medium_with_name_only_and_logs_the_view(db, prod):
    order = make_order(db)
    code = order.media[0].code
    out = steps.scan(db, f" {code} ", prod)
    assert out.what == "opened"
    p = out.panel
    assert (p.medium.code, p.order_number, p.customer_name, p.shelf) == (
        code, order.number, "Kari Nordmann", "B3")
    assert [m.code for m in p.media] == [m.code for m in order.media]
    text = repr(p)
    assert "91234567" not in text and "kari@example.no" not in text and "Storgata" not in text
    with db.connection_context():
        entry = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert (entry.action, entry.staff, entry.subject_id) == ("view", "prod", order.customer_id)
    assert entry.details == f"production {order.number} {code}"


def test_steps_by_scanning_again_record_who_and_when(db, prod, fixed_clock):
    order = make_order(db)
    out = walk_to_done(db, prod, order.media[0].code)
    assert out.panel.medium.status == "done"
    with db.connection_context():
        rows = list(OrderEvent.select().where(
            (OrderEvent.media_item == order.media[0].id) & (OrderEvent.action == "step")
        ).order_by(OrderEvent.id))
    assert [(e.from_status, e.to_status) for e in rows] == list(pairwise(STEPS))
    assert {(e.staff, e.at) for e in rows} == {("prod", fixed_clock)}
    with db.connection_context():
        assert Order.get_by_id(order.id).status == "in_production"


def test_last_medium_done_makes_the_order_ready_once_and_undo_takes_it_back(db, prod):
    order = make_order(db)
    walk_to_done(db, prod, order.media[0].code)
    last = walk_to_done(db, prod, order.media[1].code)
    assert last.became_ready and last.panel.order_status == "ready"
    assert last.panel.ready_at is not None
    with db.connection_context():
        assert OrderEvent.select().where(
            (OrderEvent.order == order.id) & (OrderEvent.action == "ready")).count() == 1
    back = steps.undo(db, last.panel.medium.id, prod, "Bildet hakker på slutten")
    assert (back.medium.status, back.order_status, back.ready_at) == (
        "checked", "in_production", None)
    undone = [h for h in back.history if h.action == "step_undone"]
    assert undone[0].note == "Bildet hakker på slutten"
    again = steps.step(db, back.medium.id, prod, expected="checked")
    assert again.became_ready and again.panel.order_status == "ready"
    with db.connection_context():  # one "ready for pickup" e-mail, queued with the first
        ready_mail = OutboxMessage.select().where(
            (OutboxMessage.order == order.id) & (OutboxMessage.kind == "ready"))
        assert [m.to_address for m in ready_mail] == ["kari@example.no"]


def test_outcome_from_the_list_with_a_note_and_a_finishing_outcome(db, prod):
    order = make_order(db)
    first, second = (m.id for m in order.media)
    p = outcomes.set_outcome(db, first, prod, "mould", "Mugg på første halvdel", OUTCOMES)
    assert (p.medium.outcome, p.outcome_note, p.medium.status) == (
        "mould", "Mugg på første halvdel", "received")
    p = outcomes.set_outcome(db, first, prod, "not_transferable", "Båndet er revet", OUTCOMES)
    assert p.medium.status == "done" and p.order_status == "in_production"
    p = outcomes.set_outcome(db, second, prod, "blank", "", OUTCOMES)
    assert p.medium.status == "done" and p.order_status == "ready"


def test_notes_are_kept_and_a_correction_refers_to_the_old(db, prod):
    order = make_order(db)
    medium = order.media[0].id
    p = notes.add_note(db, medium, "Spolte tilbake før digitalisering", prod)
    first = next(h for h in p.history if h.action == "note")
    p = notes.add_note(db, medium, "Riktig: spolte fram", prod, corrects=first.note_id)
    p = notes.add_note(db, medium, "Esken er sprukket", prod, on_order=True)
    lines = [h for h in p.history if h.action == "note"]
    assert [(h.note, h.corrects, h.code) for h in lines] == [
        ("Spolte tilbake før digitalisering", None, order.media[0].code),
        ("Riktig: spolte fram", first.note_id, order.media[0].code),
        ("Esken er sprukket", None, None),
    ]
    assert not hasattr(notes, "edit_note") and not hasattr(notes, "delete_note")
    counter_view = orders.get_order(db, order.id, staff="disk")  # shown at the counter
    shown = [(e.code, e.note) for e in counter_view.events if e.action == "production_note"]
    assert shown == [
        (order.media[0].code, f"#{first.note_id}: Spolte tilbake før digitalisering"),
        (order.media[0].code, f"#{lines[1].note_id} (→ #{first.note_id}): Riktig: spolte fram"),
        (None, f"#{lines[2].note_id}: Esken er sprukket"),
    ]


@pytest.mark.parametrize("bad", ["unknown", "order_code", "not_next", "done_again", "outcome",
                                 "returned", "erased", "moved", "empty_note", "short_reason"])
def test_bad_input_says_why_and_changes_nothing(db, prod, admin, bad):
    order = make_order(db, ("vhs",))
    medium = order.media[0]
    if bad in ("done_again", "returned"):
        walk_to_done(db, prod, medium.code)
    if bad == "returned":
        pickup.scan(db, order.id, medium.code, "A")
    if bad == "erased":
        from viver_tui.services.privacy import erasure

        orders.set_order_status(db, order.id, orders.READY, "A")
        pickup.scan(db, order.id, medium.code, "A")
        erasure.erase_customer(db, order.customer_id, admin)
    before = snapshot(db)
    calls = {
        "unknown": lambda: steps.scan(db, "999999-99", prod),
        "order_code": lambda: steps.scan(db, str(order.number), prod),
        "not_next": lambda: steps.step(db, medium.id, prod, to="checked"),
        "done_again": lambda: steps.step(db, medium.id, prod),
        "outcome": lambda: outcomes.set_outcome(db, medium.id, prod, "lost", "", OUTCOMES),
        "returned": lambda: steps.scan(db, medium.code, prod),
        "erased": lambda: steps.scan(db, medium.code, prod),
        "moved": lambda: steps.step(db, medium.id, prod, expected="digitized"),
        "empty_note": lambda: notes.add_note(db, medium.id, "   ", prod),
        "short_reason": lambda: steps.undo(db, medium.id, prod, "nei"),
    }
    with pytest.raises((ValidationError, NotFound)) as caught:
        calls[bad]()
    assert caught.value.message
    assert snapshot(db) == before


def test_ready_list_oldest_first_with_days_waited_and_shelf(db, prod, counter):
    from datetime import datetime

    from viver_tui import clock

    with clock.pinned(datetime(2026, 11, 20, 9, 0)):
        old = make_order(db, ("vhs",), name="Eldste Kunde", shelf="A1")
        walk_to_done(db, prod, old.media[0].code)
    with clock.pinned(datetime(2026, 11, 24, 9, 0)):
        new = make_order(db, ("vhs",), name="Nyeste Kunde", shelf="C2")
        walk_to_done(db, prod, new.media[0].code)
        listed = ready.ready_orders(db, counter)
    assert [(r.number, r.customer_name, r.shelf, r.days_waited) for r in listed] == [
        (old.number, "Eldste Kunde", "A1", 4), (new.number, "Nyeste Kunde", "C2", 0)]
    with db.connection_context():
        entry = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert entry.action == "list" and entry.details.startswith("ready name:")


def test_workload_counts_by_state_and_kind_oldest_first_late_marked(db, prod, fixed_clock):
    from datetime import date

    from viver_tui.models import Order as OrderRow
    from viver_tui.services.production import workload

    late = make_order(db, ("vhs", "super8"), name="Sen Kunde")
    fresh = make_order(db, ("vhs",), name="Ny Kunde")
    with db.connection_context():
        OrderRow.update(promised_on=date(2026, 11, 1)).where(OrderRow.id == late.id).execute()
    steps.scan(db, late.media[1].code, prod)
    steps.step(db, late.media[1].id, prod)
    seen = workload.workload(db, prod, KEYS)
    assert [(c.status, c.kind, c.count) for c in seen.counts] == [
        ("received", "vhs", 2), ("in_production", "super8", 1)]
    assert [(w.code, w.customer_name, w.late) for w in seen.media] == [
        (late.media[0].code, "Sen Kunde", True), (fresh.media[0].code, "Ny Kunde", False),
        (late.media[1].code, "Sen Kunde", True)]
    only = workload.workload(db, prod, KEYS, kind="super8")
    assert [w.code for w in only.media] == [late.media[1].code]
    assert [(c.status, c.count) for c in only.counts] == [("in_production", 1)]
    capped = workload.workload(db, prod, KEYS, cap=1)
    assert [(c.status, c.kind, c.count, c.capped) for c in capped.counts] == [
        ("received", "vhs", 1, True), ("in_production", "super8", 1, False)]


def test_erasure_redacts_production_notes_and_outcome_notes(db, prod, admin):
    from viver_tui.services.privacy import erasure

    order = make_order(db, ("vhs",))
    medium = order.media[0]
    notes.add_note(db, medium.id, "Kari Nordmann ringte om 91234567", prod)
    outcomes.set_outcome(db, medium.id, prod, "ok", "Kari Nordmann vil ha kopi", OUTCOMES)
    walk_to_done(db, prod, medium.code)
    pickup.scan(db, order.id, medium.code, "A")
    erasure.erase_customer(db, order.customer_id, admin)
    with db.connection_context():
        kept = [n.text for n in ProductionNote.select()]
        outcome_note = MediaItem.get_by_id(medium.id).outcome_note
    assert len(kept) == 1 and "Kari" not in kept[0] and "91234567" not in kept[0]
    assert "Kari" not in outcome_note and "Nordmann" not in outcome_note
