"""The access log: who looked at, changed, exported or deleted personal data.

``record`` is called inside the service transaction that does the thing, so the log
entry and the change commit (or fail) together. Details name fields, never values:
the log must not become a second copy of the personal data it guards.

**The chain.** Every entry gets the next number (``seq`` 1, 2, 3 …) and a hash:
SHA-256 over the previous entry's hash and this entry's fields (``row_hash``; the first
entry links on 64 zeros). The last number and hash are kept in ``audit_chain_head``.
An append locks that row (PostgreSQL ``SELECT … FOR UPDATE``; SQLite's ``BEGIN
IMMEDIATE`` already admits one writer at a time), so appends from any number of
terminals queue up and link one after the other — the chain never forks, and the
unique ``seq`` would refuse a second entry in the same place if it tried.
On PostgreSQL that lock is held to the commit: record after the transaction has taken
the row locks it needs (as the services do), or two transactions could wait on each
other (PostgreSQL then aborts one as a deadlock, which ``db.retrying`` runs again).
``verify_chain`` (run by ``viver check``) walks the log in order and names the first
entry that was changed or is missing, and entries cut from the end (the head remembers
them). What the chain cannot show is a log rewritten from some entry on, hashes and
head included: compare the head ``viver check`` prints with one noted earlier (or with
a backup's) for that. On PostgreSQL the app's own role cannot change or delete entries
at all (``migrations/roles.py``).

**Lists.** A list of customers that stayed on screen (the search's results) is one
entry, ``list``, whose details say where, which fields were shown and the customer
numbers: ``search name,phone,email,city: 12 45 78`` — never what was typed. The numbers
are also rows of ``audit_list_member``, so one customer's lists are an index lookup;
``viver check`` compares those rows with the chained entry's numbers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import DatabaseError, ValidationError
from viver_tui.locale import t
from viver_tui.models import (
    CHAIN_GENESIS,
    AuditChainHead,
    AuditEvent,
    AuditListMember,
    Customer,
)
from viver_tui.services import roles

ACTIONS = ("view", "create", "update", "export", "erase", "opt_out", "opt_in")
# What ``record_fields`` may name: the customer's columns and the form's opt-out flag.
LOGGED_FIELDS = frozenset(Customer._meta.sorted_field_names) | {"letters_opt_out"}

# Privacy and access control (services/staff.py, services/privacy/). Subjects:
# "staff" (id of the staff row), "customer", "mailing_list", "purge", "audit_log",
# "access_request" (the innsyn request register), "database" (id 0).
PRIVACY_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",  # details: "lock" (Ctrl+L, the next person), "idle" or "quit" (Ctrl+Q)
    "staff_add",
    "staff_disable",
    "pin_reset",
    "access_request",
    "consent_given",
    "consent_withdrawn",
    "purge",
    "read_log",
    "read_requests",  # the innsyn request register read (details: "open" or "all", "cli")
    "erase_refused",  # details: "blocked" (originals in the house, an order open), "role"
    "backup",  # `viver backup` (details: the tool and the file's name)
    "restore",  # `viver restore` (details: the backup's name and where the old one is)
    "maintain",  # `viver maintain` (details: erasures finished and still waiting)
)
# Counter overrides and paper that carries a name (services/pickup.py, print_jobs.py):
# "pickup_override" (an order closed with media missing; details: order number and how
# many are missing, never the typed reason), "print" (a label or order form with the
# customer's name queued; details: the kind and the order number or medium code),
# "list" (customers shown in a list that stayed on screen; see the module docstring).
# "mail": an e-mail to the customer was written to the outbox (details: its kind and
# order or document number, never its text; services/mail/).
COUNTER_ACTIONS = ("pickup_override", "print", "list", "mail")
# Media files (services/media_files/): a delivery to a drive or a sample export
# ("media_delivery"), a streaming link made or revoked ("media_link"), a download over
# one ("media_download": link id, file, bytes, client address), files erased.
MEDIA_ACTIONS = ("media_delivery", "media_link", "media_download")
ACTIONS = (*ACTIONS, *PRIVACY_ACTIONS, *COUNTER_ACTIONS, *MEDIA_ACTIONS)

# Where a customer was looked at (``view`` details): the card, an order, pickup, a
# document's PDF ("pdf invoice 1001", services/documents/files.py).
VIEW_PLACES = ("card", "order", "pickup", "pdf", "production")
# Where a list of customers was shown (``list`` details): the search, the production
# room's workload, the counter's list of orders ready for pickup.
# "letter": the recipients of a customer letter (services/mail/letters.py).
LIST_PLACES = ("search", "workload", "ready", "letter")
# The acting "person" of a command-line job nobody signs in to (backup, restore):
# never valid initials (those are letters and digits), so never mistaken for staff.
SYSTEM = roles.SYSTEM.initials  # "(system)": a job nobody signed in for


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff: str
    action: str
    subject: str
    subject_id: int
    details: str


def record(
    staff: str, action: str, subject_id: int, details: str = "", subject: str = "customer"
) -> None:
    """Append an entry to the log, inside the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    _append(staff, action, subject, subject_id, details)


def record_fields(staff: str, action: str, subject_id: int, fields: Iterable[str]) -> None:
    """Record a change naming the changed fields; anything that is not a known field
    name is refused, so a value can never slip into the log."""
    names = list(fields)
    unknown = [n for n in names if n not in LOGGED_FIELDS]
    if unknown:
        raise ValueError("the access log names fields, never values")
    record(staff, action, subject_id, details=",".join(names))


def record_list(staff: str, where: str, fields: Sequence[str], customer_ids: Sequence[int]) -> None:
    """Record a list of customers shown on screen: where, which of their fields, and
    their numbers (never the text that found them). Inside the caller's transaction."""
    if where not in LIST_PLACES:
        raise ValueError(f"unknown list place {where!r}")
    if not fields or any(f not in LOGGED_FIELDS for f in fields):
        raise ValueError("the access log names fields, never values")
    numbers = list(dict.fromkeys(int(i) for i in customer_ids))
    ids = " ".join(str(i) for i in numbers)
    event_id = _append(staff, "list", "customer_list", 0, f"{where} {','.join(fields)}: {ids}")
    for start in range(0, len(numbers), 5000):  # a letter's list: 100 000 and more
        AuditListMember.insert_many(
            [{"customer_id": i, "event": event_id} for i in numbers[start:start + 5000]]
        ).execute()


@dataclass(frozen=True)
class ShownList:
    where: str
    fields: tuple[str, ...]
    customer_ids: tuple[int, ...]


def parse_list(details: str) -> ShownList | None:
    """The parts of a ``list`` entry's details; None if they are not in that form."""
    head, sep, ids = details.partition(":")
    where, _, fields = head.partition(" ")
    try:
        numbers = tuple(int(i) for i in ids.split())
    except ValueError:
        return None
    if not sep or not where:
        return None
    return ShownList(where, tuple(f for f in fields.split(",") if f), numbers)


def about_customer(customer_id: int) -> peewee.Expression:
    """The entries about one customer: those with them as the subject, and the lists
    they were shown in (``AuditListMember``). Both halves are index lookups."""
    lists = AuditListMember.select(AuditListMember.event).where(
        AuditListMember.customer_id == customer_id
    )
    return (
        (AuditEvent.subject == "customer") & (AuditEvent.subject_id == customer_id)
    ) | AuditEvent.id.in_(lists)


def record_operation(
    db: peewee.Database | peewee.DatabaseProxy, action: str, details: str
) -> None:
    """A command-line job on the store itself (``backup``, ``restore``), by ``SYSTEM``:
    nobody signs in to it. One transaction."""
    with writing(db):
        record(SYSTEM, action, 0, details=details, subject="database")


def entries_for(
    db: peewee.Database | peewee.DatabaseProxy, subject_id: int, subject: str = "customer"
) -> list[AuditEntry]:
    with reading(db):
        rows = (
            AuditEvent.select()
            .where((AuditEvent.subject == subject) & (AuditEvent.subject_id == subject_id))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
        return [
            AuditEntry(r.at, r.staff, r.action, r.subject, r.subject_id, r.details) for r in rows
        ]


# --- the chain -----------------------------------------------------------------------------

HEAD_ID = 1


def _at_text(at: datetime | str) -> str:
    """A time as the hash sees it, ``2026-11-24 10:15:00.000000``: the same whether the
    driver gives a datetime (PostgreSQL, peewee) or the text SQLite stores it as (which
    leaves out zero microseconds). The text is taken as it is when it already has that
    shape (`viver check` reads a million of them)."""
    if isinstance(at, datetime):
        return at.isoformat(sep=" ", timespec="microseconds")
    text = str(at)
    if len(text) == 26 and text[10] == " " and text[19] == ".":
        return text
    if len(text) == 19 and text[10] == " ":
        return text + ".000000"
    return datetime.fromisoformat(text).isoformat(sep=" ", timespec="microseconds")


def row_hash(
    previous: str,
    seq: int,
    at: datetime | str,
    staff: str,
    action: str,
    subject: str,
    subject_id: int,
    details: str,
) -> str:
    """SHA-256 (hex) over the previous entry's hash and this entry's fields, each
    length-prefixed so no two different entries read the same."""
    parts = [p.encode("utf-8") for p in
             (str(seq), _at_text(at), staff, action, subject, str(subject_id), details)]
    data = b"".join(b"%d:%s" % (len(p), p) for p in parts)
    return hashlib.sha256(bytes.fromhex(previous) + data).hexdigest()


def _append(staff: str, action: str, subject: str, subject_id: int, details: str) -> int:
    """Append one entry under the locked head; its id."""
    # A signed-in person handed on as they are (a StaffView where initials were meant,
    # as callers moving to a typed principal do) is logged by initials, never by repr.
    staff = staff if isinstance(staff, str) else str(getattr(staff, "initials", staff))
    db = AuditEvent._meta.database
    if not db.in_transaction():
        # The lock on the head is held to the commit; without a transaction two
        # appends could both read the same head.
        raise RuntimeError("audit entries are appended inside the service's transaction")
    query = AuditChainHead.select().where(AuditChainHead.id == HEAD_ID)
    if not is_sqlite(db):
        query = query.for_update()
    head = query.first()
    if head is None:
        raise DatabaseError(t("audit.no_head"))
    at = clock.now()
    seq = head.seq + 1
    digest = row_hash(head.row_hash, seq, at, staff, action, subject, subject_id, details)
    insert = AuditEvent.insert(
        at=at, staff=staff, action=action, subject=subject, subject_id=subject_id,
        details=details, seq=seq, row_hash=digest,
    )
    move = AuditChainHead.update(seq=seq, row_hash=digest).where(AuditChainHead.id == HEAD_ID)
    if is_sqlite(db):
        event_id = insert.execute()
        move.execute()
        return int(event_id)
    # PostgreSQL: both in one statement (one round trip fewer while the head is locked).
    insert_sql, insert_params = insert.sql()
    move_sql, move_params = move.sql()
    row = db.execute_sql(
        f"WITH appended AS ({insert_sql}) {move_sql} RETURNING (SELECT id FROM appended)",
        (*insert_params, *move_params),
    ).fetchone()
    return int(row[0])


Query = Callable[..., list[tuple[object, ...]]]  # (sql with %s, params) → rows
_BATCH = 5000
_COLUMNS = "seq, id, at, staff, action, subject, subject_id, details, row_hash"


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_chain`` found: ``problems`` is empty for an intact log."""

    entries: int  # entries in the chain that were read
    head_seq: int | None
    head_hash: str | None
    problems: tuple[str, ...]

    def summary(self) -> str:
        """For ``viver check``'s line: how many, and the head to note down."""
        return t("audit.chain.summary", count=self.entries, seq=self.head_seq or 0,
                 hash=(self.head_hash or "")[:16])


@dataclass(frozen=True)
class NotedHead:
    """A head ``viver check`` printed once and someone noted: the entry with that
    number must still have a hash starting with ``prefix`` (``viver check --head``)."""

    seq: int
    prefix: str


_NOTED = re.compile(r"(?:nr\.?\s*|no\.?\s*)?(\d+)\s*[:(]\s*([0-9a-fA-F]{8,64})\)?")


def parse_noted_head(text: str) -> NotedHead:
    """``48213:3fa4b2c1d9e07a66`` (or as the check's line shows it, ``nr. 48213 sist
    (3fa4b2c1d9e07a66)`` without the words) — at least 8 hex digits of the hash."""
    found = _NOTED.fullmatch(text.strip().replace(" sist ", "").replace(" last ", ""))
    if found is None:
        raise ValidationError(t("audit.chain.noted_form", text=text))
    return NotedHead(int(found[1]), found[2].lower())


def verify_chain(query: Query, noted: NotedHead | None = None) -> ChainCheck:
    """Walk the access log in ``seq`` order and check every link.

    Names the first entry that was changed (its hash does not follow from the one
    before and its own fields), every run of missing numbers (deleted entries), entries
    cut from the end or added after the head, and entries that were put in without a
    place in the chain. After a problem the walk carries on from the stored hash, so
    one deletion is not reported again for every entry after it. The index of each
    list's customers (``audit_list_member``) is compared with the numbers its chained
    entry names, and rows of it that belong to no list are counted. With ``noted`` (a
    head printed by an earlier check) the entry with that number must still have that
    hash: that shows a log rewritten from some entry on, or cut and given a new head.
    """
    problems: list[str] = []
    heads = query("SELECT seq, row_hash FROM audit_chain_head WHERE id = %s", (HEAD_ID,))
    head_seq, head_hash = (int(heads[0][0]), str(heads[0][1])) if heads else (None, None)
    if head_seq is None:
        problems.append(t("audit.chain.no_head"))
    previous, expected, read, last = CHAIN_GENESIS, 1, 0, None
    noted_seen = False
    while True:
        rows = query(
            f"SELECT {_COLUMNS} FROM audit_event WHERE seq >= %s ORDER BY seq LIMIT %s",
            (expected, _BATCH),
        )
        lists: dict[int, tuple[int, object, str]] = {}
        for seq, row_id, at, staff, action, subject, subject_id, details, stored in rows:
            read += 1
            if action == "list":
                lists[int(row_id)] = (seq, at, str(details))
            if noted is not None and seq == noted.seq:
                noted_seen = True
                if not str(stored).startswith(noted.prefix):
                    problems.append(t("audit.chain.noted_differs", seq=seq,
                                      noted=noted.prefix, now=str(stored)[:len(noted.prefix)]))
            if seq != expected:
                problems.append(_missing(expected, seq - 1, last))
                previous = str(stored)  # the link to what was deleted cannot be checked
            else:
                digest = row_hash(previous, seq, at, staff, action, subject, subject_id, details)
                if digest != stored:
                    problems.append(t("audit.chain.altered", seq=seq, id=row_id,
                                      at=_shown_at(at), staff=staff))
                previous = str(stored)
            expected, last = seq + 1, (seq, at)
        problems += _member_problems(query, lists)
        if len(rows) < _BATCH:
            break
    top = expected - 1
    if head_seq is not None:
        if head_seq > top:
            problems.append(t("audit.chain.cut", first=top + 1, last=head_seq))
        elif head_seq < top:
            problems.append(t("audit.chain.beyond_head", first=head_seq + 1, last=top))
        elif head_hash != previous:
            problems.append(t("audit.chain.head_differs", seq=head_seq))
    ((count, first_id),) = query("SELECT COUNT(*), MIN(id) FROM audit_event WHERE seq IS NULL")
    if count:
        problems.append(t("audit.chain.unchained", count=count, id=first_id))
    ((count, first_event),) = query(
        "SELECT COUNT(*), MIN(m.event_id) FROM audit_list_member m "
        "LEFT JOIN audit_event e ON e.id = m.event_id "
        "WHERE e.id IS NULL OR e.action <> 'list' OR e.seq IS NULL"
    )
    if count:
        problems.append(t("audit.chain.stray_members", count=count, id=first_event))
    if noted is not None and not noted_seen:
        problems.append(t("audit.chain.noted_missing", seq=noted.seq, noted=noted.prefix))
    return ChainCheck(read, head_seq, head_hash, tuple(problems))


def _member_problems(query: Query, lists: dict[int, tuple[int, object, str]]) -> list[str]:
    """The index of the customers in each ``list`` entry (``audit_list_member``) must
    hold exactly the numbers the chained entry names: one deleted there hides a list
    from that customer's log and innsyn answer, one added puts a list in it."""
    if not lists:
        return []
    members: dict[int, set[int]] = {event_id: set() for event_id in lists}
    ids = list(lists)
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join(["%s"] * len(part))
        for event_id, customer_id in query(
            f"SELECT event_id, customer_id FROM audit_list_member WHERE event_id IN ({marks})",
            tuple(part),
        ):
            members[int(event_id)].add(int(customer_id))
    problems = []
    for event_id, (seq, at, details) in lists.items():
        shown = parse_list(details)
        named = set(shown.customer_ids) if shown is not None else set()
        found = members[event_id]
        if found != named:
            problems.append(t("audit.chain.members", seq=seq, at=_shown_at(at),
                              missing=_numbers(named - found), extra=_numbers(found - named)))
    return problems


def _numbers(ids: set[int], shown: int = 5) -> str:
    if not ids:
        return "–"
    first = sorted(ids)[:shown]
    more = " …" if len(ids) > shown else ""
    return " ".join(str(i) for i in first) + more


def _missing(first: int, last: int, before: tuple[int, object] | None) -> str:
    where = t("audit.chain.after", seq=before[0], at=_shown_at(before[1])) if before else \
        t("audit.chain.at_start")
    if first == last:
        return t("audit.chain.missing_one", seq=first, where=where)
    return t("audit.chain.missing", first=first, last=last, count=last - first + 1, where=where)


def _shown_at(at: object) -> str:
    value = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    return f"{value:%d.%m.%Y %H:%M:%S}"
