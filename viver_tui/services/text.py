"""Free text as the store keeps it: NFC, no control characters, bounded length.

Everything a person or a scanner types passes through ``clean_line`` (one line: names,
shelves, inscriptions) or ``clean_text`` (notes, where newlines are kept) before it is
stored. Control characters (C0, C1, DEL) are rejected with a message, not silently
dropped, so staff see that what they pasted was not what they meant; lone surrogates
(which no encoder accepts) are rejected the same way. Text stays data: screens still
escape it when shown, and printers drop control bytes again before encoding.
"""

from __future__ import annotations

import unicodedata

from viver_tui.errors import ValidationError
from viver_tui.locale import t

ONE_LINE_MAX = 200
NOTE_MAX = 4_000


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def _is_surrogate(char: str) -> bool:
    return unicodedata.category(char) == "Cs"


def _check(value: str, *, field: str, max_length: int, allow_newlines: bool) -> str:
    for char in value:
        if _is_surrogate(char):
            raise ValidationError(t("text.invalid_char"), field=field)
        if _is_control(char) and not (allow_newlines and char in "\n\t"):
            raise ValidationError(t("text.control_char"), field=field)
    text = unicodedata.normalize("NFC", value)
    if len(text) > max_length:
        raise ValidationError(t("text.too_long", limit=max_length), field=field)
    return text


def clean_line(value: str, *, field: str, max_length: int = ONE_LINE_MAX) -> str:
    """One line of text, NFC, inner runs of spaces folded; ValidationError if unusable."""
    if any(c in value for c in "\r\n"):
        value = value.replace("\r", " ").replace("\n", " ")
    folded = " ".join(value.split())
    return _check(folded, field=field, max_length=max_length, allow_newlines=False)


def clean_text(value: str, *, field: str, max_length: int = NOTE_MAX) -> str:
    """Several lines (notes): NFC, ``\\r\\n`` → ``\\n``, outer blank space trimmed."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return _check(text, field=field, max_length=max_length, allow_newlines=True)
