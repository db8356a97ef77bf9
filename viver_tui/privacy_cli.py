"""Admin commands for staff and privacy: ``viver staff …``, ``viver customer export|erase``,
``viver export mailing-list``, ``viver export invoices``, ``viver purge-expired``.

Each command (except the very first ``staff add`` on a database without staff) takes
``--staff INITIALS`` and reads that admin's PIN with ``getpass`` — from standard input,
one line, when it is not a terminal — never from the command line, where it would land
in the shell history and the process list. Each ends with one line: exit 0 when done,
2 when refused (wrong PIN, wrong role, erasure while originals are in the house), 3 when
an erasure is committed but not yet finished on disk (the database is in use).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path

from viver_tui.config import Settings
from viver_tui.errors import ViverError
from viver_tui.locale import t

EXIT_NOT_FINISHED = 3


def read_secret(prompt: str) -> str:
    """A PIN from the terminal (not echoed), or one line of standard input."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        return getpass.getpass(prompt)
    line = stdin.readline() if stdin is not None else ""
    if not line:
        raise ViverError(t("cli.no_pin"))
    return line.rstrip("\r\n")


def read_new_pin(initials: str) -> str:
    pin = read_secret(t("cli.new_pin_prompt", initials=initials))
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive and read_secret(t("cli.new_pin_again")) != pin:
        raise ViverError(t("cli.pin_mismatch"))
    return pin


def sign_in(db, initials: str | None):  # -> StaffView
    """The admin (or other staff) named by ``--staff``, proven by their PIN."""
    from viver_tui.services import staff
    from viver_tui.services.staff import NotAllowed

    if not initials:
        raise NotAllowed(t("cli.staff_required"))
    pin = read_secret(t("cli.pin_prompt", initials=initials))
    result = staff.verify_pin(db, initials, pin)
    if not result.ok:
        time.sleep(result.delay_s)  # the service says how long a wrong PIN costs
        raise NotAllowed(result.message)
    return result.staff


def _open(settings: Settings):
    from viver_tui.media_store import open_store
    from viver_tui.services.media_files import use_store
    from viver_tui.store import open_database

    use_store(open_store(settings.media_dir))  # an erasure deletes the customer's files
    return open_database(settings.database_url)


# --- staff -------------------------------------------------------------------------------


def cmd_staff_add(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import staff

    db = _open(settings)
    by = sign_in(db, args.staff) if staff.has_staff(db) else None
    pin = read_new_pin(args.initials)
    added = staff.add(
        db, name=args.name, initials=args.initials, role=args.role, pin=pin, by=by
    )
    print(t("cli.staff.added", name=added.name, initials=added.initials,
            role=t(f"staff.role.{added.role}")))
    return 0


def cmd_staff_list(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import staff

    db = _open(settings)
    if not staff.has_staff(db):
        print(t("cli.staff.none"))
        return 0
    staff.require_admin(sign_in(db, args.staff))
    for row in staff.list_staff(db):
        state = t("cli.staff.active" if row.active else "cli.staff.inactive")
        role = t(f"staff.role.{row.role}")
        print(t("cli.staff.row", initials=row.initials, role=role, state=state, name=row.name))
    return 0


def cmd_staff_disable(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import staff

    db = _open(settings)
    by = sign_in(db, args.staff)
    row = staff.disable(db, args.initials, by=by)
    print(t("cli.staff.disabled", initials=row.initials))
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import staff

    db = _open(settings)
    by = sign_in(db, args.staff)
    staff.require_admin(by)
    row = staff.reset_pin(db, args.initials, read_new_pin(args.initials), by=by)
    print(t("cli.staff.pin_reset", initials=row.initials))
    return 0


# --- customers -----------------------------------------------------------------------------


def cmd_customer_export(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import privacy

    db = _open(settings)
    by = sign_in(db, args.staff)
    done = privacy.export_customer(db, args.id, by, Path(args.out), delivered_how=args.how,
                                   shop=settings)
    print(t("cli.customer.exported", id=args.id, json=done.json_path, text=done.text_path))
    return 0


def cmd_customer_erase(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import privacy

    db = _open(settings)
    by = sign_in(db, args.staff)
    result = privacy.erase_customer(db, args.id, by, spool_dir=settings.spool_dir)
    print(result.message)
    return 0 if result.finished else EXIT_NOT_FINISHED


def cmd_customer_requests(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import date

    from viver_tui.services import privacy, staff

    db = _open(settings)
    reader = staff.require_admin(sign_in(db, args.staff))
    today = date.today()
    rows = privacy.access_requests(db, reader, open_only=args.open, where="cli")
    for row in rows:
        state = (
            t("cli.requests.answered", on=row.answered_on.strftime("%d.%m.%Y"))
            if row.answered_on
            else t("cli.requests.overdue") if row.overdue(today) else t("cli.requests.open")
        )
        print(t("cli.requests.row", id=row.customer_id,
                received=row.received_on.strftime("%d.%m.%Y"),
                deadline=row.deadline.strftime("%d.%m.%Y"), state=state))
    if not rows:
        print(t("cli.requests.none"))
    return 0


def cmd_export_mailing_list(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import privacy

    db = _open(settings)
    by = sign_in(db, args.staff)
    if args.out is None:
        count = privacy.export_mailing_list(db, by, sys.stdout)
        print(t("cli.export.mailing.done", count=count, path="-"), file=sys.stderr)
        return 0
    path = Path(args.out)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise ViverError(t("privacy.export.write_failed", path=path, error=exc.strerror)) from exc
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        count = privacy.export_mailing_list(db, by, out)
    print(t("cli.export.mailing.done", count=count, path=path))
    return 0


def cmd_export_invoices(args: argparse.Namespace, settings: Settings) -> int:
    """The period's invoices and credit notes for the accounting system (one CSV, the
    PDFs, the series reconciled); exit 2 when a series has a gap."""
    from datetime import date

    from viver_tui.services import documents

    try:
        start, end = date.fromisoformat(args.date_from), date.fromisoformat(args.date_to)
    except ValueError as exc:
        raise ViverError(t("cli.export.invoices.date")) from exc
    db = _open(settings)
    by = sign_in(db, args.staff)
    result = documents.export_invoices(db, settings, by, start, end, Path(args.out))
    print(t("cli.export.invoices.done", documents=t("count.documents", count=result.documents),
            rows=t("count.lines", count=result.rows),
            path=result.csv_path, pdfs=result.pdf_dir))
    for check in result.series:
        print(t("cli.export.invoices.series", company=check.company, series=check.series,
                first=check.first, last=check.last, count=check.count,
                void=" ".join(map(str, check.void)) or "–"))
        if check.missing:
            print("viver: " + t("cli.export.invoices.missing", company=check.company,
                                series=check.series,
                                numbers=" ".join(map(str, check.missing))), file=sys.stderr)
    return 0 if result.reconciles else 2


def cmd_purge_expired(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import privacy

    db = _open(settings)
    by = sign_in(db, args.staff)
    result = privacy.purge_expired(
        db, by, dry_run=args.dry_run, spool_dir=settings.spool_dir,
        documents_dir=settings.documents_dir,
    )
    key = "cli.purge.would" if result.dry_run else "cli.purge.done"
    line = t(key, orders=t("count.orders", count=len(result.order_numbers)),
             customers=t("count.customers", count=len(result.customer_ids)))
    if result.documents:
        line += " " + t("cli.purge.documents", count=len(result.documents))
    waiting = [r for r in result.pending if not r.finished]
    if waiting:
        line += " " + t("cli.purge.pending", count=len(waiting))
    media_line, media_failed = _purge_media_files(db, settings, dry_run=args.dry_run)
    print(line + media_line)
    return EXIT_NOT_FINISHED if waiting or media_failed else 0


def _purge_media_files(db, settings: Settings, *, dry_run: bool) -> tuple[str, bool]:
    """Media files past their warranty (not kept by consent) deleted: the words to add
    to purge-expired's line, and whether a file resisted (docs/media-files.md)."""
    from viver_tui.media_store import open_store
    from viver_tui.services import media_files

    files, failed = media_files.purge_expired_files(
        db, open_store(settings.media_dir), settings.warranty_days, dry_run=dry_run
    )
    for line in failed:
        print(f"viver: {line}", file=sys.stderr)
    if not files:
        return "", bool(failed)
    key = "media.purge.files_would" if dry_run else "media.purge.files"
    return " " + t(key, count=len(files) - len(failed)), bool(failed)


# --- parsers -------------------------------------------------------------------------------


def _with_staff(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--staff", metavar=t("cli.metavar.initials"), required=required, help=t("cli.staff.by")
    )


def _commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return parser.add_subparsers(
        title=t("cli.commands"), metavar=t("cli.metavar.command"), required=True
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    from viver_tui.services.numbers import MAX_ID, argument

    staff = subparsers.add_parser("staff", help=t("cli.staff.help"))
    staff_sub = _commands(staff)
    add = staff_sub.add_parser("add", help=t("cli.staff.add.help"))
    add.add_argument("--name", required=True, metavar=t("cli.metavar.name"),
                     help=t("cli.staff.name"))
    add.add_argument("--initials", required=True, metavar=t("cli.metavar.initials"),
                     help=t("cli.staff.initials"))
    add.add_argument("--role", required=True, choices=("counter", "production", "admin"),
                     help=t("cli.staff.role"))
    _with_staff(add, required=False)
    add.set_defaults(command=cmd_staff_add)
    listing = staff_sub.add_parser("list", help=t("cli.staff.list.help"))
    _with_staff(listing, required=False)
    listing.set_defaults(command=cmd_staff_list)
    disable = staff_sub.add_parser("disable", help=t("cli.staff.disable.help"))
    disable.add_argument("initials", metavar=t("cli.metavar.initials"), help=t("cli.staff.target"))
    _with_staff(disable)
    disable.set_defaults(command=cmd_staff_disable)
    reset = staff_sub.add_parser("reset-pin", help=t("cli.staff.reset_pin.help"))
    reset.add_argument("initials", metavar=t("cli.metavar.initials"), help=t("cli.staff.target"))
    _with_staff(reset)
    reset.set_defaults(command=cmd_staff_reset_pin)

    customer = subparsers.add_parser("customer", help=t("cli.customer.help"))
    customer_sub = _commands(customer)
    export = customer_sub.add_parser("export", help=t("cli.customer.export.help"))
    export.add_argument("id", type=argument(1, MAX_ID), help=t("cli.customer.id"))
    export.add_argument("--out", required=True, metavar=t("cli.metavar.folder"),
                        help=t("cli.customer.out"))
    export.add_argument("--how", default="", metavar=t("cli.metavar.how"),
                        help=t("cli.customer.how"))
    _with_staff(export)
    export.set_defaults(command=cmd_customer_export)
    requests = customer_sub.add_parser("requests", help=t("cli.requests.help"))
    requests.add_argument("--open", action="store_true", help=t("cli.requests.open_only"))
    _with_staff(requests)
    requests.set_defaults(command=cmd_customer_requests)
    erase = customer_sub.add_parser("erase", help=t("cli.customer.erase.help"))
    erase.add_argument("id", type=argument(1, MAX_ID), help=t("cli.customer.id"))
    _with_staff(erase)
    erase.set_defaults(command=cmd_customer_erase)

    exports = subparsers.add_parser("export", help=t("cli.export.help"))
    exports_sub = _commands(exports)
    mailing = exports_sub.add_parser("mailing-list", help=t("cli.export.mailing.help"))
    mailing.add_argument("--out", metavar=t("cli.metavar.file"), help=t("cli.export.out"))
    _with_staff(mailing)
    mailing.set_defaults(command=cmd_export_mailing_list)
    invoices = exports_sub.add_parser("invoices", help=t("cli.export.invoices.help"))
    invoices.add_argument("--from", dest="date_from", required=True, metavar=t("cli.metavar.date"),
                          help=t("cli.export.invoices.from"))
    invoices.add_argument("--to", dest="date_to", required=True, metavar=t("cli.metavar.date"),
                          help=t("cli.export.invoices.to"))
    invoices.add_argument("--out", required=True, metavar=t("cli.metavar.folder"),
                          help=t("cli.export.invoices.out"))
    _with_staff(invoices)
    invoices.set_defaults(command=cmd_export_invoices)

    purge = subparsers.add_parser("purge-expired", help=t("cli.purge.help"))
    purge.add_argument("--dry-run", action="store_true", help=t("cli.purge.dry_run"))
    _with_staff(purge)
    purge.set_defaults(command=cmd_purge_expired)
