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
    "paper.photos.one": "1 bilde",
    "paper.photos.other": "{count} bilder",
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
    "paper.photos_back.one": "{returned} av 1 bilde tilbake",
    "paper.photos_back.other": "{returned} av {count} bilder tilbake",
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
    "print.error.closed_early": (
        "skriveren lukket forbindelsen før utskriften ble sendt – ingenting er skrevet ut"
    ),
    "print.error.not_found": "finner ikke skriveren ({detail})",
    "print.error.paper_out": "tomt for papir",
    "print.error.driver_missing": (
        "mangler støtte for {kind}-skrivere; installer python-escpos[{extra}]"
    ),
    "print.error.bad_url": "ugyldig skriveradresse «{url}»: {problem}",
    "print.error.url_forms": (
        "Bruk usb://VID:PID, tcp://vert:9100, serial:///dev/ttyUSB0?baudrate=9600, "
        "file:///dev/usb/lp0, cups://Kø eller preview"
    ),
    "print.url.no_scheme": "mangler typen foran «://» (for eksempel tcp://)",
    "print.url.scheme": "ukjent type «{scheme}»{hint}",
    "print.url.did_you_mean": " (mente du «{near}»?)",
    "print.url.host": "mangler vertsnavn eller IP-adresse",
    "print.url.port_text": "porten «{port}» er ikke et tall",
    "print.url.port_range": "porten {port} er utenfor 1–65535",
    "print.url.usb": (
        "en USB-adresse er leverandør:produkt i heksadesimal, for eksempel usb://04b8:0202"
    ),
    "print.url.path": "mangler filstien (for eksempel {example})",
    "print.url.queue": "mangler navnet på CUPS-køen",
    "print.url.option": "«{name}={value}» er ikke et tall",
    "print.bad_address": (
        "{printer} har en ugyldig adresse («{url}»): {problem}. "
        "Rett url under [printers.{role}] i innstillingene og start på nytt"
    ),
    "print.error.code_page": "skriveren kjenner ikke tegntabellen {code_page}",
    "print.error.other": "{detail}",
    "print.error.data_gone": "ordren eller mediet finnes ikke lenger",
    "print.error.not_confirmed": "skriveren bekreftet ikke utskriften",
    "print.error.crashed": "programmet stoppet mens den ble skrevet ut",
    "print.error.cannot_mark": "En utskrift som er «{state}» kan ikke merkes som skrevet ut.",
    "print.state.queued": "venter",
    "print.state.printing": "skrives ut",
    "print.state.printed": "skrevet ut",
    "print.state.unconfirmed": "sendt, ikke bekreftet",
    "print.state.uncertain": "usikker",
    "print.state.failed": "feilet",
    "print.sent.media_label": (
        "Etiketten er sendt – sjekk at den kom ut ({code}; F9: skriv ut igjen)"
    ),
    "print.sent.order_form": (
        "Ordreskjemaet er sendt – sjekk at det kom ut (ordre {code}; F9: skriv ut igjen)"
    ),
    "print.sent.receipt": (
        "Kvitteringen er sendt – sjekk at den kom ut (ordre {code}; F9: skriv ut igjen)"
    ),
    "print.sent.return_receipt": (
        "Utleveringskvitteringen er sendt – sjekk at den kom ut (ordre {code}; F9: skriv ut igjen)"
    ),
    "print.uncertain.media_label": (
        "Usikkert om etiketten {code} kom ut: {reason}. "
        "F9: skriv ut igjen eller merk som skrevet ut"
    ),
    "print.uncertain.order_form": (
        "Usikkert om ordreskjemaet for ordre {code} kom ut: {reason}. "
        "F9: skriv ut igjen eller merk som skrevet ut"
    ),
    "print.uncertain.receipt": (
        "Usikkert om kvitteringen for ordre {code} kom ut: {reason}. "
        "F9: skriv ut igjen eller merk som skrevet ut"
    ),
    "print.uncertain.return_receipt": (
        "Usikkert om utleveringskvitteringen for ordre {code} kom ut: {reason}. "
        "F9: skriv ut igjen eller merk som skrevet ut"
    ),
    "print.status.waiting": (
        "{problem} – {what} for ordre {number} venter, nytt forsøk om {seconds} s (F9: prøv nå)"
    ),
    "print.status.failed": "{problem} – {what} for ordre {number} er ikke skrevet ut (F9)",
    "print.attention.unconfirmed_labels.one": "{count} etikett ikke bekreftet",
    "print.attention.unconfirmed_labels.other": "{count} etiketter ikke bekreftet",
    "print.attention.unconfirmed_prints.one": "{count} utskrift ikke bekreftet",
    "print.attention.unconfirmed_prints.other": "{count} utskrifter ikke bekreftet",
    "print.attention.check.one": "{count} utskrift må sjekkes",
    "print.attention.check.other": "{count} utskrifter må sjekkes",
    "print.attention.f9": "{what} — F9",
    "printer.knows": "{printer} ({url}): {what}",
    "printer.knows.answers": "svarte på status {at}",
    "printer.knows.silent": (
        "svarte aldri på status — behandles som uten status "
        '(status = "no" i innstillingene hvis det stemmer)'
    ),
    "printer.knows.learning.one": "har ikke svart på status ennå ({missed} av 1 utskrift)",
    "printer.knows.learning.other": "har ikke svart på status "
    "ennå ({missed} av {count} utskrifter)",
    "printer.knows.unknown": "ikke spurt om status ennå",
    "printer.knows.set_yes": 'svarer på status (status = "yes")',
    "printer.knows.set_no": (
        'uten status (status = "no"): ubekreftede utskrifter står i listen, uten varsel'
    ),
    "printer.knows.cannot": "kan ikke svare på status (fil- eller CUPS-skriver)",
    "printer.knows.preview": "forhåndsvisning: lagres i spool-mappen",
    "printer.knows.bad_address": "ugyldig adresse",
    "print.test.not_confirmed": (
        "Testsiden er sendt til {url}, men skriveren bekreftet den ikke – sjekk at den kom ut."
    ),
    "print.jobs.title": "Utskrifter",
    "print.jobs.help": (
        "Enter: skriv ut igjen · F2: merk som skrevet ut · F9: prøv ventende nå · Esc: lukk"
    ),
    "print.jobs.empty": "Ingen utskrifter venter eller må sjekkes.",
    "print.jobs.row": "{what} (ordre {number}) – {state}{reason}",
    "print.jobs.again": "{what} skrives ut igjen.",
    "print.jobs.marked": "{what} er merket som skrevet ut.",
    "print.jobs.retried": "Prøver ventende utskrifter nå ({count}).",
    "key.print_jobs": "Utskrift",
    "key.preview": "Forhåndsvisning",
    "key.print_again": "Skriv ut igjen",
    "key.mark_printed": "Merk skrevet ut",
    "key.retry_now": "Prøv nå",
    "print.unavailable": "{printer} svarer ikke ({url}): {reason}",
    "print.paper_out": "{printer}: tomt for papir ({url})",
    "print.status.ok": "Utskrift: alt er skrevet ut",
    "print.status.pending": "Utskrift: {count} i kø",
    "print.status.printed": "Skrev ut {what} for ordre {number}",
    "print.status.spooled": "Forhåndsvisning: {what} for ordre {number} lagret som {path}",
    "print.test.ok": "Testsiden er skrevet ut på {url} (bekreftet av skriveren).",
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
    "print.error.closed_early": (
        "the printer closed the connection before the job was sent – nothing was printed"
    ),
    "print.error.not_found": "printer not found ({detail})",
    "print.error.paper_out": "out of paper",
    "print.error.driver_missing": "no support for {kind} printers; install python-escpos[{extra}]",
    "print.error.bad_url": "invalid printer address '{url}': {problem}",
    "print.error.url_forms": (
        "Use usb://VID:PID, tcp://host:9100, serial:///dev/ttyUSB0?baudrate=9600, "
        "file:///dev/usb/lp0, cups://Queue or preview"
    ),
    "print.url.no_scheme": "the kind before '://' is missing (for example tcp://)",
    "print.url.scheme": "unknown kind '{scheme}'{hint}",
    "print.url.did_you_mean": " (did you mean '{near}'?)",
    "print.url.host": "the host name or IP address is missing",
    "print.url.port_text": "port '{port}' is not a number",
    "print.url.port_range": "port {port} is outside 1–65535",
    "print.url.usb": "a USB address is vendor:product in hexadecimal, for example usb://04b8:0202",
    "print.url.path": "the file path is missing (for example {example})",
    "print.url.queue": "the CUPS queue name is missing",
    "print.url.option": "'{name}={value}' is not a number",
    "print.bad_address": (
        "{printer} has an invalid address ('{url}'): {problem}. "
        "Correct url under [printers.{role}] in the settings and start again"
    ),
    "print.error.code_page": "the printer does not know code page {code_page}",
    "print.error.other": "{detail}",
    "print.error.data_gone": "the order or medium no longer exists",
    "print.error.not_confirmed": "the printer did not confirm the job",
    "print.error.crashed": "the program stopped while it was printing",
    "print.error.cannot_mark": "A print that is '{state}' cannot be marked as printed.",
    "print.state.queued": "waiting",
    "print.state.printing": "printing",
    "print.state.printed": "printed",
    "print.state.unconfirmed": "sent, not confirmed",
    "print.state.uncertain": "uncertain",
    "print.state.failed": "failed",
    "print.sent.media_label": (
        "The label was sent – check that it came out ({code}; F9: print again)"
    ),
    "print.sent.order_form": (
        "The order form was sent – check that it came out (order {code}; F9: print again)"
    ),
    "print.sent.receipt": (
        "The receipt was sent – check that it came out (order {code}; F9: print again)"
    ),
    "print.sent.return_receipt": (
        "The return receipt was sent – check that it came out (order {code}; F9: print again)"
    ),
    "print.uncertain.media_label": (
        "Not sure label {code} came out: {reason}. F9: print again or mark as printed"
    ),
    "print.uncertain.order_form": (
        "Not sure the order form for order {code} came out: {reason}. "
        "F9: print again or mark as printed"
    ),
    "print.uncertain.receipt": (
        "Not sure the receipt for order {code} came out: {reason}. "
        "F9: print again or mark as printed"
    ),
    "print.uncertain.return_receipt": (
        "Not sure the return receipt for order {code} came out: {reason}. "
        "F9: print again or mark as printed"
    ),
    "print.status.waiting": (
        "{problem} – {what} for order {number} waits, next try in {seconds} s (F9: try now)"
    ),
    "print.status.failed": "{problem} – {what} for order {number} is not printed (F9)",
    "print.attention.unconfirmed_labels.one": "{count} label not confirmed",
    "print.attention.unconfirmed_labels.other": "{count} labels not confirmed",
    "print.attention.unconfirmed_prints.one": "{count} print not confirmed",
    "print.attention.unconfirmed_prints.other": "{count} prints not confirmed",
    "print.attention.check.one": "{count} print to check",
    "print.attention.check.other": "{count} prints to check",
    "print.attention.f9": "{what} — F9",
    "printer.knows": "{printer} ({url}): {what}",
    "printer.knows.answers": "answered status queries {at}",
    "printer.knows.silent": (
        "never answered status queries — treated as without status "
        '(status = "no" in the settings if that is right)'
    ),
    "printer.knows.learning.one": "has not answered status queries yet ({missed} of 1 print)",
    "printer.knows.learning.other": "has not answered status queries "
    "yet ({missed} of {count} prints)",
    "printer.knows.unknown": "not asked for status yet",
    "printer.knows.set_yes": 'answers status queries (status = "yes")',
    "printer.knows.set_no": (
        'without status (status = "no"): unconfirmed prints are listed, without a warning'
    ),
    "printer.knows.cannot": "cannot answer status queries (a file or CUPS printer)",
    "printer.knows.preview": "preview: saved in the spool folder",
    "printer.knows.bad_address": "invalid address",
    "print.test.not_confirmed": (
        "The test page was sent to {url}, but the printer did not confirm it – check it came out."
    ),
    "print.jobs.title": "Prints",
    "print.jobs.help": (
        "Enter: print again · F2: mark as printed · F9: retry waiting now · Esc: close"
    ),
    "print.jobs.empty": "No prints are waiting or need checking.",
    "print.jobs.row": "{what} (order {number}) – {state}{reason}",
    "print.jobs.again": "{what} will be printed again.",
    "print.jobs.marked": "{what} is marked as printed.",
    "print.jobs.retried": "Retrying waiting prints now ({count}).",
    "key.print_jobs": "Printing",
    "key.preview": "Preview",
    "key.print_again": "Print again",
    "key.mark_printed": "Mark printed",
    "key.retry_now": "Try now",
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
    "print.status.spooled": "Preview: {what} for order {number} saved as {path}",
    "print.test.ok": "The test page was printed on {url} (confirmed by the printer).",
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
