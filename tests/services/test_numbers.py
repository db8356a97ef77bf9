"""Numbers read from input are bounded before ``int()``: Python refuses integers of more
than 4 300 digits with a ValueError, which reached staff as "Noe gikk galt" (finding 7
of issue 18). Every field has its range; anything else is the field's message."""

from __future__ import annotations

import argparse

import pytest

from viver_tui.config import DEFAULT_MEDIA_KINDS, MAX_MINUTES, MAX_PHOTOS
from viver_tui.errors import FormErrors, ValidationError
from viver_tui.screens.admin_log import parse_filters
from viver_tui.services import intake, pickup
from viver_tui.services.intake import MediumInput
from viver_tui.services.numbers import MAX_ID, argument, decimal_number, whole_number

HUGE = "9" * 5_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600", 600), (" 0600 ", 600), ("10 000", 10_000), ("10\xa0000", 10_000), ("1", 1),
        ("0", None), ("10001", None), ("-1", None), ("+1", None), ("1.0", None), ("", None),
        ("²", None), ("1²", None), ("１０", None), (HUGE, None), ("0" * 5_000 + "7", 7),
    ],
)
def test_whole_number_is_in_range_or_none(text: str, expected: int | None) -> None:
    assert whole_number(text, 1, 10_000) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2,5", 2.5), ("2.5", 2.5), ("100", 100.0), ("0", 0.0), ("100.5", None), ("1e2", None),
     ("inf", None), ("nan", None), ("-1", None), (HUGE, None)],
)
def test_decimal_number_is_in_range_or_none(text: str, expected: float | None) -> None:
    assert decimal_number(text, 0, 100) == expected


def test_an_argument_out_of_range_is_argparses_error() -> None:
    parse = argument(1, MAX_ID)
    assert parse("42") == 42
    with pytest.raises(argparse.ArgumentTypeError, match="fra 1 til 2\xa0147\xa0483\xa0647"):
        parse(HUGE)


def test_intake_fields_have_their_ranges() -> None:
    def units_error(kind: str, units: str) -> str | None:
        try:
            intake.validate_medium(MediumInput(kind, units=units), DEFAULT_MEDIA_KINDS)
        except FormErrors as exc:
            return exc.errors.get("units")
        return None

    for number in (HUGE, "0", str(MAX_MINUTES + 1), "-5", "1²"):
        assert units_error("super8", number) == "Minutter må være et helt tall fra 1 til 600."
    for number in (HUGE, "0", str(MAX_PHOTOS + 1)):
        assert units_error("photo-series", number) == (
            "Antall bilder må være et helt tall fra 1 til 10\xa0000."
        )
    assert units_error("super8", str(MAX_MINUTES)) is None
    assert units_error("photo-series", "10 000") is None
    for number in (HUGE, "0", str(len(DEFAULT_MEDIA_KINDS) + 1) * 3):
        with pytest.raises(ValidationError, match="Ukjent type"):
            intake.find_kind(number, DEFAULT_MEDIA_KINDS)
    assert intake.find_kind(str(len(DEFAULT_MEDIA_KINDS)), DEFAULT_MEDIA_KINDS).key == "other"


def test_a_returned_photo_count_is_one_to_ten_thousand() -> None:
    for count in (HUGE, "0", "10001"):
        assert pickup.read_count(count) is None
    assert pickup.read_count("10000") == 10_000
    assert pickup.count_invalid() == "Skriv antallet som et helt tall fra 1 til 10\xa0000."


@pytest.mark.parametrize("customer", ["²", HUGE, "0", "2147483648"])
def test_the_access_logs_customer_filter_is_bounded(customer: str) -> None:
    values = {"person": "", "customer": customer, "action": "", "since": "", "until": ""}
    with pytest.raises(ValidationError) as failure:
        parse_filters(values)
    assert failure.value.field == "customer"


def test_products_typed_on_a_document_are_bounded() -> None:
    from viver_tui.config import Settings
    from viver_tui.services.documents.invoice import parse_products

    settings = Settings()
    for text, field_message in ((f"usb-32 {HUGE}", "quantity"), (HUGE, "product"),
                                ("usb-32 0", "quantity"), ("usb-32 1000", "quantity")):
        with pytest.raises(ValidationError) as failure:
            parse_products(text, settings)
        assert failure.value.field == "products", field_message
    assert [(p.key, p.quantity) for p in parse_products("1 2, dvd", settings)] == [
        ("usb-32", 2), ("dvd", 1)
    ]
