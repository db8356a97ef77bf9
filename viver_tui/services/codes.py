"""The one parser of what a scanner or a person types as an order or medium code.

An order number is 4–9 ASCII digits (``104233``); a medium code is an order number, a
dash and the medium's place in it (``104233-03``). Only ASCII digits count: ``'²'`` and
other Unicode digits pass ``str.isdigit`` but are no code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"([0-9]{4,9})(?:-([0-9]{1,3}))?", re.ASCII)


@dataclass(frozen=True)
class ScannedCode:
    """A scan parsed: an order number, maybe with a medium's place in it."""

    number: int
    seq: int | None

    @property
    def is_medium(self) -> bool:
        return self.seq is not None

    @property
    def text(self) -> str:
        """The canonical form, as printed on labels: ``104233`` or ``104233-03``."""
        return format_code(self.number, self.seq) if self.seq is not None else str(self.number)


def format_code(number: int, seq: int) -> str:
    """A medium's code: ``format_code(104233, 3)`` → ``104233-03``."""
    return f"{number}-{seq:02d}"


def parse_code(text: str) -> ScannedCode | None:
    """``104233`` → order; ``104233-03`` → medium; anything else → None."""
    m = _CODE.fullmatch(text.strip())
    if m is None:
        return None
    return ScannedCode(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
