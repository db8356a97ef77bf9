"""Documents at the service: invoices with what § 5-1-1 asks, one invoice per order,
settlement, credit notes and voids keeping the series whole, quotes that become
orders, confirmations, roles — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.errors import FormErrors, ValidationError
from viver_tui.models import Document, OrderEvent
from viver_tui.printing.sheet import Sheet
from viver_tui.services import documents, intake, orders
from viver_tui.services.documents import (
    AlreadyInvoiced,
    CannotInvoice,
    Discount,
    ProductLine,
    QuoteLineInput,
    TillPayment,
)
from viver_tui.services.documents.core import load_model
from viver_tui.services.intake import MediumInput
from viver_tui.services.staff import NotAllowed, StaffView

NOW = datetime(2026, 11, 24, 10, 15)


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
def admin(db: peewee.Database) -> StaffView:
    return person(db, "adm", "admin")


def _row(db: peewee.Database, document_id: int) -> Document:
    with reading(db):
        return Document.get_by_id(document_id)


def test_an_invoice_says_all_bokforingsforskriften_asks(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    order = confirmed_order(db, settings, counter, cid)
    view = documents.issue_invoice(
        db, order.id, settings, counter,
        products=[ProductLine("usb-32", 2)],
        discount=Discount(5000, "stamkunde"),
        paid=[TillPayment("card", 20000, "K-4711")],
    )
    assert (view.kind, view.number, view.company) == ("invoice", 1, "videoverkstedet")
    # VHS 299 + Super 8 20 min × 25 + 2 × USB 149 − 50 = 1 047,00
    assert view.total_ore == 29900 + 50000 + 2 * 14900 - 5000 == 104700
    assert view.vat_ore == 20940  # 104 700 × 25/125, rounded once
    assert view.paid_ore == 20000 and view.due_ore == 84700
    assert view.kid == "0000000018"  # 000000001 and its MOD10 check digit
    assert view.due_on == date(2026, 12, 8)  # 14 days
    sheet = Sheet.from_json(_row(db, view.id).sheet)
    assert sheet.title == "FAKTURA" and sheet.heading == "Faktura 1"
    assert sheet.seller == (
        "Videoverkstedet AS", "Storgata 1", "0155 Oslo", "Org.nr. 988 077 917 MVA",
        "Foretaksregisteret", "Tlf. +47 22 00 00 00", "post@videoverkstedet.no",
    )
    assert sheet.buyer == ("Åse Ødegård", "Bøgata 3", "0655 Oslo")
    assert sheet.facts == (
        ("Fakturadato", "24.11.2026"), ("Forfallsdato", "08.12.2026"),
        ("Ordre", str(order.number)), ("Levert", "24.11.2026, Storgata 1, 0155 Oslo"),
    )
    assert [(line.text, line.detail, line.vat, line.amount) for line in sheet.lines] == [
        (f"VHS {order.number}-01", "1 stk × kr 299,00", "25 %", "kr 299,00"),
        (f"Super 8-film {order.number}-02", "20 min × kr 25,00", "25 %", "kr 500,00"),
        ("USB-minnepinne 32 GB", "2 stk × kr 149,00", "25 %", "kr 298,00"),
        ("Rabatt: stamkunde", "1 stk × kr -50,00", "25 %", "kr -50,00"),
    ]
    assert sheet.lines[0].notes == ("Bryllup 1994",)
    assert sheet.totals == (
        ("Sum eks. mva", "kr 837,60"),
        ("Mva 25 % av kr 837,60", "kr 209,40"),
        ("Sum mva", "kr 209,40"),
        ("Sum inkl. mva", "kr 1\xa0047,00"),
        ("Betalt i kassen (kort, kvittering K-4711)", "kr -200,00"),
        ("Å betale", "kr 847,00"),
    )
    assert sheet.payment == (
        ("Kontonummer", "8601.11.17947"), ("KID", "0000000018"),
        ("Beløp", "kr 847,00"), ("Forfallsdato", "08.12.2026"),
    )
    assert any("avrundet til nærmeste øre én gang" in note for note in sheet.notes)
    with reading(db):
        events = [e.action for e in OrderEvent.select().where(OrderEvent.order == order.id)]
    assert "invoiced" in events


def test_a_second_invoice_for_the_order_is_refused_with_the_first_ones_number(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    order = confirmed_order(db, settings, counter, customer(db, counter))
    first = documents.issue_invoice(db, order.id, settings, counter)
    with pytest.raises(AlreadyInvoiced) as refused:
        documents.issue_invoice(db, order.id, settings, counter)
    assert refused.value.number == first.number
    assert f"faktura {first.number}" in refused.value.message
    assert documents.draft_invoice(db, order.id, settings, counter).existing == first.number
    # credited in full, the order may be invoiced again, with the next number
    documents.issue_credit_note(db, first.id, settings, counter, reason="feil pris")
    again = documents.issue_invoice(db, order.id, settings, counter)
    assert again.number == first.number + 1


def test_a_company_without_an_organisation_number_cannot_invoice_and_says_so_first(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object, tmp_path: Path
) -> None:
    from dataclasses import replace

    bare = replace(settings, companies=(replace(settings.companies[0], org_number=""),
                                        settings.companies[1]))
    order = confirmed_order(db, bare, counter, customer(db, counter))
    draft = documents.draft_invoice(db, order.id, bare, counter)
    assert draft.problem is not None and "organisasjonsnummer" in draft.problem
    with pytest.raises(CannotInvoice, match="Videoverkstedet AS har ikke organisasjonsnummer"):
        documents.issue_invoice(db, order.id, bare, counter)
    with reading(db):
        assert not Document.select().where(Document.kind == "invoice").exists()
    assert documents.invoicing_problem(bare.companies[1]) is None


def test_an_invoice_needs_the_buyers_address_and_a_business_its_org_number(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    homeless = confirmed_order(db, settings, counter, customer(db, counter, address=""))
    with pytest.raises(CannotInvoice, match="mangler adresse"):
        documents.issue_invoice(db, homeless.id, settings, counter)
    firm = customer(db, counter, name="Film og Foto AS", kind="business", org_number="974760673")
    order = confirmed_order(db, settings, counter, firm)
    view = documents.issue_invoice(db, order.id, settings, counter)
    assert Sheet.from_json(_row(db, view.id).sheet).buyer[-1] == "Org.nr. 974 760 673"


def test_each_company_numbers_its_own_series(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    numbers = []
    for company in ("videoverkstedet", "viverfilm", "videoverkstedet"):
        order = confirmed_order(db, settings, counter, cid, company=company)
        view = documents.issue_invoice(db, order.id, settings, counter)
        numbers.append((view.company, view.number))
    assert numbers == [("videoverkstedet", 1), ("viverfilm", 1), ("videoverkstedet", 2)]
    viverfilm = Sheet.from_json(_row(db, 2).sheet)
    assert "Org.nr. 123 456 785 MVA" in viverfilm.seller
    assert viverfilm.facts[1] == ("Forfallsdato", "04.12.2026")  # its own 10 days


def test_paid_at_the_till_in_full_has_nothing_due_and_a_bank_payment_later_clears_it(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    paid = documents.issue_invoice(
        db, confirmed_order(db, settings, counter, cid).id, settings, counter,
        paid=[TillPayment("vipps", 29900 + 50000, "V-1")],
    )
    assert paid.due_ore == 0
    sheet = Sheet.from_json(_row(db, paid.id).sheet)
    assert sheet.payment == () and sheet.totals[-1] == ("Å betale", "kr 0,00")
    sent = documents.issue_invoice(
        db, confirmed_order(db, settings, counter, cid).id, settings, counter
    )
    with pytest.raises(ValidationError, match="mer enn det som gjenstår"):
        documents.record_payment(db, sent.id, settings, counter, amount_ore=sent.due_ore + 1)
    half = documents.record_payment(db, sent.id, settings, counter, amount_ore=30000)
    assert half.due_ore == sent.due_ore - 30000
    done = documents.record_payment(db, sent.id, settings, counter, reference="bank 24.11")
    assert done.due_ore == 0 and done.paid_ore == sent.total_ore
    with pytest.raises(ValidationError, match="allerede betalt"):
        documents.record_payment(db, sent.id, settings, counter)


def test_till_payments_are_checked_before_anything_is_written(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    order = confirmed_order(db, settings, counter, customer(db, counter))
    with pytest.raises(FormErrors) as missing:
        documents.issue_invoice(db, order.id, settings, counter,
                                paid=[TillPayment("card", 100, " ")])
    assert "kvitteringsnummeret" in missing.value.errors["paid"]
    with pytest.raises(ValidationError, match="mer i kassen"):
        documents.issue_invoice(db, order.id, settings, counter,
                                paid=[TillPayment("cash", 10**7, "1")])
    with pytest.raises(ValidationError, match="under null"):
        documents.issue_invoice(db, order.id, settings, counter,
                                discount=Discount(10**7, "for mye"))
    assert documents.issue_invoice(db, order.id, settings, counter).number == 1  # none lost


@pytest.mark.parametrize("series", ["own", "invoice"])
def test_credit_notes_whole_and_in_part_in_the_series_the_shop_chose(
    db: peewee.Database, tmp_path: Path, counter: StaffView, now: object, series: str
) -> None:
    settings = shop(tmp_path, credit_note_series=series)
    order = confirmed_order(db, settings, counter, customer(db, counter))
    invoice = documents.issue_invoice(db, order.id, settings, counter)
    part = documents.issue_credit_note(
        db, invoice.id, settings, counter, reason="Ripe på kassetten", amount_ore=10000
    )
    assert part.total_ore == -10000 and part.credits_number == invoice.number
    assert part.number == (2 if series == "invoice" else 1)
    with pytest.raises(ValidationError, match="mer enn det som gjenstår"):
        documents.issue_credit_note(db, invoice.id, settings, counter, reason="x",
                                    amount_ore=invoice.total_ore)
    rest = documents.issue_credit_note(db, invoice.id, settings, counter, reason="Angret")
    assert rest.total_ore == -(invoice.total_ore - 10000)
    after = documents.get_document(db, invoice.id, settings, counter)
    assert after.credited_ore == invoice.total_ore and after.due_ore == 0
    with pytest.raises(ValidationError, match="allerede kreditert"):
        documents.issue_credit_note(db, invoice.id, settings, counter, reason="igjen")
    sheet = Sheet.from_json(_row(db, part.id).sheet)
    assert sheet.title == "KREDITNOTA"
    assert ("Krediterer", "faktura 1 av 24.11.2026") in sheet.facts
    assert sheet.totals[-1] == ("Kreditert inkl. mva", "kr -100,00")
    assert "Grunn: Ripe på kassetten" in sheet.notes


def test_a_whole_credit_note_mirrors_every_line_of_the_invoice(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    order = confirmed_order(db, settings, counter, customer(db, counter))
    invoice = documents.issue_invoice(db, order.id, settings, counter,
                                      products=[ProductLine("dvd")])
    credit = documents.issue_credit_note(db, invoice.id, settings, counter, reason="Feil kunde")
    original, mirror = load_model(_row(db, invoice.id)), load_model(_row(db, credit.id))
    assert [(-line.amount_ore, line.text) for line in mirror.lines] == [
        (line.amount_ore, line.text) for line in original.lines
    ]
    assert mirror.totals.vat_ore == -original.totals.vat_ore


def test_a_spoiled_invoice_keeps_its_number_as_void_and_the_series_goes_on(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    order = confirmed_order(db, settings, counter, cid)
    spoiled = documents.issue_invoice(db, order.id, settings, counter)
    with pytest.raises(ValidationError, match="hvorfor"):
        documents.void_invoice(db, spoiled.id, settings, counter, " ")
    void = documents.void_invoice(db, spoiled.id, settings, counter, "Feil kunde valgt")
    assert void.status == "void" and void.due_ore == 0
    again = documents.issue_invoice(db, order.id, settings, counter)
    assert again.number == 2
    with reading(db):
        assert [(d.number, d.status) for d in Document.select().where(
            Document.kind == "invoice").order_by(Document.number)] == [(1, "void"), (2, "issued")]
    documents.record_payment(db, again.id, settings, counter, amount_ore=100)
    with pytest.raises(ValidationError, match="kreditnota"):
        documents.void_invoice(db, again.id, settings, counter, "for sent")
    later = confirmed_order(db, settings, counter, cid)
    third = documents.issue_invoice(db, later.id, settings, counter)
    with clock.pinned(NOW + timedelta(days=1)), pytest.raises(ValidationError, match="kreditnota"):
        documents.void_invoice(db, third.id, settings, counter, "neste dag")


def test_a_quote_becomes_the_orders_draft_without_retyping(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    quote = documents.make_quote(
        db, cid, settings, counter,
        [QuoteLineInput("vhs", "3"), QuoteLineInput("super8", "2", "20"),
         QuoteLineInput("photo-series", "1", "150"), QuoteLineInput("usb-128", "1")],
        company="viverfilm",
    )
    assert quote.valid_until == date(2026, 12, 24)  # 30 days
    assert quote.total_ore == 3 * 29900 + 2 * 50000 + 60000 + 29900
    sheet = Sheet.from_json(_row(db, quote.id).sheet)
    assert (sheet.title, sheet.heading) == ("TILBUD", "Tilbud 1")
    assert ("Gyldig til", "24.12.2026") in sheet.facts
    assert sheet.lines[1].notes == ("20 min hver",)
    order = documents.accept_quote(db, quote.id, settings, counter)
    assert order.status == "draft"
    assert [(m.kind, m.units) for m in order.media] == [
        ("vhs", 1), ("vhs", 1), ("vhs", 1), ("super8", 20), ("super8", 20),
        ("photo-series", 150),
    ]
    assert order.estimate_ore == quote.total_ore - 29900  # the USB stick is no medium
    with pytest.raises(ValidationError, match="allerede godtatt"):
        documents.accept_quote(db, quote.id, settings, counter)
    confirmed = intake.confirm_order(db, order.id, intake.OrderDetails(shelf="B2"), "disk")
    draft = documents.draft_invoice(db, confirmed.id, settings, counter)
    assert draft.company == "viverfilm"
    assert draft.products == (ProductLine("usb-128", 1),)  # proposed again on the invoice


def test_an_expired_quote_says_so_and_is_not_accepted(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter)
    quote = documents.make_quote(db, cid, settings, counter, [QuoteLineInput("1", "1")],
                                 valid_until="30.11.2026")
    with clock.pinned(datetime(2026, 12, 1, 9, 0)):
        listed = documents.documents_for_customer(db, cid, settings, counter)
        assert listed[0].expired()
        with pytest.raises(ValidationError, match=r"gikk ut 30\.11\.2026"):
            documents.accept_quote(db, quote.id, settings, counter)
    with pytest.raises(FormErrors) as bad:
        documents.make_quote(db, cid, settings, counter,
                             [QuoteLineInput("vhs", "0"), QuoteLineInput("bildeserie", "1")],
                             valid_until="01.01.2020")
    assert "Linje 1" in bad.value.errors["lines"]
    assert "passert" in bad.value.errors["valid_until"]


def test_confirming_an_order_writes_its_confirmation_in_the_same_transaction(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    cid = customer(db, counter, address="")  # a confirmation needs no address
    order = intake.open_order(db, cid, "disk", company="viverfilm")
    intake.add_medium(db, order.id, MediumInput("minidv", "Dåp 2001"), settings.media_kinds, "disk")
    with pytest.raises(FormErrors):  # no shelf: neither the order nor the document
        documents.confirm_order(db, order.id, intake.OrderDetails(), counter, settings)
    with reading(db):
        assert not Document.select().exists()
    view = documents.confirm_order(
        db, order.id, intake.OrderDetails(shelf="C3", promised_on="+14"), counter, settings
    )
    assert view.status == "received"
    [confirmation] = documents.documents_for_order(db, order.id, settings, counter)
    assert (confirmation.kind, confirmation.number) == ("confirmation", order.number)
    sheet = Sheet.from_json(_row(db, confirmation.id).sheet)
    assert sheet.heading == f"Ordre {order.number}"
    assert sheet.seller[0] == "Viverfilm AS"
    assert ("Lovet ferdig", "08.12.2026") in sheet.facts
    assert sheet.lines[0].text == f"MiniDV {order.number}-01"
    assert sheet.totals[-1] == ("Prisoverslag inkl. mva", "kr 349,00")


def test_production_staff_see_nothing_of_documents(
    db: peewee.Database, settings: Settings, admin: StaffView, counter: StaffView, now: object
) -> None:
    prod = person(db, "prod", "production")
    order = confirmed_order(db, settings, counter, customer(db, counter))
    invoice = documents.issue_invoice(db, order.id, settings, counter)
    for call in (
        lambda: documents.documents_for_order(db, order.id, settings, prod),
        lambda: documents.issue_invoice(db, order.id, settings, prod),
        lambda: documents.document_pdf(db, invoice.id, settings, prod),
        lambda: documents.print_document(db, invoice.id, prod),
        lambda: documents.record_payment(db, invoice.id, settings, prod),
    ):
        with pytest.raises(NotAllowed):
            call()
    with pytest.raises(NotAllowed):  # the export is the admin's
        documents.export_invoices(db, settings, counter, NOW.date(), NOW.date(),
                                  Path("unused"))
    assert orders.get_order(db, order.id, staff="prod").number == order.number


def test_an_issued_invoice_is_never_changed_by_what_happens_to_it_later(
    db: peewee.Database, settings: Settings, counter: StaffView, now: object
) -> None:
    """Paid, printed again, credited in part and in full, its PDF made: the invoice as
    issued (its model, its layout, its number, its totals) stays byte for byte the same."""
    order = confirmed_order(db, settings, counter, customer(db, counter))
    invoice = documents.issue_invoice(db, order.id, settings, counter,
                                      paid=[TillPayment("cash", 10000, "Z-12")])

    def as_issued() -> tuple[object, ...]:
        row = _row(db, invoice.id)
        return (row.kind, row.number, row.issued_on, row.due_on, row.total_ore, row.vat_ore,
                row.kid, row.content, row.sheet)

    issued = as_issued()
    documents.record_payment(db, invoice.id, settings, counter, amount_ore=5000)
    documents.print_document(db, invoice.id, counter, terminal=settings.terminal)
    documents.document_pdf(db, invoice.id, settings, counter)
    documents.issue_credit_note(db, invoice.id, settings, counter, reason="Ripe",
                                amount_ore=1000)
    documents.issue_credit_note(db, invoice.id, settings, counter, reason="Angret")
    assert as_issued() == issued
    with pytest.raises(ValidationError):  # credited: nothing more to pay, nor to void
        documents.record_payment(db, invoice.id, settings, counter)
    with pytest.raises(ValidationError):
        documents.void_invoice(db, invoice.id, settings, counter, "for sent")
    assert as_issued() == issued
