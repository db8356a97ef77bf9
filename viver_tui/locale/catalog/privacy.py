"""Privacy and access control: staff and sign-in, erasure, innsyn, consents, CLI.

Consent texts (``consent.<purpose>.<version>``) are always taken in bokmål: they are
what the customer agreed to. The innsyn answer's words are in ``innsyn.py``.
"""

NB = {
    # staff
    "staff.role.counter": "skranke",
    "staff.role.production": "produksjon",
    "staff.role.admin": "administrator",
    "staff.initials_invalid": "Initialer: 2–10 bokstaver eller sifre.",
    "staff.pin_invalid": "PIN: {min}–{max} sifre.",
    "staff.name_required": "Skriv navnet.",
    "staff.role_invalid": "Ukjent rolle (bruk {roles}).",
    "staff.first_must_be_admin": "Den første ansatte må være administrator.",
    "staff.initials_taken": "Initialene «{initials}» er allerede i bruk.",
    "staff.unknown": "Ingen ansatt med initialene «{initials}».",
    "staff.last_admin": "Den siste aktive administratoren kan ikke deaktiveres.",
    "staff.not_signed_in": "Du må logge inn som ansatt for å gjøre dette.",
    "staff.role_refused": "Din rolle ({role}) har ikke tilgang til dette.",
    "staff.sign_in_failed": "Ukjente initialer eller feil PIN.",
    "staff.wrong_pin": "Feil PIN.",
    "staff.wait": "Vent {seconds} s før neste forsøk.",
    "staff.signed_in": "Logget inn: {name}.",
    # sign-in screen
    "login.title": "Logg inn: initialer og PIN",
    "login.first_admin": "Ny database: opprett den første administratoren",
    "login.name": "Fullt navn",
    "login.initials": "Initialer",
    "login.pin": "PIN",
    "login.pin_again": "PIN en gang til",
    "key.lock": "Lås / bytt ansatt",
    # demo data
    "demo.staff_added": "Demoansatte lagt til: {staff} — PIN {pin}.",
    "demo.staff_taken": "Initialene {initials} er i bruk fra før; de er ikke lagt til som "
    "demoansatte.",
    # the access log's hash chain (services/audit.py, `viver check`)
    "audit.no_head": (
        "Tilgangsloggens kjedehode mangler, så ingenting kan logges. Kjør «viver check» "
        "og legg tilbake en sikkerhetskopi."
    ),
    "roles.sqlite": "--app-role gjelder bare PostgreSQL.",
    "roles.failed": (
        "Kunne ikke gi PostgreSQL-rollen «{role}» appens rettigheter: {error}. Kjør "
        "viver init som eieren av tabellene, og lag rollen først (createuser)."
    ),
    "roles.not_owner": "denne innloggingen eier ikke tabellen {table}",
    "roles.granted": (
        "Rollen «{role}» har appens rettigheter (ikke endre eller slette i tilgangsloggen)."
    ),
    "cli.init.app_role": (
        "PostgreSQL: gi denne rollen appens rettigheter (uten UPDATE/DELETE på "
        "tilgangsloggen); huskes til senere oppgraderinger"
    ),
    "audit.not_logged": "Utført, men kunne ikke skrives i tilgangsloggen: {error}",
    "audit.chain.summary.one": "tilgangslogg: 1 oppføring i kjede, nr. {seq} sist ({hash})",
    "audit.chain.summary.other": "tilgangslogg: {count} oppføringer i "
    "kjede, nr. {seq} sist ({hash})",
    "audit.chain.no_head": "Tilgangsloggens kjedehode (audit_chain_head) mangler.",
    "audit.chain.at_start": "fra begynnelsen",
    "audit.chain.after": "etter nr. {seq} fra {at}",
    "audit.chain.missing_one": (
        "Tilgangsloggen mangler oppføring nr. {seq} ({where}): den er slettet."
    ),
    "audit.chain.missing.one": "Tilgangsloggen mangler oppføring nr. {first}–{last} "
    "(1 stykk, {where}): den er slettet.",
    "audit.chain.missing.other": "Tilgangsloggen mangler oppføring nr. {first}–{last} "
    "({count} stykker, {where}): de er slettet.",
    "audit.chain.altered": (
        "Tilgangsloggen er endret ved oppføring nr. {seq} (id {id}, {at}, ansatt «{staff}»): "
        "den stemmer ikke med kjeden, så den eller oppføringen før er endret."
    ),
    "audit.chain.cut": (
        "Tilgangsloggen mangler de siste oppføringene, nr. {first}–{last}: de er slettet."
    ),
    "audit.chain.beyond_head": (
        "Tilgangsloggen har oppføring nr. {first}–{last} etter kjedehodet: lagt inn utenom viver."
    ),
    "audit.chain.head_differs": (
        "Tilgangsloggens kjedehode stemmer ikke med siste oppføring (nr. {seq})."
    ),
    "audit.chain.unchained.one": "1 oppføring i tilgangsloggen står utenfor kjeden "
    "(første id {id}): lagt inn utenom viver.",
    "audit.chain.unchained.other": "{count} oppføringer i tilgangsloggen står utenfor kjeden "
    "(første id {id}): lagt inn utenom viver.",
    "audit.chain.members": (
        "Kundenumrene til listen i tilgangsloggens oppføring nr. {seq} ({at}) stemmer ikke "
        "med oppslagstabellen audit_list_member: mangler der {missing}, lagt til der "
        "{extra}. Den er endret utenom viver."
    ),
    "audit.chain.noted_differs": (
        "Tilgangsloggens oppføring nr. {seq} har ikke lenger hashen som ble notert "
        "({noted}), men {now}: loggen er skrevet om fra den eller en tidligere oppføring."
    ),
    "audit.chain.noted_missing": (
        "Tilgangsloggen har ingen oppføring nr. {seq} (notert med hash {noted}): den er "
        "slettet, eller loggen er skåret av og har fått et nytt kjedehode."
    ),
    "audit.chain.noted_form": (
        "«{text}» er ikke et kjedehode: skriv nummeret og hashen slik viver check viste "
        "dem, f.eks. 48213:3fa4b2c1d9e07a66 (minst 8 tegn av hashen)."
    ),
    "audit.chain.stray_members.one": "1 rad i audit_list_member hører ikke til noen "
    "liste i tilgangsloggen (oppføring-id {id}): lagt inn utenom viver.",
    "audit.chain.stray_members.other": "{count} rader i audit_list_member hører ikke til "
    "noen liste i tilgangsloggen (første oppføring-id {id}): lagt inn utenom viver.",
    # erasure
    "privacy.customer_unknown": "Fant ingen kunde med nummer {id}.",
    "privacy.status.draft": "under innlevering",
    "privacy.status.received": "mottatt",
    "privacy.status.in_production": "under produksjon",
    "privacy.status.digitized": "digitalisert",
    "privacy.status.checked": "kontrollert",
    "privacy.status.done": "ferdig",
    "privacy.status.ready": "klar til henting",
    "privacy.status.returned": "utlevert",
    "privacy.status.closed": "avsluttet med medier som mangler",
    "privacy.status.cancelled": "avbrutt",
    "privacy.status.queued": "i kø",
    "privacy.status.printing": "skrives ut",
    "privacy.status.printed": "skrevet ut",
    "privacy.status.failed": "feilet",
    "privacy.erase.order_open": "ordre {number} er ikke levert ({status})",
    "privacy.erase.media_in_house.one": "1 original er ikke utlevert ({codes})",
    "privacy.erase.media_in_house.other": "{count} originaler er ikke utlevert ({codes})",
    "privacy.erase.refused": "Kan ikke slette kunden ennå: {reasons}.",
    "privacy.erase.already": "Kunde #{id} er allerede slettet.",
    "privacy.erase.pending": (
        "Kunde #{id} er fjernet fra registeret, men ikke ferdig slettet: et annet vindu "
        "eller en annen terminal leser databasen, så gamle data ligger fortsatt i filen. "
        "Slettingen fullføres ved neste oppstart eller med «viver purge-expired»."
    ),
    "privacy.erase.spool_failed": (
        "Kunde #{id} er fjernet fra registeret, men utskriftsfiler kunne ikke slettes "
        "({error}); ikke ferdig slettet."
    ),
    "privacy.erase.done": "Kunde #{id} er slettet.",
    "privacy.erase.backups": (
        "Sikkerhetskopier fra oppgraderinger kan fortsatt inneholde kunden: {files}."
    ),
    "privacy.erase.postgres_remains": (
        "PostgreSQL-serveren kan fortsatt ha de gamle dataene i WAL-filer og "
        "sikkerhetskopier til de roteres ut."
    ),
    "privacy.export.write_failed": "Kan ikke skrive til {path}: {error}.",
    "privacy.consent.unknown": "Ukjent samtykke «{purpose}».",
    "privacy.mailing.column.name": "navn",
    "privacy.mailing.column.email": "epost",
    "privacy.mailing.column.address": "adresse",
    "privacy.mailing.column.postal_code": "postnummer",
    "privacy.mailing.column.city": "poststed",
    # consents (what the customer agrees to)
    "consent.purpose.streaming": "levering ved strømming",
    "consent.purpose.keep_past_warranty": "oppbevaring etter garantiperioden",
    "consent.purpose.sample": "bruk som eksempel",
    "consent.streaming.2026-11": (
        "Jeg samtykker til at mediefilene fra min ordre lagres hos Viverfilm AS for å "
        "leveres til meg ved strømming, til jeg trekker samtykket tilbake."
    ),
    "consent.keep_past_warranty.2026-11": (
        "Jeg samtykker til at mediefilene fra min ordre oppbevares hos Viverfilm AS også "
        "etter garantiperioden, til jeg trekker samtykket tilbake."
    ),
    "consent.sample.2026-11": (
        "Jeg samtykker til at utdrag av mediefilene fra min ordre kan vises som eksempel "
        "på arbeidet til Videoverkstedet AS / Viverfilm AS, til jeg trekker samtykket tilbake."
    ),
    # command line
    "cli.staff.help": "ansatte: legg til, vis, deaktiver, ny PIN (administrator)",
    "cli.staff.add.help": "legg til en ansatt (den første må være administrator)",
    "cli.staff.list.help": "vis ansatte",
    "cli.staff.disable.help": "deaktiver en ansatt",
    "cli.staff.reset_pin.help": "gi en ansatt ny PIN",
    "cli.staff.name": "fullt navn",
    "cli.staff.initials": "initialer (2–10 tegn), brukes ved innlogging",
    "cli.staff.role": "rolle: counter (skranke), production (produksjon), admin",
    "cli.staff.by": "dine initialer (administrator); PIN leses fra terminalen",
    "cli.staff.target": "initialene til den ansatte",
    "cli.pin_prompt": "PIN for {initials}: ",
    "cli.new_pin_prompt": "Ny PIN for {initials}: ",
    "cli.new_pin_again": "Ny PIN en gang til: ",
    "cli.pin_mismatch": "PIN-kodene er ikke like.",
    "cli.no_pin": "Fikk ingen PIN (les fra terminal eller standard inn).",
    "cli.staff_required": "Oppgi --staff INITIALER (administrator).",
    "cli.staff.added": "La til {name} ({initials}, {role}).",
    "cli.staff.disabled": "Deaktiverte {initials}.",
    "cli.staff.pin_reset": "Ny PIN satt for {initials}.",
    "cli.staff.none": "Ingen ansatte ennå. Legg til den første: viver staff add --name … "
    "--initials … --role admin",
    "cli.staff.row": "{initials:<10} {role:<14} {state:<10} {name}",
    "cli.staff.active": "aktiv",
    "cli.staff.inactive": "deaktivert",
    "cli.customer.help": "personvern for en kunde: innsyn (export) og sletting (erase)",
    "cli.customer.export.help": "innsyn: skriv alt vi har om kunden til en mappe (JSON og tekst)",
    "cli.customer.erase.help": "slett kundens personopplysninger (når alt er utlevert)",
    "cli.customer.id": "kundenummeret",
    "cli.customer.out": "mappen filene skrives til",
    "cli.customer.how": "hvordan svaret leveres (f.eks. «e-post», «utskrift»)",
    "cli.customer.exported": "Innsyn for kunde #{id} skrevet til {json} og {text}.",
    "cli.requests.help": "innsynsbegjæringer: mottatt, frist, besvart (forfalte merket)",
    "cli.requests.open_only": "bare ubesvarte",
    "cli.requests.row": "kunde #{id:<8} mottatt {received}  frist {deadline}  {state}",
    "cli.requests.open": "ubesvart",
    "cli.requests.overdue": "FORFALT",
    "cli.requests.answered": "besvart {on}",
    "cli.requests.none": "Ingen innsynsbegjæringer.",
    "cli.export.help": "eksport av data (administrator)",
    "cli.export.mailing.help": "adresseliste for kundebrev (CSV, UTF-8), uten reserverte",
    "cli.export.out": "filen listen skrives til (standard: skjermen)",
    "cli.export.mailing.done.one": "Adresselisten har 1 mottaker: {path}.",
    "cli.export.mailing.done.other": "Adresselisten har {count} mottakere: {path}.",
    "cli.purge.help": "slett det som er forfalt (salgsdata etter 5 år, ventende slettinger)",
    "cli.purge.dry_run": "vis bare hva som ville blitt slettet",
    "cli.purge.done": "Slettet {orders} og {customers} som var forfalt.",
    "cli.purge.would": "Ville slettet {orders} og {customers} som er forfalt.",
    "cli.purge.pending.one": "1 sletting venter fortsatt (databasen er i bruk).",
    "cli.purge.pending.other": "{count} slettinger venter fortsatt (databasen er i bruk).",
}

EN = {
    "staff.role.counter": "counter",
    "staff.role.production": "production",
    "staff.role.admin": "administrator",
    "staff.initials_invalid": "Initials: 2–10 letters or digits.",
    "staff.pin_invalid": "PIN: {min}–{max} digits.",
    "staff.name_required": "Type the name.",
    "staff.role_invalid": "Unknown role (use {roles}).",
    "staff.first_must_be_admin": "The first staff member must be an administrator.",
    "staff.initials_taken": "The initials “{initials}” are taken.",
    "staff.unknown": "No staff member with the initials “{initials}”.",
    "staff.last_admin": "The last active administrator cannot be disabled.",
    "staff.not_signed_in": "Sign in as a staff member to do this.",
    "staff.role_refused": "Your role ({role}) does not allow this.",
    "staff.sign_in_failed": "Unknown initials or wrong PIN.",
    "staff.wrong_pin": "Wrong PIN.",
    "staff.wait": "Wait {seconds} s before the next try.",
    "staff.signed_in": "Signed in: {name}.",
    "login.title": "Sign in: initials and PIN",
    "login.first_admin": "New database: create the first administrator",
    "login.name": "Full name",
    "login.initials": "Initials",
    "login.pin": "PIN",
    "login.pin_again": "PIN again",
    "key.lock": "Lock / switch staff",
    "demo.staff_added": "Demo staff added: {staff} — PIN {pin}.",
    "demo.staff_taken": "The initials {initials} were taken already; not added as demo "
    "staff.",
    "audit.no_head": (
        "The access log's chain head is missing, so nothing can be logged. Run "
        "“viver check” and restore a backup."
    ),
    "roles.sqlite": "--app-role applies to PostgreSQL only.",
    "roles.failed": (
        "Could not give the PostgreSQL role “{role}” the app's privileges: {error}. Run "
        "viver init as the owner of the tables, and create the role first (createuser)."
    ),
    "roles.not_owner": "this login does not own the table {table}",
    "roles.granted": (
        "The role “{role}” has the app's privileges (no changing or deleting in the "
        "access log)."
    ),
    "cli.init.app_role": (
        "PostgreSQL: give this role the app's privileges (no UPDATE/DELETE on the access "
        "log); remembered for later upgrades"
    ),
    "audit.not_logged": "Done, but it could not be written to the access log: {error}",
    "audit.chain.summary.one": "access log: 1 entry chained, no. {seq} last ({hash})",
    "audit.chain.summary.other": "access log: {count} entries chained, no. {seq} last ({hash})",
    "audit.chain.no_head": "The access log's chain head (audit_chain_head) is missing.",
    "audit.chain.at_start": "from the start",
    "audit.chain.after": "after no. {seq} of {at}",
    "audit.chain.missing_one": "The access log lacks entry no. {seq} ({where}): it was deleted.",
    "audit.chain.missing.one": "The access log lacks entry no. "
    "{first}–{last} (1 entry, {where}): it was deleted.",
    "audit.chain.missing.other": "The access log lacks entries no. "
    "{first}–{last} ({count} entries, {where}): they were deleted.",
    "audit.chain.altered": (
        "The access log was changed at entry no. {seq} (id {id}, {at}, staff “{staff}”): "
        "it does not follow from the chain, so it or the entry before it was changed."
    ),
    "audit.chain.cut": (
        "The access log lacks its last entries, no. {first}–{last}: they were deleted."
    ),
    "audit.chain.beyond_head": (
        "The access log has entries no. {first}–{last} after its chain head: added outside "
        "viver."
    ),
    "audit.chain.head_differs": (
        "The access log's chain head does not match its last entry (no. {seq})."
    ),
    "audit.chain.unchained.one": "1 access log entry outside the "
    "chain (first id {id}): added outside viver.",
    "audit.chain.unchained.other": "{count} access log entries outside the "
    "chain (first id {id}): added outside viver.",
    "audit.chain.members": (
        "The customer numbers of the list in access log entry no. {seq} ({at}) do not "
        "match its index table audit_list_member: missing there {missing}, added there "
        "{extra}. It was changed outside viver."
    ),
    "audit.chain.noted_differs": (
        "Access log entry no. {seq} no longer has the hash that was noted ({noted}) but "
        "{now}: the log was rewritten from it or an earlier entry."
    ),
    "audit.chain.noted_missing": (
        "The access log has no entry no. {seq} (noted with hash {noted}): it was deleted, "
        "or the log was cut and given a new chain head."
    ),
    "audit.chain.noted_form": (
        "“{text}” is not a chain head: give the number and the hash as viver check showed "
        "them, e.g. 48213:3fa4b2c1d9e07a66 (at least 8 characters of the hash)."
    ),
    "audit.chain.stray_members.one": "1 row of audit_list_member belongs to no list "
    "of the access log (entry id {id}): added outside viver.",
    "audit.chain.stray_members.other": "{count} rows of audit_list_member belong to no "
    "list of the access log (first entry id {id}): added outside viver.",
    "privacy.customer_unknown": "No customer with number {id}.",
    "privacy.status.draft": "being registered",
    "privacy.status.received": "received",
    "privacy.status.in_production": "in production",
    "privacy.status.digitized": "digitized",
    "privacy.status.checked": "checked",
    "privacy.status.done": "done",
    "privacy.status.ready": "ready for pickup",
    "privacy.status.returned": "handed back",
    "privacy.status.closed": "closed with media missing",
    "privacy.status.cancelled": "cancelled",
    "privacy.status.queued": "queued",
    "privacy.status.printing": "printing",
    "privacy.status.printed": "printed",
    "privacy.status.failed": "failed",
    "privacy.erase.order_open": "order {number} is not delivered ({status})",
    "privacy.erase.media_in_house.one": "1 original not handed back ({codes})",
    "privacy.erase.media_in_house.other": "{count} originals not handed back ({codes})",
    "privacy.erase.refused": "The customer cannot be erased yet: {reasons}.",
    "privacy.erase.already": "Customer #{id} is already erased.",
    "privacy.erase.pending": (
        "Customer #{id} is removed from the register but not fully erased: another window "
        "or terminal is reading the database, so old data is still in the file. The "
        "erasure completes at the next start or with “viver purge-expired”."
    ),
    "privacy.erase.spool_failed": (
        "Customer #{id} is removed from the register, but print files could not be "
        "deleted ({error}); not fully erased."
    ),
    "privacy.erase.done": "Customer #{id} is erased.",
    "privacy.erase.backups": "Upgrade backups may still hold the customer: {files}.",
    "privacy.erase.postgres_remains": (
        "The PostgreSQL server may still hold the old data in WAL files and backups "
        "until they are rotated out."
    ),
    "privacy.export.write_failed": "Cannot write to {path}: {error}.",
    "privacy.consent.unknown": "Unknown consent “{purpose}”.",
    "privacy.mailing.column.name": "name",
    "privacy.mailing.column.email": "email",
    "privacy.mailing.column.address": "address",
    "privacy.mailing.column.postal_code": "postal_code",
    "privacy.mailing.column.city": "city",
    "consent.purpose.streaming": "delivery by streaming",
    "consent.purpose.keep_past_warranty": "keeping files past the warranty",
    "consent.purpose.sample": "use as a sample",
    "cli.staff.help": "staff: add, list, disable, new PIN (administrator)",
    "cli.staff.add.help": "add a staff member (the first must be an administrator)",
    "cli.staff.list.help": "list staff",
    "cli.staff.disable.help": "disable a staff member",
    "cli.staff.reset_pin.help": "give a staff member a new PIN",
    "cli.staff.name": "full name",
    "cli.staff.initials": "initials (2–10 characters), used to sign in",
    "cli.staff.role": "role: counter, production, admin",
    "cli.staff.by": "your initials (administrator); the PIN is read from the terminal",
    "cli.staff.target": "the staff member's initials",
    "cli.pin_prompt": "PIN for {initials}: ",
    "cli.new_pin_prompt": "New PIN for {initials}: ",
    "cli.new_pin_again": "New PIN again: ",
    "cli.pin_mismatch": "The PINs differ.",
    "cli.no_pin": "No PIN given (read from the terminal or standard input).",
    "cli.staff_required": "Give --staff INITIALS (administrator).",
    "cli.staff.added": "Added {name} ({initials}, {role}).",
    "cli.staff.disabled": "Disabled {initials}.",
    "cli.staff.pin_reset": "New PIN set for {initials}.",
    "cli.staff.none": "No staff yet. Add the first: viver staff add --name … --initials … "
    "--role admin",
    "cli.staff.row": "{initials:<10} {role:<14} {state:<10} {name}",
    "cli.staff.active": "active",
    "cli.staff.inactive": "disabled",
    "cli.customer.help": "a customer's privacy: access (export) and erasure (erase)",
    "cli.customer.export.help": "access request: write all we hold on the customer to a folder",
    "cli.customer.erase.help": "erase the customer's personal data (once all is handed back)",
    "cli.customer.id": "the customer number",
    "cli.customer.out": "the folder to write to",
    "cli.customer.how": "how the answer is delivered (e.g. “e-mail”, “printed”)",
    "cli.customer.exported": "Access export for customer #{id} written to {json} and {text}.",
    "cli.requests.help": "access requests: received, deadline, answered (overdue marked)",
    "cli.requests.open_only": "only unanswered",
    "cli.requests.row": "customer #{id:<8} received {received}  deadline {deadline}  {state}",
    "cli.requests.open": "unanswered",
    "cli.requests.overdue": "OVERDUE",
    "cli.requests.answered": "answered {on}",
    "cli.requests.none": "No access requests.",
    "cli.export.help": "data exports (administrator)",
    "cli.export.mailing.help": "customer-letter list (CSV, UTF-8), without those opted out",
    "cli.export.out": "the file to write (default: the screen)",
    "cli.export.mailing.done.one": "The mailing list has 1 recipient: {path}.",
    "cli.export.mailing.done.other": "The mailing list has {count} recipients: {path}.",
    "cli.purge.help": "delete what is due (sales records after 5 years, pending erasures)",
    "cli.purge.dry_run": "only show what would be deleted",
    "cli.purge.done": "Deleted {orders} and {customers} that were due.",
    "cli.purge.would": "Would delete {orders} and {customers} that are due.",
    "cli.purge.pending.one": "1 erasure still pending (the database is in use).",
    "cli.purge.pending.other": "{count} erasures still pending (the database is in use).",
}
