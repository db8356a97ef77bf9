"""One model of a customer document, and the arithmetic of its amounts — no database.

Amounts are integer øre everywhere. The price list's prices include VAT (consumer
prices, as the counter shows them), so a line's amount is what the customer pays for
it; the VAT in it is worked out per rate over the whole document and rounded to the
øre once per document (``vat_of``), not line by line — and the document says so.

``DocumentModel.totals`` is computed from the lines, once, and cannot be given: an
invoice whose lines and totals disagree cannot be built. KIDs get their MOD10 check
digit from python-stdnum (``stdnum.luhn``), never by hand.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

QUOTE, CONFIRMATION, INVOICE, CREDIT_NOTE = "quote", "confirmation", "invoice", "credit_note"
KINDS = (QUOTE, CONFIRMATION, INVOICE, CREDIT_NOTE)
VAT_RATE = 25  # percent: the general rate, the only one the shop sells at
KID_BASE_DIGITS = 9  # the document number, zero-padded; the check digit makes ten
PAYMENT_METHODS = ("card", "cash", "vipps", "bank")
TILL_METHODS = ("card", "cash", "vipps")  # taken at the shop's certified till
ACTUAL, ESTIMATED = "actual", "estimate"  # Line.basis: what a medium line charges


@dataclass(frozen=True)
class Line:
    """One line of a document: what was sold, how much of it, at what price."""

    text: str
    quantity: int
    unit: str  # piece | minute | photo
    unit_price_ore: int  # VAT included
    amount_ore: int  # VAT included; negative on a discount or credit line
    vat_rate: int = VAT_RATE
    source: str = ""  # medium | kind | product | discount | credit
    key: str = ""  # the media kind or product key (a quote's lines become media)
    code: str = ""  # the medium's code, e.g. 104233-03
    note: str = ""  # e.g. what is written on the medium
    units_each: int = 0  # a quote's kind line: minutes or photos of each medium
    # An invoice's medium line charged by the minute or photo: "actual" (the production
    # room's record) or "estimate" (intake's); empty on every other line.
    basis: str = ""
    estimate_units: int = 0  # with a basis: what intake estimated


@dataclass(frozen=True)
class VatSum:
    rate: int
    gross_ore: int  # VAT included
    vat_ore: int

    @property
    def net_ore(self) -> int:
        return self.gross_ore - self.vat_ore


@dataclass(frozen=True)
class Totals:
    gross_ore: int  # the document's total, VAT included
    vat_ore: int
    by_rate: tuple[VatSum, ...]

    @property
    def net_ore(self) -> int:
        return self.gross_ore - self.vat_ore


def round_ore(value: Decimal) -> int:
    """To the nearest øre, half away from zero (a credit rounds like its invoice)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def vat_of(gross_ore: int, rate: int) -> int:
    """The VAT contained in ``gross_ore`` at ``rate`` percent, rounded once."""
    if rate == 0:
        return 0
    return round_ore(Decimal(gross_ore) * rate / (100 + rate))


def totals_of(lines: tuple[Line, ...] | list[Line]) -> Totals:
    """Sum per VAT rate, the VAT of each sum, and the total: from the lines alone."""
    by_rate: dict[int, int] = {}
    for line in lines:
        by_rate[line.vat_rate] = by_rate.get(line.vat_rate, 0) + line.amount_ore
    sums = tuple(
        VatSum(rate, gross, vat_of(gross, rate)) for rate, gross in sorted(by_rate.items())
    )
    return Totals(
        gross_ore=sum(s.gross_ore for s in sums),
        vat_ore=sum(s.vat_ore for s in sums),
        by_rate=sums,
    )


def kid_for(number: int) -> str:
    """The KID of document ``number``: the number zero-padded to nine digits and its
    MOD10 (Luhn) check digit, as the bank checks it."""
    from stdnum import luhn

    base = str(number).zfill(KID_BASE_DIGITS)
    kid = base + luhn.calc_check_digit(base)
    return luhn.validate(kid)


@dataclass(frozen=True)
class Party:
    """The buyer as the document names them (a copy: the document never changes)."""

    name: str
    address: tuple[str, ...] = ()
    org_number: str = ""  # businesses
    customer_id: int | None = None


@dataclass(frozen=True)
class Seller:
    """The selling company as the document names it (a copy of the settings then)."""

    key: str
    name: str
    org_number: str
    vat_registered: bool
    address: tuple[str, ...] = ()
    bank_account: str = ""
    email: str = ""
    phone: str = ""
    terms: str = ""
    logo: str = ""


@dataclass(frozen=True)
class Settled:
    """Paid at the shop's till when the invoice was issued (the till's receipt)."""

    method: str  # card | cash | vipps
    amount_ore: int
    reference: str


@dataclass(frozen=True)
class DocumentModel:
    """A quote, order confirmation, invoice or credit note, as issued.

    Stored as JSON with the document and never changed afterwards; both renderings
    (receipt printer and PDF) and the export are made from it.
    """

    kind: str
    number: int
    seller: Seller
    buyer: Party
    issued_at: datetime
    lines: tuple[Line, ...]
    order_number: int | None = None
    due_on: date | None = None
    valid_until: date | None = None  # quotes
    promised_on: date | None = None  # confirmations
    received_on: date | None = None  # confirmations: when the media were handed in
    delivered_on: date | None = None  # invoices: when the work was handed over
    delivery_place: str = ""
    kid: str = ""
    settled: tuple[Settled, ...] = ()
    credits_number: int | None = None  # credit notes: the invoice credited
    credits_issued_on: date | None = None
    reason: str = ""  # credit notes: why
    staff: str = ""
    totals: Totals = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "totals", totals_of(self.lines))

    @property
    def issued_on(self) -> date:
        return self.issued_at.date()

    @cached_property
    def paid_at_till_ore(self) -> int:
        return sum(s.amount_ore for s in self.settled)

    @property
    def due_ore(self) -> int:
        """What is left to pay after the till (an invoice); never below zero."""
        return max(self.totals.gross_ore - self.paid_at_till_ore, 0)

    # --- stored as JSON ------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("totals")
        return json.dumps(data, default=_encode, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DocumentModel:
        data = json.loads(text)
        values: dict[str, Any] = {}
        for f in fields(cls):
            if not f.init or f.name not in data:
                continue
            value = data[f.name]
            if f.name == "seller":
                value = Seller(**{**value, "address": tuple(value["address"])})
            elif f.name == "buyer":
                value = Party(**{**value, "address": tuple(value["address"])})
            elif f.name == "lines":
                value = tuple(Line(**line) for line in value)
            elif f.name == "settled":
                value = tuple(Settled(**s) for s in value)
            elif f.name == "issued_at":
                value = datetime.fromisoformat(value)
            elif f.name.endswith("_on") or f.name == "valid_until":
                value = date.fromisoformat(value) if value else None
            values[f.name] = value
        return cls(**values)


def _encode(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a document")
