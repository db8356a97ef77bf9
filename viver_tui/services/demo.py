"""Realistic Norwegian demo data, fast enough to build a million-customer database.

Names are drawn by ``_Names`` (thousands of first names and surnames with
Norwegian-like frequencies, double names, names from abroad); phone numbers are +47 mobiles,
e-mail addresses use the reserved ``example.no``-style domains, organisation numbers
have valid check digits. Rows go in with multi-row INSERTs in one transaction per
batch, with ids assigned here so search tokens, orders and media can refer to them
without reading anything back.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee

from viver_tui.config import DEFAULT_MEDIA_KINDS
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.models import Customer, CustomerSearchToken, MediaItem, Order, OrderCounter
from viver_tui.services import intake
from viver_tui.services.search import token_rows as token_rows_for

BATCH = 5_000
_DOMAINS = ("example.no", "example.com", "eksempel.no", "example.net")
_WRITTEN_ON_LABELS = ("", "Jul 1987", "Bryllup", "Ferie", "Hytta", "Konfirmasjon")
_BUSINESS_SUFFIXES = ("AS", "ANS", "Foto AS", "Media AS", "Historielag", "Museum")
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "é": "e", "ü": "u", "ä": "a", "ö": "o"})
# (order status, media status, returned?) and their weights
_LIFECYCLE = (
    (("returned", "returned", True), 70),
    (("ready", "ready", False), 8),
    (("in_production", "in_production", False), 12),
    (("received", "received", False), 10),
)


@dataclass(frozen=True)
class DemoResult:
    customers: int
    orders: int
    media: int
    seconds: float


_FARM_STEMS = (
    "Aas Bakk Berg Bø Dal Eid Fjell Foss Gran Haug Hol Holm Li Lund Mo Myr Nes "
    "Nord Sand Skog Stein Strand Sæt Tveit Vik Øvre Øst Vest Sør Nygå Ås Rø Løk "
    "Bjør Brå Fløt Grøn Hå Kvål Mæl Næs Rå Sjø Tø Ulv Vå Ørn Hus Kval Lyng Fur"
)
_FARM_ENDINGS = (
    "e en set stad rud heim land vik dal bakken haug li nes ås åsen lien bø gård "
    "mo øy seth vold haugen rød berg strand sæter"
)
# The most common names in Norway, most common first (they lead the ranked lists).
_TOP_MALE = "Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje"
_TOP_FEMALE = "Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig"
_TOP_SURNAMES = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
    "Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl"
)


class _Names:
    """Names with Norwegian-like frequencies: a few thousand first names and surnames.

    Nordic names come first in rank (Faker's Norwegian lists, then Danish and Swedish,
    Swedish by its own frequencies), surnames add the -sen names of the first names and
    farm names built from common parts (with æ ø å); each list is drawn with a Zipf-like
    weight 1/(rank + 20), so "Hansen" is about 1 % and the long tail is thin. One name
    in eight is from abroad (German, Finnish, Turkish, American and British
    lists, first and last from the same list). Some first names are double
    ("Jan Erik", "Anne-Lise") and some surnames too ("Berg Hansen", "Olsen-Vik").
    """

    FOREIGN_SHARE = 0.12

    def __init__(self) -> None:
        import importlib

        def provider(locale: str):  # type: ignore[no-untyped-def]
            return importlib.import_module(f"faker.providers.person.{locale}").Provider

        def names(locale: str, attribute: str) -> list[str]:
            values = getattr(provider(locale), attribute, ())
            if isinstance(values, dict):  # weighted lists: most frequent first
                return [k for k, _ in sorted(values.items(), key=lambda kv: -kv[1])]
            return list(values)

        norwegian = provider("no_NO")
        shuffle = random.Random(42)

        def ranked_first(top: str, attribute: str) -> tuple[list[str], list[float]]:
            own = list(getattr(norwegian, attribute))
            shuffle.shuffle(own)
            return self._ranked(
                top.split() + own + names("da_DK", attribute) + names("sv_SE", attribute)
            )

        self.male = ranked_first(_TOP_MALE, "first_names_male")
        self.female = ranked_first(_TOP_FEMALE, "first_names_female")
        last = list(norwegian.last_names)
        shuffle.shuffle(last)
        patronymics = [m + "sen" for m in self.male[0] if not m.endswith("s")]
        last = _TOP_SURNAMES.split() + last + patronymics[:60] + self._farm_names(shuffle)
        last += patronymics[60:] + names("da_DK", "last_names") + names("sv_SE", "last_names")
        self.last = self._ranked(last)
        self.foreign = [
            (self._ranked(names(loc, "first_names")), self._ranked(names(loc, "last_names")))
            for loc in ("de_DE", "fi_FI", "tr_TR", "en_US", "en_GB")
        ]

    @staticmethod
    def _ranked(values: list[str]) -> tuple[list[str], list[float]]:
        seen: dict[str, None] = {}
        for value in values:
            if value and value.strip():
                seen.setdefault(value.strip())
        ordered = list(seen)
        cumulative, total = [], 0.0
        for rank in range(len(ordered)):
            total += 1.0 / (rank + 20)
            cumulative.append(total)
        return ordered, cumulative

    @staticmethod
    def _farm_names(rng: random.Random) -> list[str]:
        farms = [stem + ending for stem in _FARM_STEMS.split() for ending in _FARM_ENDINGS.split()]
        rng.shuffle(farms)
        return farms

    @staticmethod
    def _pick(rng: random.Random, pool: tuple[list[str], list[float]]) -> str:
        values, cumulative = pool
        return rng.choices(values, cum_weights=cumulative)[0]

    def person(self, rng: random.Random) -> tuple[str, str]:
        """(first name(s), surname(s)) of one person."""
        if rng.random() < self.FOREIGN_SHARE:
            first_pool, last_pool = rng.choice(self.foreign)
            return self._pick(rng, first_pool), self._pick(rng, last_pool)
        pool = self.male if rng.random() < 0.5 else self.female
        first = self._pick(rng, pool)
        roll = rng.random()
        if roll < 0.10:
            first = f"{first} {self._pick(rng, pool)}"
        elif roll < 0.15:
            first = f"{first}-{self._pick(rng, pool)}"
        last = self._pick(rng, self.last)
        roll = rng.random()
        if roll < 0.07:
            last = f"{self._pick(rng, self.last)} {last}"
        elif roll < 0.10:
            last = f"{last}-{self._pick(rng, self.last)}"
        return first, last

    def surname(self, rng: random.Random) -> str:
        return self._pick(rng, self.last)


class _Mobiles:
    """Norwegian mobile numbers the app's own phone check (``phonenumbers``) accepts.

    Not every 4xxxxxxx is a mobile (42, 43, 44, 49 and parts of 45 are not): a number
    outside phonenumbers' mobile ranges keeps its digits but takes a second digit that
    is one (the same random draws as before, so a seed still gives the same people).
    """

    def __init__(self) -> None:
        import re

        import phonenumbers

        metadata = phonenumbers.PhoneMetadata.metadata_for_region("NO")
        assert metadata is not None and metadata.mobile is not None
        self._mobile = re.compile(metadata.mobile.national_number_pattern)
        # second digits after which some six digits make a mobile, per first digit
        self._seconds = {
            first: [d for d in "0123456789"
                    if any(self._mobile.fullmatch(f"{first}{d}{tail}")
                           for tail in ("000000", "555555", "999999"))]
            for first in "49"
        }

    def number(self, first: str, rest: int) -> str:
        digits = f"{first}{rest:07d}"
        if self._mobile.fullmatch(digits):
            return f"+47{digits}"
        tail = f"{rest % 1_000_000:06d}"
        seconds = self._seconds[first]
        start = rest // 1_000_000 % len(seconds)
        for step in range(len(seconds)):
            digits = f"{first}{seconds[(start + step) % len(seconds)]}{tail}"
            if self._mobile.fullmatch(digits):
                return f"+47{digits}"
        raise AssertionError(f"no mobile range for {first}x{tail}")  # pragma: no cover


def _address_pool(rng: random.Random, size: int = 400) -> list[tuple[str, str, str]]:
    from faker import Faker

    fake = Faker("no_NO")
    fake.seed_instance(rng.randrange(1 << 30))
    return [
        (fake.street_address(), fake.postcode(), fake.city()) for _ in range(size)
    ]


def _org_number(rng: random.Random) -> str:
    while True:
        body = [rng.randrange(10) for _ in range(8)]
        body[0] = rng.choice((8, 9))
        remainder = sum(w * d for w, d in zip((3, 2, 7, 6, 5, 4, 3, 2), body, strict=True)) % 11
        check = (11 - remainder) % 11
        if check != 10:
            return "".join(map(str, body)) + str(check)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFC", text.lower()).translate(_ASCII)
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.replace(" ", "-") if c.isalnum() or c in ".-")


def _email_name(first: str, last: str) -> str:
    """``hans-j.adler`` for Hans-J. Adler: the names joined by one dot, none at the ends
    or doubled, so the address passes the customer form's own check."""
    return ".".join(p for p in (_ascii(first).strip(".-"), _ascii(last).strip(".-")) if p)


def fill(
    db: peewee.Database | peewee.DatabaseProxy,
    *,
    customers: int,
    orders_per_customer: float = 1.0,
    media_per_order: float = 2.5,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Add ``customers`` customers with orders and media; returns what was added."""
    started = time.perf_counter()
    rng = random.Random(seed)
    names = _Names()
    mobiles = _Mobiles()
    addresses = _address_pool(rng)
    kinds = [k for k in DEFAULT_MEDIA_KINDS if k.key != "other"]
    statuses, weights = zip(*_LIFECYCLE, strict=True)
    with reading(db):
        next_customer = (Customer.select(peewee.fn.MAX(Customer.id)).scalar() or 0) + 1
        next_order = (Order.select(peewee.fn.MAX(Order.id)).scalar() or 0) + 1
        next_media = (MediaItem.select(peewee.fn.MAX(MediaItem.id)).scalar() or 0) + 1
    total_orders = total_media = 0
    today = date.today()
    cache = _enlarge_page_cache(db)
    for batch_start in range(0, customers, BATCH):
        n = min(BATCH, customers - batch_start)
        customer_rows, token_rows, order_rows, media_rows = [], [], [], []
        for _ in range(n):
            cid = next_customer
            next_customer += 1
            first, last = names.person(rng)
            business = rng.random() < 0.08
            name = (
                f"{names.surname(rng)} {rng.choice(_BUSINESS_SUFFIXES)}"
                if business
                else f"{first} {last}"
            )
            phone = mobiles.number(rng.choice("49"), rng.randrange(10_000_000))
            email = f"{_email_name(first, last)}{cid}@{rng.choice(_DOMAINS)}"
            street, postcode, city = rng.choice(addresses)
            org = _org_number(rng) if business else None
            has_phone = rng.random() < 0.95
            created = datetime.now() - timedelta(days=rng.randrange(3650))
            customer_rows.append(
                {
                    "id": cid,
                    "kind": "business" if business else "private",
                    "name": name,
                    # at least one of them, as the register form demands
                    "phone": phone if has_phone else None,
                    "email": email if not has_phone or rng.random() < 0.85 else None,
                    "address": street,
                    "postal_code": postcode,
                    "city": city,
                    "org_number": org,
                    "letters_opt_out_at": created if rng.random() < 0.1 else None,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            row = customer_rows[-1]
            token_rows.extend(
                token_rows_for(
                    cid, name, row["phone"], row["email"], org, row["kind"], row["city"]
                )
            )
            for _ in range(_count(rng, orders_per_customer)):
                order_status, media_status, returned = rng.choices(statuses, weights)[0]
                oid = next_order
                next_order += 1
                received = today - timedelta(days=rng.randrange(1, 1500))
                order_rows.append(
                    {
                        "id": oid,
                        "number": 0,  # assigned below, in order, from the counter
                        "customer": cid,
                        "status": order_status,
                        "staff": "demo",
                        "received_on": received,
                        "promised_on": received + timedelta(days=21),
                        "shelf": f"{rng.choice('ABCDEFGH')}{rng.randrange(1, 40)}",
                        "notes": "",
                        "estimate_ore": 0,
                        "confirmed_at": datetime.combine(received, datetime.min.time()),
                        "closed_at": datetime.now() if returned else None,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                estimate = 0
                for seq in range(1, max(1, _count(rng, media_per_order)) + 1):
                    kind = rng.choice(kinds)
                    units = rng.randrange(20, 300) if kind.unit == "photo" else kind.default_units
                    price = int(kind.price * 100) * units
                    estimate += price
                    media_rows.append(
                        {
                            "id": next_media,
                            "order": oid,
                            "seq": seq,
                            "code": "",
                            "kind": kind.key,
                            "description": rng.choice(_WRITTEN_ON_LABELS),
                            "condition": "",
                            "units": units,
                            "declared_count": units if kind.unit == "photo" else None,
                            "returned_count": units if returned and kind.unit == "photo" else None,
                            "estimate_ore": price,
                            "status": media_status,
                            "returned_at": datetime.now() if returned else None,
                            "returned_by": "demo" if returned else None,
                            "created_at": created,
                        }
                    )
                    next_media += 1
                order_rows[-1]["estimate_ore"] = estimate
        with writing(db):
            number = max(
                OrderCounter.get_by_id(1).last_number,
                Order.select(peewee.fn.MAX(Order.number)).scalar() or 0,
            )
            numbers = {}
            for row in order_rows:
                number += 1
                row["number"] = number
                numbers[row["id"]] = number
            for row in media_rows:
                row["code"] = f"{numbers[row['order']]}-{row['seq']:02d}"
            OrderCounter.update(last_number=number).where(OrderCounter.id == 1).execute()
            # In key order: the key table is clustered on the key (SQLite), so a batch
            # sweeps its B-tree once instead of jumping about.
            token_rows.sort(key=lambda r: (r["token"], r["customer"]))
            for model, rows in (
                (Customer, customer_rows),
                (CustomerSearchToken, token_rows),
                (Order, order_rows),
                (MediaItem, media_rows),
            ):
                _bulk_insert(db, model, rows)
        total_orders += len(order_rows)
        total_media += len(media_rows)
        if progress and (batch_start // BATCH) % 20 == 19:
            progress(f"{batch_start + n} kunder …")
    _restore_page_cache(db, cache)
    if not is_sqlite(db) and customers:
        _advance_postgres_sequences(db)
        with writing(db):
            intake.skip_used_numbers(db)
    add_demo_staff(db, progress)
    return DemoResult(customers, total_orders, total_media, time.perf_counter() - started)


# While loading, SQLite keeps this much of the file in its own page cache: a batch's
# search keys land all over their clustered B-tree, and with the 2 MB a terminal's
# connection has, each batch would fetch most of those pages from the OS again.
_LOAD_CACHE_KIB = 256 * 1024


def _enlarge_page_cache(db: peewee.Database | peewee.DatabaseProxy) -> int | None:
    if not is_sqlite(db):
        return None
    with reading(db):
        cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql(f"PRAGMA cache_size = -{_LOAD_CACHE_KIB}")
    return int(cache)


def _restore_page_cache(db: peewee.Database | peewee.DatabaseProxy, cache: int | None) -> None:
    if cache is not None:
        with reading(db):
            db.execute_sql(f"PRAGMA cache_size = {cache}")


_AS_IS = (str, int, bytes)  # exactly these types (not bool, not subclasses)


def _bulk_insert(
    db: peewee.Database | peewee.DatabaseProxy, model: type[peewee.Model], rows: list[dict]
) -> None:
    """executemany with one prepared INSERT: peewee's own multi-row insert spends most of
    its time building SQL text (measured: 88 % of a 5 000-customer load)."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    sqlite = is_sqlite(db)
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([db.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'

    def value(field: peewee.Field, v: object) -> object:
        if v is None or type(v) in _AS_IS:
            return v  # what db_value would hand on unchanged; a third of the load's time
        if sqlite and isinstance(v, date):
            return str(v)  # the text form peewee itself stores in SQLite
        return field.db_value(v)

    cursor = db.cursor()
    values = [tuple(value(f, row[f.name]) for f in fields) for row in rows]
    if sqlite:
        cursor.executemany(sql, values)
    else:  # psycopg2's executemany is a round trip a row; execute_values sends pages
        from psycopg2.extras import execute_values

        head = sql[: sql.index(" VALUES ")]
        execute_values(cursor, f"{head} VALUES %s", values, page_size=1000)


def _count(rng: random.Random, mean: float) -> int:
    """A small non-negative count with the given mean (whole part plus a coin flip)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0) if mean < 2 else rng.randint(
        1, int(2 * mean - 1)
    )


def _advance_postgres_sequences(db: peewee.Database | peewee.DatabaseProxy) -> None:
    with writing(db):
        for model in (Customer, Order, MediaItem):
            table = model._meta.table_name
            db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM \"{table}\"))"
            )


DEMO_STAFF = (("adm", "Demo Administrator", "admin"), ("disk", "Demo Skranke", "counter"),
              ("prod", "Demo Produksjon", "production"))
DEMO_PIN = "1234"


def add_demo_staff(
    db: peewee.Database | peewee.DatabaseProxy, progress: Callable[[str], None] | None = None
) -> tuple[str, ...]:
    """Demo staff (``adm``, ``disk``, ``prod``, PIN 1234), each whose initials are free —
    also beside the first administrator made by the README's first step, so the README's
    ``disk``/``1234`` signs in. Never over anyone's initials. Returns who was added."""
    from viver_tui.locale import t
    from viver_tui.services import staff

    added = tuple(
        (initials, role)
        for initials, name, role in DEMO_STAFF
        if staff.add_demo(db, name=name, initials=initials, role=role, pin=DEMO_PIN)
    )
    taken = [initials for initials, _, _ in DEMO_STAFF if initials not in dict(added)]
    if progress and added:
        who = ", ".join(f"{initials} ({t(f'staff.role.{role}')})" for initials, role in added)
        progress(t("demo.staff_added", staff=who, pin=DEMO_PIN))
    if progress and taken:
        progress(t("demo.staff_taken", initials=", ".join(taken)))
    return tuple(initials for initials, _ in added)
