"""The e-mail outbox (F1 anywhere): what is queued, failed or uncertain — or everything —
with send now, cancel and mark sent; the progress of letter runs; K writes a letter.

It shows no address and no text: kind, order number, customer number, status and why.
The list is read again whenever the mail worker reports a message.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_datetime
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import mail
from viver_tui.services.mail import letters
from viver_tui.services.mail.outbox import MessageView


def message_text(view: MessageView) -> Text:
    reason = f" — {view.last_error}" if view.last_error else ""
    customer = f"kunde {view.customer_id}" if view.customer_id else "–"
    return Text(
        f"#{view.id} {view.kind_text} {view.order_number or '–'} · {customer} · "
        f"{view.status_text} · {view.attempts} · {format_datetime(view.created_at)}{reason}"
    )


class OutboxScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("r", "retry", "key.retry_mail", id="mail-retry"),
        Binding("a", "cancel_mail", "key.cancel_mail", id="mail-cancel"),
        Binding("m", "mark_sent", "key.mark_mail_sent", id="mail-mark-sent"),
        Binding("f", "filter", "key.filter", id="mail-filter"),
        Binding("k", "letter", "key.new_letter", id="mail-letter"),
    ]

    DEFAULT_CSS = """
    OutboxScreen { align: center middle; }
    OutboxScreen #outbox-box { width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    OutboxScreen #outbox-list { height: auto; max-height: 20; }
    OutboxScreen #outbox-message, OutboxScreen #outbox-runs { height: auto; }
    OutboxScreen ProgressBar { height: 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="outbox-screen")
        localize_bindings(self)
        self.messages: list[MessageView] = []
        self.everything = False

    def compose(self) -> ComposeResult:
        with Vertical(id="outbox-box"):
            yield Label(t("outbox.title"))
            yield Static(t("outbox.help"), markup=False)
            yield Static(t("outbox.filter.open"), id="outbox-filter", markup=False)
            yield Static("", id="outbox-runs", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="outbox-progress")
            yield OptionList(id="outbox-list")
            yield Static("", id="outbox-message", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.query_one(ProgressBar).display = False
        app_mail = getattr(self.app, "mail", None)
        if app_mail is not None:
            app_mail.listeners.append(self._outcome)
        self.reload()

    def on_unmount(self) -> None:
        app_mail = getattr(self.app, "mail", None)
        if app_mail is not None and self._outcome in app_mail.listeners:
            app_mail.listeners.remove(self._outcome)

    def _outcome(self, _outcome: object) -> None:
        self.reload()

    def reload(self) -> None:
        app: Any = self.app

        def read() -> tuple[list[MessageView], list[letters.Progress], mail.Attention]:
            return (
                mail.outbox_page(app.db, everything=self.everything),
                letters.runs_in_progress(app.db),
                mail.attention(app.db),
            )

        run_service(self, read, on_done=self._show, on_error=self._failed, exclusive=True,
                    group="outbox")

    def _show(self, found: tuple[list[MessageView], list[Any], mail.Attention]) -> None:
        messages, runs, attention = found
        self.messages = messages
        app_mail = getattr(self.app, "mail", None)
        if app_mail is not None:
            app_mail.attention(attention)
        self.query_one("#outbox-runs", Static).update("\n".join(r.text for r in runs))
        bar = self.query_one(ProgressBar)
        bar.display = bool(runs)
        if runs:
            bar.update(total=runs[0].total, progress=runs[0].done)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not messages:
            self.say(t("outbox.empty"))
            return
        options.add_options([Option(message_text(m), id=str(m.id)) for m in messages])
        options.highlighted = min(highlighted or 0, len(messages) - 1)

    def say(self, text: str) -> None:
        self.query_one("#outbox-message", Static).update(text)

    def _failed(self, error: ViverError) -> None:
        self.say(error.message)

    def _current(self) -> MessageView | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.messages:
            self.say(t("outbox.nothing_selected"))
            return None
        return self.messages[index]

    def _settle(self, service: Any, done_key: str) -> None:
        view = self._current()
        if view is None:
            return
        app: Any = self.app

        def done(_: object) -> None:
            if app.mail is not None:
                app.mail.wake()
            self.say(t(done_key, id=view.id))
            self.reload()

        run_service(self, partial(service, app.db, view.id, app.who),
                    on_done=done, on_error=self._failed)

    @on(OptionList.OptionSelected)
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_retry()

    def action_retry(self) -> None:
        self._settle(mail.retry_now, "mail.retried")

    def action_cancel_mail(self) -> None:
        self._settle(mail.cancel, "mail.cancelled")

    def action_mark_sent(self) -> None:
        self._settle(mail.mark_sent, "mail.marked_sent")

    def action_filter(self) -> None:
        self.everything = not self.everything
        key = "outbox.filter.all" if self.everything else "outbox.filter.open"
        self.query_one("#outbox-filter", Static).update(t(key))
        self.reload()

    def action_letter(self) -> None:
        from viver_tui.screens.letters import LetterScreen

        self.app.push_screen(LetterScreen(), lambda _: self.reload())

    def action_close(self) -> None:
        self.dismiss(None)
