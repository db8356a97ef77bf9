"""User-facing text and formats: Norwegian bokmål by default, English as the alternative.

``t("key", **values)`` looks a string up in the language in use (falling back to
bokmål, then to the key itself so a missing string is visible, never a crash).
Strings live in ``catalog/<area>.py`` modules, each with an ``NB`` and an ``EN`` dict,
so each workflow keeps its own words. Formatting of dates, money and phone numbers is in
``formatting.py``.

**Which language.** ``speaking(language)`` sets it for a block, in a context variable:
the app speaks its ``settings.language`` while it runs (``ViverApp.run_async`` and
``run_test``) and hands that context to every thread it starts (the store executor in
``screens/base.run_service``, the print queue, the database opener), so an English app
is English in its footer, its forms and its services' errors — and building or running
an app changes nothing for the rest of the process. Outside any ``speaking`` block the
process's language applies: ``set_language`` sets it, and only the CLI entry
(``cli.main``, for its subcommands' messages) and tests call it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from viver_tui.locale.catalog import CATALOGS

_process_language = "nb"
# The language of the app (or block) this code runs for; None: the process's.
_speaking: ContextVar[str | None] = ContextVar("viver_language", default=None)


def _known(language: str) -> str:
    return language if language in CATALOGS else "nb"


def set_language(language: str) -> None:
    """The process's language (the CLI entry and tests; an app uses ``speaking``)."""
    global _process_language
    _process_language = _known(language)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Use ``language`` in this context (and contexts copied from it) until the block
    ends; other threads and the rest of the process are not affected."""
    token = _speaking.set(_known(language))
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    return _speaking.get() or _process_language


def plural_form(count: object) -> str:
    """``one`` for exactly 1, ``other`` for every other count (0 too): the rule of both
    bokmål and English (``1 bilde``, ``0 bilder``; ``1 photo``, ``0 photos``)."""
    return "one" if count == 1 or count == "1" else "other"


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the language in use, ``values`` filled in.

    A counted message is two entries, ``key.one`` and ``key.other``: asked for ``key``
    with a ``count``, the form that fits the count is used (the one plural rule, for
    every count: ``t("pickup.queued_many", count=1)`` → "1 skann står i kø …").
    """
    # key is positional-only: a message may have a {key} of its own (t("…", key=…)).
    return text_in(language(), key, **values)


def text_in(language: str, key: str, /, **values: object) -> str:
    """``t`` in a given language (paper is always bokmål, whoever prints it)."""
    catalog = CATALOGS[_known(language)]
    text = catalog.get(key) or CATALOGS["nb"].get(key)
    if text is None and "count" in values:
        form = f"{key}.{plural_form(values['count'])}"
        text = catalog.get(form) or CATALOGS["nb"].get(form)
    if text is None:
        text = key
    return text.format(**values) if values else text
