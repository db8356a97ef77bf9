"""A customer document (``sheet.Sheet``) as an A4 PDF, with fpdf2 — pure, no files.

The text is real text (selectable, searchable, read back by a PDF reader) in Source
Sans Pro, a TrueType font with æ ø å that the pip package ``font-source-sans-pro``
ships, embedded (subset) in the file: the PDF looks the same on every machine, and the
program needs no font of the operating system (README: dependencies).

Where a Norwegian customer looks: the title, the number, the dates and — for an
invoice — account number, KID, amount and due date in the box at the top right, and
once more in the payment strip at the bottom, as on a giro.

The same sheet gives the same bytes: the creation date comes from the sheet, the
producer is fixed, nothing random is written (services/documents keeps the bytes and
checks them against their SHA-256 when a PDF is made again).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from viver_tui.printing.sheet import Sheet

FONT = "SourceSans"
MARGIN = 18.0  # mm
PAGE_WIDTH = 210.0
CONTENT = PAGE_WIDTH - 2 * MARGIN
LINE = 5.0  # mm per line of 10 pt text
RIGHT_COLUMN = 112.0  # x of the facts box
PRODUCER = "viver_tui"


@lru_cache(maxsize=1)
def font_files() -> tuple[Path, Path]:
    """Source Sans Pro regular and bold (TrueType), from the font package."""
    import font_source_sans_pro as fonts

    folder = Path(fonts.font_directory)
    return folder / "SourceSansPro-Regular.ttf", folder / "SourceSansPro-Bold.ttf"


def _new_pdf(sheet: Sheet):  # -> fpdf.FPDF
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    regular, bold = font_files()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 12)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_title(sheet.file_title or sheet.heading)
    pdf.set_lang("nb-NO")
    created = datetime.fromisoformat(sheet.created) if sheet.created else datetime(2000, 1, 1)
    pdf.set_creation_date(created)
    return pdf


def render_pdf(sheet: Sheet) -> bytes:
    """The A4 PDF of ``sheet`` (one or more pages)."""
    pdf = _new_pdf(sheet)
    footer = sheet.footer

    def draw_footer() -> None:
        pdf.set_font(FONT, "", 8)
        pdf.set_y(-MARGIN - 6)
        pdf.cell(CONTENT, 4, "  ·  ".join(footer), align="C")

    pdf.footer = draw_footer  # type: ignore[method-assign]
    pdf.add_page()
    _header(pdf, sheet)
    _buyer(pdf, sheet)
    _table(pdf, sheet)
    _totals(pdf, sheet)
    _payment_strip(pdf, sheet)
    _notes(pdf, sheet)
    return bytes(pdf.output())


def _header(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    top = MARGIN
    y = top
    if sheet.logo and Path(sheet.logo).is_file():
        pdf.image(sheet.logo, x=MARGIN, y=top, h=14, keep_aspect_ratio=True)
        y = top + 16
    pdf.set_xy(MARGIN, y)
    for i, line in enumerate(sheet.seller):
        pdf.set_font(FONT, "B" if i == 0 else "", 12 if i == 0 else 9)
        pdf.set_x(MARGIN)
        pdf.multi_cell(RIGHT_COLUMN - MARGIN - 4, 5.5 if i == 0 else 4.2, line, align="L")
    left_end = pdf.get_y()
    # the title and the facts box at the right: where the number, dates, KID are read
    pdf.set_xy(RIGHT_COLUMN, top)
    pdf.set_font(FONT, "B", 20)
    pdf.cell(PAGE_WIDTH - MARGIN - RIGHT_COLUMN, 9, sheet.title, align="R")
    pdf.set_xy(RIGHT_COLUMN, top + 10)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(PAGE_WIDTH - MARGIN - RIGHT_COLUMN, 6, sheet.heading, align="R")
    y = top + 17
    width = PAGE_WIDTH - MARGIN - RIGHT_COLUMN
    pairs = list(sheet.facts) + list(sheet.payment)
    for label, value in pairs:
        pdf.set_xy(RIGHT_COLUMN, y)
        pdf.set_font(FONT, "", 9)
        pdf.cell(width * 0.45, 4.6, label)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(width * 0.55, 4.6, value, align="R")
        y = pdf.get_y()
    if sheet.stamp:
        pdf.set_xy(RIGHT_COLUMN, y + 2)
        pdf.set_text_color(180, 0, 0)
        pdf.set_font(FONT, "B", 16)
        pdf.cell(width, 8, sheet.stamp, align="R")
        pdf.set_text_color(0, 0, 0)
        y += 10
    pdf.set_y(max(left_end, y) + 6)


def _buyer(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    pdf.set_x(MARGIN)
    pdf.set_font(FONT, "B", 9)
    pdf.cell(90, 4.6, sheet.buyer_title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for line in sheet.buyer:
        pdf.multi_cell(90, LINE, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)


_WIDTHS = (CONTENT - 98, 50.0, 18.0, 30.0)


def _table(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    text_w, detail_w, vat_w, amount_w = _WIDTHS
    pdf.set_font(FONT, "B", 9)
    pdf.set_draw_color(120, 120, 120)
    headings = sheet.columns
    pdf.cell(text_w, 6, headings[0], border="B")
    pdf.cell(detail_w, 6, headings[1], border="B")
    pdf.cell(vat_w, 6, headings[2], border="B", align="R")
    pdf.cell(amount_w, 6, headings[3], border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for line in sheet.lines:
        if pdf.will_page_break(LINE * (1 + len(line.notes))):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(text_w, LINE, line.text, align="L", new_x="RIGHT", new_y="TOP")
        end = pdf.get_y() + LINE * max(1, len(pdf.multi_cell(
            text_w, LINE, line.text, align="L", dry_run=True, output="LINES")))
        pdf.set_xy(MARGIN + text_w, y)
        pdf.cell(detail_w, LINE, line.detail)
        pdf.cell(vat_w, LINE, line.vat, align="R")
        pdf.cell(amount_w, LINE, line.amount, align="R")
        pdf.set_xy(MARGIN, end)
        pdf.set_font(FONT, "", 8.5)
        for note in line.notes:
            pdf.set_x(MARGIN + 4)
            pdf.multi_cell(text_w - 4, 4.2, note, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.cell(CONTENT, 1, "", border="T", new_x="LMARGIN", new_y="NEXT")


def _totals(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    label_x = MARGIN + CONTENT - 90
    for i, (label, value) in enumerate(sheet.totals):
        last = i == len(sheet.totals) - 1
        if pdf.will_page_break(7):
            pdf.add_page()
        pdf.set_x(label_x)
        pdf.set_font(FONT, "B" if last else "", 11 if last else 10)
        pdf.cell(60, 6 if last else LINE, label)
        pdf.cell(30, 6 if last else LINE, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _payment_strip(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    """Account, KID, amount, due date across the page, as on a giro."""
    if not sheet.payment:
        return
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font(FONT, "B", 10)
    pdf.cell(CONTENT, 6, sheet.payment_title, new_x="LMARGIN", new_y="NEXT")
    width = CONTENT / len(sheet.payment)
    pdf.set_font(FONT, "", 8)
    for label, _ in sheet.payment:
        pdf.cell(width, 4.5, label, border="LTR")
    pdf.ln(4.5)
    pdf.set_font(FONT, "B", 11)
    for _, value in sheet.payment:
        pdf.cell(width, 7, value, border="LBR")
    pdf.ln(11)


def _notes(pdf, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font(FONT, "", 9)
    for note in sheet.notes:
        pdf.multi_cell(CONTENT, 4.6, note, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
