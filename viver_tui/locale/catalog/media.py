"""Media files: the store, import, check, delivery, streaming, warranty (docs/media-files.md)."""

NB = {
    "media.store.full": "Disken med mediefilene er full: ingenting ble lagret.",
    "media.store.failed": "Mediefil {name}: {error}",
    "media.store.bad_name": "Ugyldig filnavn i mediearkivet: {name}",
    "media.store.verify_failed": (
        "Kopien av {name} leste ikke tilbake likt: ingenting ble lagret. Sjekk disken."
    ),
    "media.import.unknown_medium": "Fant ikke mediet {code}.",
    "media.import.no_folder": "Fant ikke mappen {folder}.",
    "media.import.unreadable": "{file}: kan ikke leses ({error}). Ikke importert.",
    "media.import.changed": (
        "{file} ble endret mens den ble kopiert: ikke importert. Vent til filen er ferdig "
        "skrevet, og prøv igjen."
    ),
    "media.import.short_read": (
        "{file}: leste bare {got} av {size} byte: ikke importert. Sjekk kilden."
    ),
    "media.import.duplicate": (
        "{file} finnes allerede (som {name} på medium {code}): ikke importert på nytt."
    ),
    "media.import.duplicate_now": (
        "{file} ble nettopp registrert fra en annen maskin: ikke importert på nytt."
    ),
    "media.import.not_moved": "{file} er importert, men kunne ikke slettes fra kilden: {error}",
    "media.import.done.one": "Importerte 1 fil ({size}) til medium {code}.",
    "media.import.done.other": "Importerte {count} filer ({size}) til medium {code}.",
    "media.import.refused_line": "Ikke importert: {file}: {message}",
    "media.check.missing": "{name}: registrert, men mangler i mediearkivet.",
    "media.check.size": "{name}: størrelsen er {actual} byte, registrert {size}.",
    "media.check.hash": "{name}: innholdet (SHA-256) er ikke det som ble registrert.",
    "media.check.unregistered": "{name}: ligger i mediearkivet, men er ikke registrert.",
    "media.check.leftover": "{name}: halvferdig kopi etter et avbrudd (kan slettes).",
    "media.check.ok": "Mediearkivet er i orden: {count} filer ({size}).",
    "media.check.found.one": "1 funn i mediearkivet.",
    "media.check.found.other": "{count} funn i mediearkivet.",
    "media.link.no_order": "Fant ikke ordren.",
    "media.link.no_consent": (
        "Ordre {number}: kunden har ikke samtykket til levering ved strømming. "
        "Ingen lenke laget."
    ),
    "media.link.no_files": "Ordre {number} har ingen mediefiler ennå.",
    "media.link.made": "Lenke til ordre {number} (gyldig til {until}): {url}",
    "media.deliver.verify_failed": (
        "Kopien av {name} på kundens disk leste ikke tilbake likt. Levering ikke registrert."
    ),
    "media.deliver.failed": "{name}: {error}. Levering ikke registrert.",
    "media.deliver.done": "Leverte {files} filer ({size}) til {folder}.",
    "media.file_unknown": "Fant ikke mediefilen {name}.",
    "media.sample.no_consent": (
        "{name}: kunden har ikke samtykket til bruk som eksempel. Ikke eksportert."
    ),
    "media.sample.done": "Eksporterte {name} ({size}).",
    "media.erase.pending.one": (
        "Kunde {id}: 1 mediefil kunne ikke slettes ({first}); slettingen er ikke "
        "ferdig. Kjør viver purge-expired igjen."
    ),
    "media.erase.pending.other": (
        "Kunde {id}: {count} mediefiler kunne ikke slettes ({first}); slettingen er ikke "
        "ferdig. Kjør viver purge-expired igjen."
    ),
    "media.state.undelivered": "ikke levert",
    "media.state.warranty": "i garantitiden",
    "media.state.kept": "beholdt etter samtykke",
    "media.state.expired": "utløpt",
    "media.usage.row.one": "{state}: 1 fil, {size}",
    "media.usage.row.other": "{state}: {count} filer, {size}",
    "workload.store": "Mediearkivet – {parts}",
    "media.usage.free": "Ledig plass: {size} ({where})",
    "media.due.row": "{name}  {size}  medium {code}  garanti til {until}",
    "media.due.none": "Ingen filer er forbi garantitiden.",
    "media.free.done": "Frigjorde {freed} av {wanted} ({count} filer).",
    "media.free.short": (
        "Kunne bare frigjøre {freed} av {wanted}: resten er i garantitiden, "
        "ikke levert eller beholdt etter samtykke."
    ),
    "media.purge.files.one": "1 mediefil slettet etter garantitiden.",
    "media.purge.files.other": "{count} mediefiler slettet etter garantitiden.",
    "media.purge.files_would.one": "1 mediefil ville blitt slettet etter garantitiden.",
    "media.purge.files_would.other": "{count} mediefiler ville blitt slettet etter garantitiden.",
    "media.serve.listening": "Serverer mediefiler på http://{host}:{port}/ (Ctrl+C stopper).",
    "media.serve.cannot_listen": "Kan ikke lytte på {host}:{port}: {error}.",
    "media.serve.why.in_use": "porten er i bruk (kjører en annen «viver serve» allerede?)",
    "media.serve.why.not_here": "adressen hører ikke til denne maskinen",
    "media.serve.why.no_access": "ingen tilgang (porter under 1024 krever rettigheter)",
    "media.page.title": "Ordre {number}",
    "media.page.download": "Last ned",
    "media.page.not_found": "Ikke funnet",
    "media.page.not_found_text": "Lenken er ikke gyldig (lenger), eller filen finnes ikke.",
    "media.link.revoked": "Lenke {id} er trukket tilbake.",
    "media.link.not_live": "Lenke {id} var allerede ugyldig.",
    "media.cli.help": "mediefiler: import, kontroll, bruk, levering, lenker",
    "media.cli.import": "importer filene i en mappe til et medium",
    "media.cli.folder": "mappen med de digitaliserte filene",
    "media.cli.medium": "mediets kode, f.eks. 100001-01",
    "media.cli.move": "slett kildefilene når de er importert og kontrollert",
    "media.cli.check": "kontroller at alle filer finnes, med riktig størrelse og SHA-256",
    "media.cli.quick": "bare størrelsen (raskt)",
    "media.cli.usage": "plass brukt per tilstand, og ledig plass",
    "media.cli.due": "filer forbi garantitiden",
    "media.cli.free": "frigjør plass ved å slette utløpte filer, eldste først",
    "media.cli.gb": "hvor mange GB som skal frigjøres",
    "media.cli.deliver": "kopier en ordres filer til kundens disk, kontrollert",
    "media.cli.to": "målmappen (kundens disk)",
    "media.cli.drive": "hva slags disk, f.eks. «USB 64 GB»",
    "media.cli.link": "lag en strømmelenke til en ordre (krever samtykke)",
    "media.cli.revoke": "trekk tilbake en strømmelenke",
    "media.cli.sample": "eksporter en fil som eksempel (krever samtykke)",
    "media.cli.serve": "start strømmeserveren (bak butikkens omvendte proxy)",
    "media.cli.host": "adressen serveren lytter på (standard 127.0.0.1)",
    "media.cli.port": "porten serveren lytter på",
    "key.media_import": "Importer",
    "media.dialog.title": "Importer filer til medium {code}",
    "media.dialog.keys": (
        "Velg mappen (Enter i treet), eller skriv stien. F2 importerer, Esc avbryter."
    ),
    "media.dialog.working": "Kopierer og kontrollerer …",
    "media.store.too_big": (
        "Filen er for stor for disken med mediefilene (filsystemets grense): ingenting "
        "ble lagret."
    ),
    "media.import.no_room": (
        "{file} ({size}) får ikke plass: bare {free} ledig på disken med mediefilene. "
        "Ikke importert. Frigjør plass (viver files free) og prøv igjen."
    ),
    "media.deliver.no_room": (
        "Det er ikke plass på kundens disk: filene trenger {need}, bare {free} er ledig. "
        "Ingenting ble kopiert."
    ),
    "media.deliver.full": (
        "Kundens disk ble full under kopieringen av {name}. Det som ble kopiert er "
        "fjernet igjen; levering ikke registrert."
    ),
    "media.deliver.too_big": (
        "{name} er for stor for kundens disk (FAT32 tar høyst 4 GB per fil: formater "
        "disken som exFAT). Det som ble kopiert er fjernet igjen; levering ikke registrert."
    ),
    "media.deliver.not_writable": (
        "Kan ikke skrive i mappen {folder} (skrivebeskyttet eller uten tilgang). "
        "Levering ikke registrert."
    ),
    "key.media_files": "Mediefiler",
    "key.media_deliver": "Lever på disk",
    "key.media_link": "Strømmelenke",
    "key.media_revoke": "Trekk tilbake lenke",
    "media.files.title": "Mediefiler – ordre {number}",
    "media.files.loading": "Henter ordrens mediefiler …",
    "media.files.none": "Ordren har ingen mediefiler ennå.",
    "media.files.summary.one": "1 fil, {size}.",
    "media.files.summary.other": "{count} filer, {size}.",
    "media.files.streaming_yes": "Kunden har samtykket til strømming.",
    "media.files.streaming_no": "Kunden har ikke samtykket til strømming.",
    "media.files.col.file": "Fil",
    "media.files.col.medium": "Medium",
    "media.files.col.size": "Størrelse",
    "media.files.col.format": "Format",
    "media.files.col.state": "Status",
    "media.files.col.link": "Lenke",
    "media.files.col.made": "Laget",
    "media.files.col.valid": "Gyldig til og med",
    "media.files.until": "i garanti til {date}",
    "media.files.target": "Mappe på kundens disk",
    "media.files.drive": "Type disk",
    "media.files.drive_hint": "f.eks. USB 64 GB",
    "media.files.no_target": "Skriv mappen på kundens disk (der den er koblet til) først.",
    "media.files.copying": "Kopierer og kontrollerer til {folder} …",
    "media.files.delivered.one": (
        "Levert: 1 fil ({size}) til {folder}, med SHA256SUMS og manifest.csv. "
        "Garantien løper fra i dag."
    ),
    "media.files.delivered.other": (
        "Levert: {count} filer ({size}) til {folder}, med SHA256SUMS og manifest.csv. "
        "Garantien løper fra i dag."
    ),
    "media.files.making_link": "Lager lenke …",
    "media.files.link_made": "Lenke {id} laget, gyldig til og med {until}. Gi kunden adressen:",
    "media.files.no_link": "Ingen gyldig strømmelenke å trekke tilbake.",
    "media.files.keys": (
        "F2 leverer til mappen · F3 lager strømmelenke · F4 trekker tilbake valgt lenke · "
        "Esc lukker"
    ),
    "media.files.busy": "Vent til kopieringen er ferdig.",
}

EN = {
    "media.store.full": "The media files' disk is full: nothing was stored.",
    "media.store.failed": "Media file {name}: {error}",
    "media.store.bad_name": "Not a valid name in the media store: {name}",
    "media.store.verify_failed": (
        "The copy of {name} did not read back the same: nothing was stored. Check the disk."
    ),
    "media.import.unknown_medium": "No medium {code}.",
    "media.import.no_folder": "No folder {folder}.",
    "media.import.unreadable": "{file}: cannot be read ({error}). Not imported.",
    "media.import.changed": (
        "{file} changed while it was being copied: not imported. Wait until it is "
        "completely written and try again."
    ),
    "media.import.short_read": (
        "{file}: read only {got} of {size} bytes: not imported. Check the source."
    ),
    "media.import.duplicate": (
        "{file} is already stored (as {name} on medium {code}): not imported again."
    ),
    "media.import.duplicate_now": (
        "{file} was just registered from another machine: not imported again."
    ),
    "media.import.not_moved": (
        "{file} was imported but could not be deleted from the source: {error}"
    ),
    "media.import.done.one": "Imported 1 file ({size}) to medium {code}.",
    "media.import.done.other": "Imported {count} files ({size}) to medium {code}.",
    "media.import.refused_line": "Not imported: {file}: {message}",
    "media.check.missing": "{name}: registered but missing from the media store.",
    "media.check.size": "{name}: its size is {actual} bytes, registered {size}.",
    "media.check.hash": "{name}: its content (SHA-256) is not what was registered.",
    "media.check.unregistered": "{name}: in the media store but not registered.",
    "media.check.leftover": "{name}: a partial copy left by an interruption (may be deleted).",
    "media.check.ok": "The media store is in order: {count} files ({size}).",
    "media.check.found.one": "1 finding in the media store.",
    "media.check.found.other": "{count} findings in the media store.",
    "media.link.no_order": "No such order.",
    "media.link.no_consent": (
        "Order {number}: the customer has not consented to delivery by streaming. "
        "No link made."
    ),
    "media.link.no_files": "Order {number} has no media files yet.",
    "media.link.made": "Link to order {number} (valid until {until}): {url}",
    "media.deliver.verify_failed": (
        "The copy of {name} on the customer's drive did not read back the same. "
        "Delivery not recorded."
    ),
    "media.deliver.failed": "{name}: {error}. Delivery not recorded.",
    "media.deliver.done": "Delivered {files} files ({size}) to {folder}.",
    "media.file_unknown": "No media file {name}.",
    "media.sample.no_consent": (
        "{name}: the customer has not consented to use as a sample. Not exported."
    ),
    "media.sample.done": "Exported {name} ({size}).",
    "media.erase.pending.one": (
        "Customer {id}: 1 stored media file could not be deleted ({first}); the erasure "
        "is not finished. Run viver purge-expired again."
    ),
    "media.erase.pending.other": (
        "Customer {id}: {count} media files could not be deleted ({first}); the erasure "
        "is not finished. Run viver purge-expired again."
    ),
    "media.state.undelivered": "not delivered",
    "media.state.warranty": "under warranty",
    "media.state.kept": "kept by consent",
    "media.state.expired": "expired",
    "media.usage.row.one": "{state}: 1 file, {size}",
    "media.usage.row.other": "{state}: {count} files, {size}",
    "workload.store": "Media store – {parts}",
    "media.usage.free": "Free space: {size} ({where})",
    "media.due.row": "{name}  {size}  medium {code}  warranty until {until}",
    "media.due.none": "No file is past its warranty.",
    "media.free.done": "Freed {freed} of {wanted} ({count} files).",
    "media.free.short": (
        "Could free only {freed} of {wanted}: the rest is under warranty, not delivered "
        "or kept by consent."
    ),
    "media.purge.files.one": "1 stored media file deleted after its warranty.",
    "media.purge.files.other": "{count} media files deleted after their warranty.",
    "media.purge.files_would.one": "1 stored media file would be deleted after its warranty.",
    "media.purge.files_would.other": "{count} media files would be deleted after their warranty.",
    "media.serve.listening": "Serving media files on http://{host}:{port}/ (Ctrl+C stops).",
    "media.serve.cannot_listen": "Cannot listen on {host}:{port}: {error}.",
    "media.serve.why.in_use": "the port is in use (is another “viver serve” running?)",
    "media.serve.why.not_here": "the address is not this machine's",
    "media.serve.why.no_access": "no access (ports below 1024 need privileges)",
    "media.page.title": "Order {number}",
    "media.page.download": "Download",
    "media.page.not_found": "Not found",
    "media.page.not_found_text": (
        "The link is not (or no longer) valid, or the file does not exist."
    ),
    "media.link.revoked": "Link {id} is revoked.",
    "media.link.not_live": "Link {id} was not valid already.",
    "media.cli.help": "media files: import, check, usage, delivery, links",
    "media.cli.import": "import the files of a folder to a medium",
    "media.cli.folder": "the folder with the digitized files",
    "media.cli.medium": "the medium's code, e.g. 100001-01",
    "media.cli.move": "delete the source files once imported and verified",
    "media.cli.check": "check that every file is there, with its size and SHA-256",
    "media.cli.quick": "size only (fast)",
    "media.cli.usage": "space used by state, and free space",
    "media.cli.due": "files past their warranty",
    "media.cli.free": "free space by deleting expired files, oldest first",
    "media.cli.gb": "how many GB to free",
    "media.cli.deliver": "copy an order's files to the customer's drive, verified",
    "media.cli.to": "the target folder (the customer's drive)",
    "media.cli.drive": "what kind of drive, e.g. \"USB 64 GB\"",
    "media.cli.link": "make a streaming link to an order (needs consent)",
    "media.cli.revoke": "revoke a streaming link",
    "media.cli.sample": "export a file as a sample (needs consent)",
    "media.cli.serve": "start the streaming server (behind the shop's reverse proxy)",
    "media.cli.host": "the address the server listens on (default 127.0.0.1)",
    "media.cli.port": "the port the server listens on",
    "key.media_import": "Import",
    "media.dialog.title": "Import files to medium {code}",
    "media.dialog.keys": (
        "Choose the folder (Enter in the tree) or type its path. F2 imports, Esc cancels."
    ),
    "media.dialog.working": "Copying and verifying …",
    "media.store.too_big": (
        "The file is too big for the media files' disk (its file system's limit): "
        "nothing was stored."
    ),
    "media.import.no_room": (
        "{file} ({size}) does not fit: only {free} free on the media files' disk. Not "
        "imported. Free space (viver files free) and try again."
    ),
    "media.deliver.no_room": (
        "There is no room on the customer's drive: the files need {need}, only {free} is "
        "free. Nothing was copied."
    ),
    "media.deliver.full": (
        "The customer's drive filled up while {name} was copied. What was copied has been "
        "removed again; delivery not recorded."
    ),
    "media.deliver.too_big": (
        "{name} is too big for the customer's drive (FAT32 takes at most 4 GB a file: "
        "format the drive as exFAT). What was copied has been removed again; delivery not "
        "recorded."
    ),
    "media.deliver.not_writable": (
        "Cannot write to the folder {folder} (read-only or no access). Delivery not "
        "recorded."
    ),
    "key.media_files": "Media files",
    "key.media_deliver": "Deliver to drive",
    "key.media_link": "Streaming link",
    "key.media_revoke": "Revoke link",
    "media.files.title": "Media files – order {number}",
    "media.files.loading": "Reading the order's media files …",
    "media.files.none": "The order has no media files yet.",
    "media.files.summary.one": "1 file, {size}.",
    "media.files.summary.other": "{count} files, {size}.",
    "media.files.streaming_yes": "The customer has consented to streaming.",
    "media.files.streaming_no": "The customer has not consented to streaming.",
    "media.files.col.file": "File",
    "media.files.col.medium": "Medium",
    "media.files.col.size": "Size",
    "media.files.col.format": "Format",
    "media.files.col.state": "State",
    "media.files.col.link": "Link",
    "media.files.col.made": "Made",
    "media.files.col.valid": "Valid through",
    "media.files.until": "under warranty until {date}",
    "media.files.target": "Folder on the customer's drive",
    "media.files.drive": "Kind of drive",
    "media.files.drive_hint": "e.g. USB 64 GB",
    "media.files.no_target": "Type the folder on the customer's drive (where it is mounted) first.",
    "media.files.copying": "Copying and verifying to {folder} …",
    "media.files.delivered.one": (
        "Delivered: 1 file ({size}) to {folder}, with SHA256SUMS and manifest.csv. "
        "The warranty runs from today."
    ),
    "media.files.delivered.other": (
        "Delivered: {count} files ({size}) to {folder}, with SHA256SUMS and manifest.csv. "
        "The warranty runs from today."
    ),
    "media.files.making_link": "Making the link …",
    "media.files.link_made": (
        "Link {id} made, valid through {until}. Give the customer the address:"
    ),
    "media.files.no_link": "No valid streaming link to revoke.",
    "media.files.keys": (
        "F2 delivers to the folder · F3 makes a streaming link · F4 revokes the chosen link "
        "· Esc closes"
    ),
    "media.files.busy": "Wait until the copy is done.",
}
