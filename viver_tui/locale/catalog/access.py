"""Who sees what: sign-in list, roles at the counter, the lock, spool retention."""

NB = {
    "login.pick": "… eller velg i listen (↓, Enter):",
    "login.no_staff_list": "Ingen ansatte å velge.",
    "role.no_contact": "Produksjon ser ikke kundens kontaktopplysninger.",
    "role.form_closed": "Skjemaet ble lukket: {role} kan ikke se eller rette kontaktopplysninger.",
    "cli.clean_spool.help": "slett forhåndsviste utskrifter eldre enn oppbevaringstiden",
    "cli.clean_spool.days": "dager å beholde (standard: spool_retention_days i innstillingene)",
    "cli.clean_spool.done.one": "Utskriftsfiler eldre enn 1 dag "
    "i {dir}: {removed} slettet, {kept} beholdt.",
    "cli.clean_spool.done.other": "Utskriftsfiler eldre enn {count} dager "
    "i {dir}: {removed} slettet, {kept} beholdt.",
    "cli.clean_spool.off": (
        "Oppbevaringstiden er 0 (behold til sletting av kunden); ingenting slettet."
    ),
}

EN = {
    "login.pick": "… or pick from the list (↓, Enter):",
    "login.no_staff_list": "No staff to pick.",
    "role.no_contact": "Production does not see customers' contact details.",
    "role.form_closed": "The form was closed: {role} cannot see or correct contact details.",
    "cli.clean_spool.help": "delete print previews older than the retention time",
    "cli.clean_spool.days": "days to keep (default: spool_retention_days in the settings)",
    "cli.clean_spool.done.one": "Print files older than 1 day "
    "in {dir}: {removed} deleted, {kept} kept.",
    "cli.clean_spool.done.other": "Print files older than {count} days "
    "in {dir}: {removed} deleted, {kept} kept.",
    "cli.clean_spool.off": (
        "The retention is 0 (keep until the customer is erased); nothing deleted."
    ),
}
