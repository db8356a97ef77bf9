"""``viver print-test [--printer URL | --label]``: is this printer set up right?

Prints a test page (``ÆØÅ æøå``, the code page, a ruler and a barcode) straight to the
printer, without the queue, and says in one line what went wrong when it could not
(exit code 2) — including when the page went out but the printer did not confirm it
(a hung printer accepts the connection and says nothing). With the ``preview`` printer
the page is spooled and shown as text.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime

from viver_tui.config import Settings
from viver_tui.locale import set_language, t


def cmd_print_test(args: argparse.Namespace, settings: Settings) -> int:
    from viver_tui.printing import layouts
    from viver_tui.printing.connection import BadPrinterAddress, PrinterUnavailable, is_preview
    from viver_tui.printing.delivery import send

    set_language(settings.language)
    printer = settings.label_printer if args.label else settings.receipt_printer
    if args.printer:
        printer = replace(printer, url=args.printer)
    paper = layouts.Paper.of(printer)
    data = layouts.SamplePageData(url=printer.url, shop_name=settings.shop_name)
    payload = layouts.build("test_page", data, paper)
    if is_preview(printer.url):
        from viver_tui.printing import preview

        name = f"test-{datetime.now():%Y%m%d-%H%M%S}.escpos"
        path = preview.spool(settings.spool_dir, name, payload)
        print(t("print.test.spooled", path=path))
        print(preview.render_text(payload, paper.columns, paper.code_page))
        return 0
    try:
        delivery = send(printer, payload)
    except BadPrinterAddress as exc:  # the address in it already, and the forms to use
        raise PrinterUnavailable(exc.url, t("print.test.failed", message=exc.message)) from exc
    except PrinterUnavailable as exc:
        raise PrinterUnavailable(
            exc.url, t("print.test.failed", message=f"{printer.url}: {exc.reason}")
        ) from exc
    if not delivery.confirmed:
        raise PrinterUnavailable(printer.url, t("print.test.not_confirmed", url=printer.url))
    print(t("print.test.ok", url=printer.url))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("print-test", help=t("cli.print_test.help"))
    parser.add_argument("--printer", metavar="URL", help=t("cli.print_test.printer"))
    parser.add_argument("--label", action="store_true", help=t("cli.print_test.label"))
    parser.set_defaults(command=cmd_print_test)
