"""Finding a person in free text, to replace them with ``[slettet]``."""

from __future__ import annotations

import re

REDACTED = "[slettet]"


def redaction_pattern(
    name: str, phone: str | None, email: str | None, address: str | None = None
) -> re.Pattern[str] | None:
    """A pattern matching the person's name (whole and each word), phone number in any
    common form (``+47 912 34 567``, ``912 34 567``, ``91234567``, ``0047-912…``) and
    e-mail, case-insensitively. Longest alternatives first, so an e-mail is replaced
    whole before a name word inside it."""
    parts: list[str] = []
    if email:
        parts.append(re.escape(email))
    if phone:
        parts.append(_phone_pattern(phone))
    if address:
        parts.append(re.escape(address.strip()))
    if name.strip():
        parts.append(re.escape(name.strip()))
        words = sorted({w for w in re.findall(r"\w+", name) if len(w) >= 2}, key=len, reverse=True)
        parts.extend(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)
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
    if text is None or pattern is None:
        return text
    return pattern.sub(REDACTED, text)
