"""Who a service call is made for, and what each role may see and print — in one place.

A service call is made for a ``Who``: the ``StaffView`` signed in at the terminal (with
a PIN, services/staff.py), or a ``SystemPrincipal`` — a command-line job that nobody
signs in for (``viver demo-data``, ``viver maintain``, a purge run by cron). Nothing
else: a bare string (initials from an environment variable, say) is refused with a
TypeError by every rule here, so no setting or option can stand in for a sign-in.

The rules every service asks:

- ``sees_contact(who)``: counter and admin staff see customers' contact details (phone,
  e-mail, address, organisation number); production staff work from names and orders.
  A system job sees them (it is the shop's own software acting, as in an erasure).
- ``may_print(who, kind)``: a print that carries contact details (the order form,
  an issued document such as an invoice) only for those who see contact details.
- ``require_contact`` / ``require_print``: the same, raising ``NotAllowed``.
- ``initials_of(who)``: what the access log and order history record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from viver_tui.errors import ViverError
from viver_tui.locale import t

COUNTER, PRODUCTION, ADMIN = "counter", "production", "admin"
ROLES = (COUNTER, PRODUCTION, ADMIN)

# Roles that see and change customers' contact details.
CONTACT_ROLES = (COUNTER, ADMIN)

# Print kinds whose paper carries contact details: the order form (phone, e-mail) and
# issued documents (invoice, quote, credit note: the customer's address). Labels and
# receipts carry the name and the order only.
CONTACT_PRINTS = frozenset({"order_form", "document"})


class NotAllowed(ViverError):
    """The signed-in person's role does not allow this, or nobody is signed in."""


@dataclass(frozen=True)
class StaffView:
    """A staff member as signed in (services/staff.py makes these from the store)."""

    id: int
    name: str
    initials: str
    role: str
    active: bool
    created_at: datetime
    disabled_at: datetime | None

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN and self.active


@dataclass(frozen=True)
class SystemPrincipal:
    """A job of the shop's own software that nobody signs in for (the CLI's
    ``demo-data``, ``maintain``, ``purge-expired``): named in the access log as
    ``(name)``. Made only in code, never from a setting or the environment."""

    name: str

    @property
    def initials(self) -> str:
        return f"({self.name})"


DEMO_DATA = SystemPrincipal("demo-data")
MAINTAIN = SystemPrincipal("maintain")
SYSTEM = SystemPrincipal("system")  # audit.SYSTEM: "(system)"

Who = StaffView | SystemPrincipal


def checked(who: object) -> Who:
    """``who`` if it is a ``Who``; TypeError otherwise (a bare string included)."""
    if isinstance(who, StaffView | SystemPrincipal):
        return who
    raise TypeError(
        f"a service call is made for a StaffView or a SystemPrincipal, not {type(who).__name__}"
    )


def initials_of(who: Who) -> str:
    """The initials the access log and order history record for ``who``."""
    return checked(who).initials


def sees_contact(who: Who) -> bool:
    """Whether ``who`` may see customers' contact details (and so register or correct
    a customer)."""
    who = checked(who)
    if isinstance(who, SystemPrincipal):
        return True
    return who.active and who.role in CONTACT_ROLES


def may_print(who: Who, kind: str) -> bool:
    """Whether ``who`` may print (or print again) a job of ``kind``."""
    return kind not in CONTACT_PRINTS or sees_contact(who)


def require_role(staff: StaffView | None, *roles: str) -> StaffView:
    """``staff`` if signed in with one of ``roles``; NotAllowed otherwise."""
    if staff is None:
        raise NotAllowed(t("staff.not_signed_in"))
    if not isinstance(staff, StaffView):
        checked(staff)  # a string raises TypeError
        raise NotAllowed(t("staff.not_signed_in"))  # a system job is nobody's role
    if not staff.active:
        raise NotAllowed(t("staff.not_signed_in"))
    if staff.role not in roles:
        raise NotAllowed(t("staff.role_refused", role=t(f"staff.role.{staff.role}")))
    return staff


def require_admin(staff: StaffView | None) -> StaffView:
    return require_role(staff, ADMIN)


def require_contact(who: Who) -> None:
    """NotAllowed unless ``who`` may see and change contact details."""
    if not sees_contact(who):
        require_role(who, *CONTACT_ROLES)  # type: ignore[arg-type]
        raise NotAllowed(t("staff.not_signed_in"))  # an inactive view


def require_print(who: Who, kind: str) -> None:
    """NotAllowed unless ``who`` may print a job of ``kind``."""
    if not may_print(who, kind):
        require_contact(who)
