"""Setting up: the settings file, opening the database, and the commands that do it."""

NB = {
    "config.unreadable": "Kan ikke lese innstillingsfilen {path}: {error}",
    "config.missing": "Innstillingsfilen {path} (VIVER_CONFIG) finnes ikke.",
    "config.not_toml": "{path}, linje {line}, tegn {column}: ikke gyldig TOML ({error}).",
    "config.number_too_long": "{path}, linje {line}: et tall med mer enn 4 300 sifre "
    "er ikke en innstilling.",
    "config.at_line": "{path}, linje {line}: {problem}",
    "config.at_file": "{path}: {problem}",
    "config.at_variable": "{variable}: {problem}",
    "config.unknown_key": "ukjent nøkkel «{name}»{where} (gyldige: {valid})",
    "config.unknown_key_near": "ukjent nøkkel «{name}»{where} — mente du «{near}»?",
    "config.unknown_table": "ukjent tabell [{table}] (gyldige: {valid})",
    "config.unknown_table_near": "ukjent tabell [{table}] — mente du [{near}]?",
    "config.unknown_variable": "ukjent variabel (viver kjenner {valid})",
    "config.unknown_variable_near": "ukjent variabel — mente du {near}?",
    "config.in_table": " i [{table}]",
    "config.in_array": " i [[{table}]] nr. {number}",
    "config.key": "«{name}»",
    "config.missing_key": "«{name}» mangler",
    "config.wrong_value": "{name} må være {what}, ikke «{value}»",
    "config.bad_value": "{name}: {reason}",
    "config.what.text": "tekst",
    "config.what.whole": "et helt tall",
    "config.what.number": "et tall",
    "config.what.flag": "true eller false",
    "config.what.table": "en tabell",
    "config.what.list": "en liste",
    "config.what.choices": "{first} eller {last}",
    "config.what.valid": "en gyldig verdi",
    "config.range.between": "{what} fra {low} til {high}",
    "config.range.above_to": "{what} over {low} og høyst {high}",
    "config.range.at_least": "{what}, minst {low}",
    "config.range.above": "{what} over {low}",
    "config.range.at_most": "{what}, høyst {high}",
    "config.range.not_empty": "{what} (ikke tom)",
    "config.what.folder": "en mappe (tekst)",
    "config.what.file": "en filsti (tekst)",
    "config.what.lines": "tekst, eller en liste av linjer",
    "config.what.amount": "et beløp i kr med høyst to desimaler (f.eks. \"349.50\")",
    "config.what.printer_address": "en skriveradresse, eller «preview»",
    "config.explain.language": "et språk: «nb» eller «en»",
    "config.explain.idle_lock": "et antall minutter (0 = aldri, høyst 1440)",
    "config.explain.spool_retention": "et helt antall dager (0 = behold)",
    "config.explain.columns": "et helt antall tegn per linje (32 for 58 mm, 42 eller 48 "
    "for 80 mm)",
    "config.explain.timeout": "et positivt antall sekunder (høyst 600)",
    "config.explain.days": "et helt antall dager (0–365)",
    "db.cannot_create": "Kan ikke opprette databasen {path}: {error}.",
    "db.no_pg_driver": "PostgreSQL-driveren mangler. Installer med: "
    "pip install 'viver_tui[postgres]'.",
    "db.unknown_url": "Ukjent database-adresse «{url}». Bruk sqlite:///sti/til/fil.db eller "
    "postgresql://bruker@vert/database.",
    "db.locked": "Databasen er låst av et annet program. Vent litt og prøv igjen; hjelper "
    "ikke det, lukk andre vinduer med viver.",
    "db.cannot_open": "Kan ikke åpne databasen {url}: {error}. Sjekk sti og tilganger.",
    "db.read_only": "Skrivebeskyttet: {path} — viver kan ikke lagre. Gi brukeren "
    "skrivetilgang til databasefila, -wal, -shm og mappen; det som ble skrevet, er ikke "
    "lagret, men står igjen på skjermen.",
    "db.disk_full": "Disken er full: {free} MB ledig ({folder}) — frigjør plass; ingenting "
    "er tapt (det som ble skrevet, står igjen på skjermen og kan lagres på nytt).",
    "db.damaged": "Databasen er skadet ({path}) — kjør «viver check», deretter «viver "
    "restore» med siste sikkerhetskopi.",
    "db.io_error": "Disken svarte med en lese-/skrivefeil for {path} — sjekk disken; det "
    "som ble skrevet, er ikke lagret.",
    "db.pg_disk_full": "Databaseserveren har full disk — frigjør plass på serveren; "
    "ingenting er tapt.",
    "db.pg_read_only": "Skrivebeskyttet: databaseserveren {url} tar bare imot lesing (en "
    "reserveserver?). Bruk hovedserveren.",
    "db.pg_no_schema": "PostgreSQL-skjemaet i {url} finnes ikke (search_path) — opprett "
    "det med CREATE SCHEMA, eller rett adressen.",
    "db.pg_no_privilege": "Databasebrukeren mangler tilgang: {error}",
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
    "number.whole_range": "«{value}» er ikke et helt tall fra {low} til {high}",
    "number.decimal_range": "«{value}» er ikke et tall fra {low} til {high}",
}

EN = {
    "config.unreadable": "Cannot read the settings file {path}: {error}",
    "config.missing": "The settings file {path} (VIVER_CONFIG) does not exist.",
    "config.not_toml": "{path}, line {line}, column {column}: not valid TOML ({error}).",
    "config.number_too_long": "{path}, line {line}: a number of more than 4,300 digits "
    "is not a setting.",
    "config.at_line": "{path}, line {line}: {problem}",
    "config.at_file": "{path}: {problem}",
    "config.at_variable": "{variable}: {problem}",
    "config.unknown_key": "unknown key “{name}”{where} (valid: {valid})",
    "config.unknown_key_near": "unknown key “{name}”{where} — did you mean “{near}”?",
    "config.unknown_table": "unknown table [{table}] (valid: {valid})",
    "config.unknown_table_near": "unknown table [{table}] — did you mean [{near}]?",
    "config.unknown_variable": "unknown variable (viver knows {valid})",
    "config.unknown_variable_near": "unknown variable — did you mean {near}?",
    "config.in_table": " in [{table}]",
    "config.in_array": " in [[{table}]] no. {number}",
    "config.key": "“{name}”",
    "config.missing_key": "“{name}” is missing",
    "config.wrong_value": "{name} must be {what}, not “{value}”",
    "config.bad_value": "{name}: {reason}",
    "config.what.text": "text",
    "config.what.whole": "a whole number",
    "config.what.number": "a number",
    "config.what.flag": "true or false",
    "config.what.table": "a table",
    "config.what.list": "a list",
    "config.what.choices": "{first} or {last}",
    "config.what.valid": "a valid value",
    "config.range.between": "{what} from {low} to {high}",
    "config.range.above_to": "{what} above {low} and at most {high}",
    "config.range.at_least": "{what}, at least {low}",
    "config.range.above": "{what} above {low}",
    "config.range.at_most": "{what}, at most {high}",
    "config.range.not_empty": "{what} (not empty)",
    "config.what.folder": "a folder (text)",
    "config.what.file": "a file path (text)",
    "config.what.lines": "text, or a list of lines",
    "config.what.amount": "an amount in kr with at most two decimals (e.g. \"349.50\")",
    "config.what.printer_address": "a printer address, or “preview”",
    "config.explain.language": "a language: “nb” or “en”",
    "config.explain.idle_lock": "a number of minutes (0 = never, at most 1440)",
    "config.explain.spool_retention": "a whole number of days (0 = keep)",
    "config.explain.columns": "a whole number of characters per line (32 for 58 mm, 42 "
    "or 48 for 80 mm)",
    "config.explain.timeout": "a positive number of seconds (at most 600)",
    "config.explain.days": "a whole number of days (0–365)",
    "db.cannot_create": "Cannot create the database {path}: {error}.",
    "db.no_pg_driver": "The PostgreSQL driver is missing. Install it with: "
    "pip install 'viver_tui[postgres]'.",
    "db.unknown_url": "Unknown database address “{url}”. Use sqlite:///path/to/file.db or "
    "postgresql://user@host/database.",
    "db.locked": "The database is locked by another program. Wait a moment and try again; "
    "if that does not help, close other viver windows.",
    "db.cannot_open": "Cannot open the database {url}: {error}. Check the path and "
    "permissions.",
    "db.read_only": "Read-only: {path} — viver cannot save. Give the user write access to "
    "the database file, -wal, -shm and the folder; what was typed is not saved but is still "
    "on the screen.",
    "db.disk_full": "The disk is full: {free} MB free ({folder}) — free some space; nothing "
    "is lost (what was typed is still on the screen and can be saved again).",
    "db.damaged": "The database is damaged ({path}) — run “viver check”, then “viver "
    "restore” with the latest backup.",
    "db.io_error": "The disk answered with a read/write error for {path} — check the disk; "
    "what was typed is not saved.",
    "db.pg_disk_full": "The database server's disk is full — free some space on the "
    "server; nothing is lost.",
    "db.pg_read_only": "Read-only: the database server {url} only accepts reading (a "
    "standby?). Use the primary server.",
    "db.pg_no_schema": "The PostgreSQL schema in {url} does not exist (search_path) — "
    "create it with CREATE SCHEMA, or correct the address.",
    "db.pg_no_privilege": "The database user lacks a privilege: {error}",
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
    "number.whole_range": "“{value}” is not a whole number from {low} to {high}",
    "number.decimal_range": "“{value}” is not a number from {low} to {high}",
}
