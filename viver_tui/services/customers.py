"""The customer register: validate, register, correct — and what each role sees of it.

Finding customers lives in ``services/search.py``; ``search``, ``CustomerHit`` and the
key writer ``_write_tokens`` are re-exported here for the callers that use them.
Screens search through ``search_for``, which applies the viewer's role.

**Roles.** The functions that hand customer data to a screen (``search_for``, ``get``,
``open_card``) take the person the call is made for (``roles.Who``: the signed-in
StaffView, or a system job; a bare string raises). Production staff get names and orders
only: phone, e-mail, address, postal code, city and org. number come back as None, and their
search finds customers by name or order/medium code only (a phone number or e-mail
typed would otherwise tell whose it is). ``save`` refuses them. The rule is here, in
the services, so no screen can forget it. The customer's language (of the e-mails they
get, ``services/mail``) is no contact detail, but production sees names only: it comes
back as None for them too.

**Language.** ``"nb"`` (bokmål, the default) or ``"en"``: the language of every e-mail
to the customer. Stored as ``Customer.language`` ``"en"`` or NULL (bokmål), so the
rows from before the choice existed read as bokmål.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import FormErrors, NotFound, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.models import Customer, CustomerSearchToken, MediaItem, Order
from viver_tui.services import audit
from viver_tui.services.codes import parse_code
from viver_tui.services.search import (  # noqa: F401 - re-exported
    SEARCH_LIMIT,
    CustomerHit,
    _write_tokens,
    normalize_text,
    search,
    tokens_for,
    write_tokens,
)
from viver_tui.services.staff import Who, initials_of, require_contact, sees_contact
from viver_tui.services.text import clean_line

KINDS = ("private", "business")
LANGUAGES = ("nb", "en")  # the customer's e-mail language; bokmål first, the default
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
    language: str = "nb"  # of the customer's e-mails: "nb" or "en" (LANGUAGES)


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
    version: int = 1  # bumped by every change; the form's optimistic lock
    language: str | None = "nb"  # "nb" or "en"; None: not shown to this viewer

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

# Longest text accepted per field, as typed (before normalising).
_LIMITS = {
    "name": 200,
    "phone": 40,
    "email": 254,
    "address": 200,
    "postal_code": 10,
    "city": 100,
    "org_number": 20,
}


def normalize_phone(text: str) -> str:
    """Parse a phone number as staff type it; return E.164 (``+4791234567``).

    Eight digits are Norwegian; foreign numbers need ``+`` or ``00`` and a country code.
    """
    import phonenumbers

    raw = text.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not _PHONE_CHARS.match(raw):
        raise ValidationError(t("customer.error.phone_chars"), field="phone")
    try:
        number = phonenumbers.parse(raw, "NO")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(t("customer.error.phone"), field="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(t("customer.error.phone"), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(t("customer.error.email"), field="email") from exc
    return result.normalized.lower()


def normalize_org_number(text: str) -> str:
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.no import orgnr

    try:
        return orgnr.validate(text)
    except StdnumError as exc:
        raise ValidationError(t("customer.error.org_number"), field="org_number") from exc


def validate(data: CustomerInput) -> dict[str, object]:
    """Check a form; return the cleaned column values or raise FormErrors (field → text).

    Every text passes ``clean_line`` first (NFC, no control characters, a length limit),
    then phone, e-mail and org. number are normalised.
    """
    errors: dict[str, str] = {}

    def line(field: str) -> str:
        try:
            return clean_line(getattr(data, field), field=field, max_length=_LIMITS[field])
        except ValidationError as exc:
            errors[field] = exc.message
            return ""

    cleaned: dict[str, object] = {"name": line("name")}
    if not cleaned["name"] and "name" not in errors:
        errors["name"] = t("customer.error.name_missing")
    if data.kind not in KINDS:
        errors["kind"] = t("customer.error.kind")
    cleaned["kind"] = data.kind
    if data.language not in LANGUAGES:
        errors["language"] = t("customer.error.language")
    cleaned["language"] = data.language
    contact_typed = False  # a phone or e-mail, usable or not
    for field_name, normalizer in (
        ("phone", normalize_phone),
        ("email", normalize_email),
        ("org_number", normalize_org_number),
    ):
        value = line(field_name)
        if field_name == "org_number" and data.kind != "business":
            value = ""
            errors.pop(field_name, None)  # not asked of a private customer
        elif field_name != "org_number":
            contact_typed = contact_typed or bool(value) or field_name in errors
        cleaned[field_name] = None
        if value:
            try:
                cleaned[field_name] = normalizer(value)
            except ValidationError as exc:
                errors[field_name] = exc.message
    if not contact_typed:
        errors.setdefault("phone", t("customer.error.contact_missing"))
    for field_name in ("address", "postal_code", "city"):
        cleaned[field_name] = line(field_name) or None
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
        version=row.version,
        language=language_of(row),
    )


def language_of(row: Customer) -> str:
    """The customer's e-mail language: ``"en"``, or bokmål (also for NULL)."""
    return "en" if row.language == "en" else "nb"


def _stored_language(language: object) -> str | None:
    """The column value for a language: ``"en"``, or NULL for bokmål."""
    return "en" if language == "en" else None


def _hit(row: Customer) -> CustomerHit:
    return CustomerHit(row.id, row.name, row.kind, row.phone, row.email, row.city)


def _not_found(customer_id: int) -> NotFound:
    return NotFound(t("customer.error.not_found", id=customer_id))


# What production staff do not see of a customer (``CONTACT_FIELDS`` of CustomerView;
# CustomerHit has phone, email and city of them).
CONTACT_FIELDS = ("phone", "email", "address", "postal_code", "city", "org_number")


def for_viewer(view: CustomerView, who: Who) -> CustomerView:
    """``view`` as ``who`` may see it: without contact details (nor the language) for
    production."""
    if sees_contact(who):
        return view
    return replace(view, **dict.fromkeys(CONTACT_FIELDS), language=None)


def hit_for_viewer(hit: CustomerHit, who: Who) -> CustomerHit:
    """A search hit as ``who`` may see it: the name only for production."""
    if sees_contact(who):
        return hit
    return replace(hit, phone=None, email=None, city=None)


def get(db: peewee.Database | peewee.DatabaseProxy, customer_id: int, staff: Who) -> CustomerView:
    """Open a customer's record as ``staff`` may see it; the access is logged."""
    with writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise _not_found(customer_id)
        # Where it was seen (the card; orders and pickup say "order N" / "pickup N").
        audit.record(initials_of(staff), "view", customer_id, details="card")
        return for_viewer(_view(row), staff)


def search_for(
    db: peewee.Database | peewee.DatabaseProxy, text: str, who: Who
) -> list[CustomerHit]:
    """The search screen's search: ``search`` with the viewer's role applied.

    Counter and admin staff (and system jobs) get ``search`` as it is.
    Production staff get names only, and find by name or by order/medium code: an
    e-mail or phone number typed finds nobody, and a hit that matched only through an
    e-mail key is dropped — otherwise a hit would tell whose number or address it is.
    """
    if sees_contact(who):
        return search(db, text)
    typed = text.strip()
    code = parse_code(typed)
    if code is not None:
        hits = _order_customer(db, code.number)
    elif "@" in typed or (typed and _PHONE_CHARS.match(typed)):
        hits = []
    else:
        words = _words(typed)
        hits = [h for h in search(db, text) if _name_matches(words, h.name)]
    return [hit_for_viewer(h, who) for h in hits]


def record_list_shown(
    db: peewee.Database | peewee.DatabaseProxy,
    who: Who,
    customer_ids: Sequence[int],
    where: str = "search",
) -> None:
    """Log a list of customers that stayed on screen for ``who``: their numbers and the
    fields the list showed them with (production: names only) — never the query. The
    screen decides when a list has stayed (screens/search.py)."""
    ids = list(dict.fromkeys(int(i) for i in customer_ids))
    if not ids:
        return
    fields = ("name", "phone", "email", "city") if sees_contact(who) else ("name",)
    with writing(db):
        audit.record_list(initials_of(who), where, fields, ids)


_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(normalize_text(text))


def _name_matches(typed: list[str], name: str) -> bool:
    """Every typed word begins some word of the name (how the name search matches)."""
    words = _words(name)
    return all(any(w.startswith(t) for w in words) for t in typed)


def _order_customer(
    db: peewee.Database | peewee.DatabaseProxy, number: int
) -> list[CustomerHit]:
    """The customer of order ``number`` (a typed order number or scanned medium code)."""
    with reading(db):
        rows = (
            Customer.select()
            .join(Order, on=(Order.customer == Customer.id))
            .where(Order.number == number)
            .limit(1)
        )
        return [_hit(r) for r in rows]


@dataclass(frozen=True)
class CustomerCard:
    """What the customer card shows: the customer and their orders, newest first."""

    customer: CustomerView
    orders: tuple[OrderSummary, ...]


def open_card(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, staff: Who
) -> CustomerCard:
    """Open the customer card: the customer as ``staff`` may see it (the access is
    logged) and their orders, read in one transaction."""
    with writing(db):
        customer = get(db, customer_id, staff)
        return CustomerCard(customer, tuple(customer_orders(db, customer_id)))


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
