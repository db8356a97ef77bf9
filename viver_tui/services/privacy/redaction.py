"""Finding a person in free text, to replace them with ``[slettet]``.

Notes are ordinary Norwegian text, so a name word is found as people write it: in any
case, with the genitive (``Hansens``, ``Hansen's``, ``Hansen’s``, ``Lars'``), inside a
hyphenated compound (``Hansen-familien``), and with or without its diacritics as typed
on a keyboard that lacks them (``Ødegård`` = ``Odegard`` = ``Oedegaard``, ``Bjørnæs``
= ``Bjornaes``, ``Dóttir`` = ``Dottir``) — and the reverse, a name registered without
them found where a note has them. Matching is on the text decomposed (NFD), so a letter
followed by combining accents counts as that letter. Over-redaction in free text is
acceptable; a miss is not.
"""

from __future__ import annotations

import re
import unicodedata

REDACTED = "[slettet]"

_MARKS = "\u0300-\u036f"  # combining diacritical marks (what NFD splits off)
_NOT_BEFORE = rf"(?<![\w{_MARKS}])"
_NOT_AFTER = rf"(?![\w{_MARKS}])"
# Genitive: Hansens, Hansen's, Hansen’s, Hansen´s, Lars' (and nothing).
_GENITIVE = r"(?:['’´`]?s|['’´`])?"


def _run(first: str, then: str) -> str:
    """A vowel as typed: one of ``first``, then more of ``first`` or ``then`` (each
    with its accents): å = aa, æ = ae, ø = oe, é after æ (``Bjæé``) all in one run."""
    return f"[{first}][{_MARKS}]*(?:[{first}{then}][{_MARKS}]*)*"


# A folded name letter → every way it may be typed (NFD text: accents are separate marks).
_VARIANTS: dict[str, str] = {
    "a": _run("aåæä", "e"),  # å, aa, a; æ, ae, a; ä (runs: Haakon, Håkon, Hakon)
    "o": _run("oøöœ", "e"),  # ø, oe, o; ö
    "u": _run("uü", "e"),
    "e": "[eæ]",
    "s": "(?:ss|[sß])",
}


def _fold(word: str) -> str:
    """A name word reduced to a skeleton: lower case, accents off, æ/ø/å/aa/ae/oe to
    one vowel and runs of one vowel to one, so every way of typing it folds the same."""
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for old, new in (("æ", "a"), ("ø", "o"), ("œ", "o"), ("ß", "s"),
                     ("ae", "a"), ("oe", "o"), ("ue", "u")):
        text = text.replace(old, new)
    return re.sub(r"([aou])\1+", r"\1", text)


def _fuzzy(word: str) -> str:
    """A pattern for one name word in any of the ways it may be typed (NFD text)."""
    parts = []
    for char in _fold(word):
        if char.isalpha():
            parts.append(_VARIANTS.get(char, re.escape(char)) + f"[{_MARKS}]*")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text))


def redaction_pattern(
    name: str, phone: str | None, email: str | None, address: str | None = None
) -> re.Pattern[str] | None:
    """A pattern matching the person's name (whole and each word, see the module
    docstring), phone number in any common form (``+47 912 34 567``, ``912 34 567``,
    ``91234567``, ``0047-912…``), e-mail and address, case-insensitively. Longest
    alternatives first, so an e-mail is replaced whole before a name word inside it.
    Apply it with ``redact`` (which decomposes the text first)."""
    parts: list[str] = []
    if email:
        parts.append(re.escape(unicodedata.normalize("NFD", email.strip())))
    if phone:
        parts.append(_phone_pattern(phone))
    for whole in (address, name):
        words = _words(whole or "")
        if len(words) > 1:
            joined = r"[\W_]+".join(_fuzzy(w) for w in words)
            parts.append(f"{_NOT_BEFORE}{joined}{_GENITIVE}{_NOT_AFTER}")
    words = sorted({w for w in _words(name) if len(w) >= 2}, key=len, reverse=True)
    parts.extend(f"{_NOT_BEFORE}{_fuzzy(w)}{_GENITIVE}{_NOT_AFTER}" for w in words)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _phone_pattern(e164: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
        country = str(number.country_code)
        national = phonenumbers.national_significant_number(number)
    except phonenumbers.NumberParseException:
        country, national = "", re.sub(r"\D", "", e164)
    sep = r"[\s.\-()/]*"
    digits = sep.join(national)
    prefix = rf"(?:\(?(?:\+|00){sep}{country}{sep}|0{sep})?" if country else ""
    return rf"(?<!\d){prefix}{digits}(?!\d)"


def redact(text: str | None, pattern: re.Pattern[str] | None) -> str | None:
    """``text`` with every match of ``pattern`` replaced by ``[slettet]``; unchanged
    (the very same string) when nothing matches, else returned composed (NFC)."""
    if text is None or pattern is None:
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if pattern.search(decomposed) is None:
        return text
    return unicodedata.normalize("NFC", pattern.sub(REDACTED, decomposed))
