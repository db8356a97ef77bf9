"""Privacy actions for the signed-in person: the admin menu, consents, innsyn, erasure.

Who may do what is decided by the services (``require_admin`` / ``require_role``); the
screens only hide the keys of actions the signed-in person's role does not allow, so a
counter or production worker never sees them. A key pressed anyway is refused by
``check_action`` here and, behind it, by the service.
"""

from __future__ import annotations

import unicodedata
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import printable, shown
from viver_tui.locale.formatting import format_date, format_datetime
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import privacy
from viver_tui.services.privacy import AccessExport, ConsentView

# Roles as the staff service names them (compared here, decided there).
ADMIN, COUNTER = "admin", "counter"


def signed_in_role(app: Any) -> str | None:
    """The role of the person signed in at this terminal; None when nobody signed in
    (staff named by the settings sign in to nothing and get no privacy actions)."""
    view = getattr(app, "signed_in", None)
    if view is None or not getattr(view, "active", False):
        return None
    return str(view.role)


def is_admin(app: Any) -> bool:
    return signed_in_role(app) == ADMIN


def may_record_consent(app: Any) -> bool:
    return signed_in_role(app) in (COUNTER, ADMIN)


class AdminScreen(Screen[None]):
    """A screen only an admin may see. Each time it comes to the front — opened, or
    back after the counter was locked and someone signed in over it — it checks who is
    signed in now, and closes itself for anyone but an admin (the sign-in covered it
    meanwhile, so its rows were never shown to them)."""

    def on_screen_resume(self) -> None:
        if not is_admin(self.app) and self.is_current:
            self.dismiss(None)


class AdminMenu(ModalScreen[str | None]):
    """F8 for an admin: the access log (all, or this customer's) and innsyn requests."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, customer_id: int | None = None) -> None:
        super().__init__(id="admin-menu", classes="small-dialog")
        localize_bindings(self)
        self.customer_id = customer_id

    def compose(self) -> ComposeResult:
        options = [Option(t("admin.menu.log"), id="log")]
        if self.customer_id is not None:
            options.append(
                Option(t("admin.menu.log_customer", id=self.customer_id), id="log_customer")
            )
        options.append(Option(t("admin.menu.requests"), id="requests"))
        with Vertical():
            yield Label(t("admin.menu.title"), classes="dialog-title")
            yield OptionList(*options, id="admin-options")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- consents ---------------------------------------------------------------------------


def consent_lines(consents: list[ConsentView]) -> Text:
    """The card's consent section: purpose, text version, given when and by whom, and
    the withdrawal — withdrawn ones stay listed (they are part of the record)."""
    if not consents:
        return Text(t("consents.none"))
    out = Text()
    for index, c in enumerate(consents):
        if index:
            out.append("\n")
        line = t(
            "consents.line",
            purpose=t(f"consent.purpose.{c.purpose}"),
            version=c.text_version,
            at=format_datetime(c.given_at),
            by=c.given_by,
        )
        if c.withdrawn_at is not None:
            line += " · " + t(
                "consents.withdrawn_line", at=format_datetime(c.withdrawn_at),
                by=c.withdrawn_by or "",
            )
        text = shown(line)
        if c.withdrawn_at is not None:
            text.stylize("dim")
        out.append_text(text)
    return out


class ConsentDialog(ModalScreen[bool]):
    """Give or withdraw a consent, one purpose at a time.

    Enter on a purpose asks first: giving shows the exact text the customer agrees to,
    withdrawing names the consent; J confirms, N or Esc goes back to the list. Dismisses
    with True when anything changed (the card reloads its consents).
    """

    BINDINGS = [Binding("escape", "cancel", "key.back")]

    def __init__(self, customer_id: int) -> None:
        super().__init__(id="consent-dialog", classes="small-dialog")
        localize_bindings(self)
        self.customer_id = customer_id
        self.consents: list[ConsentView] = []
        self.asking: str | None = None  # the purpose whose change waits for J/N
        self.changed = False
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("consents.title", id=self.customer_id), classes="dialog-title")
            yield OptionList(id="consent-options")
            yield Static("", id="consent-question")
            yield Label("", id="consent-error", classes="dialog-error")
            yield Label(t("consents.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    def load(self) -> None:
        run_service(
            self,
            partial(privacy.consents_for, self.app.db, self.customer_id),  # type: ignore[attr-defined]
            on_done=self.show,
            on_error=self._failed,
        )

    def active(self, purpose: str) -> ConsentView | None:
        return next((c for c in self.consents if c.purpose == purpose and c.active), None)

    def show(self, consents: list[ConsentView]) -> None:
        self.consents = consents
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for purpose in privacy.PURPOSES:
            current = self.active(purpose)
            state = (
                t("consents.state.given", date=format_date(current.given_at), by=current.given_by)
                if current is not None
                else t("consents.state.not_given")
            )
            options.add_option(
                Option(shown(f"{t(f'consent.purpose.{purpose}')} — {state}"), id=purpose)
            )
        options.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        purpose = event.option.id or ""
        self.asking = purpose
        question = self.query_one("#consent-question", Static)
        name = t(f"consent.purpose.{purpose}")
        if self.active(purpose) is not None:
            question.update(shown(t("consents.ask_withdraw", purpose=name)))
        else:
            text = privacy.consent_text(purpose)
            question.update(
                shown(t("consents.ask_give", purpose=name, text=text), multiline=True)
            )
        self.query_one("#consent-error", Label).update("")

    def on_key(self, event: events.Key) -> None:
        if self.asking is None or event.key not in ("j", "y", "n"):
            return
        event.stop()
        purpose, self.asking = self.asking, None
        self.query_one("#consent-question", Static).update("")
        if event.key == "n" or self._busy:
            return
        self._busy = True
        app = self.app
        service = privacy.withdraw_consent if self.active(purpose) else privacy.give_consent
        run_service(
            self,
            partial(service, app.db, self.customer_id, purpose, app.signed_in),  # type: ignore[attr-defined]
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, _: object) -> None:
        self._busy = False
        self.changed = True
        self.load()

    def _failed(self, error: ViverError) -> None:
        self._busy = False
        self.query_one("#consent-error", Label).update(shown(error.message))

    def action_cancel(self) -> None:
        if self.asking is not None:  # Esc first takes back the question
            self.asking = None
            self.query_one("#consent-question", Static).update("")
            return
        self.dismiss(self.changed)


# --- innsyn ------------------------------------------------------------------------------


class InnsynDialog(ModalScreen[AccessExport | None]):
    """Innsyn for one customer (admin): the folder to write to and how the answer goes
    out. Enter in the last field exports (JSON and a readable document, through
    ``privacy.export_customer``, which also registers or answers the request). An error
    shows here and what was typed stays."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, customer_id: int) -> None:
        super().__init__(id="innsyn-dialog", classes="small-dialog")
        localize_bindings(self)
        self.customer_id = customer_id
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("innsyn_dialog.title", id=self.customer_id), classes="dialog-title")
            yield Label(t("innsyn_dialog.folder"))
            yield Input(placeholder=t("innsyn_dialog.folder_hint"), id="innsyn-folder")
            yield Label(t("innsyn_dialog.how"))
            yield Input(placeholder=t("innsyn_dialog.how_hint"), id="innsyn-how")
            yield Label("", id="innsyn-error", classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#innsyn-folder", Input).focus()

    @on(Input.Submitted, "#innsyn-folder")
    def folder_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#innsyn-how", Input).focus()

    @on(Input.Submitted, "#innsyn-how")
    def how_done(self, event: Input.Submitted) -> None:
        event.stop()
        folder = self.query_one("#innsyn-folder", Input).value.strip()
        error = self.query_one("#innsyn-error", Label)
        if not folder or any(unicodedata.category(c) in ("Cc", "Cs") for c in folder):
            # A pasted control character (a NUL) would make the path itself fail.
            error.update(t("innsyn_dialog.folder_required" if not folder
                           else "text.control_char"))
            self.query_one("#innsyn-folder", Input).focus()
            return
        if self._busy:
            return
        self._busy = True
        error.update("")
        app = self.app
        run_service(
            self,
            partial(
                privacy.export_customer,
                app.db,  # type: ignore[attr-defined]
                self.customer_id,
                app.signed_in,  # type: ignore[attr-defined]
                Path(folder).expanduser(),
                delivered_how=event.value,
                shop=app.settings,  # type: ignore[attr-defined]
            ),
            on_done=self._exported,
            on_error=self._failed,
        )

    def _exported(self, result: AccessExport) -> None:
        self._busy = False
        self.dismiss(result)

    def _failed(self, error: ViverError) -> None:
        self._busy = False
        self.query_one("#innsyn-error", Label).update(shown(error.message))

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- erasure -----------------------------------------------------------------------------


class EraseDialog(ModalScreen[bool]):
    """Are you sure? Erasure cannot be undone: typing J (ja) and Enter erases, anything
    else or Esc does not."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, customer_id: int, name: str) -> None:
        super().__init__(id="erase-dialog", classes="small-dialog")
        localize_bindings(self)
        self.customer_id = customer_id
        self.customer_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("erase.title", id=self.customer_id), classes="dialog-title")
            yield Static(
                shown(t("erase.question", id=self.customer_id, name=printable(self.customer_name)),
                      multiline=True),
                id="erase-question",
            )
            yield Input(placeholder=t("erase.placeholder"), id="erase-answer")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def answered(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip().casefold() in ("j", "ja", "y", "yes"))

    def action_cancel(self) -> None:
        self.dismiss(False)
