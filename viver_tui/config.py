"""Typed settings: a TOML file in the user's config dir, overridden by VIVER_* variables.

Lookup order (later wins): built-in defaults → the TOML file → environment variables.
The file is ``$VIVER_CONFIG`` when set, else ``<user config dir>/viver_tui/config.toml``;
a missing file is fine (defaults apply). ``viver_tui/config.example.toml`` documents
every key.

**Checked, not guessed.** The dataclasses below are the schema: ``load_settings``
checks the file and the variables against them (``settings_schema.py``; the values are
converted by msgspec, strictly) — an unknown table, key or ``VIVER_*`` variable, a value
of the wrong type (a TOML string is never taken for a number), a number out of its range
or a printer address the connection layer cannot parse is a ``ConfigError`` with one
line per problem, naming the file and line (or the variable) and, for a typo, the
nearest valid key: ``config.toml, linje 12: ukjent nøkkel «ulr» i [printers.label] —
mente du «url»?``. The CLI prints it and exits 2 before the app or any command starts,
so a misspelt printer never becomes the preview printer.

**Adding a setting is one place**: a field of ``Settings`` made with ``setting()``::

    backup_retention_days: Annotated[int, Meta(ge=0, le=3650)] = setting(
        "backups.retention_days", 30,
        env="VIVER_BACKUP_RETENTION_DAYS",
        explain="config.explain.backup_retention",
    )

- the first argument is where the value lives in the file (``[backups]``,
  ``retention_days``); the tables on its way are made from it;
- the annotation is its type and range: ``Annotated[int, Meta(ge=…, le=…)]``
  (msgspec's ``Meta``), ``Literal["a", "b"]`` for a choice, ``Folder`` for a path,
  ``Money`` for kr, ``PrinterAddress`` for a printer, ``Annotated[T, Check(fn)]`` for a
  rule of its own (``fn`` returns the value or raises ``Refused``); a frozen dataclass
  type is a table of several values (its fields, typed the same way, are the table's
  keys: ``PrinterSettings``; a new printer setting is a field there), a
  ``tuple[Dataclass, ...]`` an array of tables (``[[media_kinds]]``, which also passes
  ``merge=``);
- the default applies when neither the file nor a variable gives it
  (``default_factory=`` for one computed at load);
- ``env`` (optional) is the variable that overrides it, holding the value as the file
  writes it (``7``, ``2.5``, ``true``; text as it is); a table takes
  ``env={"url": "VIVER_LABEL_PRINTER"}``. A ``VIVER_*`` variable read somewhere else
  goes in ``OTHER_VARIABLES`` (any other is refused as a typo);
- ``explain`` (optional) is a key in ``locale/catalog/setup.py`` (both languages) saying
  what a valid value is; without it the type and range say it ("et helt tall fra 24
  til 96").

Then add the key, commented, to ``config.example.toml`` (``tests/test_config.py`` checks
that the example names every key) and to ``docs/operations.md``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import platformdirs
from msgspec import Meta

from viver_tui.errors import ConfigError, ViverError
from viver_tui.locale import t
from viver_tui.settings_schema import (
    Check,
    Keyed,
    Refused,
    SettingsInvalid,
    located,
    read,
    setting,
)

APP_NAME = "viver_tui"
Language = Literal["nb", "en"]
Unit = Literal["piece", "minute", "photo"]
PrinterStatus = Literal["auto", "yes", "no"]
LANGUAGES: tuple[str, ...] = get_args(Language)
UNITS: tuple[str, ...] = get_args(Unit)
PRINTER_STATUS: tuple[str, ...] = get_args(PrinterStatus)
# A credit note's number: in its own series, or in the invoices'.
CreditNoteSeries = Literal["own", "invoice"]
CREDIT_NOTE_SERIES: tuple[str, ...] = get_args(CreditNoteSeries)
# VIVER_* variables that are not settings (read elsewhere); any other unknown one is a typo.
# VIVER_SMTP_PASSWORD_<COMPANY>: a company's mail server password (services/mail/).
OTHER_VARIABLES = (
    "VIVER_CONFIG", "VIVER_TEST_PG", "VIVER_LATENCY_LOG", "VIVER_SMTP_PASSWORD_*"
)
MAX_PRICE = Decimal("1000000")  # kr per unit
# What one original can be at intake (and its photos at pickup): the field's range.
MAX_MINUTES = 600  # minutes of film or tape per medium
MAX_PHOTOS = 10_000  # photos in one series


# --- the types a setting can have (see the docstring) ---------------------------------


def _folder(value: str) -> Path:
    if not value.strip():
        raise Refused(t("config.what.folder"))
    return Path(value).expanduser()


def _money(value: Decimal) -> Decimal:
    """kr as TOML writes them: "349.50" (text, exact), 349.5 or 349; 0 to MAX_PRICE."""
    places = value.as_tuple().exponent if value.is_finite() else 0
    if not value.is_finite() or not 0 <= value <= MAX_PRICE or places < -2:  # type: ignore[operator]
        raise Refused(t("config.what.amount"))
    return value


def _printer_address(url: str) -> str:
    """A connection string the connection layer can use, or ``preview`` said outright
    (an empty address would silently be the preview printer)."""
    if not url.strip():
        raise Refused(t("config.what.printer_address"))
    # The connection layer's parser is the one grammar of addresses. Imported here, when
    # a value is checked, not when this module is: printing imports config (the one
    # import upwards from config, allowed by name in pyproject.toml's contracts).
    from viver_tui.printing.connection import parse_url

    try:
        parse_url(url)
    except ViverError as exc:  # its words say what is wrong and what would be right
        raise Refused(sentence=exc.message) from None
    return url


def _database_url(url: str) -> str:
    url = database_url_for(url)
    if not url.startswith(("sqlite", "postgres")):
        raise Refused(sentence=t("db.unknown_url", url=url.split("@")[-1]))
    return url


def _org_number(value: str) -> str:
    """An organisation number as digits, checked by python-stdnum; "" = none yet."""
    from stdnum import exceptions as stdnum_errors
    from stdnum.no import orgnr

    if not value.strip():
        return ""
    try:
        return str(orgnr.validate(value))
    except stdnum_errors.ValidationError:
        raise Refused(sentence=t("config.org_number", value=value)) from None


def _bank_account(value: str) -> str:
    """A bank account (kontonummer) as its 11 digits, checked by python-stdnum; a 7-digit
    postgiro number has no place on an invoice."""
    from stdnum import exceptions as stdnum_errors
    from stdnum.no import kontonr

    if not value.strip():
        return ""
    try:
        account = str(kontonr.validate(value))
    except stdnum_errors.ValidationError:
        account = ""
    if len(account) != 11:
        raise Refused(sentence=t("config.bank_account", value=value))
    return account


def _lines(value: str | list[str]) -> tuple[str, ...]:
    """An address: a list of lines, or one text with a line per line."""
    lines = value.split("\n") if isinstance(value, str) else value
    return tuple(line.strip() for line in lines if line.strip())


def _optional_file(value: str) -> Path | None:
    return Path(value.strip()).expanduser() if value.strip() else None


Folder = Annotated[Path, Check(_folder, "config.what.folder", written_as=str)]
Money = Annotated[Decimal, Check(_money, "config.what.amount")]
PrinterAddress = Annotated[str, Check(_printer_address, "config.what.printer_address")]
DatabaseUrl = Annotated[str, Meta(min_length=1), Check(_database_url)]
Name = Annotated[str, Meta(min_length=1, max_length=200)]
Text = Annotated[str, Check(str.strip)]
Days = Annotated[int, Meta(ge=0, le=365)]


@dataclass(frozen=True)
class PrinterSettings:
    """One ESC/POS printer, reached by a connection string (see printing/connection.py)."""

    url: PrinterAddress = "preview"
    columns: Annotated[int, Meta(ge=24, le=96)] = setting(
        default=48, explain="config.explain.columns"
    )  # 32 (58 mm), 42 or 48 (80 mm)
    # "native" (GS k) or "image" (python-barcode raster)
    barcode: Literal["native", "image"] = "native"
    code_page: Name = "CP865"  # a code page with æ ø å
    # seconds; also how long a confirmation may take to come
    timeout: Annotated[float, Meta(gt=0, le=600)] = setting(
        default=5.0, explain="config.explain.timeout"
    )
    # Seconds a printer waking from standby may take to give the first status answer
    # on a connection; an answer within it counts (never less than ``timeout``).
    wake_timeout: Annotated[float, Meta(gt=0, le=600)] = setting(
        default=10.0, explain="config.explain.timeout"
    )
    # Does the printer answer status queries (DLE EOT)? "auto" learns it from answers
    # that came (remembered in the database); "no": jobs end "sent, not confirmed".
    status: PrinterStatus = "auto"
    # Epson's process ID response (GS ( H fn 48): confirms this very job once printed.
    process_id: bool = False


@dataclass(frozen=True)
class MediaKind:
    """A kind of original the shop takes in, with its price rule."""

    key: Annotated[str, Meta(min_length=1, max_length=40)]
    name: Name  # bokmål
    name_en: Annotated[str, Meta(max_length=200)] = ""  # empty: the bokmål name
    unit: Unit = "piece"
    price: Money = Decimal("0")  # kr per unit
    # minutes assumed for a film or tape before it is measured
    default_units: Annotated[int, Meta(ge=1, le=MAX_MINUTES)] = 1

    def __post_init__(self) -> None:
        if not self.name_en:
            object.__setattr__(self, "name_en", self.name)


SmtpSecurity = Literal["starttls", "tls", "none"]


@dataclass(frozen=True)
class SmtpSettings:
    """A company's outgoing mail server (services/mail/). No host: messages are written
    as .eml files to ``mail.spool_dir`` instead. The password is never a setting: it
    comes from ``VIVER_SMTP_PASSWORD_<COMPANY>`` or ``password_file`` (mode 0600)."""

    host: Text = ""
    port: Annotated[int, Meta(ge=1, le=65535)] = 587
    security: SmtpSecurity = "starttls"  # STARTTLS on 587, TLS from the start on 465
    user: Text = ""
    password_file: Annotated[
        Path | None, Check(_optional_file, "config.what.file", written_as=str)
    ] = None
    timeout: Annotated[float, Meta(gt=0, le=600)] = setting(
        default=30.0, explain="config.explain.timeout"
    )


@dataclass(frozen=True)
class Company:
    """A company that sells through the counter (both are AS, owned by Viver AS).

    ``org_number`` and ``bank_account`` are stored as digits, checked by python-stdnum
    when the settings are read; without an organisation number the company cannot
    issue invoices (services/documents/ says so when one is asked for). In the file a
    company is ``[companies.<key>]``: a key that exists already changes that company
    (what is not given keeps its value), a new key adds one (``merge_companies``).
    """

    key: str
    name: Name
    org_number: Annotated[str, Check(_org_number, "config.what.text")] = ""  # 9 digits
    vat_registered: bool = True  # "MVA" after the organisation number, VAT on invoices
    # lines: street, postcode and town
    address: Annotated[
        tuple[str, ...], Check(_lines, "config.what.lines", written_as=str | list[str])
    ] = ()
    # 11 digits (kontonummer)
    bank_account: Annotated[str, Check(_bank_account, "config.what.text")] = ""
    email: Text = ""
    phone: Text = ""
    # an invoice is due this many days after it is issued
    invoice_days: Days = setting(default=14, explain="config.explain.days")
    quote_days: Days = setting(default=30, explain="config.explain.days")  # a quote is valid
    terms: Text = ""  # the terms printed on order confirmations and invoices
    # an image printed on A4 documents
    logo: Annotated[
        Path | None, Check(_optional_file, "config.what.file", written_as=str)
    ] = None
    # E-mail (services/mail/): the opening hours told in "ready for pickup", where
    # answers go (empty: ``email``), and the mail server ([companies.<key>.smtp]).
    opening_hours: Text = ""
    reply_to: Text = ""
    smtp: SmtpSettings = SmtpSettings()


@dataclass(frozen=True)
class Product:
    """Something sold besides the work on media: storage media, copies (the price list)."""

    key: Annotated[str, Meta(min_length=1, max_length=40)]
    name: Name  # bokmål
    name_en: Annotated[str, Meta(max_length=200)] = ""  # empty: the bokmål name
    price: Money = Decimal("0")  # kr, VAT included

    def __post_init__(self) -> None:
        if not self.name_en:
            object.__setattr__(self, "name_en", self.name)


@dataclass(frozen=True)
class ProductionOutcome:
    """What came of a medium in the production room (services/production/outcomes.py).

    ``finishes``: choosing it finishes the medium without files (blank, not
    transferable): it goes straight to done.
    """

    key: Annotated[str, Meta(min_length=1, max_length=30)]
    name: Name  # bokmål, printed on the return receipt
    name_en: Annotated[str, Meta(max_length=200)] = ""  # empty: the bokmål name
    finishes: bool = False

    def __post_init__(self) -> None:
        if not self.name_en:
            object.__setattr__(self, "name_en", self.name)


DEFAULT_PRODUCTION_OUTCOMES: tuple[ProductionOutcome, ...] = (
    ProductionOutcome("ok", "OK", "OK"),
    ProductionOutcome("blank", "Tom (ingenting tatt opp)", "Blank (nothing recorded)", True),
    ProductionOutcome("damaged", "Delvis skadet", "Partly damaged"),
    ProductionOutcome("mould", "Mugg", "Mould"),
    ProductionOutcome("repaired", "Røket og skjøtet", "Snapped and spliced"),
    ProductionOutcome("not_transferable", "Kan ikke overføres", "Not transferable", True),
    ProductionOutcome("other", "Annet", "Other"),
)


DEFAULT_MEDIA_KINDS: tuple[MediaKind, ...] = (
    MediaKind("vhs", "VHS", "VHS", "piece", Decimal("299")),
    MediaKind("vhs-c", "VHS-C", "VHS-C", "piece", Decimal("299")),
    MediaKind("video8", "Video8/Hi8", "Video8/Hi8", "piece", Decimal("349")),
    MediaKind("minidv", "MiniDV", "MiniDV", "piece", Decimal("349")),
    MediaKind("betamax", "Betamax", "Betamax", "piece", Decimal("449")),
    MediaKind("super8", "Super 8-film", "Super 8 film reel", "minute", Decimal("25"), 15),
    MediaKind("8mm", "8 mm-film", "8 mm film reel", "minute", Decimal("25"), 15),
    MediaKind("16mm", "16 mm-film", "16 mm film reel", "minute", Decimal("45"), 20),
    MediaKind("audio-cassette", "Lydkassett", "Audio cassette", "piece", Decimal("199")),
    MediaKind("reel-tape", "Spolebånd", "Reel-to-reel tape", "piece", Decimal("399")),
    MediaKind("photo-series", "Bildeserie", "Photo series", "photo", Decimal("4")),
    MediaKind("slides", "Lysbilder", "Slides", "photo", Decimal("5")),
    MediaKind("negatives", "Negativer", "Negatives", "photo", Decimal("5")),
    MediaKind("paper", "Papir/dokumenter", "Paper/documents", "photo", Decimal("3")),
    MediaKind("other", "Annet", "Other", "piece", Decimal("0")),
)


DEFAULT_COMPANIES: tuple[Company, ...] = (
    Company("videoverkstedet", "Videoverkstedet AS", email="post@videoverkstedet.no"),
    Company("viverfilm", "Viverfilm AS"),
)

DEFAULT_PRODUCTS: tuple[Product, ...] = (
    Product("usb-32", "USB-minnepinne 32 GB", "USB stick 32 GB", Decimal("149")),
    Product("usb-128", "USB-minnepinne 128 GB", "USB stick 128 GB", Decimal("299")),
    Product("hdd-1tb", "Ekstern harddisk 1 TB", "External hard disk 1 TB", Decimal("899")),
    Product("dvd", "DVD-kopi", "DVD copy", Decimal("149")),
)


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return f"sqlite:///{data_dir / 'viver.db'}"


def default_spool_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "spool"


def default_documents_dir() -> Path:
    """Where issued documents are kept as PDF files (private, like the spool)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "documents"


def default_mail_dir() -> Path:
    """Where messages are written as .eml files when no mail server is set up."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "mail"


def default_media_dir() -> Path:
    """Where the media files (the digital copies) are kept: private, like the database."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "media"


def default_backup_dir() -> Path:
    """Where ``viver backup`` writes when it is given no path."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def default_log_dir() -> Path:
    """Where ``errors.log`` is written (a program error's type and place, no data)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_terminal() -> str:
    import socket

    return socket.gethostname()


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def merge_by_key(defaults: tuple[Any, ...], configured: tuple[Any, ...]) -> tuple[Any, ...]:
    """Configured media kinds, products or outcomes replace a default with the same key; new keys
    are added at the end."""
    by_key = {p.key: p for p in defaults}
    for item in configured:
        by_key[item.key] = item
    return tuple(by_key.values())


def merge_companies(
    defaults: tuple[Company, ...], configured: Mapping[str, Mapping[str, Any]]
) -> tuple[Company, ...]:
    """``[companies.<key>]``: a key that exists changes that company (what is not given
    keeps its value); a new key adds one, named by its key until it says its name."""
    by_key = {c.key: c for c in defaults}
    for key, given in configured.items():
        company = by_key.get(key, Company(key, key))
        if "smtp" in given:  # a table in the table: over the company's own
            given = {**given, "smtp": replace(company.smtp, **given["smtp"])}
        by_key[key] = replace(company, **given)
    return tuple(by_key.values())


@dataclass(frozen=True)
class Settings:
    """Every setting, each a field made with ``setting()`` (see the module's docstring).

    (A docstring of its own also spares ``dataclass`` from writing one out of the
    signature: the repr of every default kind, company and product, at each start.)
    """

    shop_name: str = setting("shop.name", "Videoverkstedet AS", env="VIVER_SHOP_NAME")
    shop_contact: str = setting("shop.contact", "post@videoverkstedet.no")
    database_url: DatabaseUrl = setting(
        "database.url", default_factory=default_database_url, env="VIVER_DATABASE"
    )
    language: Language = setting(
        "language", "nb", env="VIVER_LANGUAGE", explain="config.explain.language"
    )
    # This terminal's name: print jobs it queues go to its own printers.
    terminal: Name = setting("terminal", default_factory=default_terminal, env="VIVER_TERMINAL")
    spool_dir: Folder = setting(
        "printers.spool_dir", default_factory=default_spool_dir, env="VIVER_SPOOL_DIR"
    )
    # Spooled previews (ESC/POS bytes, customers' names included) older than this are
    # deleted at start and daily; 0 keeps them until a customer's erasure.
    spool_retention_days: Annotated[int, Meta(ge=0, le=36_500)] = setting(
        "printers.spool_retention_days",
        14,
        env="VIVER_SPOOL_RETENTION_DAYS",
        explain="config.explain.spool_retention",
    )
    # Backups hold erased customers too: `viver backup --prune` deletes those older than
    # this (the erasure message says until when a backup may hold the person); 0 = keep.
    backup_retention_days: Annotated[int, Meta(ge=0, le=36_500)] = setting(
        "database.backup_retention_days",
        30,
        env="VIVER_BACKUP_RETENTION_DAYS",
        explain="config.explain.spool_retention",
    )
    # Minutes without a key or a click before the counter locks itself; 0 = never.
    idle_lock_minutes: Annotated[float, Meta(ge=0, le=1440)] = setting(
        "idle_lock_minutes", 5.0, env="VIVER_IDLE_LOCK", explain="config.explain.idle_lock"
    )
    # The sign-in screen lists the active staff by name (↓ to pick); false: initials
    # are typed, and nobody's name shows on a locked terminal.
    signin_staff_list: bool = setting("signin_staff_list", True)
    label_printer: PrinterSettings = setting(
        "printers.label", PrinterSettings(columns=32), env={"url": "VIVER_LABEL_PRINTER"}
    )
    receipt_printer: PrinterSettings = setting(
        "printers.receipt", PrinterSettings(), env={"url": "VIVER_RECEIPT_PRINTER"}
    )
    media_kinds: tuple[MediaKind, ...] = setting(
        "media_kinds", DEFAULT_MEDIA_KINDS, merge=merge_by_key
    )
    # The companies that sell, this terminal's default seller, and what else is sold.
    companies: Annotated[tuple[Company, ...], Keyed("key")] = setting(
        "companies", DEFAULT_COMPANIES, merge=merge_companies
    )
    default_company: str = setting(
        "default_company", "videoverkstedet", env="VIVER_COMPANY"
    )  # one of companies: checked in load_settings
    products: tuple[Product, ...] = setting("products", DEFAULT_PRODUCTS, merge=merge_by_key)
    # What production may record as a medium's outcome (the production room's list).
    production_outcomes: tuple[ProductionOutcome, ...] = setting(
        "production_outcomes", DEFAULT_PRODUCTION_OUTCOMES, merge=merge_by_key
    )
    documents_dir: Folder = setting("documents.dir", default_factory=default_documents_dir)
    credit_note_series: CreditNoteSeries = setting("documents.credit_notes", "own")
    # E-mail (services/mail/): where messages go as .eml files when a company has no
    # mail server; how long sent messages are kept (the warranty period).
    mail_spool_dir: Folder = setting("mail.spool_dir", default_factory=default_mail_dir)
    mail_keep_days: Annotated[int, Meta(ge=0, le=36_500)] = setting("mail.keep_days", 1825)
    # Media files (docs/media-files.md): the store, the warranty from delivery, and
    # where `viver serve` listens (behind the shop's reverse proxy) and is reached: its
    # https address also gives letters their one-click unsubscribe link (mail/compose).
    media_dir: Folder = setting(
        "media.dir", default_factory=default_media_dir, env="VIVER_MEDIA_DIR"
    )
    warranty_days: Days = setting("media.warranty_days", 90, explain="config.explain.days")
    serve_host: Name = setting("media.serve_host", "127.0.0.1")
    serve_port: Annotated[int, Meta(ge=1, le=65_535)] = setting("media.serve_port", 8765)
    public_url: str = setting("media.public_url", "")
    config_path: Path | None = None  # where these came from (not a setting)

    def media_kind(self, key: str) -> MediaKind | None:
        return next((k for k in self.media_kinds if k.key == key), None)

    def company(self, key: str) -> Company | None:
        """The company with ``key``; "" means this terminal's default."""
        key = key or self.default_company
        return next((c for c in self.companies if c.key == key), None)

    def product(self, key: str) -> Product | None:
        return next((p for p in self.products if p.key == key), None)

    def production_outcome(self, key: str) -> ProductionOutcome | None:
        return next((o for o in self.production_outcomes if o.key == key), None)


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings from ``path`` (or the default location) and the environment.

    Raises ConfigError, one line per problem in the language in use, when the file
    cannot be read or anything in it or in a ``VIVER_*`` variable is not a valid setting.
    """
    env = os.environ if environ is None else environ
    if path is None:
        path = Path(env["VIVER_CONFIG"]) if env.get("VIVER_CONFIG") else default_config_path()
    text, data = "", {}
    if path.exists():
        text, data = _read_file(path)
    elif env.get("VIVER_CONFIG"):
        raise ConfigError(t("config.missing", path=path))
    try:
        settings: Settings = read(
            Settings, data, path, text, env,
            extra={"config_path": path}, other_variables=OTHER_VARIABLES,
        )
    except SettingsInvalid as exc:
        raise ConfigError(str(exc)) from None
    if settings.company(settings.default_company) is None:  # one setting names another
        known = ", ".join(c.key for c in settings.companies)
        problem = t("config.default_company", value=settings.default_company, known=known)
        where = "VIVER_COMPANY" if env.get("VIVER_COMPANY") else None
        raise ConfigError(located(problem, ("default_company",), path, text, where))
    return settings


def _read_file(path: Path) -> tuple[str, dict[str, object]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(exc))
        if where is None:
            raise ConfigError(t("config.unreadable", path=path, error=exc)) from None
        error, line, column = where.groups()
        raise ConfigError(
            t("config.not_toml", path=path, line=line, column=column, error=error)
        ) from None
    except ValueError:  # a number longer than Python reads (4 300 digits)
        long_number = re.search(r"\d{4300,}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else "?"
        raise ConfigError(t("config.number_too_long", path=path, line=line)) from None
    except (OSError, UnicodeDecodeError) as exc:
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(t("config.unreadable", path=path, error=error)) from None


def database_url_for(url: str) -> str:
    """Accept a bare file path as shorthand for ``sqlite:///path``."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"
