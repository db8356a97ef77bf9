"""#19.4: one language at a time. Every command's help (argparse's own words too), its
errors, the demo-data summary and an order's history are read in English and must hold
no bokmål word of the catalogue — and in bokmål no English one."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.signing_in import as_staff
from tests.test_cli import viver
from viver_tui import cli
from viver_tui.config import Settings
from viver_tui.locale import set_language, speaking
from viver_tui.locale.catalog import CATALOGS
from viver_tui.screens.order import event_text
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.store import open_database

# Proper nouns and words both languages share, though only one catalogue has them.
SHARED = {"Videoverkstedet", "Viverfilm", "viver", "Viver", "TOML", "VIVER_CONFIG",
          "VIVER_DATABASE", "postgresql", "sqlite", "config", "toml", "Demo", "demo"}


def _words(texts: object) -> set[str]:
    return {w for text in texts for w in re.findall(r"[^\W\d_]{4,}", str(text))}


def only_in(language: str) -> set[str]:
    other = "en" if language == "nb" else "nb"
    return _words(CATALOGS[language].values()) - _words(CATALOGS[other].values()) - SHARED


def foreign_words(text: str, language: str) -> list[str]:
    """Words of the other language's catalogue in ``text``."""
    other = "en" if language == "nb" else "nb"
    return sorted(w for w in only_in(other) if re.search(rf"(?<![\w-]){w}(?![\w-])", text))


@pytest.fixture(autouse=True)
def _language_back() -> Iterator[None]:
    yield
    set_language("nb")


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand of ``viver``: (), ("init",), ("staff", "add"), …"""
    paths: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        paths.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, (*path, name))

    walk(cli.build_parser(), ())
    return paths


def names_of_commands() -> set[str]:
    return {part for path in command_paths() for part in path}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit):
        cli.main(list(argv))
    out = capsys.readouterr()
    return out.out + out.err


def without_names(text: str) -> str:
    """The help without what is typed as is: options, choices, command names."""
    text = re.sub(r"(?<![\w-])--?[\w-]+|\{[^}]*\}", " ", text)
    for name in names_of_commands():
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    return text


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_commands_help_speaks_one_language(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = {}
    for path in command_paths():
        text = run(capsys, "--language", language, *path, "--help")
        assert ("usage:" in text) == (language == "en"), (path, text)
        assert ("bruk:" in text) == (language == "nb"), (path, text)
        wrong = foreign_words(without_names(text), language)
        if wrong:
            found[" ".join(path) or "viver"] = wrong
    assert found == {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "invalid choice: 'bogus'"), ("nb", "ugyldig valg: 'bogus'")],
)
def test_argparse_errors_speak_the_language_asked_for(
    language: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = run(capsys, "--language", language, "bogus")
    assert expected in text
    assert foreign_words(without_names(text.replace("'bogus'", "")), language) == []
    text = run(capsys, "--language", language, "staff", "add")
    assert foreign_words(without_names(text), language) == []


def test_the_language_may_come_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIVER_LANGUAGE", "en")
    assert "show this help message and exit" in run(capsys, "--help")


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_demo_data_summary_speaks_one_language(tmp_path: Path, language: str) -> None:
    result = viver(tmp_path, "--language", language, "demo-data", "--customers", "5")
    assert result.returncode == 0, result.stderr
    text = result.stdout + result.stderr
    assert ("Loaded 5 customers" in text) == (language == "en"), text
    assert ("La inn 5 kunder" in text) == (language == "nb"), text
    assert foreign_words(text.replace(str(tmp_path), ""), language) == []


def test_an_orders_history_reads_in_the_readers_language(sqlite_url: str) -> None:
    """Confirmed on an English terminal, picked up on a Norwegian one: each reader sees
    the whole history in their own language."""
    db = open_database(sqlite_url)
    kinds = Settings().media_kinds
    with speaking("en"):
        cid = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                                 as_staff(db, "A")).id
        order = intake.open_order(db, cid, "A")
        for kind, units in (("vhs", ""), ("photo-series", "48"), ("vhs", "")):
            order = intake.add_medium(db, order.id, MediumInput(kind, units=units), kinds, "A")
        order = intake.confirm_order(db, order.id, OrderDetails(shelf="C2"), "A")
        intake.update_details(db, order.id, OrderDetails(shelf="C3"), "A", version=order.version)
    with speaking("nb"):
        orders.set_order_status(db, order.id, orders.READY, "B")
        pickup.scan(db, order.id, order.media[0].code, "B")
        pickup.scan(db, order.id, order.media[1].code, "B", 40)
        pickup.end_visit(db, order.id, "B")
        pickup.close_with_missing(db, order.id, "Kunden henter resten", "B")
    view = orders.load_for_reading(db, order.id)
    for language, expected in (
        ("nb", ["3 medier", "40 av 48 bilder", "2 av 3 utlevert", "hylle", "mangler:"]),
        ("en", ["3 media", "40 of 48 photos", "2 of 3 returned", "shelf", "missing:"]),
    ):
        with speaking(language):
            history = "\n".join(event_text(e) for e in view.events)
        for words in expected:
            assert words in history, (language, history)
        assert foreign_words(history.replace("Kunden henter resten", ""), language) == []
