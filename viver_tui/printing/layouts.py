"""What a media label, order form, receipt, return receipt and test page hold — pure.

Each layout function takes a python-escpos printer object (``Dummy`` in tests and when
building a job's bytes) and a small frozen dataclass, and only calls the printer's
formatting methods; it never opens a connection. ``build(kind, data, paper)`` returns a
job's exact ESC/POS bytes.

Every job starts with ``ESC @`` (reset: no bold, code page or alignment leaks from the
previous job) followed by ``ESC t n`` selecting the configured code page, and all text is
transliterated to that code page first (see ``encoding.py``). Barcodes are Code128 with
code set B given explicitly (``{B``), printed natively with ``GS k`` or, for printers
without barcode support, as a raster image whose bars are whole printer dots so a
scanner reads them. A barcode is never wider than the paper: its module width is chosen
to fit, so it is never cut off at the edge.

Paper text is bokmål whatever the screen language: it goes to the customer and the box.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from viver_tui.config import PrinterSettings
from viver_tui.locale import text_in
from viver_tui.locale.catalog import CATALOGS
from viver_tui.printing.encoding import transliterate

DOTS_PER_COLUMN = 12  # font A is 12 dots wide: 32 columns = 384 dots (58 mm), 48 = 576
QUIET_MODULES = 10  # blank modules each side of a barcode, as Code128 asks for
BARCODE_HEIGHT = 64  # dots (8 mm at 203 dpi)
IMAGE_BARCODE_HEIGHT = 80
NBSP = "\u00a0"


@dataclass(frozen=True)
class Paper:
    """What a layout needs to know of the printer it is for."""

    columns: int = 48
    barcode: str = "native"  # native | image
    code_page: str = "CP865"

    @property
    def dots(self) -> int:
        return self.columns * DOTS_PER_COLUMN

    @classmethod
    def of(cls, printer: PrinterSettings) -> Paper:
        return cls(columns=printer.columns, barcode=printer.barcode, code_page=printer.code_page)


@dataclass(frozen=True)
class MediaLine:
    """One medium as printed on an order form or receipt."""

    code: str
    kind: str  # display name, e.g. "VHS"
    description: str = ""
    declared_count: int | None = None  # photo series
    returned: bool | None = None  # return receipt only
    returned_count: int | None = None
    outcome: str | None = None  # a key of the catalogue's outcome.*, or the words
    outcome_note: str = ""  # production's note with it (return receipt)


@dataclass(frozen=True)
class LabelData:
    customer_name: str
    order_number: int
    code: str
    kind: str
    seq: int
    total: int


@dataclass(frozen=True)
class OrderFormData:
    customer_name: str
    contact: tuple[str, ...]  # phone, e-mail as displayed
    order_number: int
    received_on: date
    promised_on: date | None
    shelf: str
    staff: str
    media: tuple[MediaLine, ...]
    notes: str = ""
    reprint: bool = False


@dataclass(frozen=True)
class ReceiptData:
    shop_name: str
    shop_contact: str
    order_number: int
    received_on: date
    media: tuple[MediaLine, ...]
    estimate_ore: int
    promised_on: date | None = None
    reprint: bool = False


@dataclass(frozen=True)
class ReturnReceiptData:
    shop_name: str
    shop_contact: str
    order_number: int
    on: date
    media: tuple[MediaLine, ...]
    close_reason: str | None = None
    reprint: bool = False


@dataclass(frozen=True)
class SamplePageData:
    url: str
    shop_name: str
    code: str = "104233-03"


def paper_text(key: str, **values: object) -> str:
    """A bokmål string from the catalog, for paper (counted ones by their count)."""
    return text_in("nb", key, **values)


def paper_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def paper_money(ore: int) -> str:
    """``125000`` → ``kr 1 250,00`` (non-breaking space between thousands)."""
    amount = Decimal(ore) / 100
    whole, _, cents = f"{amount:,.2f}".partition(".")
    return "kr " + whole.replace(",", NBSP) + "," + cents


def outcome_text(outcome: str) -> str:
    return CATALOGS["nb"].get(f"outcome.{outcome}", outcome)


def fit_lines(text: str, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped at ``width``; beyond ``max_lines`` the last line ends in ``..``."""
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 2].rstrip() + ".."
    return lines


def code128_modules(value: str) -> int:
    """Modules in a code set B Code128 symbol: start, data, check (11 each), stop (13)."""
    return 11 * (len(value) + 2) + 13


def barcode_module_width(value: str, dots: int) -> int | None:
    """The widest module (2 or 3 dots) that fits the paper with quiet zones, or None."""
    for width in (3, 2):
        if (code128_modules(value) + 2 * QUIET_MODULES) * width <= dots:
            return width
    return None


class Page:
    """Writes one job to a python-escpos printer object, tracking column width."""

    def __init__(self, printer: Any, paper: Paper) -> None:
        self.p = printer
        self.paper = paper
        self.columns = paper.columns

    def begin(self) -> None:
        self.p.hw("INIT")  # ESC @
        # The printer forgot its code page at ESC @: make python-escpos send ESC t again.
        self.p.magic.encoding = None
        self.p.charcode(self.paper.code_page)

    def printable(self, text: str) -> str:
        """``text`` as it will print: transliterated (which may lengthen it: ``€`` →
        ``EUR``), on one line. Measure and wrap this, never the text before it."""
        return transliterate(text, self.paper.code_page).replace("\n", " ")

    def text(self, text: str) -> None:
        self.p.text(transliterate(text, self.paper.code_page))

    def line(self, text: str = "") -> None:
        self.text(self.printable(text)[: self.columns] + "\n")

    def lines(self, text: str, max_lines: int = 99, indent: str = "") -> None:
        width = self.columns - len(indent)
        for part in fit_lines(self.printable(text), width, max_lines):
            self.line(indent + part)

    def pair(self, left: str, right: str) -> None:
        """``left`` and ``right`` on one line, right-aligned; ``left`` shortened to fit."""
        left, right = self.printable(left), self.printable(right)
        room = self.columns - len(right) - 1
        if room < 4:
            self.line(left)
            self.line(right.rjust(self.columns))
            return
        if len(left) > room:
            left = left[: room - 2] + ".."
        self.line(left + " " * (self.columns - len(left) - len(right)) + right)

    def rule(self) -> None:
        self.line("-" * self.columns)

    def bold(self, on: bool) -> None:
        self.p.set(bold=on)

    def align(self, where: str) -> None:
        self.p.set(align=where)

    def big(self, on: bool) -> None:
        size = 2 if on else 1
        self.p.set(custom_size=True, width=size, height=size)  # GS ! n
        self.columns = self.paper.columns // size

    def barcode(self, value: str) -> None:
        """A Code128 barcode of ``value`` with ``value`` in text under it, centred."""
        width = barcode_module_width(value, self.paper.dots)
        if width is None:  # too long for this paper: the text alone, never a cut-off code
            self.align("center")
            for start in range(0, len(value), self.columns):
                self.line(value[start : start + self.columns])
            self.align("left")
            return
        if self.paper.barcode == "image":
            self._image_barcode(value, width)
        else:
            # _hw_barcode, not barcode(): barcode() prints to stdout and picks the
            # function type from the profile; GS k function B with {B is what we want.
            self.p._hw_barcode(
                "{B" + value,
                "CODE128",
                height=BARCODE_HEIGHT,
                width=width,
                pos="BELOW",
                font="A",
                align_ct=True,
                function_type="B",
            )
        self.align("left")

    def _image_barcode(self, value: str, module: int) -> None:
        from escpos.image import EscposImage

        self.align("center")
        # GS v 0 raster, written here: Escpos.image() prints a profile warning to stdout.
        image = EscposImage(barcode_image(value, module, self.paper.dots))
        header = (
            b"\x1dv0\x00"
            + image.width_bytes.to_bytes(2, "little")
            + image.height.to_bytes(2, "little")
        )
        self.p._raw(header + image.to_raster_format())
        self.line(value)

    def cut(self) -> None:
        self.p.cut()


def code128b_modules(value: str) -> str:
    """The bars ("1") and spaces ("0") of ``value`` in Code128 code set B.

    Set B throughout, like the native ``{B`` barcode: python-barcode's own encoder
    switches to set C for digit runs and was seen dropping digits ("999999-12" scanned
    as "9999-12"). Its tables are used, not its encoder.
    """
    from barcode.charsets import code128 as tables

    values = [tables.START_CODES["B"]] + [tables.B[char] for char in value]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return "".join(tables.CODES[v] for v in [*values, check]) + tables.STOP + "11"


def barcode_image(value: str, module: int, dots: int) -> Any:
    """A 1-bit PIL image of a Code128 barcode, ``module`` whole dots per bar module.

    python-barcode's image writer converts millimetres to pixels and rounds each bar on
    its own, which makes uneven bars that decoders reject; drawing whole dots does not.
    """
    from PIL import Image, ImageDraw

    modules = code128b_modules(value)
    width = (len(modules) + 2 * QUIET_MODULES) * module
    canvas = min(dots, (width + 7) // 8 * 8)
    left = (canvas - len(modules) * module) // 2
    image = Image.new("1", (canvas, IMAGE_BARCODE_HEIGHT), 1)
    draw = ImageDraw.Draw(image)
    for i, bit in enumerate(modules):
        if bit == "1":
            x = left + i * module
            draw.rectangle((x, 0, x + module - 1, IMAGE_BARCODE_HEIGHT - 1), fill=0)
    return image


def media_label(p: Any, data: LabelData, paper: Paper) -> None:
    """One label for one original: name, order number, place in the order, kind, code."""
    page = Page(p, paper)
    page.begin()
    page.bold(True)
    page.lines(data.customer_name, max_lines=2)
    page.bold(False)
    page.pair(paper_text("paper.order", number=data.order_number), f"{data.seq}/{data.total}")
    page.lines(data.kind, max_lines=1)
    page.barcode(data.code)
    page.cut()


def _order_header(page: Page, title: str, number: int, reprint: bool) -> None:
    page.align("center")
    page.bold(True)
    page.line(title)
    page.bold(False)
    if reprint:
        page.line(paper_text("paper.reprint"))
    page.big(True)
    page.line(paper_text("paper.order", number=number))
    page.big(False)
    page.barcode(str(number))


def _media_lines(page: Page, media: tuple[MediaLine, ...], *, returns: bool = False) -> None:
    page.bold(True)
    page.line(paper_text("paper.media", count=len(media)))
    page.bold(False)
    for item in media:
        if returns:
            state = paper_text("paper.returned" if item.returned else "paper.missing")
            page.pair(f"{item.code} {item.kind}", state)
        else:
            page.lines(f"{item.code} {item.kind}", max_lines=2)
        if item.description:
            page.lines(item.description, max_lines=3, indent="  ")
        if item.declared_count is not None:
            if returns and item.returned_count is not None:
                counted = paper_text(
                    "paper.photos_back",
                    returned=item.returned_count,
                    count=item.declared_count,
                )
            else:
                counted = paper_text("paper.photos", count=item.declared_count)
            page.lines(counted, indent="  ")
        if returns and item.outcome:
            page.lines(paper_text("paper.outcome", outcome=outcome_text(item.outcome)), indent="  ")
            if item.outcome_note:
                page.lines(item.outcome_note, max_lines=4, indent="    ")


def order_form(p: Any, data: OrderFormData, paper: Paper) -> None:
    """The sheet in the storage box: customer, dates, shelf, every medium, notes."""
    page = Page(p, paper)
    page.begin()
    _order_header(page, paper_text("paper.order_form"), data.order_number, data.reprint)
    page.bold(True)
    page.lines(f"{paper_text('paper.customer')}: {data.customer_name}", max_lines=2)
    page.bold(False)
    for contact in data.contact:
        if contact:
            page.lines(contact, max_lines=1, indent="  ")
    page.pair(paper_text("paper.received_on"), paper_date(data.received_on))
    if data.promised_on:
        page.pair(paper_text("paper.promised_on"), paper_date(data.promised_on))
    if data.shelf:
        page.pair(paper_text("paper.shelf"), data.shelf)
    if data.staff:
        page.pair(paper_text("paper.staff"), data.staff)
    page.rule()
    _media_lines(page, data.media)
    if data.notes.strip():
        page.rule()
        page.bold(True)
        page.line(paper_text("paper.notes"))
        page.bold(False)
        for paragraph in data.notes.splitlines():
            page.lines(paragraph, max_lines=20)
    page.cut()


def _shop_header(page: Page, shop_name: str, shop_contact: str) -> None:
    page.align("center")
    page.bold(True)
    page.lines(shop_name, max_lines=2)
    page.bold(False)
    page.lines(shop_contact, max_lines=2)
    page.line()


def receipt(p: Any, data: ReceiptData, paper: Paper) -> None:
    """The customer's receipt at intake; its order barcode is scanned at pickup."""
    page = Page(p, paper)
    page.begin()
    _shop_header(page, data.shop_name, data.shop_contact)
    _order_header(page, paper_text("paper.receipt"), data.order_number, data.reprint)
    page.pair(paper_text("paper.received_on"), paper_date(data.received_on))
    if data.promised_on:
        page.pair(paper_text("paper.promised_on"), paper_date(data.promised_on))
    page.rule()
    _media_lines(page, data.media)
    page.rule()
    page.bold(True)
    page.pair(paper_text("paper.estimate"), paper_money(data.estimate_ore))
    page.bold(False)
    page.line()
    page.lines(paper_text("paper.keep_receipt"))
    page.lines(paper_text("paper.rights", contact=data.shop_contact))
    page.cut()


def return_receipt(p: Any, data: ReturnReceiptData, paper: Paper) -> None:
    """The receipt at pickup: what went back, what is missing, each medium's outcome."""
    page = Page(p, paper)
    page.begin()
    _shop_header(page, data.shop_name, data.shop_contact)
    _order_header(page, paper_text("paper.return_receipt"), data.order_number, data.reprint)
    page.pair(paper_text("paper.date"), paper_date(data.on))
    returned = sum(1 for m in data.media if m.returned)
    page.bold(True)
    page.line(paper_text("paper.returned_count", returned=returned, total=len(data.media)))
    page.bold(False)
    page.rule()
    _media_lines(page, data.media, returns=True)
    if data.close_reason:
        page.rule()
        page.lines(paper_text("paper.close_reason", reason=data.close_reason))
    page.cut()


def printer_test_page(p: Any, data: SamplePageData, paper: Paper) -> None:
    """ÆØÅ æøå, the printer's settings and a barcode: is this printer set up right?"""
    page = Page(p, paper)
    page.begin()
    page.align("center")
    page.bold(True)
    page.line(paper_text("paper.test_title"))
    page.bold(False)
    page.lines(data.shop_name, max_lines=2)
    page.align("left")
    page.line(paper_text("paper.test_letters"))
    page.lines(paper_text("paper.test_printer", url=data.url), max_lines=3)
    page.lines(paper_text("paper.test_code_page", code_page=paper.code_page, columns=paper.columns))
    page.line("1234567890" * (paper.columns // 10) + "1234567890"[: paper.columns % 10])
    page.line(paper_text("paper.test_barcode", mode=paper.barcode))
    page.barcode(data.code)
    page.cut()


LAYOUTS: dict[str, Callable[[Any, Any, Paper], None]] = {
    "media_label": media_label,
    "order_form": order_form,
    "receipt": receipt,
    "return_receipt": return_receipt,
    "test_page": printer_test_page,
}


def dummy_printer(profile: str | None = None) -> Any:
    """A python-escpos ``Dummy`` collecting bytes (imports python-escpos: ~0.4 s once)."""
    from escpos.printer import Dummy

    return Dummy(profile=profile) if profile else Dummy()


def build(kind: str, data: object, paper: Paper, profile: str | None = None) -> bytes:
    """The exact ESC/POS bytes of one job."""
    printer = dummy_printer(profile)
    LAYOUTS[kind](printer, data, paper)
    return printer.output
