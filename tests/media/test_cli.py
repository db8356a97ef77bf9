"""``viver files …`` and ``purge-expired``'s media part as a shop runs them: a real
process, PINs on standard input, findings on stderr, exit 0 / 2."""

from __future__ import annotations

import socket
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from tests.media.conftest import make_image
from tests.test_privacy_cli import viver as run_viver
from viver_tui.db import writing
from viver_tui.models import MediaFile
from viver_tui.services import privacy
from viver_tui.store import open_database


def viver(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``tests.test_privacy_cli.viver`` with the media store in tmp_path too."""
    config = tmp_path / "config.toml"
    if not config.exists():
        config.write_text(f"[media]\ndir = {str(tmp_path / 'media')!r}\n")
    return run_viver(tmp_path, *args, stdin=stdin)


@pytest.fixture
def db(tmp_path: Path):
    opened = open_database(f"sqlite:///{tmp_path / 'viver.db'}")
    yield opened
    opened.close()


def test_files_commands(tmp_path: Path, db, admin, prod, counter, order) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    make_image(folder / "bilde 1.png")
    make_image(folder / "bilde 2.png", 300, 200)
    db.close()
    done = viver(tmp_path, "files", "import", str(folder), "--medium", order.codes[0],
                 "--staff", "prod", stdin="1357\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Importerte 2 filer (") and order.codes[0] in done.stdout
    again = viver(tmp_path, "files", "import", str(folder), "--medium", order.codes[0],
                  "--staff", "prod", stdin="1357\n")
    assert again.returncode == 2 and again.stderr.count("finnes allerede") == 2
    assert viver(tmp_path, "files", "check").returncode == 0
    usage = viver(tmp_path, "files", "usage")
    assert "ikke levert: 2 filer" in usage.stdout and "Ledig plass" in usage.stdout
    refused = viver(tmp_path, "files", "link", str(order.number), "--staff", "disk",
                    stdin="8642\n")
    assert refused.returncode == 2 and "ikke samtykket" in refused.stderr
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    db.close()
    made = viver(tmp_path, "files", "link", str(order.number), "--staff", "disk",
                 stdin="8642\n")
    assert made.returncode == 0 and "http://127.0.0.1:8765/l/" in made.stdout
    drive = tmp_path / "usb"
    drive.mkdir()
    delivered = viver(tmp_path, "files", "deliver", str(order.number), "--to", str(drive),
                      "--drive", "USB 64 GB", "--staff", "disk", stdin="8642\n")
    assert delivered.returncode == 0, delivered.stderr
    assert len(list(drive.iterdir())) == 4
    assert viver(tmp_path, "files", "due").stdout.strip() == "Ingen filer er forbi garantitiden."
    with writing(db):  # delivered long ago: past the warranty
        MediaFile.update(delivered_at=datetime(2020, 1, 1)).execute()
        name = MediaFile.select().first().name
    db.close()
    assert name in viver(tmp_path, "files", "due").stdout
    free = viver(tmp_path, "files", "free", "--gb", "0,000001", "--staff", "adm",
                 stdin="2468\n")
    assert free.returncode == 0 and "1 filer" in free.stdout, free.stdout + free.stderr
    purged = viver(tmp_path, "purge-expired", "--staff", "adm", stdin="2468\n")
    assert purged.returncode == 0 and "1 mediefil slettet" in purged.stdout, purged.stdout
    assert viver(tmp_path, "files", "check").returncode == 0
    (tmp_path / "media" / "01").mkdir(exist_ok=True)
    (tmp_path / "media" / "01" / "stray").write_bytes(b"x")
    found = viver(tmp_path, "files", "check", "--quick")
    assert found.returncode == 2 and "ikke registrert" in found.stderr


def test_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path) -> None:
    """The address is held by another listener (another `viver serve`, say): one
    Norwegian line, exit 2, and no "serving on …" announced before it failed."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = viver(tmp_path, "serve", "--port", str(port))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (f"viver: Kan ikke lytte på 127.0.0.1:{port}: porten er i "
                                   "bruk (kjører en annen «viver serve» allerede?).")
