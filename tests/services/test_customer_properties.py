"""Property tests: whatever text reaches the customer services, the answer is a clear
validation error or correct storage — never another exception (both stores)."""

from __future__ import annotations

import unicodedata

import peewee
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.signing_in import as_staff
from viver_tui.errors import FormErrors, ValidationError
from viver_tui.models import Customer
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput, DuplicatesFound, Saved

# Pieces that broke or could break something: markup, terminal control, digits that
# pass isdigit() but not int(), lone surrogates, phone and e-mail shapes, long runs.
HOSTILE = [
    "[/]", "[@click=app.quit]z[/]", "\x1b[2J", "\x1b]0;t\x07", "\x00", "\x7f", "\x9b",
    "²", "٣", "\ud800", "\udfff", "A\u030a", "00", "+47", "+", "912 34 567", "@",
    "kari@example.no", "ø", "Æ", "%", "_", "'", '"', "\\", " ", "\n", "\t", "x" * 250,
    "923609016", "-", "104233-03", "\u202e", "\ufeff",
]
any_char = st.characters(exclude_categories=())  # surrogates included
text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(any_char, max_size=8)), max_size=5).map(
    "".join
)
TEXT_FIELDS = ("name", "phone", "email", "address", "postal_code", "city", "org_number")


@st.composite
def forms(draw: st.DrawFn) -> CustomerInput:
    """A usable form with one to three of its fields replaced by arbitrary text."""
    values: dict[str, object] = {
        "name": "Kari Nordmann", "phone": "91234567", "email": "", "address": "",
        "postal_code": "", "city": "", "org_number": "",
    }
    for field in draw(st.sets(st.sampled_from(TEXT_FIELDS), min_size=1, max_size=3)):
        values[field] = draw(text)
    return CustomerInput(
        kind=draw(st.sampled_from(["private", "private", "business", "x"])),
        letters_opt_out=draw(st.booleans()),
        **values,  # type: ignore[arg-type]
    )


SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _clean(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return unicodedata.is_normalized("NFC", value) and not any(
        unicodedata.category(c) in ("Cc", "Cs") for c in value
    )


@SETTINGS
@given(data=forms())
def test_validate_gives_clean_values_or_form_errors(data: CustomerInput) -> None:
    try:
        cleaned = customers.validate(data)
    except FormErrors as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
        return
    assert all(_clean(v) for v in cleaned.values())
    assert cleaned["name"]
    assert cleaned["phone"] or cleaned["email"]


@SETTINGS
@given(typed=text)
def test_normalisers_raise_only_validation_errors(typed: str) -> None:
    for normalize in (
        customers.normalize_phone,
        customers.normalize_email,
        customers.normalize_org_number,
    ):
        try:
            result = normalize(typed)
        except ValidationError as exc:
            assert exc.field in ("phone", "email", "org_number")
        else:
            assert isinstance(result, str)


@SETTINGS
@given(data=forms(), correction=forms())
def test_save_stores_what_validate_accepts_or_says_why(
    db: peewee.Database, data: CustomerInput, correction: CustomerInput
) -> None:
    try:
        result = customers.save(db, data, as_staff(db, "PROP"), accept_duplicates=True)
    except FormErrors:
        return
    assert isinstance(result, Saved)
    row = Customer.get_by_id(result.customer.id)
    cleaned = customers.validate(data)
    assert (row.name, row.phone, row.email, row.city) == (
        cleaned["name"], cleaned["phone"], cleaned["email"], cleaned["city"],
    )
    assert isinstance(customers.search(db, row.name), list)
    try:
        corrected = customers.save(
            db, correction, as_staff(db, "PROP"), customer_id=row.id, opened=result.customer
        )
    except FormErrors:
        assert Customer.get_by_id(row.id).version == row.version  # nothing written
        return
    assert isinstance(corrected, Saved | DuplicatesFound)


@SETTINGS
@given(query=text)
def test_search_answers_any_query(db: peewee.Database, query: str) -> None:
    if Customer.select().count() == 0:
        customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
            as_staff(db, "P"))
    hits = customers.search(db, query)
    assert isinstance(hits, list) and len(hits) <= customers.SEARCH_LIMIT


@SETTINGS
@given(phone=text, email=text)
def test_duplicate_lookup_answers_any_text(db: peewee.Database, phone: str, email: str) -> None:
    assert isinstance(customers.find_duplicates(db, phone, email), list)
