"""Innsyn (GDPR art. 15): everything held on a customer, as JSON and readable text.

``collect_customer_data`` gathers what is stored (the customer; orders with their media,
the media's files, deliveries and streaming links, history, production notes and prints;
documents — quotes, invoices … — with their payments; consents; the e-mails; the access
log entries about them — the search lists they were in without the other customers'
numbers —; the requests; and the search keys derived from them); ``export_customer``
adds what art. 15(1)/(2) asks the answer to say (``innsyn_text.about``: purposes,
categories, recipients, retention, source, rights) and writes the JSON and the
readable text (``innsyn_text.render_access_document``), both in the language in use
(``--language en``: English).
"""

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
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import language, t
from viver_tui.locale.events import decode_detail
from viver_tui.models import (
    AccessRequest,
    AuditEvent,
    Consent,
    Customer,
    CustomerSearchToken,
    Document,
    MediaDelivery,
    MediaFile,
    MediaItem,
    Order,
    OrderEvent,
    Payment,
    PrintJob,
    ProductionNote,
    StreamLink,
)
from viver_tui.services import audit
from viver_tui.services.mail import privacy as mail_privacy
from viver_tui.services.privacy.innsyn_text import about, render_access_document
from viver_tui.services.privacy.requests import (
    AccessRequestView,
    clean_how,
    one_month_after,
    request_view,
)
from viver_tui.services.privacy.retention import deletable_from, order_day
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


def _event(event: OrderEvent) -> dict[str, Any]:
    """A history entry; its values (counts, codes) as data, not as stored JSON text."""
    return {**_row(event, _EVENT_FIELDS), "detail": decode_detail(event.detail)}


_CUSTOMER_FIELDS = (
    "id", "kind", "name", "phone", "email", "address", "postal_code", "city", "org_number",
    "language", "letters_opt_out_at", "created_at", "updated_at", "erased_at", "deletable_from",
)
_ORDER_FIELDS = (
    "number", "status", "staff", "received_on", "promised_on", "shelf", "notes",
    "estimate_ore", "confirmed_at", "closed_at", "close_reason", "deletable_from", "ready_at",
)
_MEDIUM_FIELDS = (
    "code", "kind", "description", "condition", "units", "declared_count", "returned_count",
    "estimate_ore", "status", "outcome", "outcome_note", "actual_units", "returned_at",
    "returned_by", "created_at",
)
_EVENT_FIELDS = ("at", "action", "from_status", "to_status", "note", "staff")
_DOCUMENT_FIELDS = (
    "kind", "number", "company", "status", "issued_on", "due_on", "valid_until", "total_ore",
    "vat_ore", "kid", "staff", "created_at", "voided_at", "restricted_at", "deletable_from",
)
_FILE_FIELDS = ("name", "size", "format", "duration_s", "created_at", "delivered_at")
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
                _event(e)
                for e in OrderEvent.select()
                .where(OrderEvent.media_item == item.id)
                .order_by(OrderEvent.at, OrderEvent.id)
            ]
            # The digital copies made from it (their names say nothing of the person).
            entry["files"] = [
                _row(f, _FILE_FIELDS)
                for f in MediaFile.select().where(MediaFile.media_item == item.id)
                .order_by(MediaFile.id)
            ]
            media.append(entry)
        entry = _row(order, _ORDER_FIELDS)
        entry["media"] = media
        entry["history"] = [
            _event(e)
            for e in OrderEvent.select()
            .where((OrderEvent.order == order.id) & OrderEvent.media_item.is_null())
            .order_by(OrderEvent.at, OrderEvent.id)
        ]
        # The production room's notes (kept for the warranty), with what they correct.
        entry["production_notes"] = [
            {
                "at": _value(n.at), "staff": n.staff, "text": n.text,
                "medium": n.media_item.code if n.media_item_id else None,
                "corrects": n.corrects_id,
            }
            for n in ProductionNote.select()
            .where(ProductionNote.order == order.id)
            .order_by(ProductionNote.at, ProductionNote.id)
        ]
        entry["print_jobs"] = [
            {**_row(j, _JOB_FIELDS), "medium": j.media_item.code if j.media_item_id else None}
            for j in PrintJob.select().where(PrintJob.order == order.id).order_by(PrintJob.id)
        ]
        entry["deliveries"] = [
            _row(d, ("kind", "drive", "files", "bytes", "at", "staff"))
            for d in MediaDelivery.select().where(MediaDelivery.order == order.id)
            .order_by(MediaDelivery.at, MediaDelivery.id)
        ]
        # Streaming links: when made, until when, closed why (never the token).
        entry["stream_links"] = [
            _row(k, ("created_at", "created_by", "expires_at", "revoked_at", "revoked_why"))
            for k in StreamLink.select().where(StreamLink.order == order.id)
            .order_by(StreamLink.id)
        ]
        # When the sales record may go (bokføringsloven §13), whether erased or not.
        entry["sales_record_deletable_from"] = _value(deletable_from(order_day(order)))
        orders.append(entry)
    consents = [
        _row(c, ("purpose", "text_version", "text", "given_at", "given_by", "withdrawn_at",
                 "withdrawn_by"))
        for c in Consent.select().where(Consent.customer == customer_id).order_by(Consent.id)
    ]
    log = [
        _log_entry(a)
        for a in AuditEvent.select()
        .where(audit.about_customer(customer_id))
        .order_by(AuditEvent.at, AuditEvent.id)
    ]
    documents = [
        {
            **_row(d, _DOCUMENT_FIELDS),
            "content": json.loads(d.content),
            "payments": [
                _row(p, ("method", "amount_ore", "reference", "paid_on", "staff"))
                for p in Payment.select().where(Payment.document == d.id).order_by(Payment.id)
            ],
        }
        for d in Document.select()
        .where(Document.customer == customer_id)
        .order_by(Document.issued_on, Document.id)
    ]
    requests = [
        _row(r, ("received_on", "deadline", "answered_on", "delivered_how"))
        for r in AccessRequest.select()
        .where(AccessRequest.customer_id == customer_id)
        .order_by(AccessRequest.id)
    ]
    return {
        # The language of their e-mails as it applies: "en", or "nb" (also when unset).
        "customer": {**_row(customer, _CUSTOMER_FIELDS),
                     "language": "en" if customer.language == "en" else "nb"},
        "orders": orders,
        "documents": documents,
        "consents": consents,
        "access_log": log,
        "access_requests": requests,
        "e_mails": mail_privacy.messages_for(customer_id),  # services/mail/
        "derived": _derived(customer_id),
    }


def _log_entry(event: AuditEvent) -> dict[str, Any]:
    """An access log entry as the person gets it: where it happened, and for a list
    only where and which of their fields were shown (the other customers' numbers in
    it are theirs, not this person's)."""
    entry = _row(event, ("at", "staff", "action", "details"))
    if event.action == "list":
        shown = audit.parse_list(event.details)
        entry["details"] = f"{shown.where} {','.join(shown.fields)}" if shown else ""
        entry["where"] = shown.where if shown else ""
        entry["fields_shown"] = list(shown.fields) if shown else []
    elif event.action == "view":
        entry["where"] = (event.details or "card").split()[0]
    return entry


# Search keys (services/search.py): the first byte says what the key was made from.
_KEY_KINDS = {
    b"n": "name_word", b"p": "name_words_pair", b"e": "email", b"d": "digits",
    b"r": "digits_reversed",
}


def _derived(customer_id: int) -> dict[str, Any]:
    """The copies made from the customer's data: the search keys, and the columns each
    key row carries (a copy of what a search hit shows)."""
    rows = list(
        CustomerSearchToken.select()
        .where(CustomerSearchToken.customer == customer_id)
        .order_by(CustomerSearchToken.token)
    )
    keys = []
    for row in rows:
        token = bytes(row.token)
        keys.append({
            "made_from": _KEY_KINDS.get(token[:1], "other"),
            "key": token[1:].decode("utf-8", "replace").replace("\x00", " + "),
        })
    copy = _row(rows[0], ("name", "kind", "phone", "email", "city")) if rows else {}
    return {"search_keys": keys, "search_key_copy": copy}


def export_customer(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    out_dir: Path,
    *,
    delivered_how: str = "",
    today: date | None = None,
    shop: Settings | None = None,
) -> AccessExport:
    """Innsyn: write everything held about a customer to ``out_dir`` as JSON and as a
    text document in the language in use (files readable by the owner only), and
    register the request as answered (an open one is closed; otherwise one is made,
    received today). ``shop``: the settings (media kinds' names, spool retention, the
    shop's contact) the answer is worded with.
    """
    require_admin(staff)
    today = today or clock.today()
    shop = shop or Settings()
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
        data["generated"] = {
            "at": _value(clock.now()), "by": staff.initials,  # type: ignore[union-attr]
            "language": language(),
        }
        data["about"] = about(data, shop)
        stem = f"innsyn-kunde-{customer_id}-{today:%Y%m%d}"
        json_path = out_dir / f"{stem}.json"
        text_path = out_dir / f"{stem}.txt"
        try:
            out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_private(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            _write_private(text_path, render_access_document(data, shop))
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
