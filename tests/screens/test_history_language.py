"""#19.4 on screen: an order's history written on terminals of both languages reads in
the language of the one who looks — no bokmål on an English screen, and the other way
round."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.screens.helpers import settle, type_text
from tests.screens.test_intake_screen import screen_text
from tests.signing_in import as_staff
from tests.test_one_language import foreign_words
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.locale import set_language, speaking
from viver_tui.screens.order import OrderScreen
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails


@pytest.mark.parametrize(("language", "other"), [("en", "nb"), ("nb", "en")])
async def test_the_order_screen_shows_the_history_in_one_language(
    settings: Settings, language: str, other: str
) -> None:
    app = make_app(replace(settings, language=language))
    kinds = app.settings.media_kinds
    with speaking(other):  # written on a terminal of the other language
        cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                                 as_staff(app.db, "T")).id
        order = intake.open_order(app.db, cid, "T")
        for kind, units in (("vhs", ""), ("photo-series", "48"), ("vhs", "")):
            order = intake.add_medium(app.db, order.id, MediumInput(kind, units=units), kinds,
                                      "T")
        order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="C2"), "T")
        orders.set_order_status(app.db, order.id, orders.READY, "T")
        pickup.scan(app.db, order.id, order.media[1].code, "T", 40)
        pickup.end_visit(app.db, order.id, "T")
    try:
        async with app.run_test(size=(140, 44)) as pilot:
            await settle(app, pilot)
            await type_text(pilot, str(order.number))
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, OrderScreen)
            text = await screen_text(app, pilot)
    finally:
        set_language("nb")
    expected = {"en": ("3 media", "40 of 48 photos", "1 of 3 returned"),
                "nb": ("3 medier", "40 av 48 bilder", "1 av 3 utlevert")}[language]
    for words in expected:
        assert words in text, text
    text = re.sub(r"Kari Nordmann|Nordmann|\btest\b", "", text)  # names, the initials
    assert foreign_words(text, language) == [], text
