"""A full disk, for real, without root: the import and the delivery meet it and leave
nothing half-done — no orphan file, no ``.part``, no row without its file, no file on
the customer's drive without its delivery on record — and say so in plain words.

How the disk fills up here:

- ``RLIMIT_FSIZE``: a ``viver`` process started with a file-size limit (and SIGXFSZ
  ignored, so the kernel answers ``EFBIG`` instead of killing it) cannot write a file
  past the limit: exactly what a FAT32 stick does at 4 GB, and where a write on a full
  disk fails the same way (``copy_out`` and the store treat ENOSPC and EFBIG alike);
- a sparse file larger than the disk's free space (it takes no room itself): the
  check before copying refuses it — under the limit too, so a missing check fails the
  test with the other message instead of filling the machine's disk;
- a 1 MB tmpfs in a user and mount namespace (``unshare -rm``, no root needed where
  unprivileged user namespaces are allowed): a real ENOSPC-sized drive.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.media.conftest import make_image
from viver_tui.db import reading
from viver_tui.media_store import open_store
from viver_tui.models import MediaDelivery, MediaFile
from viver_tui.services import media_files
from viver_tui.store import open_database

LIMIT = 2 * 1024 * 1024  # the largest file the limited process may write


@pytest.fixture
def db(tmp_path: Path):
    """The shop's database as a file the ``viver`` subprocess opens too."""
    opened = open_database(f"sqlite:///{tmp_path / 'viver.db'}")
    yield opened
    opened.close()


def _limited() -> None:  # runs in the child between fork and exec
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def viver(tmp_path: Path, *args: str, stdin: str, limit: bool = True,
          prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``viver`` as the shop runs it, its settings in tmp_path, optionally limited."""
    config = tmp_path / "config.toml"
    config.write_text(f"[media]\ndir = {str(tmp_path / 'media')!r}\n")
    environment = {
        **os.environ,
        "VIVER_CONFIG": str(config),
        "VIVER_DATABASE": str(tmp_path / "viver.db"),
        "VIVER_SPOOL_DIR": str(tmp_path / "spool"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [*prefix, sys.executable, "-m", "viver_tui", *args], input=stdin,
        capture_output=True, text=True, env=environment, timeout=120,
        preexec_fn=_limited if limit else None,
    )


def _nothing_half_done(db, tmp_path: Path, registered: int) -> None:
    store = open_store(tmp_path / "media")
    assert store.leftovers() == []
    with reading(db):
        rows = [r.name for r in MediaFile.select()]
    assert len(rows) == registered
    assert sorted(store.names()) == sorted(rows)  # no file without its row, nor the reverse
    assert media_files.check(db, store) == []


def test_import_meets_a_full_disk_and_leaves_nothing_half_done(db, prod, order,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    make_image(folder / "a.png", 64, 48)
    (folder / "b.mp4").write_bytes(os.urandom(LIMIT + 512 * 1024))  # past the limit
    db.close()
    done = viver(tmp_path, "files", "import", str(folder), "--medium", order.codes[0],
                 "--staff", "prod", stdin="1357\n")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "b.mp4" in done.stderr and "for stor for disken med mediefilene" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("Importerte 1 fil (")
    _nothing_half_done(db, tmp_path, registered=1)
    assert sorted(p.name for p in folder.iterdir()) == ["a.png", "b.mp4"]  # sources kept


def test_import_refuses_a_file_larger_than_the_free_space_before_copying(
        db, prod, order, tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    huge = folder / "opptak.mp4"
    with open(huge, "wb") as f:  # sparse: takes no room, reads as zeros
        f.truncate(shutil.disk_usage(tmp_path).free + 2**30)
    db.close()
    done = viver(tmp_path, "files", "import", str(folder), "--medium", order.codes[0],
                 "--staff", "prod", stdin="1357\n")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "opptak.mp4" in done.stderr and "får ikke plass" in done.stderr, done.stderr
    _nothing_half_done(db, tmp_path, registered=0)


def _import(db, prod, order, tmp_path: Path, sizes: dict[str, int]) -> list[str]:
    folder = tmp_path / "scan"
    folder.mkdir()
    for name, size in sizes.items():
        (folder / name).write_bytes(os.urandom(size))
    result = media_files.import_folder(db, open_store(tmp_path / "media"), folder,
                                       order.codes[0], prod)
    assert result.ok
    return [f.name for f in result.imported]


def _nothing_delivered(db) -> None:
    with reading(db):
        assert MediaDelivery.select().count() == 0
        assert MediaFile.select().where(MediaFile.delivered_at.is_null(False)).count() == 0


def test_delivery_meets_a_full_drive_and_removes_what_it_copied(db, prod, counter, order,
                                                                tmp_path: Path) -> None:
    # The first file fits and is copied; the second is past the limit.
    _import(db, prod, order, tmp_path, {"a.mp4": 300_000, "b.mp4": LIMIT + 300_000})
    drive = tmp_path / "usb"
    drive.mkdir()
    (drive / "kundens egne bilder.jpg").write_bytes(b"not ours")
    db.close()
    done = viver(tmp_path, "files", "deliver", str(order.number), "--to", str(drive),
                 "--drive", "USB 32 GB FAT32", "--staff", "disk", stdin="8642\n")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "for stor for kundens disk" in done.stderr and "Traceback" not in done.stderr
    # The file already copied is gone again, no .part stays, the customer's own file
    # is untouched, and nothing is recorded.
    assert [p.name for p in drive.iterdir()] == ["kundens egne bilder.jpg"]
    _nothing_delivered(db)


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="no unprivileged user namespaces here")
def test_delivery_to_a_drive_without_room_copies_nothing(db, prod, counter, order,
                                                         tmp_path: Path) -> None:
    _import(db, prod, order, tmp_path, {"a.mp4": 600_000, "b.mp4": 600_000})
    drive = tmp_path / "usb"
    drive.mkdir()
    db.close()
    # A 1 MB drive, mounted over the folder inside the namespace of this one command.
    script = (f"mount -t tmpfs -o size=1m tmpfs {drive} && exec \"$@\"")
    done = viver(tmp_path, "files", "deliver", str(order.number), "--to", str(drive),
                 "--staff", "disk", stdin="8642\n", limit=False,
                 prefix=("unshare", "-rm", "sh", "-c", script, "sh"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ikke plass på kundens disk" in done.stderr, done.stderr
    assert "Ingenting ble kopiert" in done.stderr
    _nothing_delivered(db)


@pytest.mark.skipif(not _unshare_works(), reason="no unprivileged user namespaces here")
def test_delivery_meets_enospc_mid_copy_and_removes_what_it_copied(
        db, prod, counter, order, tmp_path: Path) -> None:
    # Room enough by bytes (the check before copying passes), but the drive takes only
    # one more file (its inodes run out): the second file's copy meets ENOSPC.
    _import(db, prod, order, tmp_path, {"a.mp4": 100_000, "b.mp4": 100_000})
    drive = tmp_path / "usb"
    drive.mkdir()
    db.close()
    script = (f"mount -t tmpfs -o size=4m,nr_inodes=2 tmpfs {drive} && \"$@\"; "
              f"rc=$?; ls -A {drive} >&2; exit $rc")
    done = viver(tmp_path, "files", "deliver", str(order.number), "--to", str(drive),
                 "--staff", "disk", stdin="8642\n", limit=False,
                 prefix=("unshare", "-rm", "sh", "-c", script, "sh"))
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert "Kundens disk ble full" in lines[0], done.stderr
    assert lines[1:] == []  # `ls -A` of the drive, inside the namespace: empty
    _nothing_delivered(db)
