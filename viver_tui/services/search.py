"""Customer search as you type, on one key table that SQLite and PostgreSQL share.

Every customer has a handful of byte-string keys in ``CustomerSearchToken``:

* ``n`` + a name word (NFC, casefolded; æ ø å stay themselves),
* ``p`` + word + NUL + other word, for every ordered pair of distinct name words,
* ``e`` + the e-mail, ``d`` + phone digits (with and without +47) and the organisation
  number, ``r`` + the phone digits reversed.

A typed term is a byte range ``[prefix, prefix + 0xFF)`` (0xFF never occurs in UTF-8),
compared as bytes — the same query and the same order on both stores, whatever the
collation.

**Where the time goes.** Each key row also carries what a hit shows (name, kind, phone,
e-mail, city), and on SQLite the table is clustered on ``(token, customer)``: the hits
of one range are side by side, so a page of twenty is one or two disk pages. Reading
the twenty customer rows instead cost twenty random reads (about 30 pages read per
one-word search with the file out of the OS cache; now 6). What remains is one B-tree
descent per range read; the rules below keep the number of ranges small. Counting and
skipping over keys use the narrow index on ``token`` alone.

**Name words.** Each typed word must begin some word of the name, in any order ("øy
han" finds "Hanne Øystein"). Words that begin another typed word add nothing and are
dropped ("ole o" is "ole"). One word walks its range. Two or more words use the pair
keys. First each typed word is probed for the name words it begins (longest typed word
first, three keys each, stopping at one that begins fewer): the one beginning fewest
(at most ``_FEW_EXPANSIONS``) is the pivot, and for each name word x it begins, one
short range ``p x NUL other-typed-word`` gives exactly the customers holding both —
read whole (up to ``_MANY_PAIRS`` keys) and sorted; when the pivot is the first of two
typed words the ranges already sort as the hits do and the walk stops at a full page.
Otherwise the old way: postings counted up to ``_FEW``, the rarest word as the pivot,
and when every word is common the first typed word's expansions walked in order, a few
at a time, until the page is full. A whole name never walks a common surname's
postings, and no count is made unless the probes found no cheap pivot.

**Order.** Name hits are sorted by the name words that the typed words begin, in the
order they were typed (for each typed word the smallest such word of the name), then by
customer number: "ole hansen" lists Ole Hansen before Ole Hansen-Berg before Olea
Hansen. Then e-mails beginning with the text, in e-mail order.

**Digits.** An order or medium code finds its order's customer. Exactly four digits are
how staff ask for a phone number ("the last four?"): numbers *ending* with them come
first, then numbers beginning with them. Other digit strings: an order number of 5–9
digits first, then numbers beginning with the digits, then (four or more digits)
numbers ending with them. Within each group: by the digits, then customer number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial

import peewee

from viver_tui.db import reading
from viver_tui.models import Customer, CustomerSearchToken, Order
from viver_tui.services.codes import parse_code

SEARCH_LIMIT = 20
_MAX_TOKEN_CHARS = 60
_WORD = re.compile(r"\w+")
_PHONE_CHARS = re.compile(r"^[\d\s+().-]+$")

# Token namespaces (first byte of the key).
NAME, PAIR, EMAIL, DIGITS, DIGITS_REVERSED = b"n", b"p", b"e", b"d", b"r"
_SEP = b"\x00"  # between the two words of a pair key: sorts below every other byte
_END = b"\xff"  # never in UTF-8: prefix + _END is above every key with that prefix

# A word with at most this many postings is "rare": its pairs are read whole.
_FEW = 1500
# A typed word beginning at most this many name words is a pivot worth trying first,
# as long as it and each other typed word share at most _MANY_PAIRS pair keys.
_FEW_EXPANSIONS = 16
# How many a typed word is first probed for.
_PROBE = 3
_MANY_PAIRS = 1000
# Expansions of the first word walked per round when every word is common.
_WALK_CHUNKS = (8, 32, 128, 512)
# Ranges per statement (keeps SQLite's expression depth and the statement small).
_RANGES_PER_QUERY = 64


@dataclass(frozen=True)
class CustomerHit:
    """One line of a search result."""

    id: int
    name: str
    kind: str
    phone: str | None
    email: str | None
    city: str | None
    ready: int = 0  # orders ready for pickup (production finished them)


# The columns of a hit, in CustomerHit's order (the key rows carry a copy of them).
_HIT_FIELDS = (Customer.id, Customer.name, Customer.kind, Customer.phone, Customer.email,
               Customer.city)
_HIT_COLUMNS = "customer_id, name, kind, phone, email, city"


# --- keys --------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """NFC + casefold: the form search keys and queries are compared in. Casefolding
    the dotted capital İ (Turkish names) gives i + a combining dot, which is no word
    character: "İvecen" fell apart into "i" and "vecen". It is compared as a plain i,
    as staff type it."""
    return unicodedata.normalize("NFC", text).casefold().replace(_I_DOT, "i")


_I_DOT = "i\u0307"


def name_words(text: str) -> list[bytes]:
    """The words of a name (or a query) as key bytes, in order, repeats kept."""
    return [w[:_MAX_TOKEN_CHARS].encode() for w in _WORD.findall(normalize_text(text))]


def tokens_for(
    name: str, phone: str | None, email: str | None, org_number: str | None
) -> set[bytes]:
    """The search keys of one customer (also used by demo-data's bulk loader)."""
    words = set(name_words(name))
    keys = {NAME + w for w in words}
    keys.update(PAIR + a + _SEP + b for a in words for b in words if a != b)
    if email:
        keys.add(EMAIL + normalize_text(email).encode()[:200])
    if phone:
        digits = phone.lstrip("+")
        keys.add(DIGITS + digits.encode())
        keys.add(DIGITS_REVERSED + digits[::-1].encode())
        if phone.startswith("+47"):
            keys.add(DIGITS + digits[2:].encode())
    if org_number:
        keys.add(DIGITS + org_number.encode())
    return keys


def _write_tokens(row: Customer) -> None:
    """Write the keys of a saved customer (the caller removed any old ones)."""
    write_tokens(row.id, row.name, row.phone, row.email, row.org_number, row.kind, row.city)


def token_rows(
    customer_id: int,
    name: str,
    phone: str | None,
    email: str | None,
    org_number: str | None,
    kind: str,
    city: str | None,
) -> list[dict[str, object]]:
    """The key rows of one customer, each with the columns a hit shows (field names of
    ``CustomerSearchToken``; also used by demo-data's bulk loader)."""
    shown = {"customer": customer_id, "name": name, "kind": kind, "phone": phone,
             "email": email, "city": city}
    return [{"token": k, **shown} for k in sorted(tokens_for(name, phone, email, org_number))]


def write_tokens(
    customer_id: int,
    name: str,
    phone: str | None,
    email: str | None,
    org_number: str | None,
    kind: str,
    city: str | None,
) -> None:
    """Write the keys of customer ``customer_id`` as these values make them. Every
    column that goes into a key or is shown in a hit is an argument: a change to any of
    them must rewrite the keys (``customers.saving._TOKEN_FIELDS``)."""
    CustomerSearchToken.insert_many(
        token_rows(customer_id, name, phone, email, org_number, kind, city)
    ).execute()


def query_words(text: str) -> list[bytes]:
    """The typed words that count, in typed order: repeats, and words that begin
    another typed word, are dropped ("ole o ole" → ["ole"])."""
    words: list[bytes] = []
    for word in name_words(text):
        if word not in words:
            words.append(word)
    return [w for w in words if not any(o != w and o.startswith(w) for o in words)]


# --- searching ---------------------------------------------------------------------------


def search(
    db: peewee.Database | peewee.DatabaseProxy, query: str, limit: int = SEARCH_LIMIT
) -> list[CustomerHit]:
    """Customers matching ``query`` as typed (see the module docstring for what matches
    and in which order). Empty query → the most recently changed customers.
    """
    text = query.strip()
    if any(unicodedata.category(c) == "Cs" for c in text):
        return []  # a lone surrogate (half a pasted emoji) can match no stored name
    with reading(db):
        if not text:
            rows = (
                Customer.select(*_HIT_FIELDS)
                .order_by(Customer.updated_at.desc(), Customer.id.desc())
                .limit(limit)
                .tuples()
            )
            return _with_ready([CustomerHit(*r) for r in rows])
        store = _Store(db)
        ids = _matching_ids(store, text, limit)
        if not ids:
            return []
        return _with_ready(store.hits_for(ids))


def warm(db: peewee.Database | peewee.DatabaseProxy) -> None:
    """Read the search keys' index pages the first search reads first (the roots and
    one path down each), and nothing else: run while the sign-in screen waits, so the
    first search after a cold start finds them in the OS cache. Returns nothing, keeps
    nothing, logs nothing: no customer data leaves this function."""
    with reading(db):
        store = _Store(db)
        store._rows(store.count_sql, [b"a", b"b", 1])
        store._rows(store.range_sql, [b"a", b"b", b"a", b"a", 0, 1])


def _with_ready(hits: list[CustomerHit]) -> list[CustomerHit]:
    """The hits with how many of each one's orders are ready for pickup: one query by
    the order table's customer index, for the page of hits only."""
    if not hits:
        return hits
    counts = dict(ready_counts([h.id for h in hits]).tuples())
    return [replace(h, ready=counts[h.id]) if h.id in counts else h for h in hits]


def ready_counts(customer_ids: list[int]) -> peewee.ModelSelect:
    """(customer id, orders ready for pickup) for ``customer_ids``: the ``(customer_id,
    status)`` index's short ranges (schema 24), never the shop's every ready order."""
    return (
        Order.select(Order.customer, peewee.fn.COUNT(Order.id))
        .where(Order.customer.in_(customer_ids) & (Order.status == "ready"))
        .group_by(Order.customer)
    )


COUNT_CAP = 1000  # matches counted beyond a page ("20 av 61 treff"); more: "over 1 000"


def count_matches(
    db: peewee.Database | peewee.DatabaseProxy, query: str, cap: int = COUNT_CAP
) -> int:
    """How many customers ``search`` finds for ``query``, counted up to ``cap + 1``
    (``cap + 1`` means more than ``cap``). Keys only: no customer row is read. Asked
    once typing pauses on a full page, so the page itself comes as fast as before."""
    text = query.strip()
    if not text or any(unicodedata.category(c) == "Cs" for c in text):
        return 0
    with reading(db):
        return len(_matching_ids(_Store(db), text, cap + 1))


def _matching_ids(store: _Store, text: str, limit: int) -> list[int]:
    """Run the lookups that fit what was typed, best first, until ``limit`` are found."""
    found: dict[int, None] = {}  # ordered, without duplicates
    for lookup in _lookups(store, text, limit):
        found.update(dict.fromkeys(lookup()))
        if len(found) >= limit:
            break
    return list(found)[:limit]


def _lookups(store: _Store, text: str, limit: int) -> list[Callable[[], list[int]]]:
    code = parse_code(text)
    if code is not None and code.is_medium:
        return [partial(store.ids_by_order_number, code.number)]
    if _PHONE_CHARS.match(text) and any(c.isdigit() for c in text):
        digits = re.sub(r"\D", "", text)
        if text.lstrip().startswith("00") and len(digits) >= 10:
            digits = digits[2:]  # 0047 91234567: the international prefix, not digits
        starting = partial(store.ids_in_range, DIGITS + digits.encode(), limit)
        ending = partial(store.ids_in_range, DIGITS_REVERSED + digits[::-1].encode(), limit)
        if len(digits) == 4:
            return [ending, starting]  # "the last four digits"
        lookups: list[Callable[[], list[int]]] = []
        if 5 <= len(digits) <= 9:
            lookups.append(partial(store.ids_by_order_number, int(digits)))
        lookups.append(starting)
        if len(digits) > 4:
            lookups.append(ending)
        return lookups
    lookups = []
    if "@" not in text:
        lookups.append(partial(_ids_by_words, store, query_words(text), limit))
    if " " not in text:
        lookups.append(partial(store.ids_in_range, EMAIL + normalize_text(text).encode(), limit))
    return lookups


def _ids_by_words(store: _Store, words: list[bytes], limit: int) -> list[int]:
    if not words:
        return []
    if len(words) == 1:
        return store.ids_in_range(NAME + words[0], limit)
    # A typed word that begins few name words makes a cheap pivot: its pair keys with
    # each other typed word lie in a few short ranges. Probe how many each begins
    # (longest typed word first, a few keys each) instead of counting postings (a
    # count reads ~1 500 index entries per word, a dozen disk pages when not cached).
    probed: list[tuple[int, int, list[bytes]]] = []  # (names begun, -length, word)
    for i in sorted(range(len(words)), key=lambda i: (-len(words[i]), i)):
        expansions = store.expansions(words[i], limit=_PROBE + 1)
        if not expansions:
            return []  # a word no name has: nothing can match
        probed.append((len(expansions), i, expansions))
        if len(expansions) < _PROBE:
            break  # few enough: this one will do
    probed.sort(key=lambda c: c[0])  # stable: longer typed words first among equals
    for _, pivot, expansions in probed[:2]:
        more = _FEW_EXPANSIONS + 1 - len(expansions)
        if len(expansions) > _PROBE and more > 0:
            expansions += store.expansions(words[pivot], after=expansions[-1], limit=more)
        if len(expansions) > _FEW_EXPANSIONS:
            continue
        if pivot == 0 and len(words) == 2:
            # Pair keys sort as the hits do: walk them in order, stop at a page.
            prefixes = [PAIR + x + _SEP + words[1] for x in expansions]
            return store.first_in_ranges(prefixes, limit, {})
        matched = _match_pairs(store, words, pivot, expansions, cap=_MANY_PAIRS)
        if matched is not None:
            return matched[:limit]
    # Too many pairs to sort them all (or a short pivot): count, then choose.
    counts = [store.count_capped(NAME + w, _FEW + 1) for w in words]
    if 0 in counts:
        return []  # a word no name has: nothing can match
    rarest = min(range(len(words)), key=lambda i: (counts[i], i))
    if counts[rarest] <= _FEW:
        return (_match_pairs(store, words, rarest, store.expansions(words[rarest])) or [])[:limit]
    # Every word is common: walk the first word's expansions in order, a round at a
    # time; every key of a round sorts before every key of the next.
    found: dict[int, None] = {}
    after = b""
    for size in _chunk_sizes():
        expansions = store.expansions(words[0], after=after, limit=size)
        if len(words) == 2:
            # Pair keys sort as the hits do (first word, second word, customer): the
            # store sorts them and stops at a page.
            prefixes = [PAIR + x + _SEP + words[1] for x in expansions]
            found.update(dict.fromkeys(store.first_in_ranges(prefixes, limit, found)))
        else:
            for customer in _match_pairs(store, words, 0, expansions) or []:
                found.setdefault(customer)
        if len(found) >= limit or len(expansions) < size:
            break
        after = expansions[-1]
    return list(found)[:limit]


def _chunk_sizes() -> Iterator[int]:
    yield from _WALK_CHUNKS
    while True:
        yield _WALK_CHUNKS[-1]


def _match_pairs(
    store: _Store, words: list[bytes], pivot: int, expansions: list[bytes], cap: int = 0
) -> list[int] | None:
    """The customers having a name word among ``expansions`` (which begin
    ``words[pivot]``) and, for every other typed word, a word it begins; sorted.
    None if ``cap`` is given and more than ``cap`` pair keys would have to be read for
    one typed word (the caller then walks instead of sorting them all)."""
    if not expansions:
        return []
    smallest: dict[int, list[bytes | None]] = {}  # customer → per typed word, its word
    # The longest typed word first: it most likely leaves the fewest candidates.
    others = sorted((j for j in range(len(words)) if j != pivot), key=lambda j: -len(words[j]))
    for seen, j in enumerate(others):
        prefixes = [PAIR + x + _SEP + words[j] for x in expansions]
        rows = store.rows_in_ranges(prefixes, cap)
        if rows is None:
            return None
        start = len(PAIR)
        for token, customer in rows:
            if seen and customer not in smallest:
                continue  # already missing an earlier typed word
            first, _, second = token[start:].partition(_SEP)
            slots = smallest.get(customer)
            if slots is None:
                slots = smallest[customer] = [None] * len(words)
            if slots[pivot] is None or first < slots[pivot]:  # type: ignore[operator]
                slots[pivot] = first
            if slots[j] is None or second < slots[j]:  # type: ignore[operator]
                slots[j] = second
        if seen:
            smallest = {c: s for c, s in smallest.items() if s[j] is not None}
        if not smallest:
            return []  # nobody has the pivot with this word: the rest cannot help
    complete = [(tuple(s), c) for c, s in smallest.items() if None not in s]
    complete.sort()
    return [c for _, c in complete]


class _Store:
    """The few raw statements search needs, written once for both stores.

    Every key row read carries the columns of its hit; they are kept in ``_hits`` so a
    page is made without reading the customer table (whose rows lie scattered over the
    file: twenty random disk reads when the file is not in the OS cache)."""

    def __init__(self, db: peewee.Database | peewee.DatabaseProxy) -> None:
        self.db = db
        self._hits: dict[int, tuple] = {}  # customer → (customer_id, name, …)
        p = db.param
        self.table = CustomerSearchToken._meta.table_name
        t = f'"{self.table}"'
        self.range_sql = (
            f"SELECT token, {_HIT_COLUMNS} FROM {t} WHERE token >= {p} AND token < {p} "
            f"AND (token > {p} OR (token = {p} AND customer_id > {p})) "
            f"ORDER BY token, customer_id LIMIT {p}"
        )
        # Only the key is read: the narrow index on ``token`` answers.
        self.count_sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {t} WHERE token >= {p} AND token < {p} "
            f"LIMIT {p}) AS capped"
        )
        # The distinct keys in a range, one index seek each (a skip scan).
        self.distinct_sql = (
            f"WITH RECURSIVE k(token) AS ("
            f"SELECT (SELECT token FROM {t} WHERE token >= {p} AND token < {p} "
            f"ORDER BY token LIMIT 1) "
            f"UNION ALL SELECT (SELECT token FROM {t} WHERE token > k.token AND token < {p} "
            f"ORDER BY token LIMIT 1) FROM k WHERE k.token IS NOT NULL) "
            f"SELECT token FROM k WHERE token IS NOT NULL LIMIT {p}"
        )

    def hits_for(self, ids: list[int]) -> list[CustomerHit]:
        """The hits of ``ids`` in that order: from the key rows read, and the customer
        table for the few found another way (an order number)."""
        missing = [i for i in ids if i not in self._hits]
        if missing:
            marks = ", ".join([self.db.param] * len(missing))
            for row in self._rows(
                f'SELECT id, name, kind, phone, email, city FROM "{Customer._meta.table_name}" '
                f"WHERE id IN ({marks})",
                missing,
            ):
                self._hits[row[0]] = row
        return [CustomerHit(*self._hits[i]) for i in ids if i in self._hits]

    def _keep(self, rows: list[tuple]) -> None:
        """Remember the hit columns of key rows ``(token, customer_id, name, …)``."""
        keep = self._hits.setdefault
        for row in rows:
            keep(row[1], row[1:])

    def ids_by_order_number(self, number: int) -> list[int]:
        rows = self._rows(
            f'SELECT customer_id FROM "{Order._meta.table_name}" WHERE number = {self.db.param}',
            [number],
        )
        return [rows[0][0]] if rows and rows[0][0] else []

    def _rows(self, sql: str, params: list[object]) -> list[tuple]:
        return self.db.execute_sql(sql, params).fetchall()

    def ids_in_range(self, prefix: bytes, limit: int) -> list[int]:
        """The first ``limit`` distinct customers with a key beginning ``prefix``, in
        key order (a customer with two such keys counts at the first)."""
        found: dict[int, None] = {}
        last_token, last_customer = b"", 0
        while len(found) < limit:
            want = limit - len(found)
            rows = self._rows(
                self.range_sql,
                [
                    max(prefix, last_token), prefix + _END,
                    last_token, last_token, last_customer, want + 4,
                ],
            )
            self._keep(rows)
            for row in rows:
                found.setdefault(row[1])
            if len(rows) < want + 4:
                break
            last_token, last_customer = bytes(rows[-1][0]), rows[-1][1]
        return list(found)[:limit]

    def count_capped(self, prefix: bytes, cap: int) -> int:
        return self._rows(self.count_sql, [prefix, prefix + _END, cap])[0][0]

    def expansions(self, word: bytes, after: bytes = b"", limit: int = _FEW + 1) -> list[bytes]:
        """The distinct name words beginning ``word`` (after ``after``), in order."""
        # s + NUL is the smallest key above s (no name word holds a NUL).
        low = NAME + after + _SEP if after else NAME + word
        high = NAME + word + _END
        rows = self._rows(self.distinct_sql, [low, high, high, limit])
        return [bytes(r[0])[len(NAME) :] for r in rows]

    def first_in_ranges(
        self, prefixes: list[bytes], limit: int, skip: dict[int, None]
    ) -> list[int]:
        """In key order, the first customers not in ``skip`` with a key beginning one of
        ``prefixes`` (given in ascending order), until ``skip`` and they make ``limit``.

        One short range at a time: asked for several ranges in one ordered statement,
        SQLite walks everything between the first and the last."""
        found: dict[int, None] = {}
        for prefix in prefixes:
            want = limit - len(skip) - len(found)
            if want <= 0:
                break
            for customer in self.ids_in_range(prefix, want + len(skip)):
                if customer not in skip:
                    found.setdefault(customer)
        return list(found)[: max(0, limit - len(skip))]

    def rows_in_ranges(self, prefixes: list[bytes], cap: int = 0) -> list[tuple[bytes, int]] | None:
        """Every (key, customer) with a key beginning one of ``prefixes``; None if
        ``cap`` is given and there are more than ``cap``."""
        p = self.db.param
        out: list[tuple[bytes, int]] = []
        for start in range(0, len(prefixes), _RANGES_PER_QUERY):
            chunk = prefixes[start : start + _RANGES_PER_QUERY]
            where = " OR ".join([f"(token >= {p} AND token < {p})"] * len(chunk))
            params: list[object] = []
            for prefix in chunk:
                params += [prefix, prefix + _END]
            sql = f'SELECT token, {_HIT_COLUMNS} FROM "{self.table}" WHERE {where}'
            if cap:
                sql += f" LIMIT {cap + 1 - len(out)}"
            rows = self._rows(sql, params)
            self._keep(rows)
            out += [(bytes(row[0]), row[1]) for row in rows]
            if cap and len(out) > cap:
                return None
        return out
