"""People for the services' privacy and role tests: an admin and a counter worker."""

from __future__ import annotations

import peewee
import pytest

from viver_tui.services import staff
from viver_tui.services.staff import StaffView


@pytest.fixture
def admin(db: peewee.Database) -> StaffView:
    return staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)


@pytest.fixture
def counter(db: peewee.Database, admin: StaffView) -> StaffView:
    return staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357", by=admin)
