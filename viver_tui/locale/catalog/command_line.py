"""The ``viver`` command's own words: its help, and argparse's words around it.

``argparse.<msgid>`` keys are argparse's own messages (its ``gettext`` ids, in English
as argparse writes them), said through the catalogue in the language asked for
(cli.py ``argparse_speaking``): "bruk:", "valg:", "ugyldig valg".
"""

NB = {
    "argparse.usage: ": "bruk: ",
    "argparse.options": "valg",
    "argparse.positional arguments": "argumenter",
    "argparse.show this help message and exit": "vis denne hjelpen og avslutt",
    "argparse.invalid choice: %(value)r (choose from %(choices)s)":
        "ugyldig valg: %(value)r (velg blant %(choices)s)",
    "argparse.the following arguments are required: %s": "disse argumentene mangler: %s",
    "argparse.unrecognized arguments: %s": "ukjente argumenter: %s",
    "argparse.expected one argument": "ventet én verdi",
    "argparse.expected at most one argument": "ventet høyst én verdi",
    "argparse.expected at least one argument": "ventet minst én verdi",
    "argparse.argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "argparse.ambiguous option: %(option)s could match %(matches)s":
        "tvetydig valg: %(option)s kan være %(matches)s",
    "argparse.invalid %(type)s value: %(value)r": "ugyldig verdi: %(value)r",
    "argparse.one of the arguments %s is required": "ett av argumentene %s må være med",
    "argparse.not allowed with argument %s": "kan ikke brukes sammen med %s",
    "cli.description": "Skrankesystemet til Videoverkstedet og Viverfilm. "
    "Uten kommando starter skranke-appen.",
    "cli.epilog": "Innstillinger leses fra config.toml i brukerens konfigurasjonsmappe, "
    "eller fra VIVER_CONFIG. VIVER_DATABASE overstyrer databasen (sqlite:///sti eller "
    "postgresql://bruker@vert/db).",
    "cli.version.help": "vis versjonen og avslutt",
    "cli.database.help": "database (sqlite:///sti/viver.db, postgresql://…, eller en filsti)",
    "cli.config.help": "innstillingsfil (TOML)",
    "cli.language.help": "språk: nb (bokmål) eller en (engelsk)",
    "cli.commands": "kommandoer",
    "cli.metavar.command": "KOMMANDO",
    "cli.metavar.file": "FIL",
    "cli.metavar.path": "STI",
    "cli.metavar.folder": "MAPPE",
    "cli.metavar.days": "DAGER",
    "cli.metavar.role": "ROLLE",
    "cli.metavar.initials": "INITIALER",
    "cli.metavar.name": "NAVN",
    "cli.metavar.how": "HVORDAN",
    "cli.metavar.date": "ÅÅÅÅ-MM-DD",
    "cli.init.help": "opprett eller oppgrader databasen",
    "cli.demo.help": "fyll databasen med realistiske norske testdata (til prøving og måling)",
    "cli.demo.customers": "antall kunder",
    "cli.demo.orders": "ordrer per kunde i snitt (standard 1)",
    "cli.demo.media": "medier per ordre i snitt (standard 2,5)",
    "cli.demo.seed": "frø for tilfeldige data",
    "cli.demo.done": "La inn {customers}, {orders} og {media} på {seconds} s: {url}",
}

EN = {
    "argparse.usage: ": "usage: ",
    "argparse.options": "options",
    "argparse.positional arguments": "positional arguments",
    "argparse.show this help message and exit": "show this help message and exit",
    "argparse.invalid choice: %(value)r (choose from %(choices)s)":
        "invalid choice: %(value)r (choose from %(choices)s)",
    "argparse.the following arguments are required: %s":
        "the following arguments are required: %s",
    "argparse.unrecognized arguments: %s": "unrecognized arguments: %s",
    "argparse.expected one argument": "expected one argument",
    "argparse.expected at most one argument": "expected at most one argument",
    "argparse.expected at least one argument": "expected at least one argument",
    "argparse.argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "argparse.ambiguous option: %(option)s could match %(matches)s":
        "ambiguous option: %(option)s could match %(matches)s",
    "argparse.invalid %(type)s value: %(value)r": "invalid value: %(value)r",
    "argparse.one of the arguments %s is required": "one of the arguments %s is required",
    "argparse.not allowed with argument %s": "not allowed with argument %s",
    "cli.description": "The counter system of Videoverkstedet and Viverfilm. "
    "With no command it starts the counter app.",
    "cli.epilog": "Settings are read from config.toml in the user's configuration folder, "
    "or from VIVER_CONFIG. VIVER_DATABASE overrides the database (sqlite:///path or "
    "postgresql://user@host/db).",
    "cli.version.help": "show the version and exit",
    "cli.database.help": "database (sqlite:///path/viver.db, postgresql://…, or a file path)",
    "cli.config.help": "settings file (TOML)",
    "cli.language.help": "language: nb (Norwegian bokmål) or en (English)",
    "cli.commands": "commands",
    "cli.metavar.command": "COMMAND",
    "cli.metavar.file": "FILE",
    "cli.metavar.path": "PATH",
    "cli.metavar.folder": "FOLDER",
    "cli.metavar.days": "DAYS",
    "cli.metavar.role": "ROLE",
    "cli.metavar.initials": "INITIALS",
    "cli.metavar.name": "NAME",
    "cli.metavar.how": "HOW",
    "cli.metavar.date": "YYYY-MM-DD",
    "cli.init.help": "create or upgrade the database",
    "cli.demo.help": "fill the database with realistic Norwegian test data (for trying and "
    "measuring)",
    "cli.demo.customers": "number of customers",
    "cli.demo.orders": "orders per customer on average (default 1)",
    "cli.demo.media": "media per order on average (default 2.5)",
    "cli.demo.seed": "seed for the random data",
    "cli.demo.done": "Loaded {customers}, {orders} and {media} in {seconds} s: {url}",
}
