"""Pickup (utlevering): what the scan outcomes, the count box and the not-finished
question say. The older pickup strings (``pickup.returned`` …) are in ``orders.py``.

``pickup.event.*`` word an order's history when it is shown, in the reader's language
(the history stores values: locale/events.py).
"""

NB = {
    "pickup.missing_words": "Mangler: {media}",
    "pickup.none_missing": "Ingen medier mangler.",
    "pickup.not_confirmed": "Ordre {number} er ikke bekreftet og har ingen medier å levere ut.",
    "pickup.order_gone": "Ordren finnes ikke lenger.",
    "pickup.count_invalid": "Antallet må være et helt tall fra 1 til {high}.",
    "pickup.queued_many.one": "1 skann står i kø og registreres når dette er besvart.",
    "pickup.queued_many.other": "{count} skann står i kø og registreres når dette er besvart.",
    "pickup.count.question.one": "Bildeserie {code}: 1 bilde ble levert inn. "
    "Hvor mange leveres ut? Skriv antallet og Enter (Enter alene = 1, Esc = ikke nå).",
    "pickup.count.question.other": "Bildeserie {code}: {count} bilder ble levert inn. "
    "Hvor mange leveres ut? Skriv antallet og Enter (Enter alene = {count}, Esc = ikke nå).",
    "pickup.count.placeholder": "antall bilder (Enter = {declared})",
    "pickup.count.cancelled": "{code} er ikke registrert: antallet ble ikke bekreftet.",
    "pickup.not_ready.question_line": "Ordre {number}: Ordren er ikke ferdig ({status}) — "
    "utlevere likevel? J = ja, N eller Esc = nei.",
    "pickup.not_ready.placeholder": "J = ja, utlever · N = nei",
    "pickup.not_ready.declined": "Ikke utlevert: ordre {number} er ikke ferdig. "
    "Ingenting endret.",
    "pickup.not_ready.released": "Ordre {number} utleveres selv om den ikke er ferdig. "
    "Svaret er lagret på ordren.",
    "pickup.close.not_confirmed": "Ordren er ikke bekreftet.",
    "pickup.close.already": "Ordren er allerede avsluttet.",
    "pickup.close.reason_needed": "Skriv hvorfor ordren avsluttes uten alle medier "
    "(minst {min} tegn).",
    "pickup.worker_failed": "Skanningen stoppet ikke: skann på nytt om noe mangler.",
    "pickup.event.photos.one": "{returned} av 1 bilde",
    "pickup.event.photos.other": "{returned} av {count} bilder",
    "pickup.event.visit": "{returned} av {total} utlevert",
    "pickup.event.closed": "{reason} (mangler: {codes})",
    "pickup.scan_not_reason": "{code} ble skannet i stedet for en grunn: ordren er ikke "
    "avsluttet, og skanningen registreres.",
    "event.released_unfinished": "Utlevert før ferdig",
    "event.release_declined": "Ikke utlevert (ikke ferdig)",
    "error.worker": "Uventet feil ({error}). Det er skrevet i feilloggen; "
    "skjermen virker videre — prøv igjen.",
}

EN = {
    "pickup.missing_words": "Missing: {media}",
    "pickup.none_missing": "Nothing is missing.",
    "pickup.not_confirmed": "Order {number} is not confirmed and has no media to hand out.",
    "pickup.order_gone": "The order no longer exists.",
    "pickup.count_invalid": "The count must be a whole number from 1 to {high}.",
    "pickup.queued_many.one": "1 scan is queued and will be registered when this is answered.",
    "pickup.queued_many.other": "{count} scans are queued and will "
    "be registered when this is answered.",
    "pickup.count.question.one": "Photo series {code}: 1 photo came in. How many go back? Type "
    "the count and Enter (Enter alone = 1, Esc = not now).",
    "pickup.count.question.other": "Photo series {code}: {count} photos came in. "
    "How many go back? Type the count and Enter (Enter alone = {count}, Esc = not now).",
    "pickup.count.placeholder": "number of photos (Enter = {declared})",
    "pickup.count.cancelled": "{code} is not registered: the count was not confirmed.",
    "pickup.not_ready.question_line": "Order {number}: the order is not finished ({status}) — "
    "hand it out anyway? Y = yes, N or Esc = no.",
    "pickup.not_ready.placeholder": "Y = yes, hand out · N = no",
    "pickup.not_ready.declined": "Not returned: order {number} is not finished. "
    "Nothing changed.",
    "pickup.not_ready.released": "Order {number} is handed out although not finished. "
    "The answer is stored on the order.",
    "pickup.close.not_confirmed": "The order is not confirmed.",
    "pickup.close.already": "The order is already closed.",
    "pickup.close.reason_needed": "Type why the order is closed without every medium "
    "(at least {min} characters).",
    "pickup.worker_failed": "Scanning goes on: scan again if something is missing.",
    "pickup.event.photos.one": "{returned} of 1 photo",
    "pickup.event.photos.other": "{returned} of {count} photos",
    "pickup.event.visit": "{returned} of {total} returned",
    "pickup.event.closed": "{reason} (missing: {codes})",
    "pickup.scan_not_reason": "{code} was scanned instead of a reason: the order is not "
    "closed, and the scan is registered.",
    "event.released_unfinished": "Handed out before finished",
    "event.release_declined": "Not handed out (not finished)",
    "error.worker": "Unexpected error ({error}). It is written to the error log; "
    "the screen goes on working — try again.",
}
