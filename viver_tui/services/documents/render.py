"""A document model worded for paper: ``sheet_of(model) -> printing.sheet.Sheet``.

Paper is bokmål whatever the screen language (it goes to the customer), in the
Norwegian forms: ``24.11.2026``, ``kr 1 250,00``, organisation number ``988 077 917``,
account ``8601.11.17947``. What bokføringsforskriften § 5-1-1 asks of an invoice is
here: number and date, the seller's name and organisation number followed by "MVA"
when VAT registered and "Foretaksregisteret" (both companies are AS), the buyer's name
and address (and organisation number for a business), what was delivered and when
and where, the price of each line, VAT per rate and in total, the amount due, the due
date, the account and the KID.
"""

from __future__ import annotations

from viver_tui.locale import text_in
from viver_tui.printing.layouts import paper_date, paper_money
from viver_tui.printing.sheet import Sheet, SheetLine
from viver_tui.services.documents.model import (
    ACTUAL,
    CONFIRMATION,
    CREDIT_NOTE,
    ESTIMATED,
    INVOICE,
    QUOTE,
    DocumentModel,
    Line,
    Party,
    Seller,
)


def paper(key: str, **values: object) -> str:
    """A bokmål text for paper (``doc.paper.*`` in the catalogue)."""
    return text_in("nb", f"doc.paper.{key}", **values)


def org_number_text(digits: str) -> str:
    from stdnum.no import orgnr

    return orgnr.format(digits) if digits else ""


def account_text(digits: str) -> str:
    from stdnum.no import kontonr

    return kontonr.format(digits) if digits else ""


def seller_lines(seller: Seller) -> tuple[str, ...]:
    """Name, address, "Org.nr. 988 077 917 MVA", "Foretaksregisteret", contact."""
    org = paper("org_number", number=org_number_text(seller.org_number))
    if seller.vat_registered:
        org = f"{org} MVA"
    lines = [seller.name, *seller.address]
    if seller.org_number:
        lines += [org, paper("register")]
    if seller.phone:
        lines.append(paper("phone", phone=seller.phone))
    if seller.email:
        lines.append(seller.email)
    return tuple(lines)


def buyer_lines(buyer: Party) -> tuple[str, ...]:
    lines = [buyer.name, *buyer.address]
    if buyer.org_number:
        lines.append(paper("org_number", number=org_number_text(buyer.org_number)))
    return tuple(lines)


def _quantity(line: Line, count: int | None = None) -> str:
    unit = {"minute": "minutes", "photo": "photos"}.get(line.unit, "pieces")
    return paper(f"unit.{unit}", count=line.quantity if count is None else count)


def basis_text(line: Line) -> str:
    """What an invoice's medium line charges: "Faktisk: 94 min (anslått 20 min)" — the
    production room's record — or "Anslått: 20 min (ikke målt)"; empty for others."""
    if line.basis == ACTUAL:
        return paper(f"basis.{ACTUAL}", amount=_quantity(line),
                     estimate=_quantity(line, line.estimate_units))
    if line.basis == ESTIMATED:
        return paper(f"basis.{ESTIMATED}", amount=_quantity(line))
    return ""


def sheet_line(line: Line, vat_registered: bool) -> SheetLine:
    detail = f"{_quantity(line)} × {paper_money(line.unit_price_ore)}"
    notes = (line.note,) if line.note else ()
    if line.units_each and line.source == "kind":
        unit = "minutes_each" if line.unit == "minute" else "photos_each"
        notes = (paper(f"unit.{unit}", count=line.units_each), *notes)
    if line.basis:
        notes = (*notes, basis_text(line))
    return SheetLine(
        text=line.text,
        detail=detail,
        vat=paper("vat_rate", rate=line.vat_rate) if vat_registered else "",
        amount=paper_money(line.amount_ore),
        notes=notes,
    )


def _totals(model: DocumentModel, last: tuple[str, int]) -> tuple[tuple[str, str], ...]:
    totals = model.totals
    pairs: list[tuple[str, str]] = []
    if model.seller.vat_registered:
        pairs.append((paper("net"), paper_money(totals.net_ore)))
        for vat in totals.by_rate:
            label = paper("vat_line", rate=vat.rate, base=paper_money(vat.net_ore))
            pairs.append((label, paper_money(vat.vat_ore)))
        pairs.append((paper("vat_total"), paper_money(totals.vat_ore)))
        pairs.append((paper("gross"), paper_money(totals.gross_ore)))
    else:
        pairs.append((paper("sum"), paper_money(totals.gross_ore)))
    for settled in model.settled:
        label = paper(
            "paid_at_till", method=paper(f"method.{settled.method}"), reference=settled.reference
        )
        pairs.append((label, paper_money(-settled.amount_ore)))
    pairs.append((last[0], paper_money(last[1])))
    return tuple(pairs)


def _footer(seller: Seller) -> tuple[str, ...]:
    parts = [seller.name]
    if seller.org_number:
        org = paper("org_number", number=org_number_text(seller.org_number))
        parts.append(f"{org} MVA" if seller.vat_registered else org)
        parts.append(paper("register"))
    parts.append(", ".join(seller.address))
    return tuple(p for p in parts if p)


def sheet_of(model: DocumentModel) -> Sheet:
    """The worded layout of ``model`` (both renderings print exactly these texts)."""
    seller = model.seller
    kind = model.kind
    heading_number = model.order_number if kind == CONFIRMATION else model.number
    heading = paper(f"heading.{kind}", number=heading_number)
    facts: list[tuple[str, str]] = []
    payment: tuple[tuple[str, str], ...] = ()
    notes: list[str] = []
    if kind == INVOICE:
        facts.append((paper("invoice_date"), paper_date(model.issued_on)))
        facts.append((paper("due_date"), paper_date(model.due_on)))
    else:
        facts.append((paper("date"), paper_date(model.issued_on)))
    if model.order_number is not None and kind != CONFIRMATION:
        facts.append((paper("order"), str(model.order_number)))
    if kind == QUOTE:
        facts.append((paper("valid_until"), paper_date(model.valid_until)))
        last = (paper("quote_total"), model.totals.gross_ore)
        notes.append(paper("quote_note"))
    elif kind == CONFIRMATION:
        facts.append((paper("received_on"), paper_date(model.received_on)))
        if model.promised_on:
            facts.append((paper("promised_on"), paper_date(model.promised_on)))
        last = (paper("estimate_total"), model.totals.gross_ore)
        notes.append(paper("confirmation_note"))
    elif kind == CREDIT_NOTE:
        facts.append((
            paper("credits"),
            paper("credits_value", number=model.credits_number,
                  date=paper_date(model.credits_issued_on)),
        ))
        last = (paper("credited"), model.totals.gross_ore)
        if model.reason:
            notes.append(paper("credit_reason", reason=model.reason))
    else:
        delivered = paper_date(model.delivered_on)
        if model.delivery_place:
            delivered = f"{delivered}, {model.delivery_place}"
        facts.append((paper("delivered"), delivered))
        last = (paper("to_pay"), model.due_ore)
        if model.due_ore > 0:
            payment = (
                (paper("account"), account_text(seller.bank_account)),
                (paper("kid"), model.kid),
                (paper("amount"), paper_money(model.due_ore)),
                (paper("due_date"), paper_date(model.due_on)),
            )
            notes.append(paper("use_kid"))
        else:
            notes.append(paper("paid_in_full"))
    if seller.vat_registered:
        notes.append(paper("vat_rounding"))
    if seller.terms and kind != CREDIT_NOTE:
        notes.append(seller.terms)
    title = paper(f"title.{kind}")
    return Sheet(
        title=title,
        heading=heading,
        seller=seller_lines(seller),
        buyer_title=paper("buyer"),
        buyer=buyer_lines(model.buyer),
        facts=tuple(facts),
        columns=(paper("col.text"), paper("col.quantity"), paper("col.vat"),
                 paper("col.amount")),
        lines=tuple(sheet_line(line, seller.vat_registered) for line in model.lines),
        totals=_totals(model, last),
        payment=payment,
        payment_title=paper("payment_title") if payment else "",
        notes=tuple(notes),
        footer=_footer(seller),
        logo=seller.logo,
        created=model.issued_at.isoformat(timespec="seconds"),
        file_title=f"{seller.name} – {heading}",
    )
