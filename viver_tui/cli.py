"""The ``viver`` command: no arguments starts the counter app; subcommands administer.

Every expected failure (bad config, unreachable or too-new database, printer off) is a
``ViverError`` and ends as one line on stderr (one per problem in a settings file) with
exit code 2 — never a traceback.
Heavy modules (Textual, python-escpos) are imported inside the commands that need them,
so ``viver --help`` and ``viver init`` stay fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from viver_tui import __version__
from viver_tui.config import Settings, database_url_for, load_settings
from viver_tui.errors import ViverError
from viver_tui.locale import language, set_language, t

Command = Callable[[argparse.Namespace, Settings], int]


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line, like every other failure (exit 2)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("viver").strip()  # "clean-spool", "" at the top
        self.exit(2, f"viver: {command + ': ' if command else ''}{message}\n")


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.private import sqlite_path
    from viver_tui.sqlite_file import check_sqlite_file

    # A damaged or read-only file is refused before the first screen is painted: one
    # line, exit 2 (the database itself opens after the first frame, below).
    path = sqlite_path(settings.database_url)
    if path is not None:
        check_sqlite_file(path)
    from viver_tui.app import make_app

    # The first screen is painted while the database opens (app.py): a database that
    # cannot be opened ends the app at once, and its message is printed here.
    app = make_app(settings, open_database_later=True)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
    return app.return_code or 0


def tune_gc() -> None:
    """Process-wide garbage collector settings for the counter app (the CLI's to make,
    not ``make_app``'s; benchmarks that run the app in-process call this too).

    Full (generation 2) garbage collections walk every object Textual and peewee keep,
    50–150 ms each, and were the tail of scans and keystrokes (about twelve in 200
    scans). Young collections keep Python's defaults: they stay small (under a ms),
    whereas a larger first threshold made each one 40–80 ms. Measured p99, pickup
    Enter → updated: 157 → 85 ms; typed → rendered: 68 → 41 ms.
    """
    gc.set_threshold(700, 10, 1000)


def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui import migrations
    from viver_tui.db import mask_url, reading
    from viver_tui.migrations.roles import grant_app_role
    from viver_tui.store import open_database

    db = open_database(settings.database_url)
    with reading(db):
        version = migrations.schema_version(db)
    print(t("cli.ready", version=version, url=mask_url(settings.database_url)))
    # PostgreSQL: the app's role gets its privileges (again, after an upgrade).
    role = grant_app_role(db, args.app_role)
    if role:
        print(t("roles.granted", role=role))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """One line per finding and exit 2, or one line saying all is well and exit 0."""
    from viver_tui.store import MAX_FINDINGS, check_database

    noted = None
    if args.head:
        from viver_tui.services.audit import parse_noted_head

        noted = parse_noted_head(args.head)
    report = check_database(settings.database_url, noted)
    if report.ok:
        print(t("check.ok", version=report.version, checks=report.checks, url=report.url))
        return 0
    for finding in report.findings[:MAX_FINDINGS]:
        print(f"viver: {finding}", file=sys.stderr)
    if len(report.findings) > MAX_FINDINGS:
        print(
            "viver: "
            + t("check.more", count=len(report.findings) - MAX_FINDINGS, shown=MAX_FINDINGS),
            file=sys.stderr,
        )
    print(t("check.found", count=len(report.findings), url=report.url))
    return 2


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.store import backup_database

    result = backup_database(
        settings.database_url, None if args.path is None else Path(args.path).expanduser()
    )
    key = "backup.pg_done" if result.tool == "pg_dump" else "backup.done"
    print(t(key, path=result.path, size=_size(result.size)))
    _log_operation(settings, "backup", f"{result.tool} {result.path.name}")
    if args.prune:
        _prune_backups(settings, result.path.parent)
    return 0


def _prune_backups(settings: Settings, folder: Path) -> None:
    """``--prune``: backups older than ``backup_retention_days`` go (they may hold
    erased customers); in the folder just written to and the default one."""
    from viver_tui.config import default_backup_dir
    from viver_tui.db import sqlite_path
    from viver_tui.store import prune_backups

    days = settings.backup_retention_days
    if days <= 0:
        print(t("backup.prune_off"))
        return
    database = sqlite_path(settings.database_url)
    for place in dict.fromkeys([folder, default_backup_dir()]):
        deleted = prune_backups(place, days, database=database)
        database = None  # its neighbours once
        print(t("backup.pruned", count=len(deleted), days=days, folder=place))
        if deleted:
            _log_operation(settings, "backup", f"pruned {len(deleted)} older than {days} days")


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.db import sqlite_path
    from viver_tui.services.privacy import ledger
    from viver_tui.store import restore_database

    live = sqlite_path(settings.database_url)
    # Read before the live database is replaced: every erasure made, also after the backup.
    erasures = ledger.read_for_restore(live) if live is not None else []
    reerased: list[int] = []

    def erase_again(prepared: Path) -> None:
        reerased.extend(_erase_again(prepared, erasures))

    result = restore_database(settings.database_url, Path(args.path).expanduser(),
                              prepare=erase_again)
    if reerased:
        print(t("restore.reerased", count=len(reerased), ids=", ".join(map(str, reerased))))
    if result.kept is None:
        print(t("restore.done_new", path=result.path, source=args.path))
    else:
        print(t("restore.done", path=result.path, source=args.path, kept=result.kept))
    kept = f" kept {result.kept.name}" if result.kept is not None else ""
    _log_operation(settings, "restore", f"from {Path(args.path).name}{kept}")
    return 0


def _erase_again(prepared: Path, erasures: list) -> list[int]:  # type: ignore[type-arg]
    """In the restored copy, before it is put in place: erase again every customer of
    the ledger (their bytes finished: nobody else has the copy open), and carry the
    ledger over. Returns the customers erased again."""
    from viver_tui.services import audit
    from viver_tui.services.privacy import reapply
    from viver_tui.store import open_database

    db = open_database(f"sqlite:///{prepared}")
    try:
        return reapply(db, erasures, audit.SYSTEM)
    finally:
        db.close()


def _log_operation(settings: Settings, action: str, details: str) -> None:
    """Backups and restores are in the access log (of the database as it is now: a
    restored one gets the entry), with the operating-system user who ran them — nobody
    signs in to a nightly job. The work is done when this runs; if the log cannot be
    written, that is the one line and exit 2."""
    import getpass

    import peewee

    from viver_tui.services import audit
    from viver_tui.store import open_database

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    try:
        db = open_database(settings.database_url)
        try:
            audit.record_operation(db, action, f"{details} user={user}")
        finally:
            db.close()
    except (ViverError, peewee.PeeweeException) as exc:
        raise ViverError(t("audit.not_logged", error=getattr(exc, "message", exc))) from exc


def cmd_clean_spool(args: argparse.Namespace, settings: Settings) -> int:
    """Delete spooled previews (they hold names) older than the retention; one line."""
    from viver_tui.services.spool import clean_spool

    days = settings.spool_retention_days if args.days is None else args.days
    if days == 0:
        print(t("cli.clean_spool.off"))
        return 0
    try:
        result = clean_spool(settings.spool_dir, days)
    except OSError as exc:
        raise ViverError(f"{settings.spool_dir}: {exc.strerror}") from exc
    print(t("cli.clean_spool.done", removed=result.removed, count=days,
            dir=settings.spool_dir, kept=result.kept))
    return 0


def _size(size: int) -> str:
    from viver_tui.locale import language

    text = f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"
    return text.replace(".", ",") if language() == "nb" else text


def cmd_demo_data(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.db import mask_url
    from viver_tui.services import demo
    from viver_tui.store import open_database

    db = open_database(settings.database_url)
    result = demo.fill(
        db,
        customers=args.customers,
        orders_per_customer=args.orders_per_customer,
        media_per_order=args.media_per_order,
        seed=args.seed,
        progress=lambda text: print(text, file=sys.stderr),
    )
    seconds = f"{result.seconds:.1f}"
    print(t("cli.demo.done", customers=t("count.customers", count=result.customers),
            orders=t("count.orders", count=result.orders),
            media=t("count.media", count=result.media),
            seconds=seconds.replace(".", ",") if language() == "nb" else seconds,
            url=mask_url(settings.database_url)))
    return 0


def _with_global_options(parser: Parser) -> Parser:
    parser.add_argument("--version", action="version", version=f"viver {__version__}",
                        help=t("cli.version.help"))
    parser.add_argument("--database", metavar="URL", help=t("cli.database.help"))
    parser.add_argument("--config", metavar=t("cli.metavar.file"), help=t("cli.config.help"))
    parser.add_argument("--language", choices=["nb", "en"], help=t("cli.language.help"))
    parser.set_defaults(command=cmd_run)
    return parser


class _NotTheAppStart(Exception):
    """The command line is more than the counter app's start: the full parser decides."""


class _AppStartParser(Parser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheAppStart(message)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, parsed. The counter app's start (global options only) is parsed
    without the subcommands: building them (every command's help, the media, privacy
    and printing command modules imported) is time the sign-in screen's first frame
    would wait for (#19). Anything else — a subcommand, help, an error — goes to the
    full parser, which says it exactly as before."""
    words = list(sys.argv[1:] if argv is None else argv)
    # add_help=False: "-h", "--help" and their abbreviations are left over, so the full
    # parser answers them with the subcommands listed.
    start = _with_global_options(_AppStartParser(prog="viver", add_help=False))
    try:
        args, rest = start.parse_known_args(words)
    except _NotTheAppStart:
        rest = ["(error)"]
    if not rest:
        return args
    return build_parser().parse_args(words)


def build_parser() -> argparse.ArgumentParser:
    from viver_tui.services.numbers import argument

    parser = _with_global_options(
        Parser(prog="viver", description=t("cli.description"), epilog=t("cli.epilog")))
    sub = parser.add_subparsers(title=t("cli.commands"), metavar=t("cli.metavar.command"))

    init = sub.add_parser("init", help=t("cli.init.help"))
    init.add_argument("--app-role", metavar=t("cli.metavar.role"), help=t("cli.init.app_role"))
    init.set_defaults(command=cmd_init)

    demo = sub.add_parser("demo-data", help=t("cli.demo.help"))
    demo.add_argument(
        "--customers", type=argument(0, 10_000_000), default=200, metavar="N",
        help=t("cli.demo.customers"),
    )
    demo.add_argument(
        "--orders-per-customer",
        type=argument(0, 100, decimals=True),
        default=1.0,
        metavar="X",
        help=t("cli.demo.orders"),
    )
    demo.add_argument(
        "--media-per-order",
        type=argument(0, 100, decimals=True),
        default=2.5,
        metavar="X",
        help=t("cli.demo.media"),
    )
    demo.add_argument(
        "--seed", type=argument(0, 2**32 - 1), default=1, help=t("cli.demo.seed")
    )
    demo.set_defaults(command=cmd_demo_data)

    check = sub.add_parser("check", help=t("cli.check.help"))
    check.add_argument("--head", metavar=t("cli.check.head_metavar"),
                       help=t("cli.check.head_help"))
    check.set_defaults(command=cmd_check)

    backup = sub.add_parser("backup", help=t("cli.backup.help"))
    backup.add_argument("path", nargs="?", metavar=t("cli.metavar.path"),
                        help=t("cli.backup.path"))
    backup.add_argument("--prune", action="store_true", help=t("cli.backup.prune"))
    backup.set_defaults(command=cmd_backup)

    restore = sub.add_parser("restore", help=t("cli.restore.help"))
    restore.add_argument("path", metavar=t("cli.metavar.path"), help=t("cli.restore.path"))
    restore.set_defaults(command=cmd_restore)

    spool = sub.add_parser("clean-spool", help=t("cli.clean_spool.help"))
    spool.add_argument(
        "--days", type=argument(0, 36_500), metavar=t("cli.metavar.days"),
        help=t("cli.clean_spool.days"),
    )
    spool.set_defaults(command=cmd_clean_spool)

    # Subcommands contributed by other packages: each adds its parser (with
    # set_defaults(command=…)) to the subparsers it is given.
    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands() -> list[Callable[[argparse._SubParsersAction], None]]:
    from viver_tui.media_cli import register as register_media
    from viver_tui.printing.cli import register as register_printing
    from viver_tui.privacy_cli import register as register_privacy

    return [register_printing, register_privacy, register_media]


@contextmanager
def argparse_speaking() -> Iterator[None]:
    """argparse's own words ("usage:", "options", "invalid choice") through the
    catalogue, in the language in use, while a parser is built and used (argparse looks
    its messages up through its module's ``_`` when it needs them)."""
    original = argparse._  # type: ignore[attr-defined]

    def said(message: str) -> str:
        key = f"argparse.{message}"
        text = t(key)
        return message if text == key else text

    argparse._ = said  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _language_asked(argv: Sequence[str] | None) -> str:
    """``--language`` from the command line (before it is parsed: the help is written
    in it), else VIVER_LANGUAGE, else bokmål."""
    words = list(sys.argv[1:] if argv is None else argv)
    for at, word in enumerate(words):
        if word == "--":
            break
        if word.startswith("--language="):
            return word.partition("=")[2]
        if word == "--language" and at + 1 < len(words):
            return words[at + 1]
    return os.environ.get("VIVER_LANGUAGE", "nb")


def main(argv: Sequence[str] | None = None) -> int:
    # The help, argparse's errors and a broken settings file are said in the language
    # asked for on the command line or in VIVER_LANGUAGE (the settings come later).
    set_language(_language_asked(argv))
    with argparse_speaking():
        args = parse_arguments(argv)
    try:
        settings = load_settings(
            path=None if args.config is None else Path(args.config)
        )
        if args.database:
            settings = replace(settings, database_url=database_url_for(args.database))
        if args.language:
            settings = replace(settings, language=args.language)
        # The process's language and GC tuning are the entry's to set, for every command
        # (the app also speaks settings.language by itself: make_app changes neither).
        set_language(settings.language)
        tune_gc()
        return args.command(args, settings)
    except ViverError as exc:
        # One line per problem (a settings file may hold several), each with the prefix.
        for line in exc.message.splitlines() or [""]:
            print(f"viver: {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
