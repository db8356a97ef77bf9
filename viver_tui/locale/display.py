"""Stored text on screen: always data, never markup or terminal control.

A name like ``[/]`` or ``[@click=app.quit]z[/]`` is Textual markup if a widget is handed
the string; ``\\x1b[2J`` clears the terminal if it reaches it. Older versions stored
such text unchecked (services now reject it, see ``services/text.py``), and typed text
(a search, a scanned code) ends up in messages too. So every value that came from a
person or the store is shown through one of these:

- ``shown(value)`` → a ``rich.text.Text`` (no markup parsed), control characters and
  lone surrogates replaced by U+FFFD so they are visible and harmless; for DataTable
  cells, ``Static.update``, ``Label``.
- ``filled(template, **values)`` → the catalogue's template *with* its own markup
  (``Ordre [b]{number}[/b] · {customer}``), the values inserted as plain text.
- ``printable(value)`` → the same replacement as a plain ``str`` (for ``Input`` values
  and ``notify(..., markup=False)``).

Markup escaping (``rich.markup.escape``) is not used for stored text: it leaves
``[ bold]``, ``[B]`` and ``[$x]`` as markup for Textual's parser.
"""

from __future__ import annotations

import re
from string import Formatter

from rich.text import Text

REPLACEMENT = "\ufffd"
_FIELD = "\ue000"  # a private-use character: never in a catalogue template


# Control characters (Unicode category Cc: C0, DEL, C1) and lone surrogates (Cs); one
# regex pass, as every table cell goes through here on every keystroke of a search.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(value: object, *, multiline: bool = False) -> str:
    """``value`` as text with every control character (C0, C1, DEL; newlines too unless
    ``multiline``) and lone surrogate replaced by U+FFFD. ``None`` is empty."""
    text = "" if value is None else str(value)
    return (_UNSAFE_BUT_NEWLINE if multiline else _UNSAFE).sub(REPLACEMENT, text)


def shown(value: object, *, multiline: bool = False) -> Text:
    """``value`` for a widget: plain text, never markup, no terminal control."""
    return Text(printable(value, multiline=multiline), end="")


def filled(template: str, **values: object) -> Text:
    """A catalogue template's markup, with ``values`` inserted literally.

    ``template`` is the raw catalogue string (``t(key)`` without values); each
    ``{name}`` (with an optional format spec) takes its value as plain text, styled
    like the place it stands in (``[b]{number}[/b]`` → a bold number).
    """
    parts: list[str] = []
    slots: list[tuple[str, str]] = []
    for literal, name, spec, _conversion in Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(_FIELD)
            slots.append((name, spec or ""))
    skeleton = Text.from_markup("".join(parts), end="")
    result = Text(end="")
    position = 0
    for name, spec in slots:
        at = skeleton.plain.index(_FIELD, position)
        result.append_text(skeleton[position:at])
        # Newlines are kept (a note's lines); every other control character is not.
        value = Text(printable(format(values[name], spec), multiline=True), end="")
        for span in skeleton[at : at + 1].spans:
            value.stylize(span.style)
        result.append_text(value)
        position = at + 1
    result.append_text(skeleton[position:])
    return result
