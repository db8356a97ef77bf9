"""``viver files …`` (import, check, usage, due, free, deliver, link, revoke, sample)
and ``viver serve`` (docs/media-files.md).

Commands that change or hand out files take ``--staff INITIALS`` and that person's PIN
(as ``privacy_cli``); ``check``, ``usage`` and ``due`` show no personal data (opaque
names, sizes, medium codes) and need no sign-in. One line per finding or refusal on
stderr and exit 2; ``check`` exits 2 on any finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from viver_tui.config import Settings
from viver_tui.locale import t
from viver_tui.locale.sizes import format_size as size_text
from viver_tui.privacy_cli import _open, _with_staff, sign_in

if TYPE_CHECKING:
    import peewee


def _store(settings: Settings):
    from viver_tui.media_store import open_store
    from viver_tui.services import media_files

    store = open_store(settings.media_dir)
    media_files.use_store(store)
    return store


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    by = sign_in(db, args.staff)
    result = media_files.import_folder(db, _store(settings), Path(args.folder).expanduser(),
                                       args.medium, by, move=args.move)
    for source, message in result.refused:
        print("viver: " + t("media.import.refused_line", file=source, message=message),
              file=sys.stderr)
    print(t("media.import.done", count=len(result.imported), code=result.medium,
            size=size_text(sum(f.size for f in result.imported))))
    return 0 if result.ok else 2


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    findings = media_files.check(db, _store(settings), quick=args.quick)
    for line in findings:
        print(f"viver: {line}", file=sys.stderr)
    if findings:
        print(t("media.check.found", count=len(findings)))
        return 2
    states = media_files.file_states(db, settings.warranty_days)
    print(t("media.check.ok", count=len(states), size=size_text(sum(f.size for f in states))))
    return 0


def cmd_usage(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    usage = media_files.usage(db, _store(settings), settings.warranty_days)
    for state in media_files.STATES:
        count, size = usage.by_state[state]
        print(t("media.usage.row", state=t(f"media.state.{state}"), count=count,
                size=size_text(size)))
    if usage.free_bytes is not None:
        print(t("media.usage.free", size=size_text(usage.free_bytes), where=usage.where))
    return 0


def cmd_due(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.locale.formatting import format_date
    from viver_tui.services import media_files

    db = _open(settings)
    files = media_files.due(db, settings.warranty_days)
    for f in files:
        print(t("media.due.row", name=f.name, size=size_text(f.size), code=f.medium,
                until=format_date(f.warranty_until)))
    if not files:
        print(t("media.due.none"))
    return 0


def cmd_free(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files, staff

    db = _open(settings)
    staff.require_admin(sign_in(db, args.staff))
    wanted = int(args.gb * 10**9)
    freed = media_files.free_space(db, _store(settings), wanted, settings.warranty_days,
                                   dry_run=args.dry_run)
    for line in freed.failed:
        print(f"viver: {line}", file=sys.stderr)
    print(t("media.free.done", freed=size_text(freed.freed), wanted=size_text(wanted),
            count=len(freed.names)))
    if not freed.enough:
        print(t("media.free.short", freed=size_text(freed.freed), wanted=size_text(wanted)))
    return 0 if not freed.failed else 2


def cmd_deliver(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    by = sign_in(db, args.staff)
    order_id = media_files.order_id_for(db, args.order)
    done = media_files.deliver_to_drive(db, _store(settings), order_id,
                                        Path(args.to).expanduser(), args.drive, by)
    print(t("media.deliver.done", files=done.files, size=size_text(done.bytes),
            folder=done.folder))
    return 0


def link_url(settings: Settings, token: str) -> str:
    from viver_tui.services.media_files import public_url

    return public_url(settings.public_url, settings.serve_host, settings.serve_port, token)


def cmd_link(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.locale.formatting import format_date
    from viver_tui.services import media_files

    db = _open(settings)
    by = sign_in(db, args.staff)
    link = media_files.create_link(db, media_files.order_id_for(db, args.order), by,
                                   settings.warranty_days)
    until = format_date(link.last_day)
    print(t("media.link.made", number=args.order, until=until,
            url=link_url(settings, link.token)))
    return 0


def cmd_revoke(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    by = sign_in(db, args.staff)
    done = media_files.revoke_link(db, args.link, by)
    print(t("media.link.revoked" if done else "media.link.not_live", id=args.link))
    return 0


def cmd_sample(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.services import media_files

    db = _open(settings)
    by = sign_in(db, args.staff)
    size = media_files.export_sample(db, _store(settings), args.name,
                                     Path(args.to).expanduser(), by)
    print(t("media.sample.done", name=args.name, size=size_text(size)))
    return 0


def serve_app(db: peewee.Database, settings: Settings):
    """What `viver serve` serves: the streaming links and the letters' one-click
    unsubscribe pages (mail_web), on one server behind the shop's reverse proxy."""
    from viver_tui.mail_web import unsubscribe_routes
    from viver_tui.media_server import build_app

    return build_app(db, _store(settings), extra_routes=unsubscribe_routes(db))


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.media_server import serve

    db = _open(settings)
    host = args.host or settings.serve_host
    port = args.port or settings.serve_port
    serve(serve_app(db, settings), host, port,
          listening=lambda: print(t("media.serve.listening", host=host, port=port),
                                  file=sys.stderr, flush=True))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    from viver_tui.services.numbers import MAX_ID, argument

    files = subparsers.add_parser("files", help=t("media.cli.help"))
    sub = files.add_subparsers(
        title=t("cli.commands"), metavar=t("cli.metavar.command"), required=True
    )
    imp = sub.add_parser("import", help=t("media.cli.import"))
    imp.add_argument("folder", metavar=t("cli.metavar.folder"), help=t("media.cli.folder"))
    imp.add_argument(
        "--medium", required=True, metavar=t("cli.metavar.code"), help=t("media.cli.medium")
    )
    imp.add_argument("--move", action="store_true", help=t("media.cli.move"))
    _with_staff(imp)
    imp.set_defaults(command=cmd_import)
    check = sub.add_parser("check", help=t("media.cli.check"))
    check.add_argument("--quick", action="store_true", help=t("media.cli.quick"))
    check.set_defaults(command=cmd_check)
    sub.add_parser("usage", help=t("media.cli.usage")).set_defaults(command=cmd_usage)
    sub.add_parser("due", help=t("media.cli.due")).set_defaults(command=cmd_due)
    free = sub.add_parser("free", help=t("media.cli.free"))
    free.add_argument("--gb", required=True, type=argument(0, 1_000_000, decimals=True),
                      metavar="N", help=t("media.cli.gb"))
    free.add_argument("--dry-run", action="store_true", help=t("cli.purge.dry_run"))
    _with_staff(free)
    free.set_defaults(command=cmd_free)
    deliver = sub.add_parser("deliver", help=t("media.cli.deliver"))
    deliver.add_argument("order", type=argument(1, MAX_ID), metavar=t("cli.metavar.order"))
    deliver.add_argument(
        "--to", required=True, metavar=t("cli.metavar.folder"), help=t("media.cli.to")
    )
    deliver.add_argument("--drive", default="", help=t("media.cli.drive"))
    _with_staff(deliver)
    deliver.set_defaults(command=cmd_deliver)
    link = sub.add_parser("link", help=t("media.cli.link"))
    link.add_argument("order", type=argument(1, MAX_ID), metavar=t("cli.metavar.order"))
    _with_staff(link)
    link.set_defaults(command=cmd_link)
    revoke = sub.add_parser("revoke", help=t("media.cli.revoke"))
    revoke.add_argument("link", type=argument(1, MAX_ID), metavar=t("cli.metavar.link"))
    _with_staff(revoke)
    revoke.set_defaults(command=cmd_revoke)
    sample = sub.add_parser("sample", help=t("media.cli.sample"))
    sample.add_argument("name", metavar=t("cli.metavar.file"))
    sample.add_argument(
        "--to", required=True, metavar=t("cli.metavar.folder"), help=t("media.cli.to")
    )
    _with_staff(sample)
    sample.set_defaults(command=cmd_sample)

    serve = subparsers.add_parser("serve", help=t("media.cli.serve"))
    serve.add_argument("--host", help=t("media.cli.host"))
    serve.add_argument("--port", type=argument(1, 65_535), help=t("media.cli.port"))
    serve.set_defaults(command=cmd_serve)
