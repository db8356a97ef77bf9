"""The customer register: validate, register, correct.

Finding customers lives in ``services/search.py``; ``search``, ``CustomerHit`` and the
key writer ``_write_tokens`` are re-exported here for the callers that use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime

import peewee

from viver_tui.db import reading, writing
from viver_tui.errors import FormErrors, NotFound, ValidationError
from viver_tui.models import Customer, CustomerSearchToken, MediaItem, Order
from viver_tui.services import audit
from viver_tui.services.search import (  # noqa: F401 - re-exported
    SEARCH_LIMIT,
    CustomerHit,
    _write_tokens,
    normalize_text,
    search,
    tokens_for,
)

KINDS = ("private", "business")
_PHONE_CHARS = re.compile(r"^[\d\s+().-]+$")


@dataclass(frozen=True)
class CustomerInput:
    """What the register form submits; every field is text as typed."""

    name: str
    kind: str = "private"
    phone: str = ""
    email: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    org_number: str = ""
    letters_opt_out: bool = False


@dataclass(frozen=True)
class CustomerView:
    id: int
    kind: str
    name: str
    phone: str | None  # E.164
    email: str | None
    address: str | None
    postal_code: str | None
    city: str | None
    org_number: str | None
    letters_opt_out_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def letters_opt_out(self) -> bool:
        return self.letters_opt_out_at is not None


@dataclass(frozen=True)
class OrderSummary:
    id: int
    number: int
    status: str
    received_on: datetime | None
    media_count: int
    returned_count: int


# --- normalising and validating ----------------------------------------------------------


def normalize_phone(text: str) -> str:
    """Parse a phone number as staff type it; return E.164 (``+4791234567``).

    Eight digits are Norwegian; foreign numbers need ``+`` or ``00`` and a country code.
    """
    import phonenumbers

    raw = text.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not _PHONE_CHARS.match(raw):
        raise ValidationError(
            "Telefon: bare sifre, mellomrom og +.", field="phone"
        )
    try:
        number = phonenumbers.parse(raw, "NO")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_phone_message(), field="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_phone_message(), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phone_message() -> str:
    return "Ugyldig telefonnummer: 8 siffer, eller + og landskode (+46 …)."


def normalize_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(
            "Ugyldig e-post (eksempel: ola@example.no).", field="email"
        ) from exc
    return result.normalized.lower()


def normalize_org_number(text: str) -> str:
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.no import orgnr

    try:
        return orgnr.validate(text)
    except StdnumError as exc:
        raise ValidationError(
            "Ugyldig org.nr. (9 siffer, feil kontrollsiffer).",
            field="org_number",
        ) from exc


def validate(data: CustomerInput) -> dict[str, object]:
    """Check a form; return the cleaned column values or raise FormErrors (field → text)."""
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {}
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = "Navn må fylles ut."
    elif len(name) > 200:
        errors["name"] = "Navnet er for langt (høyst 200 tegn)."
    cleaned["name"] = name
    if data.kind not in KINDS:
        errors["kind"] = "Velg privatkunde eller bedriftskunde."
    cleaned["kind"] = data.kind
    for field_name, normalizer in (
        ("phone", normalize_phone),
        ("email", normalize_email),
        ("org_number", normalize_org_number),
    ):
        value = getattr(data, field_name).strip()
        if field_name == "org_number" and data.kind != "business":
            value = ""
        try:
            cleaned[field_name] = normalizer(value) if value else None
        except ValidationError as exc:
            errors[field_name] = exc.message
    if not data.phone.strip() and not data.email.strip():
        errors.setdefault("phone", "Fyll ut telefon eller e-post.")
    for field_name, limit in (("address", 200), ("postal_code", 10), ("city", 100)):
        value = " ".join(getattr(data, field_name).split())
        if len(value) > limit:
            errors[field_name] = f"For langt (høyst {limit} tegn)."
        cleaned[field_name] = value or None
    if errors:
        raise FormErrors(errors)
    return cleaned


# --- reading -----------------------------------------------------------------------------


def _view(row: Customer) -> CustomerView:
    return CustomerView(
        id=row.id,
        kind=row.kind,
        name=row.name,
        phone=row.phone,
        email=row.email,
        address=row.address,
        postal_code=row.postal_code,
        city=row.city,
        org_number=row.org_number,
        letters_opt_out_at=row.letters_opt_out_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _hit(row: Customer) -> CustomerHit:
    return CustomerHit(row.id, row.name, row.kind, row.phone, row.email, row.city)


def get(db: peewee.Database | peewee.DatabaseProxy, customer_id: int, staff: str) -> CustomerView:
    """Open a customer's record; the access is logged."""
    with writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise NotFound(f"Fant ikke kunde nr. {customer_id}.")
        audit.record(staff, "view", customer_id)
        return _view(row)


def find_duplicates(
    db: peewee.Database | peewee.DatabaseProxy,
    phone: str | None,
    email: str | None,
    exclude_id: int | None = None,
) -> list[CustomerHit]:
    """Customers already holding this (normalised) phone number or e-mail."""
    if not phone and not email:
        return []
    condition = peewee.SQL("0 = 1")
    if phone:
        condition |= Customer.phone == phone
    if email:
        condition |= Customer.email == email
    if exclude_id is not None:
        condition &= Customer.id != exclude_id
    with reading(db):
        return [_hit(r) for r in Customer.select().where(condition).limit(10)]


def customer_orders(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int
) -> list[OrderSummary]:
    """The customer's orders, newest first, with media counts."""
    returned = peewee.fn.SUM(peewee.Case(None, [(MediaItem.returned_at.is_null(False), 1)], 0))
    with reading(db):
        rows = (
            Order.select(
                Order.id,
                Order.number,
                Order.status,
                Order.received_on,
                peewee.fn.COUNT(MediaItem.id).alias("media_count"),
                returned.alias("returned_count"),
            )
            .join(MediaItem, peewee.JOIN.LEFT_OUTER)
            .where(Order.customer == customer_id)
            .group_by(Order.id)
            .order_by(Order.number.desc())
        )
        return [
            OrderSummary(
                r.id, r.number, r.status, r.received_on, r.media_count, int(r.returned_count or 0)
            )
            for r in rows
        ]


# --- writing -----------------------------------------------------------------------------


def register(
    db: peewee.Database | peewee.DatabaseProxy, data: CustomerInput, staff: str
) -> CustomerView:
    """Register a new customer. Raises FormErrors; duplicates are the caller's warning."""
    cleaned = validate(data)
    now = datetime.now()
    with writing(db):
        row = Customer.create(
            **cleaned,
            letters_opt_out_at=now if data.letters_opt_out else None,
            created_at=now,
            updated_at=now,
        )
        _write_tokens(row)
        audit.record(staff, "create", row.id)
        if data.letters_opt_out:
            audit.record(staff, "opt_out", row.id)
        return _view(row)


def update(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    data: CustomerInput,
    staff: str,
) -> CustomerView:
    """Correct a customer's data; logs which fields changed (not their values)."""
    cleaned = validate(data)
    with writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise NotFound(f"Fant ikke kunde nr. {customer_id}.")
        changed = [k for k, v in cleaned.items() if getattr(row, k) != v]
        for key, value in cleaned.items():
            setattr(row, key, value)
        if data.letters_opt_out != (row.letters_opt_out_at is not None):
            row.letters_opt_out_at = datetime.now() if data.letters_opt_out else None
            audit.record(staff, "opt_out" if data.letters_opt_out else "opt_in", row.id)
        if changed:
            row.updated_at = datetime.now()
            audit.record(staff, "update", row.id, details=",".join(changed))
        row.save()
        if changed:
            CustomerSearchToken.delete().where(CustomerSearchToken.customer == row.id).execute()
            _write_tokens(row)
        return _view(row)


def input_from_view(view: CustomerView) -> CustomerInput:
    """The form values that reproduce ``view`` (for the correction form)."""
    from viver_tui.locale.formatting import format_phone

    values = {f.name: getattr(view, f.name) for f in fields(CustomerInput) if hasattr(view, f.name)}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    values["phone"] = format_phone(view.phone)
    values["letters_opt_out"] = view.letters_opt_out
    return CustomerInput(**values)
