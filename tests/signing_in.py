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
staff first without ``boss`` (then nothing is typed for it). ``as_staff`` gives a
service call in a test its signed-in person the same way.
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import peewee

from viver_tui.db import reading
from viver_tui.errors import ViverError
from viver_tui.services import staff
from viver_tui.services.roles import StaffView

TEST_INITIALS, TEST_PIN = "test", "4321"
BOSS_INITIALS, BOSS_PIN = "boss", "8642"

_BY_HAND: weakref.WeakSet[Any] = weakref.WeakSet()


def by_hand(app: Any) -> Any:
    """Mark ``app``: its test signs in (or makes the first admin) itself."""
    _BY_HAND.add(app)
    return app


def add_test_staff(db: peewee.Database | peewee.DatabaseProxy) -> StaffView | None:
    """The counter worker ``test`` (and before them the first admin, ``boss``), through
    the service; None when the store has staff a test made itself (no ``boss``)."""
    from viver_tui.models import Staff

    with reading(db):
        present = {row.initials for row in Staff.select(Staff.initials)}
    if TEST_INITIALS in present:
        return None if BOSS_INITIALS not in present else signed_in(db, TEST_INITIALS, TEST_PIN)
    if present and BOSS_INITIALS not in present:
        return None
    if not present:
        staff.add(db, name="Berit Sjef", initials=BOSS_INITIALS, role="admin", pin=BOSS_PIN,
                  by=None)
    boss = signed_in(db, BOSS_INITIALS, BOSS_PIN)
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
            try:
                db, opened = _database_of(app)
            except ViverError:  # a store the app cannot open either: it says why
                db, opened = None, False
            try:
                sign_in = db is not None and add_test_staff(db) is not None
            finally:
                if opened and db is not None:
                    db.close()
        async with original(app, *args, **kwargs) as pilot:
            if sign_in:
                await sign_in_by_keys(app, pilot, TEST_INITIALS, TEST_PIN)
            yield pilot

    return run_test


_MEMBERS: dict[tuple[int, str], StaffView] = {}  # per store: made and signed in once


def as_staff(
    db: peewee.Database | peewee.DatabaseProxy, initials: str, role: str | None = None
) -> StaffView:
    """``initials`` signed in, for a service call in a test: made through the staff
    service on first use (after a first admin, ``boss``, if the store has no staff),
    then signed in with the PIN check. ``role``: ``prod…`` initials work in production,
    ``adm…`` are admins, everyone else at the counter. Initials are kept as the service
    keeps them (lower case); one letter is doubled (initials are 2–10 characters)."""

    key = initials.casefold() * (2 if len(initials) == 1 else 1)
    where = (id(db), f"{getattr(db, 'database', '')} {getattr(db, 'connect_params', '')} {key}")
    if where in _MEMBERS:
        return _MEMBERS[where]
    _MEMBERS[where] = view = _as_staff(db, key, role)
    return view


# The PINs the tests' own staff fixtures give (tests/services/conftest.py, the
# ``people`` fixtures, tests/screens/admin_helpers.py): ``as_staff`` signs them in too.
KNOWN_PINS = {"adm": ("2468", "1234"), "disk": ("1357", "8642"), "prod": ("1111", "9753"),
              "anne": ("2468",), BOSS_INITIALS: (BOSS_PIN,)}


def _sign_in_known(db: peewee.Database | peewee.DatabaseProxy, key: str) -> StaffView:
    # At most three tries: the third wrong PIN in a row would cost a wait.
    for pin in list(dict.fromkeys((*KNOWN_PINS.get(key, ()), TEST_PIN, "2468")))[:3]:
        result = staff.verify_pin(db, key, pin)
        if result.ok and result.staff is not None:
            return result.staff
    raise AssertionError(f"no known PIN for {key}")


def _as_staff(
    db: peewee.Database | peewee.DatabaseProxy, key: str, role: str | None
) -> StaffView:
    from viver_tui.models import Staff

    role = role or (
        "production" if key.startswith("prod") else "admin" if key.startswith("adm")
        else "counter"
    )
    with reading(db):  # the open connection (an in-memory store has no other)
        present = {r.initials: r.role for r in Staff.select(Staff.initials, Staff.role)}
    if key in present:
        return _sign_in_known(db, key)
    if not present:
        if role == "admin":
            staff.add(db, name=f"Ansatt {key}", initials=key, role=role, pin=TEST_PIN, by=None)
            return signed_in(db, key, TEST_PIN)
        staff.add(db, name="Berit Sjef", initials=BOSS_INITIALS, role="admin", pin=BOSS_PIN,
                  by=None)
        present[BOSS_INITIALS] = "admin"
    admins = [i for i, r in present.items() if r == "admin" and i in KNOWN_PINS]
    if not admins:
        admins = [i for i, r in present.items() if r == "admin"]
    by = _sign_in_known(db, admins[0])
    staff.add(db, name=f"Ansatt {key}", initials=key, role=role, pin=TEST_PIN, by=by)
    return signed_in(db, key, TEST_PIN)


@asynccontextmanager
async def run_as(app: Any, initials: str, **kwargs: Any) -> AsyncIterator[Any]:
    """``app.run_test(**kwargs)`` signed in as ``initials`` (made by ``as_staff`` if
    new) by keys on the sign-in screen: for the benchmarks, which run the app as a
    person at the counter would."""
    by_hand(app)
    db, opened = _database_of(app)
    try:
        as_staff(db, initials)
    finally:
        if opened:
            db.close()
    async with app.run_test(**kwargs) as pilot:
        await sign_in_by_keys(app, pilot, initials, _pin_of(initials))
        yield pilot


def _pin_of(initials: str) -> str:
    key = initials.casefold()
    return KNOWN_PINS.get(key, (TEST_PIN,))[0] if key in KNOWN_PINS else TEST_PIN
