"""Warranty, purge and free at the boundary dates (clock pinned), check's findings,
delivery to a drive, sample export by consent, erasure taking files and links."""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.media.conftest import EMAIL, NAME, PHONE
from viver_tui import clock
from viver_tui.db import reading
from viver_tui.models import MediaDeletion, MediaFile, StreamLink
from viver_tui.services import media_files, privacy
from viver_tui.services.media_files import SampleRefused, StreamingRefused

DELIVERED = datetime(2026, 11, 24, 10, 15)
LAST_DAY = date(2027, 2, 22)  # 24.11.2026 + 90 days: still under warranty


def _import_sizes(db, store, order, prod, tmp_path: Path, sizes: list[int]) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i, size in enumerate(sizes):
        (folder / f"f{i}.mp4").write_bytes(os.urandom(size))
    names = [f.name for f in media_files.import_folder(db, store, folder, order.codes[0],
                                                       prod).imported]
    for path in folder.iterdir():
        path.unlink()
    return names


def _deliver(db, store, order, counter, tmp_path: Path, when: datetime = DELIVERED) -> Path:
    drive = tmp_path / "drive"
    drive.mkdir(exist_ok=True)
    with clock.pinned(when):
        media_files.deliver_to_drive(db, store, order.order_id, drive, "USB 64 GB", counter)
    return drive


def test_delivery_copies_verified_with_a_manifest_free_of_personal_data(
        db, prod, counter, order, store, tmp_path):
    names = _import_sizes(db, store, order, prod, tmp_path, [5000, 7000])
    drive = _deliver(db, store, order, counter, tmp_path)
    assert sorted(p.name for p in drive.iterdir()) == sorted([*names, "SHA256SUMS",
                                                             "manifest.csv"])
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=drive, capture_output=True)
    assert check.returncode == 0
    manifest = (drive / "manifest.csv").read_text() + (drive / "SHA256SUMS").read_text()
    for value in (NAME, *NAME.split(), PHONE, EMAIL):
        assert value not in manifest
    assert order.codes[0] in manifest
    with reading(db):
        assert {f.delivered_at for f in MediaFile.select()} == {DELIVERED}


def test_purge_and_free_at_the_warranty_boundary(db, prod, counter, order, store, tmp_path):
    names = _import_sizes(db, store, order, prod, tmp_path, [3000, 4000])
    _deliver(db, store, order, counter, tmp_path)
    on_last_day = media_files.purge_expired_files(db, store, 90, today=LAST_DAY)
    assert on_last_day == ([], [])
    assert media_files.free_space(db, store, 10**9, 90, today=LAST_DAY).freed == 0
    assert media_files.due(db, 90, LAST_DAY) == []
    day_after = date(2027, 2, 23)
    assert [f.name for f in media_files.due(db, 90, day_after)] == names
    freed = media_files.free_space(db, store, 2000, 90, today=day_after)
    assert freed.enough and len(freed.names) == 1  # oldest first, only as much as asked
    deleted, failed = media_files.purge_expired_files(db, store, 90, today=day_after)
    assert failed == [] and len(deleted) == 1
    assert list(store.names()) == []
    with reading(db):
        records = [(r.name, r.size, r.reason) for r in MediaDeletion.select()
                   .order_by(MediaDeletion.id)]
        assert MediaFile.select().count() == 0
    assert sorted(records) == sorted([(names[0], 3000, "space"), (names[1], 4000, "warranty")])


def test_delete_files_itself_refuses_a_file_under_warranty(db, prod, counter, order, store,
                                                           tmp_path):
    """Whatever a caller hands it, only expired files go (erasure excepted)."""
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    _deliver(db, store, order, counter, tmp_path)
    files = media_files.file_states(db, 90, LAST_DAY)
    assert media_files.delete_files(db, store, files, "space", 90, today=LAST_DAY) == ([], [])
    assert len(list(store.names())) == 1


def test_free_says_how_much_it_could_when_less(db, prod, counter, order, store, tmp_path):
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    _deliver(db, store, order, counter, tmp_path)
    freed = media_files.free_space(db, store, 10**9, 90, today=date(2027, 6, 1))
    assert not freed.enough and freed.freed == 3000


def test_keep_past_warranty_consent_keeps_files_until_withdrawn(db, prod, counter, order,
                                                                 store, tmp_path):
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    _deliver(db, store, order, counter, tmp_path)
    privacy.give_consent(db, order.customer_id, "keep_past_warranty", counter)
    later = date(2027, 6, 1)
    assert media_files.purge_expired_files(db, store, 90, today=later) == ([], [])
    usage = media_files.usage(db, store, 90, later)
    assert usage.by_state["kept"] == (1, 3000) and usage.free_bytes
    privacy.withdraw_consent(db, order.customer_id, "keep_past_warranty", counter)
    deleted, _ = media_files.purge_expired_files(db, store, 90, today=later)
    assert len(deleted) == 1


def test_undelivered_files_are_never_deleted(db, prod, order, store, tmp_path):
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    assert media_files.purge_expired_files(db, store, 0, today=date(2040, 1, 1)) == ([], [])
    assert media_files.usage(db, store, 90).by_state["undelivered"] == (1, 3000)


def test_check_finds_missing_changed_and_stray_files(db, prod, order, store, tmp_path):
    names = _import_sizes(db, store, order, prod, tmp_path, [3000, 4000, 5000])
    assert media_files.check(db, store) == []
    root = tmp_path / "media"
    paths = {n: root / n[:2] / n[2:4] / n for n in names}
    paths[names[0]].unlink()
    with open(paths[names[1]], "r+b") as f:  # same size, other bytes
        f.write(b"\0" * 10)
    with open(paths[names[2]], "ab") as f:
        f.write(b"more")
    (root / names[0][:2] / "stray.bin").write_bytes(b"x")
    found = media_files.check(db, store)
    assert len(found) == 4, found
    assert len(media_files.check(db, store, quick=True)) == 3  # the hash is not read


def test_sample_export_is_refused_without_consent(db, prod, admin, counter, order, store,
                                                  tmp_path):
    [name] = _import_sizes(db, store, order, prod, tmp_path, [3000])
    out = tmp_path / "sample"
    out.mkdir()
    with pytest.raises(SampleRefused):
        media_files.export_sample(db, store, name, out, admin)
    assert list(out.iterdir()) == []
    privacy.give_consent(db, order.customer_id, "sample", counter)
    assert media_files.export_sample(db, store, name, out, admin) == 3000
    assert hashlib.sha256((out / name).read_bytes()).hexdigest()


def test_link_needs_streaming_consent_and_withdrawal_revokes_at_once(db, prod, counter, order,
                                                                     store, tmp_path):
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    with pytest.raises(StreamingRefused, match="ikke samtykket"):
        media_files.create_link(db, order.order_id, counter, 90)
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    link = media_files.create_link(db, order.order_id, counter, 90)
    assert len(link.token) >= 43  # 256 bits, URL-safe base 64
    with reading(db):
        stored = StreamLink.get_by_id(link.id).token_hash
    assert link.token not in stored and stored == hashlib.sha256(link.token.encode()).hexdigest()
    assert media_files.resolve(db, link.token) is not None
    wrong = link.token[:-1] + ("B" if link.token.endswith("A") else "A")
    assert media_files.resolve(db, wrong) is None
    privacy.withdraw_consent(db, order.customer_id, "streaming", counter)
    assert media_files.resolve(db, link.token) is None
    with reading(db):
        assert StreamLink.get_by_id(link.id).revoked_why == "consent"
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    assert media_files.resolve(db, link.token) is None  # revoked stays revoked


def test_link_expires_when_the_warranty_ends(db, prod, counter, order, store, tmp_path):
    _import_sizes(db, store, order, prod, tmp_path, [3000])
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    with clock.pinned(DELIVERED):
        link = media_files.create_link(db, order.order_id, counter, 90)
    assert media_files.resolve(db, link.token, now=datetime(2027, 2, 22, 23, 59)) is not None
    assert media_files.resolve(db, link.token, now=datetime(2027, 2, 23, 0, 0)) is None


def test_erasure_deletes_the_customers_files_and_links(db, prod, admin, counter, order, store,
                                                       tmp_path):
    from viver_tui.services import pickup

    names = _import_sizes(db, store, order, prod, tmp_path, [3000, 4000])
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    link = media_files.create_link(db, order.order_id, counter, 90)
    for code in order.codes:
        pickup.release(db, order.order_id, "disk", accepted=True)
        pickup.scan(db, order.order_id, code, "disk")
    pickup.end_visit(db, order.order_id, "disk")
    media_files.use_store(store)
    try:
        # A file that cannot be deleted (in its place a folder: unlink fails even for
        # root) keeps the erasure pending; once it can be, the pending erasure finishes.
        path = tmp_path / "media" / names[0][:2] / names[0][2:4] / names[0]
        path.unlink()
        path.mkdir()
        result = privacy.erase_customer(db, order.customer_id, admin)
        assert not result.finished and "kunne ikke slettes" in result.message
        path.rmdir()
        [result] = privacy.finish_pending_erasures(db)
        assert result.finished, result.message
    finally:
        media_files.use_store(None)
    assert list(store.names()) == []
    assert media_files.resolve(db, link.token) is None
    with reading(db):
        assert MediaFile.select().count() == 0
        assert sorted(r.name for r in MediaDeletion.select()) == sorted(names)
        assert {r.reason for r in MediaDeletion.select()} == {"erasure"}


def test_removable_drives_are_the_mount_points_under_media_and_mnt(tmp_path: Path) -> None:
    """The target folders the delivery dialog offers: read from a mount table in the
    kernel's format (here a file written like /proc/self/mounts)."""
    table = tmp_path / "mounts"
    table.write_text(
        "/dev/vda / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        "/dev/sdb1 /media/kasse/KUNDE\\040USB vfat rw,nosuid 0 0\n"
        "tmpfs /mnt tmpfs rw 0 0\n"
        "/dev/sdc1 /run/media/kasse/Elements exfat rw 0 0\n"
        "/dev/sdd1 /mediaX/not-this ext4 rw 0 0\n"
        "/dev/sde1 /mnt/backup ext4 rw 0 0\n"
    )
    assert media_files.removable_drives(table) == [
        "/mnt/backup", "/run/media/kasse/Elements", "/media/kasse/KUNDE USB"]
    assert media_files.removable_drives(tmp_path / "no-such-table") == []
