"""The import dialog the production screen opens: a folder picked, F2, the files in the
store; refusals shown in the dialog, which stays open."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, Static

from tests.media.conftest import make_image
from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import type_text, wait_for
from tests.signing_in import as_staff
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
    cid = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(app.db, "T")).id
    order = intake.open_order(app.db, cid, "T")
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul 1987"), settings.media_kinds,
                      "T")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), "T")
    code = order.media[0].code
    scans = tmp_path / "scans"
    (scans / "vhs1").mkdir(parents=True)
    make_image(scans / "vhs1" / "a.png", 64, 48)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "prod")
        # From the production room, as staff do it: scan the medium, Ctrl+F, the folder.
        # (The folder tree's loader is a worker that runs as long as the tree: the
        # dialog's outcome is waited for, not every worker.)
        await pilot.press("f11")
        await type_text(pilot, code)
        await pilot.press("enter")
        assert await wait_for(lambda: code in " ".join(app.screen.messages))
        await pilot.press("ctrl+f")
        assert await wait_for(lambda: isinstance(app.screen, MediaImportDialog))
        path = app.screen.query_one("#media-import-path", Input)
        path.focus()
        path.value = ""
        await type_text(pilot, str(scans / "vhs1"))
        await pilot.press("f2")
        assert await wait_for(lambda: not isinstance(app.screen, MediaImportDialog))
        assert await wait_for(lambda: "Importerte 1 fil (" in app.screen.messages[-1])
        assert MediaFile.select().count() == 1
        # The workload view shows the store by state (not delivered yet) and free space.
        await pilot.press("f1")

        def store_line() -> str:
            return str(app.screen.query_one("#workload-store", Static).render())

        assert await wait_for(lambda: "ikke levert: 1 fil," in store_line()), store_line()
        assert "Ledig plass" in store_line() and "i garantitiden: 0 filer" in store_line()
        await pilot.press("escape")
        # The same folder again: a duplicate, shown in the dialog, which stays open.
        app.push_screen(MediaImportDialog(code, start=scans / "vhs1"))
        await pilot.pause()
        await pilot.press("f2")

        def message() -> str:
            return str(app.screen.query_one("#media-import-result", Static).render())

        assert await wait_for(lambda: "finnes allerede" in message()), message()
        assert isinstance(app.screen, MediaImportDialog)
    assert MediaFile.select().count() == 1
