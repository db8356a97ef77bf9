"""Sign-in at the terminal, by keystrokes: first admin, initials or a name from the
list, wrong PIN and its wait, lock by key and after the idle time of the settings, and
nothing personal on the screen while it is locked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList

from tests.screens.admin_helpers import PINS, sign_in, staffed_app
from tests.screens.helpers import settle, type_text, wait_for
from tests.signing_in import by_hand
from viver_tui.app import make_app
from viver_tui.config import ConfigError, Settings, load_settings
from viver_tui.screens import login
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.error_dialog import ErrorDialog
from viver_tui.screens.login import FirstAdminScreen, SignInScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import audit, customers, staff
from viver_tui.store import open_database
from viver_tui.widgets.footer import CounterFooter


async def _enter(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")


async def test_first_start_asks_for_the_first_admin(settings: Settings) -> None:
    app = by_hand(make_app(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)
        await _enter(pilot, "Åse Ødegård")
        await _enter(pilot, "ao")
        await _enter(pilot, "2468")
        await _enter(pilot, "2469")  # typed differently: asked again, nothing saved
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)
        assert "ikke like" in str(app.screen.query_one("#login-message").render())
        await _enter(pilot, "2468")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.staff == "ao" and app.signed_in.role == "admin"
    assert [s.initials for s in staff.list_staff(app.db)] == ["ao"]


async def test_the_first_admin_and_sign_in_boxes_are_centred(settings: Settings) -> None:
    """The first screen a new shop sees, the first-admin box, sat at the top left: the
    centring rule named both screens in the lock screens' scoped CSS, and Textual scoped
    the second name as a descendant (``_LockScreen FirstAdminScreen``), so it never
    matched. Both boxes are centred now, across and down."""

    def assert_centred(screen: Screen) -> None:
        box = screen.query_one("#login-box").region
        assert box.width == 60 and box.x == (120 - 60) // 2, (type(screen), box)
        footer = screen.query_one(CounterFooter).region
        above, below = box.y, footer.y - box.bottom
        assert above > 0 and abs(above - below) <= 1, (type(screen), box, footer)

    app = by_hand(make_app(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)
        assert_centred(app.screen)
        app.push_screen(SignInScreen())
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        assert_centred(app.screen)


async def test_tab_moves_between_the_first_admin_fields(settings: Settings) -> None:
    """The sign-in screen blocks the app's keys (F5, Ctrl+P …), but not Tab."""
    app = by_hand(make_app(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)
        await type_text(pilot, "Ola Admin")
        await pilot.press("tab")
        await type_text(pilot, "oa")
        await pilot.press("tab")
        await type_text(pilot, "1357")
        await pilot.press("shift+tab")
        inputs = list(app.screen.query(Input))
        assert [i.value for i in inputs[:3]] == ["Ola Admin", "oa", "1357"]
        assert app.focused is inputs[1]
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)


async def test_sign_in_wrong_pin_waits_then_right_pin_and_lock(settings: Settings) -> None:
    db = open_database(settings.database_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357", by=admin)
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        await _enter(pilot, "disk")
        for _ in range(2):
            await _enter(pilot, "0000")
            await settle(app, pilot)
            assert not screen.query_one("#pin", Input).disabled
            assert str(screen.query_one("#login-message").render()) == "Feil PIN."
        await _enter(pilot, "0000")  # the third wrong PIN in a row costs a wait

        def message() -> str:
            return str(screen.query_one("#login-message").render())

        assert await wait_for(lambda: "Vent" in message())
        assert message() == "Feil PIN. Vent 1 s før neste forsøk."
        assert screen.query_one("#pin", Input).disabled
        await settle(app, pilot)  # the wait runs in a worker; then the fields come back
        assert not screen.query_one("#pin", Input).disabled
        assert screen.query_one("#pin", Input).value == ""  # a PIN is never left typed
        await _enter(pilot, "1357")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.staff == "disk"
        # Ctrl+L locks; the next person signs in over the screen that was left.
        await type_text(pilot, "kari")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        for key in ("f5", "ctrl+p", "ctrl+l"):  # no app key gets around the sign-in
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, SignInScreen), key
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.staff == "adm"
        assert app.screen.query_one("#search", Input).value == "kari"
    entries = audit.entries_for(db, 2, subject="staff")
    assert [e.action for e in entries].count("sign_in_failed") == 3
    assert [e.action for e in entries][-2:] == ["sign_in", "sign_out"]  # then Ctrl+L


async def test_no_variable_or_setting_opens_the_counter_without_a_pin(
    settings: Settings, tmp_path
) -> None:
    """#17.2: ``VIVER_STAFF=adm viver`` opened the counter as adm with no PIN. Neither
    the variable nor a ``staff`` key in the settings file names anyone now: the app
    starts on the sign-in screen, and the file's key is refused as unknown."""
    staffed_app(settings)  # adm, disk, prod exist
    environ = {"VIVER_STAFF": "adm", "VIVER_DATABASE": settings.database_url}
    with pytest.raises(ConfigError, match="VIVER_STAFF"):  # refused, not quietly used
        load_settings(tmp_path / "none.toml", environ)
    del environ["VIVER_STAFF"]
    loaded = load_settings(tmp_path / "none.toml", environ)
    assert not hasattr(loaded, "staff")
    app = by_hand(make_app(replace(loaded, spool_dir=settings.spool_dir)))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen) and app.signed_in is None
        assert app.who is None and app.staff == ""
        assert [type(s) for s in app.screen_stack] == [SignInScreen]
    (tmp_path / "with-staff.toml").write_text('staff = "adm"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="staff"):
        load_settings(tmp_path / "with-staff.toml", {})


async def test_keys_typed_before_the_database_is_open_land_in_the_sign_in_fields(
    settings: Settings,
) -> None:
    """#17.1: for a moment after start the customer search was drawn and took keys
    ("Ansatt: root", the OS user): ``100003⏎`` opened order 100003 behind the sign-in
    screen. Now the first screen is the sign-in screen: what is typed at once lands in
    its fields, in order, and no screen with customer data exists before sign-in."""
    _app, people = staffed_app(settings)
    app = by_hand(make_app(settings, open_database_later=True))  # as `viver` starts
    async with app.run_test(size=(120, 36)) as pilot:
        assert [type(s) for s in app.screen_stack] == [SignInScreen]
        await type_text(pilot, "100003\r4")  # at once, the database maybe not open yet
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        assert screen.query_one("#initials", Input).value == "100003"
        assert screen.query_one("#pin", Input).value == "4"
        await settle(app, pilot)
        assert [type(s) for s in app.screen_stack] == [SignInScreen]
        assert app.signed_in is None and app.staff == ""
        # Initials, Enter, PIN, Enter typed back to back: signed in, then the search.
        screen.query_one("#initials", Input).value = ""
        screen.query_one("#pin", Input).value = ""
        screen.query_one("#initials", Input).focus()
        await type_text(pilot, f"disk\r{PINS['disk']}\r")
        assert await wait_for(lambda: isinstance(app.screen, SearchScreen))
        # Let the search screen finish mounting before the app exits: Textual's Header
        # looks its title up in a callback after mount (NoMatches if its children are
        # already gone when the app exits a moment later).
        await settle(app, pilot)
        assert app.staff == "disk" and [type(s) for s in app.screen_stack] == [SearchScreen]
    db = open_database(settings.database_url)
    assert audit.entries_for(db, 3) == []  # customer 3 (order 100003) never looked at
    assert [e.action for e in audit.entries_for(db, people["disk"].id, subject="staff")][-1] == (
        "sign_in"
    )


async def test_the_status_bar_never_names_the_operating_system_user(settings: Settings) -> None:
    """Before anyone signs in the status bar names nobody ("–"), never the OS user."""
    import getpass

    from viver_tui.widgets.status_bar import StatusBar

    app, _people = staffed_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen) and app.staff == ""
        await sign_in(app, pilot, "disk")
        bar = str(app.screen.query_one(StatusBar).render())
        assert "Ansatt: disk" in bar and f"Ansatt: {getpass.getuser()}" not in bar


async def test_the_staff_list_can_be_turned_off_in_the_settings(settings: Settings) -> None:
    """``signin_staff_list = false``: no names on the locked screen, initials typed."""
    app, _people = staffed_app(settings, signin_staff_list=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        assert not screen.query_one("#staff-list", OptionList).display
        text = _screen_text(app)
        assert "Skranke" not in text and "Åse" not in text.replace("&#160;", " ")
        await pilot.press("down")  # nothing to pick from
        assert app.focused is screen.query_one("#initials", Input)
        await _enter(pilot, "disk")
        await _enter(pilot, PINS["disk"])
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.staff == "disk"


async def test_the_counter_locks_itself_after_the_idle_time_of_the_settings(
    settings: Settings,
) -> None:
    db = open_database(settings.database_url)
    staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    app = make_app(replace(settings, idle_lock_minutes=2))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        before = app.last_input
        await type_text(pilot, "kari")
        await settle(app, pilot)  # every key handled (a late one would move the time on)
        assert isinstance(app.screen, SearchScreen)
        typed_at = app.last_input
        assert typed_at > before  # every key counts as activity
        # Two minutes, from the settings (the default is five): idle time is driven
        # through ``now``, nothing sleeps.
        assert login.idle_lock_s(app) == 120
        assert not login.lock_if_idle(app, now=typed_at + 119)
        assert isinstance(app.screen, SearchScreen)
        assert login.lock_if_idle(app, now=typed_at + 120)
        await settle(app, pilot)
        # A full screen, not a modal: the customer search behind it is not drawn.
        assert isinstance(app.screen, SignInScreen) and not isinstance(app.screen, ModalScreen)
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == "kari"


async def test_idle_lock_zero_never_locks(settings: Settings) -> None:
    db = open_database(settings.database_url)
    staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    app = make_app(replace(settings, idle_lock_minutes=0))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert not login.lock_if_idle(app, now=app.last_input + 7 * 24 * 3600)
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)


def _screen_text(app) -> str:
    """What the terminal shows, as text (the SVG screenshot puts a no-break space
    entity between words; names are searched for word by word)."""
    return app.export_screenshot()


async def test_nothing_personal_shows_while_locked(settings: Settings) -> None:
    """Locked over an open customer card: the card is not drawn, a notice naming the
    customer that arrives meanwhile is not shown, an error dialog waits for the next
    person; after sign-in both come back."""
    db = open_database(settings.database_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    kari = customers.register(
        db, customers.CustomerInput(name="Kari Nordmann", phone="91234567",
                                    email="kari@eksempel.no"), admin,
    )
    app = make_app(settings)
    # Notifications are off in run_test unless asked for: here they are the point.
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        await type_text(pilot, "nordmann")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer_id == kari.id
        shown_card = _screen_text(app)
        assert "Nordmann" in shown_card and "912" in shown_card and "eksempel" in shown_card
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        app.notify("Lagret: Kari Nordmann", timeout=60)
        app.show_error("Kunne ikke skrive ut for Kari Nordmann")
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)  # no dialog over the lock
        for key in ("f5", "f9"):  # and no key around it
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, SignInScreen), key
        locked = _screen_text(app)
        for private in ("Nordmann", "Kari", "912", "eksempel"):
            assert private not in locked, private
        await _enter(pilot, "adm")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        # The held error is shown now, over the card that was left.
        assert isinstance(app.screen, ErrorDialog)
        assert "Nordmann" in _screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert "Lagret" in _screen_text(app)  # the notice waited for the next person


async def test_sign_in_by_picking_a_name_from_the_list(settings: Settings) -> None:
    db = open_database(settings.database_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357", by=admin)
    staff.add(db, name="Bodil Borte", initials="bb", role="counter", pin="1111", by=admin)
    staff.disable(db, "bb", by=admin)
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        names = screen.query_one("#staff-list", OptionList)
        offered = [str(names.get_option_at_index(i).prompt) for i in range(names.option_count)]
        assert offered == ["Per Skranke (disk)", "Åse Admin (adm)"]  # never the disabled
        await pilot.press("down")  # from the initials field into the list
        assert app.focused is names
        await pilot.press("down", "enter")  # the second name
        assert screen.query_one("#initials", Input).value == "adm"
        assert app.focused is screen.query_one("#pin", Input)
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.staff == "adm"
    assert audit.entries_for(db, admin.id, subject="staff")[-1].action == "sign_in"


async def test_a_fast_start_asks_for_sign_in_once_the_database_is_open(settings: Settings) -> None:
    app = by_hand(make_app(settings, open_database_later=True))  # as `viver` starts
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_for(lambda: isinstance(app.screen, FirstAdminScreen))
        await settle(app, pilot)
        assert isinstance(app.screen, FirstAdminScreen)


async def test_initials_enter_and_pin_typed_faster_than_focus_moves(settings: Settings) -> None:
    """"disk⏎1357⏎" arriving back to back, as a quick typist or tmux delivers them: the
    PIN lands in the PIN field, not after the initials, and the person is signed in."""
    app, _people = staffed_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        await type_text(pilot, f"disk\r{PINS['disk']}\r")
        await settle(app, pilot)
        assert await wait_for(lambda: isinstance(app.screen, SearchScreen))
        assert app.staff == "disk"


async def test_locking_signs_the_person_out_in_the_access_log(settings: Settings) -> None:
    """Ctrl+L and the idle lock each end the session of whoever was signed in."""
    app, people = staffed_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        await sign_in(app, pilot, "adm")  # Ctrl+L first: disk leaves
        assert login.lock_if_idle(app, now=app.last_input + 301)
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        db = open_database(settings.database_url)

        def sign_outs(initials: str) -> list[str]:
            entries = audit.entries_for(db, people[initials].id, subject="staff")
            return [e.details for e in entries if e.action == "sign_out"]

        assert await wait_for(lambda: sign_outs("adm") == ["idle"])
        assert sign_outs("disk") == ["lock"]


async def test_quitting_signs_the_person_out_and_a_lock_is_not_logged_twice(
    settings: Settings,
) -> None:
    """Ctrl+Q logs out whoever is signed in (``quit``); after Ctrl+L nobody is signed in
    any more, so quitting from the sign-in screen adds nothing."""
    app, people = staffed_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        await pilot.press("ctrl+q")
        assert await wait_for(lambda: not app.is_running)
    app = make_app(settings)  # the same staff, a second session
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "adm")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        assert await wait_for(lambda: not app.is_running)
    db = open_database(settings.database_url)

    def sign_outs(initials: str) -> list[str]:
        entries = audit.entries_for(db, people[initials].id, subject="staff")
        return [e.details for e in entries if e.action == "sign_out"]

    assert sign_outs("disk") == ["quit"]
    assert sign_outs("adm") == ["lock"]


async def test_the_status_bar_names_who_is_signed_in(settings: Settings) -> None:
    """The painted status bar named the operating-system user until something else
    (a printer message) repainted it."""
    app, _people = staffed_app(settings)

    def painted() -> str:  # the screen as drawn, not what render() would say now
        return re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " ")

    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        await pilot.pause()
        assert "Ansatt: disk" in painted()
        await sign_in(app, pilot, "adm")  # Ctrl+L first: the next person, the same screen
        await pilot.pause()
        assert "Ansatt: adm" in painted() and "Ansatt: disk" not in painted()


async def test_a_pin_of_the_wrong_form_empties_both_pin_fields(settings: Settings) -> None:
    """#19.9: after "PIN: 4–12 sifre" both PIN fields stayed filled with the PIN that
    was refused."""
    from textual.widgets import Input

    app = by_hand(make_app(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FirstAdminScreen)
        for text in ("Åse Ødegård", "ao", "12", "12"):
            await _enter(pilot, text)
        await settle(app, pilot)
        assert "4–12" in str(screen.query_one("#login-message").render())
        assert [screen.query_one(f"#{f}", Input).value for f in ("pin", "pin-again")] == ["", ""]
        assert screen.focused is screen.query_one("#pin", Input)
        await _enter(pilot, "2468")
        await _enter(pilot, "2468")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)


def _store_with_kari(settings: Settings) -> None:
    from tests.signing_in import TEST_INITIALS, TEST_PIN, add_test_staff, signed_in

    db = open_database(settings.database_url)
    add_test_staff(db)
    customers.register(
        db, customers.CustomerInput(name="Kari Nordmann", phone="91234567"),
        signed_in(db, TEST_INITIALS, TEST_PIN),
    )
    db.close()


async def test_a_name_typed_right_behind_the_pin_is_searched(settings: Settings) -> None:
    """#19.8: ``test⏎4321⏎nordm`` in one terminal write, from a fast start: the keys
    behind the PIN's Enter were lost (the PIN field was disabled while the PIN was
    checked). They wait for the search field and land there in order, answered."""
    from tests.screens.helpers import press_burst

    _store_with_kari(settings)
    app = by_hand(make_app(settings, open_database_later=True))  # as `viver` starts
    async with app.run_test(size=(120, 36)) as pilot:
        await press_burst(pilot, "test\r4321\rnordm")
        assert await wait_for(lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        assert await wait_for(lambda: screen.shown_query == "nordm")
        assert screen.query_one("#search", Input).value == "nordm"
        assert [h.name for h in screen.hits] == ["Kari Nordmann"]
        assert "Nordmann" in _screen_text(app)


async def test_keys_typed_behind_a_wrong_pin_go_nowhere(settings: Settings) -> None:
    """A refused PIN: what was typed behind it is dropped — not put in the PIN field,
    not kept for the next person's search."""
    from tests.screens.helpers import press_burst

    _store_with_kari(settings)
    app = by_hand(make_app(settings))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await press_burst(pilot, "test\r9999\rnordm")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SignInScreen) and app.signed_in is None
        assert screen.query_one("#pin", Input).value == ""
        assert "nordm" not in [f.value for f in screen.query(Input)]
        assert not app.type_ahead.holding
        await press_burst(pilot, "4321\r")
        assert await wait_for(lambda: isinstance(app.screen, SearchScreen))
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == ""


async def test_a_name_typed_behind_the_pin_after_a_lock_lands_in_the_search(
    settings: Settings,
) -> None:
    """Locked over the search (Ctrl+L): ``test⏎4321⏎nordm`` in one write signs in again
    and searches, in the search field that was left behind."""
    from tests.screens.helpers import press_burst

    _store_with_kari(settings)
    app = make_app(settings)  # signed in as ``test`` by the suite
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, SearchScreen)
        search = app.screen
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        await press_burst(pilot, "test\r4321\rnordm")
        assert await wait_for(lambda: app.screen is search)
        assert await wait_for(lambda: search.shown_query == "nordm")
        assert search.query_one("#search", Input).value == "nordm"
        assert [h.name for h in search.hits] == ["Kari Nordmann"]


async def test_a_name_typed_behind_the_pin_is_searched_once_whole(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """#19 (search answered from the first moment): the name typed behind the PIN is
    the search screen's first query, searched whole, with its Backspace applied — no
    search for the recent customers, nor for each letter as the keys are handed on,
    ahead of it (each one a query and a frame before the answer). The keys after the
    name's run of letters (←, a) still reach the field, after it and in order."""
    import logging

    from tests.screens.helpers import press_burst

    _store_with_kari(settings)
    app = by_hand(make_app(settings, open_database_later=True))  # as `viver` starts
    async with app.run_test(size=(120, 36)) as pilot:
        with caplog.at_level(logging.DEBUG, logger="peewee"):
            await press_burst(pilot, "test\r4321\rnordmx", "backspace", "n", "left", "a")
            assert await wait_for(lambda: isinstance(app.screen, SearchScreen))
            screen = app.screen
            assert await wait_for(lambda: screen.shown_query == "nordman")
            await settle(app, pilot)
        assert screen.query_one("#search", Input).value == "nordman"
        assert [h.name for h in screen.hits] == ["Kari Nordmann"]
    statements = [r.msg for r in caplog.records if isinstance(r.msg, tuple)]
    recent = [sql for sql, _ in statements if '"updated_at" DESC' in sql]
    # What each name search looked for: its key prefix, less the key's kind byte (the
    # sign-in's index warm-up reads the first keys, from "a", and is no search).
    searched = {
        params[0][1:] for sql, params in statements
        if sql.startswith("SELECT token") and params[0] != b"a"
    }
    assert recent == []
    assert b"nordmn" in searched or b"nordman" in searched
    assert searched <= {b"nordmn", b"nordman"}
