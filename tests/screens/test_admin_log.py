"""The access log screen, by keystrokes with an admin signed in: newest first, a page
at a time, filtered by person, customer, action and dates; each read itself logged."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input, Static

from tests.screens.admin_helpers import footer_keys, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.models import AuditEvent
from viver_tui.screens.admin_dialogs import AdminMenu
from viver_tui.screens.admin_log import AccessLogScreen, match_action, parse_filters
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput

START = datetime(2026, 10, 5, 8, 0)


def rows(app: ViverApp) -> list[list[str]]:
    table = app.screen.query_one("#log", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def info(app: ViverApp) -> str:
    return str(app.screen.query_one("#log-info", Static).render())


def seed(app: ViverApp, count: int) -> None:
    """``count`` entries, one a minute from START: alternately kn and disk; every tenth
    an erasure of customer 7, the rest views of customer 3."""
    entries = [
        dict(at=START + timedelta(minutes=i), staff="kn" if i % 2 else "disk",
             action="erase" if i % 10 == 0 else "view", subject="customer",
             subject_id=7 if i % 10 == 0 else 3, details="")
        for i in range(count)
    ]
    with app.db.connection_context():
        AuditEvent.insert_many(entries).execute()


async def open_log(app: ViverApp, pilot) -> AccessLogScreen:
    await pilot.press("f8")
    await settle(app, pilot)
    assert isinstance(app.screen, AdminMenu)
    await pilot.press("enter")  # the first choice: the access log
    await settle(app, pilot)
    assert isinstance(app.screen, AccessLogScreen)
    return app.screen


async def set_filter(app: ViverApp, pilot, name: str, text: str) -> None:
    field = app.screen.query_one(f"#log-{name}", Input)
    field.focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(app, pilot)


def reads(app: ViverApp) -> list[str]:
    with app.db.connection_context():
        return [
            e.details for e in AuditEvent.select()
            .where(AuditEvent.action == "read_log").order_by(AuditEvent.id)
        ]


async def test_the_log_pages_newest_first_and_every_read_is_logged(settings: Settings) -> None:
    app, _ = staffed_app(settings)
    seed(app, 230)
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(app, pilot, "adm")
        await open_log(app, pilot)
        assert {"f2", "f3", "f4"} <= footer_keys(app)
        first = rows(app)
        assert len(first) == 100
        assert first[0][1] == "adm" and first[0][2] == "innlogging"  # the newest: signing in
        assert "Side 1: 100 oppføringer" in info(app) and "F3 eldre" in info(app)
        # Filter to the seeded window: 230 entries, three pages.
        await set_filter(app, pilot, "since", "05.10.2026")
        await set_filter(app, pilot, "until", "05.10.2026")
        page1 = rows(app)
        assert page1[0][0] == "05.10.2026 11:49:00" and len(page1) == 100
        await pilot.press("f3")
        await settle(app, pilot)
        page2 = rows(app)
        assert page2[0][0] == "05.10.2026 10:09:00" and "Side 2" in info(app)
        await pilot.press("f3")
        await settle(app, pilot)
        page3 = rows(app)
        assert len(page3) == 30 and page3[-1][0] == "05.10.2026 08:00:00"
        assert "F3 eldre" not in info(app) and "F4 nyere" in info(app)
        await pilot.press("f3")  # no older page: stays
        await settle(app, pilot)
        assert rows(app) == page3
        await pilot.press("f4")
        await settle(app, pilot)
        assert rows(app) == page2
        await pilot.press("f2")
        await settle(app, pilot)
        assert rows(app) == page1
        times = [r[0] for r in page1 + page2 + page3]
        assert len(set(times)) == 230  # no entry twice, none left out
    logged = reads(app)
    # Opening, two filters, F3, F3 (F3 at the end loads nothing), F4, F2: seven reads.
    assert logged == ["filters=", "filters=since", "filters=since,until",
                      "filters=since,until,page", "filters=since,until,page",
                      "filters=since,until,page", "filters=since,until"]


async def test_the_log_filters_by_person_customer_action(settings: Settings) -> None:
    app, _ = staffed_app(settings)
    seed(app, 40)
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(app, pilot, "adm")
        await open_log(app, pilot)
        await set_filter(app, pilot, "person", "KN")
        assert rows(app) and {r[1] for r in rows(app)} == {"kn"}
        assert len(rows(app)) == 20
        await set_filter(app, pilot, "person", "")
        await set_filter(app, pilot, "action", "slett")  # the start of its name
        assert [r[2] for r in rows(app)] == ["sletting"] * 4
        assert {r[3] for r in rows(app)} == {"kunde #7"}
        await set_filter(app, pilot, "action", "")
        await set_filter(app, pilot, "customer", "3")
        assert len(rows(app)) == 36 and {r[3] for r in rows(app)} == {"kunde #3"}
        # Bad input: said at the filter, the table keeps what it showed.
        before = rows(app)
        await set_filter(app, pilot, "customer", "tre")
        assert info(app) == "Kundenummeret skrives med sifre."
        assert "-error" in app.screen.query_one("#log-info").classes
        assert rows(app) == before
        await set_filter(app, pilot, "customer", "")
        await set_filter(app, pilot, "since", "31.02.2026")
        assert "Skriv datoen" in info(app)
        await set_filter(app, pilot, "since", "")
        await set_filter(app, pilot, "action", "s")  # several actions start with s
        assert "passer flere handlinger" in info(app) and "sletting" in info(app)


async def test_from_the_customer_card_the_menu_offers_that_customers_log(
    settings: Settings,
) -> None:
    app, _ = staffed_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                             as_staff(app.db, "disk")).id
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(app, pilot, "adm")
        await type_text(pilot, "Kari")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("f8")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # "Tilgangslogg for kunde #…"
        await settle(app, pilot)
        assert isinstance(app.screen, AccessLogScreen)
        assert app.screen.query_one("#log-customer", Input).value == str(cid)
        # The card, the search list it was opened from (with her in it), her registration.
        assert [(r[1], r[2]) for r in rows(app)] == [("adm", "så kunden"),
                                                   ("adm", "søkeliste vist"),
                                                   ("disk", "registrerte kunde")]
        await pilot.press(*["tab"] * 5, "enter")  # past the five filters: the table
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer_id == cid
        # A second card over the log over the first card; Esc walks back through them.
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "CustomerScreen", "AccessLogScreen", "CustomerScreen"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, AccessLogScreen)


async def test_the_log_closes_when_someone_else_signs_in_over_it(settings: Settings) -> None:
    app, _ = staffed_app(settings)
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(app, pilot, "adm")
        await open_log(app, pilot)
        await sign_in(app, pilot, "disk")  # Ctrl+L, then the counter worker
        assert isinstance(app.screen, SearchScreen)
        assert "f8" not in footer_keys(app)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)


async def test_counter_staff_get_no_admin_menu(settings: Settings) -> None:
    from viver_tui.app import make_app

    app = make_app(settings)  # signed in as the counter worker ``test``
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert "f8" not in footer_keys(app)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)


def test_filters_as_typed() -> None:
    assert match_action("sletting") == "erase" and match_action("read_log") == "read_log"
    assert match_action("  ") is None
    parsed = parse_filters({"person": " kn ", "customer": "#12", "action": "innlogging",
                            "since": "01.11.2026", "until": "02.11.2026"})
    assert (parsed.person, parsed.customer_id, parsed.action) == ("kn", 12, "sign_in")
    assert parsed.since == datetime(2026, 11, 1)
    assert parsed.until == datetime(2026, 11, 3)  # the "to" day is included
