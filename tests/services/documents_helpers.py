"""A shop with both companies set up for documents, and confirmed orders to invoice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import peewee

from viver_tui.config import Company, Settings
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.services.staff import StaffView

# Valid by their check digits (python-stdnum's own examples and made-up numbers).
VV = Company(
    "videoverkstedet", "Videoverkstedet AS", org_number="988077917",
    address=("Storgata 1", "0155 Oslo"), bank_account="86011117947",
    email="post@videoverkstedet.no", phone="+47 22 00 00 00", invoice_days=14,
    terms="Betaling 14 dager netto.",
)
VF = Company(
    "viverfilm", "Viverfilm AS", org_number="123456785", address=("Filmveien 2", "5003 Bergen"),
    bank_account="12345678903", invoice_days=10,
)


def shop(tmp_path: Path, **changes: object) -> Settings:
    return replace(
        Settings(), companies=(VV, VF), default_company="videoverkstedet",
        documents_dir=tmp_path / "dokumenter", spool_dir=tmp_path / "spool", **changes,
    )


def customer(db: peewee.Database, who: StaffView, **fields: str) -> int:
    data = {
        "name": "Åse Ødegård", "phone": "91234567", "address": "Bøgata 3",
        "postal_code": "0655", "city": "Oslo", **fields,
    }
    return customers.register(db, CustomerInput(**data), who).id  # type: ignore[arg-type]


def confirmed_order(
    db: peewee.Database, settings: Settings, who: StaffView, customer_id: int,
    media: tuple[MediumInput, ...] = (
        MediumInput("vhs", "Bryllup 1994"), MediumInput("super8", "Hytta", "", "20"),
    ),
    company: str = "",
) -> OrderView:
    order = intake.open_order(db, customer_id, who.initials, company=company)
    for medium in media:
        intake.add_medium(db, order.id, medium, settings.media_kinds, who.initials)
    return intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), who.initials)


def person(db: peewee.Database, initials: str, role: str) -> StaffView:
    """A staff member as a real row and its StaffView, without hashing a PIN (0.5 s
    each on a loaded machine; these tests never sign in)."""
    from viver_tui.db import writing
    from viver_tui.models import Staff

    with writing(db):
        row = Staff.create(name=f"Person {initials}", initials=initials, role=role,
                           pin_hash="not-a-pin")
    return StaffView(row.id, row.name, row.initials, row.role, True, row.created_at, None)
