"""Printing: what labels, order forms and receipts say, and printer messages.

Paper keys (``paper.*``) are printed in bokmål whatever the screen language: the paper
goes to the customer and into the storage box.
"""

NB = {
    # on paper
    "paper.order": "Ordre {number}",
    "paper.order_form": "ORDRESKJEMA",
    "paper.receipt": "INNLEVERINGSKVITTERING",
    "paper.return_receipt": "UTLEVERINGSKVITTERING",
    "paper.reprint": "KOPI – skrevet ut på nytt",
    "paper.customer": "Kunde",
    "paper.received_on": "Levert inn",
    "paper.promised_on": "Lovet ferdig",
    "paper.shelf": "Hylle",
    "paper.staff": "Ansatt",
    "paper.date": "Dato",
    "paper.media": "Medier ({count})",
    "paper.notes": "Notater",
    "paper.estimate": "Prisoverslag",
    "paper.photos": "{count} bilder",
    "paper.rights": (
        "Du har rett til innsyn i, retting og sletting av opplysningene vi har om deg. "
        "Spør i butikken eller skriv til {contact}."
    ),
    "paper.keep_receipt": "Ta med kvitteringen når du henter.",
    "paper.returned_count": "{returned} av {total} utlevert",
    "paper.returned": "utlevert",
    "paper.missing": "mangler",
    "paper.outcome": "resultat: {outcome}",
    "paper.close_reason": "Avsluttet med medier som mangler: {reason}",
    "paper.photos_back": "{returned} av {declared} bilder tilbake",
    "paper.test_title": "TESTSIDE",
    "paper.test_letters": "Norske bokstaver: ÆØÅ æøå",
    "paper.test_printer": "Skriver: {url}",
    "paper.test_code_page": "Tegntabell: {code_page}, {columns} kolonner",
    "paper.test_barcode": "Strekkode (Code128, {mode}):",
    # outcomes (MediaItem.outcome)
    "outcome.ok": "OK",
    "outcome.blank": "tom",
    "outcome.damaged": "skadet",
    "outcome.mould": "mugg",
    "outcome.repaired": "røket/reparert",
    "outcome.not_transferable": "kan ikke overføres",
    # printer roles and job kinds
    "printer.label": "Etikettskriveren",
    "printer.receipt": "Kvitteringsskriveren",
    "print.kind.media_label": "etikett",
    "print.kind.order_form": "ordreskjema",
    "print.kind.receipt": "kvittering",
    "print.kind.return_receipt": "utleveringskvittering",
    # printer errors and status
    "print.error.refused": "tilkoblingen ble avvist",
    "print.error.timeout": "ingen svar på {seconds} s",
    "print.error.no_answer": "ingen svar på statusspørsmål",
    "print.error.dropped": "forbindelsen brøt midt i utskriften",
    "print.error.not_found": "finner ikke skriveren ({detail})",
    "print.error.paper_out": "tomt for papir",
    "print.error.driver_missing": (
        "mangler støtte for {kind}-skrivere; installer python-escpos[{extra}]"
    ),
    "print.error.bad_url": (
        "ukjent skriveradresse «{url}». Bruk usb://VID:PID, tcp://vert:9100, "
        "serial:///dev/ttyUSB0?baudrate=9600, file:///dev/usb/lp0, cups://Kø eller preview"
    ),
    "print.error.code_page": "skriveren kjenner ikke tegntabellen {code_page}",
    "print.error.other": "{detail}",
    "print.error.data_gone": "ordren eller mediet finnes ikke lenger",
    "print.unavailable": "{printer} svarer ikke ({url}): {reason}",
    "print.paper_out": "{printer}: tomt for papir ({url})",
    "print.status.ok": "Utskrift: alt er skrevet ut",
    "print.status.pending": "Utskrift: {count} i kø",
    "print.status.printed": "Skrev ut {what} for ordre {number}",
    "print.status.spooled": "Forhåndsvisning: {what} for ordre {number} lagret i {path}",
    "print.test.ok": "Testsiden er sendt til {url}.",
    "print.test.spooled": "Testsiden er lagret i {path} (forhåndsvisning):",
    "print.test.failed": "Kunne ikke skrive ut testsiden: {message}",
    "print.preview.title": "Forhåndsvisning",
    "print.preview.barcode": "[strekkode {value}]",
    "print.reprint.done": "Skriver ut {what} på nytt",
    "print.reprint.title": "Skriv ut på nytt – velg og trykk Enter",
    "key.reprint": "Skriv ut på nytt",
    "print.reprint.kind_invalid": "Kan ikke skrive ut «{kind}» på nytt.",
    "cli.print_test.help": "skriv ut en testside (ÆØÅ æøå og en strekkode)",
    "cli.print_test.printer": "skriveradresse (standard: kvitteringsskriveren i innstillingene)",
    "cli.print_test.label": "bruk etikettskriveren fra innstillingene",
}

EN = {
    "print.error.refused": "connection refused",
    "print.error.timeout": "no answer in {seconds} s",
    "print.error.no_answer": "no answer to status queries",
    "print.error.dropped": "the connection broke mid-job",
    "print.error.not_found": "printer not found ({detail})",
    "print.error.paper_out": "out of paper",
    "print.error.driver_missing": "no support for {kind} printers; install python-escpos[{extra}]",
    "print.error.bad_url": (
        "unknown printer address '{url}'. Use usb://VID:PID, tcp://host:9100, "
        "serial:///dev/ttyUSB0?baudrate=9600, file:///dev/usb/lp0, cups://Queue or preview"
    ),
    "print.error.code_page": "the printer does not know code page {code_page}",
    "print.error.other": "{detail}",
    "print.error.data_gone": "the order or medium no longer exists",
    "printer.label": "The label printer",
    "printer.receipt": "The receipt printer",
    "print.kind.media_label": "label",
    "print.kind.order_form": "order form",
    "print.kind.receipt": "receipt",
    "print.kind.return_receipt": "return receipt",
    "print.unavailable": "{printer} does not answer ({url}): {reason}",
    "print.paper_out": "{printer}: out of paper ({url})",
    "print.status.ok": "Printing: all printed",
    "print.status.pending": "Printing: {count} queued",
    "print.status.printed": "Printed {what} for order {number}",
    "print.status.spooled": "Preview: {what} for order {number} saved in {path}",
    "print.test.ok": "The test page was sent to {url}.",
    "print.test.spooled": "The test page was saved in {path} (preview):",
    "print.test.failed": "Could not print the test page: {message}",
    "print.preview.title": "Preview",
    "print.preview.barcode": "[barcode {value}]",
    "print.reprint.done": "Reprinting {what}",
    "print.reprint.title": "Reprint – choose and press Enter",
    "key.reprint": "Reprint",
    "print.reprint.kind_invalid": "Cannot reprint '{kind}'.",
    "cli.print_test.help": "print a test page (ÆØÅ æøå and a barcode)",
    "cli.print_test.printer": "printer address (default: the receipt printer in the settings)",
    "cli.print_test.label": "use the label printer from the settings",
}
