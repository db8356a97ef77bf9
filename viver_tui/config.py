"""Typed settings: a TOML file in the user's config dir, overridden by VIVER_* variables.

Lookup order (later wins): built-in defaults → the TOML file → environment variables.
The file is ``$VIVER_CONFIG`` when set, else ``<user config dir>/viver_tui/config.toml``;
a missing file is fine (defaults apply). ``viver_tui/config.example.toml`` documents
every key.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import platformdirs

from viver_tui.errors import ConfigError
from viver_tui.locale import t

APP_NAME = "viver_tui"
LANGUAGES = ("nb", "en")
UNITS = ("piece", "minute", "photo")
PRINTER_STATUS = ("auto", "yes", "no")
CREDIT_NOTE_SERIES = ("own", "invoice")  # a credit note's number: its own series or the invoices'


@dataclass(frozen=True)
class PrinterSettings:
    """One ESC/POS printer, reached by a connection string (see printing/connection.py)."""

    url: str = "preview"
    columns: int = 48  # 32 (58 mm), 42 or 48 (80 mm)
    barcode: str = "native"  # "native" (GS k) or "image" (python-barcode raster)
    code_page: str = "CP865"  # a code page with æ ø å
    timeout: float = 5.0  # seconds; also how long a confirmation may take to come
    # Seconds a printer waking from standby may take to give the first status answer
    # on a connection; an answer within it counts (never less than ``timeout``).
    wake_timeout: float = 10.0
    # Does the printer answer status queries (DLE EOT)? "auto" learns it from answers
    # that came (remembered in the database); "no": jobs end "sent, not confirmed".
    status: str = "auto"  # auto | yes | no
    # Epson's process ID response (GS ( H fn 48): confirms this very job once printed.
    process_id: bool = False


@dataclass(frozen=True)
class MediaKind:
    """A kind of original the shop takes in, with its price rule."""

    key: str
    name: str  # bokmål
    name_en: str
    unit: str = "piece"  # piece | minute | photo
    price: Decimal = Decimal("0")  # kr per unit
    default_units: int = 1  # e.g. minutes assumed for a tape before it is measured


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


@dataclass(frozen=True)
class Company:
    """A company that sells through the counter (both are AS, owned by Viver AS).

    ``org_number`` and ``bank_account`` are stored as digits, checked by python-stdnum
    when the settings are read; without an organisation number the company cannot
    issue invoices (services/documents/ says so when one is asked for).
    """

    key: str
    name: str
    org_number: str = ""  # 9 digits
    vat_registered: bool = True  # "MVA" after the organisation number, VAT on invoices
    address: tuple[str, ...] = ()  # lines: street, postcode and town
    bank_account: str = ""  # 11 digits (kontonummer)
    email: str = ""
    phone: str = ""
    invoice_days: int = 14  # an invoice is due this many days after it is issued
    quote_days: int = 30  # a quote is valid this many days
    terms: str = ""  # the terms printed on order confirmations and invoices
    logo: Path | None = None  # an image printed on A4 documents


@dataclass(frozen=True)
class Product:
    """Something sold besides the work on media: storage media, copies (the price list)."""

    key: str
    name: str  # bokmål
    name_en: str
    price: Decimal = Decimal("0")  # kr, VAT included


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


@dataclass(frozen=True)
class Settings:
    shop_name: str = "Videoverkstedet AS"
    shop_contact: str = "post@videoverkstedet.no"
    database_url: str = field(default_factory=default_database_url)
    language: str = "nb"
    staff: str = ""
    # This terminal's name: print jobs it queues go to its own printers.
    terminal: str = field(default_factory=default_terminal)
    spool_dir: Path = field(default_factory=default_spool_dir)
    # Spooled previews (ESC/POS bytes, customers' names included) older than this are
    # deleted at start and daily; 0 keeps them until a customer's erasure.
    spool_retention_days: int = 14
    # Minutes without a key or a click before the counter locks itself; 0 = never.
    idle_lock_minutes: float = 5.0
    label_printer: PrinterSettings = PrinterSettings(columns=32)
    receipt_printer: PrinterSettings = PrinterSettings()
    media_kinds: tuple[MediaKind, ...] = DEFAULT_MEDIA_KINDS
    # The companies that sell, this terminal's default seller, and what else is sold.
    companies: tuple[Company, ...] = DEFAULT_COMPANIES
    default_company: str = "videoverkstedet"
    products: tuple[Product, ...] = DEFAULT_PRODUCTS
    documents_dir: Path = field(default_factory=default_documents_dir)
    credit_note_series: str = "own"  # own | invoice
    config_path: Path | None = None

    def media_kind(self, key: str) -> MediaKind | None:
        return next((k for k in self.media_kinds if k.key == key), None)

    def company(self, key: str) -> Company | None:
        """The company with ``key``; "" means this terminal's default."""
        key = key or self.default_company
        return next((c for c in self.companies if c.key == key), None)

    def product(self, key: str) -> Product | None:
        return next((p for p in self.products if p.key == key), None)


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings from ``path`` (or the default location) and the environment.

    Raises ConfigError with a Norwegian message when the file cannot be read or holds a
    value of the wrong kind.
    """
    env = os.environ if environ is None else environ
    if path is None:
        path = Path(env["VIVER_CONFIG"]) if env.get("VIVER_CONFIG") else default_config_path()
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(t("config.unreadable", path=path, error=exc)) from exc
    elif env.get("VIVER_CONFIG"):
        raise ConfigError(t("config.missing", path=path))
    settings = _from_mapping(data, path)
    return _apply_environment(settings, env)


def _from_mapping(data: Mapping[str, Any], path: Path) -> Settings:
    base = Settings(config_path=path)
    shop = _table(data, "shop", path)
    db = _table(data, "database", path)
    printers = _table(data, "printers", path)
    kinds = _media_kinds(data.get("media_kinds", []), path)
    documents = _table(data, "documents", path)
    companies = _companies(_table(data, "companies", path), base.companies, path)
    default_company = _str(data, "default_company", base.default_company, path)
    credit_series = _str(documents, "credit_notes", base.credit_note_series, path)
    if credit_series not in CREDIT_NOTE_SERIES:
        raise ConfigError(t("config.credit_notes", path=path, value=credit_series))
    return replace(
        base,
        shop_name=_str(shop, "name", base.shop_name, path),
        shop_contact=_str(shop, "contact", base.shop_contact, path),
        database_url=database_url_for(_str(db, "url", base.database_url, path)),
        language=_language(_str(data, "language", base.language, path), path),
        staff=_str(data, "staff", base.staff, path),
        terminal=_str(data, "terminal", base.terminal, path),
        spool_dir=Path(_str(printers, "spool_dir", str(base.spool_dir), path)).expanduser(),
        spool_retention_days=_days(
            printers.get("spool_retention_days", base.spool_retention_days), path
        ),
        idle_lock_minutes=_minutes(data.get("idle_lock_minutes", base.idle_lock_minutes), path),
        label_printer=_printer(_table(printers, "label", path), base.label_printer, path),
        receipt_printer=_printer(_table(printers, "receipt", path), base.receipt_printer, path),
        media_kinds=_merge_kinds(base.media_kinds, kinds),
        companies=companies,
        default_company=_default_company(default_company, companies, path),
        products=_products(data.get("products", []), base.products, path),
        documents_dir=Path(
            _str(documents, "dir", str(base.documents_dir), path)
        ).expanduser(),
        credit_note_series=credit_series,
    )


def _apply_environment(settings: Settings, env: Mapping[str, str]) -> Settings:
    changes: dict[str, Any] = {}
    if env.get("VIVER_DATABASE"):
        changes["database_url"] = database_url_for(env["VIVER_DATABASE"])
    if env.get("VIVER_LANGUAGE"):
        changes["language"] = _language(env["VIVER_LANGUAGE"], Path("VIVER_LANGUAGE"))
    if env.get("VIVER_SHOP_NAME"):
        changes["shop_name"] = env["VIVER_SHOP_NAME"]
    if env.get("VIVER_STAFF"):
        changes["staff"] = env["VIVER_STAFF"]
    if env.get("VIVER_TERMINAL"):
        changes["terminal"] = env["VIVER_TERMINAL"]
    if env.get("VIVER_SPOOL_DIR"):
        changes["spool_dir"] = Path(env["VIVER_SPOOL_DIR"])
    if env.get("VIVER_SPOOL_RETENTION_DAYS"):
        changes["spool_retention_days"] = _days(
            env["VIVER_SPOOL_RETENTION_DAYS"], Path("VIVER_SPOOL_RETENTION_DAYS")
        )
    if env.get("VIVER_IDLE_LOCK"):
        changes["idle_lock_minutes"] = _minutes(env["VIVER_IDLE_LOCK"], Path("VIVER_IDLE_LOCK"))
    if env.get("VIVER_COMPANY"):
        changes["default_company"] = _default_company(
            env["VIVER_COMPANY"], settings.companies, Path("VIVER_COMPANY")
        )
    if env.get("VIVER_LABEL_PRINTER"):
        changes["label_printer"] = replace(settings.label_printer, url=env["VIVER_LABEL_PRINTER"])
    if env.get("VIVER_RECEIPT_PRINTER"):
        changes["receipt_printer"] = replace(
            settings.receipt_printer, url=env["VIVER_RECEIPT_PRINTER"]
        )
    return replace(settings, **changes)


def database_url_for(url: str) -> str:
    """Accept a bare file path as shorthand for ``sqlite:///path``."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def _table(data: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(t("config.not_table", path=path, setting=key))
    return value


def _str(data: Mapping[str, Any], key: str, default: str, path: Path) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(t("config.not_text", path=path, setting=key))
    return value


def _minutes(value: Any, path: Path) -> float:
    """``idle_lock_minutes``: a number of minutes ≥ 0 (0 = never lock by itself)."""
    try:
        minutes = float(value) if not isinstance(value, bool) else -1.0
    except (TypeError, ValueError):
        minutes = -1.0
    if not minutes >= 0 or minutes == float("inf"):  # also refuses NaN
        raise ConfigError(t("config.idle_lock", path=path, value=value))
    return minutes


def _days(value: Any, path: Path) -> int:
    """``spool_retention_days``: whole days ≥ 0 (0 = keep until erasure)."""
    try:
        days = int(value) if not isinstance(value, bool | float) else -1
    except (TypeError, ValueError):
        days = -1
    if days < 0:
        raise ConfigError(t("config.spool_retention", path=path, value=value))
    return days


def _language(value: str, path: Path) -> str:
    if value not in LANGUAGES:
        raise ConfigError(
            t("config.language", path=path, languages=", ".join(LANGUAGES), value=value)
        )
    return value


def _printer(data: Mapping[str, Any], default: PrinterSettings, path: Path) -> PrinterSettings:
    try:
        columns = int(data.get("columns", default.columns))
        timeout = float(data.get("timeout", default.timeout))
        wake_timeout = float(data.get("wake_timeout", default.wake_timeout))
    except (TypeError, ValueError) as exc:
        raise ConfigError(t("config.printer_value", path=path, error=exc)) from exc
    barcode = _str(data, "barcode", default.barcode, path)
    if barcode not in ("native", "image"):
        raise ConfigError(t("config.barcode", path=path))
    status = _str(data, "status", default.status, path)
    if status not in PRINTER_STATUS:
        raise ConfigError(t("config.status", path=path, value=status))
    process_id = data.get("process_id", default.process_id)
    if not isinstance(process_id, bool):
        raise ConfigError(t("config.process_id", path=path))
    if timeout <= 0:
        raise ConfigError(t("config.timeout", path=path))
    if not wake_timeout > 0:
        raise ConfigError(t("config.wake_timeout", path=path))
    return PrinterSettings(
        url=_str(data, "url", default.url, path),
        columns=columns,
        barcode=barcode,
        code_page=_str(data, "code_page", default.code_page, path),
        timeout=timeout,
        wake_timeout=wake_timeout,
        status=status,
        process_id=process_id,
    )


def _media_kinds(rows: Any, path: Path) -> list[MediaKind]:
    if not isinstance(rows, list):
        raise ConfigError(t("config.media_kinds", path=path))
    kinds = []
    for row in rows:
        try:
            unit = str(row.get("unit", "piece"))
            if unit not in UNITS:
                raise ValueError(f"unit må være ett av {', '.join(UNITS)}")
            kinds.append(
                MediaKind(
                    key=str(row["key"]),
                    name=str(row["name"]),
                    name_en=str(row.get("name_en", row["name"])),
                    unit=unit,
                    price=Decimal(str(row.get("price", "0"))),
                    default_units=int(row.get("default_units", 1)),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
            raise ConfigError(t("config.media_kind", path=path, row=repr(row), error=exc)) from exc
    return kinds


def _merge_kinds(
    defaults: tuple[MediaKind, ...], configured: list[MediaKind]
) -> tuple[MediaKind, ...]:
    """Configured kinds replace a default with the same key; new keys are added at the end."""
    by_key = {k.key: k for k in defaults}
    for kind in configured:
        by_key[kind.key] = kind
    return tuple(by_key.values())


# --- the companies and the price list of products (documents, issue 22) -----------------

_COMPANY_KEYS = frozenset(
    {"name", "org_number", "vat_registered", "address", "bank_account", "email", "phone",
     "invoice_days", "quote_days", "terms", "logo"}
)


def _companies(
    tables: Mapping[str, Any], defaults: tuple[Company, ...], path: Path
) -> tuple[Company, ...]:
    """``[companies.<key>]`` tables: a key that exists already changes that company
    (fields not given keep their value), a new key adds one. Organisation and account
    numbers are checked by python-stdnum, never by hand."""
    by_key = {c.key: c for c in defaults}
    for key, table in tables.items():
        if not isinstance(table, Mapping):
            raise ConfigError(t("config.not_table", path=path, setting=f"companies.{key}"))
        unknown = sorted(set(table) - _COMPANY_KEYS)
        if unknown:
            raise ConfigError(
                t("config.company_unknown", path=path, company=key, names=", ".join(unknown))
            )
        base = by_key.get(key, Company(key, key))
        try:
            by_key[key] = _company(key, table, base, path)
        except (TypeError, ValueError) as exc:
            raise ConfigError(t("config.company", path=path, company=key, error=exc)) from exc
    return tuple(by_key.values())


def _company(key: str, table: Mapping[str, Any], base: Company, path: Path) -> Company:
    from stdnum import exceptions as stdnum_errors
    from stdnum.no import kontonr, orgnr

    def text(name: str, default: str) -> str:
        value = table.get(name, default)
        if not isinstance(value, str):
            raise TypeError(t("config.company_text", name=name))
        return value.strip()

    def days(name: str, default: int) -> int:
        value = table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
            raise ValueError(t("config.company_days", name=name))
        return value

    org_number = text("org_number", base.org_number)
    if org_number:
        try:
            org_number = orgnr.validate(org_number)
        except stdnum_errors.ValidationError as exc:
            raise ValueError(t("config.org_number", value=org_number)) from exc
    account = text("bank_account", base.bank_account)
    if account:
        try:
            account = kontonr.validate(account)
        except stdnum_errors.ValidationError as exc:
            raise ValueError(t("config.bank_account", value=account)) from exc
        if len(account) != 11:  # a 7-digit postgiro number has no place on an invoice
            raise ValueError(t("config.bank_account", value=account))
    vat = table.get("vat_registered", base.vat_registered)
    if not isinstance(vat, bool):
        raise TypeError(t("config.company_bool", name="vat_registered"))
    address = table.get("address", base.address)
    if isinstance(address, str):
        address = tuple(line.strip() for line in address.split("\n") if line.strip())
    if not isinstance(address, list | tuple) or not all(isinstance(a, str) for a in address):
        raise TypeError(t("config.company_text", name="address"))
    logo_text = text("logo", str(base.logo) if base.logo else "")
    name = text("name", base.name)
    if not name:
        raise ValueError(t("config.company_text", name="name"))
    return Company(
        key=key,
        name=name,
        org_number=org_number,
        vat_registered=vat,
        address=tuple(address),
        bank_account=account,
        email=text("email", base.email),
        phone=text("phone", base.phone),
        invoice_days=days("invoice_days", base.invoice_days),
        quote_days=days("quote_days", base.quote_days),
        terms=text("terms", base.terms),
        logo=Path(logo_text).expanduser() if logo_text else None,
    )


def _default_company(key: str, companies: tuple[Company, ...], path: Path) -> str:
    if not any(c.key == key for c in companies):
        known = ", ".join(c.key for c in companies)
        raise ConfigError(t("config.default_company", path=path, value=key, known=known))
    return key


def _products(rows: Any, defaults: tuple[Product, ...], path: Path) -> tuple[Product, ...]:
    """``[[products]]``: a key that exists already replaces that product, a new key adds one."""
    if not isinstance(rows, list):
        raise ConfigError(t("config.products", path=path))
    by_key = {p.key: p for p in defaults}
    for row in rows:
        try:
            price = Decimal(str(row.get("price", "0")))
            if not price.is_finite() or price < 0:
                raise ValueError(t("config.product_price"))
            product = Product(
                key=str(row["key"]),
                name=str(row["name"]),
                name_en=str(row.get("name_en", row["name"])),
                price=price,
            )
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
            raise ConfigError(t("config.product", path=path, row=repr(row), error=exc)) from exc
        by_key[product.key] = product
    return tuple(by_key.values())
