"""How media kinds and counts read on screen, in the active language.

A kind's name comes from the settings (``name`` in bokmål, ``name_en`` in English);
counts take the catalogue's singular or plural (``1 medium``, ``2 medier``,
``kr 4,00/bilde``) by the one rule of ``locale.t``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from viver_tui.locale import language, plural_form, t


class _Kind(Protocol):
    key: str
    name: str
    name_en: str
    unit: str


def plural(key: str, count: int, **values: object) -> str:
    """``t(key + ".one")`` for 1, ``t(key + ".other")`` otherwise; ``{count}`` filled in
    (the rule of ``locale.t``)."""
    return t(f"{key}.{plural_form(count)}", count=count, **values)


def kind_name(kind: _Kind) -> str:
    """The kind's name in the active language."""
    return kind.name_en if language() == "en" and kind.name_en else kind.name


def kind_label(kinds: Sequence[_Kind], key: str) -> str:
    """The name of the kind with ``key``; the key itself for a kind no longer listed."""
    kind = next((k for k in kinds if k.key == key), None)
    return kind_name(kind) if kind else key


def unit_of(kinds: Sequence[_Kind], key: str) -> str:
    kind = next((k for k in kinds if k.key == key), None)
    return kind.unit if kind else "piece"


def units_text(count: int, unit: str) -> str:
    """``1 stk.``, ``20 min``, ``1 bilde``, ``120 bilder``."""
    return plural(f"unit.{unit}", count)


def per_unit(unit: str) -> str:
    """The unit a price is per: ``stk.``, ``min``, ``bilde``."""
    return t(f"unit.{unit}.per")


def media_count(count: int) -> str:
    """``1 medium``, ``3 medier``."""
    return plural("count.media", count)
