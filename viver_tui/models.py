"""Peewee models: tables, fields, indexes and constraints only; rules live in services/.

Times are naive local time (the shop's clock): every terminal of one shop shares a zone.
Money is integer øre. Personal data lives in ``Customer`` alone (and the search tokens
derived from it, removed with it); orders, media, print jobs and the audit log refer to
the customer by key, so erasing a customer leaves no copy of a name or number behind.
"""

from __future__ import annotations

from peewee import (
    SQL,
    AutoField,
    BigIntegerField,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Metadata,
    Model,
    NodeList,
    TextField,
    fn,
)

from viver_tui import clock
from viver_tui.db import database, is_sqlite


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class NeverReusedId(AutoField):
    """A primary key whose numbers are never handed out again, even after the newest
    row is deleted: ``AUTOINCREMENT`` on SQLite (whose plain rowid would take the
    highest number again, schema 22), a sequence on PostgreSQL (which never goes back).
    Customers, orders, media and print jobs are known by these numbers (the innsyn
    export, the access log, spool file names): a new person must never get an erased
    person's number."""

    def ddl(self, ctx):  # type: ignore[no-untyped-def]
        node = super().ddl(ctx)
        return NodeList((node, SQL("AUTOINCREMENT"))) if is_sqlite(self.model._meta.database) \
            else node


class SchemaInfo(BaseModel):
    """Key/value facts about the database itself, e.g. ``schema_version``."""

    key = CharField(primary_key=True, max_length=50)
    value = TextField()


class Customer(BaseModel):
    id = NeverReusedId()
    kind = CharField(max_length=10, default="private")  # private | business
    name = CharField(max_length=200)
    phone = CharField(max_length=20, null=True, index=True)  # E.164, e.g. +4791234567
    email = CharField(max_length=254, null=True, index=True)  # lower-cased
    address = CharField(max_length=200, null=True)
    postal_code = CharField(max_length=10, null=True)
    city = CharField(max_length=100, null=True)
    org_number = CharField(max_length=9, null=True)  # businesses only
    letters_opt_out_at = DateTimeField(null=True)  # set: no customer letters
    # The language of the customer's e-mail (services/mail/): "en", or None (bokmål).
    language = CharField(max_length=2, null=True)
    # Erasure (services/privacy/): when the row was emptied of personal data, and the
    # date from which what is left (sales records, bokføringsloven §13) may be deleted.
    erased_at = DateTimeField(null=True)
    deletable_from = DateField(null=True)
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now, index=True)  # "recent customers"
    # Bumped by every change: a form saved from an older version is refused, not
    # allowed to overwrite what someone else changed since (services/customers.save).
    # DEFAULT in the database too: bulk loaders (demo-data) insert without it.
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class _ClusteredOnSqlite(Metadata):
    """``WITHOUT ROWID`` on SQLite (the rows are stored in primary-key order, in the
    key's own B-tree); PostgreSQL has no such clause and gets a plain table."""

    @property
    def without_rowid(self) -> bool:  # type: ignore[override]
        return is_sqlite(self.database)

    @without_rowid.setter
    def without_rowid(self, value: bool) -> None:
        pass  # decided by the store, not by Meta


class CustomerSearchToken(BaseModel):
    """Search keys derived from a customer, as UTF-8 bytes with a one-letter prefix
    (``n`` name word, ``p`` pair of name words, ``e`` e-mail, ``d`` digits, ``r``
    digits reversed; services/search.py says how they are made and read). Bytes compare
    the same way in SQLite and PostgreSQL whatever the collation, so one range query
    serves both.

    Each key row carries the columns a search hit shows (a copy of the customer's, kept
    in step by the writers of the keys): on SQLite the table is clustered on
    ``(token, customer)``, so the hits of one key range lie side by side and a page of
    results is one or two disk pages, not twenty random customer rows. The narrow index
    on ``token`` alone serves counting and skipping over keys; the one on ``customer``
    serves rewriting and deleting a customer's keys.
    """

    token = BlobField()
    customer = ForeignKeyField(Customer, backref="search_tokens", on_delete="CASCADE")
    name = CharField(max_length=200)
    kind = CharField(max_length=10)
    phone = CharField(max_length=20, null=True)
    email = CharField(max_length=254, null=True)
    city = CharField(max_length=100, null=True)

    class Meta:
        primary_key = CompositeKey("token", "customer")
        indexes = ((("token",), False),)
        model_metadata_class = _ClusteredOnSqlite


# PostgreSQL hands out order numbers from this sequence (services/intake.py says why);
# SQLite counts in ``OrderCounter``. Both start at FIRST_ORDER_NUMBER.
ORDER_NUMBER_SEQUENCE = "order_number_seq"
FIRST_ORDER_NUMBER = 100_001


class OrderCounter(BaseModel):
    """One row holding the last order number handed out (gap-free numbering)."""

    id = IntegerField(primary_key=True)
    last_number = IntegerField()


class Order(BaseModel):
    id = NeverReusedId()
    number = IntegerField(unique=True)
    customer = ForeignKeyField(Customer, backref="orders", null=True, on_delete="RESTRICT")
    status = CharField(max_length=20, default="draft", index=True)
    staff = CharField(max_length=50, default="")
    received_on = DateField()
    promised_on = DateField(null=True)
    shelf = CharField(max_length=50, default="")
    notes = TextField(default="")
    estimate_ore = IntegerField(default=0)
    confirmed_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    close_reason = TextField(null=True)  # set when closed with media missing
    # The company that sells (a key of Settings.companies); "" on orders from before
    # schema 15: the terminal's default company then (services/documents/).
    company = CharField(max_length=40, default="", constraints=[SQL("DEFAULT ''")])
    # Set when its customer is erased: 5 years after the end of the order's fiscal year.
    deletable_from = DateField(null=True)
    created_at = DateTimeField(default=clock.now)
    updated_at = DateTimeField(default=clock.now)
    # Raised by every save of the details (shelf, promised date, notes): a form opened
    # on an older version is refused with what changed (migration 3).
    # DEFAULT in the schema too, so bulk loads that name their columns need not know it.
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])
    # When the last medium was done in production and the order became ready for
    # pickup (services/production/ready.py); None while it is not ready (schema 18).
    ready_at = DateTimeField(null=True)

    class Meta:
        # The counter's list of ready orders, oldest first (schema 18); the ready
        # count of a page of search hits (schema 24, migrations/m0024_…).
        indexes = ((("status", "ready_at"), False), (("customer", "status"), False))


class MediaItem(BaseModel):
    id = NeverReusedId()
    order = ForeignKeyField(Order, backref="media", on_delete="CASCADE")
    seq = IntegerField()  # its place in the order: the nn in <order>-<nn>
    code = CharField(max_length=20, unique=True)  # e.g. 104233-03, no personal data
    kind = CharField(max_length=40)  # a MediaKind key from the settings
    description = TextField(default="")  # what is written on it
    condition = TextField(default="")  # on arrival
    units = IntegerField(default=1)  # pieces, minutes or photos the estimate used
    declared_count = IntegerField(null=True)  # photo series: photos handed in
    returned_count = IntegerField(null=True)  # photo series: photos handed back
    estimate_ore = IntegerField(default=0)
    status = CharField(max_length=20, default="received", index=True)
    outcome = CharField(max_length=30, null=True)  # a production_outcomes key
    # What production wrote with the outcome (printed on the return receipt; schema 18).
    outcome_note = TextField(default="", constraints=[SQL("DEFAULT ''")])
    # What production actually did, in the unit the kind is charged by (minutes
    # digitized, photos scanned); None: not recorded, the invoice charges the estimate
    # (services/documents/work.py; schema 23).
    actual_units = IntegerField(null=True)
    returned_at = DateTimeField(null=True)
    returned_by = CharField(max_length=50, null=True)
    created_at = DateTimeField(default=clock.now)

    class Meta:
        # (status, kind, id): the production room's workload by state and kind, oldest
        # first, read from the index alone, never the table (schema 18).
        indexes = ((("order", "seq"), True), (("status", "kind", "id"), False))


class OrderEvent(BaseModel):
    """History: who changed what on an order or one of its media, and when."""

    order = ForeignKeyField(Order, backref="events", on_delete="CASCADE")
    media_item = ForeignKeyField(MediaItem, null=True, backref="events", on_delete="CASCADE")
    action = CharField(max_length=30)  # status, returned, closed, edited, …
    from_status = CharField(max_length=20, null=True)
    to_status = CharField(max_length=20, null=True)
    note = TextField(default="")  # what staff typed (a note, a reason), as typed
    # What else happened, as values for the reader's language (locale/events.py): JSON,
    # counts and media codes only ("40 av 48 bilder" is {"declared": 48, "returned": 40}).
    detail = TextField(default="")
    staff = CharField(max_length=50, default="")
    at = DateTimeField(default=clock.now, index=True)


class ProductionNote(BaseModel):
    """A production note on an order or one of its media (schema 18): timestamped, with
    the staff's initials, never edited — a correction is a new note that ``corrects``
    the old one. Kept for the warranty period; redacted on erasure like other notes."""

    order = ForeignKeyField(Order, backref="production_notes", on_delete="CASCADE")
    media_item = ForeignKeyField(
        MediaItem, null=True, backref="production_notes", on_delete="CASCADE"
    )
    text = TextField()
    staff = CharField(max_length=50, default="")
    at = DateTimeField(default=clock.now)
    corrects = ForeignKeyField("self", null=True, backref="corrections", on_delete="SET NULL")


class Document(BaseModel):
    """A quote, order confirmation, invoice or credit note (services/documents/).

    ``content`` is the document as issued (its model, JSON) and ``sheet`` its layout,
    worded: neither changes afterwards; the receipt printout and the PDF are made from
    the sheet, the export from the content. Numbers come from a
    per-company series (``DocumentCounter``) that the program assigns; a number is
    never reused nor left out: a spoiled document keeps it as ``void``. Invoices and
    credit notes are accounting records (bokføringsloven §13): kept until
    ``deletable_from``, restricted (``restricted_at``) when the customer is erased.
    The order and customer are plain references that may go (purged before a later
    document is due); the document names its buyer itself.
    """

    kind = CharField(max_length=20)  # quote | confirmation | invoice | credit_note
    company = CharField(max_length=40)
    series = CharField(max_length=20)  # quote | confirmation | invoice | credit_note
    number = IntegerField()
    status = CharField(max_length=20, default="issued")  # issued | void | accepted
    order = ForeignKeyField(Order, null=True, backref="documents", on_delete="SET NULL")
    customer = ForeignKeyField(Customer, null=True, backref="documents", on_delete="SET NULL")
    credits = ForeignKeyField("self", null=True, backref="credit_notes", on_delete="SET NULL")
    issued_on = DateField(index=True)
    due_on = DateField(null=True)
    valid_until = DateField(null=True)
    total_ore = IntegerField(default=0)  # VAT included; negative on a credit note
    vat_ore = IntegerField(default=0)
    kid = CharField(max_length=25, null=True)
    content = TextField()
    sheet = TextField()  # its layout (printing/sheet.py), as printed and as in the PDF
    pdf_sha256 = CharField(max_length=64, null=True)  # of the PDF as first made
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)
    void_reason = TextField(null=True)
    voided_at = DateTimeField(null=True)
    restricted_at = DateTimeField(null=True)
    deletable_from = DateField(null=True)

    class Meta:
        indexes = ((("company", "series", "number"), True),)


class DocumentCounter(BaseModel):
    """The last number handed out in one company's series (gap-free: the row is locked
    by the transaction that takes a number, and its change rolls back with it)."""

    company = CharField(max_length=40)
    series = CharField(max_length=20)
    last_number = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("company", "series")


class Payment(BaseModel):
    """A payment of an invoice: at the shop's till (card, cash, Vipps, with the till's
    receipt reference — this program is no cash register) or later to the bank."""

    document = ForeignKeyField(Document, backref="payments", on_delete="CASCADE")
    method = CharField(max_length=20)  # card | cash | vipps | bank
    amount_ore = IntegerField()
    reference = CharField(max_length=100, default="")
    paid_on = DateField()
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)


class PrintJob(BaseModel):
    """A print request, kept until a printer has confirmed it (never lost, never doubled).

    Holds references, not text: the layout is built from the order when printed, so a
    queued job keeps no copy of personal data. ``status``: queued → printing → printed
    (confirmed), or unconfirmed (sent to a printer that cannot confirm), uncertain (the
    bytes may have reached the printer but no confirmation came: staff decide), failed
    (its data cannot be built, or its printer's address is invalid). See
    services/print_worker.py.
    """

    id = NeverReusedId()

    kind = CharField(max_length=30)  # media_label | order_form | receipt | return_receipt
    printer = CharField(max_length=20)  # label | receipt
    # The terminal that asked: its own printers print it (counter labels at the counter,
    # a reprint where the person stands), whichever terminals share the database.
    terminal = CharField(max_length=100, default="", index=True)
    order = ForeignKeyField(Order, null=True, backref="print_jobs", on_delete="CASCADE")
    media_item = ForeignKeyField(MediaItem, null=True, on_delete="CASCADE")
    status = CharField(max_length=20, default="queued", index=True)
    attempts = IntegerField(default=0)
    last_error = TextField(null=True)
    reprint = BooleanField(default=False)
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)
    printed_at = DateTimeField(null=True)
    # The queue worker's claim (status "printing"): who, and since when; a claim older
    # than the lease is taken back, so a worker that died never strands a job.
    claimed_by = CharField(max_length=100, null=True)
    claimed_at = DateTimeField(null=True)
    next_attempt_at = DateTimeField(null=True)  # after a failure: retry from then on
    # A live claim's owner renews this; a claim without a recent heartbeat is taken back.
    heartbeat_at = DateTimeField(null=True)
    # What confirmed "printed": printer (a status answer after the job), process_id
    # (Epson GS ( H), spooled (preview printer) or staff (marked printed by hand).
    confirmation = CharField(max_length=20, null=True)
    # A customer document (kind "document"): quote, confirmation, invoice, credit note.
    document = ForeignKeyField(Document, null=True, on_delete="CASCADE", backref="print_jobs")


class PrinterMemory(BaseModel):
    """What a terminal has learned about one of its printers (``status = "auto"``)."""

    terminal = CharField(max_length=100)
    url = CharField(max_length=300)
    answers_status = BooleanField(null=True)  # True once it answered; never demoted
    answered_at = DateTimeField(null=True)
    missed = IntegerField(default=0)  # status queries not answered in time (information)

    class Meta:
        indexes = ((("terminal", "url"), True),)


class AuditEvent(BaseModel):
    """Who looked at, changed, exported or deleted personal data.

    ``subject_id`` is a plain integer, not a foreign key, so the record outlives an
    erased customer; ``details`` names fields, never their values.

    A hash chain makes the log tamper-evident (schema 10, services/audit.py): ``seq``
    numbers the entries 1, 2, 3 … without gaps, and ``row_hash`` is SHA-256 over the
    previous entry's hash and this entry's fields. Unique ``seq``: two appends can never
    claim the same place, so the chain cannot fork.
    """

    at = DateTimeField(default=clock.now, index=True)
    staff = CharField(max_length=50, default="")
    action = CharField(max_length=20)  # view | create | update | export | erase | opt_out
    subject = CharField(max_length=20, default="customer")
    subject_id = IntegerField(index=True)
    details = TextField(default="")
    seq = IntegerField(null=True, unique=True)
    row_hash = CharField(max_length=64, null=True)


class AuditListMember(BaseModel):
    """The customers of a ``list`` entry of the access log (a search list that stayed
    on screen), one row each: how one customer's log (the admin screen, innsyn) finds
    the lists they were in without reading every list. The entry's details hold the
    same numbers under the chain's hash; this is their index, written with the entry,
    never changed."""

    customer_id = IntegerField()
    event = ForeignKeyField(AuditEvent, backref="list_members")

    class Meta:
        primary_key = CompositeKey("customer_id", "event")


# The hash the first entry of the access log links on (there is no entry before it).
CHAIN_GENESIS = "0" * 64


class AuditChainHead(BaseModel):
    """The access log's last entry (one row, id 1): where the next append links on.

    Appends lock it (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
    already admits one writer), which serialises them; and it is how ``viver check``
    sees entries deleted from the end of the log.
    """

    id = IntegerField(primary_key=True)
    seq = IntegerField()
    row_hash = CharField(max_length=64)


# The access log screen pages newest first, filtered by person (case-blind: initials
# logged before sign-in existed are stored as written) or by action; without these a filter that
# matches little walks the whole log (schema 8).
AuditEvent.add_index(
    AuditEvent.index(fn.LOWER(AuditEvent.staff), AuditEvent.at, name="auditevent_person_at")
)
AuditEvent.add_index(
    AuditEvent.index(AuditEvent.action, AuditEvent.at, name="auditevent_action_at")
)


class Staff(BaseModel):
    """A person who signs in at a terminal. The PIN is kept only as an argon2 hash."""

    name = CharField(max_length=100)
    initials = CharField(max_length=10, unique=True)  # lower-cased, e.g. "kn"
    role = CharField(max_length=20)  # counter | production | admin
    pin_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    failed_attempts = IntegerField(default=0)  # wrong PINs in a row
    locked_until = DateTimeField(null=True)  # no PIN is tried before this time
    created_at = DateTimeField(default=clock.now)
    disabled_at = DateTimeField(null=True)


class Consent(BaseModel):
    """A customer's consent to one use of their media files, with the text they agreed to."""

    customer = ForeignKeyField(Customer, backref="consents", on_delete="CASCADE")
    purpose = CharField(max_length=30)  # streaming | keep_past_warranty | sample
    text_version = CharField(max_length=20)
    text = TextField()  # the exact wording agreed to
    given_at = DateTimeField(default=clock.now)
    given_by = CharField(max_length=50)
    withdrawn_at = DateTimeField(null=True)
    withdrawn_by = CharField(max_length=50, null=True)


class AccessRequest(BaseModel):
    """An innsyn request (GDPR Art. 15): answered within one month.

    ``customer_id`` is a plain integer, like the audit log's, so the record of having
    answered outlives an erased customer.
    """

    customer_id = IntegerField(index=True)
    received_on = DateField()
    deadline = DateField()
    answered_on = DateField(null=True)
    delivered_how = CharField(max_length=100, default="")
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)


class PendingErasure(BaseModel):
    """An erasure committed whose bytes may still be on disk: a busy WAL checkpoint
    (SQLite), or the table rewrite not yet run (PostgreSQL: ``xid`` is the erasing
    transaction's id, so a snapshot older than it is known to still see the rows)."""

    customer_id = IntegerField(unique=True)
    requested_at = DateTimeField(default=clock.now)
    staff = CharField(max_length=50, default="")
    xid = BigIntegerField(null=True)  # PostgreSQL only (schema 22)


class ErasureLedger(BaseModel):
    """Every erasure, for ever: ids and a date, no personal data (schema 22).

    Each terminal deletes the listed print jobs' spool files from its own spool folder
    (at start and daily); ``viver restore`` erases these customers again in a backup
    taken before (services/privacy/ledger.py)."""

    customer_id = IntegerField(unique=True)
    erased_at = DateTimeField()
    print_jobs = TextField(default="")  # the customer's print job ids: "12,13,40"


class Letter(BaseModel):
    """A customer letter (kundebrev, services/mail/letters.py): its text, written once;
    each recipient is an ``OutboxMessage`` of kind ``letter`` pointing here."""

    company = CharField(max_length=40)
    subject = CharField(max_length=200)
    body = TextField()
    status = CharField(max_length=20, default="draft")  # draft | sending | cancelled
    recipients = IntegerField(default=0)  # messages written to the outbox
    left_out = TextField(default="{}")  # JSON: reason → count, when it was prepared
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)
    prepared_at = DateTimeField(null=True)


class OutboxMessage(BaseModel):
    """One e-mail, written in the transaction that caused it and sent by the mail
    worker (services/mail/sender.py): never lost, never sent twice.

    ``status``: queued → sending (claimed) → sent; back to queued with a back-off after
    a connection problem (nothing was accepted), failed after a permanent refusal (5xx),
    uncertain when its sender died mid-send (staff decide), cancelled by staff, skipped
    (a letter whose customer opted out or was erased before it went). The text as sent
    (``subject``, ``body``) is kept for the warranty period; a letter's text is its
    ``Letter``'s. Deleted with the customer's erasure.
    """

    kind = CharField(max_length=20)  # confirmation | invoice | ready | letter
    company = CharField(max_length=40, default="")
    customer = ForeignKeyField(Customer, null=True, on_delete="CASCADE")
    order = ForeignKeyField(Order, null=True, on_delete="SET NULL")
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    letter = ForeignKeyField(Letter, null=True, on_delete="CASCADE")
    to_address = CharField(max_length=254)
    language = CharField(max_length=2, default="nb")
    token = CharField(max_length=40, null=True, unique=True)  # a letter's unsubscribe key
    status = CharField(max_length=20, default="queued")
    attempts = IntegerField(default=0)
    last_error = TextField(null=True)
    next_attempt_at = DateTimeField(null=True)
    claimed_by = CharField(max_length=100, null=True)
    claimed_at = DateTimeField(null=True)
    heartbeat_at = DateTimeField(null=True)
    message_id = CharField(max_length=200, null=True)
    subject = CharField(max_length=300, null=True)  # as sent
    body = TextField(null=True)  # the plain-text part as sent (not for letters)
    spooled_to = CharField(max_length=300, null=True)  # the .eml file, without SMTP
    staff = CharField(max_length=50, default="")
    created_at = DateTimeField(default=clock.now)
    sent_at = DateTimeField(null=True)

    class Meta:
        indexes = (
            (("status", "letter", "id"), False),  # the worker's next message
            (("letter", "customer"), True),  # one letter per customer, once
            (("customer",), False),
        )


class MediaFile(BaseModel):
    """A digital copy made from a medium (services/media_files/). ``name`` is opaque
    (a ULID and an extension, media_store/): the database alone maps file → medium →
    order → customer. ``delivered_at``: the first delivery, from which the warranty
    runs (``Settings.warranty_days``)."""

    name = CharField(max_length=40, unique=True)
    media_item = ForeignKeyField(MediaItem, backref="files", on_delete="RESTRICT")
    size = BigIntegerField()
    sha256 = CharField(max_length=64, unique=True)
    format = CharField(max_length=40, default="")  # container or image type, as read
    codec = CharField(max_length=40, default="")
    mime = CharField(max_length=100, default="application/octet-stream")
    duration_s = FloatField(null=True)
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    created_at = DateTimeField(default=clock.now)
    created_by = CharField(max_length=50, default="")
    delivered_at = DateTimeField(null=True, index=True)


class MediaDelivery(BaseModel):
    """A delivery of an order's files: on the customer's drive or by a streaming link."""

    order = ForeignKeyField(Order, backref="deliveries", on_delete="CASCADE")
    kind = CharField(max_length=20)  # drive | stream | sample
    drive = CharField(max_length=100, default="")  # what kind of drive, as staff typed it
    files = IntegerField(default=0)
    bytes = BigIntegerField(default=0)
    at = DateTimeField(default=clock.now)
    staff = CharField(max_length=50, default="")


class StreamLink(BaseModel):
    """A streaming link: only the SHA-256 of its token is kept (the token is shown
    once). Valid until ``expires_at`` (the warranty's end) unless revoked."""

    order = ForeignKeyField(Order, backref="stream_links", on_delete="CASCADE")
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=clock.now)
    created_by = CharField(max_length=50, default="")
    expires_at = DateTimeField()
    revoked_at = DateTimeField(null=True)
    revoked_why = CharField(max_length=30, null=True)  # staff | consent | purge | erasure


class MediaDeletion(BaseModel):
    """That a media file was deleted, and why; nothing that leads to a person."""

    name = CharField(max_length=40)
    sha256 = CharField(max_length=64)
    size = BigIntegerField()
    deleted_at = DateTimeField(default=clock.now)
    reason = CharField(max_length=20)  # warranty | space | erasure | staff


MODELS: tuple[type[BaseModel], ...] = (
    SchemaInfo,
    Customer,
    CustomerSearchToken,
    OrderCounter,
    Order,
    MediaItem,
    OrderEvent,
    ProductionNote,
    PrintJob,
    PrinterMemory,
    AuditEvent,
    AuditChainHead,
    AuditListMember,
    Staff,
    Consent,
    AccessRequest,
    PendingErasure,
    ErasureLedger,
    Document,
    DocumentCounter,
    Payment,
    Letter,
    OutboxMessage,
    MediaFile,
    MediaDelivery,
    StreamLink,
    MediaDeletion,
)
