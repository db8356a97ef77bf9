"""Customer documents: quote, order confirmation, invoice, credit note; companies.

Paper keys (``doc.paper.*``) are bokmål whatever the screen language: the documents go
to the customer (English falls back to them).
"""

NB = {
    # on paper
    "doc.paper.title.quote": "TILBUD",
    "doc.paper.title.confirmation": "ORDREBEKREFTELSE",
    "doc.paper.title.invoice": "FAKTURA",
    "doc.paper.title.credit_note": "KREDITNOTA",
    "doc.paper.heading.quote": "Tilbud {number}",
    "doc.paper.heading.confirmation": "Ordre {number}",
    "doc.paper.heading.invoice": "Faktura {number}",
    "doc.paper.heading.credit_note": "Kreditnota {number}",
    "doc.paper.org_number": "Org.nr. {number}",
    "doc.paper.register": "Foretaksregisteret",
    "doc.paper.phone": "Tlf. {phone}",
    "doc.paper.buyer": "Kunde",
    "doc.paper.date": "Dato",
    "doc.paper.invoice_date": "Fakturadato",
    "doc.paper.due_date": "Forfallsdato",
    "doc.paper.order": "Ordre",
    "doc.paper.valid_until": "Gyldig til",
    "doc.paper.received_on": "Levert inn",
    "doc.paper.promised_on": "Lovet ferdig",
    "doc.paper.delivered": "Levert",
    "doc.paper.credits": "Krediterer",
    "doc.paper.credits_value": "faktura {number} av {date}",
    "doc.paper.col.text": "Beskrivelse",
    "doc.paper.col.quantity": "Antall × pris",
    "doc.paper.col.vat": "Mva",
    "doc.paper.col.amount": "Beløp",
    "doc.paper.unit.pieces": "{count} stk",
    "doc.paper.unit.minutes": "{count} min",
    "doc.paper.unit.photos.one": "1 bilde",
    "doc.paper.unit.photos.other": "{count} bilder",
    "doc.paper.unit.minutes_each": "{count} min hver",
    "doc.paper.unit.photos_each.one": "1 bilde hver",
    "doc.paper.unit.photos_each.other": "{count} bilder hver",
    # an invoice's medium line: what it charges (services/documents/work.py)
    "doc.paper.basis.actual": "Faktisk: {amount} (anslått {estimate})",
    "doc.paper.basis.estimate": "Anslått: {amount} (ikke målt)",
    "doc.paper.vat_rate": "{rate} %",
    "doc.paper.net": "Sum eks. mva",
    "doc.paper.vat_line": "Mva {rate} % av {base}",
    "doc.paper.vat_total": "Sum mva",
    "doc.paper.gross": "Sum inkl. mva",
    "doc.paper.sum": "Sum",
    "doc.paper.paid_at_till": "Betalt i kassen ({method}, kvittering {reference})",
    "doc.paper.method.card": "kort",
    "doc.paper.method.cash": "kontant",
    "doc.paper.method.vipps": "Vipps",
    "doc.paper.method.bank": "bank",
    "doc.paper.to_pay": "Å betale",
    "doc.paper.quote_total": "Tilbudt pris inkl. mva",
    "doc.paper.estimate_total": "Prisoverslag inkl. mva",
    "doc.paper.credited": "Kreditert inkl. mva",
    "doc.paper.payment_title": "Betalingsinformasjon",
    "doc.paper.account": "Kontonummer",
    "doc.paper.kid": "KID",
    "doc.paper.amount": "Beløp",
    "doc.paper.use_kid": "Husk å bruke KID når du betaler.",
    "doc.paper.paid_in_full": "Fakturaen er betalt i butikkens kasse.",
    "doc.paper.vat_rounding": (
        "Prisene er inkludert mva. Mva er regnet av summen per sats og avrundet til "
        "nærmeste øre én gang for hele dokumentet."
    ),
    "doc.paper.quote_note": (
        "Prisene er etter prislisten; endelig pris etter utført arbeid (minutter og "
        "bilder som faktisk er overført)."
    ),
    "doc.paper.confirmation_note": (
        "Vi har mottatt originalene over. Alle originaler leveres tilbake til deg. "
        "Ta med kvitteringen når du henter."
    ),
    "doc.paper.credit_reason": "Grunn: {reason}",
    # settings: the companies and the price list
    "config.org_number": "organisasjonsnummeret «{value}» er ikke gyldig "
    "(9 sifre med kontrollsiffer)",
    "config.bank_account": "kontonummeret «{value}» er ikke gyldig (11 sifre med kontrollsiffer)",
    "config.default_company": "«default_company» må være et av selskapene ({known}), ikke "
    "«{value}»",
    # services: documents
    "doc.title.quote": "Tilbud {number}",
    "doc.title.confirmation": "Ordrebekreftelse {number}",
    "doc.title.invoice": "Faktura {number}",
    "doc.title.credit_note": "Kreditnota {number}",
    "doc.company_unknown": "Selskapet «{key}» finnes ikke i innstillingene.",
    "doc.no_org_number": (
        "{company} har ikke organisasjonsnummer i innstillingene og kan ikke utstede "
        "fakturaer. Be den som drifter viver legge det inn ([companies] i config.toml)."
    ),
    "doc.no_bank_account": (
        "{company} har ikke kontonummer i innstillingene og kan ikke utstede fakturaer. "
        "Be den som drifter viver legge det inn ([companies] i config.toml)."
    ),
    "doc.customer_missing": "Kunden finnes ikke.",
    "doc.customer_erased": "Kunden er slettet; det kan ikke lages nye dokumenter til den.",
    "doc.buyer_no_address": (
        "En faktura må ha kjøperens adresse: {name} mangler adresse, postnummer eller "
        "sted. Rett kunden (F3 på kundekortet) og prøv igjen."
    ),
    "doc.buyer_no_org_number": (
        "En faktura til en bedrift må ha bedriftens organisasjonsnummer: {name} mangler "
        "det. Rett kunden (F3 på kundekortet) og prøv igjen."
    ),
    "doc.not_found": "Dokumentet finnes ikke.",
    "doc.amount_invalid": "Skriv et beløp i kroner, f.eks. 250 eller 1 250,50.",
    "doc.product_unknown": "Varen «{key}» finnes ikke i prislisten.",
    "doc.quantity_invalid": "Antallet må være et helt tall fra 1 til 999.",
    "doc.discount_reason": "En rabatt må ha en grunn.",
    "doc.discount_text": "Rabatt: {reason}",
    "doc.method_invalid": "Betalingsmåten må være kort, kontant eller Vipps.",
    "doc.reference_missing": "Skriv kvitteringsnummeret fra kassen.",
    "doc.order_not_confirmed": "Ordre {number} er ikke bekreftet; den kan ikke faktureres.",
    "doc.already_invoiced": "Ordre {order} er allerede fakturert: faktura {number}.",
    "doc.total_negative": "Fakturaen kan ikke ha en sum under null (rabatten er for stor).",
    "doc.paid_too_much": "Det er betalt mer i kassen enn fakturaens sum ({total}).",
    "doc.not_payable": "Bare en utstedt faktura kan merkes betalt.",
    "doc.already_paid": "{title} er allerede betalt.",
    "doc.pay_too_much": "Beløpet er mer enn det som gjenstår ({due}).",
    "doc.paid_note": "{title} betalt {amount}",
    "doc.void_reason": "Skriv hvorfor fakturaen annulleres.",
    "doc.not_voidable": "Bare en utstedt faktura kan annulleres.",
    "doc.void_too_late": (
        "{title} kan ikke annulleres (den er betalt, kreditert eller fra en tidligere "
        "dag): lag en kreditnota i stedet."
    ),
    "doc.pdf_mismatch": (
        "PDF-en {file} kan ikke lages byte-lik den første (programmet eller skriften er "
        "endret). Hent filen fra sikkerhetskopien av dokumentmappen."
    ),
    "doc.restricted": (
        "Dokumentet tilhører en slettet kunde: det oppbevares for regnskapet og brukes "
        "ikke til kontakt."
    ),
    "doc.quote_line_invalid": "Linje {line}: {error}",
    "doc.quote_empty": "Et tilbud må ha minst én linje.",
    "doc.valid_until_past": "Gyldig til-datoen er passert.",
    "doc.not_a_quote": "Dette er ikke et tilbud som kan godtas.",
    "doc.quote_accepted": "Tilbud {number} er allerede godtatt (ordre {order}).",
    "doc.quote_expired": (
        "Tilbud {number} gikk ut {date} og kan ikke godtas. Lag et nytt tilbud."
    ),
    "doc.credit_reason_missing": "Skriv hvorfor det krediteres.",
    "doc.not_creditable": "Bare en utstedt faktura kan krediteres.",
    "doc.credited_already": "{title} er allerede kreditert i sin helhet.",
    "doc.credit_too_much": "Kan ikke kreditere mer enn det som gjenstår ({left}).",
    "doc.credit_text": "Kreditering av faktura {number}",
    "doc.export.period": "Til-datoen er før fra-datoen.",
    "doc.export.write_failed": "Kan ikke skrive eksporten til {path}: {error}",
    "doc.erase_kept": (
        "Fakturaer og andre regnskapsbilag beholdes sperret til {date} "
        "(bokføringsloven § 13) og slettes da av «viver purge-expired»."
    ),
    # the command line
    "cli.export.invoices.help": (
        "fakturaer og kreditnotaer for regnskapet: CSV med linjer, PDF-ene og "
        "nummerseriene avstemt"
    ),
    "cli.export.invoices.from": "første dato (utstedt), f.eks. 2026-01-01",
    "cli.export.invoices.to": "siste dato (utstedt), f.eks. 2026-12-31",
    "cli.export.invoices.out": "mappen eksporten skrives til (opprettes privat, 0700)",
    "cli.export.invoices.date": "Datoene skrives ÅÅÅÅ-MM-DD, f.eks. 2026-11-24.",
    "cli.export.invoices.done": "Skrev {documents} ({rows}) til {path}; PDF-ene i {pdfs}.",
    "cli.export.invoices.series.one": "{company} {series}: nr. {first}–{last}, "
    "1 dokument, annullert: {void}",
    "cli.export.invoices.series.other": "{company} {series}: nr. {first}–{last}, "
    "{count} dokumenter, annullert: {void}",
    "cli.export.invoices.missing": "{company} {series}: mangler nr. {numbers}",
    "cli.purge.documents.one": "Slettet 1 dokument (regnskapsbilag som var forfalt).",
    "cli.purge.documents.other": "Slettet {count} dokumenter (regnskapsbilag som var forfalt).",
    # screens
    "key.documents": "Dokumenter",
    "key.customer_documents": "Dokumenter",
    "key.invoice": "Faktura",
    "key.next_company": "Selger",
    "key.doc_new": "Ny",
    "key.doc_print": "Skriv ut",
    "key.doc_pdf": "PDF",
    "key.doc_paid": "Merk betalt",
    "key.doc_credit": "Krediter",
    "key.doc_void": "Annuller",
    "key.doc_accept": "Godta tilbud",
    "doc.intake.company": "Selger: {name}",
    "doc.company_fixed": "Selgeren kan bare byttes før ordren er bekreftet.",
    "doc.col.document": "Dokument",
    "doc.col.company": "Selger",
    "doc.col.date": "Dato",
    "doc.col.total": "Sum",
    "doc.col.state": "Status",
    "doc.state.void": "annullert",
    "doc.state.restricted": "sperret (slettet kunde)",
    "doc.state.accepted": "godtatt – ordre {number}",
    "doc.state.expired": "UTLØPT {date}",
    "doc.state.valid_until": "gyldig til {date}",
    "doc.state.credited": "kreditert",
    "doc.state.paid": "betalt",
    "doc.state.due": "{amount} å betale, forfall {date}",
    "doc.state.credits": "krediterer faktura {number}",
    "doc.state.issued": "utstedt",
    "doc.screen.loading": "Henter dokumentene …",
    "doc.screen.order": "Ordre {number} – selger {company} – arbeid på mediene: {amount}",
    "doc.screen.actual": "Faktisk utført (fra produksjonen): {actual} – anslått ved "
    "innlevering: {estimate} – forskjell {difference}",
    "doc.screen.basis.actual": "faktisk {amount}, anslått {estimate}",
    "doc.screen.basis.estimate": "anslått {amount} – ikke målt",
    "doc.screen.customer.one": "Kunde #{id} – 1 dokument",
    "doc.screen.customer.other": "Kunde #{id} – {count} dokumenter",
    "doc.screen.invoiced": "Ordren er fakturert (faktura {number}): krediter den før en ny.",
    "doc.screen.none": "Ingen dokumenter ennå.",
    "doc.screen.issued": "{title} er utstedt og sendt til kvitteringsskriveren.",
    "doc.screen.printing": "{title} er sendt til kvitteringsskriveren.",
    "doc.screen.pdf": "{title} er lagret som PDF: {path}",
    "doc.screen.saved": "{title}: {state}.",
    "doc.screen.accepted": "{title} er godtatt: ordre {number}, medier registrert.",
    "doc.dialog.keys": "Enter: neste felt, og utsted fra det siste · Esc: avbryt",
    "doc.invoice.title": "Faktura for ordre {number} ({company})",
    "doc.invoice.total": "Arbeid på mediene: {amount}",
    "doc.invoice.products": "Varer (nøkkel og antall, komma mellom)",
    "doc.invoice.products_hint": "usb-32 2, dvd",
    "doc.invoice.discount": "Rabatt i kr (tomt: ingen)",
    "doc.invoice.reason": "Grunn til rabatten",
    "doc.invoice.paid": "Betalt i kassen nå, kr (tomt: alt sendes som faktura)",
    "doc.invoice.paid_hint": "tomt = faktura med forfall",
    "doc.invoice.method": "Betalt med (kort, kontant, vipps)",
    "doc.invoice.method_hint": "kort",
    "doc.invoice.reference": "Kvitteringsnummer fra kassen",
    "doc.invoice.summary": "{title}: {total} – {state}",
    "doc.quote.title": "Nytt tilbud",
    "doc.quote.about": (
        "Linjer: hva (medietype eller vare), antall og for film/bilder minutter eller "
        "bilder hver. Medietyper: {kinds} … Varer: {products}."
    ),
    "doc.quote.lines": "Linjer (komma mellom)",
    "doc.quote.valid_until": "Gyldig til (tomt: selskapets antall dager)",
    "doc.quote.valid_hint": "24.12.2026 eller +30",
    "doc.quote.company": "Selger",
    "doc.paid.title": "Merk {title} betalt",
    "doc.paid.amount": "Beløp i kr (resten: {rest})",
    "doc.paid.reference": "Referanse (bankens, valgfritt)",
    "doc.credit.title": "Krediter {title}",
    "doc.credit.amount": "Beløp i kr inkl. mva",
    "doc.credit.amount_hint": "tomt = hele fakturaen",
    "doc.credit.reason": "Grunn (står på kreditnotaen)",
    "doc.void.title": "Annuller {title}",
    "doc.void.reason": (
        "Grunn (bare samme dag, ubetalt og aldri gitt til kunden; ellers kreditnota)"
    ),
    # history of an order
    "event.invoiced": "Fakturert",
    "event.paid": "Betalt",
    "event.voided": "Faktura annullert",
    "event.from_quote": "Laget fra tilbud",
    "event.credited": "Kreditert",
    # the print queue
    "print.kind.document": "dokument",
    "print.sent.document": "{code} er sendt – sjekk at den kom ut (F9: skriv ut igjen)",
    "print.uncertain.document": (
        "Usikkert om {code} kom ut: {reason}. F9: skriv ut igjen eller merk som skrevet ut"
    ),
    # a job that belongs to no order (a customer's quote): said without "for ordre …"
    "print.jobs.row_alone": "{what} – {state}{reason}",
    "print.status.printed_alone": "Skrev ut {what}",
    "print.status.spooled_alone": "Forhåndsvisning: {what} lagret som {path}",
    "print.status.waiting_alone": (
        "{problem} – {what} venter, nytt forsøk om {seconds} s (F9: prøv nå)"
    ),
    "print.status.failed_alone": "{problem} – {what} er ikke skrevet ut (F9)",
}

EN = {
    "config.org_number": "the organisation number “{value}” is not valid (9 digits with a "
    "check digit)",
    "config.bank_account": "the account number “{value}” is not valid (11 digits with a "
    "check digit)",
    "config.default_company": "“default_company” must be one of the companies ({known}), not "
    "“{value}”",
    "doc.title.quote": "Quote {number}",
    "doc.title.confirmation": "Order confirmation {number}",
    "doc.title.invoice": "Invoice {number}",
    "doc.title.credit_note": "Credit note {number}",
    "doc.company_unknown": "The company “{key}” is not in the settings.",
    "doc.no_org_number": (
        "{company} has no organisation number in the settings and cannot issue invoices. "
        "Ask whoever runs viver to add it ([companies] in config.toml)."
    ),
    "doc.no_bank_account": (
        "{company} has no bank account in the settings and cannot issue invoices. "
        "Ask whoever runs viver to add it ([companies] in config.toml)."
    ),
    "doc.customer_missing": "The customer does not exist.",
    "doc.customer_erased": "The customer is erased; no new documents can be made for them.",
    "doc.buyer_no_address": (
        "An invoice must name the buyer's address: {name} has no address, postcode or "
        "town. Correct the customer (F3 on the customer card) and try again."
    ),
    "doc.buyer_no_org_number": (
        "An invoice to a business must name its organisation number: {name} has none. "
        "Correct the customer (F3 on the customer card) and try again."
    ),
    "doc.not_found": "The document does not exist.",
    "doc.amount_invalid": "Type an amount in kroner, e.g. 250 or 1250.50.",
    "doc.product_unknown": "The product “{key}” is not on the price list.",
    "doc.quantity_invalid": "The quantity must be a whole number from 1 to 999.",
    "doc.discount_reason": "A discount needs a reason.",
    "doc.discount_text": "Discount: {reason}",
    "doc.method_invalid": "The payment method must be card, cash or Vipps.",
    "doc.reference_missing": "Type the receipt number from the till.",
    "doc.order_not_confirmed": "Order {number} is not confirmed; it cannot be invoiced.",
    "doc.already_invoiced": "Order {order} is invoiced already: invoice {number}.",
    "doc.total_negative": "An invoice cannot total less than zero (the discount is too big).",
    "doc.paid_too_much": "More was paid at the till than the invoice's total ({total}).",
    "doc.not_payable": "Only an issued invoice can be marked paid.",
    "doc.already_paid": "{title} is paid already.",
    "doc.pay_too_much": "The amount is more than what is left ({due}).",
    "doc.paid_note": "{title} paid {amount}",
    "doc.void_reason": "Type why the invoice is voided.",
    "doc.not_voidable": "Only an issued invoice can be voided.",
    "doc.void_too_late": (
        "{title} cannot be voided (it is paid, credited or from an earlier day): make a "
        "credit note instead."
    ),
    "doc.pdf_mismatch": (
        "The PDF {file} cannot be made byte-identical to the first one (the program or "
        "font changed). Take the file from the backup of the documents folder."
    ),
    "doc.restricted": (
        "The document belongs to an erased customer: it is kept for the bookkeeping and "
        "not used for contact."
    ),
    "doc.quote_line_invalid": "Line {line}: {error}",
    "doc.quote_empty": "A quote needs at least one line.",
    "doc.valid_until_past": "The valid-until date has passed.",
    "doc.not_a_quote": "This is not a quote that can be accepted.",
    "doc.quote_accepted": "Quote {number} is accepted already (order {order}).",
    "doc.quote_expired": "Quote {number} expired on {date} and cannot be accepted. Make a new one.",
    "doc.credit_reason_missing": "Type why it is credited.",
    "doc.not_creditable": "Only an issued invoice can be credited.",
    "doc.credited_already": "{title} is credited in full already.",
    "doc.credit_too_much": "Cannot credit more than what is left ({left}).",
    "doc.credit_text": "Credit of invoice {number}",
    "doc.export.period": "The to-date is before the from-date.",
    "doc.export.write_failed": "Cannot write the export to {path}: {error}",
    "doc.erase_kept": (
        "Invoices and other accounting records are kept, restricted, until {date} "
        "(the Bookkeeping Act § 13) and then deleted by “viver purge-expired”."
    ),
    "key.documents": "Documents",
    "key.customer_documents": "Documents",
    "key.invoice": "Invoice",
    "key.next_company": "Seller",
    "key.doc_new": "New",
    "key.doc_print": "Print",
    "key.doc_pdf": "PDF",
    "key.doc_paid": "Mark paid",
    "key.doc_credit": "Credit",
    "key.doc_void": "Void",
    "key.doc_accept": "Accept quote",
    "doc.intake.company": "Seller: {name}",
    "doc.company_fixed": "The seller can only be changed before the order is confirmed.",
    "doc.col.document": "Document",
    "doc.col.company": "Seller",
    "doc.col.date": "Date",
    "doc.col.total": "Total",
    "doc.col.state": "State",
    "doc.state.void": "void",
    "doc.state.restricted": "restricted (erased customer)",
    "doc.state.accepted": "accepted – order {number}",
    "doc.state.expired": "EXPIRED {date}",
    "doc.state.valid_until": "valid until {date}",
    "doc.state.credited": "credited",
    "doc.state.paid": "paid",
    "doc.state.due": "{amount} due {date}",
    "doc.state.credits": "credits invoice {number}",
    "doc.state.issued": "issued",
    "doc.screen.loading": "Fetching the documents …",
    "doc.screen.order": "Order {number} – seller {company} – work on the media: {amount}",
    "doc.screen.actual": "Actually done (from production): {actual} – estimated at intake: "
    "{estimate} – difference {difference}",
    "doc.screen.basis.actual": "actual {amount}, estimated {estimate}",
    "doc.screen.basis.estimate": "estimated {amount} – not measured",
    "doc.screen.customer.one": "Customer #{id} – 1 document",
    "doc.screen.customer.other": "Customer #{id} – {count} documents",
    "doc.screen.invoiced": "The order is invoiced (invoice {number}): credit it before a new one.",
    "doc.screen.none": "No documents yet.",
    "doc.screen.issued": "{title} is issued and sent to the receipt printer.",
    "doc.screen.printing": "{title} was sent to the receipt printer.",
    "doc.screen.pdf": "{title} is kept as a PDF: {path}",
    "doc.screen.saved": "{title}: {state}.",
    "doc.screen.accepted": "{title} is accepted: order {number}, media registered.",
    "doc.dialog.keys": "Enter: next field, and issue from the last · Esc: cancel",
    "doc.invoice.title": "Invoice for order {number} ({company})",
    "doc.invoice.total": "Work on the media: {amount}",
    "doc.invoice.products": "Products (key and quantity, commas between)",
    "doc.invoice.products_hint": "usb-32 2, dvd",
    "doc.invoice.discount": "Discount in NOK (empty: none)",
    "doc.invoice.reason": "Reason for the discount",
    "doc.invoice.paid": "Paid at the till now, NOK (empty: all sent as an invoice)",
    "doc.invoice.paid_hint": "empty = invoice with a due date",
    "doc.invoice.method": "Paid by (card, cash, vipps)",
    "doc.invoice.method_hint": "card",
    "doc.invoice.reference": "Receipt number from the till",
    "doc.invoice.summary": "{title}: {total} – {state}",
    "doc.quote.title": "New quote",
    "doc.quote.about": (
        "Lines: what (media kind or product), how many and for film/photos the minutes "
        "or photos each. Media kinds: {kinds} … Products: {products}."
    ),
    "doc.quote.lines": "Lines (commas between)",
    "doc.quote.valid_until": "Valid until (empty: the company's number of days)",
    "doc.quote.valid_hint": "24.12.2026 or +30",
    "doc.quote.company": "Seller",
    "doc.paid.title": "Mark {title} paid",
    "doc.paid.amount": "Amount in NOK (the rest: {rest})",
    "doc.paid.reference": "Reference (the bank's, optional)",
    "doc.credit.title": "Credit {title}",
    "doc.credit.amount": "Amount in NOK incl. VAT",
    "doc.credit.amount_hint": "empty = the whole invoice",
    "doc.credit.reason": "Reason (printed on the credit note)",
    "doc.void.title": "Void {title}",
    "doc.void.reason": "Reason (same day only, unpaid and never handed over; else credit it)",
    "cli.export.invoices.help": (
        "invoices and credit notes for the accounts: CSV with lines, the PDFs, the "
        "number series reconciled"
    ),
    "cli.export.invoices.from": "first date (issued), e.g. 2026-01-01",
    "cli.export.invoices.to": "last date (issued), e.g. 2026-12-31",
    "cli.export.invoices.out": "the folder to write to (made private, 0700)",
    "cli.export.invoices.date": "Write the dates as YYYY-MM-DD, e.g. 2026-11-24.",
    "cli.export.invoices.done": "Wrote {documents} ({rows}) to {path}; the PDFs in {pdfs}.",
    "cli.export.invoices.series.one": "{company} {series}: no. {first}–{last}, "
    "1 document, void: {void}",
    "cli.export.invoices.series.other": "{company} {series}: no. {first}–{last}, "
    "{count} documents, void: {void}",
    "cli.export.invoices.missing": "{company} {series}: missing no. {numbers}",
    "cli.purge.documents.one": "Deleted 1 document (an accounting record that was due).",
    "cli.purge.documents.other": "Deleted {count} documents (accounting records that were due).",
    "event.invoiced": "Invoiced",
    "event.paid": "Paid",
    "event.voided": "Invoice voided",
    "event.from_quote": "Made from a quote",
    "event.credited": "Credited",
    "print.kind.document": "document",
    "print.sent.document": "{code} was sent – check that it came out (F9: print again)",
    "print.uncertain.document": (
        "Not sure {code} came out: {reason}. F9: print again or mark as printed"
    ),
    "print.jobs.row_alone": "{what} – {state}{reason}",
    "print.status.printed_alone": "Printed {what}",
    "print.status.spooled_alone": "Preview: {what} saved as {path}",
    "print.status.waiting_alone": "{problem} – {what} waits, next try in {seconds} s (F9: try now)",
    "print.status.failed_alone": "{problem} – {what} is not printed (F9)",
}
