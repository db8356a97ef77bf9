"""Exact ESC/POS bytes from python-escpos's Dummy; the image barcode decoded by zxing and zbar."""

from __future__ import annotations

import os
import unicodedata
from datetime import date

import pytest
from escpos.printer import Dummy
from PIL import Image

from viver_tui.printing import layouts
from viver_tui.printing.encoding import encode, transliterate
from viver_tui.printing.layouts import (
    LabelData,
    MediaLine,
    OrderFormData,
    Paper,
    ReceiptData,
    ReturnReceiptData,
    SamplePageData,
)
from viver_tui.printing.preview import printed_widths, render_text

RESET = b"\x1b@"
CP865 = b"\x1bt\x05"  # ESC t 5: PC865 Nordic
CUT = b"\x1bd\x06\x1dV\x00"  # feed 6 lines, full cut
NAME = "Åse Ødegård-Ærø"
NAME_CP865 = b"\x8fse \x9ddeg\x86rd-\x92r\x9b"

LABEL = LabelData(NAME, 104233, "104233-03", "VHS", 3, 9)
MEDIA = (
    MediaLine("104233-01", "VHS", "Bryllup 1987"),
    MediaLine("104233-02", "Bildeserie", "Ferie på Hvaler", declared_count=120),
    MediaLine("104233-03", "Super 8-film", ""),
)


def code128_native(value: str, module: int) -> bytes:
    """Centre, height 64, module width, font A, HRI below, GS k 73 n {B<value>."""
    data = b"{B" + value.encode()
    return (
        b"\x1ba\x01\x1dh\x40\x1dw"
        + bytes([module])
        + b"\x1df\x00\x1dH\x02\x1dkI"
        + bytes([len(data)])
        + data
        + b"\x1ba\x00"
    )


def test_media_label_exact_bytes_58mm() -> None:
    printer = Dummy()
    layouts.media_label(printer, LABEL, Paper(columns=32))
    assert printer.output == (
        RESET
        + CP865
        + b"\x1bE\x01"
        + NAME_CP865
        + b"\n\x1bE\x00"
        + b"Ordre 104233                 3/9\n"
        + b"VHS\n"
        + code128_native("104233-03", 2)
        + CUT
    )
    assert len(printer.output) <= 200


def test_media_label_80mm_uses_wider_bars_and_columns() -> None:
    output = layouts.build("media_label", LABEL, Paper(columns=48))
    assert b"Ordre 104233" + b" " * 33 + b"3/9\n" in output
    assert code128_native("104233-03", 3) in output


def test_every_job_starts_with_reset_and_code_page_then_ends_with_cut() -> None:
    jobs = {
        "media_label": LABEL,
        "order_form": OrderFormData(
            NAME, ("+47 912 34 567",), 104233, date(2026, 11, 24), None, "B3", "ANNE", MEDIA
        ),
        "receipt": ReceiptData(
            "Videoverkstedet AS", "post@v.no", 104233, date(2026, 11, 24), MEDIA, 0
        ),
        "return_receipt": ReturnReceiptData(
            "Videoverkstedet AS", "post@v.no", 104233, date(2026, 12, 1), MEDIA
        ),
        "test_page": SamplePageData("preview", "Videoverkstedet AS"),
    }
    for kind, data in jobs.items():
        output = layouts.build(kind, data, Paper(columns=42))
        assert output.startswith(RESET + CP865), kind
        assert output.endswith(CUT), kind
        assert b"?" not in output, kind


def test_order_form_holds_name_contact_dates_shelf_media_notes() -> None:
    data = OrderFormData(
        customer_name=NAME,
        contact=("+47 912 34 567", "ase@example.no"),
        order_number=104233,
        received_on=date(2026, 11, 24),
        promised_on=date(2026, 12, 8),
        shelf="B3",
        staff="ANNE",
        media=MEDIA,
        notes="Kunden vil ha filene på egen minnepenn.\nRing før levering.",
    )
    output = layouts.build("order_form", data, Paper(columns=48))
    assert b"Kunde: " + NAME_CP865 in output
    assert b"\x1d!\x11" + b"Ordre 104233\n" + b"\x1d!\x00" in output  # GS ! double size
    assert code128_native("104233", 3) in output
    text = render_text(output, 48)
    for expected in (
        "ORDRESKJEMA",
        "+47 912 34 567",
        "ase@example.no",
        "24.11.2026",
        "08.12.2026",
        "Hylle",
        "B3",
        "Medier (3)",
        "104233-02 Bildeserie",
        "120 bilder",
        "Ferie på Hvaler",
        "Ring før levering.",
    ):
        assert expected in text, expected


def test_receipt_estimate_in_norwegian_money_and_rights_line() -> None:
    data = ReceiptData(
        "Videoverkstedet AS", "post@videoverkstedet.no", 104233, date(2026, 11, 24), MEDIA, 125000
    )
    output = layouts.build("receipt", data, Paper(columns=48))
    # "kr 1 250,00" with CP865's non-breaking space (0xFF) between the thousands
    assert b"kr 1\xff250,00\n" in output
    assert code128_native("104233", 3) in output
    text = render_text(output, 48)
    assert "INNLEVERINGSKVITTERING" in text
    assert "innsyn i, retting og" in text
    assert "sletting" in text
    assert "post@videoverkstedet.no" in text
    assert "Medier (3)" in text


def test_return_receipt_shows_returned_missing_and_outcome() -> None:
    media = (
        MediaLine("104233-01", "VHS", returned=True, outcome="mould"),
        MediaLine("104233-02", "Bildeserie", declared_count=120, returned=True, returned_count=118),
        MediaLine("104233-03", "Super 8-film", returned=False),
    )
    data = ReturnReceiptData(
        "Videoverkstedet AS",
        "post@v.no",
        104233,
        date(2026, 12, 1),
        media,
        close_reason="Kunden henter resten selv",
    )
    text = render_text(layouts.build("return_receipt", data, Paper(columns=42)), 42)
    assert "UTLEVERINGSKVITTERING" in text
    assert "2 av 3 utlevert" in text
    assert "104233-03 Super 8-film" in text and "mangler" in text
    assert "resultat: mugg" in text
    assert "118 av 120 bilder tilbake" in text
    assert "Kunden henter resten selv" in " ".join(text.split())


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_long_names_wrap_or_shorten_within_the_paper(columns: int) -> None:
    long_name = "Karl-Johan Ødegård-Bjørnstjerne Æsebø Ålesund-Kristiansen Haugland " * 2
    label = LabelData(
        long_name, 104233, "104233-03", "Papir/dokumenter og mer tekst enn plass", 3, 9
    )
    output = layouts.build("media_label", label, Paper(columns=columns))
    lines = render_text(output, columns).splitlines()
    assert all(len(line) <= columns for line in lines)
    assert lines[0].startswith("Karl-Johan")
    assert lines[1].endswith("..")  # name shortened to two lines
    assert lines[2].startswith("Ordre 104233") and lines[2].endswith("3/9")
    form = OrderFormData(
        long_name * 2, (), 104233, date(2026, 1, 2), None, "B3", "ANNE", MEDIA, notes="x" * 200
    )
    for line in render_text(
        layouts.build("order_form", form, Paper(columns=columns)), columns
    ).splitlines():
        assert len(line) <= columns


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_barcode_never_wider_than_the_paper(columns: int) -> None:
    paper = Paper(columns=columns)
    output = layouts.build("media_label", LABEL, paper)
    module = output[output.index(b"\x1dw") + 2]
    symbol = layouts.code128_modules("{B104233-03"[2:]) + 2 * layouts.QUIET_MODULES
    assert symbol * module <= paper.dots
    # a code too long for the paper is printed as text, never a cut-off barcode
    long_code = "X" * 40
    output = layouts.build("media_label", LabelData("A", 1, long_code, "VHS", 1, 1), paper)
    assert b"\x1dk" not in output
    assert "X" * 40 in render_text(output, columns).replace("\n", "").replace(" ", "")


def _raster_images(output: bytes) -> list[Image.Image]:
    """The GS v 0 raster images in ``output``, as PIL images (1 bits are black)."""
    images = []
    at = output.find(b"\x1dv0")
    while at != -1:
        width_bytes = int.from_bytes(output[at + 4 : at + 6], "little")
        height = int.from_bytes(output[at + 6 : at + 8], "little")
        data = output[at + 8 : at + 8 + width_bytes * height]
        image = Image.frombytes("1", (width_bytes * 8, height), data)
        images.append(Image.eval(image.convert("L"), lambda v: 255 - v))
        at = output.find(b"\x1dv0", at + 8 + len(data))
    return images


def _decode_zxing(image: Image.Image) -> list[tuple[str, str]]:
    import zxingcpp

    return [(r.format.name.upper(), r.text) for r in zxingcpp.read_barcodes(image)]


def _decode_zbar(image: Image.Image) -> list[tuple[str, str]]:
    try:
        from pyzbar import pyzbar
    except ImportError as exc:  # libzbar0 missing: .ci/run installs it
        if os.environ.get("CI"):
            raise
        pytest.skip(f"zbar not installed here ({exc}); zxing-cpp still decodes")
    return [(d.type, d.data.decode()) for d in pyzbar.decode(image)]


@pytest.mark.parametrize("decode", [_decode_zxing, _decode_zbar], ids=["zxing", "zbar"])
@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("value", ["104233-03", "104233", "999999-12"])
def test_image_barcode_scans(decode, columns: int, value: str) -> None:  # type: ignore[no-untyped-def]
    """Two independent decoders read the image fallback: zxing-cpp (a wheel, always
    there) and zbar (Debian's libzbar0, installed by .ci/run)."""
    label = LabelData(NAME, 104233, value, "VHS", 1, 1)
    output = layouts.build("media_label", label, Paper(columns=columns, barcode="image"))
    assert b"\x1dk" not in output  # no native barcode command
    (image,) = _raster_images(output)
    assert image.width <= columns * 12
    # a margin like the paper around it, as a scanner sees it
    framed = Image.new("L", (image.width + 40, image.height + 40), 255)
    framed.paste(image, (20, 20))
    assert decode(framed) == [("CODE128", value)]
    assert f"{value}\n".encode() in output  # the code in text under the bars


def test_transliteration_never_prints_a_question_mark() -> None:
    text = "Zoë Øvergård – “Café” 5 € Łódź Straße Þór 王 ½ ő"
    out = transliterate(text, "CP865")
    assert out == 'Zoë Øvergård - "Café" 5 EUR Lódz Straße Thór _ ½ o'  # CP865 has ó ß
    encoded = encode(text, "CP865")
    assert b"?" not in encoded
    assert encode("æøåÆØÅ", "CP865") == b"\x91\x9b\x86\x92\x9d\x8f"
    assert encode("é", "CP865") == b"\x82"  # kept: CP865 has it
    assert encode("Ø", "CP437") == b"O"  # a code page without Ø spells it


def test_decomposed_names_print_as_the_letters_they_are() -> None:
    """NFD input (pasted text, some keyboards): A + combining ring is Å, not "A_"."""
    nfd = unicodedata.normalize("NFD", NAME)
    assert nfd != NAME
    assert encode(nfd, "CP865") == encode(NAME, "CP865") == NAME_CP865
    label = LabelData(nfd, 104233, "104233-03", "VHS", 3, 9)
    assert layouts.build("media_label", label, Paper(32)) == layouts.build(
        "media_label", LABEL, Paper(32)
    )


CONTROLS = "\x1b@\x1dV\x00\x10\x04\x01\x07\r\x0c\x7f\x85\u2028\u200b\x00"


@pytest.mark.parametrize("kind", ["media_label", "order_form"])
def test_control_characters_in_names_never_reach_the_printer(kind: str) -> None:
    """A name full of printer commands prints as the same name without them."""
    dirty = f"Kari{CONTROLS} Nord\x1bEmann"
    clean = "".join(c for c in dirty.replace("\u2028", " ") if unicodedata.category(c)[0] != "C")

    def build(name: str) -> bytes:
        if kind == "media_label":
            return layouts.build("media_label", LabelData(name, 1, "1-01", "VHS", 1, 1), Paper(32))
        form = OrderFormData(name, (name,), 1, date(2026, 1, 2), None, name, name, MEDIA)
        return layouts.build("order_form", form, Paper(32))

    assert clean == "Kari@V  NordEmann"
    assert build(dirty) == build(clean)


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_transliterated_lines_never_exceed_the_paper_even_in_double_size(columns: int) -> None:
    """Wrapping happens after transliteration (€ → EUR, Œ → OE lengthen a line), and a
    double-size line counts twice its length."""
    wide = "€Œ…" * 30
    jobs = {
        "media_label": LabelData(wide, 104233, "104233-03", wide, 3, 9),
        "order_form": OrderFormData(
            wide, (wide, wide), 104233, date(2026, 1, 2), None, wide, wide,
            (MediaLine("104233-01", wide, wide),), notes=wide,
        ),
        "receipt": ReceiptData(wide, wide, 104233, date(2026, 1, 2), MEDIA, 125000),
        "return_receipt": ReturnReceiptData(
            wide, wide, 104233, date(2026, 1, 2),
            (MediaLine("104233-01", wide, returned=True),), close_reason=wide,
        ),
        "test_page": SamplePageData(wide, wide),
    }
    for kind, data in jobs.items():
        output = layouts.build(kind, data, Paper(columns=columns))
        widths = printed_widths(output, columns)
        assert max(widths) <= columns, (kind, max(widths))
    # and wrapping what will be printed loses nothing: every word of the notes is there
    notes = " ".join(f"€{i}" for i in range(40))
    form = OrderFormData("A", (), 1, date(2026, 1, 2), None, "", "", (), notes=notes)
    text = render_text(layouts.build("order_form", form, Paper(columns=columns)), columns)
    assert text.split("Notater", 1)[1].split() == [f"EUR{i}" for i in range(40)] + [
        "✂" + "-" * (columns - 1)
    ]
    header = layouts.build("receipt", jobs["receipt"], Paper(columns=columns))
    assert b"\x1d!\x11Ordre 104233\n" in header
    assert len("Ordre 104233") * 2 in printed_widths(header, columns)  # counted double


def test_dummy_output_does_not_switch_code_page_for_o_slash() -> None:
    """python-escpos's automatic encoder was seen picking PC857 for Ø; we never let it."""
    output = layouts.build("media_label", LabelData("ØØØ Ő", 1, "1-01", "VHS", 1, 1), Paper(32))
    assert output.count(b"\x1bt") == 1
    assert b"\x9d\x9d\x9d O" in output


def test_test_page_has_norwegian_letters_and_a_barcode() -> None:
    output = layouts.build(
        "test_page", SamplePageData("tcp://10.0.0.5:9100", "Viverfilm AS"), Paper(42)
    )
    assert encode("ÆØÅ æøå", "CP865") in output
    assert code128_native("104233-03", 3) in output
    assert "Skriver: tcp://10.0.0.5:9100" in render_text(output, 42)
