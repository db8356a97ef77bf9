"""Customer letters: whom they reach and who is left out, opted-out customers never,
List-Unsubscribe and the opt-out text, an opt-out in the middle of a run, and a run
killed with SIGKILL that resumes with every recipient getting the letter exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import person, shop
from tests.services.mail_servers import Keeper, smtp_server, spooled, with_smtp
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.errors import ValidationError
from viver_tui.models import AuditEvent, AuditListMember, Customer, OutboxMessage
from viver_tui.services.mail import letters
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.staff import StaffView

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def who(db: peewee.Database) -> StaffView:
    return person(db, "disk", "counter")


@pytest.fixture
def settings_(tmp_path: Path) -> Settings:
    return replace(shop(tmp_path), mail_spool_dir=tmp_path / "mail")


def people(db: peewee.Database, count: int, **extra: object) -> list[int]:
    now = datetime(2026, 1, 1, 12, 0)
    first = Customer.select(peewee.fn.COUNT(Customer.id)).scalar()
    with writing(db):
        for n in range(count):
            Customer.insert(name=f"Kari{first + n} Nordmann", email=f"k{first + n}@example.no",
                            created_at=now, updated_at=now, **extra).execute()
    return [c.id for c in Customer.select(Customer.id).order_by(Customer.id.desc()).limit(count)]


def test_a_letter_reaches_only_who_may_get_it_and_says_how_to_opt_out(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    reached = people(db, 3)
    people(db, 2, letters_opt_out_at=datetime(2026, 2, 1))
    people(db, 1, erased_at=datetime(2026, 2, 1))
    with writing(db):
        Customer.insert(name="Uten Adresse").execute()
    reach = letters.reach(db, who)
    assert (reach.count, reach.opted_out, reach.erased, reach.no_email) == (3, 2, 1, 1)
    with pytest.raises(ValidationError):
        letters.send_letter(db, settings_, "", " ", "tekst", who)
    settings = replace(settings_, public_url="https://viver.example.no/")
    letter_id = letters.send_letter(db, settings, "", "Nyhet: 16 mm", "Vi tar nå 16 mm.", who)
    assert sorted(r.customer_id for r in OutboxMessage.select()) == sorted(reached)
    listed = AuditEvent.get(AuditEvent.action == "list")
    assert listed.details.startswith("letter email:")
    assert sorted(m.customer_id for m in AuditListMember.select()) == sorted(reached)
    assert [o.state for o in MailWorker(db, settings).run_once()] == ["sent"] * 3
    message = spooled(settings_.mail_spool_dir)[0]
    token = OutboxMessage.get(OutboxMessage.to_address == message["To"]).token
    assert message["Subject"] == "Nyhet: 16 mm"
    assert " ".join(message["List-Unsubscribe"].split()) == (  # unfolded
        f"<https://viver.example.no/unsubscribe/{token}>, "
        f"<mailto:post@videoverkstedet.no?subject=unsubscribe%20{token}>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("Hei Kari") and "Vi tar nå 16 mm." in text
    assert "Vil du ikke ha flere kundebrev" in text and token in text
    assert letters.progress(db, letter_id).done == 3
    assert letters.runs_in_progress(db) == []


def test_without_a_public_url_the_letter_unsubscribes_by_mail(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    people(db, 1)
    letters.send_letter(db, settings_, "", "Hei", "Tekst", who)
    MailWorker(db, settings_).run_once()
    [message] = spooled(settings_.mail_spool_dir)
    assert message["List-Unsubscribe"].strip().startswith("<mailto:post@videoverkstedet.no?")
    assert "List-Unsubscribe-Post" not in message


def test_an_opt_out_during_a_run_takes_effect_at_once(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    ids = people(db, 6)
    letters.send_letter(db, settings_, "", "Hei", "Tekst", who)
    worker = MailWorker(db, settings_)
    assert len(worker.run_once(limit=2)) == 2
    waiting = OutboxMessage.select().where(OutboxMessage.status == "queued").order_by(
        OutboxMessage.id)
    by_link, by_staff = waiting[0], waiting[1]
    assert letters.unsubscribe_by_token(db, by_link.token)
    assert not letters.unsubscribe_by_token(db, "no-such-token")
    with writing(db):  # the counter's form: the customer says no in the shop
        Customer.update(letters_opt_out_at=datetime(2026, 3, 1)).where(
            Customer.id == by_staff.customer_id).execute()
    states = Counter(o.state for o in worker.run_once())
    assert states == {"sent": 2, "skipped": 1}  # the link's skip happened at once
    skipped = {r.customer_id for r in OutboxMessage.select().where(
        OutboxMessage.status == "skipped")}
    assert skipped == {by_link.customer_id, by_staff.customer_id}
    received = {m["To"] for m in spooled(settings_.mail_spool_dir)}
    assert len(received) == 4 and len(ids) == 6
    opted = AuditEvent.get(AuditEvent.action == "opt_out")
    assert (opted.subject_id, opted.details) == (by_link.customer_id, "letter link")


def test_a_run_killed_mid_send_resumes_and_everyone_gets_it_exactly_once(
    db: peewee.Database, db_url: str, settings_: Settings, who: StaffView
) -> None:
    people(db, 12)
    letters.send_letter(db, settings_, "", "Hei", "Tekst", who)
    keeper = Keeper(hold=threading.Event(), hold_after=5)
    with smtp_server(keeper) as (_, port):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.services.mail_child", db_url, str(port),
             str(settings_.mail_spool_dir)], cwd=ROOT)
        try:
            assert keeper.holding.wait(60), "the child never reached the sixth message"
            os.kill(child.pid, signal.SIGKILL)  # mid-send: its data is with the server
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
        keeper.hold.set()  # the dead process's connection is gone: the server drops it
        keeper.hold_after = 10**6
        worker = MailWorker(db, with_smtp(settings_, port))
        [uncertain] = worker.recover()
        outcomes = worker.run_once()
        assert uncertain.state == "uncertain"
        assert Counter(o.state for o in outcomes) == {"sent": 6}  # the rest, once each
        counts = Counter(keeper.recipients())
        assert len(counts) == 11 and set(counts.values()) == {1}
        states = Counter(r.status for r in OutboxMessage.select())
        assert states == {"sent": 11, "uncertain": 1}
        row = OutboxMessage.get_by_id(uncertain.message_id)
        assert row.to_address not in counts  # it never got through: staff send it again
        from viver_tui.services import mail

        mail.retry_now(db, row.id, who)
        assert [o.state for o in worker.run_once()] == ["sent"]
    counts = Counter(keeper.recipients())
    assert len(counts) == 12 and set(counts.values()) == {1}  # everyone exactly once


def test_an_opt_out_after_the_letter_was_claimed_still_stops_it(
    db: peewee.Database, settings_: Settings, who: StaffView
) -> None:
    """The worker claims letters in batches; an opt-out that comes while the customer's
    letter is claimed (not yet sent) is honoured when its turn comes."""
    people(db, 4)
    letters.send_letter(db, settings_, "", "Hei", "Tekst", who)
    last = OutboxMessage.select().order_by(OutboxMessage.id.desc()).get()

    def opt_out_the_last(outcome: object) -> None:
        if OutboxMessage.get_by_id(last.id).status == "sending":  # claimed with the batch
            assert letters.unsubscribe_by_token(db, last.token)

    states = [o.state for o in MailWorker(db, settings_).run_once(opt_out_the_last)]
    assert states == ["sent", "sent", "sent", "skipped"]
    assert OutboxMessage.get_by_id(last.id).status == "skipped"
    assert last.to_address not in {m["To"] for m in spooled(settings_.mail_spool_dir)}
