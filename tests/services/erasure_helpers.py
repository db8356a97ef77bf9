"""A customer whose data is everywhere (notes, inscriptions, history, print jobs), every
original handed back so the erasure may go ahead; for the erasure tests."""

from __future__ import annotations

import peewee

from viver_tui.config import Settings
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.services.staff import StaffView

KINDS = Settings().media_kinds


def delivered_order(
    db: peewee.Database, counter: StaffView, name: str, phone: str, email: str,
    notes: tuple[str, str, str, str] | None = None,
) -> tuple[int, OrderView]:
    """Register the person, take in one medium with ``notes`` (description, condition,
    order notes, a history note; by default the name, phone and e-mail), confirm (three
    print jobs), hand the medium back and end the visit."""
    who = counter.initials
    notes = notes or (f"Bryllup {name}", f"{name}s eske", f"Ring {phone} / {email}",
                      f"{name} ringte")
    cid = customers.register(db, CustomerInput(name=name, phone=phone, email=email), counter).id
    order = intake.open_order(db, cid, who)
    intake.add_medium(db, order.id, MediumInput("vhs", description=notes[0][:200],
                                                condition=notes[1][:200]), KINDS, who)
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="A1", notes=notes[2]), who)
    orders.add_note(db, order.id, notes[3], who)
    pickup.release(db, order.id, who, accepted=True)
    for medium in order.media:
        pickup.scan(db, order.id, medium.code, who)
    pickup.end_visit(db, order.id, who)
    return cid, order


def erased(db: peewee.Database, customer_id: int, admin: StaffView, **options: object):
    """Erase, and if PostgreSQL's physical removal waits for a snapshot older than the
    erasure (another process's transaction anywhere on the shared test server: the
    truth, said as such), finish it as ``viver maintain`` would. The result keeps the
    first call's spool count."""
    from dataclasses import replace

    from viver_tui.services import privacy

    result = privacy.erase_customer(db, customer_id, admin, **options)  # type: ignore[arg-type]
    if result.finished or "venter på fysisk sletting" not in result.message:
        return result
    (done,) = privacy.finish_pending_erasures(db, maintain=True)
    return replace(done, spool_files_deleted=result.spool_files_deleted)

