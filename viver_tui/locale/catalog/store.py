"""The store's operations: opening, checking, backing up and restoring the database."""

NB = {
    "store.corrupt": "Databasefila {path} er skadet ({what}) og kan ikke brukes; den er ikke "
    "endret. Legg tilbake siste sikkerhetskopi med «viver restore FIL» (kopiene ligger i "
    "{backups}), eller kontakt den som drifter viver.",
    "store.what.not_sqlite": "ikke en SQLite-database",
    "store.what.truncated": "fila er avkortet",
    "store.what.malformed": "skadede sider",
    "store.read_only": "Skrivebeskyttet: {path} — viver må kunne skrive i databasens "
    "filer. Gi brukeren skrivetilgang (chmod u+w) eller bruk en annen database.",
    "store.folder_read_only": "Skrivebeskyttet: mappen {path} — SQLite må lage sine "
    "arbeidsfiler der (-wal, -shm). Gi brukeren skrivetilgang til mappen.",
    "check.read_only": "Databasen er uskadet, men skrivebeskyttet: {path} — viver kan ikke "
    "lagre der før brukeren får skrivetilgang.",
    "store.not_readable": "Databasefila {path} kan ikke leses av denne brukeren. Sjekk "
    "tilgangene.",
    "store.is_folder": "{path} er en mappe, ikke en databasefil.",
    "check.ok": "Databasen er i orden (skjemaversjon {version}, {checks}): {url}",
    "check.found.one": "Fant 1 feil i databasen {url}.",
    "check.found.other": "Fant {count} feil i databasen {url}.",
    "check.integrity": "Integritetssjekk: {detail}",
    "check.more.one": "… og 1 funn til (viser de første {shown}).",
    "check.more.other": "… og {count} funn til (viser de første {shown}).",
    "check.foreign_key": "Tabellen {table} rad {rowid} peker på en {parent} som ikke finnes.",
    "check.orphan.one": "1 rad i {table}.{column} peker på en {parent} som ikke finnes.",
    "check.orphan.other": "{count} rader i {table}.{column} peker på en {parent} som ikke finnes.",
    "check.missing_table": "Tabellen {table} mangler.",
    "check.no_schema": "Databasen er ikke opprettet av viver (ingen skjemaversjon). "
    "Kjør: viver init",
    "check.too_new": "Databasen er fra en nyere versjon av viver (skjema {current}, dette "
    "programmet kjenner {latest}).",
    "check.needs_upgrade": "Databasen må oppgraderes (skjema {current} → {latest}). "
    "Kjør: viver init",
    "check.not_validated": "Begrensningen {name} på {table} er ikke kontrollert (NOT VALID).",
    "check.invalid_index": "Indeksen {name} er ugyldig (et avbrutt CREATE INDEX); lag den "
    "på nytt.",
    "check.sequence_behind": "Ordrenummer-sekvensen ({value}) ligger bak høyeste "
    "ordrenummer ({top}); nye ordrer vil kollidere.",
    "check.unreachable": "Får ikke kontakt med databasen: {error}",
    "check.no_database": "Det finnes ingen database her: {path}. Kjør: viver init",
    "check.names.sqlite": "integritet, fremmednøkler, tabeller",
    "check.names.postgres": "tilkobling, tabeller, fremmednøkler, begrensninger, indekser, "
    "ordrenummer",
    "backup.done": "Sikkerhetskopi skrevet: {path} ({size}, kontrollert).",
    "backup.exists": "{path} finnes allerede; velg et annet navn.",
    "backup.failed": "Sikkerhetskopien kunne ikke tas: {error}",
    "backup.no_database": "Det finnes ingen database å ta kopi av: {path}",
    "backup.bad_copy": "Kopien {path} besto ikke kontrollen ({detail}); den er slettet. "
    "Prøv igjen.",
    "backup.pg_missing": "PostgreSQL sikkerhetskopieres med pg_dump, som ikke finnes på "
    "denne maskinen. Installer PostgreSQL-klienten, eller kjør på serveren: "
    "pg_dump --format=custom --file=viver.dump {url}",
    "backup.pg_failed": "pg_dump feilet: {error}",
    "backup.pg_done": "Sikkerhetskopi skrevet med pg_dump: {path} ({size}). Legg tilbake "
    "med pg_restore.",
    "restore.done": "Databasen {path} er lagt tilbake fra {source}. Den gamle er tatt vare "
    "på som {kept}.",
    "restore.done_new": "Databasen {path} er laget fra {source}.",
    "restore.missing": "Finner ikke sikkerhetskopien {path}.",
    "restore.bad_source": "{path} kan ikke legges tilbake: {detail}. Ingenting er endret.",
    "restore.in_use": "Databasen {path} er i bruk (viver er åpen et sted). Lukk viver på "
    "alle skranker og prøv igjen. Ingenting er endret.",
    "restore.same_file": "Sikkerhetskopien og databasen er samme fil.",
    "restore.postgres": "PostgreSQL legges tilbake med pg_restore (se docs/operations.md): "
    "pg_restore --clean --dbname=… viver.dump",
    "cli.check.help": "sjekk databasen for skader (én linje per funn)",
    "cli.check.head_metavar": "NR:HASH",
    "cli.check.head_help": (
        "et kjedehode en tidligere sjekk skrev (nr. og hash): oppføringen med det nummeret "
        "må fortsatt ha den hashen"
    ),
    "cli.backup.help": "ta en sikkerhetskopi av databasen (også mens skrankene er i bruk)",
    "cli.backup.path": "fil eller mappe for kopien (standard: backups/ i brukerens datamappe)",
    "cli.restore.help": "legg tilbake en sikkerhetskopi (den gamle databasen tas vare på)",
    "cli.restore.path": "sikkerhetskopien som skal legges tilbake",
}

EN = {
    "store.corrupt": "The database file {path} is damaged ({what}) and cannot be used; it "
    "has not been changed. Put the latest backup back with 'viver restore FILE' (backups are "
    "in {backups}), or contact whoever runs viver.",
    "store.what.not_sqlite": "not a SQLite database",
    "store.what.truncated": "the file is truncated",
    "store.what.malformed": "damaged pages",
    "store.read_only": "Read-only: {path} — viver must be able to write to the "
    "database's files. Give the user write access (chmod u+w) or use another database.",
    "store.folder_read_only": "Read-only: the folder {path} — SQLite must create its "
    "working files there (-wal, -shm). Give the user write access to the folder.",
    "check.read_only": "The database is sound but read-only: {path} — viver cannot save "
    "there until the user gets write access.",
    "store.not_readable": "The database file {path} cannot be read by this user. Check the "
    "permissions.",
    "store.is_folder": "{path} is a folder, not a database file.",
    "check.ok": "The database is sound (schema version {version}, {checks}): {url}",
    "check.found.one": "Found 1 problem in the database {url}.",
    "check.found.other": "Found {count} problems in the database {url}.",
    "check.integrity": "Integrity check: {detail}",
    "check.more.one": "… and 1 more finding (showing the first {shown}).",
    "check.more.other": "… and {count} more findings (showing the first {shown}).",
    "check.foreign_key": "Table {table} row {rowid} points to a {parent} that does not exist.",
    "check.orphan.one": "1 row in {table}.{column} points to a {parent} that does not exist.",
    "check.orphan.other": "{count} rows in {table}.{column} point to "
    "a {parent} that does not exist.",
    "check.missing_table": "The table {table} is missing.",
    "check.no_schema": "The database was not created by viver (no schema version). "
    "Run: viver init",
    "check.too_new": "The database is from a newer viver (schema {current}, this program "
    "knows {latest}).",
    "check.needs_upgrade": "The database needs an upgrade (schema {current} → {latest}). "
    "Run: viver init",
    "check.not_validated": "The constraint {name} on {table} is not validated (NOT VALID).",
    "check.invalid_index": "The index {name} is invalid (an interrupted CREATE INDEX); "
    "create it again.",
    "check.sequence_behind": "The order number sequence ({value}) is behind the highest "
    "order number ({top}); new orders will collide.",
    "check.unreachable": "Cannot reach the database: {error}",
    "check.no_database": "There is no database here: {path}. Run: viver init",
    "check.names.sqlite": "integrity, foreign keys, tables",
    "check.names.postgres": "connection, tables, foreign keys, constraints, indexes, "
    "order numbers",
    "backup.done": "Backup written: {path} ({size}, checked).",
    "backup.exists": "{path} already exists; choose another name.",
    "backup.failed": "The backup could not be made: {error}",
    "backup.no_database": "There is no database to back up: {path}",
    "backup.bad_copy": "The copy {path} failed its check ({detail}); it was deleted. "
    "Try again.",
    "backup.pg_missing": "PostgreSQL is backed up with pg_dump, which is not on this "
    "machine. Install the PostgreSQL client, or run on the server: "
    "pg_dump --format=custom --file=viver.dump {url}",
    "backup.pg_failed": "pg_dump failed: {error}",
    "backup.pg_done": "Backup written with pg_dump: {path} ({size}). Restore it with "
    "pg_restore.",
    "restore.done": "The database {path} was restored from {source}. The old one was kept "
    "as {kept}.",
    "restore.done_new": "The database {path} was created from {source}.",
    "restore.missing": "Cannot find the backup {path}.",
    "restore.bad_source": "{path} cannot be restored: {detail}. Nothing was changed.",
    "restore.in_use": "The database {path} is in use (viver is open somewhere). Close viver "
    "at every counter and try again. Nothing was changed.",
    "restore.same_file": "The backup and the database are the same file.",
    "restore.postgres": "PostgreSQL is restored with pg_restore (see docs/operations.md): "
    "pg_restore --clean --dbname=… viver.dump",
    "cli.check.help": "check the database for damage (one line per finding)",
    "cli.check.head_metavar": "NO:HASH",
    "cli.check.head_help": (
        "a chain head an earlier check printed (number and hash): the entry with that "
        "number must still have that hash"
    ),
    "cli.backup.help": "back up the database (also while the counters are in use)",
    "cli.backup.path": "file or folder for the copy (default: backups/ in the user data folder)",
    "cli.restore.help": "restore a backup (the old database is kept)",
    "cli.restore.path": "the backup to restore",
}
