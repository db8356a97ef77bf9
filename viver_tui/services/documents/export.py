"""``viver export invoices --from --to``: what the shop's accounting system imports.

One CSV (``fakturaer.csv``: UTF-8, ``;`` between fields, amounts in kroner with a
decimal comma — as the documents print them) with a row per line of every invoice and
credit note issued in the period, the document's own figures (net, VAT, total, KID,
buyer, settlement) repeated on each of its rows; a folder ``pdf/`` with every one of
those documents' PDFs as issued; and ``nummerserier.csv`` reconciling each company's
series over the period: first and last number, how many, which are void, and any
number missing (there should be none: the program assigns them, and a spoiled one is
kept as void). Admin only; the export is in the access log.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from viver_tui.config import Settings
from viver_tui.db import reading, writing
from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.models import Document, Payment
from viver_tui.private import private_dir
from viver_tui.services import audit
from viver_tui.services.documents.core import VOID, Database, load_model
from viver_tui.services.documents.files import stored_pdf
from viver_tui.services.documents.model import CREDIT_NOTE, INVOICE
from viver_tui.services.documents.numbering import gaps
from viver_tui.services.staff import StaffView, require_admin

CSV_NAME = "fakturaer.csv"
SERIES_NAME = "nummerserier.csv"
COLUMNS = (
    "selskap", "selger_orgnr", "type", "serie", "nummer", "status", "dato", "forfall",
    "ordre", "krediterer", "kunde_id", "kjoper", "kjoper_adresse", "kjoper_orgnr",
    "linje", "tekst", "antall", "enhet", "enhetspris", "mva_sats", "linjebelop",
    "sum_eks_mva", "mva", "sum_inkl_mva", "kid", "betalt_i_kasse", "betalt_senere",
    "annullert_grunn", "pdf",
)
SERIES_COLUMNS = (
    "selskap", "serie", "forste", "siste", "antall", "utstedt", "annullert",
    "annullerte_nummer", "mangler", "forrige_for_perioden",
)


@dataclass(frozen=True)
class SeriesCheck:
    company: str
    series: str
    first: int
    last: int
    count: int
    void: tuple[int, ...]
    missing: tuple[int, ...]
    before: int | None  # the last number before the period (the series goes on from it)


@dataclass(frozen=True)
class InvoiceExport:
    csv_path: Path
    series_path: Path
    pdf_dir: Path
    documents: int
    rows: int
    series: tuple[SeriesCheck, ...]

    @property
    def reconciles(self) -> bool:
        return all(not s.missing for s in self.series)


def kroner(ore: int) -> str:
    return f"{Decimal(ore) / 100:.2f}".replace(".", ",")


def _open_private(path: Path):  # -> TextIO
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def _series_checks(rows: list[Document]) -> tuple[SeriesCheck, ...]:
    by_series: dict[tuple[str, str], list[Document]] = {}
    for row in rows:
        by_series.setdefault((row.company, row.series), []).append(row)
    checks = []
    for (company, series), docs in sorted(by_series.items()):
        numbers = [d.number for d in docs]
        before = (
            Document.select(Document.number)
            .where(
                (Document.company == company)
                & (Document.series == series)
                & (Document.number < min(numbers))
            )
            .order_by(Document.number.desc())
            .scalar()
        )
        checks.append(
            SeriesCheck(
                company=company,
                series=series,
                first=min(numbers),
                last=max(numbers),
                count=len(numbers),
                void=tuple(sorted(d.number for d in docs if d.status == VOID)),
                missing=tuple(gaps(numbers)),
                before=before,
            )
        )
    return tuple(checks)


def export_invoices(
    db: Database,
    settings: Settings,
    staff: StaffView | None,
    date_from: date,
    date_to: date,
    out_dir: Path,
) -> InvoiceExport:
    """Write the period's invoices and credit notes to ``out_dir`` (see the module)."""
    require_admin(staff)
    if date_to < date_from:
        raise ViverError(t("doc.export.period"))
    with reading(db):
        rows = list(
            Document.select()
            .where(
                Document.kind.in_([INVOICE, CREDIT_NOTE])
                & (Document.issued_on >= date_from)
                & (Document.issued_on <= date_to)
            )
            .order_by(Document.company, Document.series, Document.number)
        )
        paid: dict[int, list[Payment]] = {}
        for p in Payment.select().where(Payment.document.in_([r.id for r in rows] or [0])):
            paid.setdefault(p.document_id, []).append(p)
        checks = _series_checks(rows)
        credited = {
            d.id: d.number
            for d in Document.select(Document.id, Document.number).where(
                Document.id.in_([r.credits_id for r in rows if r.credits_id] or [0])
            )
        }
    try:
        private_dir(out_dir)
        pdf_dir = private_dir(out_dir / "pdf")
        csv_path = out_dir / CSV_NAME
        count = 0
        with _open_private(csv_path) as out:
            writer = csv.writer(out, delimiter=";", lineterminator="\n")
            writer.writerow(COLUMNS)
            for row in rows:
                pdf = stored_pdf(db, row, settings.documents_dir)
                target = pdf_dir / pdf.file_name
                with open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
                    f.write(pdf.data)
                count += _write_rows(writer, row, paid.get(row.id, []), credited, pdf.file_name)
        series_path = out_dir / SERIES_NAME
        with _open_private(series_path) as out:
            writer = csv.writer(out, delimiter=";", lineterminator="\n")
            writer.writerow(SERIES_COLUMNS)
            for c in checks:
                writer.writerow([
                    c.company, c.series, c.first, c.last, c.count, c.count - len(c.void),
                    len(c.void), " ".join(map(str, c.void)), " ".join(map(str, c.missing)),
                    "" if c.before is None else c.before,
                ])
    except OSError as exc:
        raise ViverError(t("doc.export.write_failed", path=out_dir, error=exc.strerror)) from exc
    with writing(db):
        audit.record(
            staff.initials, "export", 0,  # type: ignore[union-attr]
            details=f"invoices {date_from.isoformat()}..{date_to.isoformat()} "
            f"documents={len(rows)}",
            subject="invoices",
        )
    return InvoiceExport(csv_path, series_path, pdf_dir, len(rows), count, checks)


def _write_rows(
    writer: csv.writer,  # type: ignore[valid-type]
    row: Document,
    payments: list[Payment],
    credited: dict[int, int],
    pdf_name: str,
) -> int:
    model = load_model(row)
    totals = model.totals
    till = ", ".join(
        f"{s.method} {kroner(s.amount_ore)} ({s.reference})" for s in model.settled
    )
    later = sum(p.amount_ore for p in payments) - model.paid_at_till_ore
    head = [
        model.seller.name, model.seller.org_number, row.kind, row.series, row.number,
        row.status, row.issued_on.isoformat(), row.due_on.isoformat() if row.due_on else "",
        model.order_number or "", credited.get(row.credits_id, "") if row.credits_id else "",
        model.buyer.customer_id or "", model.buyer.name, ", ".join(model.buyer.address),
        model.buyer.org_number,
    ]
    tail = [
        kroner(totals.net_ore), kroner(totals.vat_ore), kroner(totals.gross_ore),
        row.kid or "", till, kroner(later) if later else "", row.void_reason or "", pdf_name,
    ]
    for i, line in enumerate(model.lines, start=1):
        writer.writerow([
            *head, i, line.text, line.quantity, line.unit, kroner(line.unit_price_ore),
            line.vat_rate, kroner(line.amount_ore), *tail,
        ])
    return len(model.lines)
