"""What the customer form may hold: the form as typed, and its check.

``validate`` turns a ``CustomerInput`` into the column values (phone as E.164, e-mail
lower-cased, org. number checked) or raises FormErrors naming each bad field; it reads
nothing from the store, so the form can be checked before anything is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viver_tui.errors import FormErrors, ValidationError
from viver_tui.locale import t
from viver_tui.services.text import clean_line

KINDS = ("private", "business")
LANGUAGES = ("nb", "en")  # the customer's e-mail language; bokmål first, the default
_PHONE_CHARS = re.compile(r"^[\d\s+().-]+$")


@dataclass(frozen=True)
class CustomerInput:
    """What the register form submits; every field is text as typed."""

    name: str
    kind: str = "private"
    phone: str = ""
    email: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    org_number: str = ""
    letters_opt_out: bool = False
    language: str = "nb"  # of the customer's e-mails: "nb" or "en" (LANGUAGES)


# Longest text accepted per field, as typed (before normalising).
_LIMITS = {
    "name": 200,
    "phone": 40,
    "email": 254,
    "address": 200,
    "postal_code": 10,
    "city": 100,
    "org_number": 20,
}


def normalize_phone(text: str) -> str:
    """Parse a phone number as staff type it; return E.164 (``+4791234567``).

    Eight digits are Norwegian; foreign numbers need ``+`` or ``00`` and a country code.
    """
    import phonenumbers

    raw = text.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not _PHONE_CHARS.match(raw):
        raise ValidationError(t("customer.error.phone_chars"), field="phone")
    try:
        number = phonenumbers.parse(raw, "NO")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(t("customer.error.phone"), field="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(t("customer.error.phone"), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(text: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(t("customer.error.email"), field="email") from exc
    return result.normalized.lower()


def normalize_org_number(text: str) -> str:
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.no import orgnr

    try:
        return orgnr.validate(text)
    except StdnumError as exc:
        raise ValidationError(t("customer.error.org_number"), field="org_number") from exc


def validate(data: CustomerInput) -> dict[str, object]:
    """Check a form; return the cleaned column values or raise FormErrors (field → text).

    Every text passes ``clean_line`` first (NFC, no control characters, a length limit),
    then phone, e-mail and org. number are normalised.
    """
    errors: dict[str, str] = {}

    def line(field: str) -> str:
        try:
            return clean_line(getattr(data, field), field=field, max_length=_LIMITS[field])
        except ValidationError as exc:
            errors[field] = exc.message
            return ""

    cleaned: dict[str, object] = {"name": line("name")}
    if not cleaned["name"] and "name" not in errors:
        errors["name"] = t("customer.error.name_missing")
    if data.kind not in KINDS:
        errors["kind"] = t("customer.error.kind")
    cleaned["kind"] = data.kind
    if data.language not in LANGUAGES:
        errors["language"] = t("customer.error.language")
    cleaned["language"] = data.language
    contact_typed = False  # a phone or e-mail, usable or not
    for field_name, normalizer in (
        ("phone", normalize_phone),
        ("email", normalize_email),
        ("org_number", normalize_org_number),
    ):
        value = line(field_name)
        if field_name == "org_number" and data.kind != "business":
            value = ""
            errors.pop(field_name, None)  # not asked of a private customer
        elif field_name != "org_number":
            contact_typed = contact_typed or bool(value) or field_name in errors
        cleaned[field_name] = None
        if value:
            try:
                cleaned[field_name] = normalizer(value)
            except ValidationError as exc:
                errors[field_name] = exc.message
    if not contact_typed:
        errors.setdefault("phone", t("customer.error.contact_missing"))
    for field_name in ("address", "postal_code", "city"):
        cleaned[field_name] = line(field_name) or None
    if errors:
        raise FormErrors(errors)
    return cleaned
