"""Words used across the app: keys, buttons, errors, status bar."""

NB = {
    "app.title": "Viver – skranke",
    "key.quit": "Avslutt",
    "key.back": "Tilbake",
    "key.save": "Lagre",
    "key.cancel": "Avbryt",
    "key.help": "Hjelp",
    "key.language": "English",
    "button.save": "Lagre",
    "button.cancel": "Avbryt",
    "button.ok": "OK",
    "error.title": "Noe gikk galt",
    "error.unexpected": "Uventet feil: {error}. Ingenting av det du skrev er tapt; prøv igjen.",
    "error.database": "Databasen svarer ikke: {error}",
    "error.bug": "En programfeil oppstod ({error}). Det du holdt på med er ikke lagret; "
    "prøv igjen. Detaljer er skrevet til {path} — gi beskjed til den som drifter viver.",
    "status.ready": "Klar",
    "status.staff": "Ansatt: {staff}",
    "yes": "Ja",
    "no": "Nei",
}

EN = {
    "app.title": "Viver – counter",
    "key.quit": "Quit",
    "key.back": "Back",
    "key.save": "Save",
    "key.cancel": "Cancel",
    "key.help": "Help",
    "key.language": "Norsk",
    "button.save": "Save",
    "button.cancel": "Cancel",
    "button.ok": "OK",
    "error.title": "Something went wrong",
    "error.unexpected": "Unexpected error: {error}. Nothing you typed is lost; try again.",
    "error.database": "The database does not answer: {error}",
    "error.bug": "A program error occurred ({error}). What you were doing was not saved; "
    "try again. Details were written to {path} — tell whoever runs viver.",
    "status.ready": "Ready",
    "status.staff": "Staff: {staff}",
    "yes": "Yes",
    "no": "No",
}
