"""The innsyn answer as the person reads it, in the language in use.

``about`` words what GDPR art. 15(1)/(2) asks the answer to say — purposes, categories
of data, recipients (staff, the shop's printers, the companies' e-mail service), how
long each kind is kept (the numbers of days from the settings: warranty, e-mail, print
previews, backups), where the data came from, the rights (correction, erasure,
restriction, objection, withdrawing consent, complaining to Datatilsynet), no automated
decisions — from the shop's privacy statement and what is on file (the opt-out, the
consents, each order's bookkeeping date). The export puts it in the JSON too.
``render_access_document`` writes that and then every stored value, codes in words:
"VHS-kassett", "etikett", "mottatt", "så ordre 100003 på ordreskjermen", "resultat:
Mugg", "mediefil … levert", "la en e-post til deg i utboksen: ordre 100003 er klar til
henting" (tests/services/test_innsyn_words.py holds it to the code lists).
The wording lives in the catalogue (``innsyn.*``, ``privacy.status.*``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from viver_tui.config import MediaKind, Settings
from viver_tui.locale import language, t
from viver_tui.locale.events import detail_text, fields_text
from viver_tui.locale.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_org_number,
    format_phone,
)
from viver_tui.locale.media import kind_label, unit_of, units_text
from viver_tui.locale.sizes import format_size
from viver_tui.services.audit import SYSTEM, VIEW_PLACES
from viver_tui.services.documents.model import KINDS as DOCUMENT_KINDS

# What ``about`` says, in this order: section key → the catalogue's points for it.
_SECTIONS = ("purposes", "categories", "recipients", "retention", "source", "rights")


def about(data: dict[str, Any], shop: Settings) -> list[dict[str, Any]]:
    """The art. 15 information for this person: ``[{"section", "title", "points"}]``."""
    customer = data["customer"]
    opted_out = customer.get("letters_opt_out_at")
    consents = [c for c in data["consents"] if not c.get("withdrawn_at")]
    points: dict[str, list[str]] = {
        "purposes": [
            t("innsyn.about.purpose.order"),
            t("innsyn.about.purpose.letters_out", since=format_date(_when(opted_out)))
            if opted_out else t("innsyn.about.purpose.letters"),
            t("innsyn.about.purpose.quality"),
            t("innsyn.about.purpose.accounting"),
            t("innsyn.about.purpose.security"),
            t("innsyn.about.purpose.media_files", consents=", ".join(
                t(f"consent.purpose.{c['purpose']}") for c in consents))
            if consents else t("innsyn.about.purpose.media_files_none"),
        ],
        "categories": [
            t("innsyn.about.category." + key)
            for key in ("contact", "orders", "documents", "notes", "prints", "consents",
                        "derived", "log", "originals")
        ],
        "recipients": [
            *(t("innsyn.about.recipient." + key)
              for key in ("staff", "nobody_else", "printers")),
            _mail_recipients(shop),
            t("innsyn.about.recipient.abroad"),
        ],
        "retention": [
            t("innsyn.about.retention.contact"),
            t("innsyn.about.retention.accounting", orders=_sales_record_dates(data)),
            t("innsyn.about.retention.documents"),
            t("innsyn.about.retention.notes"),
            t("innsyn.about.retention.mail", count=shop.mail_keep_days)
            if shop.mail_keep_days else t("innsyn.about.retention.mail_until_erased"),
            t("innsyn.about.retention.media_files", count=shop.warranty_days),
            t("innsyn.about.retention.originals"),
            t("innsyn.about.retention.spool", count=shop.spool_retention_days)
            if shop.spool_retention_days else t("innsyn.about.retention.spool_until_erased"),
            t("innsyn.about.retention.log"),
            t("innsyn.about.retention.backups", count=shop.backup_retention_days)
            if shop.backup_retention_days else t("innsyn.about.retention.backups_kept"),
        ],
        "source": [t("innsyn.about.source.you"), t("innsyn.about.source.us")],
        "rights": [
            *(t("innsyn.about.right." + key)
              for key in ("access", "correction", "erasure", "restriction", "objection",
                          "consent", "complaint", "automated")),
            t("innsyn.about.right.contact", contact=shop.shop_contact),
        ],
    }
    return [
        {"section": key, "title": t(f"innsyn.about.{key}"), "points": points[key]}
        for key in _SECTIONS
    ]


def _mail_recipients(shop: Settings) -> str:
    """Who carries our e-mail to the person: the mail servers the companies send
    through (``[companies.<key>.smtp]``), or none outside the shop."""
    hosts = sorted({c.smtp.host for c in shop.companies if c.smtp.host})
    if hosts:
        return t("innsyn.about.recipient.mail", servers=", ".join(hosts))
    return t("innsyn.about.recipient.mail_none")


def _sales_record_dates(data: dict[str, Any]) -> str:
    dates = [
        t("innsyn.about.retention.order", number=o["number"],
          date=format_date(_when(o["sales_record_deletable_from"])))
        for o in data["orders"]
    ]
    return "; ".join(dates) if dates else t("innsyn.about.retention.no_orders")


# --- the document ---------------------------------------------------------------------------


def render_access_document(data: dict[str, Any], shop: Settings | None = None) -> str:
    """The person's copy: plain UTF-8 text with the same content as the JSON."""
    shop = shop or Settings()
    title = t("innsyn.title")
    customer = data["customer"]
    generated = data.get("generated", {})
    out = [title, "=" * len(title), ""]
    if generated:
        out += [t("innsyn.generated", date=format_date(_when(generated["at"])),
                  id=customer["id"]), ""]
    out += [t("innsyn.intro"), ""]
    for number, section in enumerate(data.get("about") or about(data, shop), start=1):
        out.append(f"{number}. {section['title']}")
        out += [f"  - {point}" for point in section["points"]]
        out.append("")
    heading = t("innsyn.section.data")
    out += [heading, "-" * len(heading), ""]
    out += [t("innsyn.section.customer"), *_customer_lines(customer), ""]
    out.append(t("innsyn.section.orders", count=len(data["orders"])))
    for order in data["orders"]:
        out += _order_lines(order, shop)
    out.append("")
    documents = data.get("documents") or []
    out.append(t("innsyn.section.documents", count=len(documents)))
    out += [f"  - {_document_line(d, shop)}" for d in documents]
    out.append("")
    mails = data.get("e_mails") or []
    out.append(t("innsyn.section.e_mails", count=len(mails)))
    for message in mails:
        out += _mail_lines(message)
    out.append("")
    out.append(t("innsyn.section.consents", count=len(data["consents"])))
    for consent in data["consents"]:
        out += _consent_lines(consent)
    out.append("")
    out += _derived_lines(data.get("derived") or {})
    out.append(t("innsyn.section.access_log", count=len(data["access_log"])))
    out += [f"  - {_log_line(e)}" for e in data["access_log"]]
    out.append("")
    out.append(t("innsyn.section.requests", count=len(data["access_requests"])))
    out += [f"  - {_request_line(r)}" for r in data["access_requests"]]
    out.append("")
    return "\n".join(out)


def _when(value: Any) -> Any:
    """An ISO date or time from the JSON back as a date or datetime (None stays)."""
    if not value or not isinstance(value, str):
        return value
    return datetime.fromisoformat(value) if "T" in value or ":" in value else \
        date.fromisoformat(value)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return t("innsyn.empty")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    when = _when(value) if isinstance(value, str) and value[:4].isdigit() and "-" in value \
        else None
    if isinstance(when, datetime):
        return format_datetime(when)
    if isinstance(when, date):
        return format_date(when)
    return str(value)


def _field(key: str, value: Any, indent: str) -> str:
    return f"{indent}{t(f'innsyn.{key}')}: {value}"


def _customer_lines(customer: dict[str, Any]) -> list[str]:
    shown = {
        **customer,
        "kind": t(f"innsyn.kind.{customer['kind']}"),
        "phone": format_phone(customer["phone"]) or None,
        "org_number": format_org_number(customer["org_number"]) or None,
        "language": t(f"innsyn.language.{customer.get('language') or 'nb'}"),
    }
    return [_field(k, _shown(v), "  ") for k, v in shown.items()]


def _word(prefix: str, code: str | None, otherwise: str | None = None) -> str:
    """A code in words: the catalogue's ``prefix.code``; for a code it has no word for,
    ``otherwise`` (or the code itself: a new code shows, it is never lost); "–" for none."""
    if not code:
        return t("innsyn.empty")
    key = f"{prefix}.{code}"
    word = t(key)
    return (otherwise or code) if word == key else word


def _status(code: str | None) -> str:
    return _word("privacy.status", code)


def _kind_word(key: str, kinds: Sequence[MediaKind]) -> str:
    """A media kind as a person says it ("VHS-kassett"); the settings' name for kinds
    the catalogue has no word for."""
    return _word("innsyn.kind_word", key, kind_label(kinds, key))


def _outcome(key: str | None, shop: Settings) -> str:
    """A medium's outcome as the settings name it, in the language in use."""
    found = shop.production_outcome(key) if key else None
    if found is None:
        return _word("innsyn.outcome", key)
    return found.name_en if language() == "en" else found.name


def _order_lines(order: dict[str, Any], shop: Settings) -> list[str]:
    kinds = shop.media_kinds
    lines = [f"  {t('innsyn.order')} {order['number']} ({_status(order['status'])})"]
    for key in ("received_on", "promised_on", "confirmed_at", "closed_at", "shelf", "notes",
                "close_reason", "deletable_from"):
        lines.append(_field(key, _shown(order[key]), "    "))
    lines.append(_field("estimate_ore", format_money(order["estimate_ore"]), "    "))
    lines.append(_field("staff", _shown(order["staff"]), "    "))
    lines.append(_field("sales_record_deletable_from",
                        _shown(order["sales_record_deletable_from"]), "    "))
    for medium in order["media"]:
        lines.append(f"    {t('innsyn.medium')} {medium['code']}: "
                     f"{_kind_word(medium['kind'], kinds)}")
        unit = unit_of(kinds, medium["kind"])
        for key in ("description", "condition"):
            lines.append(_field(key, _shown(medium[key]), "      "))
        lines.append(_field("units", units_text(medium["units"], unit), "      "))
        for key in ("declared_count", "returned_count"):
            if medium[key] is not None:
                lines.append(_field(key, medium[key], "      "))
        lines.append(_field("estimate_ore", format_money(medium["estimate_ore"]), "      "))
        lines.append(_field("status", _status(medium["status"]), "      "))
        lines.append(_field("outcome", _outcome(medium["outcome"], shop), "      "))
        if medium.get("outcome_note"):
            lines.append(_field("outcome_note", medium["outcome_note"], "      "))
        for key in ("returned_at", "returned_by", "created_at"):
            lines.append(_field(key, _shown(medium[key]), "      "))
        lines += [f"      - {_event_line(e)}" for e in medium["history"]]
        lines += [f"      - {_file_line(f)}" for f in medium.get("files") or []]
    if order["history"]:
        lines.append(f"    {t('innsyn.history')}:")
        lines += [f"      - {_event_line(e)}" for e in order["history"]]
    if order.get("production_notes"):
        lines.append(f"    {t('innsyn.production_notes')}:")
        lines += [f"      - {_note_line(n)}" for n in order["production_notes"]]
    if order["print_jobs"]:
        lines.append(f"    {t('innsyn.print_jobs')}:")
        lines += [f"      - {_print_line(j, order['number'])}" for j in order["print_jobs"]]
    if order.get("deliveries") or order.get("stream_links"):
        lines.append(f"    {t('innsyn.deliveries')}:")
        lines += [f"      - {_delivery_line(d)}" for d in order.get("deliveries") or []]
        lines += [f"      - {_link_line(k)}" for k in order.get("stream_links") or []]
    return lines


def _note_line(note: dict[str, Any]) -> str:
    what = note["text"]
    if note.get("medium"):
        what = t("innsyn.note.medium", code=note["medium"], text=what)
    if note.get("corrects"):
        what += f" ({t('innsyn.note.corrects', number=note['corrects'])})"
    return _by(format_datetime(_when(note["at"])), what, note.get("staff"))


def _file_line(file: dict[str, Any]) -> str:
    what = t("innsyn.file", name=file["name"], size=format_size(file["size"]))
    if file.get("delivered_at"):
        what += ", " + t("innsyn.file.delivered", at=format_datetime(_when(file["delivered_at"])))
    return what


def _delivery_line(delivery: dict[str, Any]) -> str:
    what = t(f"innsyn.delivery.{delivery['kind']}", count=delivery["files"],
             size=format_size(delivery["bytes"]), drive=delivery.get("drive") or "")
    return _by(format_datetime(_when(delivery["at"])), what, delivery.get("staff"))


def _link_line(link: dict[str, Any]) -> str:
    what = t("innsyn.link", until=format_datetime(_when(link["expires_at"])))
    if link.get("revoked_at"):
        why = _word("innsyn.link.why", link.get("revoked_why"))
        what += ", " + t("innsyn.link.revoked",
                         at=format_datetime(_when(link["revoked_at"])), why=why)
    return _by(format_datetime(_when(link["created_at"])), what, link.get("created_by"))


def _mail_lines(message: dict[str, Any]) -> list[str]:
    when = format_datetime(_when(message["sent_at"] or message["created_at"]))
    head = t("innsyn.mail", kind=_word("mail.kind", message["kind"]),
             status=_word("mail.status", message["status"]), to=message["to"] or "–")
    lines = [f"  - {when} {head}", f"    {t('innsyn.mail.subject')}: {message['subject'] or '–'}"]
    lines += [f"    | {line}" for line in (message.get("text") or "").splitlines()]
    return lines


def _event_line(event: dict[str, Any]) -> str:
    action = event["action"]
    what = _word("innsyn.event", action)
    detail = event.get("detail") or {}
    if action == "edited" and isinstance(detail.get("fields"), list):
        what = t("innsyn.event.edited_fields", fields=fields_text(detail["fields"]))
    elif action == "edited" and event.get("note"):  # written before schema 21
        what = t("innsyn.event.edited_fields", fields=_fields(event["note"]))
    else:
        told = detail_text(action, detail, event.get("note") or "")
        if told:
            what += f": {told}"
    before, after = event.get("from_status"), event.get("to_status")
    if before and after:
        what += f" ({_status(before)} → {_status(after)})"
    elif before or after:
        what += f" ({_status(before or after)})"
    return _by(format_datetime(_when(event["at"])), what, event.get("staff"))


def _by(when: str, what: str, staff: str | None) -> str:
    if not staff:
        return f"{when} {what}"
    who = t("innsyn.by_system") if staff == SYSTEM else t("innsyn.by", staff=staff)
    return f"{when} {what} — {who}"


def _print_line(job: dict[str, Any], number: int) -> str:
    kind = t(f"print.kind.{job['kind']}")
    what = t("innsyn.print.medium", kind=kind, code=job["medium"]) if job.get("medium") else \
        t("innsyn.print.order", kind=kind, number=number)
    parts = [what, t(f"innsyn.printer.{job['printer']}"), t(f"print.state.{job['status']}")]
    if job.get("printed_at"):
        parts[-1] += " " + format_datetime(_when(job["printed_at"]))
    if job.get("reprint"):
        parts.append(t("innsyn.print.reprint"))
    return _by(format_datetime(_when(job["created_at"])), ", ".join(parts), job.get("staff"))


def _document_line(document: dict[str, Any], shop: Settings) -> str:
    company = shop.company(document["company"])
    parts = [t(f"doc.title.{document['kind']}", number=document["number"])
             + f" ({company.name if company else document['company']})",
             t("innsyn.document.issued", date=_shown(document["issued_on"]))]
    for key in ("due_on", "valid_until"):
        if document.get(key):
            parts.append(t(f"innsyn.document.{key}", date=_shown(document[key])))
    parts.append(format_money(document["total_ore"]))
    if document.get("kid"):
        parts.append(f"KID {document['kid']}")
    parts.append(_word("innsyn.document.status", document["status"]))
    paid = [
        f"{_word('innsyn.payment', p['method'])} {format_money(p['amount_ore'])} "
        f"{_shown(p['paid_on'])}"
        for p in document["payments"]
    ]
    if paid:
        parts.append(t("innsyn.document.paid", payments="; ".join(paid)))
    return _by("", ", ".join(parts), document.get("staff")).strip()


def _consent_lines(consent: dict[str, Any]) -> list[str]:
    lines = [f"  {t('innsyn.purpose')}: {t('consent.purpose.' + consent['purpose'])} "
             f"({t('innsyn.text_version')} {consent['text_version']})"]
    lines.append(f"    {t('innsyn.text')}: {consent['text']}")
    given = format_datetime(_when(consent["given_at"]))
    lines.append(f"    {_by(given, t('innsyn.given'), consent['given_by'])}")
    if consent.get("withdrawn_at"):
        withdrawn = format_datetime(_when(consent["withdrawn_at"]))
        lines.append(f"    {_by(withdrawn, t('innsyn.withdrawn'), consent.get('withdrawn_by'))}")
    return lines


_KEY_WORDS = ("name_word", "name_words_pair", "email", "digits", "digits_reversed")


def _derived_lines(derived: dict[str, Any]) -> list[str]:
    keys = derived.get("search_keys") or []
    lines = [t("innsyn.section.derived", count=len(keys)), f"  {t('innsyn.derived.intro')}"]
    for kind in _KEY_WORDS:
        made = [k["key"] for k in keys if k["made_from"] == kind]
        if made:
            lines.append(f"  - {t(f'innsyn.derived.{kind}')}: {', '.join(made)}")
    copy = derived.get("search_key_copy") or {}
    if copy:
        shown = ", ".join(
            f"{t(f'innsyn.{k}').lower()} {format_phone(v) if k == 'phone' else v}"
            for k, v in copy.items() if v and k != "kind"
        )
        lines.append(f"  - {t('innsyn.derived.copy', fields=shown)}")
    lines.append(f"  - {t('innsyn.derived.spool')}")
    lines.append("")
    return lines


def _log_line(entry: dict[str, Any]) -> str:
    return _by(format_datetime(_when(entry["at"])), describe(entry["action"], entry["details"]),
               entry.get("staff"))


def describe(action: str, details: str) -> str:
    """An access log entry about the person, in words (innsyn)."""
    words = details.split()
    document = _document_title(words)
    if action == "view" and words[:1] == ["pdf"]:
        return t("innsyn.log.view.pdf", title=_document_title(words[1:]) or details)
    if action in ("create", "print") and document:
        return t(f"innsyn.log.document_{action}", title=document)
    if action == "view":
        where = words[0] if words else "card"
        number = words[1] if len(words) > 1 else ""
        return t(f"innsyn.log.view.{where if where in VIEW_PLACES else 'card'}",
                 number=number)
    if action == "list" and words[:1] == ["letter"]:  # services/mail/letters.py
        return t("innsyn.log.letter")
    if action == "list":
        fields = words[1].split(",") if len(words) > 1 else []
        key = f"innsyn.log.list.{words[0]}" if words[:1] in (["workload"], ["ready"]) else ""
        shown_fields = ", ".join(t(f"innsyn.{f}").lower() for f in fields)
        return t(key or "innsyn.log.list", fields=shown_fields)
    if action == "update":
        return t("innsyn.log.update", fields=_fields(details))
    if action == "print" and words:
        code = words[1] if len(words) > 1 else ""
        kind = t(f"print.kind.{words[0]}")
        what = t("innsyn.print.medium", kind=kind, code=code) if "-" in code else \
            t("innsyn.print.order", kind=kind, number=code)
        if "reprint" in words:
            what += f" ({t('innsyn.print.reprint')})"
        return t("innsyn.log.print", what=what)
    if action == "consent_given" and words:
        return t("innsyn.log.consent_given", purpose=t(f"consent.purpose.{words[0]}"),
                 version=words[1] if len(words) > 1 else "")
    if action == "consent_withdrawn" and words:
        return t("innsyn.log.consent_withdrawn", purpose=t(f"consent.purpose.{words[0]}"))
    if action == "access_request":
        return t(f"innsyn.log.access_request.{details}") if details in (
            "received", "answered") else t("innsyn.log.access_request.received")
    if action == "erase_refused":
        return t("innsyn.log.erase_refused", why=t(f"innsyn.log.refused.{details}"))
    if action == "pickup_override" and len(words) >= 4:
        return t("innsyn.log.pickup_override", number=words[1], count=words[3])
    if action == "mail" and words[:1] and words[0] in _MAIL_KINDS and len(words) > 1:
        return t(f"innsyn.log.mail.{words[0]}", number=words[1])
    if action.startswith("media_"):
        return _media_entry(action, words)
    if action in ("opt_out", "erase") and details in ("letter link", "restore"):
        return t(f"innsyn.log.{action}.{details.replace(' ', '_')}")
    return _word("innsyn.log", action)


_MAIL_KINDS = ("confirmation", "invoice", "ready")


def _media_entry(action: str, words: list[str]) -> str:
    """Media files' entries (services/media_files/): ``drive order=N files=K``,
    ``sample file=NAME``, ``order=N link=ID``, ``revoked link=ID``,
    ``link=ID file=NAME bytes=B client=ADDRESS``."""
    values = dict(w.split("=", 1) for w in words if "=" in w)
    if action == "media_delivery" and words[:1] == ["sample"]:
        return t("innsyn.log.media_sample", name=values.get("file", ""))
    if action == "media_delivery":
        return t("innsyn.log.media_delivery", count=values.get("files", "0"),
                 number=values.get("order", ""))
    if action == "media_link" and words[:1] == ["revoked"]:
        return t("innsyn.log.media_link_revoked")
    if action == "media_link":
        return t("innsyn.log.media_link", number=values.get("order", ""))
    if action == "media_download":
        size = values.get("bytes", "0")
        return t("innsyn.log.media_download", name=values.get("file", ""),
                 size=format_size(int(size)) if size.isdigit() else size,
                 client=values.get("client", "–"))
    return _word("innsyn.log", action)


def _document_title(words: list[str]) -> str:
    """"Faktura 1001" for the details ``invoice 1001``; "" if they name no document."""
    if len(words) == 2 and words[0] in DOCUMENT_KINDS and words[1].isdigit():
        return t(f"doc.title.{words[0]}", number=words[1])
    return ""


def _fields(names: str) -> str:
    return ", ".join(t(f"innsyn.{n}").lower() for n in names.split(",") if n)


def _request_line(request: dict[str, Any]) -> str:
    line = t("innsyn.request", received=_shown(request["received_on"]),
             deadline=_shown(request["deadline"]))
    if request.get("answered_on"):
        line += ", " + t("innsyn.request.answered", on=_shown(request["answered_on"]),
                         how=request.get("delivered_how") or t("innsyn.empty"))
    return line
