"""Search as you type under fast typing: every keystroke answered, the latest last, one
search at a time (keys are posted as the terminal driver posts them, without waiting)."""

from __future__ import annotations

import asyncio

import pytest
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable, Input
from textual.worker import WorkerState

from tests.screens.helpers import settle
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.locale.display import shown
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput
from viver_tui.widgets.fitted_table import FittedTable
from viver_tui.widgets.results_table import ResultsTable


async def test_fast_typing_ends_on_the_answer_to_the_field_one_search_at_a_time(
    settings: Settings,
) -> None:
    app = make_app(settings)
    for i, name in enumerate(
        ["Ole Hansen", "Olea Hansen", "Ola Hanssen", "Per Hansen", "Ole Berg", "Hans Ole"]
    ):
        customers.register(app.db, CustomerInput(name=name, phone=f"9100000{i}"),
            as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        most_at_once = 0
        done = False

        async def watch() -> None:
            nonlocal most_at_once
            while not done:
                busy = [
                    w
                    for w in app.workers
                    if w.group == "search" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                ]
                most_at_once = max(most_at_once, len(busy))
                await asyncio.sleep(0)

        watcher = asyncio.create_task(watch())
        for text in ("ole hansen", "ole berg"):
            await pilot.press("escape")  # clears the field
            for char in text:
                app.post_message(events.Key("space" if char == " " else char, char))
                await asyncio.sleep(0.001)
            await settle(app, pilot)
            field = screen.query_one("#search", Input).value
            assert screen.shown_query == field
        done = True
        await watcher
        assert field == "ole berg"
        table = screen.query_one("#results", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Ole Berg"]
        assert most_at_once == 1


class _OneTable(App[None]):
    """A search field and a results table of the given class with awkward rows."""

    def __init__(self, kind: type[DataTable], zebra: bool) -> None:
        super().__init__()
        self.kind, self.zebra = kind, zebra

    def compose(self) -> ComposeResult:
        yield Input()  # has the focus first
        table = self.kind(id="table", cursor_type="row", zebra_stripes=self.zebra)
        table.add_column("Navn", key="name", width=12)
        table.add_column("Telefon", key="phone", width=6)
        if isinstance(table, FittedTable):  # narrow enough that cells are cut (…)
            table.styles.width = 30
        table.add_column("By")  # as wide as its content
        for i, (name, phone, city) in enumerate(
            [
                ("Åse Østby", "+47 912 34 567", "Tromsø"),
                ("Ærlig Ørn-Å", "", "漢字の町"),  # wide letters: cut on a cell boundary
                ("[b]Ola[/b] Nordmannsen-Hansen", "1", ""),  # markup is data; too long
                ("", "22", "Bø"),
            ]
        ):
            table.add_row(shown(name), shown(phone), shown(city), key=str(i))
        table.add_row(Text("bold", style="bold"), "[i]x[/i]", Text("y"), key="other")
        yield table


async def _paintings(
    kind: type[DataTable], zebra: bool
) -> list[list[list[tuple[str, Style | None]]]]:
    """What the table paints: unfocused, cursor moved, focused, cursor moved again."""
    app = _OneTable(kind, zebra)
    out = []
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.query_one("#table", DataTable)
        for step in ("start", "down", "focus", "down"):
            if step == "down":
                table.action_cursor_down()
            elif step == "focus":
                table.focus()
            await pilot.pause()
            strips = table.render_lines(Region(0, 0, table.size.width, table.size.height))
            out.append([[(s.text, s.style) for s in strip.simplify()] for strip in strips])
    return out


@pytest.mark.parametrize("zebra", [True, False])
async def test_the_results_table_paints_exactly_what_a_datatable_paints(zebra: bool) -> None:
    # ResultsTable is a FittedTable: the stock painting of the same fitted columns
    stock = await _paintings(FittedTable, zebra)
    fast = await _paintings(ResultsTable, zebra)
    assert fast == stock
    # and the click meta is there: a click on a row says which row it was
    assert any(style is not None and style.meta.get("row") == 1 for _, style in fast[0][2])


async def test_the_latency_log_has_each_key_and_the_frame_of_each_answer(
    settings: Settings, tmp_path, monkeypatch
) -> None:
    """bench_search part 7 reads this log: every change of the field, and a painted
    frame for the answer to what the field ends on, after that key."""
    from viver_tui.screens import search as search_screen

    log = tmp_path / "latency.log"
    monkeypatch.setattr(search_screen, "_LATENCY_LOG", str(log))
    monkeypatch.setattr(search_screen, "_timeline", [])
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Åse Østby", phone="91000001"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        for char in "øst":
            await pilot.press(char)
            await settle(app, pilot)
    search_screen._write_latency_log()
    lines = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    typed = [(float(at), text) for at, what, text in lines if what == "typed"]
    painted = [(float(at), text) for at, what, text in lines if what == "painted"]
    assert [text for _, text in typed] == ["ø", "øs", "øst"]
    last_key = typed[-1][0]
    assert any(text == "øst" and at >= last_key for at, text in painted)


async def test_backspace_inside_a_burst_is_applied_in_order(settings: Settings) -> None:
    """#19.7: ``s⌫j`` typed back to back left ``s``: the stock Input's Backspace is a
    binding, run after the characters behind it."""
    from tests.screens.helpers import type_text

    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Jan Berg", phone="91000001"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await type_text(pilot, "s\x7fj\x7fjan bergx\x7f")
        await settle(app, pilot)
        assert screen.query_one("#search", Input).value == "jan berg"
        assert screen.shown_query == "jan berg"


async def test_a_full_page_says_how_many_match_in_all(settings: Settings) -> None:
    """#19.9: "20 treff" was shown when 61 matched; now the page says it is a part,
    and once typing pauses, of how many."""
    from tests.screens.helpers import type_text, wait_for
    from viver_tui.db import writing
    from viver_tui.models import Customer
    from viver_tui.services.search import write_tokens

    app = make_app(settings)
    with writing(app.db):
        for i in range(61):
            row = Customer.create(name=f"Kari Hansen {i}", phone=f"+479100{i:04d}")
            write_tokens(row.id, row.name, row.phone, None, None, "private", None)
    customers.register(app.db, CustomerInput(name="Per Olsen", phone="91000001"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        info = screen.query_one("#search-info")
        await type_text(pilot, "hansen")
        await settle(app, pilot)
        assert len(screen.hits) == 20
        assert await wait_for(lambda: "20 av 61 treff" in str(info.render()))
        await type_text(pilot, " 1")  # "hansen 1": 1 and 10–19, one page
        await settle(app, pilot)
        assert str(info.render()) == "11 treff"
        await pilot.press("escape")
        await type_text(pilot, "olsen")
        await settle(app, pilot)
        assert str(info.render()) == "1 treff"


async def test_enter_right_behind_a_name_opens_that_name_not_the_list_before(
    settings: Settings,
) -> None:
    """``nordm⏎`` in one burst: Enter reaches the screen before the answer to "nordm",
    while the table still shows the list before it (the recent customers). It opens the
    customer the answer puts first — never the top row of the older list."""
    from tests.screens.helpers import press_burst
    from viver_tui.screens.customer import CustomerScreen

    app = make_app(settings)
    kari = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    for i in range(3):  # changed later: these head the recent list
        customers.register(app.db, CustomerInput(name=f"Ola Berg {i}", phone=f"9200000{i}"),
            as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        search = app.screen
        assert search.hits[0].name.startswith("Ola Berg")  # the recent list

        async def opened(*keys: str) -> int:
            """The customer a burst of keys opens; then back to the search."""
            await press_burst(pilot, *keys)
            await settle(app, pilot)
            card = app.screen
            assert isinstance(card, CustomerScreen)
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is search
            return card.customer_id

        assert await opened("nordm\r") == kari.id
        # ↓ too (and Esc before it runs in its place: it cleared what was typed after it).
        assert await opened("escape", "nord", "down", "enter") == kari.id
        # ↓↓⏎ from the results (focus is on them now): the answer's second row.
        ola_ber = await opened("escape", "ola ber", "down", "down", "enter")
        assert [h.name for h in search.hits] == ["Ola Berg 0", "Ola Berg 1", "Ola Berg 2"]
        assert search.shown_query == "ola ber" and ola_ber == search.hits[1].id
