"""Media files: the store, import, check, delivery, streaming, warranty (docs/media-files.md)."""

NB = {
    "media.store.full": "Disken med mediefilene er full: ingenting ble lagret.",
    "media.store.failed": "Mediefil {name}: {error}",
    "media.store.bad_name": "Ugyldig filnavn i mediearkivet: {name}",
    "media.store.verify_failed": (
        "Kopien av {name} leste ikke tilbake likt: ingenting ble lagret. Sjekk disken."
    ),
}

EN = {
    "media.store.full": "The media files' disk is full: nothing was stored.",
    "media.store.failed": "Media file {name}: {error}",
    "media.store.bad_name": "Not a valid name in the media store: {name}",
    "media.store.verify_failed": (
        "The copy of {name} did not read back the same: nothing was stored. Check the disk."
    ),
}
