"""Norwegian (and English) display formats: dates, times, money, phone numbers.

Babel supplies the digit grouping (a non-breaking space in bokmål). The currency sign
is placed as Norwegian shops print it, ``kr 1 250,00``, rather than Babel's
``1 250,00 kr``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from viver_tui.locale import language

_BABEL_LOCALE = {"nb": "nb_NO", "en": "en_GB"}


def format_money(ore: int) -> str:
    """``125000`` øre → ``kr 1 250,00`` (bokmål) / ``NOK 1,250.00`` (English)."""
    from babel.numbers import format_decimal  # late: not needed to show the first screen

    amount = Decimal(ore) / 100
    digits = format_decimal(amount, format="#,##0.00", locale=_BABEL_LOCALE[language()])
    return f"kr {digits}" if language() == "nb" else f"NOK {digits}"


def format_number(value: int | float) -> str:
    """``10000`` → ``10 000`` (bokmål, a non-breaking space) / ``10,000``; ``2.5`` →
    ``2,5`` / ``2.5``."""
    from babel.numbers import format_decimal  # late: not needed to show the first screen

    return format_decimal(value, format="#,##0.###", locale=_BABEL_LOCALE[language()])


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if language() == "nb":
        return value.strftime("%d.%m.%Y")
    from babel.dates import format_date as babel_date

    return babel_date(value, "d MMM y", locale=_BABEL_LOCALE["en"])


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{format_date(value)} {value.strftime('%H:%M')}"


def format_phone(e164: str | None) -> str:
    """``+4791234567`` → ``+47 912 34 567``; other countries in their own grouping."""
    if not e164:
        return ""
    if e164.startswith("+47") and len(e164) == 11 and e164[3:].isdigit():
        return _norwegian(e164[3:])
    import phonenumbers  # imported late: ~25 ms that the start screen does not need

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _norwegian(national: str) -> str:
    """Norwegian numbers as Norwegians write them: mobiles 3-2-3, others in pairs
    (libphonenumber writes mobiles in pairs too)."""
    if national[0] in "49":
        return f"+47 {national[:3]} {national[3:5]} {national[5:]}"
    return f"+47 {national[:2]} {national[2:4]} {national[4:6]} {national[6:]}"


def format_org_number(digits: str | None) -> str:
    if not digits:
        return ""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
