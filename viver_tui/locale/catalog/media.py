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
    "media.import.done": "Importerte {count} filer ({size}) til medium {code}.",
    "media.import.refused_line": "Ikke importert: {file}: {message}",
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
    "media.import.done": "Imported {count} files ({size}) to medium {code}.",
    "media.import.refused_line": "Not imported: {file}: {message}",
}
