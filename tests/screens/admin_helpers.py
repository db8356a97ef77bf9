"""Apps with a real person signed in: staff made through the service, then signed in by
keystrokes on the sign-in screen, as at the counter."""

from __future__ import annotations

from dataclasses import replace

from textual.pilot import Pilot

from tests.screens.helpers import settle, type_text
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.screens.login import SignInScreen
from viver_tui.services import staff
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database

PINS = {"adm": "2468", "disk": "1357", "prod": "9753"}


def staffed_app(settings: Settings, **changes: object) -> tuple[ViverApp, dict[str, StaffView]]:
    """An app on ``settings``' database (with ``changes``) that asks who signs in, with
    an admin (adm), a counter worker (disk) and a production worker (prod)."""
    db = open_database(settings.database_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin=PINS["adm"],
                      by=None)
    people = {
        "adm": admin,
        "disk": staff.add(db, name="Per Skranke", initials="disk", role="counter",
                          pin=PINS["disk"], by=admin),
        "prod": staff.add(db, name="Pia Prod", initials="prod", role="production",
                          pin=PINS["prod"], by=admin),
    }
    db.close()
    return make_app(replace(settings, staff="", **changes)), people  # type: ignore[arg-type]


async def sign_in(app: ViverApp, pilot: Pilot, initials: str) -> None:
    """Type initials and PIN on the sign-in screen (Ctrl+L first if someone is in)."""
    await settle(app, pilot)
    if not isinstance(app.screen, SignInScreen):
        await pilot.press("ctrl+l")
        await settle(app, pilot)
    assert isinstance(app.screen, SignInScreen)
    await type_text(pilot, initials)
    await pilot.press("enter")
    await type_text(pilot, PINS[initials])
    await pilot.press("enter")
    await settle(app, pilot)
    assert app.signed_in is not None and app.signed_in.initials == initials


def footer_keys(app: ViverApp) -> set[str]:
    """The keys the footer offers on the current screen (bindings not refused)."""
    return {key for key, active in app.screen.active_bindings.items() if active.enabled}
