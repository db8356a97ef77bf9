"""Erasure reaching everywhere: PostgreSQL's physical removal, backups, the ledger,
``viver maintain`` and ``viver backup --prune``."""

NB = {
    "privacy.erase.pg_pending.snapshot": (
        "Kunde #{id} er anonymisert, men venter på fysisk sletting (siden {date}): en "
        "annen økt mot databasen kan fortsatt se de gamle radene. Slettingen fullføres "
        "av «viver maintain» (nattlig) når den økten er ferdig."
    ),
    "privacy.erase.pg_pending.not_owner": (
        "Kunde #{id} er anonymisert, men venter på fysisk sletting (siden {date}): "
        "programmets databaserolle eier ikke tabellene og kan ikke skrive dem om. Kjør "
        "«viver maintain» som tabellenes eier (nattlig cron, se docs/operations.md)."
    ),
    "privacy.erase.pg_pending.too_large": (
        "Kunde #{id} er anonymisert, men venter på fysisk sletting (siden {date}): "
        "tabellene er for store til å skrives om nå uten å stanse de andre terminalene. "
        "«viver maintain» (nattlig) fullfører slettingen."
    ),
    "privacy.erase.pg_pending.locked": (
        "Kunde #{id} er anonymisert, men venter på fysisk sletting (siden {date}): "
        "tabellene er i bruk. «viver maintain» (nattlig) fullfører slettingen."
    ),
    "privacy.erase.backups_until": (
        "Sikkerhetskopier i {folder} kan inneholde kunden til og med {date} (de slettes "
        "etter innstillingen backup_retention_days med «viver backup --prune»); en "
        "gjenoppretting sletter kunden på nytt."
    ),
    "privacy.erase.backups_kept": (
        "Sikkerhetskopier i {folder} kan inneholde kunden til de slettes "
        "(backup_retention_days er 0: de beholdes); en gjenoppretting sletter kunden på nytt."
    ),
    "cli.maintain.help": (
        "fullfør ventende slettinger (skriv om tabellene på PostgreSQL); for nattlig cron"
    ),
    "cli.maintain.done": "Ventende slettinger fullført: {done}. Venter fortsatt: {waiting}.",
    "cli.backup.prune": "slett sikkerhetskopier eldre enn backup_retention_days",
    "backup.pruned.one": "Slettet 1 sikkerhetskopi eldre enn {days} dager fra {folder}.",
    "backup.pruned.other": "Slettet {count} sikkerhetskopier eldre enn {days} dager fra {folder}.",
    "backup.prune_off": "backup_retention_days er 0: ingen sikkerhetskopier slettes.",
    "restore.reerased.one": "Slettet på nytt etter gjenopprettingen: 1 kunde ({ids}).",
    "restore.reerased.other": "Slettet på nytt etter gjenopprettingen: {count} kunder ({ids}).",
    "log.action.maintain": "vedlikehold: ventende slettinger fullført",
}

EN = {
    "privacy.erase.pg_pending.snapshot": (
        "Customer #{id} is anonymised but awaits physical removal (since {date}): another "
        "database session may still see the old rows. «viver maintain» (nightly) "
        "finishes the erasure once that session is done."
    ),
    "privacy.erase.pg_pending.not_owner": (
        "Customer #{id} is anonymised but awaits physical removal (since {date}): the "
        "program's database role does not own the tables and cannot rewrite them. Run "
        "«viver maintain» as the tables' owner (nightly cron, see docs/operations.md)."
    ),
    "privacy.erase.pg_pending.too_large": (
        "Customer #{id} is anonymised but awaits physical removal (since {date}): the "
        "tables are too large to rewrite now without stopping the other terminals. "
        "«viver maintain» (nightly) finishes the erasure."
    ),
    "privacy.erase.pg_pending.locked": (
        "Customer #{id} is anonymised but awaits physical removal (since {date}): the "
        "tables are in use. «viver maintain» (nightly) finishes the erasure."
    ),
    "privacy.erase.backups_until": (
        "Backups in {folder} may hold the customer until {date} (they are deleted after "
        "the backup_retention_days setting by «viver backup --prune»); a restore erases "
        "the customer again."
    ),
    "privacy.erase.backups_kept": (
        "Backups in {folder} may hold the customer until they are deleted "
        "(backup_retention_days is 0: kept); a restore erases the customer again."
    ),
    "cli.maintain.help": "finish pending erasures (rewrite the tables on PostgreSQL); for cron",
    "cli.maintain.done": "Pending erasures finished: {done}. Still waiting: {waiting}.",
    "cli.backup.prune": "delete backups older than backup_retention_days",
    "backup.pruned.one": "Deleted 1 backup older than {days} days from {folder}.",
    "backup.pruned.other": "Deleted {count} backups older than {days} days from {folder}.",
    "backup.prune_off": "backup_retention_days is 0: no backups are deleted.",
    "restore.reerased.one": "Erased again after the restore: 1 customer ({ids}).",
    "restore.reerased.other": "Erased again after the restore: {count} customers ({ids}).",
    "log.action.maintain": "maintenance: pending erasures finished",
}
