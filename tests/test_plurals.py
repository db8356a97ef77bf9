"""#19.3: every count takes its singular or plural from the catalogue, by one rule.

A counted message is ``key.one`` + ``key.other``; ``t(key, count=n)`` picks the form.
Each is rendered with 0, 1, 2 and 5 in both languages and read for a noun that does
not agree with its number ("1 bilder", "1 scans", "2 photo"); and no other message
may put a counted noun right after a number it does not pluralize.
"""

from __future__ import annotations

import re
from string import Formatter

import pytest

from viver_tui.locale import speaking, t
from viver_tui.locale.catalog import CATALOGS

# (singular, plural) of the nouns the app counts.
NOUNS = {
    "nb": [
        ("bilde", "bilder"), ("medium", "medier"), ("oppføring", "oppføringer"),
        ("dokument", "dokumenter"), ("rad", "rader"), ("dag", "dager"),
        ("mottaker", "mottakere"), ("original", "originaler"), ("sletting", "slettinger"),
        ("ordre", "ordrer"), ("kunde", "kunder"), ("linje", "linjer"), ("stykk", "stykker"),
        ("ansatt", "ansatte"), ("etikett", "etiketter"), ("utskrift", "utskrifter"),
    ],
    "en": [
        ("photo", "photos"), ("medium", "media"), ("entry", "entries"),
        ("document", "documents"), ("row", "rows"), ("day", "days"),
        ("recipient", "recipients"), ("original", "originals"), ("erasure", "erasures"),
        ("order", "orders"), ("customer", "customers"), ("line", "lines"), ("scan", "scans"),
        ("problem", "problems"), ("finding", "findings"), ("attempt", "attempts"),
        ("staff member", "staff members"), ("label", "labels"), ("print", "prints"),
    ],
}
LANGUAGES = ("nb", "en")
NOT_A_COUNT = {"check.foreign_key"}  # "Tabellen {table} rad {rowid}": a row, not a count


def counted_keys() -> list[str]:
    keys = {k.rsplit(".", 1)[0] for lang in LANGUAGES for k in CATALOGS[lang]
            if k.endswith(".one")}
    return sorted(keys)


def counted(key: str) -> bool:
    return key.endswith((".one", ".other")) and f"{key.rsplit('.', 1)[0]}.one" in CATALOGS["nb"]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def rendered(language: str, key: str, count: int) -> str:
    templates = [CATALOGS[lang].get(f"{key}.{form}", "") for lang in LANGUAGES
                 for form in ("one", "other")]
    values: dict[str, object] = {name: "X" for tpl in templates for name in fields(tpl)}
    values["count"] = count
    with speaking(language):
        return t(key, **values)


@pytest.mark.parametrize("key", counted_keys())
def test_every_counted_message_has_both_forms_in_both_languages(key: str) -> None:
    for language in LANGUAGES:
        catalog = CATALOGS[language]
        if language == "en" and f"{key}.other" not in catalog and key.startswith(
            ("paper.", "doc.paper.")
        ):
            continue  # paper is bokmål only
        assert f"{key}.one" in catalog and f"{key}.other" in catalog, (language, key)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", counted_keys())
def test_each_counted_message_agrees_with_0_1_2_and_5(language: str, key: str) -> None:
    nouns = NOUNS[language]
    for count in (0, 1, 2, 5):
        text = rendered(language, key, count)
        assert "{" not in text and text != key, (key, count, text)
        for singular, plural in nouns:
            wrong = plural if count == 1 else singular
            assert not re.search(rf"(?<![\d.,]){count} {wrong}\b", text), (key, count, text)
        if count != 1:
            assert str(count) in text, (key, count, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_other_message_puts_a_counted_noun_after_a_number(language: str) -> None:
    """A new "{n} bilder" without its .one form fails here, not at the counter."""
    nouns = "|".join(re.escape(w) for pair in NOUNS[language] for w in pair)
    bare = re.compile(rf"\{{\w+\}}\)? (?:av \{{\w+\}} |of \{{\w+\}} )?(?:{nouns})\b")
    found = [
        (key, text) for key, text in CATALOGS[language].items()
        if not counted(key) and bare.search(text) and key not in NOT_A_COUNT
    ]
    assert found == []


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("nb", 1, "1 skann står i kø"), ("en", 1, "1 scan is queued"),
        ("en", 2, "2 scans are queued"),
    ],
)
def test_the_queue_line_agrees(language: str, count: int, expected: str) -> None:
    with speaking(language):
        assert t("pickup.queued_many", count=count).startswith(expected)


def test_a_photo_series_of_one_reads_in_the_singular() -> None:
    with speaking("nb"):
        assert "1 bilde ble levert inn" in t("pickup.count.question", code="1-01", count=1)
        assert t("pickup.event.photos", returned=1, count=1) == "1 av 1 bilde"
    with speaking("en"):
        assert t("pickup.returned_count", code="c", returned=1, count=1).endswith("1 photo.")


def test_no_message_is_both_plain_and_counted() -> None:
    """``t(key, count=…)`` takes a plain ``key`` first: with both, the forms never show."""
    for language in LANGUAGES:
        catalog = CATALOGS[language]
        both = [k for k in catalog if k.endswith(".one") and k.removesuffix(".one") in catalog]
        assert both == []
