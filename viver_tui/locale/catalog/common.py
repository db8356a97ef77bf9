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
    "error.db_conflict": "Databasen var opptatt med det samme på en annen skranke "
    "({attempts} forsøk). Prøv igjen.",
    "error.unexpected": "Uventet feil: {error}. Ingenting av det du skrev er tapt; prøv igjen.",
    "error.database": "Databasen svarer ikke: {error}",
    "error.bug": "En programfeil oppstod ({error}). Det du holdt på med er ikke lagret; "
    "prøv igjen. Detaljer er skrevet til {path} — gi beskjed til den som drifter viver.",
    "status.ready": "Klar",
    "status.staff": "Ansatt: {staff}",
    "text.control_char": "Teksten inneholder styretegn (usynlige tegn); skriv den inn på nytt.",
    "text.invalid_char": "Teksten inneholder et ugyldig tegn; skriv den inn på nytt.",
    "text.too_long": "For langt (høyst {limit} tegn).",
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
    "error.db_conflict": "The database was busy with the same thing at another counter "
    "({attempts} attempts). Try again.",
    "error.unexpected": "Unexpected error: {error}. Nothing you typed is lost; try again.",
    "error.database": "The database does not answer: {error}",
    "error.bug": "A program error occurred ({error}). What you were doing was not saved; "
    "try again. Details were written to {path} — tell whoever runs viver.",
    "status.ready": "Ready",
    "status.staff": "Staff: {staff}",
    "text.control_char": "The text holds control characters (invisible); type it again.",
    "text.invalid_char": "The text holds an invalid character; type it again.",
    "text.too_long": "Too long (at most {limit} characters).",
    "yes": "Yes",
    "no": "No",
}
