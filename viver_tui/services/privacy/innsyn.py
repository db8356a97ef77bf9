"""Innsyn (GDPR art. 15): everything held on a customer, as JSON and readable text."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee

from viver_tui import clock
from viver_tui.db import writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import t
from viver_tui.locale.catalog import CATALOGS
from viver_tui.models import (
    AccessRequest,
    AuditEvent,
    Consent,
    Customer,
    MediaItem,
    Order,
    OrderEvent,
    PrintJob,
)
from viver_tui.services import audit
from viver_tui.services.privacy.requests import (
    AccessRequestView,
    clean_how,
    one_month_after,
    request_view,
)
from viver_tui.services.staff import StaffView, require_admin


@dataclass(frozen=True)
class AccessExport:
    customer_id: int
    json_path: Path
    text_path: Path
    request: AccessRequestView


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(model: peewee.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _value(getattr(model, f)) for f in fields}


_CUSTOMER_FIELDS = (
    "id", "kind", "name", "phone", "email", "address", "postal_code", "city", "org_number",
    "letters_opt_out_at", "created_at", "updated_at", "erased_at", "deletable_from",
)
_ORDER_FIELDS = (
    "number", "status", "staff", "received_on", "promised_on", "shelf", "notes",
    "estimate_ore", "confirmed_at", "closed_at", "close_reason", "deletable_from",
)
_MEDIUM_FIELDS = (
    "code", "kind", "description", "condition", "units", "declared_count", "returned_count",
    "estimate_ore", "status", "outcome", "returned_at", "returned_by", "created_at",
)
_EVENT_FIELDS = ("at", "action", "from_status", "to_status", "note", "staff")
_JOB_FIELDS = ("kind", "printer", "status", "reprint", "staff", "created_at", "printed_at")


def collect_customer_data(customer_id: int) -> dict[str, Any]:
    """Everything held about one customer, as plain JSON-ready data (in a transaction)."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(t("privacy.customer_unknown", id=customer_id))
    orders = []
    for order in Order.select().where(Order.customer == customer_id).order_by(Order.number):
        media = []
        for item in MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq):
            entry = _row(item, _MEDIUM_FIELDS)
            entry["history"] = [
                _row(e, _EVENT_FIELDS)
                for e in OrderEvent.select()
                .where(OrderEvent.media_item == item.id)
                .order_by(OrderEvent.at, OrderEvent.id)
            ]
            media.append(entry)
        entry = _row(order, _ORDER_FIELDS)
        entry["media"] = media
        entry["history"] = [
            _row(e, _EVENT_FIELDS)
            for e in OrderEvent.select()
            .where((OrderEvent.order == order.id) & OrderEvent.media_item.is_null())
            .order_by(OrderEvent.at, OrderEvent.id)
        ]
        entry["print_jobs"] = [
            {**_row(j, _JOB_FIELDS), "medium": j.media_item.code if j.media_item_id else None}
            for j in PrintJob.select().where(PrintJob.order == order.id).order_by(PrintJob.id)
        ]
        orders.append(entry)
    consents = [
        _row(c, ("purpose", "text_version", "text", "given_at", "given_by", "withdrawn_at",
                 "withdrawn_by"))
        for c in Consent.select().where(Consent.customer == customer_id).order_by(Consent.id)
    ]
    log = [
        _row(a, ("at", "staff", "action", "details"))
        for a in AuditEvent.select()
        .where((AuditEvent.subject == "customer") & (AuditEvent.subject_id == customer_id))
        .order_by(AuditEvent.at, AuditEvent.id)
    ]
    requests = [
        _row(r, ("received_on", "deadline", "answered_on", "delivered_how"))
        for r in AccessRequest.select()
        .where(AccessRequest.customer_id == customer_id)
        .order_by(AccessRequest.id)
    ]
    return {
        "customer": _row(customer, _CUSTOMER_FIELDS),
        "orders": orders,
        "consents": consents,
        "access_log": log,
        "access_requests": requests,
    }


def export_customer(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    out_dir: Path,
    *,
    delivered_how: str = "",
    today: date | None = None,
) -> AccessExport:
    """Innsyn: write everything held about a customer to ``out_dir`` as JSON and as a
    Norwegian text document (files readable by the owner only), and register the
    request as answered (an open one is closed; otherwise one is made, received today).
    """
    require_admin(staff)
    today = today or clock.today()
    how = clean_how(delivered_how)
    with writing(db):
        data = collect_customer_data(customer_id)
        open_request = (
            AccessRequest.select()
            .where((AccessRequest.customer_id == customer_id) & AccessRequest.answered_on.is_null())
            .order_by(AccessRequest.id)
            .first()
        )
        if open_request is None:
            open_request = AccessRequest.create(
                customer_id=customer_id, received_on=today, deadline=one_month_after(today),
                staff=staff.initials,  # type: ignore[union-attr]
            )
        data["generated"] = {"at": _value(clock.now()), "by": staff.initials}  # type: ignore[union-attr]
        stem = f"innsyn-kunde-{customer_id}-{today:%Y%m%d}"
        json_path = out_dir / f"{stem}.json"
        text_path = out_dir / f"{stem}.txt"
        try:
            out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_private(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            _write_private(text_path, render_access_document(data))
        except OSError as exc:
            raise ViverError(
                t("privacy.export.write_failed", path=str(out_dir), error=exc.strerror)
            ) from exc
        open_request.answered_on = today
        open_request.delivered_how = how
        open_request.save()
        audit.record(staff.initials, "export", customer_id, details="innsyn")  # type: ignore[union-attr]
        return AccessExport(customer_id, json_path, text_path, request_view(open_request))


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


_DATE_KEYS = ("received_on", "promised_on", "deletable_from", "deadline", "answered_on")
_STATUS_KEYS = ("status", "from_status", "to_status")


def _pretty(key: str, value: Any) -> str:
    """A value as the person reads it: Norwegian dates, kroner, words for codes."""
    nb = CATALOGS["nb"]
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return nb["yes"] if value else nb["no"]
    if key.endswith("_at") or key == "at":
        return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
    if key in _DATE_KEYS:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if key == "estimate_ore":
        kroner = f"{value / 100:,.2f}".replace(",", "\u00a0").replace(".", ",")
        return f"kr {kroner}"
    if key == "phone":
        from viver_tui.locale.formatting import format_phone

        return format_phone(value)
    if key in _STATUS_KEYS:
        return nb.get(f"privacy.status.{value}", value)
    if key == "purpose":
        return nb.get(f"consent.purpose.{value}", value)
    if key == "action":
        return nb.get(f"innsyn.action.{value}", value)
    if key == "kind":
        return nb.get(f"innsyn.kind.{value}") or nb.get(f"print.kind.{value}") or value
    return str(value)


def render_access_document(data: dict[str, Any]) -> str:
    """The person's copy: plain UTF-8 Norwegian text, the same content as the JSON."""
    nb = CATALOGS["nb"]

    def label(key: str) -> str:
        text = nb.get(f"innsyn.{key}", key)
        return text[:1].upper() + text[1:]

    def lines_for(record: dict[str, Any], indent: str = "  ") -> list[str]:
        return [
            f"{indent}{label(k)}: {_pretty(k, v)}"
            for k, v in record.items()
            if not isinstance(v, list)
        ]

    def one_line(record: dict[str, Any]) -> str:
        return ", ".join(
            f"{label(k)}: {_pretty(k, v)}" for k, v in record.items() if v not in (None, "")
        )

    out = [nb["innsyn.title"], "=" * len(nb["innsyn.title"]), "", nb["innsyn.intro"], ""]
    out += [nb["innsyn.section.customer"], *lines_for(data["customer"]), ""]
    out.append(nb["innsyn.section.orders"].format(count=len(data["orders"])))
    for order in data["orders"]:
        out.append(f"  {label('order')} {order['number']}")
        out += lines_for(order, "    ")
        for medium in order["media"]:
            out.append(f"    {label('medium')} {medium['code']}")
            out += lines_for(medium, "      ")
            for event in medium["history"]:
                out.append("      - " + _event_line(event))
        if order["history"]:
            out.append(f"    {label('history')}:")
            out += ["      - " + _event_line(e) for e in order["history"]]
        if order["print_jobs"]:
            out.append(f"    {label('print_jobs')}:")
            out += ["      - " + one_line(j) for j in order["print_jobs"]]
    out.append("")
    out.append(nb["innsyn.section.consents"].format(count=len(data["consents"])))
    for consent in data["consents"]:
        out += lines_for(consent)
        out.append("")
    out.append(nb["innsyn.section.access_log"].format(count=len(data["access_log"])))
    out += ["  - " + one_line(e) for e in data["access_log"]]
    out.append("")
    out.append(nb["innsyn.section.requests"].format(count=len(data["access_requests"])))
    out += ["  - " + one_line(r) for r in data["access_requests"]]
    out.append("")
    return "\n".join(out)


def _event_line(event: dict[str, Any]) -> str:
    nb = CATALOGS["nb"]
    parts = [_pretty("at", event["at"]), nb.get(f"innsyn.action.{event['action']}",
                                                 event["action"])]
    if event.get("from_status") or event.get("to_status"):
        parts.append(
            f"{_pretty('status', event.get('from_status'))} → "
            f"{_pretty('status', event.get('to_status'))}"
        )
    if event.get("note"):
        parts.append(f"{nb['innsyn.note']}: {event['note']}")
    if event.get("staff"):
        parts.append(f"{nb['innsyn.staff']}: {event['staff']}")
    return ", ".join(parts)
