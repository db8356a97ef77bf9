"""Delivery from the counter, by keys: the order screen's Ctrl+F "Mediefiler" dialog
lists the order's files; F2 copies them to the folder typed (the customer's drive),
verified, with a manifest, recorded; F3 makes a streaming link only with the customer's
``streaming`` consent (the address then opens the files on the real ``viver serve``
app); F4 revokes it. Roles as the services rule them."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx
from textual.widgets import DataTable, Input, ProgressBar, Static

from tests.media.conftest import make_image, make_video
from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import type_text, wait_for
from tests.serving import running
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.media_server import build_app
from viver_tui.media_store import open_store
from viver_tui.models import MediaDelivery, MediaFile, StreamLink
from viver_tui.screens.media_delivery import MediaFilesDialog
from viver_tui.screens.order import OrderScreen
from viver_tui.services import customers, intake, media_files, privacy
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.staff import StaffView


def shop_with_files(settings: Settings, tmp_path: Path
                    ) -> tuple[ViverApp, dict[str, StaffView], int, int, list[str]]:
    """An app with staff, a customer's confirmed order and two files imported to its
    medium (a real video and a real image): app, people, customer, order id, names."""
    settings = replace(settings, media_dir=tmp_path / "media")
    app, people = staffed_app(settings)
    desk = people["disk"]
    cid = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"),
                             desk).id
    order = intake.open_order(app.db, cid, desk)
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul 1987"), settings.media_kinds,
                      desk)
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), desk)
    scans = tmp_path / "scans"
    scans.mkdir()
    make_video(scans / "jul.mp4")
    make_image(scans / "bilde.png", 64, 48)
    done = media_files.import_folder(app.db, open_store(settings.media_dir), scans,
                                     order.media[0].code, people["prod"])
    assert done.ok
    return app, people, cid, order.id, [f.name for f in done.imported]


async def open_dialog(app: ViverApp, pilot, order_id: int) -> MediaFilesDialog:
    app.open_order(order_id)
    assert await wait_for(lambda: isinstance(app.screen, OrderScreen)
                          and app.screen.order is not None)
    await pilot.press("ctrl+f")
    assert await wait_for(lambda: isinstance(app.screen, MediaFilesDialog)
                          and app.screen.media is not None)
    return app.screen  # type: ignore[return-value]


def result(dialog: MediaFilesDialog) -> str:
    return str(dialog.query_one("#media-files-result", Static).render())


def states(dialog: MediaFilesDialog) -> list[str]:
    table = dialog.query_one("#media-files-table", DataTable)
    return [str(table.get_row_at(i)[4]) for i in range(table.row_count)]


@contextmanager
def serving(app: ViverApp, media_dir: Path) -> Iterator[httpx.Client]:
    """The real ``viver serve`` app (aiohttp's server) on a free port."""
    with running(build_app(app.db, open_store(media_dir))) as base, \
            httpx.Client(base_url=base, timeout=30) as client:
        yield client


async def test_counter_delivers_to_the_drive_and_gives_a_link_only_with_consent(
        settings: Settings, tmp_path: Path) -> None:
    app, people, cid, order_id, names = shop_with_files(settings, tmp_path)
    drive = tmp_path / "usb"
    drive.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "disk")
        dialog = await open_dialog(app, pilot, order_id)
        table = dialog.query_one("#media-files-table", DataTable)
        assert table.row_count == 2 and states(dialog) == ["ikke levert", "ikke levert"]
        assert {str(table.get_row_at(i)[0]) for i in range(2)} == set(names)
        assert "mov 0:02" in [str(table.get_row_at(i)[3]) for i in range(2)]
        summary = str(dialog.query_one("#media-files-summary", Static).render())
        assert summary.startswith("2 filer,") and "ikke samtykket til strømming" in summary

        # F2 with no folder typed: said, nothing copied.
        await pilot.press("f2")
        assert "Skriv mappen" in result(dialog)
        # A folder that is not there (a drive not mounted): said in plain words.
        assert dialog.focused is dialog.query_one("#media-target", Input)
        await type_text(pilot, str(tmp_path / "ikke-montert"))
        await pilot.press("f2")
        assert await wait_for(lambda: "Fant ikke mappen" in result(dialog)), result(dialog)
        # The drive's folder and its kind, typed; F2 copies, verified, and records.
        dialog.query_one("#media-target", Input).value = ""
        await type_text(pilot, str(drive))
        await pilot.press("tab")
        await type_text(pilot, "USB 64 GB")
        await pilot.press("f2")
        assert await wait_for(lambda: result(dialog).startswith("Levert: 2 filer")), \
            result(dialog)
        assert await wait_for(lambda: states(dialog)[0].startswith("i garanti til "))
        bar = dialog.query_one("#media-progress", ProgressBar)  # moved along, now put away
        assert bar.total == bar.progress == dialog.media.size and bar.has_class("-idle")
        assert sorted(p.name for p in drive.iterdir()) == sorted(
            [*names, "SHA256SUMS", "manifest.csv"])
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=drive,
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        with reading(app.db):
            delivery = MediaDelivery.get()
            assert (delivery.kind, delivery.drive, delivery.staff, delivery.files) == (
                "drive", "USB 64 GB", "disk", 2)
            assert MediaFile.select().where(MediaFile.delivered_at.is_null()).count() == 0

        # F3 without the customer's streaming consent: refused with the reason.
        await pilot.press("f3")
        assert await wait_for(lambda: "ikke samtykket til levering ved strømming"
                              in result(dialog)), result(dialog)
        assert dialog.query_one("#media-files-result").has_class("-error")
        with reading(app.db):
            assert StreamLink.select().count() == 0
        # With it: the address to give the customer, and its last day.
        privacy.give_consent(app.db, cid, "streaming", people["disk"])
        await pilot.press("f3")
        assert await wait_for(lambda: "laget, gyldig til og med" in result(dialog)), \
            result(dialog)
        url = re.search(r"http://127\.0\.0\.1:8765/l/([A-Za-z0-9_-]{43})/", result(dialog))
        assert url is not None, result(dialog)
        links = dialog.query_one("#media-links", DataTable)
        assert await wait_for(lambda: links.row_count == 1)
        assert await wait_for(lambda: "har samtykket til strømming" in str(
            dialog.query_one("#media-files-summary", Static).render()))
        # The address opens the order's files on the real streaming server.
        with serving(app, tmp_path / "media") as client:
            page = client.get(f"/l/{url.group(1)}/")
            assert page.status_code == 200 and all(n in page.text for n in names)
            assert "Åse" not in page.text and "91234567" not in page.text
            # F4 revokes the highlighted link: the same address is a 404 at once.
            links.focus()
            await pilot.press("f4")
            assert await wait_for(lambda: "er trukket tilbake" in result(dialog)), \
                result(dialog)
            assert client.get(f"/l/{url.group(1)}/").status_code == 404
        assert await wait_for(lambda: links.row_count == 0)
        await pilot.press("f4")
        assert "Ingen gyldig strømmelenke" in result(dialog)
        await pilot.press("escape")
        assert await wait_for(lambda: isinstance(app.screen, OrderScreen))


async def test_production_may_deliver_but_not_make_links(settings: Settings,
                                                         tmp_path: Path) -> None:
    app, people, cid, order_id, _names = shop_with_files(settings, tmp_path)
    privacy.give_consent(app.db, cid, "streaming", people["disk"])
    drive = tmp_path / "usb"
    drive.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "prod")
        dialog = await open_dialog(app, pilot, order_id)
        await pilot.press("f3")
        assert await wait_for(lambda: "Din rolle (produksjon) har ikke tilgang"
                              in result(dialog)), result(dialog)
        with reading(app.db):
            assert StreamLink.select().count() == 0
        await type_text(pilot, str(drive))
        await pilot.press("f2")
        assert await wait_for(lambda: result(dialog).startswith("Levert: 2 filer")), \
            result(dialog)
    assert media_files.may_deliver(people["prod"]) and not media_files.may_link(people["prod"])
    assert media_files.may_link(people["disk"]) and not media_files.may_link("T")


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """No file of this process may grow past ``limit`` bytes while it holds (the kernel
    answers EFBIG, as a FAT32 stick does at 4 GB); SIGXFSZ ignored meanwhile."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


async def test_a_full_drive_is_said_in_the_dialog_and_nothing_stays(
        settings: Settings, tmp_path: Path) -> None:
    app, people, _cid, order_id, _names = shop_with_files(settings, tmp_path)
    big = tmp_path / "big"
    big.mkdir()
    (big / "opptak.mp4").write_bytes(os.urandom(3 * 1024 * 1024))
    code = media_files.order_media(app.db, order_id, 90).files[0].medium
    assert media_files.import_folder(app.db, open_store(tmp_path / "media"), big, code,
                                     people["prod"]).ok
    drive = tmp_path / "usb"
    drive.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "disk")
        dialog = await open_dialog(app, pilot, order_id)
        await type_text(pilot, str(drive))
        with file_size_limit(2 * 1024 * 1024):  # the two small files fit, the third not
            await pilot.press("f2")
            assert await wait_for(lambda: "for stor for kundens disk" in result(dialog)), \
                result(dialog)
        assert "fjernet igjen; levering ikke registrert" in result(dialog)
        assert not dialog.busy and dialog.query_one("#media-progress").has_class("-idle")
        assert states(dialog) == ["ikke levert"] * 3
    assert list(drive.iterdir()) == []
    with reading(app.db):
        assert MediaDelivery.select().count() == 0
