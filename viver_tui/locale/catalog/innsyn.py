"""The innsyn answer (GDPR art. 15), in both languages: what the person receives.

Worded from the shop's privacy statement (Personvern og databehandling, Videoverkstedet
AS / Viverfilm AS). A shop that words its statement differently changes it here.
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
    # 1–6: about the processing
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
    # the data
    "innsyn.section.data": "Opplysningene vi har om deg",
    "innsyn.section.customer": "Kundeopplysninger",
    "innsyn.section.orders": "Ordrer ({count})",
    "innsyn.section.consents": "Samtykker ({count})",
    "innsyn.section.derived": "Avledede kopier: søkenøkler ({count})",
    "innsyn.section.access_log.one": "Tilgangslogg (1 oppføring)",
    "innsyn.section.access_log.other": "Tilgangslogg ({count} oppføringer)",
    "innsyn.section.requests": "Innsynsbegjæringer ({count})",
    "innsyn.empty": "–",
    "innsyn.by": "ansatt {staff}",
    "innsyn.by_system": "systemet",
    "innsyn.kind.private": "privatkunde",
    "innsyn.kind.business": "bedriftskunde",
    "innsyn.id": "Kundenummer",
    "innsyn.kind": "Type",
    "innsyn.name": "Navn",
    "innsyn.phone": "Telefon",
    "innsyn.email": "E-post",
    "innsyn.address": "Adresse",
    "innsyn.postal_code": "Postnummer",
    "innsyn.city": "Poststed",
    "innsyn.org_number": "Organisasjonsnummer",
    "innsyn.language": "Språk i e-post til deg",
    "innsyn.language.nb": "norsk (bokmål)",
    "innsyn.language.en": "engelsk",
    "innsyn.letters_opt_out": "Reservasjon mot kundebrev",
    "innsyn.letters_opt_out_at": "Reservert mot kundebrev fra",
    "innsyn.created_at": "Registrert",
    "innsyn.updated_at": "Sist endret",
    "innsyn.erased_at": "Slettet",
    "innsyn.deletable_from": "Kan slettes helt fra",
    "innsyn.order": "Ordre",
    "innsyn.medium": "Medium",
    "innsyn.history": "Historikk",
    "innsyn.print_jobs": "Utskrifter",
    "innsyn.staff": "Tatt imot av",
    "innsyn.received_on": "Levert inn",
    "innsyn.promised_on": "Lovet ferdig",
    "innsyn.confirmed_at": "Bekreftet",
    "innsyn.closed_at": "Avsluttet",
    "innsyn.shelf": "Hylle",
    "innsyn.notes": "Notater",
    "innsyn.close_reason": "Grunn til avslutning med medier som mangler",
    "innsyn.estimate_ore": "Prisoverslag",
    "innsyn.sales_record_deletable_from": "Salgsdata kan slettes fra",
    "innsyn.description": "Påskrift",
    "innsyn.condition": "Tilstand",
    "innsyn.units": "Omfang",
    "innsyn.declared_count": "Bilder levert inn",
    "innsyn.returned_count": "Bilder levert tilbake",
    "innsyn.status": "Status",
    "innsyn.outcome": "Resultat",
    "innsyn.returned_at": "Levert tilbake",
    "innsyn.returned_by": "Levert tilbake av",
    "innsyn.purpose": "Samtykke til",
    "innsyn.text_version": "tekstversjon",
    "innsyn.text": "Tekst",
    "innsyn.given": "gitt",
    "innsyn.withdrawn": "trukket tilbake",
    "innsyn.request": "mottatt {received}, frist {deadline}",
    "innsyn.request.answered": "besvart {on} ({how})",
    # codes in words
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
    "innsyn.section.data": "The data we hold on you",
    "innsyn.section.customer": "Customer details",
    "innsyn.section.orders": "Orders ({count})",
    "innsyn.section.consents": "Consents ({count})",
    "innsyn.section.derived": "Derived copies: search keys ({count})",
    "innsyn.section.access_log.one": "Access log (1 entry)",
    "innsyn.section.access_log.other": "Access log ({count} entries)",
    "innsyn.section.requests": "Access requests ({count})",
    "innsyn.empty": "–",
    "innsyn.by": "staff {staff}",
    "innsyn.by_system": "the system",
    "innsyn.kind.private": "private customer",
    "innsyn.kind.business": "business customer",
    "innsyn.id": "Customer number",
    "innsyn.kind": "Kind",
    "innsyn.name": "Name",
    "innsyn.phone": "Phone",
    "innsyn.email": "E-mail",
    "innsyn.address": "Address",
    "innsyn.postal_code": "Postal code",
    "innsyn.city": "City",
    "innsyn.org_number": "Organisation number",
    "innsyn.language": "Language of e-mails to you",
    "innsyn.language.nb": "Norwegian (bokmål)",
    "innsyn.language.en": "English",
    "innsyn.letters_opt_out": "Opt-out of customer letters",
    "innsyn.letters_opt_out_at": "Opted out of customer letters on",
    "innsyn.created_at": "Registered",
    "innsyn.updated_at": "Last changed",
    "innsyn.erased_at": "Erased",
    "innsyn.deletable_from": "May be deleted entirely from",
    "innsyn.order": "Order",
    "innsyn.medium": "Medium",
    "innsyn.history": "History",
    "innsyn.print_jobs": "Prints",
    "innsyn.staff": "Taken in by",
    "innsyn.received_on": "Handed in",
    "innsyn.promised_on": "Promised for",
    "innsyn.confirmed_at": "Confirmed",
    "innsyn.closed_at": "Closed",
    "innsyn.shelf": "Shelf",
    "innsyn.notes": "Notes",
    "innsyn.close_reason": "Why it was closed with media missing",
    "innsyn.estimate_ore": "Price estimate",
    "innsyn.sales_record_deletable_from": "Sales record may be deleted from",
    "innsyn.description": "Inscription",
    "innsyn.condition": "Condition",
    "innsyn.units": "Extent",
    "innsyn.declared_count": "Photos handed in",
    "innsyn.returned_count": "Photos handed back",
    "innsyn.status": "Status",
    "innsyn.outcome": "Outcome",
    "innsyn.returned_at": "Handed back",
    "innsyn.returned_by": "Handed back by",
    "innsyn.purpose": "Consent to",
    "innsyn.text_version": "text version",
    "innsyn.text": "Text",
    "innsyn.given": "given",
    "innsyn.withdrawn": "withdrawn",
    "innsyn.request": "received {received}, deadline {deadline}",
    "innsyn.request.answered": "answered {on} ({how})",
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
