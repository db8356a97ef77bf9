"""Customer search on both stores: every shape of query, the order of the hits, the
keys written for a customer, the upgrade that writes the pair keys, and a comparison
with a brute-force reading of the rule on tricky names."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui import migrations
from viver_tui.db import is_sqlite, writing
from viver_tui.models import Order, SchemaInfo
from viver_tui.services import customers, search
from viver_tui.services.customers import CustomerInput
from viver_tui.store import open_database


def register(db: peewee.Database, name: str, **fields: str) -> customers.CustomerView:
    return customers.register(db, CustomerInput(name=name, **fields), staff=as_staff(db, "AB"))


@pytest.mark.parametrize(
    "query",
    ["øy", "ØY", "Øystein", "øystein å", "ås", "ÅS", "hagen", "hagen-j", "johansen øy"],
)
def test_name_search_folds_case_including_norwegian_letters(
    db: peewee.Database, query: str
) -> None:
    wanted = register(db, "Øystein Ås Hagen-Johansen", phone="91234567")
    register(db, "Oskar Berg", phone="92345678")
    assert [h.id for h in search.search(db, query)] == [wanted.id]


@pytest.mark.parametrize(
    "query", ["91234567", "912 34 567", "+47 912 34 567", "004791234567", "4567", "912", "47912"]
)
def test_phone_search_in_every_common_form(db: peewee.Database, query: str) -> None:
    wanted = register(db, "Kari Nordmann", phone="+47 912 34 567")
    register(db, "Per Hansen", phone="+47 934 56 789")
    assert search.search(db, query)[0].id == wanted.id
    assert len(search.search(db, query)) == 1


def test_trailing_digits_starting_with_zeros_are_not_an_international_prefix(
    db: peewee.Database,
) -> None:
    wanted = register(db, "Kari Nordmann", phone="+47 912 30 022")
    register(db, "Per Hansen", phone="+47 934 56 789")
    assert [h.id for h in search.search(db, "0022")] == [wanted.id]
    assert [h.id for h in search.search(db, "0047 912 30 022")] == [wanted.id]


def test_email_and_order_number_search(db: peewee.Database) -> None:
    wanted = register(db, "Kari Nordmann", email="kari.nordmann@example.no")
    register(db, "Kari Hansen", email="kh@example.com")
    assert [h.id for h in search.search(db, "kari.nord")] == [wanted.id]
    assert [h.id for h in search.search(db, "KARI.NORDMANN@EX")] == [wanted.id]
    with writing(db):
        Order.create(number=104233, customer=wanted.id, received_on=date.today())
    assert [h.id for h in search.search(db, "104233")] == [wanted.id]
    assert [h.id for h in search.search(db, "104233-03")] == [wanted.id]


def test_search_finds_nothing_without_error_for_unknown_text(db: peewee.Database) -> None:
    register(db, "Kari Nordmann", phone="91234567")
    assert search.search(db, "zzz") == []
    assert search.search(db, "%_'\"") == []
    assert search.search(db, "999999") == []


def test_search_is_limited_and_empty_query_lists_recent(db: peewee.Database) -> None:
    for i in range(25):
        register(db, f"Åse Nummer{i}", phone=f"9{i:07d}")
    assert len(search.search(db, "åse")) == search.SEARCH_LIMIT
    recent = search.search(db, "")
    assert len(recent) == search.SEARCH_LIMIT
    assert recent[0].name == "Åse Nummer24"


def test_last_four_digits_find_the_number_ending_with_them_first(db: peewee.Database) -> None:
    # 25 numbers begin with 4123 (a full page), one ends with it: that one comes first,
    # then the numbers that begin with the digits, in number order.
    beginning = [register(db, f"Per Nummer{i}", phone=f"4123{i:04d}") for i in range(25)]
    ending = register(db, "Kari Slutt", phone="98764123")
    hits = [h.id for h in search.search(db, "4123")]
    assert hits == [ending.id] + [v.id for v in beginning[:19]]
    # Five or more digits are the start of a number: those come first.
    assert [h.id for h in search.search(db, "41230")][:2] == [beginning[0].id, beginning[1].id]


def test_whole_names_in_any_order_and_prefixes(db: peewee.Database) -> None:
    ole = register(db, "Ole Hansen", phone="91000001")
    olea = register(db, "Olea Hansen", phone="91000002")
    double = register(db, "Ole Hansen-Berg", phone="91000003")
    register(db, "Ola Hanssen", phone="91000004")
    register(db, "Per Hansen", phone="91000005")
    order = [ole.id, double.id, olea.id]  # (ole, hansen), (ole, hansen-berg's hansen)…
    assert [h.id for h in search.search(db, "ole hansen")] == [ole.id, double.id, olea.id]
    assert [h.id for h in search.search(db, "hansen ole")] == [ole.id, double.id, olea.id]
    assert [h.id for h in search.search(db, "ole han")] == order
    assert [h.id for h in search.search(db, "ole ole o")] == [ole.id, double.id, olea.id]
    assert [h.id for h in search.search(db, "berg ole")] == [double.id]
    assert [h.id for h in search.search(db, "ole hansen berg")] == [double.id]
    assert search.search(db, "ole hanssen") == []
    assert search.search(db, "ole hansen xyz") == []


def test_keys_hold_pairs_of_distinct_name_words_and_keep_letters_apart() -> None:
    keys = search.tokens_for("Åse Aase Åse", None, None, None)
    assert b"n" + "åse".encode() in keys and b"naase" in keys
    assert b"p" + "åse".encode() + b"\x00aase" in keys
    assert b"paase\x00" + "åse".encode() in keys
    assert not any(k.startswith(b"p" + "åse".encode() + b"\x00" + "åse".encode()) for k in keys)
    assert search.query_words("Ole o OLE hans") == [b"ole", b"hans"]


def make_schema_6_keys(db: peewee.Database, *, pairs: bool = True) -> None:
    """Put back ``customer_search_token`` as schemas 5 and 6 had it, ``(customer_id,
    token)`` and two indexes, holding every customer's keys (without the pair keys, as
    schema 4 left them, if not ``pairs``); the caller stamps the version."""
    blob = "BLOB" if is_sqlite(db) else "BYTEA"
    db.execute_sql("DROP TABLE customer_search_token")
    db.execute_sql(
        f"CREATE TABLE customer_search_token (customer_id INTEGER NOT NULL "
        f"REFERENCES customer (id) ON DELETE CASCADE, token {blob} NOT NULL, "
        f"PRIMARY KEY (customer_id, token))"
    )
    db.execute_sql(
        "CREATE INDEX customer_search_token_customer_id ON customer_search_token (customer_id)"
    )
    db.execute_sql(
        "CREATE INDEX customer_search_token_token_customer_id "
        "ON customer_search_token (token, customer_id)"
    )
    rows = db.execute_sql("SELECT id, name, phone, email, org_number FROM customer").fetchall()
    for cid, name, phone, email, org in rows:
        for key in search.tokens_for(name, phone, email, org):
            if pairs or not key.startswith(search.PAIR):
                db.execute_sql(
                    f"INSERT INTO customer_search_token (customer_id, token) "
                    f"VALUES ({db.param}, {db.param})",
                    (cid, key),
                )


def test_upgrade_from_schema_4_writes_the_pair_keys(db_url: str) -> None:
    db = open_database(db_url)
    view = register(db, "Øystein Hanssen", phone="91234567", city="Bø")
    with writing(db):
        make_schema_6_keys(db, pairs=False)
        SchemaInfo.update(value="4").where(SchemaInfo.key == "schema_version").execute()
    db.close()
    db = open_database(db_url)
    assert migrations.schema_version(db) == migrations.latest_version()
    assert search.search(db, "hanssen øystein") == [
        search.CustomerHit(view.id, "Øystein Hanssen", "private", "+4791234567", None, "Bø")
    ]
    db.close()


def test_key_rows_show_the_customer_as_corrected(db: peewee.Database) -> None:
    """The key rows carry a copy of what a hit shows: correcting any of it (the city,
    the kind) must show at once in every kind of search."""
    view = register(db, "Åse Ødegård", phone="91234567", email="ase@example.no", city="Bø")
    before = search.search(db, "åse")[0]
    assert (before.city, before.kind) == ("Bø", "private")
    customers.update(
        db, view.id,
        CustomerInput(name="Åse Ødegård", phone="91234567", email="ase@example.no",
                      city="Å i Lofoten", kind="business", org_number="974760673"),
        staff=as_staff(db, "AB"),
    )
    for query in ("åse", "ødegård åse", "ase@ex", "4567", "912 34", "974760673"):
        hits = search.search(db, query)
        assert [(h.id, h.city, h.kind) for h in hits] == [
            (view.id, "Å i Lofoten", "business")
        ], query


# --- against brute force -----------------------------------------------------------------

_FIRST = ["Ole", "Olea", "Ola", "Olav", "Åse", "Aase", "Øystein", "Øy", "Anne-Lise", "Jan Erik"]
_LAST = ["Hansen", "Hanssen", "Hans", "Olsen", "Ås", "Østby", "Berg Hansen", "Øye-Olsen"]


def _brute_force(names: dict[int, str], query: str, limit: int) -> list[int]:
    """The rule read literally: every typed word begins some word of the name; sorted
    by, for each typed word that counts, the smallest such word, then the number."""

    def words(text: str) -> list[bytes]:
        folded = unicodedata.normalize("NFC", text).casefold()
        return [w.encode() for w in re.findall(r"\w+", folded)]

    typed = words(query)
    counted = [
        w for w in dict.fromkeys(typed) if not any(o != w and o.startswith(w) for o in typed)
    ]
    found = []
    for cid, name in names.items():
        own = words(name)
        if all(any(w.startswith(q) for w in own) for q in typed):
            key = tuple(min(w for w in own if w.startswith(q)) for q in counted)
            found.append((key, cid))
    return [cid for _, cid in sorted(found)][:limit]


@pytest.mark.parametrize(
    ("expansions", "pairs", "few"),
    [(16, 1000, 1500), (16, 1, 1500), (0, 1000, 2), (0, 1000, 1500)],
    ids=["longest-word-first", "too-many-pairs", "walk", "rarest-first"],
)
def test_name_search_equals_brute_force(
    db: peewee.Database, expansions: int, pairs: int, few: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every way of answering several words is exercised: the longest typed word as the
    # pivot; too many pairs for it (then, as with no pivot tried at all) counting, and
    # with a tiny "rare" limit every word is common and the first word's expansions are
    # walked in rounds.
    monkeypatch.setattr(search, "_FEW_EXPANSIONS", expansions)
    monkeypatch.setattr(search, "_MANY_PAIRS", pairs)
    monkeypatch.setattr(search, "_FEW", few)
    monkeypatch.setattr(search, "_WALK_CHUNKS", (1, 2, 3))
    rng = random.Random(5)
    names: dict[int, str] = {}
    for i in range(120):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        names[register(db, name, phone=f"9{i:07d}").id] = name
    pool = [w for n in _FIRST + _LAST for w in re.findall(r"\w+", n)]
    queries = ["ole hansen", "hans ole", "ø ø", "åse aase", "o h b", "an li", "zz ole"]
    for _ in range(60):
        picked = rng.sample(pool, rng.randint(2, 3))
        queries.append(" ".join(w[: rng.randint(1, len(w))] for w in picked))
    for query in queries:
        expected = _brute_force(names, query, 7)
        assert [h.id for h in search.search(db, query, limit=7)] == expected, query


def test_a_search_that_stops_at_a_full_page_leaves_no_stale_view(db: peewee.Database) -> None:
    """Issue 10.8: an order typed at the search screen was once "not found" though it
    existed. A read left open on a thread's connection keeps SQLite's view of the
    database from before the order was committed elsewhere; every lookup after a
    search (which stops as soon as a page is full) must see what other terminals wrote.
    """
    import threading

    from viver_tui.services import intake, orders

    for i in range(3 * customers.SEARCH_LIMIT):
        register(db, f"Berit Hansen{i:03d}", phone=f"9{i:07d}")
    assert len(search.search(db, "berit")) == customers.SEARCH_LIMIT
    assert len(search.search(db, "9000")) == customers.SEARCH_LIMIT

    made: list[int] = []

    def other_terminal() -> None:
        cid = register(db, "Ola Nordmann", phone="47111222").id
        made.append(intake.open_order(db, cid, "AB").number)
        db.close()

    thread = threading.Thread(target=other_terminal)
    thread.start()
    thread.join()
    assert orders.find_order_id(db, str(made[0])) is not None
    assert [h.name for h in search.search(db, "ola nord")] == ["Ola Nordmann"]
