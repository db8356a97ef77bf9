"""What the production room actually did on a medium (minutes digitized, photos
scanned) and the invoice that charges it: the record wins over the estimate, the
estimate stands where nothing is recorded, an issued invoice never changes (the record
is locked while the order is invoiced), bad amounts are refused at the field with
nothing changed, and every change is in the order's history — on SQLite and
PostgreSQL. The screens' part: tests/screens/test_production_actuals.py."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.errors import ValidationError
from viver_tui.locale import speaking
from viver_tui.models import Document, MediaItem, OrderEvent
from viver_tui.printing.sheet import Sheet
from viver_tui.services import documents
from viver_tui.services.documents import ACTUAL, ESTIMATED
from viver_tui.services.intake import MediumInput
from viver_tui.services.orders import OrderView
from viver_tui.services.production import actuals, outcomes, steps
from viver_tui.services.staff import StaffView

NOW = datetime(2026, 11, 24, 10, 15)
MEDIA = (
    MediumInput("vhs", "Bryllup 1994"),  # kr 299 per piece: nothing to count
    MediumInput("super8", "Hytta", "", "20"),  # 20 min × kr 25 = kr 500
    MediumInput("photo-series", "Album", "", "400"),  # 400 × kr 4 = kr 1 600
)


@pytest.fixture
def now() -> object:
    with clock.pinned(NOW) as pinned:
        yield pinned


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return shop(tmp_path)


@pytest.fixture
def counter(db: peewee.Database) -> StaffView:
    return person(db, "disk", "counter")


@pytest.fixture
def prod(db: peewee.Database) -> StaffView:
    return person(db, "prod", "production")


@pytest.fixture
def order(db: peewee.Database, settings: Settings, counter: StaffView) -> OrderView:
    return confirmed_order(db, settings, counter, customer(db, counter), MEDIA)


def _ids(order: OrderView) -> tuple[int, int, int]:
    vhs, film, photos = (m.id for m in order.media)
    return vhs, film, photos


def _media_lines(draft: documents.InvoiceDraft) -> list[tuple[int, int, int, str, int]]:
    return [(line.quantity, line.unit_price_ore, line.amount_ore, line.basis,
             line.estimate_units) for line in draft.lines]


def test_the_production_record_wins_over_the_estimate_and_the_estimate_stands_without(
    db: peewee.Database, settings: Settings, counter: StaffView, prod: StaffView,
    order: OrderView, now: object,
) -> None:
    _, film, photos = _ids(order)
    draft = documents.draft_invoice(db, order.id, settings, counter)
    assert _media_lines(draft) == [
        (1, 29900, 29900, "", 0),
        (20, 2500, 50000, ESTIMATED, 20),
        (400, 400, 160000, ESTIMATED, 400),
    ]
    assert draft.total_ore == draft.estimate_total_ore == 239900
    actuals.record_actual(db, film, prod, 94, settings.media_kinds)  # longer than thought
    actuals.record_actual(db, photos, prod, 0, settings.media_kinds)  # then none scanned
    actuals.record_actual(db, photos, prod, None, settings.media_kinds)  # … removed again
    draft = documents.draft_invoice(db, order.id, settings, counter)
    assert _media_lines(draft) == [
        (1, 29900, 29900, "", 0),
        (94, 2500, 235000, ACTUAL, 20),  # 94 min at the estimate's kr 25,00
        (400, 400, 160000, ESTIMATED, 400),  # no record: the estimate
    ]
    assert (draft.total_ore, draft.estimate_total_ore) == (424900, 239900)
    invoice = documents.issue_invoice(db, order.id, settings, counter)
    assert invoice.total_ore == 424900
    with reading(db):
        sheet = Sheet.from_json(Document.get_by_id(invoice.id).sheet)
    assert [(line.detail, line.amount, line.notes) for line in sheet.lines] == [
        ("1 stk × kr 299,00", "kr 299,00", ("Bryllup 1994",)),
        ("94 min × kr 25,00", "kr 2\xa0350,00", ("Hytta", "Faktisk: 94 min (anslått 20 min)")),
        ("400 bilder × kr 4,00", "kr 1\xa0600,00",
         ("Album", "Anslått: 400 bilder (ikke målt)")),
    ]


def test_the_record_is_charged_at_the_estimates_unit_price_rounded_once(
    db: peewee.Database, settings: Settings, counter: StaffView, prod: StaffView,
    now: object,
) -> None:
    """A film estimated at 15 min for kr 375,00 and digitized in 0 min costs nothing;
    the line is quantity × unit price exactly, in øre."""
    order = confirmed_order(db, settings, counter, customer(db, counter),
                            (MediumInput("8mm", "Tom", "", "15"),))
    actuals.record_actual(db, order.media[0].id, prod, 0, settings.media_kinds)
    [line] = documents.draft_invoice(db, order.id, settings, counter).lines
    assert (line.quantity, line.unit_price_ore, line.amount_ore, line.basis) == (
        0, 2500, 0, ACTUAL)


def test_an_issued_invoice_never_changes_and_the_record_is_locked_while_invoiced(
    db: peewee.Database, settings: Settings, counter: StaffView, prod: StaffView,
    order: OrderView, now: object,
) -> None:
    _, film, _ = _ids(order)
    actuals.record_actual(db, film, prod, 94, settings.media_kinds)
    invoice = documents.issue_invoice(db, order.id, settings, counter)

    def as_issued() -> tuple[object, ...]:
        with reading(db):
            row = Document.get_by_id(invoice.id)
            return row.total_ore, row.vat_ore, row.content, row.sheet

    issued = as_issued()
    with pytest.raises(ValidationError) as refused:
        actuals.record_actual(db, film, prod, 120, settings.media_kinds)
    assert refused.value.field == "actual"
    assert f"faktura {invoice.number}" in refused.value.message
    with pytest.raises(ValidationError):  # with the outcome: neither is recorded
        outcomes.set_outcome(db, film, prod, "ok", "Fin", settings.production_outcomes,
                             actual=None, kinds=settings.media_kinds)
    with reading(db):
        item = MediaItem.get_by_id(film)
        assert (item.actual_units, item.outcome) == (94, None)
    # The same number again changes nothing and is not refused (the dialog's Enter).
    outcomes.set_outcome(db, film, prod, "ok", "Fin", settings.production_outcomes,
                         actual=94, kinds=settings.media_kinds)
    # Credited in full: the record may change; the first invoice stays as issued and
    # the next one charges the new record.
    documents.issue_credit_note(db, invoice.id, settings, counter, reason="Feil lengde")
    actuals.record_actual(db, film, prod, 100, settings.media_kinds)
    second = documents.issue_invoice(db, order.id, settings, counter)
    assert as_issued() == issued
    assert invoice.total_ore == 424900 and second.total_ore == 424900 + 6 * 2500
    assert documents.get_document(db, invoice.id, settings, counter).total_ore == 424900


@pytest.mark.parametrize(
    ("medium", "typed", "message"),
    [
        (1, "601", "Skriv hele minutter, fra 0 til 600."),
        (1, "-1", "Skriv hele minutter, fra 0 til 600."),
        (1, "9,5", "Skriv hele minutter, fra 0 til 600."),
        (1, "²", "Skriv hele minutter, fra 0 til 600."),
        (1, "9" * 5000, "Skriv hele minutter, fra 0 til 600."),
        (2, "10 001", "Skriv antall bilder som et helt tall, fra 0 til 10\xa0000."),
        (2, "mange", "Skriv antall bilder som et helt tall, fra 0 til 10\xa0000."),
        (0, "60", "Denne typen prises per stykk: det er ingen mengde å registrere."),
    ],
)
def test_a_bad_amount_is_refused_at_the_field_and_nothing_changes(
    db: peewee.Database, settings: Settings, prod: StaffView, order: OrderView,
    medium: int, typed: str, message: str,
) -> None:
    item = _ids(order)[medium]
    kind = order.media[medium].kind
    unit = actuals.unit_of(settings.media_kinds, kind)
    with speaking("nb"), pytest.raises(ValidationError) as refused:
        actuals.parse_actual(typed, unit)
    assert (refused.value.field, refused.value.message) == ("actual", message)
    digits = typed.lstrip("-")
    as_number = int(typed) if digits.isascii() and digits.isdigit() and len(typed) < 10 else None
    if as_number is not None:  # the service checks what it is given, too
        with speaking("nb"), pytest.raises(ValidationError) as refused:
            actuals.record_actual(db, item, prod, as_number, settings.media_kinds)
        assert refused.value.message == message
    with reading(db):
        assert MediaItem.get_by_id(item).actual_units is None
        assert not OrderEvent.select().where(OrderEvent.action == "actual").exists()


def test_bounds_and_blank_are_taken(settings: Settings) -> None:
    assert actuals.parse_actual("0", "minute") == 0
    assert actuals.parse_actual(" 600 ", "minute") == 600
    assert actuals.parse_actual("10 000", "photo") == 10_000
    assert actuals.parse_actual("", "minute") is None
    assert actuals.parse_actual("", None) is None  # per piece: nothing asked, nothing said
    assert actuals.unit_of(settings.media_kinds, "vhs") is None
    assert actuals.unit_of(settings.media_kinds, "16mm") == "minute"
    assert actuals.unit_of(settings.media_kinds, "slides") == "photo"


def test_every_change_is_in_the_history_in_the_readers_language(
    db: peewee.Database, settings: Settings, prod: StaffView, order: OrderView,
    now: object,
) -> None:
    _, film, photos = _ids(order)
    steps.scan(db, order.media[1].code, prod)
    outcomes.set_outcome(db, film, prod, "ok", "", settings.production_outcomes,
                         actual=94, kinds=settings.media_kinds)
    actuals.record_actual(db, film, prod, 90, settings.media_kinds)
    actuals.record_actual(db, film, prod, None, settings.media_kinds)
    panel = actuals.record_actual(db, photos, prod, 1, settings.media_kinds)
    assert (panel.actual_units, panel.estimate_units) == (1, 400)
    with reading(db):
        rows = [(e.media_item_id, e.staff, e.action) for e in OrderEvent.select().where(
            OrderEvent.action == "actual").order_by(OrderEvent.id)]
    assert rows == [(film, "prod", "actual")] * 3 + [(photos, "prod", "actual")]
    with speaking("nb"):
        with reading(db):
            from viver_tui.services.production import panel as panels

            film_panel = panels.build(film)
        said = [line.note for line in film_panel.history if line.action == "actual"]
    assert said == [
        "94 min digitalisert (anslått 20 min)",
        "90 min digitalisert (anslått 20 min) (før: 94)",
        "fjernet – fakturaen bruker anslaget (før: 90)",
    ]
    from viver_tui.locale.events import decode_detail, detail_text

    with reading(db):
        last = OrderEvent.select().where(OrderEvent.action == "actual").order_by(
            OrderEvent.id.desc()).first()
    with speaking("en"):
        assert detail_text("actual", decode_detail(last.detail), "") == (
            "1 photo scanned (estimated 400)")


@pytest.mark.parametrize(("language", "said"), [
    ("nb", "faktisk mengde registrert: 94 min digitalisert (anslått 20 min)"),
    ("en", "the actual amount was recorded: 94 min digitized (estimated 20 min)"),
])
def test_the_customers_innsyn_answer_says_the_record_in_words(
    db: peewee.Database, settings: Settings, prod: StaffView, order: OrderView,
    tmp_path: Path, language: str, said: str,
) -> None:
    """The record is data about the customer's order: in the JSON as the number, in the
    readable answer as words (no raw code), in the reader's language."""
    import json

    from viver_tui.services import privacy

    _, film, _ = _ids(order)
    actuals.record_actual(db, film, prod, 94, settings.media_kinds)
    admin = person(db, "adm", "admin")
    with speaking(language):
        export = privacy.export_customer(db, order.customer_id, admin, tmp_path / language,
                                         shop=settings)
    text = " ".join(export.text_path.read_text(encoding="utf-8").split())
    assert said in text and "actual" not in text.replace("actual amount", "")
    data = json.loads(export.json_path.read_text(encoding="utf-8"))
    assert [m["actual_units"] for m in data["orders"][0]["media"]] == [None, 94, None]
