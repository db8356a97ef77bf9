"""Documents as A4 PDF files: made once from the stored layout, kept private, and the
same bytes every time after.

A document's PDF is made from its stored layout (``Document.sheet``) the first time it
is asked for, written 0600 in a 0700 folder (``documents_dir/<company>/``, like the
print spool), and its SHA-256 is stored with the document. Every later request reads
the file; a file that is missing (another terminal, a new machine) is made again from
the same layout and must give the same bytes — the stored hash is checked, so a reprint
is byte-identical or refused, never silently different.

File names say what the document is, never who it is for:
``videoverkstedet-faktura-17.pdf``.

``document_pdf`` is what sends a document by e-mail (issue 23) calls: the bytes and
the file name, for counter and admin staff, never for a document restricted after its
customer's erasure (it is kept for the bookkeeping, not used for contact).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from viver_tui.config import Settings
from viver_tui.db import reading, writing
from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.models import Document
from viver_tui.printing.document_pdf import render_pdf
from viver_tui.printing.preview import spool
from viver_tui.printing.sheet import Sheet
from viver_tui.private import private_dir
from viver_tui.services import audit
from viver_tui.services.documents.core import Database, document_row
from viver_tui.services.staff import NotAllowed, Who, initials_of, require_contact

FILE_WORDS = {
    "quote": "tilbud",
    "confirmation": "ordrebekreftelse",
    "invoice": "faktura",
    "credit_note": "kreditnota",
}


class PdfMismatch(ViverError):
    """The PDF made again differs from the one first made (see the module docstring)."""


@dataclass(frozen=True)
class DocumentPdf:
    document_id: int
    file_name: str  # e.g. videoverkstedet-faktura-17.pdf: no personal data
    data: bytes
    path: Path  # where it is kept (private)


def file_name(row: Document) -> str:
    return f"{row.company}-{FILE_WORDS[row.kind]}-{row.number}.pdf"


def pdf_path(documents_dir: Path, row: Document) -> Path:
    return documents_dir / row.company / file_name(row)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_pdf(db: Database, row: Document, documents_dir: Path) -> DocumentPdf:
    """The document's PDF: the kept file, or made again from its layout and checked
    against the stored hash (written, and the hash stored, the first time)."""
    path = pdf_path(documents_dir, row)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    if data and row.pdf_sha256 and sha256(data) != row.pdf_sha256:
        data = b""  # a damaged or altered file: made again from the stored layout
    if not data:
        data = render_pdf(Sheet.from_json(row.sheet))
        digest = sha256(data)
        if row.pdf_sha256 and digest != row.pdf_sha256:
            raise PdfMismatch(t("doc.pdf_mismatch", file=file_name(row)))
        private_dir(path.parent.parent)
        spool(path.parent, path.name, data)  # 0700 folder, 0600 file, atomic
        if not row.pdf_sha256:
            with writing(db):
                Document.update(pdf_sha256=digest).where(
                    (Document.id == row.id) & Document.pdf_sha256.is_null()
                ).execute()
    return DocumentPdf(row.id, file_name(row), data, path)


def document_pdf(
    db: Database, document_id: int, settings: Settings, who: Who
) -> DocumentPdf:
    """A document's PDF bytes and file name, to show, save or send (issue 23 sends
    them by e-mail). Counter and admin staff only; refused for a document whose
    customer is erased (kept for the bookkeeping only, never used for contact)."""
    require_contact(who)
    with reading(db):
        row = document_row(document_id)
    if row.restricted_at is not None:
        raise NotAllowed(t("doc.restricted"))
    result = stored_pdf(db, row, settings.documents_dir)
    if row.customer_id is not None:
        with writing(db):
            audit.record(
                initials_of(who), "view", row.customer_id, details=f"pdf {row.kind} {row.number}"
            )
    return result
