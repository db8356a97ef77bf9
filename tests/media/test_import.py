"""Import: verified copies under opaque names, registered in one transaction; a file
changing mid-copy, a short read, a duplicate leave nothing half-registered."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.media.conftest import ADDRESS, EMAIL, NAME, NOTES, PHONE
from viver_tui.db import reading
from viver_tui.errors import NotFound
from viver_tui.models import MediaFile
from viver_tui.services import media_files
from viver_tui.services.media_files import ImportRefused
from viver_tui.services.staff import NotAllowed


def _rows(db) -> list[MediaFile]:
    with reading(db):
        return list(MediaFile.select().order_by(MediaFile.id))


def test_import_copies_verifies_and_registers_under_opaque_names(db, prod, order, store,
                                                                 source):
    result = media_files.import_folder(db, store, source, order.codes[0], prod)
    assert result.ok and len(result.imported) == 2
    rows = _rows(db)
    by_format = {r.format: r for r in rows}
    video, image = by_format["mov"], by_format["jpeg"]
    assert (video.codec, video.width, video.height, video.duration_s) == ("mpeg4", 320, 240,
                                                                          2.0)
    assert (image.width, image.height, image.mime) == (640, 480, "image/jpeg")
    assert video.mime == "video/mp4" and video.created_by == "prod"
    for row in rows:
        original = next(p for p in source.iterdir() if p.suffix == "." + row.name.split(".")[1])
        data = original.read_bytes()
        assert row.size == len(data) and row.sha256 == hashlib.sha256(data).hexdigest()
        assert b"".join(store.read(row.name)) == data
    # Names carry nothing of the customer, the order or the original file name.
    fields = [NAME, *NAME.split(), PHONE, EMAIL, ADDRESS, NOTES, "bryllup", "001",
              str(order.number), order.codes[0]]
    for name in [r.name for r in rows] + list(store.names()):
        for value in fields:
            assert value.lower() not in name.lower()
    assert sorted(p.name for p in source.iterdir()) == [f"{NAME} 001.jpg",
                                                        f"{NAME} bryllup.mp4"]


def test_move_deletes_the_source_after_registering(db, prod, order, store, source):
    result = media_files.import_folder(db, store, source, order.codes[0], prod, move=True)
    assert len(result.imported) == 2 and list(source.iterdir()) == []


def test_a_duplicate_is_refused_and_leaves_no_second_copy(db, prod, order, store, source):
    media_files.import_folder(db, store, source, order.codes[0], prod)
    again = media_files.import_folder(db, store, source, order.codes[1], prod)
    assert again.imported == [] and len(again.refused) == 2
    assert "finnes allerede" in again.refused[0][1] and order.codes[0] in again.refused[0][1]
    assert len(_rows(db)) == 2 and len(list(store.names())) == 2
    assert store.leftovers() == []


def test_a_file_that_changes_mid_copy_is_refused_and_nothing_stays(db, prod, order, store,
                                                                   tmp_path: Path):
    path = tmp_path / "opptak.mp4"
    path.write_bytes(os.urandom(9 * 1024 * 1024))  # three chunks

    def append_once(copied: int) -> None:
        if copied <= 4 * 1024 * 1024:
            with open(path, "ab") as f:
                f.write(b"still recording")

    item = media_files.medium_id(db, order.codes[0])
    with pytest.raises(ImportRefused, match="endret mens den ble kopiert"):
        media_files.import_file(db, store, path, item, prod, progress=append_once)
    assert _rows(db) == [] and list(store.names()) == [] and store.leftovers() == []


def test_a_file_rewritten_in_place_mid_copy_is_refused(db, prod, order, store,
                                                        tmp_path: Path):
    """Same size, other bytes (a capture tool rewriting its header): the modification
    time tells."""
    path = tmp_path / "opptak.mp4"
    path.write_bytes(os.urandom(9 * 1024 * 1024))
    before = path.stat().st_mtime_ns

    def rewrite(copied: int) -> None:
        with open(path, "r+b") as f:
            f.write(b"new header")
        os.utime(path, ns=(before + 10**9, before + 10**9))

    item = media_files.medium_id(db, order.codes[0])
    with pytest.raises(ImportRefused, match="endret mens den ble kopiert"):
        media_files.import_file(db, store, path, item, prod, progress=rewrite)
    assert _rows(db) == [] and list(store.names()) == [] and store.leftovers() == []


def test_a_short_read_is_refused_and_nothing_stays(db, prod, order, store, tmp_path: Path):
    path = tmp_path / "opptak.mp4"
    path.write_bytes(os.urandom(9 * 1024 * 1024))

    def truncate(copied: int) -> None:
        os.truncate(path, 5 * 1024 * 1024)

    item = media_files.medium_id(db, order.codes[0])
    with pytest.raises(ImportRefused, match="leste bare"):
        media_files.import_file(db, store, path, item, prod, progress=truncate)
    assert _rows(db) == [] and list(store.names()) == [] and store.leftovers() == []


def test_a_failed_registration_removes_the_published_copy(db, prod, order, store,
                                                          tmp_path: Path):
    """The row's insert fails (a medium deleted meanwhile: the foreign key): the file
    published inside the transaction goes with it."""
    path = tmp_path / "a.mp4"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(Exception):  # noqa: B017 - the driver's IntegrityError
        media_files.import_file(db, store, path, 999_999, prod)
    assert _rows(db) == [] and list(store.names()) == [] and store.leftovers() == []


def test_only_production_or_admin_imports_and_the_medium_must_exist(db, counter, prod, order,
                                                                    store, source):
    with pytest.raises(NotAllowed):
        media_files.import_folder(db, store, source, order.codes[0], counter)
    with pytest.raises(NotFound):
        media_files.import_folder(db, store, source, "999999-01", prod)
    assert _rows(db) == []


def test_migration_19_adds_the_media_tables_to_a_version_18_database(db, prod, order, store,
                                                                     source):
    from viver_tui import migrations
    from viver_tui.db import writing
    from viver_tui.models import MediaDeletion, MediaDelivery, SchemaInfo, StreamLink

    with writing(db):  # back to schema 18: no media tables
        db.drop_tables([StreamLink, MediaDelivery, MediaFile, MediaDeletion])
        SchemaInfo.update(value="18").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={19: migrations.MIGRATIONS[19]}) == 19
    assert media_files.import_folder(db, store, source, order.codes[0], prod).ok
