"""The ``viver`` command: no arguments starts the counter app; subcommands administer.

Every expected failure (bad config, unreachable or too-new database, printer off) is a
``ViverError`` and ends as one line on stderr with exit code 2 — never a traceback.
Heavy modules (Textual, python-escpos) are imported inside the commands that need them,
so ``viver --help`` and ``viver init`` stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from viver_tui import __version__
from viver_tui.config import Settings, database_url_for, load_settings
from viver_tui.errors import ViverError
from viver_tui.locale import set_language

Command = Callable[[argparse.Namespace, Settings], int]


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.app import make_app

    # The first screen is painted while the database opens (app.py): a database that
    # cannot be opened ends the app at once, and its message is printed here.
    app = make_app(settings, open_database_later=True)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
    return app.return_code or 0


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui import migrations
    from viver_tui.db import open_database, reading

    db = open_database(settings.database_url)
    with reading(db):
        version = migrations.schema_version(db)
    print(f"Databasen er klar (skjemaversjon {version}): {settings.database_url}")
    return 0


def cmd_demo_data(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.db import open_database
    from viver_tui.services import demo

    if args.customers < 0 or args.orders_per_customer < 0:
        raise ViverError("Antall må være 0 eller mer.")
    db = open_database(settings.database_url)
    result = demo.fill(
        db,
        customers=args.customers,
        orders_per_customer=args.orders_per_customer,
        media_per_order=args.media_per_order,
        seed=args.seed,
        progress=lambda text: print(text, file=sys.stderr),
    )
    print(
        f"La inn {result.customers} kunder, {result.orders} ordrer og {result.media} medier "
        f"på {result.seconds:.1f} s: {settings.database_url}"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="viver",
        description=(
            "Skrankesystemet til Videoverkstedet/Viverfilm. Uten kommando starter "
            "skranke-appen. The counter system; with no command it starts the app."
        ),
        epilog=(
            "Innstillinger leses fra config.toml i brukerens konfigurasjonsmappe, eller fra "
            "VIVER_CONFIG. VIVER_DATABASE overstyrer databasen (sqlite:///sti eller "
            "postgresql://bruker@vert/db)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"viver {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database (sqlite:///sti/viver.db, postgresql://…, eller en filsti)",
    )
    parser.add_argument("--config", metavar="FIL", help="innstillingsfil (TOML)")
    parser.add_argument(
        "--language", choices=["nb", "en"], help="språk i appen: nb (bokmål) eller en"
    )
    parser.set_defaults(command=cmd_run)
    sub = parser.add_subparsers(title="kommandoer", metavar="KOMMANDO")

    init = sub.add_parser("init", help="opprett eller oppgrader databasen")
    init.set_defaults(command=cmd_init)

    demo = sub.add_parser(
        "demo-data", help="fyll databasen med realistiske norske testdata (til prøving og måling)"
    )
    demo.add_argument("--customers", type=int, default=200, metavar="N", help="antall kunder")
    demo.add_argument(
        "--orders-per-customer",
        type=float,
        default=1.0,
        metavar="X",
        help="ordrer per kunde i snitt (standard 1)",
    )
    demo.add_argument(
        "--media-per-order",
        type=float,
        default=2.5,
        metavar="X",
        help="medier per ordre i snitt (standard 2,5)",
    )
    demo.add_argument("--seed", type=int, default=1, help="frø for tilfeldige data")
    demo.set_defaults(command=cmd_demo_data)

    # Subcommands contributed by other packages: each adds its parser (with
    # set_defaults(command=…)) to the subparsers it is given.
    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands() -> list[Callable[[argparse._SubParsersAction], None]]:
    from viver_tui.printing.cli import register as register_printing
    from viver_tui.privacy_cli import register as register_privacy

    return [register_printing, register_privacy]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(
            path=None if args.config is None else Path(args.config)
        )
        if args.database:
            settings = replace(settings, database_url=database_url_for(args.database))
        if args.language:
            settings = replace(settings, language=args.language)
        # Before any screen module is imported: key labels are read at import time.
        set_language(settings.language)
        return args.command(args, settings)
    except ViverError as exc:
        print(f"viver: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
