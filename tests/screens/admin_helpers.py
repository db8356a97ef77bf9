"""Apps with a real person signed in: staff made through the service, then signed in by
keystrokes on the sign-in screen, as at the counter."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from tests.screens.helpers import settle, type_text
from viver_tui import clock
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.screens.login import SignInScreen
from viver_tui.services import staff
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database

PINS = {"adm": "2468", "disk": "1357", "prod": "9753"}


def _add_people(url: str) -> dict[str, StaffView]:
    """An admin (adm), a counter worker (disk) and a production worker (prod), made
    through the staff service (each PIN hashed with argon2: ~0.1 s, 0.5 s loaded)."""
    db = open_database(url)
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
    return people


_TEMPLATE: list[tuple[Path, dict[str, StaffView]]] = []  # made once per test process


def _staffed_file(target: Path) -> dict[str, StaffView]:
    """The three people in a new SQLite file at ``target``: a copy of a file made once
    per test process through the service (three argon2 hashes each time were ~30 % of a
    short Pilot test on a loaded machine). The copy is the file the service wrote —
    staff, their access-log entries and its chain — so signing in checks a real hash."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="viver-staffed-"))
        atexit.register(shutil.rmtree, folder, True)
        _TEMPLATE.append((folder / "viver.db", _add_people(f"sqlite:///{folder / 'viver.db'}")))
    template, people = _TEMPLATE[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return people


def staffed_app(settings: Settings, **changes: object) -> tuple[ViverApp, dict[str, StaffView]]:
    """An app on ``settings``' database (with ``changes``) that asks who signs in, with
    an admin (adm), a counter worker (disk) and a production worker (prod). A new SQLite
    file starts as a copy of one staffed once per process (unless the clock is pinned:
    then the people are made at the pinned time, as the test expects)."""
    url = settings.database_url
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if path is not None and path.is_absolute() and not path.exists() and clock._pinned is None:
        people = _staffed_file(path)
    else:
        people = _add_people(url)
    return make_app(replace(settings, **changes)), people  # type: ignore[arg-type]


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
