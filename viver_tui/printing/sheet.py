"""The layout model of a customer document: what a quote, order confirmation, invoice
or credit note says, already worded and formatted, in the order it is read.

One ``Sheet`` is rendered twice: for the 80 mm receipt printer
(``printing/document_receipt.py``, ESC/POS) and as an A4 PDF
(``printing/document_pdf.py``). Both print the same texts; only the arrangement
differs, so what a customer reads on paper is what the PDF says. The shop's services
(``services/documents/render.py``) build it; printing knows nothing of the shop.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

Pair = tuple[str, str]


@dataclass(frozen=True)
class SheetLine:
    """One line of what is sold: its text, quantity and price, VAT rate, amount."""

    text: str
    detail: str = ""  # "3 stk × kr 299,00"
    vat: str = ""  # "25 %"
    amount: str = ""  # "kr 897,00"
    notes: tuple[str, ...] = ()  # e.g. what is written on the medium


@dataclass(frozen=True)
class Sheet:
    title: str  # "FAKTURA"
    heading: str  # "Faktura 17"
    seller: tuple[str, ...]  # the company's name first, then address, numbers, contact
    buyer_title: str
    buyer: tuple[str, ...]
    facts: tuple[Pair, ...]  # dates, order number, delivery
    columns: tuple[str, str, str, str]  # headings of text, quantity × price, VAT, amount
    lines: tuple[SheetLine, ...]
    totals: tuple[Pair, ...]  # the last is what the customer pays (or gets back)
    payment: tuple[Pair, ...] = ()  # account, KID, amount, due date: the payment box
    payment_title: str = ""
    notes: tuple[str, ...] = ()
    stamp: str = ""  # "ANNULLERT", "UTLØPT": printed large
    footer: tuple[str, ...] = ()
    logo: str = ""  # an image file, printed on A4 only
    created: str = ""  # ISO date-time the PDF carries as its creation date
    file_title: str = ""  # the PDF's title (document properties)

    @property
    def code(self) -> str:
        """What the print queue's messages call the job: the heading ("Faktura 17")."""
        return self.heading

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Sheet:
        data = json.loads(text)
        values: dict[str, object] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "lines":
                value = tuple(
                    SheetLine(**{**line, "notes": tuple(line["notes"])}) for line in value
                )
            elif f.name in ("facts", "totals", "payment"):
                value = tuple(tuple(pair) for pair in value)
            elif isinstance(value, list):
                value = tuple(value)
            values[f.name] = value
        return cls(**values)  # type: ignore[arg-type]
