"""Every intake and order service that takes text, fed hostile text (hypothesis): a clear
ViverError (ValidationError, FormErrors, NotFound) or correct storage, never another
exception. ``'²'`` passes ``str.isdigit`` but not ``int``; lone surrogates pass Python
strings but no encoder; control characters would reach the terminal."""

from __future__ import annotations

import contextlib
import unicodedata

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.errors import ViverError
from viver_tui.models import MediaItem, Order
from viver_tui.services import customers, intake, orders
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.text import clean_line, clean_text

KINDS = Settings().media_kinds
SPECIAL = ["²", "1²", "١٢", "\ud800", "[/]", "[@click=app.quit]z[/]", "\x1b[2J", "\x00",
           "+14", "24.12", "1", "vhs", "100001", "100001-01", "\u0301e", "e\u0301", " "]
hostile = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(categories=["Cs", "Nd", "No", "Cc", "Zs", "Mn"]), max_size=12),
    st.sampled_from(SPECIAL),
    st.lists(st.sampled_from(SPECIAL), max_size=4).map("".join),
)
quick = settings(max_examples=300, deadline=None)
with_db = settings(  # each example writes to a database: 30 of them, on each store
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def nfc_line(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@quick
@given(hostile)
def test_find_kind_and_parse_date(text: str) -> None:
    for call in (intake.find_kind, intake.parse_date):
        with contextlib.suppress(ViverError):
            call(text, KINDS) if call is intake.find_kind else call(text)


@quick
@given(st.sampled_from([k.key for k in KINDS] + ["nope"]), hostile, hostile, hostile)
def test_validate_medium(kind: str, description: str, condition: str, units: str) -> None:
    try:
        values = intake.validate_medium(MediumInput(kind, description, condition, units), KINDS)
    except ViverError:
        return
    assert values["description"] == clean_line(description, field="d", max_length=500)
    assert isinstance(values["units"], int) and values["units"] > 0


@quick
@given(hostile, hostile, hostile)
def test_validate_details(shelf: str, promised: str, notes: str) -> None:
    with contextlib.suppress(ViverError):
        intake.validate_details(OrderDetails(shelf, promised, notes))


@pytest.fixture
def draft(db: peewee.Database) -> int:
    cid = customers.register(db, CustomerInput(name="Kari", phone="91234567"), as_staff(db, "T")).id
    order = intake.open_order(db, cid, "T")
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "T")
    return order.id


@with_db
@given(hostile, hostile, hostile)
def test_add_medium_and_details_store_clean_text_or_refuse(
    db: peewee.Database, draft: int, description: str, condition: str, notes: str
) -> None:
    try:
        view = intake.add_medium(db, draft, MediumInput("vhs", description, condition), KINDS, "T")
    except ViverError:
        pass
    else:
        stored = max(view.media, key=lambda m: m.seq)
        assert stored.description == nfc_line(description)
        assert stored.condition == nfc_line(condition)
        with db.connection_context():
            assert MediaItem.get_by_id(stored.id).description == stored.description
    try:
        view = intake.update_details(db, draft, OrderDetails(condition[:50], "", notes), "T")
    except ViverError:
        pass
    else:
        assert view.notes == clean_text(notes, field="notes")
        with db.connection_context():
            assert Order.get_by_id(draft).notes == view.notes


@with_db
@given(hostile, hostile, st.sampled_from(orders.WORK_STATUSES))
def test_notes_statuses_and_lookups(
    db: peewee.Database, draft: int, text: str, code: str, status: str
) -> None:
    if orders.load_for_reading(db, draft).status == orders.DRAFT:
        intake.confirm_order(db, draft, OrderDetails(shelf="A1"), "T")
    for call in (
        lambda: orders.add_note(db, draft, text, "T"),
        lambda: orders.set_order_status(db, draft, status, "T", note=text),
        lambda: orders.set_medium_status(db, draft, code, status, "T", note=text),
        lambda: orders.find_order_id(db, text),
        lambda: orders.find_order_id(db, code),
    ):
        with contextlib.suppress(ViverError):
            call()
