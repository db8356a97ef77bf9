"""The innsyn requests screen, by keystrokes with an admin signed in: open and overdue
requests, registering one, marking one answered, opening the customer."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import DataTable, Static

from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.locale.formatting import format_date
from viver_tui.screens.admin_dialogs import AdminMenu
from viver_tui.screens.admin_requests import AccessRequestsScreen, AnswerDialog, NewRequestDialog
from viver_tui.screens.customer import CustomerScreen
from viver_tui.services import customers, privacy
from viver_tui.services.customers import CustomerInput


def table(app: ViverApp) -> DataTable:
    return app.screen.query_one("#requests", DataTable)


def rows(app: ViverApp) -> list[list[str]]:
    t = table(app)
    return [[str(c) for c in t.get_row_at(i)] for i in range(t.row_count)]


def text(app: ViverApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_requests_listed_registered_answered_and_overdue_marked(settings: Settings) -> None:
    app, people = staffed_app(settings)
    reg = lambda name, phone: customers.register(  # noqa: E731
        app.db, CustomerInput(name=name, phone=phone), as_staff(app.db, "disk")).id
    kari, ola, siri = reg("Kari Nordmann", "91234567"), reg("Ola Hansen", "92345678"), \
        reg("Siri Berg", "93456789")
    today = date.today()
    late = privacy.register_access_request(app.db, kari, people["disk"],
                                           received_on=today - timedelta(days=40))
    privacy.register_access_request(app.db, ola, people["disk"],
                                    received_on=today - timedelta(days=3))
    done = privacy.register_access_request(app.db, siri, people["disk"],
                                           received_on=today - timedelta(days=20))
    privacy.answer_access_request(app.db, done.id, people["adm"], "utskrift")
    async with app.run_test(size=(140, 45)) as pilot:
        await sign_in(app, pilot, "adm")
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, AdminMenu)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccessRequestsScreen)
        listed = rows(app)
        assert [r[1] for r in listed] == ["Kari Nordmann", "Ola Hansen"]  # deadline order
        assert listed[0][2] == format_date(late.received_on)
        assert listed[0][3] == format_date(late.deadline) and listed[0][6] == "FORFALT"
        assert listed[1][6] == "åpen"
        # Overdue is marked in colour as well as in words.
        overdue_cell = table(app).get_row_at(0)[6]
        assert "red" in str(overdue_cell.spans[0].style)
        assert not table(app).get_row_at(1)[6].spans
        assert "1 over fristen" in text(app, "#requests-info")
        await pilot.press("f4")  # answered ones too
        await settle(app, pilot)
        assert [r[1] for r in rows(app)][-1] == "Siri Berg"
        assert rows(app)[-1][4:7] == [format_date(today), "utskrift", "besvart"]
        await pilot.press("f4")
        await settle(app, pilot)
        # F2: a new request; a bad number first, then Siri's, received today.
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, NewRequestDialog)
        await type_text(pilot, "x1")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert "sifre" in str(app.screen.query_one("#request-error").render())
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "999999")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert "Fant ingen kunde" in str(app.screen.query_one("#request-error").render())
        await pilot.press("ctrl+a", "ctrl+k")
        # Number, Enter, date, Enter typed faster than focus moves: each in its field.
        await type_text(pilot, f"{siri}\r{format_date(today)}\r")
        await settle(app, pilot)
        assert isinstance(app.screen, AccessRequestsScreen)
        assert [r[1] for r in rows(app)] == ["Kari Nordmann", "Ola Hansen", "Siri Berg"]
        deadline = format_date(privacy.one_month_after(today))
        assert text(app, "#requests-message") == (
            f"Begjæring registrert for kunde #{siri}; frist {deadline}."
        )
        # F3 on the overdue one (the first row): answered, delivered by e-mail.
        await pilot.press("f3")
        await settle(app, pilot)
        assert isinstance(app.screen, AnswerDialog)
        await pilot.press("enter")  # how is required
        await settle(app, pilot)
        assert "Skriv hvordan" in str(app.screen.query_one("#answer-error").render())
        await type_text(pilot, "e-post")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccessRequestsScreen)
        assert [r[1] for r in rows(app)] == ["Ola Hansen", "Siri Berg"]
        assert "over fristen" not in text(app, "#requests-info")
        # Enter opens the highlighted customer's card.
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer_id == ola
    answered = {r.id: r for r in privacy.access_requests(app.db, people["adm"])}[late.id]
    assert (answered.answered_on, answered.delivered_how) == (today, "e-post")
