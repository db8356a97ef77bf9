"""Finding 6 of issue 18: store faults in one clear line each, with the right advice.

The tests run as root, and root writes through file permissions, so a ``chmod 444`` or a
0555 folder proves nothing here. What each test uses instead, and what it proves:

- ``read_only_mount``: the folder bind-mounted read-only — the kernel refuses every
  write (EROFS), to root too: a genuinely read-only folder and file;
- ``immutable``: ``chattr +i`` on the database file — no one, root included, may write
  it, while its folder stays writable (where SQLite would make ``-wal``/``-shm``);
- ``small_disk``: a 2 MB tmpfs filled up — the kernel answers ENOSPC, a full disk;
  where mounting is not allowed, the service test falls back to SQLite's
  ``max_page_count``, which makes SQLite's own SQLITE_FULL real (the free space shown
  is then the machine's);
- damaged pages: garbage written over the customer table's root page in the middle of a
  real file;
- a missing PostgreSQL schema: a ``search_path`` naming a schema that does not exist.

Mount fixtures skip (saying why) where the machine does not allow mounting.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest
from textual.widgets import Input, Static

from tests.conftest import PG_URL
from tests.screens.admin_helpers import PINS, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from viver_tui.app import make_app
from viver_tui.cli import main
from viver_tui.config import Settings
from viver_tui.db import url_of
from viver_tui.errors import DatabaseError
from viver_tui.screens.customer import CustomerFormDialog
from viver_tui.services import customers, demo, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.failures import store_failure
from viver_tui.store import check_database, open_database

DAMAGED_IN_USE = "kjør «viver check», deretter «viver restore» med siste sikkerhetskopi."


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


def mount_tmpfs(folder: Path) -> bool:
    """A 2 MB tmpfs at ``folder`` (made here), if this machine allows it."""
    folder.mkdir()
    return _run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder))


def first_admin(db: peewee.Database) -> staff.StaffView:
    return staff.add(db, name="Åse Admin", initials="adm", role="admin", pin=PINS["adm"], by=None)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real viver database (made once): the staff of ``admin_helpers`` and 60
    customers with their orders."""
    path = tmp_path_factory.mktemp("template") / "viver.db"
    db = open_database(f"sqlite:///{path}")
    admin = first_admin(db)
    for initials, role, name in (("disk", "counter", "Per Skranke"), ("prod", "production",
                                                                      "Pia Prod")):
        staff.add(db, name=name, initials=initials, role=role, pin=PINS[initials], by=admin)
    demo.fill(db, customers=60)  # the staff are there: it adds no demo staff
    db.close()
    assert not Path(f"{path}-wal").exists()  # checkpointed on close: all in the file
    return path


def copy_of(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(template, folder / "viver.db"))


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def arranged(done: bool, undo: tuple[str, ...], why: str, value: Path) -> Iterator[Path]:
    """``value`` for the test if the machine ``done`` what was asked (else skip, saying
    ``why``), and ``undo`` afterwards whatever happens."""
    if not done:
        _run(*undo)
        pytest.skip(why)
    try:
        yield value
    finally:
        _run(*undo)


@pytest.fixture
def read_only_mount(tmp_path: Path, template: Path) -> Iterator[Path]:
    """``tmp_path/ro``: a folder with a sound database, bind-mounted read-only."""
    copy_of(template, tmp_path / "data")
    mounted = tmp_path / "ro"
    mounted.mkdir()
    done = _run("mount", "--bind", str(tmp_path / "data"), str(mounted)) and _run(
        "mount", "-o", "remount,bind,ro", str(mounted)
    )
    why = "this machine does not allow a read-only bind mount (needs root)"
    yield from arranged(done, ("umount", "-l", str(mounted)), why, mounted)


@pytest.fixture
def immutable(tmp_path: Path, template: Path) -> Iterator[Path]:
    """A sound database file under ``chattr +i`` in a writable folder."""
    path = copy_of(template, tmp_path / "data")
    why = "chattr +i is not allowed here (needs root and ext4/xfs/btrfs)"
    yield from arranged(_run("chattr", "+i", str(path)), ("chattr", "-i", str(path)), why, path)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs at ``tmp_path/disk``."""
    disk = tmp_path / "disk"
    why = "this machine does not allow mounting a tmpfs (needs root)"
    yield from arranged(mount_tmpfs(disk), ("umount", "-l", str(disk)), why, disk)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte with a file; returns it (delete it to free)."""
    filler = disk / "filler"
    with filler.open("wb") as file:
        try:
            while True:
                file.write(b"\0" * 4096)
                file.flush()
        except OSError:
            pass
        with contextlib.suppress(OSError):
            file.close()
    return filler


def damage_customers(path: Path) -> None:
    """Garbage over the customer table's root page, in the middle of the file."""
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)  # makes no -wal
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()
    pages, page_size = con.execute("PRAGMA page_count").fetchone()[0], con.execute(
        "PRAGMA page_size"
    ).fetchone()[0]
    con.close()
    assert 1 < root < pages  # not the header's page, not the last
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes(range(256)) * (page_size // 256))


def cli(database: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--database", str(database), *args])
    captured = capsys.readouterr()
    return code, captured.err.splitlines() + captured.out.splitlines()


@pytest.fixture(autouse=True)
def _no_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIVER_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").touch()


# --- read-only ------------------------------------------------------------------------


def test_check_calls_a_sound_database_in_a_read_only_folder_sound_and_read_only(
    read_only_mount: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "damaged — restore the last backup" (every sqlite3 error was damage)."""
    path = read_only_mount / "viver.db"
    code, lines = cli(path, "check", capsys=capsys)
    assert code == 2
    assert lines[0] == (
        f"viver: Databasen er uskadet, men skrivebeskyttet: {read_only_mount} — viver kan "
        "ikke lagre der før brukeren får skrivetilgang."
    )
    assert not any("skadet (" in line or "restore" in line for line in lines)
    code, lines = cli(path, "init", capsys=capsys)
    assert (code, lines) == (2, [
        f"viver: Skrivebeskyttet: mappen {read_only_mount} — SQLite må lage sine arbeidsfiler "
        "der (-wal, -shm). Gi brukeren skrivetilgang til mappen."
    ])
    assert files(read_only_mount) == ["viver.db"]


def test_check_leaves_no_files_it_did_not_find(
    immutable: Path, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``viver check`` on a read-only file left a read-only ``-shm`` behind, after which
    every save failed; on any file it left ``-wal``/``-shm`` it had not found."""
    code, lines = cli(immutable, "check", capsys=capsys)
    assert code == 2 and lines[0].startswith("viver: Databasen er uskadet, men skrivebeskyttet:")
    assert files(immutable.parent) == ["viver.db"]
    sound = copy_of(template, tmp_path / "sound")
    assert cli(sound, "check", capsys=capsys)[0] == 0
    assert files(sound.parent) == ["viver.db"]
    # An app has it open: its -wal and -shm are found, and stay as they were.
    db = open_database(f"sqlite:///{sound}")
    demo.fill(db, customers=1)
    wal = Path(f"{sound}-wal").read_bytes()
    assert cli(sound, "check", capsys=capsys)[0] == 0
    assert files(sound.parent) == ["viver.db", "viver.db-shm", "viver.db-wal"]
    assert Path(f"{sound}-wal").read_bytes() == wal
    db.close()


def test_a_read_only_shm_left_behind_is_named_at_start(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What an older `viver check` left: the start names the file instead of every save
    failing with "Kan ikke åpne databasen : attempt to write a readonly database"."""
    path = copy_of(template, tmp_path / "data")
    shm = Path(f"{path}-shm")
    shm.write_bytes(b"")
    shm.chmod(0o444)  # the mode bits: what viver reads as "made read-only on purpose"
    code, lines = cli(path, "init", capsys=capsys)
    assert (code, lines) == (2, [
        f"viver: Skrivebeskyttet: {shm} — viver må kunne skrive i databasens filer. Gi "
        "brukeren skrivetilgang (chmod u+w) eller bruk en annen database."
    ])


# --- a full disk ------------------------------------------------------------------------


def test_a_full_disk_is_said_with_the_space_left(tmp_path: Path) -> None:
    """It surfaced as "cannot rollback - no transaction is active" (SQLite had rolled
    back already; peewee's rollback then failed and hid the cause)."""
    disk = tmp_path / "disk"
    mounted = mount_tmpfs(disk)
    try:
        db = open_database(f"sqlite:///{disk / 'viver.db'}")
        admin = first_admin(db)
        if mounted:
            fill(disk)
        else:  # SQLite's own limit: SQLITE_FULL as a full disk gives it
            pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
            db.execute_sql(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(Exception) as failure:
            for n in range(200):
                customers.register(
                    db, CustomerInput(name=f"Kari Nordmann {n}", phone="91234567"), admin
                )
        assert "no transaction is active" not in str(failure.value)
        message = store_failure(db, failure.value)
        assert isinstance(message, DatabaseError)
        free = "0" if mounted else ""
        assert message.message.startswith(f"Disken er full: {free}")
        assert message.message.endswith(
            f"MB ledig ({disk}) — frigjør plass; ingenting er tapt (det som ble skrevet, "
            "står igjen på skjermen og kan lagres på nytt)."
        )
        db.close()
    finally:
        if mounted:
            _run("umount", "-l", str(disk))


async def test_a_full_disk_at_the_counter_keeps_the_form_and_saves_once_freed(
    small_disk: Path, settings: Settings
) -> None:
    from dataclasses import replace

    settings = replace(settings, database_url=f"sqlite:///{small_disk / 'viver.db'}")
    app, _people = staffed_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        checkpoint = sqlite3.connect(small_disk / "viver.db")
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must grow
        checkpoint.close()
        filler = fill(small_disk)
        await pilot.press("f2")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        await type_text(pilot, "Kari Nordmann\r91234567")
        await pilot.press("f10")
        await settle(app, pilot)
        message = str(form.query_one("#form-message", Static).render())
        assert message.startswith("Disken er full: 0 MB ledig (")
        assert "ingenting er tapt" in message
        assert app.screen is form and form.query_one("#name", Input).value == "Kari Nordmann"
        filler.unlink()
        await pilot.press("f10")
        await settle(app, pilot)
        assert app.screen is not form
    con = sqlite3.connect(small_disk / "viver.db")
    assert con.execute("SELECT name FROM customer").fetchall() == [("Kari Nordmann",)]
    con.close()


# --- damage ---------------------------------------------------------------------------


def test_damage_is_reported_only_when_integrity_check_finds_it(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(template, tmp_path / "data")
    assert check_database(f"sqlite:///{path}").ok
    damage_customers(path)
    report = check_database(f"sqlite:///{path}")
    assert not report.ok
    assert report.findings[0].startswith(f"Databasefila {path} er skadet (skadede sider)")
    assert files(path.parent) == ["viver.db"]


async def test_damage_found_in_use_says_check_then_restore(
    settings: Settings, template: Path, tmp_path: Path
) -> None:
    """The app showed raw "database disk image is malformed" notices."""
    from dataclasses import replace

    path = copy_of(template, tmp_path / "data")
    damage_customers(path)  # before the app reads a page of it
    app = make_app(replace(settings, database_url=f"sqlite:///{path}"))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await sign_in(app, pilot, "disk")
        await type_text(pilot, "Nordmann")
        await settle(app, pilot)
        notices = [n.message for n in app._notifications]
        assert notices[-1] == f"Databasen er skadet ({path}) — {DAMAGED_IN_USE}"
        assert app.is_running and app.return_code is None


def test_a_cursor_that_meets_damage_is_a_store_failure_not_a_bug(
    template: Path, tmp_path: Path
) -> None:
    """Rows fetched outside peewee's wrapper raise sqlite3's own error."""
    path = copy_of(template, tmp_path / "data")
    db = open_database(f"sqlite:///{path}")
    damage_customers(path)
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as failure:
        raw.execute("SELECT * FROM customer").fetchall()
    raw.close()
    message = store_failure(db, failure.value)
    assert message is not None and message.message == (
        f"Databasen er skadet ({path}) — {DAMAGED_IN_USE}"
    )
    assert url_of(db) == f"sqlite:///{path}"
    db.close()


# --- PostgreSQL -----------------------------------------------------------------------


def test_a_missing_postgresql_schema_is_one_line_without_sql(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`viver init` printed three lines: the error, then the SQL and a caret."""
    separator = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{separator}options=-csearch_path%3Dviver_no_such_schema_{os.getpid()}"
    expected = (
        f"viver: PostgreSQL-skjemaet i {url} finnes ikke (search_path) — opprett det med "
        "CREATE SCHEMA, eller rett adressen."
    )
    for command in ("init", "check"):
        code = main(["--database", url, command])
        captured = capsys.readouterr()
        assert code == 2
        assert captured.err.splitlines() == [expected], command
