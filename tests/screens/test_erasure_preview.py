"""The print preview pane drops an erased customer's name (issue 17, finding 10): the
last print shown is the customer's receipt; the admin erases the customer on the card
by keystrokes, and the pane (and what a new screen's pane would show) no longer holds
the name. A preview of someone else's print stays."""

from __future__ import annotations

from textual.widgets import Static

from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, wait_for
from tests.screens.test_admin_customer_card import answer_erase, open_card, text_of
from tests.signing_in import as_staff
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers, intake, pickup, print_jobs
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.widgets.print_status import PrintPreview

NAME = "Zyxwvø Bjørnæsdóttir"


def _delivered(app: ViverApp, settings: Settings, name: str, phone: str) -> int:
    cid = customers.register(app.db, CustomerInput(name=name, phone=phone),
        as_staff(app.db, "disk")).id
    order = intake.open_order(app.db, cid, "disk")
    intake.add_medium(app.db, order.id, MediumInput("vhs", description="Bryllup"),
                      settings.media_kinds, "disk")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="A1"), "disk")
    pickup.release(app.db, order.id, "disk", accepted=True)
    pickup.scan(app.db, order.id, order.media[0].code, "disk")
    return cid


def _panes(app: ViverApp) -> str:
    return " ".join(str(p.render()) for s in app.screen_stack for p in s.query(PrintPreview))


async def test_the_preview_pane_drops_an_erased_customers_name(settings: Settings) -> None:
    app, _ = staffed_app(settings)
    async with app.run_test(size=(160, 40)) as pilot:
        await sign_in(app, pilot, "adm")
        cid = _delivered(app, settings, NAME, "91234567")
        order_id = _order_of(app, cid)
        pickup.end_visit(app.db, order_id, "disk")
        app.print_queue.wake()
        assert await wait_for(lambda: "UTLEVERINGSKVITTERING" in app.print_queue.last_preview)
        # The order form for the box again (F8 at the counter): the customer's name on it.
        print_jobs.reprint(app.db, order_id, "order_form", staff=app.signed_in,
                           terminal=settings.terminal)
        app.print_queue.wake()
        assert await wait_for(lambda: NAME in app.print_queue.last_preview)
        app.action_pickup()  # the pickup screen's pane shows the last print
        await settle(app, pilot)
        assert NAME in _panes(app)
        await open_card(app, pilot, NAME)
        await answer_erase(app, pilot, "j")
        assert text_of(app, "#privacy-message").startswith(f"Kunde #{cid} er slettet.")
        assert "Zyxwv" not in str(app.screen.query_one("#customer-details", Static).render())
        assert NAME not in _panes(app)
        assert NAME not in app.print_queue.last_preview
        app.action_pickup()
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen) and "Zyxwv" not in _panes(app)


def _order_of(app: ViverApp, cid: int) -> int:
    from viver_tui.models import Order

    with app.db.connection_context():
        return Order.get(Order.customer == cid).id
