"""Staff: who is at the terminal, with which role, proven by a PIN.

PINs are kept only as argon2id hashes (``argon2-cffi``). A wrong PIN costs time: after
``FREE_ATTEMPTS`` wrong PINs in a row the next try must wait ``delay_after(n)`` seconds,
doubling up to ``MAX_DELAY_S``. The service computes the delay and records it on the
staff row (``locked_until``, so a new process or terminal cannot skip it); the caller —
a screen or the command line — does the waiting. Every sign-in, success or failure, is
in the access log (subject ``staff``, never the PIN or the typed initials).

Roles: ``counter`` (the desk), ``production`` (sees names and orders, no contact
details), ``admin`` (everything, including staff, exports, erasure and the access log).
The first staff member of a new database is created without signing in and must be an
admin; after that only an admin adds, disables or resets.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import FormErrors, NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import Staff
from viver_tui.services import audit
from viver_tui.services.roles import (  # noqa: F401 - the role rules, re-exported
    ADMIN,
    CONTACT_ROLES,
    COUNTER,
    DEMO_DATA,
    PRODUCTION,
    ROLES,
    NotAllowed,
    StaffView,
    SystemPrincipal,
    Who,
    initials_of,
    may_print,
    require_admin,
    require_contact,
    require_print,
    require_role,
    sees_contact,
)
from viver_tui.services.text import clean_line

PIN_MIN, PIN_MAX = 4, 12
FREE_ATTEMPTS = 2  # wrong PINs in a row before each further one costs a wait
MAX_DELAY_S = 60


@dataclass(frozen=True)
class SignIn:
    """The outcome of a PIN check. ``delay_s``: wait this long before the next try."""

    ok: bool
    staff: StaffView | None
    message: str
    delay_s: float = 0.0


def _view(row: Staff) -> StaffView:
    return StaffView(
        row.id, row.name, row.initials, row.role, row.active, row.created_at, row.disabled_at
    )


def _hasher():  # argon2 is imported when a PIN is first hashed, not at start-up
    global _HASHER
    if _HASHER is None:
        from argon2 import PasswordHasher

        # OWASP's argon2id setting (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1
        # lane): ~25 ms a check here against argon2-cffi's default 64 MiB/3/4 at
        # ~140 ms, which the person signing in waited for. A PIN has too few digits for
        # the hash's cost to guard it alone; the growing wait and the file's privacy do.
        # Hashes made with other settings still verify, and are made anew at the next
        # right PIN (check_needs_rehash below).
        _HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    return _HASHER


_HASHER = None
# Verified against when the initials are unknown, so a wrong name costs as long as a
# wrong PIN (no timing tells which initials exist).
_DUMMY_HASH: str | None = None


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong PINs in a row: 0, 0, 1, 2, 4 … 60."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return float(min(2 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_S))


def clean_initials(text: str) -> str:
    value = clean_line(text, field="initials", max_length=10).casefold()
    if not (2 <= len(value) <= 10) or not value.isalnum():
        raise ValidationError(t("staff.initials_invalid"), field="initials")
    return value


def check_pin(pin: str) -> str:
    if not (PIN_MIN <= len(pin) <= PIN_MAX) or not (pin.isascii() and pin.isdigit()):
        raise ValidationError(t("staff.pin_invalid", min=PIN_MIN, max=PIN_MAX), field="pin")
    return pin


def has_staff(db: peewee.Database | peewee.DatabaseProxy) -> bool:
    """Whether any staff member exists (none: the first start asks for an admin)."""
    with reading(db):
        return Staff.select().exists()


def add(
    db: peewee.Database | peewee.DatabaseProxy,
    *,
    name: str,
    initials: str,
    role: str,
    pin: str,
    by: StaffView | None,
) -> StaffView:
    """Add a staff member. On an empty staff table ``by`` may be None (the first admin)."""
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for field, check, raw in (
        ("name", lambda v: clean_line(v, field="name", max_length=100), name),
        ("initials", clean_initials, initials),
        ("pin", check_pin, pin),
    ):
        try:
            values[field] = check(raw)
        except ValidationError as exc:
            errors[field] = exc.message
    if not values.get("name") and "name" not in errors:
        errors["name"] = t("staff.name_required")
    if role not in ROLES:
        errors["role"] = t("staff.role_invalid", roles=", ".join(ROLES))
    if errors:
        raise FormErrors(errors)
    pin_hash = _hasher().hash(values["pin"])
    with writing(db):
        if Staff.select().exists():
            require_admin(by)
        elif role != ADMIN:
            raise ValidationError(t("staff.first_must_be_admin"), field="role")
        if Staff.select().where(Staff.initials == values["initials"]).exists():
            raise ValidationError(
                t("staff.initials_taken", initials=values["initials"]), field="initials"
            )
        row = Staff.create(
            name=values["name"], initials=values["initials"], role=role, pin_hash=pin_hash
        )
        actor = by.initials if by is not None else row.initials
        audit.record(actor, "staff_add", row.id, details=f"role={role}", subject="staff")
        return _view(row)


def sign_in_choices(db: peewee.Database | peewee.DatabaseProxy) -> list[tuple[str, str]]:
    """``(name, initials)`` of everyone who may sign in, by name, for the sign-in
    screen's list (disabled staff are never offered)."""
    with reading(db):
        query = Staff.select(Staff.name, Staff.initials).where(
            Staff.active == True  # noqa: E712 - peewee expression
        )
        rows = [(row.name, row.initials) for row in query]
    # Sorted here, not by the store: the same order on SQLite and PostgreSQL.
    return sorted(rows, key=lambda r: (r[0].casefold(), r[1]))


def list_staff(
    db: peewee.Database | peewee.DatabaseProxy, *, include_disabled: bool = True
) -> list[StaffView]:
    with reading(db):
        query = Staff.select().order_by(Staff.initials)
        if not include_disabled:
            query = query.where(Staff.active == True)  # noqa: E712 - peewee expression
        return [_view(row) for row in query]


def _get(initials: str) -> Staff:
    row = Staff.get_or_none(Staff.initials == initials.strip().casefold())
    if row is None:
        raise NotFound(t("staff.unknown", initials=initials.strip()))
    return row


def disable(
    db: peewee.Database | peewee.DatabaseProxy, initials: str, *, by: StaffView | None
) -> StaffView:
    """Disable a staff member (they can no longer sign in). The last admin stays."""
    with writing(db):
        require_admin(by)
        row = _get(initials)
        if not row.active:
            return _view(row)
        if row.role == ADMIN:
            admins = Staff.select().where((Staff.role == ADMIN) & (Staff.active == True))  # noqa: E712
            if admins.count() <= 1:
                raise ValidationError(t("staff.last_admin"), field="initials")
        row.active = False
        row.disabled_at = clock.now()
        row.save()
        audit.record(by.initials, "staff_disable", row.id, subject="staff")  # type: ignore[union-attr]
        return _view(row)


def reset_pin(
    db: peewee.Database | peewee.DatabaseProxy,
    initials: str,
    new_pin: str,
    *,
    by: StaffView | None,
) -> StaffView:
    """Give a staff member a new PIN (admin only); clears their wrong-PIN count."""
    require_admin(by)
    pin_hash = _hasher().hash(check_pin(new_pin))
    with writing(db):
        require_admin(by)
        row = _get(initials)
        row.pin_hash = pin_hash
        row.failed_attempts = 0
        row.locked_until = None
        row.save()
        audit.record(by.initials, "pin_reset", row.id, subject="staff")  # type: ignore[union-attr]
        return _view(row)


def sign_out(
    db: peewee.Database | peewee.DatabaseProxy, who: StaffView, reason: str
) -> None:
    """Log that ``who`` left the terminal (it locked: ``lock`` by key, ``idle`` by
    itself); the next person signs in over the screen they left."""
    with writing(db):
        audit.record(who.initials, "sign_out", who.id, details=reason, subject="staff")


# How many PIN checks the argon2 hash may run, at most, for one staff member before
# the first wait: the free attempts and the one that earns the first wait. More tries at
# once (12 terminals or CLI calls in parallel) are refused with "vent N s" unchecked.
MAX_CHECKS_BEFORE_WAIT = FREE_ATTEMPTS + 1


def _locked_row(db: peewee.Database | peewee.DatabaseProxy, key: str) -> Staff | None:
    """The staff row, locked for the rest of the transaction (``SELECT … FOR UPDATE`` on
    PostgreSQL; SQLite's ``writing`` holds the whole database's write lock already)."""
    query = Staff.select().where(Staff.initials == key)
    if not is_sqlite(db):
        query = query.for_update()
    return query.first()


def verify_pin(
    db: peewee.Database | peewee.DatabaseProxy,
    initials: str,
    pin: str,
    *,
    now: datetime | None = None,
) -> SignIn:
    """Check a PIN. Never raises for a wrong one: the result says what to tell staff and
    how long to wait before the next try. Audited either way.

    The attempt is claimed before the slow hash check, under the write lock on the
    staff row: the count of wrong PINs goes up by one and the wait it earns is set,
    as if this PIN were wrong; a right PIN then clears both. So attempts made at the
    same moment cannot all read "no wait yet": the ones after the claim that set a
    wait are refused without a hash check."""
    from argon2.exceptions import InvalidHashError, VerificationError

    global _DUMMY_HASH
    now = now or clock.now()
    hasher = _hasher()
    key = initials.strip().casefold()
    refused: SignIn | None = None
    with writing(db):
        row = _locked_row(db, key)
        if row is not None and row.active:
            if row.locked_until is not None and now < row.locked_until:
                wait = (row.locked_until - now).total_seconds()
                audit.record(row.initials, "sign_in_failed", row.id, details="waiting",
                             subject="staff")
                refused = SignIn(False, None, t("staff.wait", seconds=_seconds(wait)), wait)
            else:
                failures = row.failed_attempts + 1
                delay = delay_after(failures)
                Staff.update(
                    failed_attempts=failures,
                    locked_until=now + timedelta(seconds=delay) if delay else None,
                ).where(Staff.id == row.id).execute()
    if refused is not None:
        return refused
    if row is None or not row.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hasher.hash("0000")
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(_DUMMY_HASH if row is None else row.pin_hash, pin)
        with writing(db):
            audit.record(
                row.initials if row else "",
                "sign_in_failed",
                row.id if row else 0,
                details="disabled" if row else "unknown",
                subject="staff",
            )
        return SignIn(False, None, t("staff.sign_in_failed"))
    try:
        hasher.verify(row.pin_hash, pin)
    except (VerificationError, InvalidHashError):
        with writing(db):
            audit.record(
                row.initials, "sign_in_failed", row.id, details=f"wrong_pin {failures}",
                subject="staff",
            )
        message = t("staff.wrong_pin")
        if delay:
            message += " " + t("staff.wait", seconds=_seconds(delay))
        return SignIn(False, None, message, delay)
    new_hash = hasher.hash(pin) if hasher.check_needs_rehash(row.pin_hash) else row.pin_hash
    with writing(db):
        Staff.update(failed_attempts=0, locked_until=None, pin_hash=new_hash).where(
            Staff.id == row.id
        ).execute()
        audit.record(row.initials, "sign_in", row.id, subject="staff")
    return SignIn(True, _view(row), t("staff.signed_in", name=row.name))


def _seconds(value: float) -> int:
    return max(1, int(value + 0.999))


def add_demo(
    db: peewee.Database | peewee.DatabaseProxy, *, name: str, initials: str, role: str, pin: str
) -> StaffView | None:
    """A demo staff member, added by ``viver demo-data`` itself (no one is signed in)
    when ``initials`` are free; None when someone has them. The access log names the
    demo job as the one who added it."""
    pin_hash = _hasher().hash(check_pin(pin))
    with writing(db):
        if Staff.select().where(Staff.initials == clean_initials(initials)).exists():
            return None
        row = Staff.create(name=name, initials=clean_initials(initials), role=role,
                           pin_hash=pin_hash)
        audit.record(
            DEMO_DATA.initials, "staff_add", row.id, details=f"role={role}", subject="staff"
        )
        return _view(row)
