"""The outbox and its worker against SMTP servers on 127.0.0.1: sent once, waiting
after a refused, dropped or slow connection, failed after 5xx, uncertain after a
crash; the .eml spool without a server; the message parsed back with ``email``."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from tests.services.mail_servers import (
    Keeper,
    dropping_server,
    free_port,
    smtp_server,
    spooled,
    with_smtp,
)
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.models import AuditEvent, Customer, Order, OutboxMessage
from viver_tui.services import documents, mail
from viver_tui.services.intake import OrderDetails
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.staff import StaffView


@pytest.fixture
def who(db: peewee.Database) -> StaffView:
    return person(db, "disk", "counter")


@pytest.fixture
def settings_(tmp_path: Path) -> Settings:
    return replace(shop(tmp_path), mail_spool_dir=tmp_path / "mail")


def confirm(db: peewee.Database, settings: Settings, who: StaffView, cid: int) -> int:
    """An order confirmed through documents.confirm_order (which queues the e-mail)."""
    from viver_tui.services import intake
    from viver_tui.services.intake import MediumInput

    order = intake.open_order(db, cid, who.initials)
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), settings.media_kinds,
                      who.initials)
    documents.confirm_order(db, order.id, OrderDetails(shelf="A1"), who, settings)
    return order.id


def rows() -> list[OutboxMessage]:
    return list(OutboxMessage.select().order_by(OutboxMessage.id))


def test_a_confirmation_is_queued_with_the_order_and_spooled_without_a_server(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    cid = customer(db, who, email="ase@example.no", name="Åse Marie Ødegård")
    nobody = customer(db, who, phone="92345678", name="Per Uten Epost")
    order_id = confirm(db, settings_, who, cid)
    confirm(db, settings_, who, nobody)  # no address: nothing queued
    [row] = rows()
    assert (row.kind, row.status, row.order_id, row.to_address) == (
        "confirmation", "queued", order_id, "ase@example.no")
    logged = AuditEvent.select().where(AuditEvent.action == "mail").get()
    assert (logged.subject_id, logged.staff) == (cid, "disk")
    assert "Bryllup" not in logged.details and "ase@" not in logged.details

    outcomes = MailWorker(db, settings_).run_once()
    assert [o.state for o in outcomes] == ["sent"]
    [message] = spooled(settings_.mail_spool_dir)
    number = Order.get_by_id(order_id).number
    assert message["Subject"] == f"Ordrebekreftelse – ordre {number}"
    assert "Ødegård" not in message["Subject"]
    assert message["To"] == "ase@example.no"
    assert message["From"].addresses[0].addr_spec == "post@videoverkstedet.no"
    assert message["From"].addresses[0].display_name == "Videoverkstedet AS"
    assert message["Reply-To"] == "post@videoverkstedet.no"
    assert message["Message-ID"].startswith("<viver.") and message["Date"]
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert plain.startswith("Hei Åse,") and "Ødegård" not in plain
    assert "<p>Hei Åse,</p>" in html
    [pdf] = [p for p in message.iter_attachments()]
    assert pdf.get_filename() == f"videoverkstedet-ordrebekreftelse-{number}.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    kept = OutboxMessage.get_by_id(row.id)
    assert (kept.status, kept.subject, kept.message_id) == (
        "sent", message["Subject"], message["Message-ID"])
    assert kept.body == plain
    spool = Path(kept.spooled_to)
    assert spool.stat().st_mode & 0o777 == 0o600 and "ase" not in spool.name


def test_no_confirmation_e_mail_when_the_confirmation_is_rolled_back(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    cid = customer(db, who, email="ase@example.no")
    order = confirmed_order(db, settings_, who, cid)  # intake's confirm: no e-mail

    class Boom(Exception):
        pass

    with pytest.raises(Boom), writing(db):
        mail.queue_confirmation(order.id, who.initials)
        raise Boom
    assert rows() == []


def test_sent_once_through_a_real_server_in_the_customers_language(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    cid = customer(db, who, email="ann@example.com", name="Ann Smith")
    Customer.update(language="en").where(Customer.id == cid).execute()
    confirm(db, settings_, who, cid)
    with smtp_server() as (keeper, port):
        worker = MailWorker(db, with_smtp(settings_, port))
        assert [o.state for o in worker.run_once()] == ["sent"]
        assert worker.run_once() == []  # nothing twice
    [message] = keeper.messages()
    assert keeper.recipients() == ["ann@example.com"]
    assert message["Subject"].startswith("Order confirmation – order ")
    assert message.get_body(("plain",)).get_content().startswith("Hello Ann,")
    assert message["Content-Language"] == "en"


def test_a_refused_connection_leaves_it_queued_with_the_reason_and_a_back_off(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="ase@example.no"))
    confirm(db, settings_, who, customer(db, who, email="bo@example.no", phone="92345678"))
    port = free_port()  # nobody listens there
    worker = MailWorker(db, with_smtp(settings_, port))
    [outcome] = worker.run_once()  # the company waits: the second is not tried now
    first, second = rows()
    assert (outcome.state, first.status, first.attempts) == ("queued", "queued", 1)
    assert "tilkobling avvist" in first.last_error
    assert first.next_attempt_at is not None and second.attempts == 0
    with smtp_server(Keeper()) as (keeper, port2):  # the server is back, and staff say "now"
        mail.retry_now(db, first.id, who)
        worker = MailWorker(db, with_smtp(settings_, port2))
        assert [o.state for o in worker.run_once()] == ["sent", "sent"]
    assert sorted(keeper.recipients()) == ["ase@example.no", "bo@example.no"]


def test_a_connection_dropped_mid_message_leaves_it_queued(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="ase@example.no"))
    with dropping_server() as (dropped, port):
        [outcome] = MailWorker(db, with_smtp(settings_, port)).run_once()
    assert dropped.is_set()
    [row] = rows()
    assert (outcome.state, row.status) == ("queued", "queued")
    assert "brøt forbindelsen" in row.last_error


def test_a_server_that_answers_too_slowly_leaves_it_queued(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="ase@example.no"))
    with smtp_server(Keeper(hold=threading.Event())) as (keeper, port):
        [outcome] = MailWorker(db, with_smtp(settings_, port, timeout=0.5)).run_once()
        assert keeper.holding.is_set()
    [row] = rows()
    assert (outcome.state, row.status) == ("queued", "queued")
    assert "svarte ikke i tide" in row.last_error


def test_a_permanent_refusal_is_failed_and_counted_for_staff(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="gone@example.no"))
    confirm(db, settings_, who, customer(db, who, email="here@example.no", phone="92345678"))
    with smtp_server(Keeper(refuse={"gone@example.no"})) as (keeper, port):
        outcomes = MailWorker(db, with_smtp(settings_, port)).run_once()
    assert [o.state for o in outcomes] == ["failed", "sent"]  # the next one still goes
    failed = rows()[0]
    assert failed.status == "failed" and "550" in failed.last_error
    assert mail.attention(db).failed == 1
    assert keeper.recipients() == ["here@example.no"]
    assert [v.id for v in mail.outbox_page(db)] == [failed.id]
    mail.cancel(db, failed.id, who)
    assert mail.attention(db).total == 0


def test_a_temporary_refusal_of_the_recipient_waits(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="busy@example.no"))
    with smtp_server(Keeper(refuse={"busy@example.no"}, temporary=True)) as (_, port):
        [outcome] = MailWorker(db, with_smtp(settings_, port)).run_once()
    assert outcome.state == "queued" and "451" in rows()[0].last_error


def test_a_claim_whose_process_died_is_uncertain_and_never_sent_again_by_itself(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    confirm(db, settings_, who, customer(db, who, email="ase@example.no"))
    dead = MailWorker(db, settings_, name="otherhost|x|1|1|dead")
    claimed, _ = dead.step(None)  # claimed, then the process is killed before it records
    assert claimed is not None
    from datetime import timedelta

    from viver_tui import clock

    with clock.pinned(clock.now() + timedelta(minutes=11)):
        worker = MailWorker(db, settings_)
        [outcome] = worker.recover()
        assert outcome.state == "uncertain"
        assert worker.run_once() == []  # not sent again by itself
    row = rows()[0]
    assert row.status == "uncertain" and "kan ha gått ut" in row.last_error
    mail.mark_sent(db, row.id, who)
    assert rows()[0].status == "sent" and spooled(settings_.mail_spool_dir) == []


def test_ready_for_pickup_only_inside_the_transaction_and_also_to_opted_out(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    cid = customer(db, who, email="ase@example.no", letters_opt_out=True)  # type: ignore[arg-type]
    order = confirmed_order(db, settings_, who, cid)
    with pytest.raises(AssertionError):
        mail.queue_ready_for_pickup(db, order.id, who.initials)
    with writing(db):
        message_id = mail.queue_ready_for_pickup(db, order.id, who.initials)
    assert message_id is not None
    settings = replace(settings_, companies=tuple(
        replace(c, opening_hours="Man–fre 10–17") for c in settings_.companies))
    MailWorker(db, settings).run_once()
    [message] = spooled(settings_.mail_spool_dir)
    text = message.get_body(("plain",)).get_content()
    assert message["Subject"] == f"Ordre {order.number} er klar til henting"
    assert "Adresse: Storgata 1, 0155 Oslo" in text
    assert "Åpningstider: Man–fre 10–17" in text
    assert "kvitteringen" in text and "legitimasjon" in text
    assert "List-Unsubscribe" not in message


def test_an_invoice_by_e_mail_has_its_pdf_and_kid(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    cid = customer(db, who, email="ase@example.no")
    order = confirmed_order(db, settings_, who, cid)
    invoice = documents.issue_invoice(db, order.id, settings_, who, email=True)
    MailWorker(db, settings_).run_once()
    [message] = spooled(settings_.mail_spool_dir)
    assert message["Subject"] == f"Faktura {invoice.number} fra Videoverkstedet AS"
    text = message.get_body(("plain",)).get_content()
    assert f"KID: {invoice.kid}" in text and "Kontonummer: 8601.11.17947" in text
    [pdf] = list(message.iter_attachments())
    assert pdf.get_filename() == f"videoverkstedet-faktura-{invoice.number}.pdf"
