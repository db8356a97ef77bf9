"""Customer search at 1 M customers: every shape of query, cold and warm, checked against
an independent reading of the rules; typing in the app; memory over time; cold start.

    python bench/bench_search.py                    # 1 000 000 customers (builds once)
    python bench/bench_search.py --customers 20000  # a quick run
    python bench/bench_search.py --database FILE --only 1  # a demo database made elsewhere

1. Service search, per query shape (one-word prefixes with æ ø å in random case, whole
   words, two and three words in any order, whole names, a word and a prefix, typo'd
   names, two real words that no customer has together, e-mails, the last four phone
   digits, whole numbers in every format, order numbers and medium codes):
   - warm: the file read through once (in the OS cache), then 1 500 *other* queries
     (a terminal that has been running),
   - cold: the OS page cache of the database file dropped (posix_fadvise DONTNEED) and
     a new connection before every query.
   1b. The same queries, in the same process, each timed beside the app's (warm and
   cold alike), on a plain SQLite FTS5 table over the same customers (unicode61,
   remove_diacritics 0, prefix '2 3 4'; name and e-mail indexed, the phone's digits
   forwards and reversed as tokens), fetching the same page (20 × name, phone, e-mail,
   city); p50 / p99 and the ratio app / FTS5 per shape, and the app's page against
   FTS5's answer: app hits FTS5 does not match (wrong), the app empty where FTS5 finds
   something (false empty), FTS5's whole answer (under a page) not all on the app's
   page (missing). The index is a file of its own (``<database>-fts5.db`` beside the
   database, or ``--fts5 FILE``), built once (19–32 s at 1 M) and reused while built
   from the same customers; the demo database is only read for it.
2. Correctness: every answer against a reference built here from the customer table
   (its own tokenizer, sorted word lists, no use of the search keys): hits that do not
   match (wrong), matching hits that should be on the page but are not (missing), and
   pages with the right hits in the wrong order.
3. Typed → rendered in the running app, whole names at 120 ms a key; keys never
   answered.
4. Resident memory of the running app over 100 whole-name searches, 200 scans of
   distinct orders and 5 intakes.
5. Cold start to the first *answered* search (database file evicted first), beside a
   bare Textual app's first frame.
6. The same demo data in PostgreSQL: every query's page must equal SQLite's.
7. Typed → rendered in a real terminal: `viver` in tmux, keys by `tmux send-keys`, each
   answer's frame time logged by the app (VIVER_LATENCY_LOG).

3–5 run in child processes, so the reference's memory does not weigh on them; in
1, 1b and 6 everything the bench made during set-up is collected and frozen
(``gc.freeze``) before the first timed query, so the bench's own data is never walked
by a collection that lands on one. ``--database FILE`` needs nothing in bench/out: the
run's own files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import gc
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.signing_in

from common import demo_database, evict, machine, median, percentile, summary

# Before anything imports Textual, as `viver` starts: the package sets the frame rate.
import viver_tui  # noqa: F401

NORWEGIAN = set("æøåÆØÅ")
LIMIT = 20
HERE = Path(__file__).parent
# A folder of this run's own (an empty settings file, the children's specs, logs), made
# in main(): nothing needs bench/out when --database names the file.
SCRATCH = Path(tempfile.gettempdir())


def random_reads(path: Path, n: int = 2000) -> list[float]:
    """ms per random 4 KiB read of the file with its OS cache dropped: what one page
    read costs a cold search on this disk, at this moment."""
    rng = random.Random(3)
    evict(path)
    fd = os.open(path, os.O_RDONLY)
    try:
        pages = os.fstat(fd).st_size // 4096
        out = []
        for _ in range(n):
            at = rng.randrange(pages) * 4096
            started = time.perf_counter()
            os.pread(fd, 4096, at)
            out.append((time.perf_counter() - started) * 1000)
        return out
    finally:
        os.close(fd)


def read_through(path: Path) -> None:
    """Read the database file once, so warm means in the OS cache (a shop PC that has
    been running), whatever an earlier run evicted."""
    with open(path, "rb") as f:
        while f.read(1 << 20):
            pass


# --- the reference -----------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    # the dotted capital İ folds to a plain i, as in services/search.normalize_text
    return unicodedata.normalize("NFC", text).casefold().replace("i\u0307", "i")


def _words(text: str) -> list[bytes]:
    return [w[:60].encode() for w in _WORD.findall(_fold(text))]


class Reference:
    """The search rules of services/search.py read literally, over plain Python data."""

    def __init__(self, db_path: Path) -> None:
        con = sqlite3.connect(db_path)
        self.names: dict[int, list[bytes]] = {}
        by_word: dict[bytes, list[int]] = defaultdict(list)
        starts: list[tuple[bytes, int]] = []
        ends: list[tuple[bytes, int]] = []
        mails: list[tuple[bytes, int]] = []
        rows = con.execute("SELECT id, name, phone, email, org_number FROM customer")
        for cid, name, phone, email, org in rows:
            words = _words(name)
            self.names[cid] = words
            for word in set(words):
                by_word[word].append(cid)
            if phone:
                digits = phone.lstrip("+")
                starts.append((digits.encode(), cid))
                ends.append((digits[::-1].encode(), cid))
                if phone.startswith("+47"):
                    starts.append((digits[2:].encode(), cid))
            if org:
                starts.append((org.encode(), cid))
            if email:
                mails.append((_fold(email).encode()[:200], cid))
        self.by_word = dict(by_word)
        self.vocabulary = sorted(self.by_word)
        self.starts, self.ends, self.mails = sorted(starts), sorted(ends), sorted(mails)
        self.con = con

    @staticmethod
    def _prefixed(rows: list[tuple[bytes, int]], prefix: bytes) -> list[int]:
        """Customers with a key beginning ``prefix``, each at its smallest key."""
        at = bisect.bisect_left(rows, (prefix, -1))
        found: dict[int, None] = {}
        while at < len(rows) and rows[at][0].startswith(prefix):
            found.setdefault(rows[at][1])
            at += 1
        return list(found)

    def _words_beginning(self, prefix: bytes) -> list[bytes]:
        at = bisect.bisect_left(self.vocabulary, prefix)
        out = []
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(prefix):
            out.append(self.vocabulary[at])
            at += 1
        return out

    def by_name(self, text: str) -> tuple[list[int], set[int]]:
        typed = _words(text)
        if not typed:
            return [], set()
        counted = [
            w for w in dict.fromkeys(typed) if not any(o != w and o.startswith(w) for o in typed)
        ]
        matching: set[int] | None = None
        for word in counted:
            holders: set[int] = set()
            for expansion in self._words_beginning(word):
                holders.update(self.by_word[expansion])
            matching = holders if matching is None else matching & holders
            if not matching:
                return [], set()
        assert matching is not None
        keyed = sorted(
            (tuple(min(w for w in self.names[c] if w.startswith(q)) for q in counted), c)
            for c in matching
        )
        return [c for _, c in keyed], matching

    def expected(self, text: str) -> tuple[list[int], set[int]]:
        """(the page in order, every customer that matches)."""
        text = text.strip()
        code = re.match(r"^\s*(\d{4,9})-(\d{1,3})\s*$", text)
        if code:
            ids = self._order(int(code.group(1)))
            return ids, set(ids)
        if re.match(r"^[\d\s+().-]+$", text) and any(c.isdigit() for c in text):
            digits = re.sub(r"\D", "", text)
            if text.startswith("00") and len(digits) >= 10:
                digits = digits[2:]
            starting = self._prefixed(self.starts, digits.encode())
            ending = self._prefixed(self.ends, digits[::-1].encode())
            if len(digits) == 4:
                groups = [ending, starting]
            else:
                groups = [self._order(int(digits))] if 5 <= len(digits) <= 9 else []
                groups += [starting] + ([ending] if len(digits) > 4 else [])
        else:
            groups = []
            if "@" not in text:
                groups.append(self.by_name(text)[0])
            if " " not in text:
                groups.append(self._prefixed(self.mails, _fold(text).encode()))
        page: dict[int, None] = {}
        every: set[int] = set()
        for group in groups:
            every.update(group)
            for cid in group:
                if len(page) < LIMIT:
                    page.setdefault(cid)
        return list(page), every

    def _order(self, number: int) -> list[int]:
        row = self.con.execute(
            'SELECT customer_id FROM "order" WHERE number = ?', (number,)
        ).fetchone()
        return [row[0]] if row and row[0] else []


# --- queries -----------------------------------------------------------------------------


def _case(rng: random.Random, text: str) -> str:
    roll = rng.random()
    return text.upper() if roll < 0.15 else text.lower() if roll < 0.6 else text


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + rng.choice("aeiou")
    at = rng.randrange(1, len(word))
    roll = rng.random()
    if roll < 0.4:
        return word[:at] + rng.choice("abdeghiklmnorstuvyæøå") + word[at + 1 :]
    if roll < 0.7:
        return word[:at] + word[at + 1 :]
    return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]


def make_queries(
    db_path: Path, reference: Reference, per_shape: int, rng: random.Random
) -> dict[str, list[str]]:
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    people = []
    while len(people) < per_shape * 30:
        row = con.execute(
            "SELECT name, phone, email, kind FROM customer WHERE id = ?",
            (rng.randrange(1, top + 1),),
        ).fetchone()
        if row:
            people.append(row)
    private = [p for p in people if p[3] == "private"]
    names = [p[0].replace("-", " ").split() for p in private]
    shapes: dict[str, list[str]] = defaultdict(list)
    for words in names:
        if len(shapes["prefix"]) < per_shape:
            word = rng.choice(words)
            if len(shapes["prefix"]) % 3 == 0:
                word = next((w for w in words if NORWEGIAN & set(w)), "")
            if word:
                at = next((i for i, c in enumerate(word) if c in NORWEGIAN), 0)
                length = rng.randint(max(2, at + 1), max(4, at + 1))
                shapes["prefix"].append(_case(rng, word[:length]))
        shapes["word"].append(_case(rng, rng.choice(words)))
        if len(words) >= 2:
            pair = rng.sample(words, 2)
            shapes["two words, any order"].append(_case(rng, " ".join(pair)))
            cut = pair[1][: rng.randint(1, min(4, len(pair[1])))]
            shapes["word + prefix"].append(_case(rng, f"{pair[0]} {cut}"))
            shapes["whole name"].append(_case(rng, " ".join(words)))
            typo = list(words)
            k = rng.randrange(len(typo))
            typo[k] = _typo(rng, typo[k])
            shapes["typo'd name"].append(_case(rng, " ".join(typo)))
        if len(words) >= 3:
            shapes["three words, any order"].append(_case(rng, " ".join(rng.sample(words, 3))))
    # Two real, common-enough words that no customer has together.
    firsts = [w[0] for w in names]
    lasts = [w[-1] for w in names]
    while len(shapes["no hit, real words"]) < per_shape:
        query = f"{rng.choice(firsts)} {rng.choice(lasts)} {rng.choice(lasts)}"
        if not reference.by_name(query)[1]:
            shapes["no hit, real words"].append(query)
    for _, phone, email, _ in people:
        if email:
            cut = email if rng.random() < 0.5 else email[: email.index("@") + 3]
            shapes["e-mail"].append(cut)
        if phone:
            national = phone[3:] if phone.startswith("+47") else phone
            shapes["last 4 digits"].append(phone[-4:])
            if phone.startswith("+47"):
                spaced = f"{national[:3]} {national[3:5]} {national[5:]}"
                shapes["whole number"].append(
                    rng.choice([national, spaced, f"+47 {spaced}", f"0047 {national}", phone])
                )
    orders = con.execute(
        'SELECT "order".number, media_item.seq FROM "order" JOIN media_item '
        'ON media_item.order_id = "order".id WHERE "order".id % 613 = 7 LIMIT ?',
        (per_shape,),
    ).fetchall()
    for number, seq in orders:
        shapes[ORDER_SHAPE].append(
            str(number) if rng.random() < 0.5 else f"{number}-{seq:02d}"
        )
    con.close()
    out = {}
    for shape, queries in shapes.items():
        unique = list(dict.fromkeys(queries))
        rng.shuffle(unique)
        out[shape] = unique[:per_shape]
    return out


# --- 1b: the same search on a plain SQLite FTS5 table -------------------------------------

FTS5_TABLE = "customer_fts"
ORDER_SHAPE = "order number / code"
_CODE = re.compile(r"^\s*(\d{4,9})-(\d{1,3})\s*$")
_PHONE = re.compile(r"^[\d\s+().-]+$")


def _digit_keys(phone: str | None, org: str | None) -> str:
    """The phone's digits (with and without +47), the same reversed behind an ``r`` (a
    token of its own, so a prefix of it is a suffix of the number) and the organisation
    number: one whitespace-separated column of FTS5 tokens."""
    keys = []
    if phone:
        digits = phone.lstrip("+")
        keys += [digits, "r" + digits[::-1]]
        if phone.startswith("+47"):
            keys.append(digits[2:])
    if org:
        keys.append(org)
    return " ".join(keys)


_SIGNATURE = ("SELECT COUNT(*), MAX(id), TOTAL(LENGTH(name) + COALESCE(LENGTH(phone), 0)) "
              "FROM customer")


def build_fts5(db_path: Path, path: Path) -> float:
    """A plain FTS5 table over the demo database's customers, in a file of its own
    (never in the demo database): built once, reused while it was built from the same
    customers (their count, highest number and length of names and phones; the
    database's file time moves whenever the app opens it). Returns the seconds the
    build took (0 when reused)."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    signature = list(source.execute(_SIGNATURE).fetchone())
    if path.exists():
        built = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if list(built.execute("SELECT * FROM built_from").fetchone()) == signature:
                source.close()
                return 0.0
        except sqlite3.Error:
            pass
        finally:
            built.close()
    started = time.perf_counter()
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("CREATE TABLE built_from (customers, top, length)")
    con.execute("INSERT INTO built_from VALUES (?, ?, ?)", signature)
    con.execute(
        f"CREATE VIRTUAL TABLE {FTS5_TABLE} USING fts5(name, email, digits, "
        "phone UNINDEXED, city UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
    )
    rows = source.execute("SELECT id, name, email, phone, org_number, city FROM customer")
    con.executemany(
        f"INSERT INTO {FTS5_TABLE}(rowid, name, email, digits, phone, city) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ((cid, name, email, _digit_keys(phone, org), phone, city)
         for cid, name, email, phone, org, city in rows),
    )
    con.execute(f"INSERT INTO {FTS5_TABLE}({FTS5_TABLE}) VALUES ('optimize')")
    con.commit()
    con.close()
    source.close()
    partial.replace(path)
    return time.perf_counter() - started


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts5_query(text: str) -> str | None:
    """What a plain FTS5 search asks for the text the app is given, by the app's rules
    (services/search.py): each typed word begins a name word, in any order; a text
    without a space may also begin the e-mail (``^``: the column's first token);
    digits begin the phone number or the organisation number, and from four digits
    also end the phone number. None where FTS5 has no such search: order numbers and
    medium codes (a lookup in the order table, not text)."""
    text = text.strip()
    if not text or _CODE.match(text):
        return None
    if _PHONE.match(text) and any(c.isdigit() for c in text):
        digits = re.sub(r"\D", "", text)
        if text.startswith("00") and len(digits) >= 10:
            digits = digits[2:]
        if len(digits) < 4:
            return f"digits : {_quoted(digits)}*"
        return f"digits : ({_quoted(digits)}* OR {_quoted('r' + digits[::-1])}*)"
    parts = []
    words = list(dict.fromkeys(_WORD.findall(text)))
    if "@" not in text and words:
        parts.append("name : (" + " AND ".join(f"{_quoted(w)}*" for w in words) + ")")
    if " " not in text:
        parts.append(f"email : ^ {_quoted(text)}*")
    return " OR ".join(parts) or None


FTS5_PAGE = (f"SELECT rowid, name, phone, email, city FROM {FTS5_TABLE} "
             f"WHERE {FTS5_TABLE} MATCH ? LIMIT {LIMIT}")


def fts5_connect(path: Path) -> sqlite3.Connection:
    """A connection as the app's (2 MB page cache), the table's structures read."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.execute("PRAGMA cache_size = -2000")
    con.execute(f"SELECT rowid FROM {FTS5_TABLE} WHERE rowid = 0").fetchall()
    return con


def fts5_page(con: sqlite3.Connection, expression: str) -> list[tuple]:
    return con.execute(FTS5_PAGE, (expression,)).fetchall()


def fts5_differences(con: sqlite3.Connection, expression: str,
                     app_page: list[int], fts_page: list[tuple]) -> tuple[int, int, int]:
    """(wrong, false empty, missing) of the app's page against FTS5's answer: app hits
    FTS5 does not match; the app finding nothing where FTS5 finds something; when FTS5's
    page is its whole answer (fewer than a page), its hits that the app's page lacks."""
    wrong = 0
    if app_page:
        marks = ",".join("?" * len(app_page))
        matched = {r[0] for r in con.execute(
            f"SELECT rowid FROM {FTS5_TABLE} WHERE {FTS5_TABLE} MATCH ? AND rowid IN ({marks})",
            (expression, *app_page))}
        wrong = sum(1 for c in app_page if c not in matched)
    false_empty = int(not app_page and bool(fts_page))
    missing = 0
    if len(fts_page) < LIMIT:
        got = set(app_page)
        missing = sum(1 for r in fts_page if r[0] not in got)
    return wrong, false_empty, missing


def _settle() -> None:
    """Everything made so far out of the collector's reach: what the bench keeps (the
    reference, queries, answers, figures) must not be walked by a collection that lands
    on a timed query."""
    gc.collect()
    gc.freeze()


# --- 1 and 2: the service ----------------------------------------------------------------


def bench_service(db_path: Path, reference: Reference, per_shape: int, cold_each: int,
                  fts_path: Path | None = None) -> None:
    from viver_tui.cli import tune_gc
    from viver_tui.services import search
    from viver_tui.store import open_database

    measured = make_queries(db_path, reference, per_shape, random.Random(7))
    warmup = [q for qs in make_queries(db_path, reference, 110, random.Random(99)).values()
              for q in qs]
    wanted = {s: [reference.expected(q) for q in qs] for s, qs in measured.items()}
    # Order numbers and medium codes are looked up in the order table: no FTS5 search.
    expressions = {q: fts5_query(q) for q in warmup}
    expressions.update({q: None if shape == ORDER_SHAPE else fts5_query(q)
                        for shape, qs in measured.items() for q in qs})

    # The collector as the app sets it, and the reference (millions of objects the app
    # does not have) out of its reach: a full collection walking it took several ms and
    # landed on whichever query was timed then.
    # What the bench made after this (its figures and pages) stays small.
    tune_gc()
    _settle()
    read_through(db_path)
    db = open_database(f"sqlite:///{db_path}")
    db.connect(reuse_if_open=True)
    fts = None
    if fts_path is not None:
        read_through(fts_path)
        fts = fts5_connect(fts_path)
    for q in warmup:
        search.search(db, q)
        expression = expressions[q]
        if fts is not None and expression is not None:
            fts5_page(fts, expression)
    print(f"\n1. service search, p50 / p99 / max ms, the file read once and {len(warmup)} "
          f"other queries first (warm), "
          f"and the file evicted + a new connection before each (cold)")
    print(f"   {'shape':<26}{'warm':>26}   {'cold':>26}   wrong missing order  hits(median)")
    all_warm: list[float] = []
    all_cold: list[float] = []
    totals = [0, 0, 0, 0]
    warm: dict[str, list[float]] = {}
    warm_cpu: dict[str, list[float]] = {}  # CPU time of the thread: what load does not add
    reads: dict[str, list[int]] = {}  # read() calls a cold query made: pages from disk
    pages: dict[str, list[list[int]]] = {}
    # FTS5, query by query beside the app (which goes first alternates), so a change in
    # the machine's load weighs on both alike.
    fts_warm: dict[str, list[float]] = defaultdict(list)
    fts_cold: dict[str, list[float]] = defaultdict(list)
    fts_reads: dict[str, list[int]] = defaultdict(list)
    fts_pages: dict[str, list[list[tuple]]] = defaultdict(list)
    app_cold: dict[str, list[float]] = defaultdict(list)  # the app's cold, FTS5's queries

    def fts_timed(shape: str, expression: str) -> None:
        started = time.perf_counter()
        page = fts5_page(fts, expression)  # type: ignore[arg-type]
        fts_warm[shape].append((time.perf_counter() - started) * 1000)
        fts_pages[shape].append(page)

    n = 0
    for shape, queries in measured.items():  # every warm figure before any eviction
        warm[shape], pages[shape], warm_cpu[shape] = [], [], []
        for q in queries:
            expression = expressions[q] if fts is not None else None
            n += 1
            if expression is not None and n % 2:
                fts_timed(shape, expression)
            started, cpu = time.perf_counter(), time.thread_time()
            hits = search.search(db, q)
            warm[shape].append((time.perf_counter() - started) * 1000)
            warm_cpu[shape].append((time.thread_time() - cpu) * 1000)
            pages[shape].append([h.id for h in hits])
            if expression is not None and not n % 2:
                fts_timed(shape, expression)
    for shape, queries in measured.items():
        cold = []
        for q in queries[:cold_each]:
            db.close()
            evict(db_path)
            db.connect()
            db.execute_sql("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the schema
            evict(db_path)
            calls = _read_calls()
            started = time.perf_counter()
            search.search(db, q)
            cold.append((time.perf_counter() - started) * 1000)
            reads.setdefault(shape, []).append(_read_calls() - calls - _READ_CALLS_OWN)
            expression = expressions[q] if fts is not None else None
            if fts_path is not None and expression is not None:
                app_cold[shape].append(cold[-1])
                fts.close()  # type: ignore[union-attr]
                evict(fts_path)
                fts = fts5_connect(fts_path)  # the table's structures read, as the app's
                evict(fts_path)
                calls = _read_calls()
                started = time.perf_counter()
                fts5_page(fts, expression)
                fts_cold[shape].append((time.perf_counter() - started) * 1000)
                fts_reads[shape].append(_read_calls() - calls - _READ_CALLS_OWN)
        wrong = missing = order = 0
        for got, (page, every) in zip(pages[shape], wanted[shape], strict=True):
            wrong += sum(1 for c in got if c not in every)
            missing += sum(1 for c in page if c not in got)
            order += got != page and set(got) == set(page)
        totals = [
            totals[0] + wrong, totals[1] + missing, totals[2] + order, totals[3] + len(queries)
        ]
        all_warm += warm[shape]
        all_cold += cold
        print(
            f"   {shape:<26}{_three(warm[shape]):>26}   {_three(cold):>26}   "
            f"{wrong:>5} {missing:>7} {order:>5}  "
            f"{median([len(p) for p in pages[shape]]):>5.0f}   (n={len(queries)}/{len(cold)})"
        )
    print(f"\n   {'shape':<26}{'warm CPU ms p50/p99':>22}   {'cold: disk pages read p50/max':>30}")
    for shape in measured:
        print(f"   {shape:<26}{_two(warm_cpu[shape]):>22}   "
              f"{_two(reads.get(shape, [0]), '.0f'):>30}")
    gc.unfreeze()
    disk = random_reads(db_path)
    print(f"   disk in the same run: one random 4 KiB read of the evicted file p50 "
          f"{percentile(disk, 50):.3f} ms, p99 {percentile(disk, 99):.3f} ms (n={len(disk)}); "
          f"cold search p50 = {percentile(all_cold, 50) / percentile(disk, 50):.0f} such reads")
    print(f"   {'all':<26}{_three(all_warm):>26}   {_three(all_cold):>26}   "
          f"{totals[0]:>5} {totals[1]:>7} {totals[2]:>5}   ({totals[3]} queries checked)")
    db.close()
    if fts is not None:
        _fts5_report(fts, measured, expressions, warm, app_cold, pages, fts_warm, fts_cold,
                     fts_reads, fts_pages)
        fts.close()


def _fts5_report(fts: sqlite3.Connection, measured: dict[str, list[str]],
                 expressions: dict[str, str | None], warm: dict[str, list[float]],
                 app_cold: dict[str, list[float]], pages: dict[str, list[list[int]]],
                 fts_warm: dict[str, list[float]], fts_cold: dict[str, list[float]],
                 fts_reads: dict[str, list[int]],
                 fts_pages: dict[str, list[list[tuple]]]) -> None:
    print(f"\n1b. the same queries on a plain SQLite FTS5 table ({FTS5_TABLE}: unicode61 "
          f"remove_diacritics 0, prefix '2 3 4'; the same page of {LIMIT}: name, phone, "
          f"e-mail, city), in the same process, each query timed beside the app's; "
          f"p50 / p99 ms, ratio = app / FTS5")
    print(f"   {'shape':<26}{'app warm':>17}{'FTS5 warm':>17}{'ratio':>17}   "
          f"{'app cold':>17}{'FTS5 cold':>17}{'ratio':>17}   {'FTS5 pages':>10}   "
          f"app vs FTS5: wrong, false empty, missing")
    examples: list[str] = []
    every: dict[str, list[float]] = {"app warm": [], "fts warm": [], "app cold": [],
                                     "fts cold": []}
    for shape, queries in measured.items():
        if not fts_warm.get(shape):
            print(f"   {shape:<26}  no FTS5 equivalent (a lookup in the order table)")
            continue
        app_w = [t for q, t in zip(queries, warm[shape], strict=True)
                 if expressions[q] is not None]
        app_pages = [p for q, p in zip(queries, pages[shape], strict=True)
                     if expressions[q] is not None]
        asked = [q for q in queries if expressions[q] is not None]
        wrong = false_empty = missing = 0
        for q, got, theirs in zip(asked, app_pages, fts_pages[shape], strict=True):
            w, f, m = fts5_differences(fts, expressions[q], got, theirs)  # type: ignore[arg-type]
            wrong, false_empty, missing = wrong + w, false_empty + f, missing + m
            if (w or f or m) and len(examples) < 12:
                examples.append(f"{shape}: {q!r} (wrong {w}, false empty {f}, missing {m}; "
                                f"app {len(got)} hits, FTS5 {len(theirs)})")
        every["app warm"] += app_w
        every["fts warm"] += fts_warm[shape]
        every["app cold"] += app_cold[shape]
        every["fts cold"] += fts_cold[shape]
        print(f"   {shape:<26}{_two(app_w):>17}{_two(fts_warm[shape]):>17}"
              f"{_ratio(app_w, fts_warm[shape]):>17}   "
              f"{_two(app_cold[shape]):>17}{_two(fts_cold[shape]):>17}"
              f"{_ratio(app_cold[shape], fts_cold[shape]):>17}   "
              f"{_two(fts_reads[shape], '.0f'):>10}   "
              f"{wrong}, {false_empty}, {missing}   (n={len(asked)}/{len(fts_cold[shape])})")
    print(f"   {'all':<26}{_two(every['app warm']):>17}{_two(every['fts warm']):>17}"
          f"{_ratio(every['app warm'], every['fts warm']):>17}   "
          f"{_two(every['app cold']):>17}{_two(every['fts cold']):>17}"
          f"{_ratio(every['app cold'], every['fts cold']):>17}")
    for line in examples:
        print(f"   differs: {line}")


def _ratio(app: list[float], fts: list[float]) -> str:
    """app / FTS5 at p50 and p99: below 1, the app is faster."""
    if not app or not fts:
        return "-"
    return (f"{percentile(app, 50) / percentile(fts, 50):.2f} / "
            f"{percentile(app, 99) / percentile(fts, 99):.2f}")


def _read_calls() -> int:
    """read()/pread() calls this process has made (SQLite reads one page a call)."""
    with open("/proc/self/io") as f:
        return int(next(line for line in f if line.startswith("syscr:")).split()[1])


def _own_read_calls() -> int:
    before = _read_calls()
    return _read_calls() - before


_READ_CALLS_OWN = _own_read_calls()  # what reading /proc/self/io itself counts


def _two(values: list[float] | list[int], fmt: str = ".2f") -> str:
    """p50 / p99 of times; p50 / max of counts."""
    top = percentile(values, 99) if fmt == ".2f" else max(values)
    return f"{percentile(values, 50):{fmt}} / {top:{fmt}}"


def _three(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{percentile(values, 50):.2f} / {percentile(values, 99):.2f} / {max(values):.2f}"


# --- 3 and 4: the running app (child process) --------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


async def _app_run(db_path: Path, names: list[str], codes: list[str], customer_ids: list[int],
                   mode: str) -> dict:
    from textual import events

    from tests.signing_in import sign_in_by_keys
    from viver_tui.app import make_app
    from viver_tui.cli import tune_gc
    from viver_tui.config import Settings
    from viver_tui.screens.search import SearchScreen

    tune_gc()  # as `viver` does (cli.main)
    pin = bench_staff(db_path)
    app = make_app(Settings(database_url=f"sqlite:///{db_path}"))
    frames: list[float] = []
    answers: list[tuple[float, str]] = []
    out: dict = {}
    async with app.run_test(size=(120, 36)) as pilot:
        compose_frame = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append(time.perf_counter())
            compose_frame(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        await sign_in_by_keys(app, pilot, "bench", pin)  # as at the counter
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        shown = screen.show_results

        def show_results(query, hits):  # type: ignore[no-untyped-def]
            shown(query, hits)
            answers.append((time.perf_counter(), query))

        screen.show_results = show_results  # type: ignore[method-assign]

        def key(char: str) -> events.Key:
            return events.Key("space" if char == " " else char, char)

        async def clear() -> None:
            await pilot.press("escape")
            while screen.shown_query != "":
                await asyncio.sleep(0.001)

        if mode == "typed":
            latencies: list[float] = []
            unanswered = 0
            for name in names:
                await clear()
                posted: list[tuple[float, str]] = []
                slot = time.perf_counter()
                for i, char in enumerate(name):
                    app.post_message(key(char))
                    posted.append((time.perf_counter(), name[: i + 1]))
                    slot += 0.120
                    await asyncio.sleep(max(0.0, slot - time.perf_counter()))
                deadline = time.perf_counter() + 3
                while screen.shown_query != name and time.perf_counter() < deadline:
                    await asyncio.sleep(0.005)
                await asyncio.sleep(0.05)
                # A key is answered by the first frame after an answer to its text or to
                # a longer text typed after it.
                for at, text in posted:
                    answer = next((t for t, q in answers if t >= at and len(q) >= len(text)
                                   and name.startswith(q) and q.startswith(text)), None)
                    if answer is None:
                        unanswered += 1
                        continue
                    frame = next((f for f in frames if f >= answer), None)
                    latencies.append(((frame or answer) - at) * 1000)
            out = {"latencies": latencies, "unanswered": unanswered,
                   "keys": sum(len(n) for n in names)}
        else:
            from viver_tui.config import DEFAULT_MEDIA_KINDS
            from viver_tui.screens.base import store_executor
            from viver_tui.services import intake
            from viver_tui.services.intake import MediumInput, OrderDetails

            samples = [("start", rss_mb())]
            for i, name in enumerate(names[:100], 1):
                await clear()
                for char in name:
                    app.post_message(key(char))
                while screen.shown_query != name:
                    await asyncio.sleep(0.001)
                if i % 10 == 0:
                    samples.append((f"{i} searches", rss_mb()))
            from viver_tui.screens.pickup import PickupScreen

            app.push_screen(PickupScreen())
            await pilot.pause()
            for code in codes[:200]:
                for char in code:
                    app.post_message(key(char))
                app.post_message(events.Key("enter", "\r"))
                await app.workers.wait_for_complete()
            await pilot.pause()
            await app.workers.wait_for_complete()
            samples.append(("+200 scans", rss_mb()))
            loop = asyncio.get_running_loop()

            def whole_intake(customer_id: int) -> None:
                order = intake.open_order(app.db, customer_id, "bench")
                intake.add_medium(app.db, order.id, MediumInput("vhs", "Ferie"),
                                  DEFAULT_MEDIA_KINDS, "bench")
                intake.confirm_order(app.db, order.id, OrderDetails(shelf="A1"), "bench")

            for cid in customer_ids[:5]:
                await loop.run_in_executor(store_executor(), whole_intake, cid)
            samples.append(("+5 intakes", rss_mb()))
            out = {"samples": samples}
    return out


def child_app(args: argparse.Namespace) -> None:
    spec = json.loads(Path(args.child).read_text())
    result = asyncio.run(_app_run(Path(spec["db"]), spec["names"], spec["codes"],
                                  spec["customers"], spec["mode"]))
    print(json.dumps(result))


def run_child(db_path: Path, mode: str, names: list[str], codes: list[str],
              customers: list[int]) -> dict:
    spec = SCRATCH / f"child-{mode}.json"
    spec.write_text(json.dumps({"db": str(db_path), "mode": mode, "names": names,
                                "codes": codes, "customers": customers}))
    out = subprocess.run([sys.executable, __file__, "--child", str(spec)], check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "VIVER_CONFIG": str(SCRATCH / "none.toml")})
    return json.loads(out.stdout.strip().splitlines()[-1])


def repaint_figures(repaints: int = 200) -> None:
    """The results table's full repaint (20 rows of 120 columns), Textual's DataTable
    against ResultsTable, in the same process, one after the other."""
    from textual.app import App, ComposeResult
    from textual.geometry import Region
    from textual.widgets import DataTable

    from viver_tui.locale.display import shown
    from viver_tui.widgets.results_table import ResultsTable

    class Table(App[None]):
        def __init__(self, kind: type[DataTable]) -> None:  # type: ignore[type-arg]
            super().__init__()
            self.kind = kind

        def compose(self) -> ComposeResult:
            table = self.kind(id="t", cursor_type="row", zebra_stripes=True)
            for label, width in (("Navn", 34), ("Telefon", 18), ("E-post", 34), ("Sted", 18)):
                table.add_column(label, width=width)
            for i in range(LIMIT):
                table.add_row(shown(f"Øystein Hanssen-Berg {i}"), shown("+47 912 34 567"),
                              shown(f"oystein.hanssen{i}@example.no"), shown("Tromsø"),
                              key=str(i))
            yield table

    async def measure(kind: type[DataTable]) -> float:  # type: ignore[type-arg]
        app = Table(kind)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            table = app.query_one("#t", DataTable)
            times = []
            for _ in range(repaints):
                started = time.perf_counter()
                # what a new page does: every cache dropped, every line painted again
                table._update_count += 1
                table._clear_caches()
                table._styles_cache.clear()
                table.render_lines(Region(0, 0, table.size.width, table.size.height))
                times.append((time.perf_counter() - started) * 1000)
        return median(times[20:])

    stock = asyncio.run(measure(DataTable))
    fast = asyncio.run(measure(ResultsTable))
    print(f"\n3. a page of results repainted (20 rows, 120 columns), median of {repaints}: "
          f"DataTable {stock:.2f} ms, ResultsTable {fast:.2f} ms ({stock / fast:.1f}× faster)")


def app_figures(db_path: Path, typed: int, rng: random.Random, work: Path) -> None:
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    names = []
    while len(names) < max(typed, 100):
        row = con.execute("SELECT name FROM customer WHERE id = ? AND kind = 'private'",
                          (rng.randrange(1, top + 1),)).fetchone()
        if row:
            names.append(row[0])
    result = run_child(db_path, "typed", names[:typed], [], [])
    lat = result["latencies"]
    print(f"\n3. typed → rendered, whole names at 120 ms a key, {typed} names "
          f"({result['keys']} keys): {summary(lat)}; never answered: {result['unanswered']}")

    # Scans of distinct orders in random order: order numbers and medium codes.
    step = max(1, con.execute('SELECT MAX(id) FROM "order"').fetchone()[0] // 400)
    rows = con.execute(
        'SELECT "order".number, media_item.code FROM "order" JOIN media_item '
        'ON media_item.order_id = "order".id AND media_item.seq = 1 '
        'WHERE "order".id % ? = 3 LIMIT 200', (step,)).fetchall()
    codes = [rng.choice(r) for r in rows]
    rng.shuffle(codes)
    customers = [rng.randrange(1, top + 1) for _ in range(5)]
    con.close()
    result = run_child(work, "memory", names[:100], [str(c) for c in codes], customers)
    samples = result["samples"]
    print("\n4. resident memory of the running app, MB: "
          + ", ".join(f"{label} {mb:.0f}" for label, mb in samples))
    at = dict(samples)
    print(f"   50th → 100th search: {at['100 searches'] - at['50 searches']:+.1f} MB")


def bench_staff(db_path: Path) -> str:
    """The counter worker ``bench`` in the database, made through the staff service (and
    a first admin before them); returns their PIN. The app has no way around signing in:
    the benchmarks sign in by keys on the sign-in screen, as staff do."""
    from tests.signing_in import TEST_PIN, as_staff
    from viver_tui.store import open_database

    db = open_database(f"sqlite:///{db_path}")
    try:
        as_staff(db, "bench")
    finally:
        db.close()
    return TEST_PIN


# --- 5: cold start to the first answered search ------------------------------------------

FIRST_FRAME = """
import time, sys
def first_frame_then_exit(app, query=None):
    compose = app._display
    state = {"answered": None}
    def display(screen, renderable):
        compose(screen, renderable)
        if renderable is None or getattr(app, "_seen_done", 0):
            return
        if query is None:
            app._seen_done = 1
            print(repr(time.time()), flush=True)
            app.exit()
        elif type(screen).__name__ == "SignInScreen":  # the first frame: sign in by keys
            if not getattr(app, "_signing", 0):
                app._signing = 1
                print("frame", repr(time.time()), flush=True)
                keys = [("enter" if c == "\r" else c) for c in sys.argv[2]]
                app.call_later(lambda: app.run_worker(app._press_keys(keys)))
        elif not getattr(app, "_typed", 0):
            app._typed = 1
            screen.query_one("#search").value = query
        elif getattr(screen, "shown_query", None) == query:
            app._seen_done = 1
            print(repr(time.time()), flush=True)
            app.exit()
    app._display = display
"""

APP_START = FIRST_FRAME + """
from viver_tui.config import load_settings
from viver_tui.locale import set_language
settings = load_settings()
set_language(settings.language)
from viver_tui.app import make_app
app = make_app(settings, open_database_later=True)  # as `viver` starts it (cli.cmd_run)
first_frame_then_exit(app, sys.argv[1])
app.run(headless=True)
"""

BARE_START = FIRST_FRAME + """
from textual.app import App
from textual.widgets import Footer, Header, Input
class Bare(App):
    def compose(self):
        yield Header()
        yield Input()
        yield Footer()
app = Bare()
first_frame_then_exit(app)
app.run(headless=True)
"""


def bench_cold_start(db_path: Path, runs: int, query: str) -> None:
    # The app opens on the sign-in screen: `bench` signs in by keys (initials, Enter,
    # PIN, Enter) at the first frame, so "answered" includes the PIN check (argon2).
    sign_in = f"bench\r{bench_staff(db_path)}\r"
    env = {**os.environ, "VIVER_DATABASE": str(db_path),
           "VIVER_CONFIG": str(SCRATCH / "none.toml")}
    answered, frame, bare = [], [], []
    for _ in range(runs):
        evict(db_path)
        started = time.time()
        out = subprocess.run([sys.executable, "-c", APP_START, query, sign_in], check=True,
                             env=env,
                             capture_output=True, text=True, timeout=120
                             ).stdout.strip().splitlines()
        frame.append(float(out[0].split()[1]) - started)
        answered.append(float(out[-1]) - started)
        started = time.time()
        out = subprocess.run([sys.executable, "-c", BARE_START], check=True, env=env,
                             capture_output=True, text=True, timeout=120
                             ).stdout.strip().splitlines()
        bare.append(float(out[-1]) - started)
    print(
        f"\n5. cold start ({runs} runs each, database file evicted before each): viver launch → "
        f"first frame median {median(frame):.3f} s, → first answered search "
        f"(\"{query}\") median {median(answered):.3f} s (p90 {percentile(answered, 90):.3f}); "
        f"bare Textual app → first frame median {median(bare):.3f} s; "
        f"ratio answered / bare {median(answered) / median(bare):.2f}×"
    )


# --- 7: typed → rendered in a real terminal (tmux) ----------------------------------------


def bench_tmux(db_path: Path, count: int, rng: random.Random, per_key: float = 0.120) -> None:
    """`viver` itself in a tmux pane (120×36, its own tmux server), whole names typed key
    by key at ``per_key`` s a key through a tmux control-mode client (``send-keys`` on
    its stdin: no process started per key). With VIVER_LATENCY_LOG set the app logs
    (screens/search.py) the monotonic time each key changed the field and each frame
    that first shows an answer went to the terminal; a key is answered by the first such
    frame after it was sent, for its text or a longer text of the same name. After each
    name the pane itself (capture-pane) must show the name in the field and among the
    results."""
    import threading

    if shutil.which("tmux") is None:
        print("\n7. real terminal: tmux is not installed — skipped")
        return
    from viver_tui.locale import set_language, t

    set_language("nb")
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    names: list[str] = []
    while len(names) < count:
        row = con.execute("SELECT name FROM customer WHERE id = ? AND kind = 'private'",
                          (rng.randrange(1, top + 1),)).fetchone()
        if row:
            names.append(row[0])
    con.close()
    log = SCRATCH / f"latency-{os.getpid()}.log"
    log.unlink(missing_ok=True)
    server = ["tmux", "-L", f"viver-bench-{os.getpid()}"]
    env = {**os.environ, "LC_ALL": "C.UTF-8"}

    def tmux(*args: str) -> str:
        return subprocess.run([*server, *args], check=True, capture_output=True, text=True,
                              env=env).stdout

    pin = bench_staff(db_path)
    load = os.getloadavg()[0]
    tmux("new-session", "-d", "-s", "viver", "-x", "120", "-y", "36",
         "-e", f"VIVER_CONFIG={SCRATCH / 'none.toml'}",
         "-e", f"VIVER_LATENCY_LOG={log}",
         f"{sys.executable} -m viver_tui --database {db_path}")
    tmux("set-option", "-g", "window-size", "manual")  # the control client must not resize
    control = subprocess.Popen([*server, "-C", "attach-session", "-t", "viver"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    assert control.stdin is not None and control.stdout is not None
    drain = threading.Thread(target=lambda: [None for _ in control.stdout], daemon=True)
    drain.start()  # its %output notifications, read and dropped

    def send(*keys: str, literal: bool = False) -> None:
        quoted = " ".join("'" + k.replace("'", "'\\''") + "'" for k in keys)
        line = f"send-keys -t viver {'-l ' if literal else ''}{quoted}\n"
        control.stdin.write(line.encode())  # type: ignore[union-attr]
        control.stdin.flush()  # type: ignore[union-attr]

    sent: list[tuple[float, str, str]] = []  # (when, text typed so far, whole name)
    wrong_screens: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while t("login.title") not in tmux("capture-pane", "-p", "-t", "viver"):
            if time.monotonic() > deadline:
                raise RuntimeError("viver did not show the sign-in screen in 60 s")
            time.sleep(0.1)
        send("bench", literal=True)  # signed in by keys, as staff do
        send("Enter")
        send(pin, literal=True)
        send("Enter")
        while t("search.recent") not in tmux("capture-pane", "-p", "-t", "viver"):
            if time.monotonic() > deadline:
                raise RuntimeError("viver did not show the search screen in 60 s")
            time.sleep(0.1)
        pid = int(tmux("display-message", "-p", "-t", "viver", "#{pane_pid}").strip())

        def cpu_seconds() -> float:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

        cpu_before = cpu_seconds()
        for name in names:
            send("Escape")  # clears the field
            time.sleep(0.4)
            slot = time.monotonic()
            for i, char in enumerate(name):
                sent.append((time.monotonic(), name[: i + 1], name))
                send(char, literal=True)
                slot += per_key
                time.sleep(max(0.0, slot - time.monotonic()))
            time.sleep(0.5)
            pane = tmux("capture-pane", "-p", "-t", "viver").splitlines()
            field = next((line for line in pane if "▊" in line and "▔" not in line
                          and "▁" not in line), "")
            # the field holds the name, and the results show it (a whole name is a hit)
            if name not in field or not any(name in line for line in pane[6:]):
                wrong_screens.append(name)
        cpu = cpu_seconds() - cpu_before
        send("C-q")
        deadline = time.monotonic() + 20
        while not log.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
    finally:
        control.stdin.close()
        control.wait(timeout=10)
        subprocess.run([*server, "kill-server"], capture_output=True, env=env)
    timeline = [(float(at), what, text) for at, what, text in
                (line.split("\t", 2) for line in log.read_text(encoding="utf-8").splitlines())]
    log.unlink()
    painted = [(at, text) for at, what, text in timeline if what == "painted"]
    typed = [(at, text) for at, what, text in timeline if what == "typed"]
    latencies: list[float] = []
    in_app: list[float] = []
    unanswered = 0
    for at, text, name in sent:
        frame = next((when for when, query in painted
                      if when >= at and query.startswith(text) and name.startswith(query)),
                     None)
        if frame is None:
            unanswered += 1
            continue
        latencies.append((frame - at) * 1000)
        arrived = next((when for when, value in typed if when >= at and value == text), None)
        if arrived is not None:
            in_app.append((frame - arrived) * 1000)
    print(f"\n7. typed → rendered in a real terminal (viver in tmux 120×36, keys sent by a "
          f"tmux control client), whole names at {per_key * 1000:.0f} ms a key, {len(names)} "
          f"names ({len(sent)} keys), load {load:.1f} at start:\n"
          f"   key sent → answer painted: {summary(latencies)}\n"
          f"   key in the field → answer painted: {summary(in_app)}\n"
          f"   CPU time of the app while typing: {cpu * 1000 / len(sent):.1f} ms a key\n"
          f"   never answered: {unanswered}; screens not ending on the typed name's answer: "
          f"{len(wrong_screens)} {wrong_screens[:3]}")


# --- 6: the same answers from PostgreSQL ------------------------------------------------


def bench_postgres(customers: int, per_shape: int, sqlite_path: Path | None = None) -> None:
    """The same demo data (same seed) in a fresh PostgreSQL schema and in SQLite; every
    query of every shape asked of both; the pages must be identical."""
    import uuid

    from playhouse.db_url import connect

    from viver_tui.services import demo, search
    from viver_tui.store import open_database

    url = os.environ.get("VIVER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = connect(url)
    try:
        admin.connect()
    except Exception as exc:  # no server: say so and go on
        print(f"\n6. PostgreSQL: not reachable at {url} ({exc})")
        return
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    try:
        sqlite_path = sqlite_path or demo_database(customers)
        reference = Reference(sqlite_path)
        queries = [q for qs in make_queries(sqlite_path, reference, per_shape,
                                            random.Random(5)).values() for q in qs]
        del reference
        pg = open_database(f"{url}?options=-csearch_path%3D{schema}")
        started = time.perf_counter()
        demo.fill(pg, customers=customers, orders_per_customer=2.0, media_per_order=2.5)
        pg.execute_sql("ANALYZE")
        filled = time.perf_counter() - started
        pg_pages, timings = [], []
        _settle()
        for q in queries:
            t0 = time.perf_counter()
            pg_pages.append([h.id for h in search.search(pg, q)])
            timings.append((time.perf_counter() - t0) * 1000)
        pg.close()
        lite = open_database(f"sqlite:///{sqlite_path}")
        differ = [q for q, page in zip(queries, pg_pages, strict=True)
                  if [h.id for h in search.search(lite, q)] != page]
        lite.close()
        print(f"\n6. PostgreSQL ({customers} customers, filled in {filled:.0f} s): "
              f"{len(queries)} queries of every shape, pages different from SQLite's: "
              f"{len(differ)} {differ[:5]}; PostgreSQL search {summary(timings)}")
    finally:
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--per-shape", type=int, default=150, help="queries per shape")
    parser.add_argument("--cold", type=int, default=25, help="cold queries per shape")
    parser.add_argument("--typed", type=int, default=40, help="whole names typed in the app")
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--only", default="1234567", help="which parts, e.g. 37")
    parser.add_argument("--pg-customers", type=int, default=20_000)
    parser.add_argument("--database", type=Path,
                        help="an existing demo database to use instead of bench/out's")
    parser.add_argument("--pg-sqlite", type=Path,
                        help="an existing demo database of --pg-customers customers (made "
                             "by viver demo-data with --orders-per-customer 2) for part 6")
    parser.add_argument("--fts5", type=Path,
                        help="where part 1b keeps its FTS5 index (built once, reused while "
                             "built from the same customers); default: next to the database "
                             "(`<name>-fts5.db`), or in a temporary folder")
    parser.add_argument("--no-fts5", action="store_true", help="leave out part 1b")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_app(args)
        return
    global SCRATCH
    with tempfile.TemporaryDirectory(prefix="viver-bench-search-") as scratch:
        SCRATCH = Path(scratch)
        (SCRATCH / "none.toml").touch()  # an empty settings file: defaults, whatever the user has
        run(args)


def run(args: argparse.Namespace) -> None:
    db_path = args.database or demo_database(args.customers)
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    customers, middle = con.execute(
        "SELECT COUNT(*), (SELECT name FROM customer WHERE id >= "
        "(SELECT COUNT(*) / 3 FROM customer) ORDER BY id LIMIT 1) FROM customer"
    ).fetchone()
    con.close()
    print(f"machine   {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(f"database  {db_path} ({db_path.stat().st_size / 1e6:.0f} MB, "
          f"{customers} customers)")
    if "1" in args.only or "2" in args.only:
        fts_path = None
        if not args.no_fts5:
            fts_path = args.fts5 or db_path.with_name(db_path.stem + "-fts5.db")
            if not args.fts5 and not os.access(db_path.parent, os.W_OK):
                fts_path = SCRATCH / fts_path.name
            built = build_fts5(db_path, fts_path)
            print(f"FTS5      {fts_path} ({fts_path.stat().st_size / 1e6:.0f} MB, "
                  + (f"built in {built:.1f} s)" if built else "built before)"))
        started = time.perf_counter()
        reference = Reference(db_path)
        print(f"reference {len(reference.vocabulary)} distinct name words, built in "
              f"{time.perf_counter() - started:.0f} s")
        bench_service(db_path, reference, args.per_shape, args.cold, fts_path)
        del reference
    if "3" in args.only or "4" in args.only:
        # The memory run scans and takes in orders: on a copy, so the file stays as built.
        work = SCRATCH / ("work-" + db_path.name)
        subprocess.run(["cp", "--reflink=auto", str(db_path), str(work)], check=True)
        repaint_figures()
        app_figures(db_path, args.typed, random.Random(11), work)
        work.unlink()
    if "5" in args.only:
        bench_cold_start(db_path, args.starts, middle)
    if "6" in args.only:
        bench_postgres(args.pg_customers, 40, args.pg_sqlite)
    if "7" in args.only:
        bench_tmux(db_path, args.typed, random.Random(11))


if __name__ == "__main__":
    main()
