"""Numbers as people type them (fields, scans, the command line): bounded before parsing.

Every number read from input goes through ``whole_number`` (or ``decimal_number``) with
its field's range, and anything else — letters, ``'²'`` (a Unicode digit that passes
``str.isdigit``), a negative sign, a number out of range — is ``None``, for the field's
own message. The length is checked before ``int()`` is called: Python refuses to read
integers of more than 4 300 digits with a ``ValueError``, so a pasted block of digits
must be "out of range", never an exception (it brought up "Noe gikk galt" at intake
and pickup, and a few of those end the app).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from viver_tui.locale import t
from viver_tui.locale.formatting import format_number

MAX_ID = 2_147_483_647  # a row id (PostgreSQL's integer): more is no customer of ours
_DECIMAL = re.compile(r"([0-9]{1,9})(?:[.,]([0-9]{1,9}))?", re.ASCII)


def whole_number(text: str, low: int, high: int) -> int | None:
    """The whole number in ``text`` if it is from ``low`` to ``high`` (ASCII digits;
    spaces between digit groups allowed, as in ``10 000``), else None."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if not (value.isascii() and value.isdigit()):
        return None
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(high)):  # out of range, and maybe beyond what int() reads
        return None
    number = int(digits)
    return number if low <= number <= high else None


def decimal_number(text: str, low: float, high: float) -> float | None:
    """A number with an optional decimal point or comma (``2,5``) from ``low`` to
    ``high``, else None (no exponents, no ``inf``/``nan``)."""
    match = _DECIMAL.fullmatch(text.strip())
    if match is None:
        return None
    number = float(f"{match.group(1)}.{match.group(2) or 0}")
    return number if low <= number <= high else None


def argument(low: int, high: int, *, decimals: bool = False) -> Callable[[str], float]:
    """An argparse ``type=`` for a number from ``low`` to ``high`` (whole unless
    ``decimals``): anything else is argparse's error, one line, exit 2."""

    def parse(text: str) -> float:
        number = decimal_number(text, low, high) if decimals else whole_number(text, low, high)
        if number is None:
            key = "number.decimal_range" if decimals else "number.whole_range"
            raise argparse.ArgumentTypeError(
                t(key, value=text[:20], low=format_number(low), high=format_number(high))
            )
        return number

    return parse
