"""Schema 21: an order's history stores values, not sentences (``order_event.detail``).

Before, an event's ``note`` held text in the language of the terminal that wrote it
("3 medier" on one terminal, "3 media" on the next; pickup's always bokmål), so a reader
met the other language. Now the values are stored (JSON in ``detail``) and worded when
shown (locale/events.py). Existing rows are read as well as they can be: the texts the
program itself wrote, in either language, become values and their note is emptied;
anything else (a note staff typed, a text of a shape not known) stays as it is.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

_COUNT = r"(\d{1,9})"
# action → (pattern of the text the program wrote, in bokmål or English; values from it)
_KNOWN: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "confirmed": (re.compile(rf"{_COUNT} (?:medium|medier|media)"), ("media",)),
    "returned": (
        re.compile(rf"{_COUNT} (?:av|of) {_COUNT} (?:bilde|bilder|photo|photos)"),
        ("returned", "declared"),
    ),
    "visit_ended": (
        re.compile(rf"{_COUNT} (?:av|of) {_COUNT} (?:utlevert|returned)"),
        ("returned", "total"),
    ),
}
_CLOSED = re.compile(r"(?s)(.*) \((?:mangler|missing): ([0-9, -]+)\)")
_FIELDS = re.compile(r"[a-z_]+(?:,[a-z_]+)*")


def read_note(action: str, note: str) -> tuple[str, dict[str, object]] | None:
    """``(note to keep, values)`` for a text the program wrote; None for any other."""
    if action in _KNOWN:
        pattern, names = _KNOWN[action]
        match = pattern.fullmatch(note)
        if match:
            return "", {name: int(value) for name, value in zip(names, match.groups(), strict=True)}
    elif action == "closed_missing":
        match = _CLOSED.fullmatch(note)
        if match:
            return match.group(1), {"codes": match.group(2)}
    elif action == "edited" and _FIELDS.fullmatch(note):
        return "", {"fields": note.split(",")}
    return None


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    if "detail" not in {c.name for c in db.get_columns("order_event")}:
        # A plain ADD COLUMN: playhouse rebuilds the table on SQLite for NOT NULL.
        db.execute_sql(
            "ALTER TABLE \"order_event\" ADD COLUMN \"detail\" TEXT NOT NULL DEFAULT ''"
        )
    placeholder = db.param
    rows = db.execute_sql(
        "SELECT id, action, note FROM \"order_event\" WHERE note <> '' AND detail = '' "
        "AND action IN ('confirmed', 'returned', 'visit_ended', 'closed_missing', 'edited')"
    ).fetchall()
    for event_id, action, note in rows:
        read = read_note(action, note)
        if read is None:
            continue
        kept, values = read
        db.execute_sql(
            f'UPDATE "order_event" SET note = {placeholder}, detail = {placeholder} '
            f"WHERE id = {placeholder}",
            (kept, json.dumps(values, sort_keys=True), event_id),
        )
