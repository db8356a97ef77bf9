"""The import dialog the production screen opens: a folder picked, F2, the files in the
store; refusals shown in the dialog, which stays open."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, Static

from tests.media.conftest import make_image
from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import type_text, wait_for
from viver_tui.config import Settings
from viver_tui.models import MediaFile
from viver_tui.screens.media_import import MediaImportDialog
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails


async def test_f2_imports_the_chosen_folder_and_refusals_stay_on_screen(
        settings: Settings, tmp_path: Path) -> None:
    settings = replace(settings, media_dir=tmp_path / "media")
    app, _ = staffed_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"), "T").id
    order = intake.open_order(app.db, cid, "T")
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul 1987"), settings.media_kinds,
                      "T")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), "T")
    code = order.media[0].code
    scans = tmp_path / "scans"
    (scans / "vhs1").mkdir(parents=True)
    make_image(scans / "vhs1" / "a.png", 64, 48)
    results: list[object] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "prod")
        # (The folder tree's loader is a worker that runs as long as the tree: the
        # dialog's outcome is waited for, not every worker.)
        app.push_screen(MediaImportDialog(code, start=scans), results.append)
        await pilot.pause()
        path = app.screen.query_one("#media-import-path", Input)
        path.focus()
        path.value = ""
        await type_text(pilot, str(scans / "vhs1"))
        await pilot.press("f2")
        assert await wait_for(lambda: bool(results))
        assert not isinstance(app.screen, MediaImportDialog)
        assert results[0].ok and len(results[0].imported) == 1
        # The same folder again: a duplicate, shown in the dialog, which stays open.
        app.push_screen(MediaImportDialog(code, start=scans / "vhs1"))
        await pilot.pause()
        await pilot.press("f2")

        def message() -> str:
            return str(app.screen.query_one("#media-import-result", Static).render())

        assert await wait_for(lambda: "finnes allerede" in message()), message()
        assert isinstance(app.screen, MediaImportDialog)
    assert MediaFile.select().count() == 1
