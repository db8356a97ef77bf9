from __future__ import annotations

import unicodedata

import pytest

from viver_tui.errors import ValidationError
from viver_tui.services.codes import parse_code
from viver_tui.services.text import clean_line, clean_text


def test_clean_line_is_nfc_and_folds_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Åse  Ødegård ")
    assert clean_line(decomposed, field="name") == "Åse Ødegård"


@pytest.mark.parametrize("bad", ["a\x1b[2Jb", "x\x00", "bell\x07", "del\x7f", "c1\x9b"])
def test_control_characters_are_refused_with_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        clean_line(bad, field="name")
    assert info.value.field == "name"


def test_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValidationError):
        clean_line("a\ud800b", field="name")


def test_notes_keep_newlines_but_not_escapes() -> None:
    assert clean_text("one\r\ntwo\n", field="note") == "one\ntwo"
    with pytest.raises(ValidationError):
        clean_text("one\n\x1b]0;title\x07", field="note")


def test_length_limit() -> None:
    assert clean_line("x" * 10, field="shelf", max_length=10) == "x" * 10
    with pytest.raises(ValidationError):
        clean_line("x" * 11, field="shelf", max_length=10)


@pytest.mark.parametrize(
    ("text", "number", "seq"),
    [("104233", 104233, None), (" 104233-03 ", 104233, 3), ("1000-1", 1000, 1)],
)
def test_parse_code_accepts_order_numbers_and_medium_codes(
    text: str, number: int, seq: int | None
) -> None:
    parsed = parse_code(text)
    assert parsed is not None
    assert (parsed.number, parsed.seq) == (number, seq)


@pytest.mark.parametrize("text", ["²", "10423²", "１０４２３３", "123", "104233-", "abc", ""])
def test_parse_code_rejects_what_is_no_code(text: str) -> None:
    assert parse_code(text) is None
