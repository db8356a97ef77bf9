"""The home screen: find a customer as you type, or register a new one.

Typing anywhere on the screen goes to the search field (a scanner needs no focus
dance); ↓ moves into the results, Enter opens the highlighted customer, F2 registers
a new one with what was typed already filled in.
"""

from __future__ import annotations

import atexit
import contextvars
import os
import re
import time
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, NoBinding
from textual.events import Key
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import Worker, WorkerState

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_number, format_phone
from viver_tui.screens.base import (
    localize_bindings,
    run_service,
    store_executor,
    use_store_threads,
)
from viver_tui.screens.login import may_see_contact
from viver_tui.services.codes import parse_code
from viver_tui.widgets.field_input import InOrderInput, run_screen_binding
from viver_tui.widgets.fitted_table import WHOLE, WIDE, Share
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.results_table import ResultsTable
from viver_tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from viver_tui.errors import ViverError
    from viver_tui.services.customers import CustomerView
    from viver_tui.services.search import CustomerHit

COUNT_AFTER_S = 0.3  # typing paused this long on a full page: count its matches
_LOOKS_LIKE_PHONE = re.compile(r"^[\d\s+]{3,}$")

# bench/bench_search.py (part 7) types into the real app in a terminal and needs to know
# when each key arrived and when its answer reached the screen: with VIVER_LATENCY_LOG
# set, the monotonic time at which the field changed ("typed") and at which each frame
# that first shows an answer went to the terminal ("painted"), with the text, are kept
# and written to that file when the process ends (not on the UI thread while staff type).
_LATENCY_LOG = os.environ.get("VIVER_LATENCY_LOG")
_timeline: list[tuple[float, str, str]] = []


def _write_latency_log() -> None:
    assert _LATENCY_LOG is not None
    with open(_LATENCY_LOG, "w", encoding="utf-8") as log:
        log.writelines(f"{at:.6f}\t{what}\t{text}\n" for at, what, text in _timeline)


if _LATENCY_LOG:
    atexit.register(_write_latency_log)


class SearchScreen(Screen[None]):
    """The search screen. A result list shows customers (names, and for counter staff
    their phone, e-mail and city), so a list is written to the access log — the
    customer numbers, never the text typed — once it has stayed on screen
    ``LIST_LOGGED_AFTER_S`` without a newer one, or at once when the screen is left
    (a row opened, F2, F5, the lock). Typing a name shows a list on every key; only the
    one that stayed is logged. A list is not logged again while it is the same list
    for the same person (back from the card it was opened from)."""

    LIST_LOGGED_AFTER_S = 1.5

    # Keys typed right behind these land in the form they open (widgets/type_ahead.py).
    OPENS_FORM = frozenset({"new-customer"})
    BINDINGS = [
        Binding("f2", "new_customer", "key.new_customer", id="new-customer"),
        Binding("escape", "clear_search", "key.search", show=False),
        Binding("down", "focus_results", show=False),
    ]

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self._typed = typed  # what the field starts with (a name typed behind the PIN)
        self.hits: list[CustomerHit] = []
        self.shown_query: str | None = None  # the query the table shows the answer to
        # One search at a time; while it runs, only the latest text waits for its turn.
        self._searching: str | None = None  # the query being searched, if any
        self._waiting: str | None = None  # the newest query typed meanwhile
        self._count_timer: Timer | None = None  # "20 av 61 treff", once typing pauses
        # The list on screen not logged yet, and the last one logged: (who, ids).
        self._unlogged: tuple[object, tuple[int, ...]] | None = None
        self._logged: tuple[object, tuple[int, ...]] | None = None
        self._list_timer: Timer | None = None
        # Keys that act on the results (Enter, ↓) pressed before the answer to the text
        # they were typed behind: (that text, the action), run once its answer shows.
        self._after_answer: list[tuple[str, Callable[[], object]]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield InOrderInput(self._typed, placeholder=t("search.placeholder"), id="search",
                           select_on_focus=False)
        yield Static(t("search.hint"), id="search-info")
        # Repainted for every keystroke: a DataTable that paints plain cells cheaply.
        table = ResultsTable(id="results", cursor_type="row", zebra_stripes=True)
        table.add_column(t("col.name"), key="name")
        table.add_column(t("col.phone"), key="phone")
        table.add_column(t("col.email"), key="email")
        table.add_column(t("col.city"), key="city")
        table.set_shares({"name": WIDE, "phone": WHOLE, "email": Share(2)})
        yield table
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        # The first screen: from here on every thread worker runs on the store threads.
        use_store_threads()
        self.query_one("#search", Input).focus()

    def on_screen_resume(self) -> None:
        # Shown (first, or back from a customer card: fresh data, a name may have been
        # corrected; or after a sign-in, as the new person may see it): the recent
        # customers, or the answer to what the field holds.
        self.refresh_bindings()
        self.run_search(self.query_one("#search", Input).value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Production staff register no customers (they see no contact details).
        return action != "new_customer" or may_see_contact(self.app)

    # --- searching -------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        if _LATENCY_LOG:
            _timeline.append((time.monotonic(), "typed", event.value))
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search for ``query``: now if no search runs, else after the running one —
        a newer query replaces one still waiting, so every keystroke is answered by the
        answer to it or to a later one, the latest always last."""
        if self._searching is not None:
            # The same text again (the field's first value, reported as it mounts,
            # while the screen's first search runs for it): its answer is coming.
            self._waiting = None if query == self._searching else query
            return
        self._searching = query
        app = self.app

        def search() -> list[CustomerHit]:
            # Imported here, in the worker: the first frame is painted without the
            # store (see app.py); app.db waits, in this thread, if it is still opening.
            from viver_tui.services import customers

            # As the person at the counter may see it (production: names only).
            return customers.search_for(app.db, query, app.who)  # type: ignore[attr-defined]

        run_service(
            self,
            search,
            on_done=partial(self._answered, query),
            on_error=partial(self._failed, query),
            group="search",
        )

    def _answered(self, query: str, hits: list[CustomerHit]) -> None:
        self._next_search()
        self.show_results(query, hits)

    def _failed(self, query: str, error: ViverError) -> None:
        self._next_search()
        self._after_answer = []  # no answer: what waited for it is not done blind
        self.notify(error.message, severity="error", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A search that ended without an answer (cancelled, or a bug — the app's error
        # funnel shows that one) must not hold up the next.
        if event.worker.group == "search" and event.state in (
            WorkerState.CANCELLED,
            WorkerState.ERROR,
        ):
            self._next_search()

    def _next_search(self) -> None:
        self._searching = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.run_search(waiting)

    def _page_is_full(self, hits: list[CustomerHit]) -> bool:
        from viver_tui.services.search import SEARCH_LIMIT  # loaded by the search itself

        return len(hits) >= SEARCH_LIMIT and may_see_contact(self.app)

    def _count_when_typing_pauses(self, query: str) -> None:
        """"20 av 61 treff": how many match, counted once typing pauses on a full page
        (not on every key: the page comes first). Production staff's hits are filtered
        by name, so theirs are not counted."""
        if self._count_timer is not None:
            self._count_timer.stop()
        app = self.app

        def count() -> int:
            from viver_tui.services.search import count_matches

            return count_matches(app.db, query)  # type: ignore[attr-defined]

        def counted(total: int) -> None:
            from viver_tui.services.search import COUNT_CAP

            if query != self.shown_query or total <= len(self.hits):
                return
            key = "search.count_over" if total > COUNT_CAP else "search.count_of"
            shown_total = format_number(min(total, COUNT_CAP))
            self.query_one("#search-info", Static).update(
                t(key, shown=len(self.hits), count=shown_total), layout=False
            )

        def start() -> None:
            self._count_timer = None
            if query == self.shown_query:
                run_service(self, count, on_done=counted, group="search-count")

        self._count_timer = self.set_timer(COUNT_AFTER_S, start)

    def show_results(self, query: str, hits: list[CustomerHit]) -> None:
        if query != self.query_one("#search", Input).value:
            return  # an answer to an older keystroke
        self.hits = hits
        table = self.query_one("#results", DataTable)
        table.clear()
        for hit in hits:
            name = shown(hit.name)
            if hit.ready:  # an order waits on the shelf: the counter sees it here
                name.append(" " + t("search.ready", count=hit.ready), style="bold")
            table.add_row(
                name,
                shown(format_phone(hit.phone)),
                shown(hit.email),
                shown(hit.city),
                key=str(hit.id),
            )
        info = self.query_one("#search-info", Static)
        if not query.strip():
            text: str | Text = t("search.recent") if hits else t("search.hint")
        elif hits and self._page_is_full(hits):
            text = t("search.count_more", shown=len(hits))  # the true count follows
            self._count_when_typing_pauses(query)
        elif hits:
            text = t("search.count", count=len(hits))
        else:
            text = shown(t("search.none", query=query.strip()))
        # The line is one row high whatever it says (app.tcss): no layout pass of the
        # whole screen for it on every keystroke.
        info.update(text, layout=False)
        self.shown_query = query
        self._list_on_screen(tuple(hit.id for hit in hits))
        waiting, self._after_answer = self._after_answer, []
        for typed, action in waiting:
            if typed == query:  # not for a text edited since: that key is dropped
                action()
        if _LATENCY_LOG:
            # Runs once the frame holding this answer has gone to the terminal.
            self.call_after_refresh(
                lambda: _timeline.append((time.monotonic(), "painted", query))
            )

    # --- the access log of the lists shown --------------------------------------------

    def _list_on_screen(self, ids: tuple[int, ...]) -> None:
        """A list is now on screen: its time to be logged starts again (unless it is
        the one logged last, for the same person)."""
        app = self.app
        # Who sees it: the person signed in (or named by the settings). Nobody yet, or
        # the sign-in screen in front: nobody sees it.
        who = app.who  # type: ignore[attr-defined]
        shown = (who, ids)
        self._stop_list_timer()
        self._unlogged = None
        if not ids or not who or shown == self._logged or app.is_locked:  # type: ignore[attr-defined]
            return
        self._unlogged = shown
        self._list_timer = self.set_timer(self.LIST_LOGGED_AFTER_S, self.log_list_shown)

    def log_list_shown(self, *, closing: bool = False) -> None:
        """Write the list on screen (if not written yet) to the access log."""
        self._stop_list_timer()
        shown, self._unlogged = self._unlogged, None
        if shown is None:
            return
        self._logged = shown
        who, ids = shown
        app = self.app

        def record() -> None:
            from viver_tui.services import customers

            customers.record_list_shown(app.db, who, ids)  # type: ignore[attr-defined,arg-type]

        if closing:
            # The app is closing: no worker can run for this screen any more. The store
            # threads finish it (the process waits for them before it ends).
            store_executor().submit(contextvars.copy_context().run, record)
            return
        run_service(self, record, on_done=lambda _: None, group="list-log")

    def _stop_list_timer(self) -> None:
        if self._list_timer is not None:
            self._list_timer.stop()
            self._list_timer = None

    def on_screen_suspend(self) -> None:
        # Left for another screen (a card, F2, F5, the lock): the list was seen.
        self.log_list_shown()

    def on_unmount(self) -> None:
        # Ctrl+Q with a list on screen: it was seen too.
        self.log_list_shown(closing=True)

    # --- keys ------------------------------------------------------------------------

    async def on_key(self, event: Key) -> None:
        """Keys typed while the results have focus: printable ones go to the search
        field; the screen's own keys (Esc, F2) run here, in typing order — as a binding
        they would run only once the key reached the App, after the letters typed behind
        them had gone to the field (``Esc ola`` cleared ``ola``)."""
        table = self.focused
        if not isinstance(table, DataTable):
            return
        if event.is_printable and event.character is not None:
            search = self.query_one("#search", Input)
            search.focus()
            search.insert_text_at_cursor(event.character)
            event.stop()
        elif not _binds(table, event.key) and await run_screen_binding(table, event):
            event.stop()
            event.prevent_default()

    def _answer_pending(self, action: Callable[[], object]) -> bool:
        """Whether the table still shows an older answer than the one to the field's
        text (``nordm⏎`` typed in one burst: Enter comes before the answer). If so,
        ``action`` runs once the answer is shown — Enter opens the customer the answer
        puts first, never the top row of the list before it."""
        typed = self.query_one("#search", Input).value
        if self.shown_query == typed:
            return False
        self._after_answer.append((typed, action))
        return True

    def action_focus_results(self) -> None:
        if self._answer_pending(self.action_focus_results):
            return
        table = self.query_one("#results", DataTable)
        if self.focused is table:  # a second ↓ typed before the answer: the next row
            table.action_cursor_down()
        elif self.hits:
            self.set_focus(table)  # now: a ↓ waiting behind this one finds it there

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.focus()

    @on(Input.Submitted, "#search")
    def open_highlighted(self) -> None:
        if self._answer_pending(self.open_highlighted):
            return
        typed = self.query_one("#search", Input).value.strip()
        if parse_code(typed) is not None:
            # An order number or a scanned medium code opens the order itself.
            from viver_tui.services import orders

            run_service(
                self,
                partial(orders.find_order_id, self.app.db, typed),  # type: ignore[attr-defined]
                on_done=self._open_order_or_customer,
            )
            return
        self._open_highlighted_customer()

    def _open_order_or_customer(self, order_id: int | None) -> None:
        if order_id is None:
            self._open_highlighted_customer()
            return
        self.app.open_order(order_id)  # type: ignore[attr-defined]

    def _open_highlighted_customer(self) -> None:
        table = self.query_one("#results", DataTable)
        if self.hits:
            self.open_customer(self.hits[max(table.cursor_row, 0)].id)

    @on(DataTable.RowSelected, "#results")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_customer(int(event.row_key.value))

    def open_customer(self, customer_id: int) -> None:
        from viver_tui.screens.customer import CustomerScreen

        self.app.push_screen(CustomerScreen(customer_id))

    def action_new_customer(self) -> None:
        from viver_tui.screens.customer import CustomerFormDialog
        from viver_tui.services import customers

        typed = self.query_one("#search", Input).value.strip()
        if _LOOKS_LIKE_PHONE.match(typed):
            initial = customers.CustomerInput(name="", phone=typed)
        elif "@" in typed:
            initial = customers.CustomerInput(name="", email=typed)
        else:
            initial = customers.CustomerInput(name=typed)
        self.app.push_screen(CustomerFormDialog(initial), self._registered)

    def _registered(self, view: CustomerView | None) -> None:
        if view is not None:
            self.open_customer(view.id)


def _binds(widget: Widget, key: str) -> bool:
    """Whether ``widget`` has a binding of its own for ``key`` (the results' ↓, Enter):
    that one goes first, as in Textual."""
    try:
        return bool(widget._bindings.get_bindings_for_key(key))
    except NoBinding:
        return False
