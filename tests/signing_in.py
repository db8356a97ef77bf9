"""Signing in for the tests, as a person does: staff made through the staff service,
signed in with initials and PIN — by keys on the sign-in screen for an app, by the PIN
check the sign-in screen calls (``staff.verify_pin``) for a service call.

The shipped app has no way around the sign-in (no setting, variable or option): the
first screen is the sign-in screen. So an app test signs in like anyone at the counter.
``tests/conftest.py`` wraps ``ViverApp.run_test`` — in the test process only, through
pytest's ``monkeypatch`` — with ``run_signed_in``: on a database without staff it adds
an admin (``boss``) and a counter worker (``test``, the person every app test works as:
contact details, no admin menu) through the service, then types ``test⏎4321⏎`` on the
sign-in screen before handing the pilot to the test. A test that signs in itself (the
sign-in tests, ``staffed_app``) marks its app with ``by_hand(app)``, or makes its own
staff first (then the database has staff, and nothing is typed for it).
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import peewee

from viver_tui.services import staff
from viver_tui.services.roles import StaffView

TEST_INITIALS, TEST_PIN = "test", "4321"
BOSS_INITIALS, BOSS_PIN = "boss", "8642"

_BY_HAND: weakref.WeakSet[Any] = weakref.WeakSet()


def by_hand(app: Any) -> Any:
    """Mark ``app``: its test signs in (or makes the first admin) itself."""
    _BY_HAND.add(app)
    return app


def add_test_staff(db: peewee.Database | peewee.DatabaseProxy) -> StaffView:
    """The first admin (``boss``) and the counter worker ``test``, through the service."""
    boss = staff.add(db, name="Berit Sjef", initials=BOSS_INITIALS, role="admin",
                     pin=BOSS_PIN, by=None)
    return staff.add(db, name="Test Testesen", initials=TEST_INITIALS, role="counter",
                     pin=TEST_PIN, by=boss)


def signed_in(db: peewee.Database | peewee.DatabaseProxy, initials: str, pin: str) -> StaffView:
    """A service call's person: signed in by the PIN check the sign-in screen calls."""
    result = staff.verify_pin(db, initials, pin)
    assert result.ok and result.staff is not None, result.message
    return result.staff


def people(db: peewee.Database | peewee.DatabaseProxy) -> dict[str, StaffView]:
    """One signed-in person per role: ``admin`` (adm), ``counter`` (disk),
    ``production`` (prod) — made by the service, signed in by PIN."""
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    staff.add(db, name="Per Disk", initials="disk", role="counter", pin="1357", by=admin)
    staff.add(db, name="Pia Prod", initials="prod", role="production", pin="1111", by=admin)
    return {
        "admin": signed_in(db, "adm", "2468"),
        "counter": signed_in(db, "disk", "1357"),
        "production": signed_in(db, "prod", "1111"),
    }


async def sign_in_by_keys(app: Any, pilot: Any, initials: str, pin: str) -> None:
    """Type ``initials⏎pin⏎`` on the sign-in screen and wait until it has gone."""
    from tests.screens.helpers import settle, type_text, wait_for
    from viver_tui.screens.login import SignInScreen

    assert await wait_for(lambda: isinstance(app.screen, SignInScreen))
    await settle(app, pilot)
    await type_text(pilot, initials)
    await pilot.press("enter")
    await type_text(pilot, pin)
    await pilot.press("enter")
    assert await wait_for(lambda: app.signed_in is not None), "sign-in failed"
    await settle(app, pilot)


def _database_of(app: Any) -> tuple[peewee.Database, bool]:
    if app._db is not None:
        return app._db, False
    from viver_tui.store import open_database

    return open_database(app.settings.database_url), True


def run_signed_in(original: Callable[..., Any]) -> Callable[..., Any]:
    """``ViverApp.run_test`` that signs in as ``test`` first (see the module's text)."""

    @asynccontextmanager
    async def run_test(app: Any, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        sign_in = False
        if app not in _BY_HAND:
            db, opened = _database_of(app)
            try:
                if not staff.has_staff(db):
                    add_test_staff(db)
                    sign_in = True
            finally:
                if opened:
                    db.close()
        async with original(app, *args, **kwargs) as pilot:
            if sign_in:
                await sign_in_by_keys(app, pilot, TEST_INITIALS, TEST_PIN)
            yield pilot

    return run_test
