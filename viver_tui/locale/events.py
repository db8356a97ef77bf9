"""An order's history in the language of whoever reads it.

An event is stored as a code (its ``action``) with values (``OrderEvent.detail``, JSON:
counts and media codes, never a person's data) and, where staff typed something (a
note, the reason an order was closed), that text as it was typed (``note``). Nothing is
stored in the language of the terminal that wrote it: the words are put together here,
when the history is shown, in the reader's language ("3 medier" / "3 media").
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from viver_tui.locale import t


def encode_detail(values: Mapping[str, object] | None) -> str:
    """The values as stored (sorted JSON; empty for none)."""
    return json.dumps(dict(values), sort_keys=True, ensure_ascii=False) if values else ""


def decode_detail(stored: str | None) -> dict[str, object]:
    """The stored values; ``{}`` for none or for text that is not ours."""
    if not stored:
        return {}
    try:
        values = json.loads(stored)
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def detail_text(action: str, detail: Mapping[str, object], note: str) -> str:
    """What happened beyond the action's name, in the language in use: "3 medier",
    "40 av 48 bilder", "7 av 9 utlevert", "reason (mangler: …)", the fields changed;
    a typed note as typed. Empty when there is nothing to add."""
    if action == "confirmed" and "media" in detail:
        return t("count.media", count=detail["media"])
    if action == "returned" and "declared" in detail:
        return t("pickup.event.photos", returned=detail.get("returned"), count=detail["declared"])
    if action == "visit_ended" and "total" in detail:
        return t("pickup.event.visit", returned=detail.get("returned"), total=detail["total"])
    if action == "closed_missing" and "codes" in detail:
        return t("pickup.event.closed", reason=note, codes=detail["codes"])
    if action == "edited" and isinstance(detail.get("fields"), list):
        return fields_text(detail["fields"])
    if action == "actual" and "units" in detail:
        return actual_text(detail)
    return note


def actual_text(detail: Mapping[str, object]) -> str:
    """The production room's record of what was done: "94 min digitalisert (anslått
    20 min)", "412 bilder skannet …", "fjernet – fakturaen bruker anslaget"; with the
    number it replaced."""
    units, unit = detail.get("units"), detail.get("unit")
    if units is None:
        text = t("production.event.actual_removed")
    else:
        kind = "photos" if unit == "photo" else "minutes"
        text = t(f"production.event.actual.{kind}", count=units,
                 estimate=detail.get("estimate", "–"))
    if detail.get("was") is not None:
        text += " " + t("production.event.actual_was", was=detail["was"])
    return text


def fields_text(names: list[object]) -> str:
    """``["shelf", "notes"]`` → "hylle, notater" (the order's detail fields)."""
    words = []
    for name in names:
        key = f"innsyn.{name}"
        word = t(key)
        words.append(str(name) if word == key else word.lower())
    return ", ".join(words)
