"""The innsyn answer: internal codes (kinds, states, log actions, order events) in words."""

NB = {
    "innsyn.kind_word.vhs": "VHS-kassett",
    "innsyn.kind_word.vhs-c": "VHS-C-kassett",
    "innsyn.kind_word.video8": "Video8/Hi8-kassett",
    "innsyn.kind_word.minidv": "MiniDV-kassett",
    "innsyn.kind_word.betamax": "Betamax-kassett",
    "innsyn.kind_word.super8": "Super 8-film",
    "innsyn.kind_word.8mm": "8 mm-film",
    "innsyn.kind_word.16mm": "16 mm-film",
    "innsyn.kind_word.audio-cassette": "lydkassett",
    "innsyn.kind_word.reel-tape": "spolebånd",
    "innsyn.kind_word.photo-series": "bildeserie",
    "innsyn.kind_word.slides": "lysbilder",
    "innsyn.kind_word.negatives": "negativer",
    "innsyn.kind_word.paper": "papir/dokumenter",
    "innsyn.kind_word.other": "annet",
    "innsyn.printer.label": "etikettskriveren",
    "innsyn.printer.receipt": "kvitteringsskriveren",
    "innsyn.print.medium": "{kind} for medium {code}",
    "innsyn.print.order": "{kind} for ordre {number}",
    "innsyn.print.reprint": "skrevet ut på nytt",
    "innsyn.event.opened": "ordren ble påbegynt",
    "innsyn.event.edited": "ordren ble endret",
    "innsyn.event.edited_fields": "ordren ble endret: {fields}",
    "innsyn.event.confirmed": "ordren ble bekreftet",
    "innsyn.event.cancelled": "ordren ble avbrutt",
    "innsyn.event.status": "status endret",
    "innsyn.event.note": "notat",
    "innsyn.event.returned": "levert tilbake til deg",
    "innsyn.event.delivered": "ordren ble levert",
    "innsyn.event.released_unfinished": "levert ut før den var ferdig (etter spørsmål)",
    "innsyn.event.release_declined": "ikke levert ut før den var ferdig",
    "innsyn.event.visit_ended": "henting avsluttet",
    "innsyn.event.closed_missing": "ordren ble avsluttet med medier som mangler",
    "innsyn.event.step": "et steg i produksjonen",
    "innsyn.event.step_undone": "et steg i produksjonen ble angret",
    "innsyn.event.outcome": "resultatet ble registrert",
    "innsyn.event.actual": "faktisk mengde registrert",
    "innsyn.event.ready": "ordren ble klar til henting",
    "innsyn.event.unready": "ordren var likevel ikke klar til henting",
    "innsyn.event.from_quote": "ordren ble laget fra et tilbud",
    "innsyn.event.invoiced": "fakturert",
    "innsyn.event.paid": "betalt",
    "innsyn.event.voided": "faktura annullert",
    "innsyn.event.credited": "kreditert",
    "innsyn.event.production_note": "notat fra produksjonen",
    "innsyn.outcome_note": "Merknad til resultatet",
    "innsyn.production_notes": "Notater fra produksjonen",
    "innsyn.note.medium": "om medium {code}: {text}",
    "innsyn.note.corrects": "retter et tidligere notat",
    "innsyn.file": "mediefil {name} ({size})",
    "innsyn.file.delivered": "levert {at}",
    "innsyn.deliveries": "Levering av mediefilene",
    "innsyn.delivery.drive.one": "1 mediefil ({size}) kopiert til lagringsmediet ditt ({drive})",
    "innsyn.delivery.drive.other": (
        "{count} mediefiler ({size}) kopiert til lagringsmediet ditt ({drive})"
    ),
    "innsyn.delivery.stream.one": "1 mediefil ({size}) gjort tilgjengelig ved strømming",
    "innsyn.delivery.stream.other": "{count} mediefiler ({size}) gjort tilgjengelig ved strømming",
    "innsyn.delivery.sample.one": "1 mediefil ({size}) tatt ut som eksempel etter samtykket ditt",
    "innsyn.delivery.sample.other": (
        "{count} mediefiler ({size}) tatt ut som eksempel etter samtykket ditt"
    ),
    "innsyn.link": "strømmelenke, gyldig til {until}",
    "innsyn.link.revoked": "stengt {at} ({why})",
    "innsyn.link.why.staff": "av en ansatt",
    "innsyn.link.why.consent": "du trakk tilbake samtykket",
    "innsyn.link.why.purge": "garantiperioden var ute",
    "innsyn.link.why.erasure": "slettingen av deg",
    "innsyn.section.e_mails": "E-post til deg ({count})",
    "innsyn.mail": "{kind} ({status}) til {to}",
    "innsyn.mail.subject": "Emne",
    "innsyn.log.mail.confirmation": (
        "la en e-post til deg i utboksen: ordrebekreftelse for ordre "
        "{number}"
    ),
    "innsyn.log.mail.invoice": "la en e-post til deg i utboksen: faktura {number}",
    "innsyn.log.mail.ready": "la en e-post til deg i utboksen: ordre {number} er klar til henting",
    "innsyn.log.media_delivery.one": (
        "kopierte 1 mediefil fra ordre {number} til lagringsmediet "
        "ditt"
    ),
    "innsyn.log.media_delivery.other": (
        "kopierte {count} mediefiler fra ordre {number} til lagringsmediet ditt"
    ),
    "innsyn.log.media_sample": "tok ut mediefilen {name} som eksempel (etter samtykket ditt)",
    "innsyn.log.media_link": "laget en strømmelenke til mediefilene fra ordre {number}",
    "innsyn.log.media_link_revoked": "stengte en strømmelenke til mediefilene dine",
    "innsyn.log.media_download": (
        "mediefilen {name} ble lastet ned via strømmelenken ({size}, fra adressen {client})"
    ),
    "innsyn.log.opt_out.letter_link": "du reserverte deg mot kundebrev med lenken i et kundebrev",
    "innsyn.log.erase.restore": (
        "slettingen av deg ble gjort på nytt etter at en eldre sikkerhetskopi ble lagt tilbake"
    ),
    "innsyn.derived.intro": (
        "Søkenøkler avledet av navn, telefon og e-post, lagret for at skranken skal finne "
        "deg raskt; de slettes sammen med deg."
    ),
    "innsyn.derived.name_word": "ord i navnet",
    "innsyn.derived.name_words_pair": "par av ord i navnet",
    "innsyn.derived.email": "e-post",
    "innsyn.derived.digits": "sifre i telefonnummeret (og organisasjonsnummeret)",
    "innsyn.derived.digits_reversed": "sifrene i telefonnummeret baklengs",
    "innsyn.derived.copy": (
        "hver søkenøkkel har med en kopi av det et søketreff viser: {fields}"
    ),
    "innsyn.derived.spool": (
        "forhåndsvisninger av utskriftene (etiketter, ordreskjema, kvitteringer) på "
        "skrankens maskin"
    ),
    "innsyn.about.category.documents": (
        "Dokumenter: tilbud, ordrebekreftelser, fakturaer og kreditnotaer vi har laget til "
        "deg, og betalingene."
    ),
    "innsyn.about.retention.documents": (
        "Fakturaer og kreditnotaer (og tilbud og ordrebekreftelser for samme salg): 5 år "
        "etter utgangen av regnskapsåret de ble utstedt i (bokføringsloven § 13); etter en "
        "sletting beholdes de slik de ble utstedt, men brukes ikke til noe annet."
    ),
    "innsyn.section.documents": "Dokumenter ({count})",
    "innsyn.document.issued": "utstedt {date}",
    "innsyn.document.due_on": "forfall {date}",
    "innsyn.document.valid_until": "gyldig til {date}",
    "innsyn.document.paid": "betalt: {payments}",
    "innsyn.document.status.issued": "utstedt",
    "innsyn.document.status.void": "annullert",
    "innsyn.document.status.accepted": "akseptert",
    "innsyn.payment.card": "kort",
    "innsyn.payment.cash": "kontant",
    "innsyn.payment.vipps": "Vipps",
    "innsyn.payment.bank": "bank",
    "innsyn.log.view.pdf": "åpnet {title} som PDF",
    "innsyn.log.document_create": "laget {title}",
    "innsyn.log.document_print": "bestilte utskrift: {title}",
    "innsyn.log.view.card": "så på kundekortet ditt",
    "innsyn.log.view.order": "så ordre {number} på ordreskjermen",
    "innsyn.log.view.pickup": "så ordre {number} på utleveringsskjermen",
    "innsyn.log.list": "du var med i en søkeresultatliste på skjermen (vist: {fields})",
    "innsyn.log.create": "registrerte deg som kunde",
    "innsyn.log.update": "rettet {fields}",
    "innsyn.log.opt_out": "registrerte reservasjonen din mot kundebrev",
    "innsyn.log.opt_in": "fjernet reservasjonen din mot kundebrev",
    "innsyn.log.export": "laget et innsyn: alt vi har om deg",
    "innsyn.log.erase": "slettet opplysningene om deg",
    "innsyn.log.erase_refused": "sletting avvist ({why})",
    "innsyn.log.refused.blocked": "originaler i huset eller en ordre ikke levert",
    "innsyn.log.refused.role": "den ansatte hadde ikke tilgang",
    "innsyn.log.print": "bestilte utskrift: {what}",
    "innsyn.log.consent_given": "registrerte samtykke til {purpose} (tekstversjon {version})",
    "innsyn.log.consent_withdrawn": "registrerte at du trakk tilbake samtykke til {purpose}",
    "innsyn.log.access_request.received": "registrerte innsynsbegjæringen din",
    "innsyn.log.access_request.answered": "besvarte innsynsbegjæringen din",
    "innsyn.log.pickup_override.one": "avsluttet ordre {number} med 1 medium som mangler",
    "innsyn.log.pickup_override.other": "avsluttet ordre {number} med {count} medier som mangler",
}

EN = {
    "innsyn.kind_word.vhs": "VHS cassette",
    "innsyn.kind_word.vhs-c": "VHS-C cassette",
    "innsyn.kind_word.video8": "Video8/Hi8 cassette",
    "innsyn.kind_word.minidv": "MiniDV cassette",
    "innsyn.kind_word.betamax": "Betamax cassette",
    "innsyn.kind_word.super8": "Super 8 film reel",
    "innsyn.kind_word.8mm": "8 mm film reel",
    "innsyn.kind_word.16mm": "16 mm film reel",
    "innsyn.kind_word.audio-cassette": "audio cassette",
    "innsyn.kind_word.reel-tape": "reel-to-reel tape",
    "innsyn.kind_word.photo-series": "photo series",
    "innsyn.kind_word.slides": "slides",
    "innsyn.kind_word.negatives": "negatives",
    "innsyn.kind_word.paper": "paper/documents",
    "innsyn.kind_word.other": "other",
    "innsyn.printer.label": "the label printer",
    "innsyn.printer.receipt": "the receipt printer",
    "innsyn.print.medium": "{kind} for medium {code}",
    "innsyn.print.order": "{kind} for order {number}",
    "innsyn.print.reprint": "printed again",
    "innsyn.event.opened": "the order was started",
    "innsyn.event.edited": "the order was changed",
    "innsyn.event.edited_fields": "the order was changed: {fields}",
    "innsyn.event.confirmed": "the order was confirmed",
    "innsyn.event.cancelled": "the order was cancelled",
    "innsyn.event.status": "status changed",
    "innsyn.event.note": "note",
    "innsyn.event.returned": "handed back to you",
    "innsyn.event.delivered": "the order was delivered",
    "innsyn.event.released_unfinished": "handed out before it was done (after asking)",
    "innsyn.event.release_declined": "not handed out before it was done",
    "innsyn.event.visit_ended": "pickup ended",
    "innsyn.event.closed_missing": "the order was closed with media missing",
    "innsyn.event.step": "a production step",
    "innsyn.event.step_undone": "a production step was undone",
    "innsyn.event.outcome": "the outcome was recorded",
    "innsyn.event.actual": "the actual amount was recorded",
    "innsyn.event.ready": "the order became ready for pickup",
    "innsyn.event.unready": "the order was not ready for pickup after all",
    "innsyn.event.from_quote": "the order was made from a quote",
    "innsyn.event.invoiced": "invoiced",
    "innsyn.event.paid": "paid",
    "innsyn.event.voided": "invoice voided",
    "innsyn.event.credited": "credited",
    "innsyn.event.production_note": "production note",
    "innsyn.outcome_note": "Note on the outcome",
    "innsyn.production_notes": "Notes from production",
    "innsyn.note.medium": "on medium {code}: {text}",
    "innsyn.note.corrects": "corrects an earlier note",
    "innsyn.file": "media file {name} ({size})",
    "innsyn.file.delivered": "delivered {at}",
    "innsyn.deliveries": "Delivery of the media files",
    "innsyn.delivery.drive.one": "1 file ({size}) copied to your storage medium ({drive})",
    "innsyn.delivery.drive.other": (
        "{count} files ({size}) copied to your storage medium ({drive})"
    ),
    "innsyn.delivery.stream.one": "1 file ({size}) made available by streaming",
    "innsyn.delivery.stream.other": "{count} files ({size}) made available by streaming",
    "innsyn.delivery.sample.one": "1 file ({size}) taken as a sample with your consent",
    "innsyn.delivery.sample.other": (
        "{count} files ({size}) taken as samples with your consent"
    ),
    "innsyn.link": "streaming link, valid until {until}",
    "innsyn.link.revoked": "closed {at} ({why})",
    "innsyn.link.why.staff": "by a staff member",
    "innsyn.link.why.consent": "you withdrew your consent",
    "innsyn.link.why.purge": "the warranty period had passed",
    "innsyn.link.why.erasure": "your erasure",
    "innsyn.section.e_mails": "E-mail to you ({count})",
    "innsyn.mail": "{kind} ({status}) to {to}",
    "innsyn.mail.subject": "Subject",
    "innsyn.log.mail.confirmation": (
        "wrote an e-mail to you to the outbox: the order confirmation for order "
        "{number}"
    ),
    "innsyn.log.mail.invoice": "wrote an e-mail to you to the outbox: invoice {number}",
    "innsyn.log.mail.ready": (
        "wrote an e-mail to you to the outbox: order {number} is ready for "
        "pickup"
    ),
    "innsyn.log.media_delivery.one": "copied 1 file of order {number} to your storage medium",
    "innsyn.log.media_delivery.other": (
        "copied {count} files of order {number} to your storage medium"
    ),
    "innsyn.log.media_sample": "took the media file {name} as a sample (with your consent)",
    "innsyn.log.media_link": "made a streaming link to the media files of order {number}",
    "innsyn.log.media_link_revoked": "closed a streaming link to your media files",
    "innsyn.log.media_download": (
        "the media file {name} was downloaded over the streaming link ({size}, from the "
        "address {client})"
    ),
    "innsyn.log.opt_out.letter_link": "you opted out of customer letters by the link in a letter",
    "innsyn.log.erase.restore": (
        "your erasure was made again after an older backup was restored"
    ),
    "innsyn.derived.intro": (
        "Search keys derived from your name, phone and e-mail, kept so that the counter "
        "finds you quickly; they are erased with you."
    ),
    "innsyn.derived.name_word": "words of the name",
    "innsyn.derived.name_words_pair": "pairs of words of the name",
    "innsyn.derived.email": "e-mail",
    "innsyn.derived.digits": "digits of the phone number (and organisation number)",
    "innsyn.derived.digits_reversed": "the phone number's digits reversed",
    "innsyn.derived.copy": "each search key carries a copy of what a search hit shows: {fields}",
    "innsyn.derived.spool": (
        "previews of the prints (labels, order form, receipts) on the counter's computer"
    ),
    "innsyn.about.category.documents": (
        "Documents: quotes, order confirmations, invoices and credit notes we made for "
        "you, and the payments."
    ),
    "innsyn.about.retention.documents": (
        "Invoices and credit notes (and the quotes and order confirmations of the same "
        "sales): 5 years after the end of the financial year they were issued in "
        "(Bookkeeping Act § 13); after an erasure they are kept as issued but used for "
        "nothing else."
    ),
    "innsyn.section.documents": "Documents ({count})",
    "innsyn.document.issued": "issued {date}",
    "innsyn.document.due_on": "due {date}",
    "innsyn.document.valid_until": "valid until {date}",
    "innsyn.document.paid": "paid: {payments}",
    "innsyn.document.status.issued": "issued",
    "innsyn.document.status.void": "void",
    "innsyn.document.status.accepted": "accepted",
    "innsyn.payment.card": "card",
    "innsyn.payment.cash": "cash",
    "innsyn.payment.vipps": "Vipps",
    "innsyn.payment.bank": "bank",
    "innsyn.log.view.pdf": "opened {title} as a PDF",
    "innsyn.log.document_create": "made {title}",
    "innsyn.log.document_print": "asked for a print: {title}",
    "innsyn.log.view.card": "looked at your customer card",
    "innsyn.log.view.order": "looked at order {number} on the order screen",
    "innsyn.log.view.pickup": "looked at order {number} on the pickup screen",
    "innsyn.log.list": "you were in a list of search results on screen (shown: {fields})",
    "innsyn.log.create": "registered you as a customer",
    "innsyn.log.update": "corrected {fields}",
    "innsyn.log.opt_out": "registered your opt-out of customer letters",
    "innsyn.log.opt_in": "removed your opt-out of customer letters",
    "innsyn.log.export": "made an access export: all we hold on you",
    "innsyn.log.erase": "erased your data",
    "innsyn.log.erase_refused": "erasure refused ({why})",
    "innsyn.log.refused.blocked": "originals in the house or an order not delivered",
    "innsyn.log.refused.role": "the staff member was not allowed",
    "innsyn.log.print": "asked for a print: {what}",
    "innsyn.log.consent_given": "registered consent to {purpose} (text version {version})",
    "innsyn.log.consent_withdrawn": "registered that you withdrew consent to {purpose}",
    "innsyn.log.access_request.received": "registered your access request",
    "innsyn.log.access_request.answered": "answered your access request",
    "innsyn.log.pickup_override.one": "closed order {number} with 1 medium missing",
    "innsyn.log.pickup_override.other": "closed order {number} with {count} media missing",
}
