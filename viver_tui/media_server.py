"""``viver serve``: an order's media files for the customer's browser, by a streaming link.

A Starlette app (``build_app``) on uvicorn, bound to 127.0.0.1 by default, meant to
sit behind the shop's reverse proxy, which does TLS (docs/media-files.md). Routes:

- ``GET /l/<token>/`` — a plain page: the order number, each file with in-page video,
  audio or image viewing and a download link (no name, no contact data);
- ``GET|HEAD /l/<token>/<name>`` — the file: one HTTP Range (``206``, ``416`` when out
  of range), the content type, ``Accept-Ranges``; ``?download=1`` makes it an
  attachment. Streamed from the store in chunks (``CHUNK``: the memory one reader
  holds, whatever the file's size), each chunk read in a worker thread.

Every failure — wrong, expired or revoked token, consent withdrawn, a file not of that
order, a name the store would not hand out, any other path — is the same 404 page,
byte for byte. Each download (a GET that sent bytes) is an access-log entry with the
link's id, the file, the bytes sent and the client's address (uvicorn takes it from
``X-Forwarded-For`` only when the proxy is at an address in ``forwarded_allow_ips``).

``extra_routes`` lets another feature mount its own routes on the same server (e.g. a
one-click unsubscribe, RFC 8058): ``build_app(db, store, extra_routes=[Route(…)])``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from collections.abc import Callable, Iterator, Sequence

import anyio
import peewee
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from viver_tui.locale import t
from viver_tui.media_store import MediaStore, StoreError, valid_name
from viver_tui.services import media_files
from viver_tui.services.media_files import FileView, LinkView

CHUNK = 1024 * 1024  # bytes per read and per send: about a reader's memory
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex",
}


def not_found_page() -> HTMLResponse:
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>404</title></head><body>"
        f"<h1>{html.escape(t('media.page.not_found'))}</h1>"
        f"<p>{html.escape(t('media.page.not_found_text'))}</p></body></html>"
    )
    return HTMLResponse(body, status_code=404, headers=SECURITY_HEADERS)


def parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """(start, end inclusive) of a single satisfiable range; None to send the whole
    file (no header, or one this server ignores: several ranges, bad syntax);
    ``"unsatisfiable"`` for a range past the end."""
    if not header:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        return "unsatisfiable"
    if end < start:
        return None
    return start, end


class StoreFileResponse(Response):
    """A stored file, or a range of it, sent chunk by chunk; reports the bytes sent."""

    def __init__(self, chunks: Iterator[bytes] | None, status: int, headers: dict[str, str],
                 on_done: Callable[[int], None] | None) -> None:
        super().__init__(status_code=status, headers=headers)
        self.chunks = chunks
        self.on_done = on_done

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code,
                    "headers": self.raw_headers})
        sent = 0
        loop = asyncio.get_running_loop()
        reading: asyncio.Future[bytes | None] | None = None
        try:
            if self.chunks is not None:
                # The next chunk is read (in a thread) while this one is sent: at most
                # two chunks of a reader are in memory, and a busy machine's thread
                # hand-offs overlap the sending instead of adding to it.
                reading = loop.run_in_executor(None, next, self.chunks, None)
                while chunk := await reading:
                    reading = loop.run_in_executor(None, next, self.chunks, None)
                    await send({"type": "http.response.body", "body": chunk,
                                "more_body": True})
                    sent += len(chunk)
                reading = None
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:
            pass  # the client went away: what was sent is logged below
        finally:
            with anyio.CancelScope(shield=True):
                if reading is not None:
                    with contextlib.suppress(Exception):
                        await reading  # the generator may not be closed while it reads
                if self.chunks is not None and hasattr(self.chunks, "close"):
                    self.chunks.close()  # type: ignore[union-attr]
                if self.on_done is not None and sent:
                    await anyio.to_thread.run_sync(self.on_done, sent)


def build_app(
    db: peewee.Database | peewee.DatabaseProxy,
    store: MediaStore,
    *,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The streaming server's app; ``extra_routes`` are mounted beside the links'."""

    async def link_of(request: Request) -> LinkView | None:
        token = request.path_params["token"]
        if len(token) > 100:
            return None
        return await run_in_threadpool(media_files.resolve, db, token)

    async def page(request: Request) -> Response:
        link = await link_of(request)
        if link is None:
            return not_found_page()
        files = await run_in_threadpool(media_files.link_files, db, link)
        return HTMLResponse(_page_html(link, files), headers=SECURITY_HEADERS)

    async def file(request: Request) -> Response:
        name = request.path_params["name"]
        if not valid_name(name):
            return not_found_page()
        link = await link_of(request)
        if link is None:
            return not_found_page()
        files = await run_in_threadpool(media_files.link_files, db, link)
        found = next((f for f in files if f.name == name), None)
        if found is None:
            return not_found_page()
        return await run_in_threadpool(_file_response, request, found, link)

    def _file_response(request: Request, found: FileView, link: LinkView) -> Response:
        size = found.size
        wanted = parse_range(request.headers.get("range"), size)
        headers = {**SECURITY_HEADERS, "Accept-Ranges": "bytes",
                   "Content-Type": found.mime}
        disposition = "attachment" if request.query_params.get("download") else "inline"
        headers["Content-Disposition"] = f'{disposition}; filename="{found.name}"'
        if wanted == "unsatisfiable":
            headers["Content-Range"] = f"bytes */{size}"
            headers["Content-Length"] = "0"
            return StoreFileResponse(None, 416, headers, None)
        start, end = wanted if isinstance(wanted, tuple) else (0, size - 1)
        length = end - start + 1 if size else 0
        headers["Content-Length"] = str(length)
        status = 200
        if isinstance(wanted, tuple):
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        if request.method == "HEAD" or length == 0:
            return StoreFileResponse(None, status, headers, None)
        try:
            chunks = store.read(found.name, start, length, chunk=CHUNK)
        except StoreError:
            return not_found_page()
        client = request.client.host if request.client else "?"

        def done(sent: int) -> None:
            media_files.record_download(db, link, found.name, sent, client)

        return StoreFileResponse(chunks, status, headers, done)

    async def not_found(request: Request, exc: Exception) -> Response:
        return not_found_page()

    routes: list[BaseRoute] = [
        *extra_routes,
        Route("/l/{token}/", page, methods=["GET", "HEAD"]),
        Route("/l/{token}/{name}", file, methods=["GET", "HEAD"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: not_found, 404: not_found, 405: not_found},
    )


def _page_html(link: LinkView, files: list[FileView]) -> str:
    title = html.escape(t("media.page.title", number=link.order_number))
    download = html.escape(t("media.page.download"))
    items = []
    for f in files:
        name = html.escape(f.name)
        if f.mime.startswith("video/"):
            view = f"<video controls preload='metadata' src='{name}'></video>"
        elif f.mime.startswith("audio/"):
            view = f"<audio controls preload='metadata' src='{name}'></audio>"
        elif f.mime.startswith("image/"):
            view = f"<img loading='lazy' alt='{name}' src='{name}'>"
        else:
            view = ""
        size = f"{f.size / 1_000_000:.1f} MB".replace(".", ",")
        items.append(f"<li><p>{name} ({size}) <a href='{name}?download=1' download>"
                     f"{download}</a></p>{view}</li>")
    return (
        "<!doctype html><html lang='nb'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<meta name='referrer' content='no-referrer'><title>{title}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}"
        "video,img{max-width:100%}li{list-style:none;margin-bottom:2em}</style></head>"
        f"<body><h1>{title}</h1><ul>{''.join(items)}</ul></body></html>"
    )


def serve(app: Starlette, host: str, port: int) -> None:
    """Run ``app`` on uvicorn until interrupted (Ctrl+C)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                proxy_headers=True, forwarded_allow_ips="127.0.0.1")
