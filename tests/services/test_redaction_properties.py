"""Erasure finds the person in ordinary Norwegian text (issue 17, finding 5).

Generated names (with æ, ø, å, accents) are embedded in notes the way people write
them: genitive ``-s``/``-'s``/``-’s``/``-'``, inside hyphenated compounds, in any case,
with the diacritics typed or transliterated (å/aa/a, ø/o/oe, æ/ae, ó/o); the phone in
any grouping and the e-mail. Redaction must leave none of them, and after a real
erasure a byte search of the SQLite file and its WAL finds none of them either.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import peewee
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.services.erasure_helpers import delivered_order
from viver_tui.services import privacy, staff
from viver_tui.services.privacy import redact, redaction_pattern
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database

# Name letters that no filler word below contains, so a found form is the name's.
_LETTERS = "bjkqvwxzyæøåóéü"
_FILLER = ["Ring", "henter", "svigermor", "bryllup", "til", "nå", "om", "kveld"]

name_word = st.builds(
    lambda first, rest: first.upper() + rest,
    st.sampled_from("ZQXWKJ"),
    st.text(alphabet=_LETTERS, min_size=3, max_size=9),
)
TRANSLIT = [("å", "aa"), ("å", "a"), ("ø", "o"), ("ø", "oe"), ("æ", "ae"), ("ó", "o"),
            ("é", "e"), ("ü", "u"), ("ü", "ue")]


@st.composite
def written(draw: st.DrawFn, word: str) -> str:
    """One name word as someone might type it in a note."""
    form = word
    for old, new in TRANSLIT:
        if old in form.casefold() and draw(st.booleans()):
            form = re.sub(old, new, form, flags=re.IGNORECASE)
    form = draw(st.sampled_from([str.upper, str.lower, str.title, str]))(form)
    if draw(st.booleans()):
        form = unicodedata.normalize("NFD", form)  # accents typed as combining marks
    return form


@st.composite
def note_about(draw: st.DrawFn, words: list[str], digits: str, email: str) -> tuple[str, list[str]]:
    """A note embedding the person; returns it and the name forms it holds."""
    forms, pieces = [], []
    for word in words:
        form = draw(written(word))
        forms.append(form)
        before = draw(st.sampled_from(["", "svigermor-", "(", "«"]))
        after = draw(st.sampled_from(["", "s", "'s", "’s", "'", "-familien", "s-bryllup",
                                      ",", ".", "»", ")"]))
        pieces += [draw(st.sampled_from(_FILLER)), f"{before}{form}{after}"]
    seps = draw(st.lists(st.sampled_from(["", " ", "-", ".", "  ", "\u00a0"]),
                         min_size=7, max_size=7))
    phone = "".join(d + s for d, s in zip(digits, [*seps, ""], strict=True))
    prefix = draw(st.sampled_from(["", "+47 ", "0047", "(+47) "]))
    pieces += ["tlf", prefix + phone, draw(st.sampled_from([email, email.upper()])), "takk"]
    order = draw(st.permutations(pieces))
    return " ".join(order), forms


def _valid(digits: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse("+47" + digits))


people = st.tuples(
    st.lists(name_word, min_size=1, max_size=3, unique_by=str.casefold),
    st.from_regex(r"[49][0-9]{7}", fullmatch=True).filter(_valid),
    st.from_regex(r"[a-z]{3,8}\.[a-z]{3,8}@example\.no", fullmatch=True),
)


def _left(text: str, forms: list[str], digits: str, email: str) -> list[str]:
    """The forms of the person still in ``text`` (case-blind, any normalisation)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    left = [f for f in forms if unicodedata.normalize("NFC", f).casefold() in folded]
    if digits in re.sub(r"\D", "", text):
        left.append(digits)
    if email in folded:
        left.append(email)
    return left


@settings(max_examples=200, deadline=None)
@given(data=st.data(), person=people)
def test_a_note_naming_the_person_in_any_form_is_redacted(data, person):
    words, digits, email = person
    note, forms = data.draw(note_about(words, digits, email))
    pattern = redaction_pattern(" ".join(words), "+47" + digits, email)
    redacted = redact(note, pattern)
    assert _left(redacted, forms, digits, email) == [], redacted


def test_the_case_from_the_issue_is_redacted():
    pattern = redaction_pattern("Zyxwvø Bjørnæsdóttir", None, None)
    assert redact("Zyxwvøs bryllup", pattern) == "[slettet] bryllup"
    assert redact("Bjørnæsdóttirs svigermor henter", pattern) == "[slettet] svigermor henter"
    assert redact("Hos Bjornaesdottir-familien", pattern) == "Hos [slettet]-familien"
    # Other words that merely begin like a name word stay.
    pattern = redaction_pattern("Kari Hansen", None, None)
    assert redact("Karianne og Hansenbakken", pattern) == "Karianne og Hansenbakken"


# --- the same through a real erasure, searched in the SQLite file's bytes ----------------


@pytest.fixture(scope="module")
def store() -> Iterator[tuple[peewee.Database, StaffView, StaffView, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "viver.db"
        db = open_database(f"sqlite:///{path}")
        admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468",
                          by=None)
        counter = staff.add(db, name="Per Skranke", initials="disk", role="counter",
                            pin="1357", by=admin)
        yield db, admin, counter, path
        db.close()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), person=people)
def test_after_erasure_no_form_of_the_person_is_in_the_sqlite_bytes(store, data, person):
    db, admin, counter, path = store
    words, digits, email = person
    notes = [data.draw(note_about(words, digits, email)) for _ in range(4)]
    four = tuple(note for note, _forms in notes)
    cid, _order = delivered_order(db, counter, " ".join(words), digits, email, four)

    assert privacy.erase_customer(db, cid, admin).finished

    forms = {f for _note, fs in notes for f in fs} | set(words)
    needles = {unicodedata.normalize(n, f).encode() for f in forms for n in ("NFC", "NFD")}
    needles |= {digits.encode(), email.encode(), email.upper().encode()}
    files = [path, Path(f"{path}-wal")]
    found = [n for p in files if p.exists() for n in needles if n in p.read_bytes()]
    assert found == []
