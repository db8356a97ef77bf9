"""An order's media files at the counter: see them, deliver them, give a streaming link.

``MediaFilesDialog(order_id)`` is opened from the order screen (Ctrl+F, "Mediefiler").
It lists the order's files — opaque name, medium, size, format and length or pixels,
state (not delivered, under warranty until a date, kept by consent, expired) — and the
order's live streaming links, and offers:

- F2: copy every file to the folder typed (the customer's drive, where it is mounted;
  the drives mounted under /media, /run/media and /mnt are offered as staff type, →
  takes the offer) with the kind of drive as typed; the verified copy runs on the
  store thread with a progress bar, and a full drive, a file too big for it, a folder
  missing or not writable is said in plain words (the service removes what it had
  copied and records nothing, docs/media-files.md);
- F3: a streaming link — refused with the reason without the customer's ``streaming``
  consent — shown as the address to give the customer (``[media] public_url``, as
  ``viver files link`` prints it) and its last valid day;
- F4: revoke the link highlighted in the links' table.

Who may do what is the services' rule (``media_files.may_deliver`` / ``may_link`` and
their ``require_role``); a refusal is shown in the dialog.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Input, Label, ProgressBar, Static

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date, format_datetime
from viver_tui.locale.sizes import format_size
from viver_tui.media_store import open_store
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import media_files
from viver_tui.services.media_files import Delivered, NewLink, OrderFile, OrderMedia
from viver_tui.services.staff import StaffView
from viver_tui.widgets.fitted_table import WHOLE, WIDE, FittedTable, Share


def format_text(f: OrderFile) -> str:
    """``mov 1:02:03`` for a video, ``jpeg 640×480`` for an image, the format alone
    otherwise (an unknown file: "–")."""
    text = f.format or "–"
    if f.duration_s is not None:
        seconds = round(f.duration_s)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        length = f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
        return f"{text} {length}"
    if f.width and f.height:
        return f"{text} {f.width}×{f.height}"
    return text


def state_text(f: OrderFile) -> str:
    if f.state == "warranty" and f.warranty_until is not None:
        return t("media.files.until", date=format_date(f.warranty_until))
    return t(f"media.state.{f.state}")


class MediaFilesDialog(ModalScreen[None]):
    """The order's files and links; F2 delivers, F3 makes a link, F4 revokes, Esc."""

    DEFAULT_CSS = """
    MediaFilesDialog #media-files-table { height: auto; max-height: 8; }
    MediaFilesDialog #media-links { height: auto; max-height: 4; }
    MediaFilesDialog #media-links.-empty { display: none; }
    MediaFilesDialog #media-deliver-fields { height: auto; }
    MediaFilesDialog #media-target { width: 1fr; }
    MediaFilesDialog #media-drive { width: 26; }
    MediaFilesDialog #media-progress { height: 1; }
    MediaFilesDialog #media-progress.-idle { display: none; }
    MediaFilesDialog #media-files-result { height: auto; }
    MediaFilesDialog #media-files-result.-error { color: $error; }
    """
    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("f2", "deliver", "key.media_deliver"),
        Binding("f3", "make_link", "key.media_link"),
        Binding("f4", "revoke_link", "key.media_revoke"),
    ]

    def __init__(self, order_id: int) -> None:
        super().__init__(id="media-files-dialog", classes="small-dialog")
        localize_bindings(self)
        self.order_id = order_id
        self.media: OrderMedia | None = None
        self.busy = False
        self._shown_percent = -1

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("media.files.loading"), id="media-files-title",
                        classes="dialog-title")
            files = FittedTable(id="media-files-table", cursor_type="row", zebra_stripes=True)
            files.add_column(t("media.files.col.file"), key="name")
            files.add_column(t("media.files.col.medium"), key="medium")
            files.add_column(t("media.files.col.size"), key="size")
            files.add_column(t("media.files.col.format"), key="format")
            files.add_column(t("media.files.col.state"), key="state")
            # At 80 columns the opaque name gives way first (its start is the time, its
            # end the chance: a dozen characters still tell the files apart).
            files.set_shares({"medium": WHOLE, "size": WHOLE, "state": WHOLE, "name": WIDE,
                              "format": Share(weight=2)})
            yield files
            yield Static("", id="media-files-summary")
            links = FittedTable(id="media-links", cursor_type="row", classes="-empty")
            links.add_column(t("media.files.col.link"), key="id")
            links.add_column(t("media.files.col.made"), key="made")
            links.add_column(t("media.files.col.valid"), key="valid")
            links.set_shares({"id": WHOLE, "valid": WHOLE})
            yield links
            with Horizontal(id="media-deliver-fields"):
                target = Input(id="media-target", placeholder="/media/…")
                target.border_title = t("media.files.target")
                yield target
                drive = Input(id="media-drive", placeholder=t("media.files.drive_hint"),
                              max_length=100)
                drive.border_title = t("media.files.drive")
                yield drive
            yield ProgressBar(id="media-progress", show_eta=False, classes="-idle")
            yield Static("", id="media-files-result")
            yield Static(t("media.files.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#media-target", Input).focus()
        self._load()
        run_service(self, media_files.removable_drives, on_done=self._offer_drives,
                    description="mounted drives")

    def _offer_drives(self, folders: list[str]) -> None:
        """The drives mounted under /media, /run/media or /mnt, offered as staff type
        the folder (→ takes the suggestion)."""
        if folders:
            self.query_one("#media-target", Input).suggester = SuggestFromList(folders)

    def _load(self) -> None:
        app = self.app
        run_service(
            self,
            partial(media_files.order_media, app.db, self.order_id,  # type: ignore[attr-defined]
                    app.settings.warranty_days),  # type: ignore[attr-defined]
            on_done=self.show_media,
            on_error=self._failed,
            description="media files",
        )

    def show_media(self, media: OrderMedia) -> None:
        self.media = media
        self.query_one("#media-files-title", Label).update(
            t("media.files.title", number=media.number))
        table = self.query_one("#media-files-table", DataTable)
        table.clear()
        for f in media.files:
            table.add_row(Text(f.name), shown(f.medium), Text(format_size(f.size)),
                          shown(format_text(f)), Text(state_text(f)), key=f.name)
        if media.files:
            summary = t("media.files.summary", count=len(media.files),
                        size=format_size(media.size))
        else:
            summary = t("media.files.none")
        consent = "media.files.streaming_yes" if media.streaming else "media.files.streaming_no"
        self.query_one("#media-files-summary", Static).update(
            shown(f"{summary} {t(consent)}"))
        links = self.query_one("#media-links", DataTable)
        links.clear()
        for link in media.links:
            links.add_row(Text(str(link.id)),
                          shown(f"{format_datetime(link.created_at)} {link.created_by}"),
                          Text(format_date(link.last_day)), key=str(link.id))
        links.set_class(not media.links, "-empty")

    # --- what staff see happen ------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        result = self.query_one("#media-files-result", Static)
        result.update(shown(text, multiline=True))
        result.set_class(error, "-error")

    def _failed(self, error: ViverError) -> None:
        self.busy = False
        self.query_one("#media-progress", ProgressBar).add_class("-idle")
        self.say(error.message, error=True)

    def _start(self, text: str) -> bool:
        if self.busy:
            self.say(t("media.files.busy"), error=True)
            return False
        if not isinstance(self.app.who, StaffView):  # type: ignore[attr-defined]
            # Nobody signed in (never so behind the sign-in screen): the services would
            # refuse it too.
            self.say(t("staff.not_signed_in"), error=True)
            return False
        self.busy = True
        self.say(text)
        return True

    # --- F2: on the customer's drive ------------------------------------------------

    def action_deliver(self) -> None:
        typed = self.query_one("#media-target", Input).value.strip()
        if not typed:
            self.say(t("media.files.no_target"), error=True)
            self.query_one("#media-target", Input).focus()
            return
        folder = Path(typed).expanduser()
        if not self._start(t("media.files.copying", folder=folder)):
            return
        app = self.app
        bar = self.query_one("#media-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.remove_class("-idle")
        self._shown_percent = -1
        store = open_store(app.settings.media_dir)  # type: ignore[attr-defined]
        drive = self.query_one("#media-drive", Input).value
        run_service(
            self,
            partial(media_files.deliver_to_drive, app.db, store,  # type: ignore[attr-defined]
                    self.order_id, folder, drive, app.who,  # type: ignore[attr-defined]
                    progress=self._progress_from_thread),
            on_done=self._delivered,
            on_error=self._failed,
            description="media delivery",
        )

    def _progress_from_thread(self, done: int, total: int) -> None:
        """From the copying thread: the bar moves by whole percents (no flood of
        messages for a large delivery)."""
        percent = done * 100 // total if total else 100
        if percent != self._shown_percent:
            self._shown_percent = percent
            self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#media-progress", ProgressBar).update(total=total, progress=done)

    def _delivered(self, done: Delivered) -> None:
        self.busy = False
        self.query_one("#media-progress", ProgressBar).add_class("-idle")
        self.say(t("media.files.delivered", count=done.files, size=format_size(done.bytes),
                   folder=done.folder))
        self._load()

    # --- F3 / F4: streaming links ---------------------------------------------------

    def action_make_link(self) -> None:
        if not self._start(t("media.files.making_link")):
            return
        app = self.app
        run_service(
            self,
            partial(media_files.create_link, app.db, self.order_id,  # type: ignore[attr-defined]
                    app.who, app.settings.warranty_days),  # type: ignore[attr-defined]
            on_done=self._link_made,
            on_error=self._failed,
            description="media link",
        )

    def _link_made(self, link: NewLink) -> None:
        self.busy = False
        settings = self.app.settings  # type: ignore[attr-defined]
        url = media_files.public_url(settings.public_url, settings.serve_host,
                                     settings.serve_port, link.token)
        self.say(t("media.files.link_made", id=link.id, until=format_date(link.last_day))
                 + "\n" + url)
        self._load()

    def action_revoke_link(self) -> None:
        links = self.query_one("#media-links", DataTable)
        if self.media is None or not self.media.links:
            self.say(t("media.files.no_link"), error=True)
            return
        row = max(0, min(links.cursor_row, len(self.media.links) - 1))
        link_id = self.media.links[row].id
        if not self._start(""):
            return
        app = self.app

        def revoked(done: bool) -> None:
            self.busy = False
            self.say(t("media.link.revoked" if done else "media.link.not_live", id=link_id))
            self._load()

        run_service(
            self,
            partial(media_files.revoke_link, app.db, link_id, app.who),  # type: ignore[attr-defined]
            on_done=revoked,
            on_error=self._failed,
            description="media revoke",
        )

    def action_close(self) -> None:
        if self.busy:
            self.say(t("media.files.busy"), error=True)
            return
        self.dismiss(None)
