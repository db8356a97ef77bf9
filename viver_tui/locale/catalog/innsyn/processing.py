"""The innsyn answer, parts 1–6: what the shops do with the data and the person's
rights (GDPR art. 15(1)/(2)), worded from the shop's privacy statement (Personvern og
databehandling, Videoverkstedet AS / Viverfilm AS). A shop that words its statement
differently changes it here.
"""

NB = {
    "innsyn.title": "Innsyn: opplysninger vi har om deg",
    "innsyn.generated": "Skrevet {date} for kunde nr. {id}.",
    "innsyn.intro": (
        "Videoverkstedet AS og Viverfilm AS (begge eid av Viver AS) svarer her på din "
        "begjæring om innsyn etter personvernforordningen artikkel 15. Del 1–6 forklarer "
        "hva vi bruker opplysningene til, hvilke vi har, hvem som får dem, hvor lenge vi "
        "beholder dem, hvor de kommer fra og hvilke rettigheter du har. Deretter følger "
        "alt vi har registrert om deg i skrankesystemet."
    ),
    "innsyn.about.purposes": "Hva vi bruker opplysningene til (formål)",
    "innsyn.about.categories": "Hvilke opplysninger vi har om deg",
    "innsyn.about.recipients": "Hvem som får opplysningene (mottakere)",
    "innsyn.about.retention": "Hvor lenge vi oppbevarer opplysningene",
    "innsyn.about.source": "Hvor opplysningene kommer fra",
    "innsyn.about.rights": "Dine rettigheter",
    "innsyn.about.purpose.order": (
        "Oppdraget ditt: å ta imot, merke, digitalisere og levere tilbake mediene dine, og å "
        "holde kontakt med deg om det (tilbud, ordrebekreftelse, faktura, beskjed når "
        "ordren er klar). Opplysningene registreres ved første kontakt for å sikre korrekt "
        "kommunikasjon i den videre oppfølgingen."
    ),
    "innsyn.about.purpose.letters": (
        "Kundebrev: vi kan sende deg kundebrev. Du kan når som helst reservere deg mot at "
        "kontaktopplysningene dine brukes til det."
    ),
    "innsyn.about.purpose.letters_out": (
        "Kundebrev: du har reservert deg mot kundebrev fra {since}, og kontaktopplysningene "
        "dine brukes ikke til det."
    ),
    "innsyn.about.purpose.quality": (
        "Kvalitetssikring og garanti: notater fra produksjonen og e-post om oppdraget."
    ),
    "innsyn.about.purpose.accounting": (
        "Regnskap: salgsdata (ordrenummer, datoer, beløp) som bokføringsloven krever at vi "
        "oppbevarer."
    ),
    "innsyn.about.purpose.security": (
        "Sikkerhet: tilgangsloggen viser hvem av de ansatte som har sett, endret, skrevet "
        "ut, eksportert eller slettet opplysningene dine."
    ),
    "innsyn.about.purpose.media_files": (
        "Mediefilene (de digitale kopiene) brukes bare til oppdraget og det du uttrykkelig "
        "har samtykket til: {consents}."
    ),
    "innsyn.about.purpose.media_files_none": (
        "Mediefilene (de digitale kopiene) brukes bare til oppdraget; du har ikke gitt "
        "samtykke til noe mer."
    ),
    "innsyn.about.category.contact": (
        "Kontaktopplysninger: navn, telefon, e-post, adresse (og organisasjonsnummer for "
        "bedrifter)."
    ),
    "innsyn.about.category.orders": (
        "Oppdrag: ordrene dine og mediene du har levert inn (type, påskrift, tilstand), "
        "status, prisoverslag, hylleplass, datoer og hvem som tok imot og leverte ut."
    ),
    "innsyn.about.category.notes": (
        "Ustrukturert informasjon: notater om ordren og fra produksjonen, og e-post."
    ),
    "innsyn.about.category.prints": (
        "Utskrifter med navnet ditt: en etikett på hvert medium, ordreskjemaet på boksen, "
        "kvitteringene."
    ),
    "innsyn.about.category.consents": "Samtykker du har gitt eller trukket tilbake.",
    "innsyn.about.category.derived": (
        "Avledede kopier: søkenøkler avledet av navn, telefon og e-post (så vi finner deg "
        "raskt ved skranken), og forhåndsvisninger av utskrifter på skrankens maskin."
    ),
    "innsyn.about.category.log": (
        "Tilgangsloggen om deg og innsynsbegjæringene dine."
    ),
    "innsyn.about.category.originals": (
        "Fysiske medier: originalene dine oppbevares i en boks merket med ordreskjemaet, "
        "der navnet ditt står, og merkes ved produksjonens start med en etikett med navn, "
        "ordrenummer og strekkode (for en bildeserie: emballasjen)."
    ),
    "innsyn.about.recipient.staff": (
        "De ansatte i Videoverkstedet AS og Viverfilm AS som arbeider med oppdraget ditt. "
        "Alle ansatte har forpliktet seg til å hindre uautorisert tilgang til eller "
        "spredning av kundedata. Produksjonen ser navnet ditt og ordrene, ikke "
        "kontaktopplysningene."
    ),
    "innsyn.about.recipient.nobody_else": (
        "Personopplysninger og medier utleveres ikke til uvedkommende. Mediefilene "
        "utleveres aldri til tredjeperson."
    ),
    "innsyn.about.recipient.printers": (
        "Utskriftene (etiketter, ordreskjema, kvitteringer) skrives på butikkens egne "
        "skrivere; ingen utskriftstjeneste utenfor huset får dem."
    ),
    "innsyn.about.recipient.mail": (
        "E-post fra oss til deg går gjennom e-posttjenesten vi sender med ({servers}); "
        "den får e-postadressen din og meldingen, ikke noe annet."
    ),
    "innsyn.about.recipient.mail_none": (
        "E-post fra oss til deg sendes ikke fra skrankesystemet gjennom noen "
        "e-posttjeneste; meldingene lagres som filer på vår egen maskin."
    ),
    "innsyn.about.recipient.abroad": (
        "Skrankesystemet lagrer opplysningene på våre egne maskiner; vi overfører dem ikke "
        "til land utenfor EU/EØS."
    ),
    "innsyn.about.retention.contact": (
        "Kontaktopplysninger og oppdrag: til du ber oss slette dem. Vi kan slette når "
        "alle originalene er levert tilbake og ordrene er avsluttet."
    ),
    "innsyn.about.retention.accounting": (
        "Salgsdata (ordrenummer, datoer, beløp): 5 år etter utgangen av regnskapsåret "
        "(bokføringsloven § 13), etter en sletting uten navnet ditt. For dine ordrer: "
        "{orders}."
    ),
    "innsyn.about.retention.order": "ordre {number} til {date}",
    "innsyn.about.retention.no_orders": "du har ingen ordrer",
    "innsyn.about.retention.notes": (
        "Notater fra produksjonen og e-post: sammen med ordren, så lenge garanti- og "
        "reklamasjonsordningene krever det; ved en sletting fjernes navnet, telefonen og "
        "e-posten din fra dem."
    ),
    "innsyn.about.retention.media_files.one": (
        "Mediefilene: i garantiperioden, 1 dag etter første levering; deretter slettes de "
        "uten varsel (lenger bare om du har samtykket til det)."
    ),
    "innsyn.about.retention.media_files.other": (
        "Mediefilene: i garantiperioden, {count} dager etter første levering; deretter "
        "slettes de uten varsel (lenger bare om du har samtykket til det)."
    ),
    "innsyn.about.retention.mail.one": (
        "E-post til deg: 1 dag etter at den ble sendt (for garanti og reklamasjon), og "
        "straks ved en sletting."
    ),
    "innsyn.about.retention.mail.other": (
        "E-post til deg: {count} dager etter at den ble sendt (for garanti og "
        "reklamasjon), og straks ved en sletting."
    ),
    "innsyn.about.retention.mail_until_erased": "E-post til deg: til du blir slettet.",
    "innsyn.about.retention.originals": (
        "Originalene: leveres tilbake til deg når oppdraget er ferdig."
    ),
    "innsyn.about.retention.spool.one": "Forhåndsvisninger av utskrifter på skrankens maskin: "
    "1 dag, og straks ved en sletting.",
    "innsyn.about.retention.spool.other": "Forhåndsvisninger av utskrifter på skrankens maskin: "
    "{count} dager, og straks ved en sletting.",
    "innsyn.about.retention.spool_until_erased": (
        "Forhåndsvisninger av utskrifter på skrankens maskin: til du blir slettet."
    ),
    "innsyn.about.retention.log": (
        "Tilgangsloggen: beholdes, også etter en sletting, med kundenummeret ditt og uten "
        "navnet, så det kan etterprøves hvem som har sett opplysningene dine."
    ),
    "innsyn.about.retention.backups.one": (
        "Sikkerhetskopier av databasen kan inneholde opplysningene i 1 dag, til kopien "
        "slettes; legges en eldre kopi tilbake, gjøres en sletting av deg på nytt."
    ),
    "innsyn.about.retention.backups.other": (
        "Sikkerhetskopier av databasen kan inneholde opplysningene i {count} dager, til "
        "kopien slettes; legges en eldre kopi tilbake, gjøres en sletting av deg på nytt."
    ),
    "innsyn.about.retention.backups_kept": (
        "Sikkerhetskopier av databasen kan inneholde opplysningene til kopien slettes; "
        "legges en eldre kopi tilbake, gjøres en sletting av deg på nytt."
    ),
    "innsyn.about.source.you": (
        "Fra deg: det du oppga ved første kontakt og ved innlevering, og endringer du har "
        "gitt oss beskjed om."
    ),
    "innsyn.about.source.us": (
        "Fra oss: ordre- og mediekoder, status, notater og historikk skrives av de ansatte; "
        "tilgangsloggen og søkenøklene lages av systemet."
    ),
    "innsyn.about.right.access": "Innsyn: dette svaret. Du kan be om det igjen.",
    "innsyn.about.right.correction": "Retting: si fra om noe er feil, så retter vi det.",
    "innsyn.about.right.erasure": (
        "Sletting: du kan be oss slette opplysningene om deg. Det bokføringsloven krever "
        "at vi beholder, beholdes uten navnet ditt. Vi kan ikke slette mens vi har "
        "originaler fra deg i huset."
    ),
    "innsyn.about.right.restriction": (
        "Begrensning: du kan be oss begrense bruken av opplysningene, for eksempel mens "
        "vi sjekker noe du mener er feil; da oppbevarer vi dem, men bruker dem ikke til "
        "noe annet."
    ),
    "innsyn.about.right.objection": (
        "Innsigelse: du kan protestere mot at vi bruker opplysningene dine, og når som "
        "helst reservere deg mot kundebrev."
    ),
    "innsyn.about.right.consent": "Samtykker kan trekkes tilbake når som helst.",
    "innsyn.about.right.complaint": (
        "Klage: mener du at vi behandler opplysningene dine i strid med reglene, kan du "
        "klage til Datatilsynet (www.datatilsynet.no)."
    ),
    "innsyn.about.right.automated": (
        "Vi tar ingen automatiserte avgjørelser om deg og driver ingen profilering."
    ),
    "innsyn.about.right.contact": "Spør i butikken, eller skriv til {contact}.",
}

EN = {
    "innsyn.title": "Access request: the data we hold on you",
    "innsyn.generated": "Written {date} for customer no. {id}.",
    "innsyn.intro": (
        "Videoverkstedet AS and Viverfilm AS (both owned by Viver AS) answer here your "
        "request for access under Article 15 of the General Data Protection Regulation. "
        "Parts 1–6 explain what we use the data for, which data we hold, who receives it, "
        "how long we keep it, where it came from and what your rights are. After them "
        "comes everything the counter system holds on you."
    ),
    "innsyn.about.purposes": "What we use the data for (purposes)",
    "innsyn.about.categories": "Which data we hold on you",
    "innsyn.about.recipients": "Who receives the data (recipients)",
    "innsyn.about.retention": "How long we keep the data",
    "innsyn.about.source": "Where the data came from",
    "innsyn.about.rights": "Your rights",
    "innsyn.about.purpose.order": (
        "Your order: to take in, label, digitize and hand back your media, and to keep in "
        "touch with you about it (quote, order confirmation, invoice, word when the order "
        "is ready). The data is registered at the first contact so that what follows is "
        "communicated correctly."
    ),
    "innsyn.about.purpose.letters": (
        "Customer letters: we may send you customer letters. You can opt out of your "
        "contact details being used for them at any time."
    ),
    "innsyn.about.purpose.letters_out": (
        "Customer letters: you opted out of customer letters on {since}, and your contact "
        "details are not used for them."
    ),
    "innsyn.about.purpose.quality": (
        "Quality assurance and warranty: notes from production and e-mail about the order."
    ),
    "innsyn.about.purpose.accounting": (
        "Accounting: sales records (order numbers, dates, amounts) that the Norwegian "
        "Bookkeeping Act requires us to keep."
    ),
    "innsyn.about.purpose.security": (
        "Security: the access log shows which staff member looked at, changed, printed, "
        "exported or erased your data."
    ),
    "innsyn.about.purpose.media_files": (
        "The media files (the digital copies) are used only for your order and for what "
        "you have explicitly consented to: {consents}."
    ),
    "innsyn.about.purpose.media_files_none": (
        "The media files (the digital copies) are used only for your order; you have not "
        "consented to anything more."
    ),
    "innsyn.about.category.contact": (
        "Contact details: name, phone, e-mail, address (and organisation number for "
        "businesses)."
    ),
    "innsyn.about.category.orders": (
        "Orders: your orders and the media you handed in (kind, inscription, condition), "
        "status, price estimate, shelf, dates, and who took them in and handed them back."
    ),
    "innsyn.about.category.notes": (
        "Unstructured information: notes about the order and from production, and e-mail."
    ),
    "innsyn.about.category.prints": (
        "Prints with your name: a label on each medium, the order form on the box, the "
        "receipts."
    ),
    "innsyn.about.category.consents": "Consents you have given or withdrawn.",
    "innsyn.about.category.derived": (
        "Derived copies: search keys derived from your name, phone and e-mail (so the "
        "counter finds you quickly), and print previews on the counter's computer."
    ),
    "innsyn.about.category.log": "The access log about you, and your access requests.",
    "innsyn.about.category.originals": (
        "Physical media: your originals are kept in a box marked with the order form, "
        "which shows your name, and at the start of production each carries a label with "
        "name, order number and barcode (for a photo series: its packaging)."
    ),
    "innsyn.about.recipient.staff": (
        "The staff of Videoverkstedet AS and Viverfilm AS who work on your order. All "
        "staff have committed themselves to prevent unauthorised access to or spreading "
        "of customer data. Production sees your name and your orders, not your contact "
        "details."
    ),
    "innsyn.about.recipient.nobody_else": (
        "Personal data and media are not handed to anyone unauthorised. The media files "
        "are never handed to a third party."
    ),
    "innsyn.about.recipient.printers": (
        "The prints (labels, order form, receipts) are printed on the shop's own "
        "printers; no printing service outside the shop receives them."
    ),
    "innsyn.about.recipient.mail": (
        "E-mail from us to you goes through the e-mail service we send with "
        "({servers}); it receives your e-mail address and the message, nothing else."
    ),
    "innsyn.about.recipient.mail_none": (
        "E-mail from us to you is not sent from the counter system through any e-mail "
        "service; the messages are kept as files on our own computer."
    ),
    "innsyn.about.recipient.abroad": (
        "The counter system keeps the data on our own computers; we do not transfer it to "
        "countries outside the EU/EEA."
    ),
    "innsyn.about.retention.contact": (
        "Contact details and orders: until you ask us to erase them. We can erase once "
        "every original has been handed back and the orders are closed."
    ),
    "innsyn.about.retention.accounting": (
        "Sales records (order numbers, dates, amounts): 5 years after the end of the "
        "financial year (Bookkeeping Act § 13), after an erasure without your name. For "
        "your orders: {orders}."
    ),
    "innsyn.about.retention.order": "order {number} until {date}",
    "innsyn.about.retention.no_orders": "you have no orders",
    "innsyn.about.retention.notes": (
        "Production notes and e-mail: with the order, as long as the warranty and "
        "complaint arrangements require; an erasure removes your name, phone and e-mail "
        "from them."
    ),
    "innsyn.about.retention.media_files.one": (
        "The media files: for the warranty period, 1 day after the first delivery; then "
        "they are deleted without notice (longer only if you consented to it)."
    ),
    "innsyn.about.retention.media_files.other": (
        "The media files: for the warranty period, {count} days after the first delivery; "
        "then they are deleted without notice (longer only if you consented to it)."
    ),
    "innsyn.about.retention.mail.one": (
        "E-mail to you: 1 day after it was sent (for the warranty and complaints), and "
        "at once on an erasure."
    ),
    "innsyn.about.retention.mail.other": (
        "E-mail to you: {count} days after it was sent (for the warranty and "
        "complaints), and at once on an erasure."
    ),
    "innsyn.about.retention.mail_until_erased": "E-mail to you: until you are erased.",
    "innsyn.about.retention.originals": (
        "The originals: handed back to you when the order is done."
    ),
    "innsyn.about.retention.spool.one": "Print previews on the counter's computer: 1 "
    "day, and at once on an erasure.",
    "innsyn.about.retention.spool.other": "Print previews on the counter's computer: {count} "
    "days, and at once on an erasure.",
    "innsyn.about.retention.spool_until_erased": (
        "Print previews on the counter's computer: until you are erased."
    ),
    "innsyn.about.retention.log": (
        "The access log: kept, also after an erasure, with your customer number and "
        "without your name, so it can be checked who looked at your data."
    ),
    "innsyn.about.retention.backups.one": (
        "Backups of the database may hold the data for 1 day, until the backup is "
        "deleted; if an older backup is restored, an erasure of you is made again."
    ),
    "innsyn.about.retention.backups.other": (
        "Backups of the database may hold the data for {count} days, until the backup is "
        "deleted; if an older backup is restored, an erasure of you is made again."
    ),
    "innsyn.about.retention.backups_kept": (
        "Backups of the database may hold the data until the backup is deleted; if an "
        "older backup is restored, an erasure of you is made again."
    ),
    "innsyn.about.source.you": (
        "From you: what you told us at the first contact and when handing in, and changes "
        "you have told us about."
    ),
    "innsyn.about.source.us": (
        "From us: order and media codes, status, notes and history are written by the "
        "staff; the access log and the search keys are made by the system."
    ),
    "innsyn.about.right.access": "Access: this answer. You may ask for it again.",
    "innsyn.about.right.correction": "Correction: tell us if anything is wrong and we fix it.",
    "innsyn.about.right.erasure": (
        "Erasure: you may ask us to erase the data on you. What the Bookkeeping Act "
        "requires us to keep is kept without your name. We cannot erase while we hold "
        "originals of yours."
    ),
    "innsyn.about.right.restriction": (
        "Restriction: you may ask us to restrict the use of your data, for instance while "
        "we check something you think is wrong; we then keep it but use it for nothing "
        "else."
    ),
    "innsyn.about.right.objection": (
        "Objection: you may object to our use of your data, and opt out of customer "
        "letters at any time."
    ),
    "innsyn.about.right.consent": "Consents can be withdrawn at any time.",
    "innsyn.about.right.complaint": (
        "Complaint: if you think we process your data against the rules, you may complain "
        "to Datatilsynet, the Norwegian Data Protection Authority (www.datatilsynet.no)."
    ),
    "innsyn.about.right.automated": (
        "We make no automated decisions about you and do no profiling."
    ),
    "innsyn.about.right.contact": "Ask in the shop, or write to {contact}.",
}
