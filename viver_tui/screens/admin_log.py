"""The access log for an admin: who looked at, changed, exported or erased what, when.

Newest first, a page (``privacy.LOG_PAGE_SIZE`` entries) at a time: F3 goes to older
entries, F4 back to newer ones, F2 to the newest; Enter on an entry about a customer
opens the card. The filters — person (initials), customer number, action (its code or
the start of its name, ``slett``), from and to date (``24.11.2026``, ``24.11``, both
days included) — apply when Enter is pressed in any of them. Every page read is itself
written to the log (``read_log``, naming the filters used, not their values) by the
service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Static

from viver_tui.errors import ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date
from viver_tui.screens.admin_dialogs import AdminScreen
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import audit, privacy
from viver_tui.services.privacy import AccessLogPage, LogCursor, LogRow
from viver_tui.widgets.footer import CounterFooter

FILTERS = ("person", "customer", "action", "since", "until")


def action_label(action: str) -> str:
    """An action in words; one the catalogue does not know yet shows as its code."""
    key = f"log.action.{action}"
    label = t(key)
    return action if label == key else label


def match_action(text: str) -> str | None:
    """The action meant by ``text``: its code, its name, or an unambiguous start of
    either (``slett`` → ``erase``); empty → None (all actions). ValidationError else."""
    typed = " ".join(text.split()).casefold()
    if not typed:
        return None
    actions = list(dict.fromkeys(audit.ACTIONS))
    for action in actions:
        if typed in (action.casefold(), action_label(action).casefold()):
            return action
    found = [
        a for a in actions
        if a.casefold().startswith(typed) or action_label(a).casefold().startswith(typed)
    ]
    if len(found) == 1:
        return found[0]
    names = ", ".join(action_label(a) for a in (found or actions))
    raise ValidationError(
        t("log.action_ambiguous" if found else "log.action_unknown", text=text.strip(),
          names=names),
        field="action",
    )


@dataclass(frozen=True)
class LogFilter:
    person: str | None = None
    customer_id: int | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive: the day after the "to" date


def parse_filters(values: dict[str, str], *, today: date | None = None) -> LogFilter:
    """The filter fields as typed → a LogFilter; ValidationError names the bad field."""
    from viver_tui.services.intake import parse_date
    from viver_tui.services.numbers import MAX_ID, whole_number

    customer = values["customer"].strip().lstrip("#")
    customer_id = whole_number(customer, 1, MAX_ID) if customer else None
    if customer and customer_id is None:
        raise ValidationError(t("log.customer_invalid"), field="customer")
    try:
        since = parse_date(values["since"], today=today, field="since")
        until = parse_date(values["until"], today=today, field="until")
    except ValidationError as exc:
        raise ValidationError(t("log.date_invalid"), field=exc.field) from exc
    if since and until and until < since:
        raise ValidationError(t("log.range_invalid"), field="until")
    return LogFilter(
        person=values["person"].strip() or None,
        customer_id=customer_id,
        action=match_action(values["action"]),
        since=datetime.combine(since, time.min) if since else None,
        until=datetime.combine(until + timedelta(days=1), time.min) if until else None,
    )


def subject_label(row: LogRow) -> str:
    if row.subject == "customer":
        return t("log.subject.customer", id=row.subject_id)
    if row.subject == "staff":
        return t("log.subject.staff", id=row.subject_id)
    key = f"log.subject.{row.subject}"
    label = t(key)
    return row.subject if label == key else label


class AccessLogScreen(AdminScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="back"),
        Binding("f2", "newest", "key.log_newest", id="log-newest"),
        Binding("f3", "older", "key.log_older", id="log-older"),
        Binding("f4", "newer", "key.log_newer", id="log-newer"),
    ]
    DEFAULT_CSS = """
    #log-filters { height: 3; margin: 1 1 0 1; }
    #log-filters Label { width: auto; padding: 1 1 0 1; }
    #log-filters Input { width: 1fr; }
    #log-person { max-width: 16; }
    #log-customer { max-width: 14; }
    #log-since, #log-until { max-width: 16; }
    #log-info { margin: 0 2; height: auto; color: $text-muted; }
    #log-info.-error { color: $error; }
    #log { margin: 0 1; height: 1fr; }
    """

    def __init__(self, customer_id: int | None = None) -> None:
        super().__init__(classes="access-log-screen")  # may be stacked twice (F8 on it)
        localize_bindings(self)
        self.initial_customer = customer_id
        self.filter = LogFilter(customer_id=customer_id)
        # Where each page shown so far started: [None, cursor of page 2, …]. F4 goes back.
        self.pages: list[LogCursor | None] = [None]
        self.page: AccessLogPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="log-filters"):
            for name in FILTERS:
                yield Label(t(f"log.filter.{name}"))
                value = str(self.initial_customer) if name == "customer" and \
                    self.initial_customer is not None else ""
                yield Input(value, placeholder=t(f"log.filter.{name}.hint"), id=f"log-{name}")
        yield Static("", id="log-info")
        table: DataTable[Any] = DataTable(id="log", cursor_type="row", zebra_stripes=True)
        table.add_column(t("log.col.at"), key="at", width=20)
        table.add_column(t("log.col.staff"), key="staff", width=10)
        table.add_column(t("log.col.action"), key="action", width=30)
        table.add_column(t("log.col.subject"), key="subject", width=18)
        table.add_column(t("log.col.details"), key="details")
        yield table
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one("#log-person", Input).focus()
        self.load([None])

    def load(self, pages: list[LogCursor | None]) -> None:
        """Read the page starting at ``pages[-1]``; once shown, ``pages`` is the trail
        F4 walks back (a failed read leaves the trail as it was). A newer read cancels
        one still running, so keys pressed quickly end on the last one's page."""
        before = pages[-1]
        f = self.filter
        app = self.app
        run_service(
            self,
            partial(
                privacy.access_log_page,
                app.db,  # type: ignore[attr-defined]
                app.signed_in,  # type: ignore[attr-defined]
                person=f.person,
                customer_id=f.customer_id,
                action=f.action,
                since=f.since,
                until=f.until,
                before=before,
            ),
            on_done=partial(self.show, pages),
            on_error=self._failed,
            exclusive=True,
            group="access-log",
        )

    def show(self, pages: list[LogCursor | None], page: AccessLogPage) -> None:
        self.pages = pages
        self.page = page
        table = self.query_one("#log", DataTable)
        table.clear()
        for row in page.rows:
            table.add_row(
                f"{format_date(row.at)} {row.at:%H:%M:%S}",
                shown(row.staff),
                action_label(row.action),
                subject_label(row),
                shown(row.details),
                key=str(row.id),
            )
        number = len(self.pages)
        if not page.rows:
            text = t("log.empty")
        else:
            text = t("log.page", page=number, count=len(page.rows))
            if page.older is not None:
                text += " · " + t("log.more_older")
            if number > 1:
                text += " · " + t("log.more_newer")
        info = self.query_one("#log-info", Static)
        info.update(text)
        info.remove_class("-error")

    def _failed(self, error: ViverError) -> None:
        self.show_error(error.message)

    def show_error(self, message: str) -> None:
        info = self.query_one("#log-info", Static)
        info.update(shown(message))
        info.add_class("-error")

    @on(DataTable.RowSelected, "#log")
    def open_subject(self, event: DataTable.RowSelected) -> None:
        """Enter on an entry about a customer opens their card (itself logged)."""
        row = next((r for r in self.page.rows if str(r.id) == event.row_key.value), None) \
            if self.page is not None else None
        if row is not None and row.subject == "customer" and row.subject_id:
            self.app.open_customer(row.subject_id)  # type: ignore[attr-defined]

    @on(Input.Submitted)
    def apply_filters(self, event: Input.Submitted) -> None:
        event.stop()
        values = {name: self.query_one(f"#log-{name}", Input).value for name in FILTERS}
        try:
            self.filter = parse_filters(values)
        except ValidationError as exc:
            self.show_error(exc.message)
            if exc.field in FILTERS:
                self.query_one(f"#log-{exc.field}", Input).focus()
            return
        self.load([None])

    def action_newest(self) -> None:
        self.load([None])

    def action_older(self) -> None:
        if self.page is not None and self.page.older is not None:
            self.load([*self.pages, self.page.older])

    def action_newer(self) -> None:
        if len(self.pages) > 1:
            self.load(self.pages[:-1])
