"""Writing a customer letter (K in the outbox): company, subject and text; Ctrl+P shows
the letter as a customer reads it and how many it reaches (and who is left out, and
why); Ctrl+S asks, and Ctrl+S again writes it to the outbox. The mail worker sends it
in the background; the outbox shows its progress while staff go on working."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services.mail import letters


class LetterScreen(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("ctrl+p", "preview", "key.preview_letter", id="letter-preview", priority=True),
        Binding("ctrl+s", "send", "key.send_letter", id="letter-send", priority=True),
    ]

    DEFAULT_CSS = """
    LetterScreen { align: center middle; }
    LetterScreen #letter-box { width: 95%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    LetterScreen #letter-body { height: 10; }
    LetterScreen #letter-preview { height: 1fr; border: solid $panel; }
    LetterScreen #letter-message { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__(id="letter-screen")
        localize_bindings(self)
        self.asked: tuple[str, str, str] | None = None  # what Ctrl+S asked about
        self.count = 0  # how many it reached then

    def compose(self) -> ComposeResult:
        app: Any = self.app
        with Vertical(id="letter-box"):
            yield Label(t("letter.title"))
            yield Static(t("letter.help"), markup=False)
            yield Input(app.settings.default_company, placeholder=t("letter.company"),
                        id="letter-company")
            yield Input(placeholder=t("letter.subject"), id="letter-subject")
            yield TextArea(id="letter-body")
            yield Static("", id="letter-message", markup=False)
            with VerticalScroll(id="letter-preview"):
                yield Static("", id="letter-preview-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#letter-subject", Input).focus()

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#letter-company", Input).value.strip(),
            self.query_one("#letter-subject", Input).value,
            self.query_one("#letter-body", TextArea).text,
        )

    def say(self, text: str) -> None:
        self.query_one("#letter-message", Static).update(text)

    def _failed(self, error: ViverError) -> None:
        self.asked = None
        self.say(error.message)

    def action_preview(self) -> None:
        app: Any = self.app
        company, subject, body = self._fields()

        def read() -> tuple[str, letters.Reach]:
            text = letters.preview(app.settings, company, subject, body, app.language)
            return text, letters.reach(app.db, app.who)

        def show(found: tuple[str, letters.Reach]) -> None:
            text, reach = found
            self.query_one("#letter-preview-text", Static).update(text)
            self.say(reach.text)

        run_service(self, read, on_done=show, on_error=self._failed)

    def action_send(self) -> None:
        app: Any = self.app
        fields = self._fields()
        who = app.who
        if self.asked != fields:  # first Ctrl+S: how many, and are you sure
            def ask(reach: letters.Reach) -> None:
                if reach.count == 0:
                    self.say(t("letter.no_one"))
                    return
                self.asked, self.count = fields, reach.count
                self.say(f"{reach.text} {t('letter.confirm', count=reach.count)}")

            def check() -> letters.Reach:
                letters.preview(app.settings, *fields)  # refuses an empty subject or text
                return letters.reach(app.db, who)

            run_service(self, check, on_done=ask, on_error=self._failed)
            return
        company, subject, body = fields

        def sent(letter_id: int) -> None:
            if app.mail is not None:
                app.mail.wake()
            self.dismiss(letter_id)
            app.notify(t("letter.prepared", count=self.count), markup=False)

        run_service(
            self,
            lambda: letters.send_letter(app.db, app.settings, company, subject, body, who),
            on_done=sent, on_error=self._failed,
        )

    def action_close(self) -> None:
        self.dismiss(None)
