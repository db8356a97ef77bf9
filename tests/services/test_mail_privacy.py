"""E-mails and the privacy statement: in the innsyn export, gone with the erasure (the
.eml file too), deleted after the warranty period, and in the access log without text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import peewee

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from viver_tui.db import reading, writing
from viver_tui.models import AuditEvent, MediaItem, Order, OutboxMessage
from viver_tui.services import mail
from viver_tui.services.mail.privacy import purge_sent
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.privacy import erase_customer
from viver_tui.services.privacy.innsyn import collect_customer_data
from viver_tui.services.staff import StaffView


def test_innsyn_shows_the_e_mails_and_erasure_deletes_them_and_their_files(
    db: peewee.Database, tmp_path: Path, admin: StaffView
) -> None:
    settings = replace(shop(tmp_path), mail_spool_dir=tmp_path / "mail")
    who = person(db, "disk", "counter")
    cid = customer(db, who, email="ase@example.no")
    order = confirmed_order(db, settings, who, cid)
    with writing(db):
        mail.queue_ready_for_pickup(db, order.id, who.initials)
    MailWorker(db, settings).run_once()
    with reading(db):
        [sent] = collect_customer_data(cid)["e_mails"]
    assert (sent["kind"], sent["status"], sent["to"]) == ("ready", "sent", "ase@example.no")
    assert sent["text"].startswith("Hei Åse,") and sent["subject"]
    logged = AuditEvent.get(AuditEvent.action == "mail")
    assert logged.details == f"ready {order.number}" and "Åse" not in logged.details
    [spooled] = list(settings.mail_spool_dir.glob("*.eml"))
    with writing(db):  # delivered: nothing of theirs left in the house
        MediaItem.update(status="returned").where(MediaItem.order == order.id).execute()
        Order.update(status="closed").where(Order.id == order.id).execute()
    erase_customer(db, cid, admin)
    assert OutboxMessage.select().count() == 0
    assert not spooled.exists()


def test_messages_done_with_go_after_the_warranty_period(
    db: peewee.Database, tmp_path: Path
) -> None:
    settings = replace(shop(tmp_path), mail_spool_dir=tmp_path / "mail")
    who = person(db, "disk", "counter")
    cid = customer(db, who, email="ase@example.no")
    order = confirmed_order(db, settings, who, cid)
    other = confirmed_order(db, settings, who, cid)
    with writing(db):
        first = mail.queue_ready_for_pickup(db, order.id, who.initials)
        waiting = mail.queue_ready_for_pickup(db, other.id, who.initials)
    MailWorker(db, settings).run_once(limit=1)
    with writing(db):
        OutboxMessage.update(status="queued").where(OutboxMessage.id == waiting).execute()
    sent_on = OutboxMessage.get_by_id(first).sent_at.date()
    assert purge_sent(db, 30, sent_on + timedelta(days=30)) == 0  # not yet
    assert purge_sent(db, 0, date(2100, 1, 1)) == 0  # 0: kept until erasure
    assert purge_sent(db, 30, sent_on + timedelta(days=31)) == 1
    assert [r.id for r in OutboxMessage.select()] == [waiting]  # a queued one stays
    assert list(settings.mail_spool_dir.glob("*.eml")) == []
