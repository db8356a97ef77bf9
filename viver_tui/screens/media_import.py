"""Import a medium's files from the production screen: pick the folder, F2 imports.

``MediaImportDialog(code)`` is pushed by the production screen once the medium is
scanned; it dismisses with the ``ImportResult`` when every file went in, and stays
open listing the refusals (changed while copied, duplicate, disk full …) otherwise.
The copy runs on the store thread (``run_service``), never on the UI thread.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, Static

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.sizes import format_size
from viver_tui.media_store import open_store
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import media_files
from viver_tui.services.media_files import ImportResult


class MediaImportDialog(ModalScreen[ImportResult | None]):
    """A folder tree and the chosen path (typeable); F2 or Enter imports, Esc cancels."""

    DEFAULT_CSS = """
    MediaImportDialog > Vertical { height: 80%; }
    MediaImportDialog DirectoryTree { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("f2", "run_import", "key.media_import"),
    ]

    def __init__(self, medium_code: str, start: Path | None = None) -> None:
        super().__init__(id="media-import-dialog", classes="small-dialog")
        localize_bindings(self)
        self.medium_code = medium_code
        self.start = start or Path.home()
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(shown(t("media.dialog.title", code=self.medium_code)),
                        classes="dialog-title")
            yield DirectoryTree(self.start, id="media-import-tree")
            yield Input(str(self.start), id="media-import-path")
            yield Static("", id="media-import-result", classes="dialog-error")
            yield Label(t("media.dialog.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    @on(DirectoryTree.DirectorySelected)
    def folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one("#media-import-path", Input).value = str(event.path)

    @on(Input.Submitted, "#media-import-path")
    def path_typed(self) -> None:
        self.action_run_import()

    def action_run_import(self) -> None:
        if self.busy:
            return
        self.busy = True
        app = self.app
        folder = Path(self.query_one("#media-import-path", Input).value.strip()).expanduser()
        store = open_store(app.settings.media_dir)  # type: ignore[attr-defined]
        self.query_one("#media-import-result", Static).update(t("media.dialog.working"))
        run_service(
            self,
            partial(media_files.import_folder, app.db, store, folder,  # type: ignore[attr-defined]
                    self.medium_code, app.who),  # type: ignore[attr-defined]
            on_done=self._done,
            on_error=self._failed,
            description="media import",
        )

    def _done(self, result: ImportResult) -> None:
        self.busy = False
        if result.ok:
            self.dismiss(result)
            return
        lines = [t("media.import.done", count=len(result.imported), code=result.medium,
                   size=format_size(sum(f.size for f in result.imported)))]
        lines += [t("media.import.refused_line", file=f, message=m) for f, m in result.refused]
        self.query_one("#media-import-result", Static).update(
            shown("\n".join(lines), multiline=True)
        )

    def _failed(self, error: ViverError) -> None:
        self.busy = False
        self.query_one("#media-import-result", Static).update(shown(error.message))

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)
