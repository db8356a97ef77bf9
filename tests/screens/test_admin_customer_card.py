"""The customer card's privacy actions, by keystrokes with a real person signed in:
consents (counter), innsyn export and erasure (admin), and the keys nobody else gets."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.screens.admin_helpers import footer_keys, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.models import Customer
from viver_tui.screens.admin_dialogs import ConsentDialog, EraseDialog, InnsynDialog
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers, intake, privacy
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails

NAME, PHONE, EMAIL = "Kari Nordmann", "91234567", "kari.nordmann@example.no"


def text_of(app: ViverApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_card(app: ViverApp, pilot, name: str = NAME) -> CustomerScreen:
    """From the search screen: type the name, Enter opens the card."""
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("escape")
        await settle(app, pilot)
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, name)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, CustomerScreen)
    return app.screen


async def answer_erase(app: ViverApp, pilot, answer: str, *, ask: bool = True) -> None:
    """Delete on the card (unless the question is up already), then ``answer`` ⏎."""
    if ask:
        await pilot.press("delete")
        await settle(app, pilot)
    await type_text(pilot, answer)
    await pilot.press("enter")
    await settle(app, pilot)


def _customer(app: ViverApp) -> int:
    return customers.register(
        app.db, CustomerInput(name=NAME, phone=PHONE, email=EMAIL), as_staff(app.db, "disk")
    ).id


async def test_counter_gives_and_withdraws_a_consent_and_sees_no_admin_keys(
    settings: Settings,
) -> None:
    app, _ = staffed_app(settings)
    cid = _customer(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "disk")
        card = await open_card(app, pilot)
        assert "Ingen samtykker" in text_of(app, "#customer-consents")
        keys = footer_keys(app)
        assert "f6" in keys and "f7" not in keys and "delete" not in keys and "f8" not in keys
        for key in ("f7", "delete", "f8"):  # pressed anyway: nothing opens
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is card, key
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, ConsentDialog)
        await pilot.press("down", "enter")  # the second purpose: keep past the warranty
        question = text_of(app, "#consent-question")
        assert "oppbevares hos Viverfilm AS også etter garantiperioden" in question
        await pilot.press("j")
        await settle(app, pilot)
        options = app.screen.query_one(OptionList)
        assert "gitt" in str(options.get_option_at_index(1).prompt)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is card
        line = text_of(app, "#customer-consents")
        assert "oppbevaring etter garantiperioden (tekst 2026-11)" in line
        assert "av disk" in line and "trukket" not in line
        # Withdraw: F6, the same purpose, J.
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        assert "Trekke tilbake" in text_of(app, "#consent-question")
        await pilot.press("n")  # no: nothing changes
        await settle(app, pilot)
        assert privacy.has_consent(app.db, cid, "keep_past_warranty")
        await pilot.press("enter", "j")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "trukket tilbake" in text_of(app, "#customer-consents")
    [consent] = privacy.consents_for(app.db, cid)
    assert (consent.purpose, consent.given_by, consent.withdrawn_by) == (
        "keep_past_warranty", "disk", "disk"
    )


async def test_production_sees_consents_but_no_privacy_keys(settings: Settings) -> None:
    app, _ = staffed_app(settings)
    cid = _customer(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "prod")
        card = await open_card(app, pilot)
        keys = footer_keys(app)
        assert not keys & {"f6", "f7", "delete", "f8"}
        for key in ("f6", "f7", "delete"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is card, key
    assert privacy.consents_for(app.db, cid) == []


async def test_admin_innsyn_export_answers_the_open_request(settings: Settings,
                                                            tmp_path: Path) -> None:
    app, people = staffed_app(settings)
    cid = _customer(app)
    received = date.today() - timedelta(days=10)
    request = privacy.register_access_request(app.db, cid, people["disk"], received_on=received)
    out = tmp_path / "innsyn"
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "adm")
        card = await open_card(app, pilot)
        assert {"f6", "f7", "delete", "f8"} <= footer_keys(app)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, InnsynDialog)
        await pilot.press("f8")  # no admin menu over a dialog (a modal blocks app keys)
        await settle(app, pilot)
        assert isinstance(app.screen, InnsynDialog)
        await pilot.press("enter", "enter")  # no folder: asked for one, nothing written
        await settle(app, pilot)
        assert "Skriv mappen" in str(app.screen.query_one("#innsyn-error").render())
        folder = app.screen.query_one("#innsyn-folder", Input)
        assert app.screen.focused is folder
        folder.value = f"{out}\x00x"  # pasted with a NUL: said, nothing written
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert "styretegn" in str(app.screen.query_one("#innsyn-error").render())
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(out))
        await pilot.press("enter")
        await type_text(pilot, "e-post")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is card
        message = text_of(app, "#privacy-message")
        assert str(out) in message and "besvart" in message and "e-post" in message
    [answered] = privacy.access_requests(app.db, people["adm"])
    assert answered.id == request.id and answered.answered_on == date.today()
    assert answered.delivered_how == "e-post"
    [json_file] = out.glob("*.json")
    assert json.loads(json_file.read_text(encoding="utf-8"))["customer"]["name"] == NAME
    assert any(out.glob("*.txt"))


async def test_erasure_is_refused_with_reasons_while_originals_are_in_the_house(
    settings: Settings,
) -> None:
    app, _ = staffed_app(settings)
    cid = _customer(app)
    order = intake.open_order(app.db, cid, "disk")
    intake.add_medium(app.db, order.id, MediumInput("vhs", description="Bryllup"),
                      settings.media_kinds, "disk")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="A1"), "disk")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "adm")
        card = await open_card(app, pilot)
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, EraseDialog)
        assert NAME in str(app.screen.query_one("#erase-question").render())
        await answer_erase(app, pilot, "n", ask=False)  # anything but J: nothing happens
        assert app.screen is card and text_of(app, "#privacy-message") == ""
        await answer_erase(app, pilot, "j")
        assert app.screen is card
        message = text_of(app, "#privacy-message")
        assert "Kan ikke slette kunden ennå" in message
        assert f"ordre {order.number} er ikke levert" in message
        assert order.media[0].code in message
        assert "-refused" in app.screen.query_one("#privacy-message").classes
        assert NAME in text_of(app, "#customer-details")
    with app.db.connection_context():
        assert Customer.get_by_id(cid).name == NAME


async def test_erasure_with_a_reader_says_pending_then_finishes(settings: Settings) -> None:
    """Another connection holds a read transaction: the checkpoint is busy, so the card
    says the erasure is pending — never "erased" — and a second try finishes it."""
    app, _ = staffed_app(settings)
    cid = _customer(app)
    path = settings.database_url.split("///", 1)[1]
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await sign_in(app, pilot, "adm")
            card = await open_card(app, pilot)
            reader.execute("BEGIN")
            assert reader.execute("SELECT name FROM customer WHERE id = ?",
                                  (cid,)).fetchone() == (NAME,)
            await answer_erase(app, pilot, "j")
            assert app.screen is card
            message = text_of(app, "#privacy-message")
            assert "ikke ferdig slettet" in message and "er slettet" not in message
            assert "-pending" in card.query_one("#privacy-message").classes
            # The register no longer has the person, and the card shows what is left.
            assert f"Slettet kunde #{cid}" in text_of(app, "#customer-details")
            assert NAME not in text_of(app, "#customer-details")
            reader.execute("COMMIT")
            await answer_erase(app, pilot, "j")
            assert text_of(app, "#privacy-message") == f"Kunde #{cid} er slettet."
            assert "-done" in card.query_one("#privacy-message").classes
    finally:
        reader.close()
    with app.db.connection_context():
        assert Customer.get_by_id(cid).erased_at is not None
    files = [Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")]
    held = b"".join(p.read_bytes() for p in files if p.exists())
    for needle in (NAME, PHONE, EMAIL):
        assert needle.encode() not in held, needle


async def test_the_service_refuses_admin_actions_for_counter_staff(settings: Settings,
                                                                   tmp_path: Path) -> None:
    """Behind the hidden keys: the services themselves say no (and a test can fail)."""
    import pytest

    from viver_tui.services.staff import NotAllowed

    app, people = staffed_app(settings)
    cid = _customer(app)
    for person in (people["disk"], people["prod"], None):
        with pytest.raises(NotAllowed):
            privacy.erase_customer(app.db, cid, person)
        with pytest.raises(NotAllowed):
            privacy.export_customer(app.db, cid, person, tmp_path / "out")
    with pytest.raises(NotAllowed):
        privacy.give_consent(app.db, cid, "sample", people["prod"])
    assert not (tmp_path / "out").exists()
    with app.db.connection_context():
        assert Customer.get_by_id(cid).name == NAME


async def test_the_privacy_keys_and_the_erasure_in_english(settings: Settings) -> None:
    from viver_tui.locale import set_language

    app, _ = staffed_app(settings, language="en")
    cid = _customer(app)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await sign_in(app, pilot, "adm")
            card = await open_card(app, pilot)
            labels = {a.binding.description for a in app.screen.active_bindings.values()}
            assert {"Consent", "Access request", "Erase customer", "Admin"} <= labels
            assert text_of(app, "#customer-consents") == "No consents recorded."
            await pilot.press("delete")
            await settle(app, pilot)
            assert "Type Y and press Enter" in str(app.screen.query_one("#erase-question")
                                                   .render())
            await answer_erase(app, pilot, "y", ask=False)
            assert app.screen is card
            message = text_of(app, "#privacy-message")
            assert message.startswith(f"Customer #{cid} is erased. Backups in ")
    finally:
        set_language("nb")
