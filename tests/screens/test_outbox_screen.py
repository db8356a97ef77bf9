"""The outbox on F1 and a customer letter, driven by keys: a message refused with 5xx
shows in the status bar and the outbox, cancel clears it; a letter is written, asked
about, sent in the background, and the run's progress is shown."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList

from tests.screens.helpers import settle, type_text, wait_for
from tests.services.documents_helpers import VF, VV
from tests.services.mail_servers import Keeper, smtp_server, spooled, with_smtp
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.models import Customer, OutboxMessage
from viver_tui.screens.letters import LetterScreen
from viver_tui.screens.outbox import OutboxScreen
from viver_tui.services import mail
from viver_tui.widgets.status_bar import StatusBar


def status(app: object) -> str:
    """The status bar of the screen under the dialogs."""
    bars = [bar for screen in app.screen_stack for bar in screen.query(StatusBar)]  # type: ignore[attr-defined]
    return str(bars[-1].render())


async def test_a_refused_message_shows_in_the_status_bar_and_f1_cancels_it(
    settings: Settings,
) -> None:
    settings = replace(settings, companies=(VV, VF))
    with smtp_server(Keeper(refuse={"gone@example.no"})) as (_, port):
        app = make_app(with_smtp(settings, port))
        with writing(app.db):
            cid = Customer.create(name="Åse Ødegård", email="gone@example.no").id
            order = Customer.get_by_id(cid)
            from viver_tui.services import intake

            opened = intake.open_order(app.db, order.id, "T")
            mail.outbox._queue("ready", order, "T", company="videoverkstedet",
                               order_id=opened.id)
        async with app.run_test(size=(140, 40)) as pilot:
            assert await wait_for(lambda: mail.attention(app.db).failed == 1)
            assert await wait_for(lambda: "1 e-post feilet" in status(app))
            await pilot.press("f1")
            await settle(app, pilot)
            assert isinstance(app.screen, OutboxScreen)
            [option] = app.screen.query_one(OptionList).options
            assert "Klar til henting" in str(option.prompt) and "550" in str(option.prompt)
            assert "gone@example.no" not in str(option.prompt)  # no address on screen
            await pilot.press("a")
            await settle(app, pilot)
            assert OutboxMessage.get().status == "cancelled"
            assert "feilet" not in status(app)


async def test_a_letter_is_written_asked_about_and_sent_in_the_background(
    settings: Settings,
) -> None:
    settings = replace(settings, companies=(VV, VF))
    app = make_app(settings)
    with writing(app.db):
        for n in range(3):
            Customer.create(name=f"Kari{n} Nordmann", email=f"k{n}@example.no")
        Customer.create(name="Nei Takk", email="nei@example.no",
                        letters_opt_out_at=Customer.created_at.default())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        await pilot.press("k")
        await settle(app, pilot)
        assert isinstance(app.screen, LetterScreen)
        await type_text(pilot, "Nytt i butikken")
        await pilot.press("tab")
        await type_text(pilot, "Vi digitaliserer nå 16 mm.")
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        preview = str(app.screen.query_one("#letter-preview-text").render())
        assert "Vil du ikke ha flere kundebrev" in preview
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        message = str(app.screen.query_one("#letter-message").render())
        assert "Når 3 kunder" in message and "1 reservert" in message
        assert OutboxMessage.select().count() == 0  # asked, not yet sent
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, OutboxScreen)
        assert await wait_for(
            lambda: OutboxMessage.select().where(OutboxMessage.status == "sent").count() == 3)
    received = sorted(m["To"] for m in spooled(settings.mail_spool_dir))
    assert received == ["k0@example.no", "k1@example.no", "k2@example.no"]


async def test_messages_that_failed_before_the_start_are_counted_at_once(
    settings: Settings,
) -> None:
    settings = replace(settings, companies=(VV, VF))
    app = make_app(settings)
    with writing(app.db):
        cid = Customer.create(name="Åse Ødegård", email="ase@example.no").id
        OutboxMessage.create(kind="ready", company="videoverkstedet", customer=cid,
                             to_address="ase@example.no", status="uncertain",
                             last_error="stopped")
    async with app.run_test(size=(140, 40)):
        assert await wait_for(lambda: "0 e-post feilet, 1 usikre — F1" in status(app))
