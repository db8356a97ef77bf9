"""One-click unsubscribe from customer letters (RFC 8058), as routes for ``viver serve``.

``unsubscribe_routes(db)`` returns aiohttp route definitions for the server to mount
(``build_app(…, extra_routes=unsubscribe_routes(db))``):

- ``GET /unsubscribe/<token>`` — a plain page with one button; a GET changes nothing
  (mail scanners and link previews open links: RFC 8058 §3.1);
- ``POST /unsubscribe/<token>`` — opts the customer out at once: the body
  ``List-Unsubscribe=One-Click`` a mail program sends, or the page's button. Letters
  of theirs not yet sent are skipped, also in a run in progress
  (``services.mail.letters.unsubscribe_by_token``).

Every token that names nobody gets the same 404 page. The pages name no one.
"""

from __future__ import annotations

import asyncio
import html
from typing import TYPE_CHECKING

import peewee

from viver_tui.locale import t
from viver_tui.services.mail.letters import unsubscribe_by_token

if TYPE_CHECKING:
    from aiohttp import web

HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex",
}


def _page(title: str, text: str, form: str = "") -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{form}</body></html>"
    )


def unsubscribe_routes(db: peewee.Database | peewee.DatabaseProxy) -> list[web.RouteDef]:
    """The unsubscribe routes, for ``viver serve``'s aiohttp app."""
    from aiohttp import web

    def unknown() -> web.Response:
        page = _page(t("letter.unsubscribe.page"), t("letter.unsubscribe.unknown"))
        return web.Response(text=page, status=404, content_type="text/html",
                            headers=HEADERS)

    async def ask(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        form = (
            "<form method='post'><input type='hidden' name='List-Unsubscribe' "
            f"value='One-Click'><button>{html.escape(t('letter.unsubscribe.button'))}"
            "</button></form>"
        )
        if not token.isalnum() or len(token) > 40:
            return unknown()
        return web.Response(
            text=_page(t("letter.unsubscribe.page"), t("letter.unsubscribe.ask"), form),
            content_type="text/html", headers=HEADERS,
        )

    async def one_click(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        # The database call runs in a worker thread: it blocks, the event loop may not.
        if not token.isalnum() or not await asyncio.to_thread(unsubscribe_by_token, db,
                                                              token):
            return unknown()
        page = _page(t("letter.unsubscribe.page"), t("letter.unsubscribe.done"))
        return web.Response(text=page, content_type="text/html", headers=HEADERS)

    return [
        web.get("/unsubscribe/{token}", ask),  # and HEAD, which changes nothing either
        web.post("/unsubscribe/{token}", one_click),
    ]
