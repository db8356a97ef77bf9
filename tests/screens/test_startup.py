"""The counter's fast start: first frame before the database, which opens right after."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import replace

from tests.screens.admin_helpers import PINS, staffed_app
from tests.screens.helpers import settle, type_text, wait_for
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.errors import DatabaseTooNew
from viver_tui.services import audit, customers
from viver_tui.services.customers import CustomerInput
from viver_tui.store import open_database


def test_first_screen_needs_neither_peewee_nor_the_services() -> None:
    code = (
        "import sys\nimport viver_tui.app, viver_tui.screens.search, viver_tui.cli\n"
        "print(sorted(m for m in ('peewee', 'viver_tui.models', 'viver_tui.services.customers')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


async def test_typing_before_the_database_is_open_is_searched_once_it_is(
    settings: Settings,
) -> None:
    db = open_database(settings.database_url)
    customers.register(db, CustomerInput(name="Åse Østby", phone="41234567"), as_staff(db, "seed"))
    db.close()
    app = make_app(settings, open_database_later=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "øst")
        assert await wait_for(lambda: app.print_queue is not None)  # opened, queue started
        await settle(app, pilot)
        table = app.screen.query_one("#results")
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Åse Østby"]
    assert app.startup_error is None


async def test_a_database_that_cannot_be_opened_ends_the_app_with_its_reason(
    settings: Settings, tmp_path
) -> None:
    path = tmp_path / "newer.db"
    open_database(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_info SET value = '99'")
    con.commit()
    con.close()
    app = make_app(replace(settings, database_url=f"sqlite:///{path}"), open_database_later=True)
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_for(lambda: app.startup_error is not None)
        await pilot.pause()
    assert isinstance(app.startup_error, DatabaseTooNew)
    assert app.return_code == 2


def test_the_sign_in_screen_is_painted_before_peewee_and_the_staff_service(
    tmp_path,
) -> None:
    """#19.8: the sign-in screen's list of staff imported the staff service (and peewee
    with it) before the first frame, 45 ms of a cold start. It is asked for once the
    database is open. Seen in a fresh process: what is imported when the first frame
    has been painted (the moment the app starts opening the database)."""
    code = f"""
import sys
from dataclasses import replace
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
settings = replace(Settings(), database_url="sqlite:///{tmp_path / 'start.db'}")
app = make_app(settings, open_database_later=True)
def after_first_frame():
    print(sorted(m for m in ("peewee", "viver_tui.services.staff", "viver_tui.store")
                 if m in sys.modules))
    app.exit()
app._after_first_frame = after_first_frame
app.run(headless=True)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_keys_typed_as_viver_starts_sign_in(settings: Settings) -> None:
    """Initials⏎PIN⏎ typed the moment ``viver`` is started, in a real terminal (a pty),
    before the app has even put it in raw mode: the keys were lost — Textual handed them
    to the first screen before its field had the focus, and the tty had turned each
    Enter into a newline (ctrl+j). Now they sign in, in order, as if typed later."""
    _app, people = staffed_app(settings)
    master, child_end = os.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "viver_tui", "--database", settings.database_url],
        stdin=child_end, stdout=child_end, stderr=child_end, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(child_end)
    os.write(master, f"disk\r{PINS['disk']}\r".encode())  # before Python has started
    screen = bytearray()

    def drain() -> None:  # the app's writes must go somewhere, or it blocks on them
        with contextlib.suppress(OSError):
            while chunk := os.read(master, 65536):
                screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()

    def signed_in() -> bool:
        db = open_database(settings.database_url)
        try:
            entries = audit.entries_for(db, people["disk"].id, subject="staff")
            return "sign_in" in [e.action for e in entries]
        finally:
            db.close()

    try:
        deadline = time.monotonic() + 60
        while not signed_in() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert signed_in(), bytes(screen[-2000:]).decode(errors="replace")
        os.write(master, b"\x11")  # Ctrl+Q
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
        reader.join(timeout=10)
