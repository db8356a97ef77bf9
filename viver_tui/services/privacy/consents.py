"""Consents to uses of the customer's media files, with the wording agreed to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.locale.catalog import CATALOGS
from viver_tui.models import (
    Consent,
    Customer,
)
from viver_tui.services import audit
from viver_tui.services.staff import ADMIN, COUNTER, StaffView, require_role

PURPOSES = ("streaming", "keep_past_warranty", "sample")
CONSENT_VERSION = "2026-11"


@dataclass(frozen=True)
class ConsentView:
    id: int
    customer_id: int
    purpose: str
    text_version: str
    text: str
    given_at: datetime
    given_by: str
    withdrawn_at: datetime | None
    withdrawn_by: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def consent_text(purpose: str, version: str = CONSENT_VERSION) -> str:
    """The wording the customer agrees to (always bokmål: it is what they signed)."""
    key = f"consent.{purpose}.{version}"
    text = CATALOGS["nb"].get(key)
    if purpose not in PURPOSES or text is None:
        raise ValidationError(t("privacy.consent.unknown", purpose=purpose), field="purpose")
    return text


def _consent_view(row: Consent) -> ConsentView:
    return ConsentView(
        row.id, row.customer_id, row.purpose, row.text_version, row.text, row.given_at,
        row.given_by, row.withdrawn_at, row.withdrawn_by,
    )


def give_consent(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    purpose: str,
    staff: StaffView | None,
    *,
    version: str = CONSENT_VERSION,
    now: datetime | None = None,
) -> ConsentView:
    """Record the customer's consent to ``purpose`` (an active one is kept as it is)."""
    require_role(staff, COUNTER, ADMIN)
    text = consent_text(purpose, version)
    with writing(db):
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None or customer.erased_at is not None:
            raise NotFound(t("privacy.customer_unknown", id=customer_id))
        current = Consent.get_or_none(
            (Consent.customer == customer_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if current is not None:
            return _consent_view(current)
        row = Consent.create(
            customer=customer_id, purpose=purpose, text_version=version, text=text,
            given_at=now or clock.now(), given_by=staff.initials,  # type: ignore[union-attr]
        )
        audit.record(
            staff.initials, "consent_given", customer_id,  # type: ignore[union-attr]
            details=f"{purpose} {version}",
        )
        return _consent_view(row)


def withdraw_consent(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    purpose: str,
    staff: StaffView | None,
    *,
    now: datetime | None = None,
) -> ConsentView | None:
    """Withdraw the active consent to ``purpose``; None if there was none."""
    require_role(staff, COUNTER, ADMIN)
    if purpose not in PURPOSES:
        raise ValidationError(t("privacy.consent.unknown", purpose=purpose), field="purpose")
    with writing(db):
        row = Consent.get_or_none(
            (Consent.customer == customer_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if row is None:
            return None
        row.withdrawn_at = now or clock.now()
        row.withdrawn_by = staff.initials  # type: ignore[union-attr]
        row.save()
        audit.record(
            staff.initials, "consent_withdrawn", customer_id, details=purpose  # type: ignore[union-attr]
        )
        return _consent_view(row)


def consents_for(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int
) -> list[ConsentView]:
    """Every consent the customer has given, withdrawn ones included, oldest first."""
    with reading(db):
        rows = Consent.select().where(Consent.customer == customer_id).order_by(
            Consent.given_at, Consent.id
        )
        return [_consent_view(r) for r in rows]


def has_consent(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, purpose: str
) -> bool:
    """What anything depending on a consent checks before it acts."""
    with reading(db):
        return (
            Consent.select()
            .where(
                (Consent.customer == customer_id)
                & (Consent.purpose == purpose)
                & Consent.withdrawn_at.is_null()
            )
            .exists()
        )
