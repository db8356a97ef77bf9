"""The customer-letter list: everyone who may get a letter, nobody who opted out."""

from __future__ import annotations

import csv
from typing import IO

import peewee

from viver_tui.db import writing
from viver_tui.locale import t
from viver_tui.models import (
    Customer,
)
from viver_tui.services import audit
from viver_tui.services.staff import StaffView, require_admin

MAILING_COLUMNS = ("name", "email", "address", "postal_code", "city")


def export_mailing_list(
    db: peewee.Database | peewee.DatabaseProxy, staff: StaffView | None, out: IO[str]
) -> int:
    """Write the customer-letter list as CSV to ``out``; returns how many rows.

    Leaves out everyone opted out of letters, erased, or without an e-mail address.
    """
    require_admin(staff)
    with writing(db):
        rows = (
            Customer.select(*(getattr(Customer, c) for c in MAILING_COLUMNS))
            .where(
                Customer.letters_opt_out_at.is_null()
                & Customer.erased_at.is_null()
                & Customer.email.is_null(False)
                & (Customer.email != "")
            )
            .order_by(Customer.id)
            .tuples()
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([t(f"privacy.mailing.column.{c}") for c in MAILING_COLUMNS])
        count = 0
        for row in rows.iterator():
            writer.writerow(["" if v is None else v for v in row])
            count += 1
        audit.record(
            staff.initials, "export", 0, details=f"mailing_list rows={count}",  # type: ignore[union-attr]
            subject="mailing_list",
        )
    return count
