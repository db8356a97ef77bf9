"""The customer's language chosen by keys on the customer form, shown on the card, and
the "ready for pickup" e-mail in it, sent through a real SMTP server on 127.0.0.1
(issue 23: "every message in Norwegian, English if the customer's language says so")."""

from __future__ import annotations

import sys
import threading
import traceback
from dataclasses import replace

import peewee
import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

from tests.screens.helpers import settle, type_text
from tests.services.documents_helpers import VF, VV
from tests.services.mail_servers import smtp_server, with_smtp
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.models import AuditEvent, Customer
from viver_tui.screens.base import STORE_THREADS, store_executor
from viver_tui.screens.customer import CustomerFormDialog, CustomerScreen
from viver_tui.services import intake
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.production import steps
from viver_tui.store import open_database


@pytest.fixture
def shop(settings: Settings) -> Settings:
    return replace(settings, companies=(VV, VF), default_company="videoverkstedet")


async def choose_language(app: ViverApp, pilot: Pilot, key: str) -> None:
    """From the form's last text field: Tab past the letters opt-out to the language,
    Enter opens its list, a letter picks (E: English, N: Norwegian), Enter takes it."""
    form = app.screen
    assert isinstance(form, CustomerFormDialog)
    while app.focused is not form.query_one("#letters_opt_out"):
        await pilot.press("tab")
    await pilot.press("tab")
    assert app.focused is form.query_one("#language", Select)
    await pilot.press("enter", key, "enter")


async def register_by_keys(
    app: ViverApp, pilot: Pilot, name: str, phone: str, email: str, language_key: str = ""
) -> None:
    await pilot.press("f2")
    await settle(app, pilot)
    await type_text(pilot, name)
    await pilot.press("enter")
    await type_text(pilot, phone)
    await pilot.press("enter")
    await type_text(pilot, email)
    if language_key:
        await choose_language(app, pilot, language_key)
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, CustomerScreen)


def card_text(app: ViverApp) -> str:
    return str(app.screen.query_one("#customer-details", Static).render())


def store_threads_done(app: ViverApp) -> None:
    """Wait until the app's store threads have ended every call the app gave them (the
    card's access-log entry may still be running after the app has exited: a call runs
    to its end). Each thread takes one call that waits for the others, so all of them
    are free at once. Outside writes right after an app exits, under a loaded CI, met
    "database is locked" twice (10 s busy timeout) without it. Then no store thread may
    hold a transaction open on the app's database: one left open would hold the store's
    lock with no call running, and no stack would show it."""
    barrier = threading.Barrier(STORE_THREADS, timeout=60)
    db = app.db

    def idle() -> tuple[str, bool]:
        barrier.wait()
        connection = db._state.conn  # this thread's own connection, if it has one
        return threading.current_thread().name, bool(connection and connection.in_transaction)

    states = [store_executor().submit(idle) for _ in range(STORE_THREADS)]
    open_transactions = [name for name, open_ in (s.result(timeout=60) for s in states) if open_]
    assert open_transactions == [], f"a transaction left open in {open_transactions}"


def thread_stacks() -> str:
    """Every thread's stack, for a failure that another thread caused."""
    names = {t.ident: t.name for t in threading.enumerate()}
    return "\n".join(f"--- {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
                     for ident, frame in sys._current_frames().items())


def make_ready(settings: Settings, name: str) -> int:
    """An order for the customer, taken in and stepped through production to done: the
    order becomes ready and its "ready for pickup" message is queued (production/ready)."""
    db = open_database(settings.database_url)
    try:
        customer_id = Customer.get(Customer.name == name).id
        order = intake.open_order(db, customer_id, "TEST")
        order = intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"),
                                  settings.media_kinds, "TEST")
        order = intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "TEST")
        for _ in range(4):  # received → in production → digitized → checked → done
            steps.step(db, order.media[0].id, as_staff(db, "prod"))
        return order.number
    finally:
        db.close()


async def test_an_english_customer_registered_by_keys_gets_the_ready_mail_in_english(
    shop: Settings,
) -> None:
    app = make_app(shop)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await register_by_keys(app, pilot, "Ann Smith", "41234567", "ann@example.com", "e")
        assert "E-postspråk: Engelsk" in card_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await register_by_keys(app, pilot, "Kari Nordmann", "91234567", "kari@example.no")
        assert "E-postspråk: Norsk" in card_text(app)
    languages = {c.name: c.language for c in Customer.select()}
    assert languages == {"Ann Smith": "en", "Kari Nordmann": None}  # None: bokmål

    try:
        store_threads_done(app)
        ann_order = make_ready(shop, "Ann Smith")
        kari_order = make_ready(shop, "Kari Nordmann")
    except (peewee.OperationalError, threading.BrokenBarrierError, TimeoutError) as exc:
        # Who held the store: said, not guessed.
        raise AssertionError(f"{exc}\n{thread_stacks()}") from exc
    db = open_database(shop.database_url)
    try:
        with smtp_server() as (keeper, port):
            sent = MailWorker(db, with_smtp(shop, port)).run_once()
            assert [o.state for o in sent] == ["sent", "sent"]
    finally:
        db.close()
    messages = {m["To"]: m for m in keeper.messages()}
    english, norwegian = messages["ann@example.com"], messages["kari@example.no"]
    assert english["Subject"] == f"Order {ann_order} is ready for pickup"
    assert english["Content-Language"] == "en"
    plain = english.get_body(("plain",)).get_content()
    assert plain.startswith("Hello Ann,") and "Address: Storgata 1, 0155 Oslo" in plain
    assert "Bring the receipt" in english.get_body(("html",)).get_content()
    assert norwegian["Subject"] == f"Ordre {kari_order} er klar til henting"
    assert norwegian["Content-Language"] == "nb"
    plain = norwegian.get_body(("plain",)).get_content()
    assert plain.startswith("Hei Kari,") and "Adresse: Storgata 1, 0155 Oslo" in plain


async def test_the_language_corrected_by_keys_is_logged_as_a_correction(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await register_by_keys(app, pilot, "Ann Smith", "41234567", "ann@example.com", "e")
        await pilot.press("f3")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        assert form.query_one("#language", Select).value == "en"  # as stored
        await choose_language(app, pilot, "n")
        assert form.query_one("#language", Select).value == "nb"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert "E-postspråk: Norsk" in card_text(app)
    assert Customer.get().language is None
    updates = AuditEvent.select().where(AuditEvent.action == "update")
    assert [(e.staff, e.details) for e in updates] == [("test", "language")]


@pytest.mark.parametrize(("language", "words"), [
    ("nb", ("E-postspråk", "Norsk", "Ctrl+S Lagre")),
    ("en", ("E-mail language", "Norwegian", "Ctrl+S Save")),
])
async def test_the_form_with_its_language_fits_80_by_24(
    settings: Settings, language: str, words: tuple[str, ...]
) -> None:
    """The language shares the opt-out's line: on a row of its own it pushed the form's
    keys and its message line out of the box at 80×24."""
    app = make_app(replace(settings, language=language))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        painted = "\n".join(s.text for s in app.screen._compositor.render_strips())
        for word in words:
            assert word in painted, word
