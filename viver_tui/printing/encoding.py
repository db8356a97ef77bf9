"""Text for an ESC/POS code page: we pick the code page, we encode, nothing is guessed.

python-escpos's automatic encoder picks a code page per character and has been seen
switching to PC857 for ``Ø``; a printer without that table then prints garbage. So every
job selects one code page explicitly (``ESC t n`` through ``charcode``, CP865 "Nordic"
by default, its slot from the printer's profile) and all text is first transliterated
to characters that code page has — ``é`` stays where the table has it, ``ő`` becomes
``o``, ``€`` becomes ``EUR`` — so nothing prints as ``?``.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

# Characters with no decomposition to ASCII, spelled the way a Norwegian would.
_SPELLED: dict[str, str] = {
    "Æ": "AE",
    "æ": "ae",
    "Ø": "O",
    "ø": "o",
    "Å": "AA",
    "å": "aa",
    "ß": "ss",
    "Þ": "Th",
    "þ": "th",
    "Ð": "D",
    "ð": "d",
    "Đ": "D",
    "đ": "d",
    "Ł": "L",
    "ł": "l",
    "Œ": "OE",
    "œ": "oe",
    "ı": "i",
    "€": "EUR",
    "£": "GBP",
    "–": "-",
    "—": "-",
    "‐": "-",
    "−": "-",
    "‘": "'",
    "’": "'",
    "‚": ",",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "…": "...",
    "•": "*",
    "·": ".",
    "×": "x",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\t": " ",
}
FALLBACK = "_"  # a character nothing can spell: visible, and never mistaken for a "?"


def python_codec(code_page: str) -> str:
    """The Python codec name for a code page name from the settings (``CP865`` → cp865)."""
    name = code_page.strip().lower().replace("pc", "cp", 1)
    if name.startswith("cp") or name.startswith("iso"):
        name = name.replace("_", "-")
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise ValueError(f"unknown code page {code_page!r}") from exc


@lru_cache(maxsize=8)
def _table(codec: str) -> frozenset[str]:
    """The characters of the code page's upper half (128–255)."""
    chars = set()
    for byte in range(128, 256):
        try:
            chars.add(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue
    return frozenset(chars)


@lru_cache(maxsize=4096)
def _char(char: str, codec: str) -> str:
    if " " <= char < "\x7f" or char == "\n":
        return char
    if char in _table(codec):
        return char
    if char in ("\u00a0", "\u202f") and "\u00a0" in _table(codec):
        return "\u00a0"  # thousands separator in "kr 1 250,00": keep it non-breaking
    if char in _SPELLED:
        return "".join(_char(c, codec) for c in _SPELLED[char])
    category = unicodedata.category(char)
    if category.startswith("C"):
        return ""  # control characters would be printer commands
    if category.startswith("Z"):
        return " "  # a space or line separator of another kind
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base and base != char:
        return "".join(_char(c, codec) for c in base)
    return FALLBACK


def transliterate(text: str, code_page: str) -> str:
    """``text`` with every character the code page lacks replaced by a close spelling.

    Normalised to NFC first: a decomposed ``A`` + ring (pasted text, some keyboards) is
    the code page's ``Å``, not ``A`` and a mark that cannot be printed. Control
    characters are dropped (they would be printer commands); a line break stays.
    """
    codec = python_codec(code_page)
    return "".join(_char(c, codec) for c in unicodedata.normalize("NFC", text))


def encode(text: str, code_page: str) -> bytes:
    """Transliterate and encode ``text`` for the code page (never raises, never ``?``)."""
    return transliterate(text, code_page).encode(python_codec(code_page))
