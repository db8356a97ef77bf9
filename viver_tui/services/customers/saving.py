"""Registering and correcting a customer: duplicates, the optimistic lock, the log.

``save`` is the one way a customer is written (``register`` and ``update`` call it):
validate, look for duplicates, write only what changed and name it in the access log,
in one transaction. Production staff are refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.models import Customer, CustomerSearchToken
from viver_tui.services import audit
from viver_tui.services.customers.validation import CustomerInput, validate
from viver_tui.services.customers.viewing import CustomerView, _hit, _not_found, _view
from viver_tui.services.search import CustomerHit, _write_tokens, write_tokens
from viver_tui.services.staff import Who, initials_of, require_contact

# The fields of the form, in the order they are named in messages and the access log.
FORM_FIELDS = (
    "name", "kind", "phone", "email", "address", "postal_code", "city", "org_number",
    "language", "letters_opt_out",
)
# What goes into a search key or is shown in a hit (the key rows carry a copy): a change
# to any of them rewrites the customer's keys.
_TOKEN_FIELDS = ("name", "phone", "email", "org_number", "kind", "city")


@dataclass(frozen=True)
class Saved:
    """The customer was registered (``created``) or corrected; ``changed`` names the
    fields this save wrote (empty: nothing to change)."""

    customer: CustomerView
    created: bool
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class DuplicatesFound:
    """Nothing was saved: the phone and/or e-mail already belong to these customers.
    Saving again with ``accept_duplicates=True`` registers anyway (families share)."""

    duplicates: tuple[CustomerHit, ...]
    phone: bool
    email: bool


class CustomerChanged(ViverError):
    """The form was opened on an older version of the customer: nothing was saved.

    ``fields`` names what changed since (when the form said what it showed), and
    ``current`` is the customer as stored now, for the form to show.
    """

    def __init__(self, fields: tuple[str, ...], current: CustomerView) -> None:
        super().__init__(t("customer.error.changed", fields=field_names(fields)))
        self.fields = fields
        self.current = current


def field_names(fields: tuple[str, ...] | list[str]) -> str:
    """Field names for a message: ``telefon, sted og navn``."""
    names = [t(f"customer.field.{f}") for f in fields]
    if len(names) <= 1:
        return "".join(names)
    return t("customer.fields.and", first=", ".join(names[:-1]), last=names[-1])


def _form_values(row: Customer | CustomerView) -> dict[str, object]:
    """A stored customer as comparable form values (opt-out as a flag, the language as
    "nb" or "en")."""
    values: dict[str, object] = {f: getattr(row, f) for f in FORM_FIELDS[:-2]}
    values["language"] = "en" if row.language == "en" else "nb"
    values["letters_opt_out"] = row.letters_opt_out_at is not None
    return values


def _locked(db: peewee.Database | peewee.DatabaseProxy, customer_id: int) -> Customer:
    """Read the customer for a change, its row locked until the transaction ends
    (PostgreSQL ``FOR UPDATE``; SQLite's writer already holds the database lock)."""
    query = Customer.select().where(Customer.id == customer_id)
    if not is_sqlite(db):
        query = query.for_update()
    row = query.first()
    if row is None:
        raise _not_found(customer_id)
    return row


def save(
    db: peewee.Database | peewee.DatabaseProxy,
    data: CustomerInput,
    staff: Who,
    *,
    customer_id: int | None = None,
    expected_version: int | None = None,
    accept_duplicates: bool = False,
    opened: CustomerView | None = None,
) -> Saved | DuplicatesFound:
    """Register (no ``customer_id``) or correct a customer: validate, look for
    duplicates, write and log — one call, one transaction.

    Raises FormErrors (field → message) for bad input, NotFound, and CustomerChanged
    when the stored customer is no longer at ``expected_version`` (default: the version
    of ``opened``, the customer as the form showed it): a stale form never overwrites.
    Only the fields that differ from what is stored are written, and only they are
    named in the access log (names, never values). A phone or e-mail that another
    customer already has returns DuplicatesFound (nothing written) unless
    ``accept_duplicates``; a correction only warns about a phone or e-mail it changes.
    Production staff (who see no contact details) are refused with NotAllowed.
    """
    require_contact(staff)
    staff = initials_of(staff)
    cleaned = validate(data)
    if expected_version is None and opened is not None:
        expected_version = opened.version
    wanted = {**cleaned, "letters_opt_out": data.letters_opt_out}
    with writing(db):
        if customer_id is None:
            found = None if accept_duplicates else _duplicates_found(wanted, {}, None)
            return found or _create(wanted, staff)
        row = _locked(db, customer_id)
        stored = _form_values(row)
        if expected_version is not None and row.version != expected_version:
            # What changed since the form was opened; without the opened copy, what
            # this save would overwrite.
            seen = _form_values(opened) if opened is not None else wanted
            since = tuple(f for f in FORM_FIELDS if seen[f] != stored[f])
            if since or opened is None:
                raise CustomerChanged(since, _view(row))
        if not accept_duplicates:
            found = _duplicates_found(wanted, stored, customer_id)
            if found:
                return found
        changed = tuple(f for f in FORM_FIELDS if wanted[f] != stored[f])
        if not changed:
            return Saved(_view(row), created=False)
        _write_changes(row, wanted, changed, staff)
        return Saved(_view(Customer.get_by_id(customer_id)), created=False, changed=changed)


def _duplicates_found(
    wanted: dict[str, object], stored: dict[str, object], exclude_id: int | None
) -> DuplicatesFound | None:
    phone = wanted["phone"] if wanted["phone"] != stored.get("phone") else None
    email = wanted["email"] if wanted["email"] != stored.get("email") else None
    hits = _duplicates(phone, email, exclude_id)  # type: ignore[arg-type]
    if not hits:
        return None
    return DuplicatesFound(
        tuple(hits),
        phone=bool(phone) and any(h.phone == phone for h in hits),
        email=bool(email) and any(h.email == email for h in hits),
    )


def _stored_language(language: object) -> str | None:
    """The column value for a language: ``"en"``, or NULL for bokmål."""
    return "en" if language == "en" else None


def _create(wanted: dict[str, object], staff: str) -> Saved:
    now = clock.now()
    columns = {k: v for k, v in wanted.items() if k not in ("letters_opt_out", "language")}
    row = Customer.create(
        **columns,
        language=_stored_language(wanted["language"]),
        letters_opt_out_at=now if wanted["letters_opt_out"] else None,
        created_at=now,
        updated_at=now,
        version=1,
    )
    _write_tokens(row)
    audit.record(staff, "create", row.id)
    if wanted["letters_opt_out"]:
        audit.record(staff, "opt_out", row.id)
    return Saved(_view(row), created=True, changed=FORM_FIELDS)


def _write_changes(
    row: Customer, wanted: dict[str, object], changed: tuple[str, ...], staff: str
) -> None:
    now = clock.now()
    updates: dict[peewee.Field, object] = {
        getattr(Customer, f): wanted[f] for f in changed if f not in ("letters_opt_out", "language")
    }
    if "language" in changed:
        updates[Customer.language] = _stored_language(wanted["language"])
    if "letters_opt_out" in changed:
        updates[Customer.letters_opt_out_at] = now if wanted["letters_opt_out"] else None
    updates[Customer.updated_at] = now
    updates[Customer.version] = Customer.version + 1
    # Conditional on the version read under the lock: if anything slipped past the
    # lock, no row is written and nothing is lost.
    written = (
        Customer.update(updates)
        .where((Customer.id == row.id) & (Customer.version == row.version))
        .execute()
    )
    if written != 1:
        current = Customer.get_or_none(Customer.id == row.id)
        if current is None:
            raise _not_found(row.id)
        since = tuple(f for f in FORM_FIELDS if _form_values(row)[f] != _form_values(current)[f])
        raise CustomerChanged(since, _view(current))
    data_fields = [f for f in changed if f != "letters_opt_out"]
    if data_fields:
        audit.record_fields(staff, "update", row.id, data_fields)
    if "letters_opt_out" in changed:
        audit.record(staff, "opt_out" if wanted["letters_opt_out"] else "opt_in", row.id)
    if any(f in changed for f in _TOKEN_FIELDS):
        CustomerSearchToken.delete().where(CustomerSearchToken.customer == row.id).execute()
        fresh = {f: wanted[f] if f in changed else getattr(row, f) for f in _TOKEN_FIELDS}
        write_tokens(row.id, *(fresh[f] for f in _TOKEN_FIELDS))  # type: ignore[arg-type]


def register(
    db: peewee.Database | peewee.DatabaseProxy, data: CustomerInput, staff: Who
) -> CustomerView:
    """Register a new customer whatever duplicates exist (``save`` warns about them)."""
    result = save(db, data, staff, accept_duplicates=True)
    assert isinstance(result, Saved)
    return result.customer


def update(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    data: CustomerInput,
    staff: Who,
    *,
    expected_version: int | None = None,
) -> CustomerView:
    """Correct a customer's data (see ``save``); logs which fields changed."""
    result = save(
        db,
        data,
        staff,
        customer_id=customer_id,
        expected_version=expected_version,
        accept_duplicates=True,
    )
    assert isinstance(result, Saved)
    return result.customer


def input_from_view(view: CustomerView) -> CustomerInput:
    """The form values that reproduce ``view`` (for the correction form)."""
    from viver_tui.locale.formatting import format_phone

    values = {f.name: getattr(view, f.name) for f in fields(CustomerInput) if hasattr(view, f.name)}
    values = {k: ("" if v is None else v) for k, v in values.items()}
    values["phone"] = format_phone(view.phone)
    values["letters_opt_out"] = view.letters_opt_out
    values["language"] = view.language or "nb"
    return CustomerInput(**values)


def find_duplicates(
    db: peewee.Database | peewee.DatabaseProxy,
    phone: str | None,
    email: str | None,
    exclude_id: int | None = None,
) -> list[CustomerHit]:
    """Customers already holding this (normalised) phone number or e-mail."""
    # Text no customer can hold (control characters, lone surrogates — which the
    # drivers refuse to send) matches nobody.
    phone = phone if phone and _storable(phone) else None
    email = email if email and _storable(email) else None
    if not phone and not email:
        return []
    with reading(db):
        return _duplicates(phone, email, exclude_id)


def _storable(value: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in value)


def _duplicates(phone: str | None, email: str | None, exclude_id: int | None) -> list[CustomerHit]:
    condition = peewee.SQL("0 = 1")
    if phone:
        condition |= Customer.phone == phone
    if email:
        condition |= Customer.email == email
    if exclude_id is not None:
        condition &= Customer.id != exclude_id
    return [_hit(r) for r in Customer.select().where(condition).limit(10)]
