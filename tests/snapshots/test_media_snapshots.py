"""Snapshot of the order screen's "Mediefiler" dialog (Ctrl+F) at 80×24 and 120×36 in
bokmål: Ola's order with a video and an image delivered by a streaming link (under
warranty until a date, the live link listed) and an image not delivered yet, the
customer's drive typed. Same shop, data and steadiness as test_snapshots.py; the
files' opaque names and sizes are pinned after they are read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.media.conftest import make_image, make_video
from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from tests.snapshots.test_snapshots import _snap, data, shop  # noqa: F401  (fixtures)
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.media_store import open_store
from viver_tui.screens.media_delivery import MediaFilesDialog
from viver_tui.services import media_files, privacy
from viver_tui.store import open_database

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 36)]
# The files' opaque names and sizes as shown (a ULID is time and chance; a generated
# video's size varies by a few bytes from run to run).
PINNED = [("01JDQ4Z8K3M5N7P9R1T3V5X7Z9.mp4", 1_843_221),
          ("01JDQ4Z8K4A2B4C6D8E0F2G4H6.png", 923_412),
          ("01JDQ5B2C7D9E1F3G5H7J9K1M3.jpg", 473_190)]


@pytest.fixture
def with_files(shop: Settings, data: dict, tmp_path: Path) -> dict:  # noqa: F811
    """Ola's first medium digitized (a 2 s video, an image), a streaming link made with
    his consent (the warranty starts); then a third file imported, not yet delivered."""
    db = open_database(shop.database_url)
    store = open_store(shop.media_dir)
    admin = as_staff(db, "adm")  # an admin, signed in (the shop's first admin made it)
    code = data["three"].media[0].code
    first = tmp_path / "scan1"
    first.mkdir()
    make_video(first / "a.mp4")
    make_image(first / "b.png", 640, 480)
    assert media_files.import_folder(db, store, first, code, admin).ok
    privacy.give_consent(db, data["three"].customer_id, "streaming", admin)
    media_files.create_link(db, data["three"].id, admin, shop.warranty_days)
    later = tmp_path / "scan2"
    later.mkdir()
    make_image(later / "c.jpg", 1024, 768)
    assert media_files.import_folder(db, store, later, code, admin).ok
    db.close()
    return data


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_media_files_dialog(snap_compare: Snap, shop: Settings, with_files: dict,  # noqa: F811
                            size: tuple[int, int]) -> None:
    app = make_app(shop)

    async def keys(pilot: Pilot) -> None:
        app.open_order(with_files["three"].id)
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, MediaFilesDialog) and dialog.media is not None
        media = dialog.media
        assert [f.state for f in media.files] == ["warranty", "warranty", "undelivered"]
        dialog.show_media(replace(media, files=tuple(
            replace(f, name=name, size=size)
            for f, (name, size) in zip(media.files, PINNED, strict=True))))
        await type_text(pilot, "/media/kasse/KUNDE_USB\t")
        await type_text(pilot, "USB 64 GB")

    assert _snap(snap_compare, app, keys, size)
