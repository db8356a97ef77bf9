"""The innsyn answer says what GDPR art. 15(1)/(2) asks, in words (issue 17, finding 12):
purposes, categories, recipients, how long each kind of data is kept, where it came
from, the rights and Datatilsynet; codes as words; which screen each look was from;
search keys named as derived copies. Norwegian, English with `--language en`; the JSON
stays complete and machine-readable. Both stores."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import peewee

from tests.services.documents_helpers import shop as documents_shop
from tests.services.test_privacy import _delivered_order
from tests.test_privacy_cli import viver
from viver_tui.locale import speaking
from viver_tui.locale.catalog import innsyn as innsyn_words
from viver_tui.services import customers, documents, orders, pickup, privacy
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database


def test_the_innsyn_answer_in_both_languages_and_as_json(
    db: peewee.Database, admin: StaffView, counter: StaffView, tmp_path: Path
) -> None:
    """A customer with a delivered order, looked at on the card, the order screen and at
    pickup, shown in a search list with someone else, who consented to streaming; the
    innsyn answer to them in both languages (one set-up, three reads of it)."""
    shop = replace(documents_shop(tmp_path), spool_retention_days=14)
    cid, order = _delivered_order(db, shop)
    stored = customers.input_from_view(customers.get(db, cid, counter))
    customers.update(db, cid, replace(stored, postal_code="0155", city="Oslo"), counter)
    invoice = documents.issue_invoice(
        db, order.id, shop, counter,
        paid=[documents.TillPayment("card", order.estimate_ore, "T-1")],
    )
    documents.document_pdf(db, invoice.id, shop, counter)
    other = customers.register(db, customers.CustomerInput(name="Per Annen", phone="93456789"),
                               counter).id
    orders.get_order(db, order.id, staff="disk")
    pickup.open(db, order.id, "disk")
    customers.open_card(db, cid, counter)
    customers.record_list_shown(db, counter, [other, cid])
    privacy.give_consent(db, cid, "streaming", counter)
    exports = {}
    for language in ("nb", "en"):
        with speaking(language):
            exports[language] = privacy.export_customer(db, cid, admin, tmp_path / language,
                                                        shop=shop)
    text = exports["nb"].text_path.read_text(encoding="utf-8")
    _says_what_article_15_asks_in_words(text, order)
    number = invoice.number
    for expected in (f"Faktura {number} (Videoverkstedet AS), utstedt", "betalt: kort kr",
                     f"laget Faktura {number}", f"åpnet Faktura {number} som PDF",
                     "Fakturaer og kreditnotaer", "rettet postnummer, poststed"):
        assert expected in text, expected
    _english_is_english(exports["en"], order)
    _the_json_is_complete_and_names_no_one_else(exports["nb"])
    data = json.loads(exports["nb"].json_path.read_text(encoding="utf-8"))
    [exported] = data["documents"]
    assert (exported["kind"], exported["number"]) == ("invoice", number)
    assert exported["payments"][0]["method"] == "card"
    assert exported["content"]["number"] == number


def _says_what_article_15_asks_in_words(text: str, order) -> None:  # type: ignore[no-untyped-def]
    number = order.number
    for expected in (
        # art. 15(1)(a)–(h) and 15(2), in the order the person reads them
        "Hva vi bruker opplysningene til (formål)", "Oppdraget ditt", "Kundebrev",
        "Kvalitetssikring og garanti", "Regnskap", "levering ved strømming",
        "Hvilke opplysninger vi har om deg", "Kontaktopplysninger", "Fysiske medier",
        "Hvem som får opplysningene (mottakere)", "utleveres ikke til uvedkommende",
        "utenfor EU/EØS",
        "Hvor lenge vi oppbevarer opplysningene", "5 år etter utgangen av regnskapsåret",
        "bokføringsloven § 13", f"ordre {number} til 01.01.20",
        "Notater fra produksjonen og e-post: sammen med ordren, så lenge garanti",
        "Mediefilene: i garantiperioden, 90 dager etter første levering",
        "Forhåndsvisninger av utskrifter på skrankens maskin: 14 dager",
        "Hvor opplysningene kommer fra", "Fra deg:",
        "Retting:", "Sletting:", "Innsigelse:", "Samtykker kan trekkes tilbake",
        "klage til Datatilsynet", "ingen automatiserte avgjørelser",
        # codes in words
        f"Medium {order.media[0].code}: VHS-kassett", "Status: utlevert",
        "(mottatt → utlevert)", f"etikett for medium {order.media[0].code}, etikettskriveren",
        "ordreskjema for ordre", "kvitteringsskriveren",
        "levering ved strømming (tekstversjon 2026-11)",
        # where each look was from
        "så på kundekortet ditt", f"så ordre {number} på ordreskjermen",
        f"så ordre {number} på utleveringsskjermen",
        "søkeresultatliste på skjermen (vist: navn, telefon, e-post, poststed)",
        # derived copies named as such
        "Søkenøkler avledet av navn, telefon og e-post", "ord i navnet: kari",
        "sifrene i telefonnummeret baklengs",
    ):
        assert expected in text, expected
    # No internal code left raw (each was seen in the answer before).
    for raw in ("label/receipt", "Skriver: label", ": vhs", "media_label", "order_form",
                "return_receipt", "received", "streaming 2026-11", "released_unfinished",
                "Detaljer:", "Handling:"):
        assert raw not in text, raw
    assert "så på kundekortet ditt" not in _lines_with(text, f"ordre {number}")


def _lines_with(text: str, needle: str) -> str:
    return "\n".join(line for line in text.splitlines() if needle in line)


def _english_is_english(export, order) -> None:  # type: ignore[no-untyped-def]
    text = export.text_path.read_text(encoding="utf-8")
    for expected in ("What we use the data for (purposes)", "Your rights",
                     "complain to Datatilsynet", "VHS cassette",
                     f"looked at order {order.number} on the pickup screen",
                     "Search keys derived from your name, phone and e-mail",
                     "(received → handed back)", "NOK 598.00"):
        assert expected in text, expected
    for norwegian in ("Kundeopplysninger", "mottatt", "utlevert", "etikett", "Ordre ",
                      "kundekortet", "søkenøkler", "kr 598"):
        assert norwegian not in text, norwegian
    data = json.loads(export.json_path.read_text(encoding="utf-8"))
    assert data["generated"]["language"] == "en"
    assert data["about"][5]["title"] == "Your rights"


def _the_json_is_complete_and_names_no_one_else(export) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(export.json_path.read_text(encoding="utf-8"))
    assert [s["section"] for s in data["about"]] == [
        "purposes", "categories", "recipients", "retention", "source", "rights"]
    assert all(s["points"] for s in data["about"])
    [exported] = data["orders"]
    assert re.fullmatch(r"20\d\d-01-01", exported["sales_record_deletable_from"])
    assert exported["media"][0]["kind"] == "vhs"  # codes stay codes for machines
    keys = data["derived"]["search_keys"]
    assert {"made_from": "name_word", "key": "kari"} in keys
    assert {"made_from": "digits_reversed", "key": "7654321974"} in keys
    assert data["derived"]["search_key_copy"]["phone"] == "+4791234567"
    views = {e["where"] for e in data["access_log"] if e["action"] == "view"}
    assert views == {"card", "order", "pickup", "pdf"}
    [shown] = [e for e in data["access_log"] if e["action"] == "list"]
    # Where and what was shown, not the other customers in the list.
    assert shown["details"] == "search name,phone,email,city"
    assert shown["fields_shown"] == ["name", "phone", "email", "city"]
    assert set(shown) == {"at", "staff", "action", "details", "where", "fields_shown"}


def test_both_languages_have_every_word_of_the_answer() -> None:
    assert set(innsyn_words.NB) == set(innsyn_words.EN)


def test_the_command_answers_in_english_when_asked(tmp_path: Path) -> None:
    from viver_tui.services import staff

    db = open_database(f"sqlite:///{tmp_path / 'viver.db'}")
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    cid = customers.register(db, customers.CustomerInput(name="Kari Nordmann",
                                                         phone="91234567"), admin).id
    db.close()
    out = tmp_path / "svar"
    result = viver(tmp_path, "--language", "en", "customer", "export", str(cid), "--out",
                   str(out), "--staff", "adm", stdin="2468\n")
    assert result.returncode == 0, result.stderr
    [text] = out.glob("*.txt")
    answer = text.read_text(encoding="utf-8")
    assert "Access request: the data we hold on you" in answer
    assert "Customer details" in answer and "Kundeopplysninger" not in answer
