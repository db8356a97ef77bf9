"""User-facing text and formats: Norwegian bokmål by default, English as the alternative.

``t("key", **values)`` looks a string up in the active language (falling back to
bokmål, then to the key itself so a missing string is visible, never a crash).
Strings live in ``catalog/<area>.py`` modules, each with an ``NB`` and an ``EN`` dict,
so each workflow keeps its own words. Formatting of dates, money and phone numbers is in
``formatting.py``.
"""

from __future__ import annotations

from viver_tui.locale.catalog import CATALOGS

_language = "nb"


def set_language(language: str) -> None:
    global _language
    _language = language if language in CATALOGS else "nb"


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    text = CATALOGS[_language].get(key) or CATALOGS["nb"].get(key) or key
    return text.format(**values) if values else text
