"""The innsyn answer in words, for a customer the shop has done everything with (issue 17,
finding 12): an order taken in, moved along and looked at in production, an outcome and
a production note, labels, an order form and receipts printed (one again), an e-mail
sent, media files delivered on a drive and by a streaming link that was downloaded and
closed, consent given and withdrawn, the customer looked at on the card, the order and
the pickup screens and shown in a search list.

The readable answer, in bokmål and in English, has every item GDPR art. 15(1)/(2)
asks for, says which screen each look was from, names the derived copies, and shows
no internal code raw: the codes are taken from the code's own lists and from every code
value the JSON holds for this person, so a new code without words fails here."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import peewee
import pytest

from tests.services.documents_helpers import shop as documents_shop
from tests.services.test_privacy import _delivered_order
from tests.signing_in import as_staff
from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.locale import speaking
from viver_tui.locale.catalog import CATALOGS
from viver_tui.models import MediaDelivery, MediaFile
from viver_tui.services import audit, customers, mail, orders, pickup, print_jobs, privacy
from viver_tui.services.documents.model import KINDS as DOCUMENT_KINDS
from viver_tui.services.documents.model import PAYMENT_METHODS
from viver_tui.services.mail import outbox
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.media_files import links
from viver_tui.services.privacy.innsyn_text import describe
from viver_tui.services.production import notes, outcomes, steps
from viver_tui.services.production.panel import STEPS
from viver_tui.services.staff import StaffView

WARRANTY, MAIL_DAYS, BACKUP_DAYS, SPOOL_DAYS = 120, 400, 45, 14


@pytest.fixture
def answers(
    db: peewee.Database, admin: StaffView, counter: StaffView, tmp_path: Path
) -> dict[str, Any]:
    """The export of one customer in both languages: {"nb": (text, data), "en": …, "order"}."""
    shop = replace(
        documents_shop(tmp_path), mail_spool_dir=tmp_path / "mail", warranty_days=WARRANTY,
        mail_keep_days=MAIL_DAYS, backup_retention_days=BACKUP_DAYS,
        spool_retention_days=SPOOL_DAYS,
    )
    cid, order = _delivered_order(db, shop, deliver=False)
    first = order.media[0]
    other = customers.register(db, customers.CustomerInput(name="Per Annen", phone="93456789"),
                               counter).id
    # Production: opened by a scan, one step on, an outcome, a note.
    steps.scan(db, first.code, as_staff(db, "prod"))
    steps.step(db, first.id, as_staff(db, "prod"))
    outcomes.set_outcome(db, first.id,
        as_staff(db, "prod"), "mould", "litt mugg", shop.production_outcomes)
    notes.add_note(db, first.id, "Båndet er skjørt", as_staff(db, "prod"))
    second = order.media[1]
    for _ in range(3):  # received → in production → digitized → checked
        steps.step(db, second.id, as_staff(db, "prod"))
    with writing(db):
        mail.queue_ready_for_pickup(db, order.id, counter.initials)
    MailWorker(db, shop).run_once()
    # Looks from three screens and a search list.
    orders.get_order(db, order.id, staff="disk")
    pickup.open(db, order.id, "disk")
    customers.open_card(db, cid, counter)
    customers.record_list_shown(db, counter, [other, cid])
    print_jobs.print_again(db, print_jobs.jobs_for_order(db, order.id)[0].id, counter)
    # Media files: one made from the first medium, delivered on a drive and streamed.
    now = clock.now()
    with writing(db):
        MediaFile.create(name="01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv", media_item=first.id,
                         size=2_500_000_000, sha256="a" * 64, format="matroska",
                         created_by="prod", delivered_at=now)
        MediaDelivery.create(order=order.id, kind="drive", drive="USB-minnepinne", files=1,
                             bytes=2_500_000_000, at=now, staff="disk")
        audit.record("disk", "media_delivery", cid, details=f"drive order={order.number} files=1")
    privacy.give_consent(db, cid, "streaming", counter)
    link = links.create_link(db, order.id, counter, WARRANTY)
    shared = links.resolve(db, link.token)
    assert shared is not None
    links.record_download(db, shared, "01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv", 1_000_000, "192.0.2.7")
    privacy.withdraw_consent(db, cid, "streaming", counter)
    assert links.resolve(db, link.token) is None  # the consent went: the link closes
    assert pickup.close_with_missing(db, order.id, "Fant ikke boksen", "disk").number
    found: dict[str, Any] = {"order": order, "cid": cid}
    for language in ("nb", "en"):
        with speaking(language):
            export = privacy.export_customer(db, cid, admin, tmp_path / language, shop=shop)
        found[language] = (export.text_path.read_text(encoding="utf-8"),
                           json.loads(export.json_path.read_text(encoding="utf-8")))
    return found


def _required(order) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What the answer must say, each item in both languages (nb, en)."""
    number = order.number
    first = order.media[0].code
    pairs = [
        # art. 15(1)(a) purposes
        ("Hva vi bruker opplysningene til (formål)", "What we use the data for (purposes)"),
        ("Regnskap:", "Accounting:"), ("Kvalitetssikring og garanti", "Quality assurance"),
        # (b) categories
        ("Hvilke opplysninger vi har om deg", "Which data we hold on you"),
        ("Kontaktopplysninger:", "Contact details:"), ("Fysiske medier:", "Physical media:"),
        # (c) recipients: nobody unauthorised, the printers, the e-mail
        ("Hvem som får opplysningene (mottakere)", "Who receives the data (recipients)"),
        ("utleveres ikke til uvedkommende", "not handed to anyone unauthorised"),
        ("butikkens egne skrivere", "the shop's own printers"),
        ("E-post fra oss til deg", "E-mail from us to you"),
        # (d) how long, each kind; the numbers from the settings
        ("Hvor lenge vi oppbevarer opplysningene", "How long we keep the data"),
        ("5 år etter utgangen av regnskapsåret", "5 years after the end of the financial year"),
        ("bokføringsloven § 13", "Bookkeeping Act § 13"),
        (f"ordre {number} til 01.01.20", f"order {number} until 1 Jan 20"),
        (f"i garantiperioden, {WARRANTY} dager etter første levering",
         f"for the warranty period, {WARRANTY} days after the first delivery"),
        (f"E-post til deg: {MAIL_DAYS} dager", f"E-mail to you: {MAIL_DAYS} days"),
        (f"i {BACKUP_DAYS} dager", f"for {BACKUP_DAYS} days"),
        (f"skrankens maskin: {SPOOL_DAYS} dager", f"counter's computer: {SPOOL_DAYS} days"),
        ("Tilgangsloggen: beholdes", "The access log: kept"),
        # (e) the rights; (f) Datatilsynet; (g) the source; (h) no automated decisions
        ("Retting:", "Correction:"), ("Sletting:", "Erasure:"),
        ("Begrensning:", "Restriction:"), ("Innsigelse:", "Objection:"),
        ("klage til Datatilsynet", "complain to Datatilsynet"),
        ("Fra deg:", "From you:"),
        ("ingen automatiserte avgjørelser", "no automated decisions"),
        # codes in words
        (f"Medium {first}: VHS-kassett", f"Medium {first}: VHS cassette"),
        ("Status: under produksjon", "Status: in production"),
        ("(mottatt → under produksjon)", "(received → in production)"),
        ("Resultat: Mugg", "Outcome: Mould"),
        ("(under produksjon → digitalisert)", "(in production → digitized)"),
        ("Status: kontrollert", "Status: checked"),
        (f"etikett for medium {first}, etikettskriveren",
         f"label for medium {first}, the label printer"),
        (f"ordreskjema for ordre {number}, kvitteringsskriveren",
         f"order form for order {number}, the receipt printer"),
        (f"bestilte utskrift: etikett for medium {first}",
         f"asked for a print: label for medium {first}"),
        ("levering ved strømming (tekstversjon 2026-11)",
         "delivery by streaming (text version 2026-11)"),
        ("(under produksjon → avsluttet med medier som mangler)",
         "(in production → closed with media missing)"),
        # which screen each look was from
        ("så på kundekortet ditt", "looked at your customer card"),
        (f"så ordre {number} på ordreskjermen", f"looked at order {number} on the order screen"),
        (f"så ordre {number} på utleveringsskjermen",
         f"looked at order {number} on the pickup screen"),
        (f"så ordre {number} på produksjonsskjermen",
         f"looked at order {number} on the production screen"),
        ("søkeresultatliste på skjermen (vist: navn, telefon",
         "list of search results on screen (shown: name, phone"),
        # derived copies named as such
        ("Søkenøkler avledet av navn, telefon og e-post",
         "Search keys derived from your name, phone and e-mail"),
        ("sifrene i telefonnummeret baklengs", "the phone number's digits reversed"),
        # what else is held: notes, e-mail, media files and their delivery
        (f"om medium {first}: Båndet er skjørt", f"on medium {first}: Båndet er skjørt"),
        ("E-post til deg (1)", "E-mail to you (1)"),
        ("Klar til henting (sendt) til kari.nordmann@example.no",
         "Ready for pickup (sent) to kari.nordmann@example.no"),
        (f"la en e-post til deg i utboksen: ordre {number} er klar til henting",
         f"wrote an e-mail to you to the outbox: order {number} is ready for pickup"),
        ("mediefil 01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv (2,5 GB)",
         "media file 01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv (2.5 GB)"),
        ("1 mediefil (2,5 GB) kopiert til lagringsmediet ditt (USB-minnepinne)",
         "1 file (2.5 GB) copied to your storage medium (USB-minnepinne)"),
        (f"kopierte 1 mediefil fra ordre {number}", f"copied 1 file of order {number}"),
        ("(du trakk tilbake samtykket)", "(you withdrew your consent)"),
        (f"laget en strømmelenke til mediefilene fra ordre {number}",
         f"made a streaming link to the media files of order {number}"),
        ("ble lastet ned via strømmelenken (1 MB, fra adressen 192.0.2.7) — systemet",
         "was downloaded over the streaming link (1 MB, from the address 192.0.2.7) — "
         "the system"),
    ]
    return {"nb": [nb for nb, _ in pairs], "en": [en for _, en in pairs]}


# Code values in the JSON, by field: what the answer must put in words.
_CODE_FIELDS = {"kind", "status", "action", "printer", "outcome", "purpose", "method",
                "from_status", "to_status", "where", "made_from", "revoked_why",
                "fields_shown"}


def _codes_in(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _CODE_FIELDS and isinstance(value, str) and value:
                found.add(value)
            elif key in _CODE_FIELDS and isinstance(value, list):
                found |= {v for v in value if isinstance(v, str)}
            else:
                found |= _codes_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= _codes_in(value)
    return found


def code_lists() -> set[str]:
    """Every code the app stores, from the code's own lists."""
    settings = Settings()
    return {
        *(k.key for k in settings.media_kinds), *(o.key for o in settings.production_outcomes),
        *orders.STATUSES, *STEPS, *print_jobs.KINDS, *print_jobs.ROLES,
        *audit.ACTIONS, *audit.VIEW_PLACES, *audit.LIST_PLACES,
        *DOCUMENT_KINDS, *PAYMENT_METHODS, *outbox.KINDS,
        "queued", "sending", "sent", "failed", "uncertain", "cancelled", "skipped",
        "printing", "printed", "unconfirmed", "released_unfinished", "release_declined",
        "closed_missing", "visit_ended", "step_undone", "production_note",
        "name_word", "name_words_pair", "digits_reversed", "drive", "stream", "sample",
    }


# The catalogue's parts the answer is worded from.
ANSWER_WORDS = ("innsyn.", "privacy.status.", "print.kind.", "print.state.", "mail.kind.",
                "mail.status.", "consent.purpose.", "doc.title.", "count.")


def words_of(language: str) -> set[str]:
    """The words the answer is made of in ``language``: a code that is one of them
    ("status", "bank"; in English "received", "label") cannot be told from the word."""
    catalog = CATALOGS[language]
    text = " ".join(v for k, v in catalog.items() if k.startswith(ANSWER_WORDS))
    # Field names are written in lower case where they run in a sentence ("vist: navn").
    text += " " + " ".join(v.lower() for k, v in catalog.items() if k.count(".") == 1
                           and k.startswith("innsyn."))
    text = re.sub(r"\{\w+\}", " ", text)  # the placeholders are not words
    return set(re.findall(r"[\w-]+", text))


# Codes that are ordinary bokmål words too; any other code found raw is a finding.
NB_WORDS_TOO = {"bank"}


def raw_codes(text: str, codes: set[str], language: str) -> list[str]:
    exempt = words_of(language)
    found = []
    for code in sorted(codes - exempt):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
            found.append(code)
    # Whatever the lists miss: a snake_case code or a key=value from the log's details.
    found += re.findall(r"(?<![\w.@-])[a-z]+_[a-z_]+(?![\w-])", text)
    found += re.findall(r"\b\w+=\S*", text)
    found += re.findall(r"\{\w*\}", text)  # a placeholder left unfilled
    return found


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_answer_has_every_item_and_no_code(answers: dict[str, Any], language: str) -> None:
    text, data = answers[language]
    missing = [item for item in _required(answers["order"])[language] if item not in text]
    assert missing == []
    codes = code_lists() | _codes_in(data)
    assert raw_codes(text, codes, language) == []
    # The JSON keeps the codes (machines read them) and the looks' screens.
    assert {e["where"] for e in data["access_log"] if e["action"] == "view"} == {
        "card", "order", "pickup", "production"}
    first = data["orders"][0]["media"][0]
    assert (first["kind"], first["outcome"], first["status"]) == ("vhs", "mould", "in_production")
    assert first["files"][0]["name"] == "01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv"
    [link] = data["orders"][0]["stream_links"]
    assert link["revoked_why"] == "consent" and "token_hash" not in link


def test_english_has_no_bokmal_words_of_its_own(answers: dict[str, Any]) -> None:
    text, _ = answers["en"]
    for norwegian in ("Kundeopplysninger", "mottatt", "under produksjon", "etikett",
                      "kundekortet", "Søkenøkler", "strømmelenke", "lagringsmediet", "systemet",
                      "Begrensning", "kr 598"):
        assert norwegian not in text, norwegian


def test_only_few_codes_are_bokmal_words_too() -> None:
    """The exemption of codes that are words must not grow silently into a hole."""
    assert code_lists() & words_of("nb") <= NB_WORDS_TOO


def test_a_raw_code_is_found() -> None:
    """The check itself: each kind of raw code is caught, words are not."""
    codes = code_lists()
    assert raw_codes("Status: received", codes, "nb") == ["received"]
    assert raw_codes("skrev ut label/receipt", codes, "nb") == ["label", "receipt"]
    assert raw_codes("Type: vhs", codes, "nb") == ["vhs"]
    assert raw_codes("media_label 100201-01", codes, "nb") == ["media_label", "media_label"]
    assert raw_codes("streaming 2026-11", codes | {"streaming"}, "nb") == ["streaming"]
    assert {"link=4", "order=100001"} <= set(raw_codes("link=4 order=100001", codes, "nb"))
    assert raw_codes("sletting avvist ({why})", codes, "nb") == ["{why}"]
    assert raw_codes("Status: mottatt, VHS-kassett, kari.nordmann@example.no", codes,
                     "nb") == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_log_entry_of_media_files_is_in_words(language: str) -> None:
    entries = [
        ("media_delivery", "drive order=100001 files=3"),
        ("media_delivery", "sample file=01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv"),
        ("media_link", "order=100001 link=4"),
        ("media_link", "revoked link=4"),
        ("media_download", "link=4 file=01JE.mkv bytes=2048 client=192.0.2.7"),
        ("mail", "confirmation 100001"), ("mail", "invoice 1001"), ("mail", "ready 100001"),
        ("opt_out", "letter link"), ("erase", "restore"),
    ]
    with speaking(language):
        said = [describe(action, details) for action, details in entries]
    for line in said:
        assert raw_codes(line, code_lists(), language) == [], line
    assert len(set(said)) == len(said)
    assert "3" in said[0] and "100001" in said[0] and "01JE5Q0Z8X3V7TQ2M6K4N9B1CD.mkv" in said[1]
    assert "2 kB" in said[4] and "192.0.2.7" in said[4]


def test_the_link_closing_dates_are_words(answers: dict[str, Any]) -> None:
    """A link closes at the warranty's end: a date, never a raw timestamp."""
    text, data = answers["nb"]
    [link] = data["orders"][0]["stream_links"]
    assert "T" in link["expires_at"]  # ISO in the JSON
    assert link["expires_at"] not in text
    assert re.search(r"strømmelenke, gyldig til \d\d\.\d\d\.\d{4} \d\d:\d\d", text)


# Access log actions never recorded about a customer (their subject is a staff member,
# the database, the log itself, the request register or a purge run).
NOT_ABOUT_A_CUSTOMER = {
    "sign_in", "sign_in_failed", "sign_out", "staff_add", "staff_disable", "pin_reset",
    "purge", "read_log", "read_requests", "backup", "restore", "maintain",
}
DETAILS = {  # as the services write them
    "pickup_override": "order 100001 missing 2", "list": "search name,phone: 1 2",
    "consent_given": "streaming 2026-11", "consent_withdrawn": "streaming",
    "print": "media_label 100001-01", "erase_refused": "blocked", "view": "order 100001",
    "mail": "ready 100001", "media_link": "order=100001 link=4",
}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_action_about_a_customer_has_words(language: str) -> None:
    """A new access log action fails here until the answer can say it."""
    with speaking(language):
        unworded = [a for a in audit.ACTIONS if a not in NOT_ABOUT_A_CUSTOMER
                    and raw_codes(describe(a, DETAILS.get(a, "")), {a}, language)]
    assert unworded == []
