"""The customer's language (issue 23: "every message in Norwegian, English if the
customer's language says so"): chosen when registering or correcting, logged as a
corrected field, hidden from production like the contact details, used by the outbox
for every message to them, reset by the erasure, and named in the innsyn answer."""

from __future__ import annotations

import json
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import shop
from tests.services.production_helpers import producer
from tests.signing_in import as_staff
from viver_tui.db import writing
from viver_tui.errors import FormErrors
from viver_tui.locale import speaking
from viver_tui.models import AuditEvent, Customer
from viver_tui.services import customers, intake, mail, privacy
from viver_tui.services.customers import CustomerChanged, CustomerInput, Saved, input_from_view
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.mail.compose import compose, facts
from viver_tui.services.staff import StaffView

KINDS = shop(Path()).media_kinds


def _register(db: peewee.Database, **values: object) -> customers.CustomerView:
    data = {"name": "Ann Smith", "phone": "41234567", "email": "ann@example.com", **values}
    result = customers.save(db, CustomerInput(**data), as_staff(db, "AB"))  # type: ignore[arg-type]
    assert isinstance(result, Saved) and result.created
    return result.customer


def _updates(customer_id: int) -> list[str]:
    rows = AuditEvent.select().where(
        (AuditEvent.subject_id == customer_id) & (AuditEvent.action == "update")
    ).order_by(AuditEvent.id)
    return [r.details for r in rows]


def test_the_language_is_saved_corrected_and_logged_as_a_field(db: peewee.Database) -> None:
    ann = _register(db, language="en")
    kari = _register(db, name="Kari Nordmann", phone="91234567", email="kari@example.no")
    assert (ann.language, kari.language) == ("en", "nb")  # bokmål unless chosen
    # Stored as "en", or NULL for bokmål (the rows from before the choice read the same).
    assert Customer.get_by_id(ann.id).language == "en"
    assert Customer.get_by_id(kari.id).language is None
    assert input_from_view(ann).language == "en"  # the correction form shows it

    back = customers.update(db, ann.id, replace(input_from_view(ann), language="nb"),
        as_staff(db, "CD"))
    assert back.language == "nb" and Customer.get_by_id(ann.id).language is None
    assert _updates(ann.id) == ["language"]  # the field named, never the value
    again = customers.save(db, input_from_view(back),
        as_staff(db, "CD"), customer_id=ann.id, opened=back)
    assert isinstance(again, Saved) and again.changed == ()  # nothing to change
    assert _updates(ann.id) == ["language"]


def test_a_language_that_is_not_offered_is_refused(db: peewee.Database) -> None:
    with pytest.raises(FormErrors) as caught:
        customers.save(db, CustomerInput(name="Ann", phone="41234567", language="de"),
            as_staff(db, "AB"))
    assert set(caught.value.errors) == {"language"}
    assert not Customer.select().exists()


def test_a_stale_form_names_the_language_someone_else_changed(db: peewee.Database) -> None:
    ann = _register(db)
    customers.update(db, ann.id, replace(input_from_view(ann), language="en"), as_staff(db, "CD"))
    with pytest.raises(CustomerChanged) as caught:
        customers.save(db, replace(input_from_view(ann), city="Bergen"), as_staff(db, "AB"),
                       customer_id=ann.id, opened=ann)
    assert caught.value.fields == ("language",)
    assert caught.value.current.language == "en"
    assert Customer.get_by_id(ann.id).city is None  # nothing written


def test_production_sees_no_language_as_it_sees_no_contact_details(
    db: peewee.Database, admin: StaffView, counter: StaffView
) -> None:
    ann = _register(db, language="en")
    prod = producer(db, admin)
    assert customers.get(db, ann.id, counter).language == "en"
    seen = customers.get(db, ann.id, prod)
    assert (seen.name, seen.email, seen.language) == ("Ann Smith", None, None)


def _ready_message(db: peewee.Database, customer_id: int, settings: object) -> EmailMessage:
    """The customer's order made ready (its message queued in that transaction), and
    the message as it would be sent, parsed back."""
    order = intake.open_order(db, customer_id, "AB")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), KINDS, "AB")
    intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "AB")
    with writing(db):
        message_id = mail.queue_ready_for_pickup(db, order.id, "AB")
        assert message_id is not None
        from viver_tui.models import OutboxMessage

        item = facts(OutboxMessage.get_by_id(message_id), settings)  # type: ignore[arg-type]
    made = compose(item, settings)  # type: ignore[arg-type]
    return message_from_bytes(made.message.as_bytes(), policy=policy.default)  # type: ignore[return-value]


def test_the_ready_message_is_in_the_customers_language(
    db: peewee.Database, tmp_path: Path
) -> None:
    settings = shop(tmp_path)
    ann = _register(db, language="en")
    kari = _register(db, name="Kari Nordmann", phone="91234567", email="kari@example.no")
    # Whatever the terminal speaks: the customer's language decides.
    with speaking("nb"):
        english = _ready_message(db, ann.id, settings)
    with speaking("en"):
        norwegian = _ready_message(db, kari.id, settings)
    assert english["Subject"].endswith("is ready for pickup")
    assert english["Content-Language"] == "en"
    assert english.get_body(("plain",)).get_content().startswith("Hello Ann,")
    assert norwegian["Subject"].endswith("er klar til henting")
    assert norwegian["Content-Language"] == "nb"
    assert norwegian.get_body(("plain",)).get_content().startswith("Hei Kari,")


def test_the_erasure_forgets_the_language(db: peewee.Database, admin: StaffView) -> None:
    ann = _register(db, language="en")
    result = privacy.erase_customer(db, ann.id, admin)
    assert result.finished
    with db.connection_context():
        row = Customer.get_by_id(ann.id)
    assert (row.erased_at is not None, row.language) == (True, None)


@pytest.mark.parametrize(("language", "line"), [
    ("nb", "Språk i e-post til deg: engelsk"),
    ("en", "Language of e-mails to you: English"),
])
def test_the_innsyn_answer_names_the_language(
    db: peewee.Database, admin: StaffView, tmp_path: Path, language: str, line: str
) -> None:
    ann = _register(db, language="en")
    kari = _register(db, name="Kari Nordmann", phone="91234567", email="kari@example.no")
    with speaking(language):
        english = privacy.export_customer(db, ann.id, admin, tmp_path / "ann")
        norwegian = privacy.export_customer(db, kari.id, admin, tmp_path / "kari")
    lines = [x.strip() for x in english.text_path.read_text(encoding="utf-8").splitlines()]
    assert line in lines  # one line, among the customer's details
    assert json.loads(english.json_path.read_text(encoding="utf-8"))["customer"]["language"] \
        == "en"
    text = norwegian.text_path.read_text(encoding="utf-8")
    assert ("Språk i e-post til deg: norsk (bokmål)" if language == "nb"
            else "Language of e-mails to you: Norwegian (bokmål)") in text
    assert json.loads(norwegian.json_path.read_text(encoding="utf-8"))["customer"]["language"] \
        == "nb"
