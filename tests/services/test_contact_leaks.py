"""Every public service that returns or prints personal data, walked with each role.

#17.3: production printed an order form with the phone and e-mail from the print queue
(``print_jobs.print_again`` had no role check). This test calls every public function
of the service modules below as counter, production and admin staff, and fails on the
first leak: contact details (phone, e-mail, address, organisation number) reaching a
role that may not see them, or a print with contact details queued for one.

Every public function of those modules is in exactly one list here:

- ``FILTERED``: returns customer data; production gets it without contact details,
  counter and admin with them (so the walk reaches the data).
- ``REFUSED``: contact details (or a print with them) only for counter and admin:
  production is refused (``NotAllowed``) before anything is read or queued.
- ``ADMIN_ONLY``: counter and production are refused.
- ``NAMES_ONLY``: takes the person, returns names and orders at most: checked by
  type — nothing it returns has a contact field.
- ``NO_PERSON``: personal data without a person to check (the building blocks the
  services above use, the print worker, the CLI): checked that no screen calls it.
- ``NO_PERSONAL_DATA``: helpers (parsing, formats, counts).

A new public function in these modules that is in none of the lists fails the test.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import io
import pkgutil
import re
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import peewee
import pytest

from tests.signing_in import people as make_people
from viver_tui.config import Settings
from viver_tui.models import PrintJob
from viver_tui.services import customers, intake, orders, print_jobs
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.roles import CONTACT_PRINTS, NotAllowed, StaffView
from viver_tui.store import open_database

MODULES = (
    "customers", "customers.validation", "customers.viewing", "customers.saving",
    "print_jobs", "orders", "pickup", "search",
    "documents.listing", "documents.files", "documents.printouts", "documents.invoice",
    "documents.quote", "documents.credit", "documents.confirmation",
    "mail.letters", "mail.outbox",
    "production.steps", "production.workload", "production.ready", "production.notes",
    "production.outcomes", "production.panel",
    "privacy.innsyn", "privacy.access_log", "privacy.mailing", "privacy.requests",
)
# Packages walked whole. A package re-exports what its modules define, and the walk finds
# a function only in the module that defines it: a module added to one would go
# unwalked, silently, unless it is in MODULES too.
WALKED_WHOLE = ("customers",)

# What no one but counter and admin staff may see: the values of the customer below.
CONTACT_VALUES = ("91234567", "9123 4567", "912 34 567", "post@fjordfilm.no", "Storgata 1",
                  "923609016", "923 609 016", "0155")
CONTACT_FIELDS = {"phone", "email", "address", "postal_code", "city", "org_number",
                  "customer_phone", "customer_email", "contact", "buyer"}


@dataclasses.dataclass
class World:
    db: peewee.Database
    settings: Settings
    people: dict[str, StaffView]
    customer: customers.CustomerView
    order: orders.OrderView
    jobs: dict[str, int]


Call = Callable[[World, StaffView], Any]

FILTERED: dict[str, Call] = {
    "customers.viewing.get": lambda w, who: customers.get(w.db, w.customer.id, who),
    "customers.viewing.open_card": lambda w, who: customers.open_card(w.db, w.customer.id, who),
    "customers.viewing.search_for": lambda w, who: (
        customers.search_for(w.db, "nordmann", who)
        + customers.search_for(w.db, "91234567", who)
        + customers.search_for(w.db, "post@fjordfilm.no", who)
    ),
    "customers.viewing.for_viewer": lambda w, who: customers.for_viewer(w.customer, who),
    "customers.viewing.hit_for_viewer": lambda w, who: customers.hit_for_viewer(
        customers.search(w.db, "nordmann")[0], who
    ),
    "print_jobs.reprint_options": lambda w, who: [
        # A print with contact details offered is as good as printed.
        o.text + (" post@fjordfilm.no" if o.kind in CONTACT_PRINTS else "")
        for o in print_jobs.reprint_options(w.db, w.order.id, w.settings, who)
    ],
}


def _doc(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(f"viver_tui.services.{module}"), name)


def _queued_contact_print(w: World, job_id: object) -> str:
    """A print job queued for the person: its kind, if it carries contact details."""
    if not isinstance(job_id, int):
        return ""
    with w.db.connection_context():
        job = PrintJob.get_or_none(PrintJob.id == job_id)
    return f"queued {job.kind} post@fjordfilm.no" if job and job.kind in CONTACT_PRINTS else ""


REFUSED: dict[str, Call] = {
    "customers.saving.save": lambda w, who: customers.save(
        w.db, customers.input_from_view(w.customer), who, customer_id=w.customer.id,
        opened=w.customer,
    ),
    "customers.saving.register": lambda w, who: customers.register(
        w.db, CustomerInput(name=f"Ny {who.initials}", phone="47000000"), who
    ),
    "customers.saving.update": lambda w, who: customers.update(
        w.db, w.customer.id, customers.input_from_view(w.customer), who
    ),
    "print_jobs.print_again": lambda w, who: (
        print_jobs.print_again(w.db, w.jobs["order_form"], who),
        _queued_contact_print(w, w.jobs["order_form"]),
    ),
    "print_jobs.reprint": lambda w, who: _queued_contact_print(
        w, print_jobs.reprint(w.db, w.order.id, "order_form", staff=who)
    ),
    "documents.listing.documents_for_order": lambda w, who: _doc(
        "documents.listing", "documents_for_order")(w.db, w.order.id, w.settings, who),
    "documents.listing.documents_for_customer": lambda w, who: _doc(
        "documents.listing", "documents_for_customer")(w.db, w.customer.id, w.settings, who),
    "documents.listing.get_document": lambda w, who: _doc(
        "documents.listing", "get_document")(w.db, 1, w.settings, who),
    "documents.files.document_pdf": lambda w, who: _doc(
        "documents.files", "document_pdf")(w.db, 1, w.settings, who),
    "documents.printouts.print_document": lambda w, who: _queued_contact_print(
        w, _doc("documents.printouts", "print_document")(w.db, 1, who)),
    "documents.invoice.draft_invoice": lambda w, who: _doc(
        "documents.invoice", "draft_invoice")(w.db, w.order.id, w.settings, who),
    "documents.invoice.issue_invoice": lambda w, who: _doc(
        "documents.invoice", "issue_invoice")(w.db, w.order.id, w.settings, who),
    "documents.invoice.record_payment": lambda w, who: _doc(
        "documents.invoice", "record_payment")(w.db, 1, w.settings, who),
    "documents.invoice.void_invoice": lambda w, who: _doc(
        "documents.invoice", "void_invoice")(w.db, 1, w.settings, who, "feil"),
    "documents.quote.make_quote": lambda w, who: _doc(
        "documents.quote", "make_quote")(w.db, w.customer.id, w.settings, who, []),
    "documents.quote.accept_quote": lambda w, who: _doc(
        "documents.quote", "accept_quote")(w.db, 1, w.settings, who),
    "documents.credit.issue_credit_note": lambda w, who: _doc(
        "documents.credit", "issue_credit_note")(w.db, 1, w.settings, who, reason="feil"),
    "documents.confirmation.confirm_order": lambda w, who: _doc(
        "documents.confirmation", "confirm_order")(
        w.db, intake.open_order(w.db, w.customer.id, who.initials).id,
        OrderDetails(shelf="A1"), who, w.settings),
    "mail.letters.reach": lambda w, who: _doc("mail.letters", "reach")(w.db, who),
    "mail.letters.send_letter": lambda w, who: _doc("mail.letters", "send_letter")(
        w.db, w.settings, "videoverkstedet", "Hei", "Tekst", who, limit=0),
    "privacy.requests.register_access_request": lambda w, who: _doc(
        "privacy.requests", "register_access_request")(w.db, w.customer.id, who),
}

ADMIN_ONLY: dict[str, Call] = {
    "privacy.innsyn.export_customer": lambda w, who: _doc(
        "privacy.innsyn", "export_customer")(
        w.db, w.customer.id, who, w.settings.spool_dir.parent / "innsyn"),
    "privacy.access_log.read_access_log": lambda w, who: _doc(
        "privacy.access_log", "read_access_log")(w.db, who),
    "privacy.access_log.access_log_page": lambda w, who: _doc(
        "privacy.access_log", "access_log_page")(w.db, who),
    "privacy.mailing.export_mailing_list": lambda w, who: _doc(
        "privacy.mailing", "export_mailing_list")(w.db, who, io.StringIO()),
    "privacy.requests.access_requests": lambda w, who: _doc(
        "privacy.requests", "access_requests")(w.db, who),
    "privacy.requests.access_request_rows": lambda w, who: _doc(
        "privacy.requests", "access_request_rows")(w.db, who),
    "privacy.requests.answer_access_request": lambda w, who: _doc(
        "privacy.requests", "answer_access_request")(w.db, 1, who, "post"),
}

NAMES_ONLY = {
    "customers.viewing.record_list_shown",  # returns nothing; logs the fields the role saw
    "print_jobs.mark_printed",
    "mail.outbox.retry_now", "mail.outbox.cancel", "mail.outbox.mark_sent",
    "production.steps.step", "production.steps.scan", "production.steps.undo",
    "production.workload.workload", "production.ready.ready_orders",
    "production.notes.add_note", "production.outcomes.set_outcome",
}

NO_PERSON = {
    # Building blocks the checked services above wrap (search_for, get, …).
    "customers.saving.find_duplicates", "customers.viewing.customer_orders",
    "customers.saving.input_from_view",
    "search.search", "search.token_rows", "search.write_tokens", "search.count_matches",
    "orders.order_row", "orders.medium_row", "orders.medium_view", "orders.load",
    "orders.get_order", "orders.load_for_reading", "orders.set_order_status",
    "orders.set_medium_status", "orders.add_note", "orders.record_event",
    "pickup.scan", "pickup.open", "pickup.release", "pickup.lookup_medium",
    "pickup.end_visit", "pickup.close_with_missing",
    "print_jobs.request", "print_jobs.job_views", "print_jobs.pending_jobs",
    "print_jobs.jobs_for_order", "print_jobs.attention_jobs", "print_jobs.overview",
    "documents.files.stored_pdf", "documents.files.pdf_path",
    "documents.printouts.queue_print", "documents.confirmation.record_confirmation",
    "mail.outbox.queue_confirmation", "mail.outbox.queue_invoice",
    "mail.outbox.queue_ready_for_pickup", "mail.outbox.outbox_page",
    "mail.outbox.message_view",
    "mail.letters.unsubscribe_by_token", "mail.letters.progress",
    "mail.letters.runs_in_progress",
    "production.panel.build", "production.panel.medium_by_code",
    "production.panel.locked_medium", "production.panel.check_workable",
    "production.panel.customer_erased",
    "production.ready.mark_ready", "production.ready.reopen", "production.ready.settle",
    "production.steps.transaction",
    "privacy.innsyn.collect_customer_data", "privacy.requests.request_view",
}
# Functions in NO_PERSON that screens do call: they return no contact details.
SCREENS_MAY_CALL = {
    "customers.viewing.customer_orders", "customers.saving.input_from_view",
    "search.count_matches",
    "orders.find_order_id", "pickup.scan", "pickup.open", "pickup.release",
    "pickup.lookup_medium", "pickup.end_visit", "pickup.close_with_missing",
    "print_jobs.overview", "print_jobs.attention_jobs", "mail.outbox.outbox_page",
    "mail.outbox.message_view", "mail.letters.progress", "mail.letters.runs_in_progress",
    "orders.get_order", "orders.load_for_reading", "orders.set_order_status",
    "orders.add_note", "orders.set_medium_status", "production.panel.build",
}

NO_PERSONAL_DATA = {
    "customers.validation.normalize_phone", "customers.validation.normalize_email",
    "customers.validation.normalize_org_number", "customers.validation.validate",
    "customers.saving.field_names", "customers.viewing.language_of",
    "print_jobs.document_title", "print_jobs.needs_staff", "print_jobs.count_attention",
    "print_jobs.retry_now", "print_jobs.printer_for",
    "orders.locked", "orders.order_id_for_number", "orders.find_order_id",
    "pickup.read_count", "pickup.count_invalid", "pickup.needs_release",
    "search.normalize_text", "search.name_words", "search.tokens_for", "search.query_words",
    "search.ready_counts", "search.warm",  # warm: reads index pages, returns nothing
    "documents.files.file_name", "documents.files.sha256",
    "documents.invoice.parse_amount", "documents.invoice.media_lines",
    "documents.invoice.product_lines", "documents.invoice.discount_line",
    "documents.invoice.parse_method", "documents.invoice.parse_products",
    "documents.quote.quote_line", "documents.quote.parse_quote_lines",
    "documents.credit.credit_series",
    "mail.letters.preview", "mail.outbox.language_of", "mail.outbox.count_attention",
    "mail.outbox.attention",
    "production.panel.step_of", "production.panel.is_done",
    "production.notes.read_correction", "production.outcomes.outcome_name",
    "privacy.requests.one_month_after", "privacy.requests.clean_how",
}


def _public(module: str) -> set[str]:
    mod = importlib.import_module(f"viver_tui.services.{module}")
    return {
        f"{module}.{name}" for name, value in vars(mod).items()
        if inspect.isfunction(value) and value.__module__ == mod.__name__
        and not name.startswith("_")
    }


def test_every_public_service_function_is_in_one_list() -> None:
    lists = [set(FILTERED), set(REFUSED), set(ADMIN_ONLY), NAMES_ONLY, NO_PERSON,
             NO_PERSONAL_DATA]
    listed = set().union(*lists)
    assert sum(len(x) for x in lists) == len(listed), "a function is in two lists"
    public = set().union(*(_public(m) for m in MODULES))
    unlisted = sorted(public - listed)
    assert not unlisted, f"public services not walked nor said to hold no personal data: {unlisted}"
    gone = sorted(listed - public)
    assert not gone, f"listed but no longer public: {gone}"
    for package in WALKED_WHOLE:
        path = importlib.import_module(f"viver_tui.services.{package}").__path__
        modules = {f"{package}.{info.name}" for info in pkgutil.iter_modules(path)}
        assert modules <= set(MODULES), f"modules not walked: {sorted(modules - set(MODULES))}"


def _contact_in(value: object) -> list[str]:
    text = repr(value)
    return [v for v in CONTACT_VALUES if v in text]


@pytest.fixture
def world(sqlite_url: str, tmp_path: Path) -> World:
    db = open_database(sqlite_url)
    settings = Settings(spool_dir=tmp_path / "spool")
    people = make_people(db)
    counter = people["counter"]
    customer = customers.register(
        db,
        CustomerInput(name="Kari Nordmann", kind="business", phone="91234567",
                      email="post@fjordfilm.no", address="Storgata 1", postal_code="0155",
                      city="Oslo", org_number="923609016"),
        counter,
    )
    order = intake.open_order(db, customer.id, "disk")
    order = intake.add_medium(db, order.id, MediumInput("vhs"), settings.media_kinds, "disk")
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "disk")
    with db.connection_context():
        jobs = {j.kind: j.id for j in PrintJob.select().where(PrintJob.order == order.id)}
    return World(db, settings, people, customer, order, jobs)


def _outcome(call: Call, w: World, who: StaffView) -> tuple[str, object]:
    try:
        return "ok", call(w, who)
    except NotAllowed as refused:
        return "refused", refused
    except TypeError:
        raise
    except Exception as other:  # not found, invalid: allowed through, nothing shown
        return "error", other


def test_no_service_leaks_contact_details_to_a_role_that_may_not_see_them(world: World) -> None:
    w = world
    for name, call in FILTERED.items():
        for role in ("counter", "production", "admin"):
            kind, result = _outcome(call, w, w.people[role])
            assert kind == "ok", (name, role, result)
            leaked = _contact_in(result)
            if role == "production":
                assert not leaked, f"{name} shows {leaked} to production"
            else:
                assert leaked, f"{name} reached no contact details for {role} (walk broken)"
    for name, call in REFUSED.items():
        kind, result = _outcome(call, w, w.people["production"])
        assert kind == "refused", f"{name} not refused for production: {result!r}"
        for role in ("counter", "admin"):
            kind, result = _outcome(call, w, w.people[role])
            assert kind != "refused", (name, role, result)
    for name, call in ADMIN_ONLY.items():
        for role in ("counter", "production"):
            kind, result = _outcome(call, w, w.people[role])
            assert kind == "refused", f"{name} not refused for {role}: {result!r}"
        kind, result = _outcome(call, w, w.people["admin"])
        assert kind != "refused", (name, result)


def _fields(tp: object, seen: set[object]) -> set[str]:
    """Every field name of the dataclasses ``tp`` is made of (nested, in lists)."""
    if tp in seen:
        return set()
    seen.add(tp)
    found: set[str] = set()
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        for field in dataclasses.fields(tp):
            found.add(field.name)
            found |= _fields(hints.get(field.name), seen)
    for arg in typing.get_args(tp):
        found |= _fields(arg, seen)
    return found


def test_services_for_production_return_no_contact_field() -> None:
    for name in sorted(NAMES_ONLY):
        module, function = name.rsplit(".", 1)
        fn = getattr(importlib.import_module(f"viver_tui.services.{module}"), function)
        returned = typing.get_type_hints(fn).get("return")
        fields = _fields(returned, set())
        assert not fields & CONTACT_FIELDS, f"{name} returns {sorted(fields & CONTACT_FIELDS)}"


def test_no_screen_calls_a_service_that_does_not_check_the_person() -> None:
    root = Path(__file__).resolve().parents[2] / "viver_tui"
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [*root.glob("screens/*.py"), *root.glob("widgets/*.py"), *root.glob("app*.py")]
    )
    for name in sorted(NO_PERSON - SCREENS_MAY_CALL):
        *modules, function = name.split(".")
        called = rf"\b(?:{'|'.join(modules)})\.{function}\b"
        assert not re.search(called, sources), f"a screen calls {name}"
