"""Setting up: the settings file, opening the database, and the commands that do it."""

NB = {
    "config.unreadable": "Kan ikke lese innstillingsfilen {path}: {error}",
    "config.missing": "Innstillingsfilen {path} (VIVER_CONFIG) finnes ikke.",
    "config.not_table": "{path}: [{setting}] må være en tabell.",
    "config.not_text": "{path}: «{setting}» må være tekst.",
    "config.idle_lock": "{path}: idle_lock_minutes må være et antall minutter (0 = aldri), "
    "ikke «{value}».",
    "config.spool_retention": "{path}: spool_retention_days må være et helt antall dager "
    "(0 = behold), ikke «{value}».",
    "config.language": "{path}: språk må være ett av {languages}, ikke «{value}».",
    "config.printer_value": "{path}: skriverinnstilling har feil verdi: {error}",
    "config.barcode": "{path}: barcode må være «native» eller «image».",
    "config.status": "{path}: status må være «auto», «yes» eller «no», ikke «{value}».",
    "config.process_id": "{path}: process_id må være true eller false.",
    "config.timeout": "{path}: timeout må være et positivt antall sekunder.",
    "config.wake_timeout": "{path}: wake_timeout må være et positivt antall sekunder.",
    "config.media_kinds": "{path}: [[media_kinds]] må være en liste av tabeller.",
    "config.media_kind": "{path}: ugyldig medietype {row}: {error}",
    "db.cannot_create": "Kan ikke opprette databasen {path}: {error}.",
    "db.no_pg_driver": "PostgreSQL-driveren mangler. Installer med: "
    "pip install 'viver_tui[postgres]'.",
    "db.unknown_url": "Ukjent database-adresse «{url}». Bruk sqlite:///sti/til/fil.db eller "
    "postgresql://bruker@vert/database.",
    "db.locked": "Databasen er låst av et annet program. Vent litt og prøv igjen; hjelper "
    "ikke det, lukk andre vinduer med viver.",
    "db.cannot_open": "Kan ikke åpne databasen {url}: {error}. Sjekk sti og tilganger.",
    "db.no_server": "Får ikke kontakt med databaseserveren ({url}). Sjekk at den kjører.",
    "db.error": "Databasefeil: {error}",
    "db.foreign_tables": "Databasen inneholder tabeller som ikke er fra viver. Bruk en tom "
    "database.",
    "db.not_created": "Databasen er ikke opprettet ennå. Kjør: viver init",
    "db.too_new": "Databasen er fra en nyere versjon av viver (skjema {current}, dette "
    "programmet kjenner til {latest}). Oppdater programmet på denne maskinen.",
    "db.needs_upgrade": "Databasen må oppgraderes (skjema {current} → {latest}). "
    "Kjør: viver init",
    "cli.ready": "Databasen er klar (skjemaversjon {version}): {url}",
    "cli.count_negative": "Antall må være 0 eller mer.",
}

EN = {
    "config.unreadable": "Cannot read the settings file {path}: {error}",
    "config.missing": "The settings file {path} (VIVER_CONFIG) does not exist.",
    "config.not_table": "{path}: [{setting}] must be a table.",
    "config.not_text": "{path}: “{setting}” must be text.",
    "config.idle_lock": "{path}: idle_lock_minutes must be a number of minutes (0 = never), "
    "not “{value}”.",
    "config.spool_retention": "{path}: spool_retention_days must be a whole number of days "
    "(0 = keep), not “{value}”.",
    "config.language": "{path}: language must be one of {languages}, not “{value}”.",
    "config.printer_value": "{path}: a printer setting has a wrong value: {error}",
    "config.barcode": "{path}: barcode must be “native” or “image”.",
    "config.status": "{path}: status must be “auto”, “yes” or “no”, not “{value}”.",
    "config.process_id": "{path}: process_id must be true or false.",
    "config.timeout": "{path}: timeout must be a positive number of seconds.",
    "config.wake_timeout": "{path}: wake_timeout must be a positive number of seconds.",
    "config.media_kinds": "{path}: [[media_kinds]] must be a list of tables.",
    "config.media_kind": "{path}: invalid media kind {row}: {error}",
    "db.cannot_create": "Cannot create the database {path}: {error}.",
    "db.no_pg_driver": "The PostgreSQL driver is missing. Install it with: "
    "pip install 'viver_tui[postgres]'.",
    "db.unknown_url": "Unknown database address “{url}”. Use sqlite:///path/to/file.db or "
    "postgresql://user@host/database.",
    "db.locked": "The database is locked by another program. Wait a moment and try again; "
    "if that does not help, close other viver windows.",
    "db.cannot_open": "Cannot open the database {url}: {error}. Check the path and "
    "permissions.",
    "db.no_server": "Cannot reach the database server ({url}). Check that it is running.",
    "db.error": "Database error: {error}",
    "db.foreign_tables": "The database holds tables that are not viver's. Use an empty "
    "database.",
    "db.not_created": "The database has not been created yet. Run: viver init",
    "db.too_new": "The database is from a newer version of viver (schema {current}, this "
    "program knows {latest}). Update the program on this machine.",
    "db.needs_upgrade": "The database must be upgraded (schema {current} → {latest}). "
    "Run: viver init",
    "cli.ready": "The database is ready (schema version {version}): {url}",
    "cli.count_negative": "Counts must be 0 or more.",
}
