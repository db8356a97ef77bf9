"""What ``status = "auto"`` has learned about each of a terminal's printers, and why.

Kept per terminal and printer URL in ``PrinterMemory``, learned from the answers that
came (or did not) while jobs printed:

- **it answers**: a status query was answered (``answers_status`` True, ``answered_at``
  the last answer). For good: from then on a printer that does not answer before a job
  hangs — the job waits and is retried, nothing is marked printed.
- **learning**: asked, never answered (``missed`` jobs so far): each job is sent and
  asked about after it, and ends "sent, not confirmed" (staff decide).
- **without status**: after ``LEARN_AFTER`` jobs with no answer at all, it is treated as
  a printer that cannot report status: jobs go out without waiting for an answer. A job
  staff print again still asks, so a printer that starts answering (it was hung, or was
  replaced) is learned again.

``learn`` records a job's evidence inside the caller's transaction and returns what
was newly learned, worded for the status bar; ``knowledge`` says it for every printer
of the terminal (the F9 list shows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from viver_tui.config import PrinterSettings, Settings
from viver_tui.locale import t
from viver_tui.locale.formatting import format_datetime
from viver_tui.models import PrinterMemory
from viver_tui.printing.connection import (
    BadPrinterAddress,
    is_preview,
    parse_url,
    set_without_status,
)
from viver_tui.printing.delivery import reads_status

LEARN_AFTER = 2  # jobs without any status answer before "auto" stops waiting for one

# What is known of a printer (``Knowledge.state``)
ANSWERS = "answers"  # it has answered: silence means it hangs
SILENT = "silent"  # learned: it never answers; treated as without status
LEARNING = "learning"  # asked, no answer yet
UNKNOWN = "unknown"  # never asked
SET_YES = "set_yes"  # status = "yes"
SET_NO = "set_no"  # status = "no"
CANNOT = "cannot"  # no read channel (a file or CUPS printer)
PREVIEW = "preview"
BAD_ADDRESS = "bad_address"


@dataclass(frozen=True)
class Knowledge:
    """One printer as this terminal knows it, for staff."""

    role: str  # label | receipt
    url: str
    state: str
    answered_at: datetime | None = None
    missed: int = 0

    @property
    def text(self) -> str:
        """``Etikettskriveren (tcp://…): svarte på status 12.12.2026 10:14``."""
        what = t(
            f"printer.knows.{self.state}",
            at=format_datetime(self.answered_at),
            missed=self.missed,
            count=LEARN_AFTER,
        )
        return t("printer.knows", printer=t(f"printer.{self.role}"), url=self.url, what=what)


def _row(terminal: str, url: str) -> PrinterMemory | None:
    return PrinterMemory.get_or_none(
        (PrinterMemory.terminal == terminal) & (PrinterMemory.url == url)
    )


def _state(row: PrinterMemory | None) -> str:
    if row is None:
        return UNKNOWN
    if row.answers_status:
        return ANSWERS
    if row.missed >= LEARN_AFTER:
        return SILENT
    return LEARNING if row.missed else UNKNOWN


def state_of(terminal: str, url: str) -> str:
    """ANSWERS, SILENT, LEARNING or UNKNOWN. Call inside ``reading`` or ``writing``."""
    return _state(_row(terminal, url))


def learn(terminal: str, role: str, url: str, answered: bool | None, now: datetime) -> str:
    """Record whether the printer of ``role`` answered a status query on this job (None:
    nothing was asked); return what was newly learned, for the status bar ("" if
    nothing). Call inside the transaction that records the job."""
    if answered is None:
        return ""
    row = _row(terminal, url)
    before = _state(row)
    if answered:
        changes = {PrinterMemory.answers_status: True, PrinterMemory.answered_at: now}
    else:  # a printer that has answered keeps that: its silence is a hang, counted
        changes = {
            PrinterMemory.answers_status: bool(row and row.answers_status),
            PrinterMemory.missed: PrinterMemory.missed + 1,
        }
    (
        PrinterMemory.insert(
            terminal=terminal,
            url=url,
            answers_status=answered,
            answered_at=now if answered else None,
            missed=0 if answered else 1,
        )
        .on_conflict(conflict_target=[PrinterMemory.terminal, PrinterMemory.url], update=changes)
        .execute()
    )
    row = _row(terminal, url)
    after = _state(row)
    if after == before or after not in (ANSWERS, SILENT):
        return ""
    return Knowledge(role, url, after, now, row.missed if row else 0).text


def knowledge(settings: Settings, roles: tuple[str, ...]) -> list[Knowledge]:
    """What this terminal knows of the printer of each role. Call inside ``reading``."""
    return [_knowledge(role, _printer(settings, role), settings.terminal) for role in roles]


def _printer(settings: Settings, role: str) -> PrinterSettings:
    return settings.label_printer if role == "label" else settings.receipt_printer


def _knowledge(role: str, printer: PrinterSettings, terminal: str) -> Knowledge:
    url = printer.url
    if is_preview(url):
        return Knowledge(role, url, PREVIEW)
    try:
        parse_url(url)
    except BadPrinterAddress:
        return Knowledge(role, url, BAD_ADDRESS)
    if set_without_status(printer):
        return Knowledge(role, url, SET_NO)
    if not reads_status(printer):
        return Knowledge(role, url, CANNOT)
    if printer.status == "yes":
        return Knowledge(role, url, SET_YES)
    row = _row(terminal, url)
    return Knowledge(
        role,
        url,
        _state(row),
        row.answered_at if row else None,
        row.missed if row else 0,
    )
