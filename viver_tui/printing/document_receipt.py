"""A customer document (``sheet.Sheet``) on the 80 mm receipt printer — pure ESC/POS.

Like the other layouts (``layouts.py``) it only calls the printer object's formatting
methods, through ``layouts.Page``: the job starts with ``ESC @`` and the code page, and
every text is transliterated for it (æ ø å print right). Nothing is cut off: a text too
long for the paper wraps onto more lines, and a label beside an amount wraps above it,
so the amount always stands whole at the right margin.
"""

from __future__ import annotations

from typing import Any

from viver_tui.printing.layouts import Page, Paper, fit_lines
from viver_tui.printing.sheet import Sheet, SheetLine


def wrapped_pair(page: Page, left: str, right: str, *, indent: str = "") -> None:
    """``left`` and ``right`` on one line when they fit; otherwise ``left`` wraps on
    the lines above and its last line carries ``right`` at the right margin. Never cut."""
    left, right = page.printable(left), page.printable(right)
    width = page.columns
    if len(right) >= width - len(indent) - 1:  # the amount itself is wider: on its own
        page.lines(left, indent=indent)
        page.lines(right.rjust(width))
        return
    room = width - len(indent) - len(right) - 1
    parts = fit_lines(left, room, 99) if left else [""]
    for part in parts[:-1]:
        page.line(indent + part)
    last = indent + parts[-1]
    page.line(last + " " * (width - len(last) - len(right)) + right)


def _line(page: Page, line: SheetLine) -> None:
    page.lines(line.text)
    for note in line.notes:
        page.lines(note, indent="  ")
    detail = "  ".join(part for part in (line.detail, line.vat) if part)
    wrapped_pair(page, detail, line.amount, indent="  ")


def document(p: Any, sheet: Sheet, paper: Paper) -> None:
    """The whole document: seller, title, facts, buyer, lines, totals, payment, notes."""
    page = Page(p, paper)
    page.begin()
    page.align("center")
    if sheet.seller:
        page.bold(True)
        page.lines(sheet.seller[0])
        page.bold(False)
        for line in sheet.seller[1:]:
            page.lines(line)
    page.line()
    page.big(True)
    page.lines(sheet.title)
    page.big(False)
    page.bold(True)
    page.lines(sheet.heading)
    page.bold(False)
    if sheet.stamp:
        page.big(True)
        page.lines(sheet.stamp)
        page.big(False)
    page.align("left")
    page.line()
    for label, value in sheet.facts:
        wrapped_pair(page, label, value)
    page.rule()
    page.bold(True)
    page.lines(sheet.buyer_title)
    page.bold(False)
    for line in sheet.buyer:
        page.lines(line)
    page.rule()
    for line in sheet.lines:
        _line(page, line)
    page.rule()
    for i, (label, value) in enumerate(sheet.totals):
        last = i == len(sheet.totals) - 1
        page.bold(last)
        wrapped_pair(page, label, value)
    page.bold(False)
    if sheet.payment:
        page.rule()
        page.bold(True)
        page.lines(sheet.payment_title)
        page.bold(False)
        for label, value in sheet.payment:
            wrapped_pair(page, label, value)
    if sheet.notes:
        page.rule()
        for note in sheet.notes:
            page.lines(note)
    if sheet.footer:
        page.line()
        page.align("center")
        for line in sheet.footer:
            page.lines(line)
        page.align("left")
    page.cut()
