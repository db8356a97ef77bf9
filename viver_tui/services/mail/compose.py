"""Making an e-mail out of an outbox row: text in the customer's language, plain text
and an HTML alternative, the PDF attached, and correct headers.

``facts(row, settings)`` reads what the message needs from the database (inside a
connection); ``compose(facts, settings)`` makes the ``EmailMessage`` from them alone,
with no database (the worker does it outside any transaction). Headers: ``From`` the
selling company, ``Reply-To`` its reply address, ``Message-ID`` fixed by the row (a
message made again gets the same one, so a server or a customer's program can see a
duplicate), ``Date`` when it is made. The subject names at most the first name — in
fact none: kind and number only. Letters carry ``List-Unsubscribe`` (mailto always, an
https one-click link per RFC 8058 when ``media.public_url`` is set) and say in the text
how to opt out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, localtime
from urllib.parse import quote

from viver_tui.config import Company, Settings
from viver_tui.locale import speaking, t
from viver_tui.locale.formatting import format_date, format_money
from viver_tui.models import Customer, Document, Letter, Order, OutboxMessage
from viver_tui.services.mail.outbox import CONFIRMATION, INVOICE, LETTER, READY


@dataclass(frozen=True)
class Facts:
    """What one message says, read from the database when it is sent."""

    id: int
    kind: str
    to: str
    language: str
    company: str
    created_at: datetime
    first_name: str = ""
    order_number: int | None = None
    document_kind: str = ""
    document_number: int | None = None
    document_sheet: str = ""  # the layout the PDF is made from (printing/sheet.py)
    total_ore: int = 0
    due_on: date | None = None
    kid: str = ""
    letter_subject: str = ""
    letter_body: str = ""
    token: str = ""


def first_name(customer: Customer | None) -> str:
    """A private customer's first name (the first word of the name); none for a
    business, whose name is no person's."""
    if customer is None or customer.kind != "private" or customer.erased_at is not None:
        return ""
    words = (customer.name or "").split()
    return words[0] if words else ""


def facts(
    row: OutboxMessage,
    settings: Settings,
    *,
    customer: Customer | None = None,
    letters: dict[int, Letter] | None = None,
) -> Facts:
    """What ``row`` needs, read now (inside a connection); ``customer`` if already read,
    ``letters`` a cache of letters by id (a run reads its letter once)."""
    if customer is None and row.customer_id:
        customer = Customer.get_or_none(Customer.id == row.customer_id)
    order = Order.get_or_none(Order.id == row.order_id) if row.order_id else None
    values: dict[str, object] = {
        "first_name": first_name(customer),
        "order_number": order.number if order is not None else None,
    }
    if row.document_id:
        document = Document.get_or_none(Document.id == row.document_id)
        if document is not None:
            values.update(
                document_kind=document.kind, document_number=document.number,
                document_sheet=document.sheet, total_ore=document.total_ore,
                due_on=document.due_on, kid=document.kid or "",
            )
    if row.letter_id:
        cache = letters if letters is not None else {}
        letter = cache.get(row.letter_id) or cache.setdefault(
            row.letter_id, Letter.get_by_id(row.letter_id))
        values.update(letter_subject=letter.subject, letter_body=letter.body,
                      token=row.token or "")
    return Facts(
        id=row.id, kind=row.kind, to=row.to_address, language=row.language,
        company=row.company or settings.default_company, created_at=row.created_at,
        **values,  # type: ignore[arg-type]
    )


def domain_of(address: str) -> str:
    return address.rpartition("@")[2] or "localhost"


def sender_of(company: Company, settings: Settings) -> str:
    return company.email or settings.shop_contact


def message_id(item: Facts, sender: str) -> str:
    stamp = item.created_at.strftime("%Y%m%d%H%M%S%f")
    return f"<viver.{item.id}.{stamp}@{domain_of(sender)}>"


def html_of(text: str) -> str:
    """The plain text as HTML: a paragraph per blank-line block, lines kept, escaped."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family: sans-serif">\n{body}\n</body></html>\n'
    )


def unsubscribe_link(settings: Settings, token: str) -> str:
    base = settings.public_url.strip().rstrip("/")
    return f"{base}/unsubscribe/{quote(token)}" if base and token else ""


def _text(item: Facts, company: Company, settings: Settings) -> tuple[str, str]:
    """(subject, plain text) in the message's language."""
    greeting = (
        t("mail.msg.greeting", name=item.first_name) if item.first_name
        else t("mail.msg.greeting_plain")
    )
    regards = t("mail.msg.regards", company=company.name)
    number = item.order_number
    if item.kind == CONFIRMATION:
        subject = t("mail.msg.confirmation.subject", number=number)
        middle = t("mail.msg.confirmation.body", number=number)
    elif item.kind == READY:
        subject = t("mail.msg.ready.subject", number=number)
        details = []
        if company.address:
            details.append(t("mail.msg.ready.address", address=", ".join(company.address)))
        if company.opening_hours:
            details.append(t("mail.msg.ready.hours", hours=company.opening_hours))
        parts = [t("mail.msg.ready.body", number=number, company=company.name)]
        parts += ["\n".join(details)] if details else []
        middle = "\n\n".join([*parts, t("mail.msg.ready.bring")])
    elif item.kind == INVOICE:
        subject = t("mail.msg.invoice.subject", number=item.document_number,
                    company=company.name)
        account = company.bank_account
        account = f"{account[:4]}.{account[4:6]}.{account[6:]}" if len(account) == 11 else account
        middle = t(
            "mail.msg.invoice.body", number=item.document_number, order=number,
            amount=format_money(item.total_ore), due=format_date(item.due_on),
            account=account, kid=item.kid,
        )
    else:  # a letter: the text as written, and how to opt out
        subject = item.letter_subject
        link = unsubscribe_link(settings, item.token)
        opt_out = (
            t("mail.msg.letter.opt_out", company=company.name, link=link) if link
            else t("mail.msg.letter.opt_out_mail", company=company.name)
        )
        return subject, f"{greeting}\n\n{item.letter_body.strip()}\n\n{regards}\n\n-- \n{opt_out}\n"
    return subject, f"{greeting}\n\n{middle}\n\n{regards}\n"


def attachment_name(item: Facts) -> str:
    """The PDF's file name: what it is, never whom it is for."""
    return f"{item.company}-{t(f'mail.file.{item.document_kind}')}-{item.document_number}.pdf"


@dataclass(frozen=True)
class Composed:
    """A message ready to send, and its subject and plain text as kept."""

    message: Message
    subject: str
    text: str


def compose(item: Facts, settings: Settings, *, now: datetime | None = None) -> Composed:
    """The message to send (no database: ``item`` holds what it needs).

    Built with the classic ``email.mime`` classes: for a letter to 100 000 customers the
    modern ``EmailMessage`` API's header objects cost more than the whole SMTP exchange.
    The result parses back with any policy (the tests read it with ``policy.default``).
    """
    company = settings.company(item.company) or settings.company("")
    assert company is not None
    sender = sender_of(company, settings)
    with speaking(item.language):
        subject, text = _text(item, company, settings)
        pdf_name = attachment_name(item) if item.document_sheet else ""
    body = MIMEMultipart("alternative")
    body.attach(MIMEText(text, "plain", "utf-8"))
    body.attach(MIMEText(html_of(text), "html", "utf-8"))
    message: Message = body
    if pdf_name:
        from viver_tui.printing.document_pdf import render_pdf
        from viver_tui.printing.sheet import Sheet

        message = MIMEMultipart("mixed")
        message.attach(body)
        pdf = MIMEApplication(render_pdf(Sheet.from_json(item.document_sheet)), "pdf")
        pdf.add_header("Content-Disposition", "attachment", filename=pdf_name)
        message.attach(pdf)
    message["From"] = formataddr((company.name, sender), charset="utf-8")
    message["To"] = item.to
    message["Reply-To"] = company.reply_to or sender
    message["Subject"] = Header(subject, "utf-8").encode() if not subject.isascii() else subject
    message["Date"] = format_datetime(localtime(now) if now else localtime())
    message["Message-ID"] = message_id(item, sender)
    message["Content-Language"] = item.language
    if item.kind == LETTER:
        mailto = f"mailto:{company.reply_to or sender}?subject=unsubscribe%20{quote(item.token)}"
        link = unsubscribe_link(settings, item.token)
        message["List-Unsubscribe"] = f"<{link}>, <{mailto}>" if link else f"<{mailto}>"
        if link:  # RFC 8058: the link unsubscribes on a POST, with no page in between
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return Composed(message, subject, text)
