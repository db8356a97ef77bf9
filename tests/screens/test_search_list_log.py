"""The search's result lists in the access log (issue 17, finding 11): a list that
stayed on screen, or was left for a card, the lock or by quitting, is logged with the
customer numbers shown — once, not once per key typed, and never the text typed;
production's lists (names only) too."""

from __future__ import annotations

import asyncio

import pytest

from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, type_text, wait_for
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import AuditEvent
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


def _lists(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with reading(app.db):
        return list(
            AuditEvent.select(AuditEvent.staff, AuditEvent.details)
            .where(AuditEvent.action == "list")
            .order_by(AuditEvent.seq)
            .tuples()
        )


async def test_a_list_is_logged_when_it_stays_or_is_left_not_per_key(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SearchScreen, "LIST_LOGGED_AFTER_S", 3600.0)  # only leaving logs
    app, people = staffed_app(settings)
    ole, olea, per = (
        customers.register(app.db, CustomerInput(name=name, phone=phone), people["disk"]).id
        for name, phone in (("Ole Hansen", "91234567"), ("Olea Hansen", "92345678"),
                            ("Per Berg", "93456789"))
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")  # the recent customers are listed: not yet logged
        await type_text(pilot, "ole hansen")  # ten keys, ten lists
        await settle(app, pilot)
        assert _lists(app) == []
        await pilot.press("down", "enter")  # the first row's card: the list was seen
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        seen = [("disk", f"search name,phone,email,city: {ole} {olea}")]
        assert _lists(app) == seen
        await pilot.press("escape")  # back: the same list for the same person
        await settle(app, pilot)
        await pilot.press("ctrl+l")  # the lock leaves the screen: nothing new to log
        await settle(app, pilot)
        assert _lists(app) == seen
        # Production sees names only; its list is logged once it has stayed a moment.
        monkeypatch.setattr(SearchScreen, "LIST_LOGGED_AFTER_S", 0.05)
        await sign_in(app, pilot, "prod")
        assert await wait_for(lambda: len(_lists(app)) == 2)
        assert _lists(app)[1] == ("prod", f"search name: {ole} {olea}")
        monkeypatch.setattr(SearchScreen, "LIST_LOGGED_AFTER_S", 3600.0)
        await pilot.press("escape")
        await type_text(pilot, "per")
        await settle(app, pilot)
        await pilot.press("ctrl+q")  # quitting leaves the screen too
    for _ in range(500):  # the store thread writes it as the app closes
        if len(_lists(app)) == 3:
            break
        await asyncio.sleep(0.02)
    assert _lists(app)[2] == ("prod", f"search name: {per}")
    assert not any("ole" in details or "per" in details for _, details in _lists(app))
