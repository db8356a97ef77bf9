"""A document rendered twice from one layout: on the 80 mm receipt printer (ESC/POS bytes
read back) and as an A4 PDF (its text extracted with pypdf), compared line by line;
KID check digits against known values; totals that always add up (hypothesis)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from viver_tui.printing.document_pdf import render_pdf
from viver_tui.printing.document_receipt import document
from viver_tui.printing.layouts import Paper, dummy_printer
from viver_tui.printing.preview import printed_widths, render_text
from viver_tui.printing.sheet import Sheet
from viver_tui.services.documents.model import (
    DocumentModel,
    Line,
    Party,
    Seller,
    Settled,
    kid_for,
    totals_of,
    vat_of,
)
from viver_tui.services.documents.render import sheet_of

SELLER = Seller(
    "videoverkstedet", "Videoverkstedet AS", "988077917", True, ("Storgata 1", "0155 Oslo"),
    "86011117947", "post@videoverkstedet.no", "+47 22 00 00 00", "Betaling 14 dager netto.",
)
INVOICE = DocumentModel(
    "invoice", 17, SELLER, Party("Åse Ødegård-Ærø", ("Bøgata 3", "0655 Oslo")),
    datetime(2026, 11, 24, 10, 15),
    (
        Line("VHS 104233-01", 1, "piece", 29900, 29900,
             note="Bryllup på Røros 1994 – hele dagen, også festen etterpå"),
        Line("Super 8-film 104233-02", 20, "minute", 2500, 50000),
        Line("Rabatt: stamkunde", 1, "piece", -5000, -5000, source="discount"),
    ),
    order_number=104233, due_on=date(2026, 12, 8), delivered_on=date(2026, 11, 24),
    delivery_place="Storgata 1, 0155 Oslo", kid=kid_for(17),
    settled=(Settled("card", 20000, "K-4711"),),
)

RECEIPT_48 = """\
               Videoverkstedet AS
                   Storgata 1
                   0155 Oslo
            Org.nr. 988 077 917 MVA
               Foretaksregisteret
              Tlf. +47 22 00 00 00
            post@videoverkstedet.no

                    FAKTURA
                   Faktura 17

Fakturadato                           24.11.2026
Forfallsdato                          08.12.2026
Ordre                                     104233
Levert         24.11.2026, Storgata 1, 0155 Oslo
------------------------------------------------
Kunde
Åse Ødegård-Ærø
Bøgata 3
0655 Oslo
------------------------------------------------
VHS 104233-01
  Bryllup på Røros 1994 - hele dagen, også
  festen etterpå
  1 stk x kr 299,00 25 %               kr 299,00
Super 8-film 104233-02
  20 min x kr 25,00 25 %               kr 500,00
Rabatt: stamkunde
  1 stk x kr -50,00 25 %               kr -50,00
------------------------------------------------
Sum eks. mva                           kr 599,20
Mva 25 % av kr 599,20                  kr 149,80
Sum mva                                kr 149,80
Sum inkl. mva                          kr 749,00
Betalt i kassen (kort, kvittering
K-4711)                               kr -200,00
Å betale                               kr 549,00
------------------------------------------------
Betalingsinformasjon
Kontonummer                        8601.11.17947
KID                                   0000000174
Beløp                                  kr 549,00
Forfallsdato                          08.12.2026
------------------------------------------------
Husk å bruke KID når du betaler.
Prisene er inkludert mva. Mva er regnet av
summen per sats og avrundet til nærmeste øre én
gang for hele dokumentet.
Betaling 14 dager netto.

               Videoverkstedet AS
            Org.nr. 988 077 917 MVA
               Foretaksregisteret
             Storgata 1, 0155 Oslo"""

PDF_LINES = [
    "Videoverkstedet AS", "Storgata 1", "0155 Oslo", "Org.nr. 988 077 917 MVA",
    "Foretaksregisteret", "Tlf. +47 22 00 00 00", "post@videoverkstedet.no",
    "FAKTURA", "Faktura 17",
    "Fakturadato 24.11.2026", "Forfallsdato 08.12.2026", "Ordre 104233",
    "Levert 24.11.2026, Storgata 1, 0155", "Oslo",
    "Kontonummer 8601.11.17947", "KID 0000000174", "Beløp kr 549,00",
    "Forfallsdato 08.12.2026",
    "Kunde", "Åse Ødegård-Ærø", "Bøgata 3", "0655 Oslo",
    "Beskrivelse Antall × pris Mva Beløp",
    "VHS 104233-01 1 stk × kr 299,00 25 % kr 299,00",
    "Bryllup på Røros 1994 – hele dagen, også festen etterpå",
    "Super 8-film 104233-02 20 min × kr 25,00 25 % kr 500,00",
    "Rabatt: stamkunde 1 stk × kr -50,00 25 % kr -50,00",
    "Sum eks. mva kr 599,20", "Mva 25 % av kr 599,20 kr 149,80", "Sum mva kr 149,80",
    "Sum inkl. mva kr 749,00", "Betalt i kassen (kort, kvittering K-4711) kr -200,00",
    "Å betale kr 549,00",
    "Betalingsinformasjon", "Kontonummer KID Beløp Forfallsdato",
    "8601.11.17947 0000000174 kr 549,00 08.12.2026",
    "Husk å bruke KID når du betaler.",
    "Prisene er inkludert mva. Mva er regnet av summen per sats og avrundet til nærmeste "
    "øre én gang for hele dokumentet.",
    "Betaling 14 dager netto.",
    "Videoverkstedet AS · Org.nr. 988 077 917 MVA · Foretaksregisteret · Storgata 1, 0155 Oslo",
]


def receipt_text(sheet: Sheet, columns: int) -> tuple[bytes, list[str]]:
    printer = dummy_printer()
    document(printer, sheet, Paper(columns=columns))
    return printer.output, render_text(printer.output, columns, "CP865").splitlines()


def test_the_invoice_on_the_receipt_printer_reads_back_line_by_line() -> None:
    output, lines = receipt_text(sheet_of(INVOICE), 48)
    assert output.startswith(b"\x1b@\x1bt\x05")  # reset, then code page CP865 (æøå)
    assert b"\x9b" in output and b"\x86" in output  # ø and å as CP865 bytes
    assert lines[:-1] == RECEIPT_48.splitlines()
    assert lines[-1].startswith("✂")  # one cut, at the end


@pytest.mark.parametrize("columns", [32, 42])
def test_on_narrow_paper_nothing_is_cut_and_nothing_runs_past_the_edge(columns: int) -> None:
    output, lines = receipt_text(sheet_of(INVOICE), columns)
    assert max(printed_widths(output, columns, "CP865")) <= columns
    text = " ".join(" ".join(lines).split())
    for word in ("0000000174", "8601.11.17947", "kr -200,00", "K-4711)", "etterpå",
                 "Foretaksregisteret", "Ødegård-Ærø"):
        assert word in text


@pytest.fixture(scope="module")
def pdf() -> bytes:
    """One PDF for the module's checks (making one costs ~0.3 s)."""
    return render_pdf(sheet_of(INVOICE))


def test_the_invoice_as_pdf_has_the_same_text_line_by_line(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    lines = [" ".join(line.split()) for line in reader.pages[0].extract_text().splitlines()]
    assert lines == PDF_LINES
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_pdf_embeds_its_font_and_is_the_same_bytes_every_time(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType font is in the file
        names.append(str(font["/BaseFont"]).split("+", 1)[1])
    assert sorted(names) == ["SourceSansPro", "SourceSansProBold"]
    assert reader.metadata.creation_date.replace(tzinfo=None) == datetime(2026, 11, 24, 10, 15)
    assert render_pdf(sheet_of(INVOICE)) == pdf


def test_the_layout_survives_its_json_unchanged() -> None:
    sheet = sheet_of(INVOICE)
    assert Sheet.from_json(sheet.to_json()) == sheet
    assert DocumentModel.from_json(INVOICE.to_json()) == INVOICE


@pytest.mark.parametrize(
    ("number", "kid"),
    [
        # Luhn's textbook example (7992739871 → check digit 3), and short numbers padded
        (7992739871, "79927398713"),
        (1, "0000000018"),
        (17, "0000000174"),
        (123456789, "1234567897"),
    ],
)
def test_kid_check_digits_are_mod10(number: int, kid: str) -> None:
    assert kid_for(number) == kid


def test_vat_is_taken_out_of_the_total_and_rounded_once() -> None:
    # 3 × kr 0,99 at 25 %: per line 0,198 → 0,20 each (0,60); once over 2,97: 0,594 → 0,59
    lines = [Line("x", 1, "piece", 99, 99)] * 3
    totals = totals_of(lines)
    assert (totals.gross_ore, totals.vat_ore, totals.net_ore) == (297, 59, 238)
    assert vat_of(-297, 25) == -59  # a credit rounds like its invoice
    assert vat_of(1000, 0) == 0


amounts = st.integers(min_value=-500_000, max_value=5_000_000)
lines_strategy = st.lists(
    st.builds(
        Line,
        text=st.just("linje"),
        quantity=st.integers(1, 50),
        unit=st.sampled_from(["piece", "minute", "photo"]),
        unit_price_ore=amounts,
        amount_ore=amounts,
        vat_rate=st.sampled_from([0, 25]),
    ),
    max_size=12,
)


@given(lines_strategy)
def test_totals_always_add_up(lines: list[Line]) -> None:
    model = DocumentModel("invoice", 1, SELLER, Party("A"), datetime(2026, 1, 1), tuple(lines))
    totals = model.totals
    assert totals.gross_ore == sum(line.amount_ore for line in lines)
    assert totals.gross_ore == sum(s.gross_ore for s in totals.by_rate)
    assert totals.vat_ore == sum(s.vat_ore for s in totals.by_rate)
    assert totals.net_ore + totals.vat_ore == totals.gross_ore
    for vat in totals.by_rate:
        exact = vat.gross_ore * vat.rate / (100 + vat.rate)
        assert abs(vat.vat_ore - exact) <= 0.5  # rounded once, to the nearest øre
    again = DocumentModel.from_json(model.to_json())
    assert again.totals == totals  # read back, the same totals from the same lines


def test_the_companys_logo_is_an_image_on_a4_and_not_on_the_receipt(tmp_path: Path) -> None:
    from dataclasses import replace

    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (200, 30, 30)).save(logo)
    with_logo = replace(sheet_of(INVOICE), logo=str(logo))
    reader = PdfReader(io.BytesIO(render_pdf(with_logo)))
    [image] = reader.pages[0].images
    assert image.image.size == (120, 40)
    # the text is the same, below the logo
    lines = [" ".join(line.split()) for line in reader.pages[0].extract_text().splitlines()]
    assert lines == PDF_LINES
    assert render_pdf(with_logo) == render_pdf(with_logo)  # reprinted byte-identical
    assert len(PdfReader(io.BytesIO(render_pdf(sheet_of(INVOICE)))).pages[0].images) == 0
    assert receipt_text(with_logo, 48) == receipt_text(sheet_of(INVOICE), 48)  # no image


def _placed(pdf: bytes) -> dict[str, list[tuple[float, float]]]:
    """Each piece of text on the first page and where it starts (x, y in points from
    the bottom left), as a PDF reader sees it."""
    placed: dict[str, list[tuple[float, float]]] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            placed.setdefault(text.strip(), []).append((tm[4], tm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return placed


def test_the_kid_and_amounts_are_where_a_norwegian_customer_looks(pdf: bytes) -> None:
    """As on a giro: the invoice's number and dates at the top right; the amount to pay
    last in the totals, on the right; below it one strip with account, KID, amount and
    due date side by side, each value under its label; the seller at the top left."""
    placed = _placed(pdf)
    half = 595 / 2
    (title_x, title_y), = placed["FAKTURA"]
    assert title_x > half and title_y > 750  # top right
    (seller_x, seller_y), = placed["Videoverkstedet AS"]
    assert seller_x < half and seller_y > 750  # top left
    (_, due_y), = placed["Å betale"]
    (amount_x, _), = [p for p in placed["kr 549,00"] if p[1] == due_y]
    assert amount_x > half and due_y < min(y for _, y in placed["Sum inkl. mva"])
    labels = ["Kontonummer", "KID", "Beløp", "Forfallsdato"]
    values = ["8601.11.17947", "0000000174", "kr 549,00", "08.12.2026"]
    strip = [min(placed[label], key=lambda p: p[1]) for label in labels]  # the lowest
    assert len({y for _, y in strip}) == 1 and strip[0][1] < due_y  # one row, below
    assert [x for x, _ in strip] == sorted(x for x, _ in strip)  # left to right
    for (x, y), value in zip(strip, values, strict=True):
        assert any(abs(vx - x) < 1 and 0 < y - vy < 25 for vx, vy in placed[value]), value
