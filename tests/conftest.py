"""Shared fixtures: a real database per test, SQLite file or PostgreSQL schema.

``db_url`` is parametrised over both stores, so every service test that asks for it runs
twice. PostgreSQL is the server at 127.0.0.1:5432 (database ``test``, trust auth); each
test gets a fresh schema, dropped afterwards. Set ``VIVER_TEST_PG`` to another URL to
point elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import database
from viver_tui.locale import set_language
from viver_tui.store import open_database

PG_URL = os.environ.get("VIVER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
XDG_DIRS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers per core, at most eight. A test spends much of its time
    waiting (Pilot's idle windows, printer time-outs, PostgreSQL, other processes), so
    one worker per core left the cores a third idle: on the 2-core CI machine, 2 workers
    ran the suite in 550 s and 4 in 443 s (`time pytest -q -n 2` / `-n 4`, 8.12.2026)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1), 8)


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets a home of its own: the user's data, settings, state and cache
    folders (``platformdirs`` reads them from the XDG variables) and ``~`` point into a
    fresh temporary folder, so no test — nor a ``viver`` it starts as a subprocess, which
    inherits the environment — reads or writes the real user's database, spool or
    settings (``~/.local/share/viver_tui`` stays untouched by the suite)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in XDG_DIRS:
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


@pytest.fixture(autouse=True)
def bokmal_by_default() -> Iterator[None]:
    """Every test starts in bokmål, whatever language the test before it in the same
    worker left the process in (a CLI test run in English, say): which tests share a
    worker changes from run to run."""
    set_language("nb")
    yield
    set_language("nb")


@pytest.fixture(autouse=True)
def apps_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app a test runs signs in as the counter worker ``test`` by keys on the
    sign-in screen, as at the counter (tests/signing_in.py; ``by_hand`` opts out)."""
    from tests.signing_in import run_signed_in
    from viver_tui.app import ViverApp

    monkeypatch.setattr(ViverApp, "run_test", run_signed_in(ViverApp.run_test))


@pytest.fixture
def staff_by_role(db: peewee.Database) -> dict:
    """An admin (adm), a counter worker (disk) and a production worker (prod), made by
    the staff service and signed in by PIN (tests/signing_in.py)."""
    from tests.signing_in import people as make_people

    return make_people(db)


def _pg_admin() -> peewee.PostgresqlDatabase:
    from playhouse.db_url import connect

    return connect(PG_URL)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections land in a fresh, empty PostgreSQL schema."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    admin.connect()
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    admin.close()
    yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    if database.obj is not None and not database.is_closed():
        database.close()
    admin.connect()
    admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'viver.db'}"


@pytest.fixture(params=["sqlite_url", "pg_url"], ids=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(request.param)


@pytest.fixture
def db(db_url: str) -> Iterator[peewee.Database]:
    """An opened database with the current schema, on SQLite or PostgreSQL."""
    opened = open_database(db_url)
    yield opened
    if not opened.is_closed():
        opened.close()


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    """Settings for an app on a SQLite file in tmp_path, printing to preview."""
    set_language("nb")
    return replace(
        Settings(),
        database_url=sqlite_url,
        spool_dir=tmp_path / "spool",
        mail_spool_dir=tmp_path / "mail",
        config_path=tmp_path / "config.toml",
    )


@pytest.fixture
def fixed_clock() -> Iterator[datetime]:
    """The shop's clock (``viver_tui.clock``) stopped at 24.11.2026 10:15 for the test:
    dates, history times and "+14" days come out the same on every run."""
    with clock.pinned(datetime(2026, 11, 24, 10, 15)) as now:
        yield now
