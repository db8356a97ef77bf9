"""Intake: a customer hands over a box; every original is registered by keyboard.

Flow: type the kind (its number or name) → Enter → what is written on it → Enter →
condition → Enter → (minutes or photo count when the kind is priced by them) → Enter
adds the medium. F3 fills in the last kind again, so a stack of VHS tapes is F3, text,
Enter, Enter. F4 corrects and F8 removes the highlighted medium. Shelf, promised date
and notes sit below the list (Enter in the empty kind field jumps there); F10 confirms
the order and queues its prints.
Errors show beside their field; nothing typed is cleared when a save fails.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from viver_tui.config import MediaKind
from viver_tui.errors import FormErrors, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import filled, printable, shown
from viver_tui.locale.formatting import format_date, format_money
from viver_tui.screens.base import run_service
from viver_tui.services import intake
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import DRAFT, MediumView, OrderView
from viver_tui.widgets.print_status import wake_print_queue
from viver_tui.widgets.status_bar import StatusBar

MEDIUM_FIELDS = ("kind", "description", "condition", "units")
DETAIL_FIELDS = ("shelf", "promised_on", "notes")


def kind_label(kinds: tuple[MediaKind, ...], key: str) -> str:
    kind = next((k for k in kinds if k.key == key), None)
    return kind.name if kind else key


def units_text(medium: MediumView, kinds: tuple[MediaKind, ...]) -> str:
    kind = next((k for k in kinds if k.key == medium.kind), None)
    unit = kind.unit if kind else "piece"
    return f"{medium.units} {t('unit.' + unit)}"


class IntakeScreen(Screen[None]):
    """Register the originals of a new (or draft) order for one customer."""

    CSS_PATH = "intake.tcss"

    BINDINGS = [
        Binding("escape", "back", t("key.back"), id="back"),
        Binding("f2", "add_medium", t("key.add_medium"), id="add-medium"),
        Binding("f3", "repeat_kind", t("key.repeat_kind"), id="repeat-kind"),
        Binding("f4", "edit_medium", t("key.edit_medium"), id="edit-medium"),
        Binding("f8", "remove_medium", t("key.remove_medium"), id="remove-medium"),
        Binding("f10", "confirm", t("key.confirm_order"), id="confirm-order"),
    ]

    def __init__(self, customer_id: int, order_id: int | None = None) -> None:
        super().__init__(id="intake-screen")
        self.customer_id = customer_id
        self.order_id = order_id
        self.order: OrderView | None = None
        self.last_kind: str | None = None
        self.editing_seq: int | None = None
        self._busy = False

    @property
    def kinds(self) -> tuple[MediaKind, ...]:
        return self.app.settings.media_kinds  # type: ignore[attr-defined,no-any-return]

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("intake.opening"), id="intake-header")
        with Horizontal(id="intake-main"):
            with Vertical(id="intake-left"):
                with Grid(classes="intake-form", id="medium-form"):
                    yield Label(t("intake.kind"))
                    yield Input(placeholder=t("intake.kind.placeholder"), id="kind")
                    yield Label("", id="kind-error", classes="field-error")
                    yield Label(t("intake.description"))
                    yield Input(
                        placeholder=t("intake.description.placeholder"), id="description"
                    )
                    yield Label("", id="description-error", classes="field-error")
                    yield Label(t("intake.condition"))
                    yield Input(placeholder=t("intake.condition.placeholder"), id="condition")
                    yield Label("", id="condition-error", classes="field-error")
                    yield Label(t("intake.units.piece"), id="units-label")
                    yield Input(id="units")
                    yield Label("", id="units-error", classes="field-error")
                table: DataTable[str] = DataTable(
                    id="intake-media", cursor_type="row", zebra_stripes=True
                )
                table.add_column(t("col.seq"), key="seq", width=4)
                table.add_column(t("col.code"), key="code", width=11)
                table.add_column(t("col.kind"), key="kind", width=16)
                table.add_column(t("col.description"), key="description", width=24)
                table.add_column(t("col.condition"), key="condition", width=14)
                table.add_column(t("col.units"), key="units", width=11)
                table.add_column(t("col.estimate"), key="estimate", width=13)
                yield table
                yield Static("", id="intake-estimate")
                with Grid(classes="intake-form", id="details-form"):
                    yield Label(t("intake.shelf"))
                    yield Input(id="shelf")
                    yield Label("", id="shelf-error", classes="field-error")
                    yield Label(t("intake.promised"))
                    yield Input(placeholder=t("intake.promised.placeholder"), id="promised_on")
                    yield Label("", id="promised_on-error", classes="field-error")
                    yield Label(t("intake.notes"))
                    yield Input(id="notes")
                    yield Label("", id="notes-error", classes="field-error")
                yield Static("", id="intake-message")
            yield Static(self._kind_list(), id="kind-list")
        yield StatusBar(id="status-bar")
        yield Footer()

    def _kind_list(self) -> str:
        lines = [f"[b]{t('intake.kinds')}[/b]"]
        for i, kind in enumerate(self.kinds, start=1):
            price = format_money(int(kind.price * 100))
            lines.append(f"{i:>2} {kind.name}  [dim]{price}/{t('unit.' + kind.unit)}[/dim]")
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#kind", Input).focus()
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
        if self.order_id is None:
            call = partial(intake.open_order, db, self.customer_id, staff)
        else:
            from viver_tui.services import orders

            call = partial(orders.load_for_reading, db, self.order_id)
        run_service(self, call, on_done=self._opened, on_error=self._show_error)

    def _opened(self, order: OrderView) -> None:
        self.order_id = order.id
        self.show_order(order)
        if order.shelf:
            self.query_one("#shelf", Input).value = printable(order.shelf)
        if order.promised_on:
            self.query_one("#promised_on", Input).value = format_date(order.promised_on)
        if order.notes:
            self.query_one("#notes", Input).value = printable(order.notes)

    def show_order(self, order: OrderView) -> None:
        self.order = order
        self.query_one("#intake-header", Static).update(
            filled(
                t("intake.header"),
                number=order.number,
                customer=order.customer_name,
                date=format_date(order.received_on),
                staff=order.staff,
            )
        )
        table = self.query_one("#intake-media", DataTable)
        row = table.cursor_row
        table.clear()
        for m in order.media:
            table.add_row(
                str(m.seq),
                shown(m.code),
                shown(kind_label(self.kinds, m.kind)),
                shown(m.description),
                shown(m.condition),
                units_text(m, self.kinds),
                format_money(m.estimate_ore),
                key=str(m.seq),
            )
        if order.media:
            table.move_cursor(row=min(max(row, 0), len(order.media) - 1))
        self.query_one("#intake-estimate", Static).update(
            t("intake.estimate", amount=format_money(order.estimate_ore), count=len(order.media))
        )

    # --- messages and field errors ---------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#intake-message", Static)
        message.update(shown(text))
        message.set_class(error, "-error")

    def _show_error(self, error: ViverError) -> None:
        self.say(error.message, error=True)

    def clear_errors(self, names: tuple[str, ...]) -> None:
        for name in names:
            self.query_one(f"#{name}-error", Label).update("")
            self.query_one(f"#{name}", Input).remove_class("-invalid")

    def show_field_errors(self, errors: dict[str, str], names: tuple[str, ...]) -> None:
        first = None
        for name, text in errors.items():
            if name in names:
                self.query_one(f"#{name}-error", Label).update(shown(text))
                self.query_one(f"#{name}", Input).add_class("-invalid")
                first = first or name
        if first:
            self.query_one(f"#{first}", Input).focus()

    # --- the medium form -------------------------------------------------------------

    def resolve_kind(self) -> MediaKind | None:
        """The kind typed in the kind field, or None with the reason shown beside it."""
        self.clear_errors(("kind",))
        try:
            kind = intake.find_kind(self.query_one("#kind", Input).value, self.kinds)
        except ValidationError as exc:
            self.show_field_errors({"kind": exc.message}, MEDIUM_FIELDS)
            return None
        self.query_one("#units-label", Label).update(t(f"intake.units.{kind.unit}"))
        units = self.query_one("#units", Input)
        units.disabled = kind.unit == "piece"
        if kind.unit == "minute" and not units.value:
            units.placeholder = str(kind.default_units)
        else:
            units.placeholder = ""
        return kind

    @on(Input.Submitted)
    def field_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input.id
        if field == "kind":
            if not event.value.strip() and self.order is not None and self.order.media:
                # Nothing typed: registering is done, on to shelf and dates.
                self.query_one("#shelf", Input).focus()
            elif self.resolve_kind() is not None:
                self.query_one("#description", Input).focus()
        elif field == "description":
            self.query_one("#condition", Input).focus()
        elif field == "condition":
            kind = self.resolve_kind()
            if kind is None:
                return
            if kind.unit == "piece":
                self.action_add_medium()
            else:
                self.query_one("#units", Input).focus()
        elif field == "units":
            self.action_add_medium()
        elif field == "shelf":
            self.query_one("#promised_on", Input).focus()
        elif field == "promised_on":
            self.query_one("#notes", Input).focus()

    @on(Input.Changed, "#kind")
    def kind_typed(self, event: Input.Changed) -> None:
        self.clear_errors(("kind",))

    def medium_input(self, kind: MediaKind) -> MediumInput:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        return MediumInput(kind.key, value("description"), value("condition"), value("units"))

    def action_add_medium(self) -> None:
        if self._busy or self.order is None:
            return
        kind = self.resolve_kind()
        if kind is None:
            return
        data = self.medium_input(kind)
        self.clear_errors(MEDIUM_FIELDS)
        db, staff, order_id = self.app.db, self.app.staff, self.order.id  # type: ignore[attr-defined]
        seq = self.editing_seq
        if seq is None:
            call = partial(intake.add_medium, db, order_id, data, self.kinds, staff)
        else:
            call = partial(intake.update_medium, db, order_id, seq, data, self.kinds, staff)
        self._busy = True
        run_service(
            self, call, on_done=partial(self._medium_saved, kind, seq), on_error=self._medium_failed
        )

    def _medium_saved(self, kind: MediaKind, seq: int | None, order: OrderView) -> None:
        self._busy = False
        self.show_order(order)
        self.last_kind = kind.key
        if seq is None:
            added = order.media[-1]
            self.say(t("intake.added", code=added.code, kind=kind.name))
            table = self.query_one("#intake-media", DataTable)
            table.move_cursor(row=len(order.media) - 1)
        else:
            self.say(t("intake.updated", code=order.media[seq - 1].code))
        self.reset_medium_form()

    def _medium_failed(self, error: ViverError) -> None:
        self._busy = False
        if isinstance(error, FormErrors):
            self.show_field_errors(error.errors, MEDIUM_FIELDS)
            self.say(t("intake.fix_errors"), error=True)
        elif isinstance(error, ValidationError) and error.field in MEDIUM_FIELDS:
            self.show_field_errors({error.field: error.message}, MEDIUM_FIELDS)
            self.say(error.message, error=True)
        else:
            self._show_error(error)

    def reset_medium_form(self, kind: str = "") -> None:
        self.editing_seq = None
        for name in MEDIUM_FIELDS:
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#kind", Input).value = kind
        self.query_one("#units", Input).disabled = False
        self.query_one("#units-label", Label).update(t("intake.units.piece"))
        self.clear_errors(MEDIUM_FIELDS)
        if kind:
            self.resolve_kind()
            self.query_one("#description", Input).focus()
        else:
            self.query_one("#kind", Input).focus()

    def action_repeat_kind(self) -> None:
        if self.last_kind is None:
            self.say(t("intake.no_last_kind"), error=True)
            return
        self.reset_medium_form(kind=kind_label(self.kinds, self.last_kind))

    def selected_medium(self) -> MediumView | None:
        if self.order is None or not self.order.media:
            return None
        row = self.query_one("#intake-media", DataTable).cursor_row
        if 0 <= row < len(self.order.media):
            return self.order.media[row]
        return None

    def action_edit_medium(self) -> None:
        medium = self.selected_medium()
        if medium is None:
            self.say(t("intake.no_selection"), error=True)
            return
        self.reset_medium_form(kind=kind_label(self.kinds, medium.kind))
        self.editing_seq = medium.seq
        self.query_one("#description", Input).value = printable(medium.description)
        self.query_one("#condition", Input).value = printable(medium.condition)
        if medium.declared_count is not None or self.resolve_kind_unit(medium) == "minute":
            self.query_one("#units", Input).value = str(medium.units)
        self.say(t("intake.editing", code=medium.code))

    def resolve_kind_unit(self, medium: MediumView) -> str:
        kind = next((k for k in self.kinds if k.key == medium.kind), None)
        return kind.unit if kind else "piece"

    def action_remove_medium(self) -> None:
        medium = self.selected_medium()
        if medium is None or self.order is None or self._busy:
            self.say(t("intake.no_selection"), error=True)
            return
        self._busy = True
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]

        def removed(order: OrderView) -> None:
            self._busy = False
            self.show_order(order)
            self.say(t("intake.removed", code=medium.code))
            if self.editing_seq is not None:
                self.reset_medium_form()

        def failed(error: ViverError) -> None:
            self._busy = False
            self._show_error(error)

        run_service(
            self,
            partial(intake.remove_medium, db, self.order.id, medium.seq, staff),
            on_done=removed,
            on_error=failed,
        )

    # --- confirming ------------------------------------------------------------------

    def details(self) -> OrderDetails:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        return OrderDetails(value("shelf"), value("promised_on"), value("notes"))

    def action_confirm(self) -> None:
        if self._busy or self.order is None:
            return
        self._busy = True
        self.clear_errors(DETAIL_FIELDS)
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
        run_service(
            self,
            partial(intake.confirm_order, db, self.order.id, self.details(), staff),
            on_done=self._confirmed,
            on_error=self._confirm_failed,
        )

    def _confirmed(self, order: OrderView) -> None:
        from viver_tui.screens.order import OrderScreen

        self._busy = False
        self.order = order
        wake_print_queue(self.app)  # the labels, form and receipt were queued with it
        self.app.notify(t("intake.confirmed", number=order.number), timeout=6)
        self.app.switch_screen(OrderScreen(order.id))

    def _confirm_failed(self, error: ViverError) -> None:
        self._busy = False
        if isinstance(error, FormErrors):
            self.show_field_errors(error.errors, DETAIL_FIELDS)
            other = [v for k, v in error.errors.items() if k not in DETAIL_FIELDS]
            self.say(" ".join(other) or t("intake.fix_errors"), error=True)
        else:
            self._show_error(error)

    def action_back(self) -> None:
        if self.editing_seq is not None:
            self.reset_medium_form()
            self.say("")
            return
        if self.order is not None and self.order.status == DRAFT and not self.order.media:
            # Nothing registered: give the draft up (its number is kept as cancelled).
            db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
            run_service(
                self.app,
                partial(intake.cancel_draft, db, self.order.id, staff),
                on_done=lambda _view: None,
            )
        self.app.pop_screen()
