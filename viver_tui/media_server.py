"""``viver serve``: an order's media files for the customer's browser, by a streaming link.

An aiohttp app (``build_app``) on aiohttp's own server (``serve``), bound to 127.0.0.1 by
default, meant to sit behind the shop's reverse proxy, which does TLS
(docs/media-files.md). Routes:

- ``GET /l/<token>/`` — a plain page: the order number, each file with in-page video,
  audio or image viewing and a download link (no name, no contact data);
- ``GET|HEAD /l/<token>/<name>`` — the file: one HTTP Range (``206``, ``416`` when out
  of range), the content type, ``Accept-Ranges``; ``?download=1`` makes it an
  attachment.

A file's bytes go from the page cache to the socket by the kernel's ``sendfile``
(``loop.sendfile``, as aiohttp's own ``FileResponse``) when the store can hand the file
out open (``media_store.file_opener``): no byte passes through Python, and a reader
costs no buffer. A store without local files (an object store) is read in chunks
(``CHUNK``: the memory one reader holds, whatever the file's size), each chunk read in
a worker thread. Blocking calls (the database, opening a file) run in worker threads,
never on the event loop.

Every failure — wrong, expired or revoked token, consent withdrawn, a file not of that
order, a name the store would not hand out, any other path or method — is the same
404 page, byte for byte. Each download (a GET that sent bytes) is an access-log entry
with the link's id, the file, the bytes sent (also when the client went away half-way)
and the client's address (``client_address``: from ``X-Forwarded-For`` only when the
peer is the proxy at an address in ``TRUSTED_PROXIES``).

``extra_routes`` lets another feature mount its own routes on the same server (e.g. a
one-click unsubscribe, RFC 8058): ``build_app(db, store, extra_routes=[web.post(…)])``.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Final

import peewee
from aiohttp import web

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.media_store import MediaStore, StoreError, file_opener, valid_name
from viver_tui.services import media_files
from viver_tui.services.media_files import FileView, LinkView

CHUNK = 1024 * 1024  # bytes per read and per send when not by sendfile: a reader's memory
# Bytes handed to one ``loop.sendfile`` call. A call that is cancelled (the server
# stopping with the download still running) leaves the file's position where the
# call began, so what it sent is not known: pieces keep that unknown below this size.
SENDFILE_PIECE = 16 * 1024 * 1024
# Peers whose X-Forwarded-For is believed: the reverse proxy on this machine. A constant,
# not a setting: the server listens on 127.0.0.1 behind that proxy (docs/media-files.md),
# and a setting that widened it would let any client name its own address in the log.
TRUSTED_PROXIES: Final = frozenset({"127.0.0.1"})
# How long a stop (Ctrl+C, systemd) waits for downloads in progress before cutting them
# off (a browser resumes a cut-off video or download with a Range request).
SHUTDOWN_SECONDS = 10.0
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex",
}


def not_found_page() -> web.Response:
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>404</title></head><body>"
        f"<h1>{html.escape(t('media.page.not_found'))}</h1>"
        f"<p>{html.escape(t('media.page.not_found_text'))}</p></body></html>"
    )
    return web.Response(text=body, status=404, content_type="text/html",
                        headers=SECURITY_HEADERS)


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


def client_address(peer: str | None, forwarded: Sequence[str]) -> str:
    """The client's address for the access log: the peer's, or — when the peer is a
    trusted proxy — the right-most ``X-Forwarded-For`` entry that is not a trusted
    proxy (each proxy appends the address it got the request from, so entries left of
    it are whatever the client claimed); the left-most if all are trusted. As uvicorn's
    ``proxy_headers``. Several header fields count as one list, in order."""
    if peer in TRUSTED_PROXIES and forwarded:
        hosts = [host.strip() for field in forwarded for host in field.split(",")]
        hosts = [host for host in hosts if host]
        for host in reversed(hosts):
            if host not in TRUSTED_PROXIES:
                return host
        if hosts:
            return hosts[0]
    return peer or "?"


class ShortFile(OSError):
    """The stored file ended before the size the database has for it: the response
    cannot be completed (``viver files check`` finds such a file)."""


@dataclass
class Progress:
    """The body bytes of one response that have left for the client so far."""

    sent: int = 0


async def send_by_sendfile(request: web.Request, fileobj: BinaryIO, offset: int, count: int,
                           progress: Progress) -> bool:
    """``count`` bytes of ``fileobj`` from ``offset`` to the client by the kernel's
    ``sendfile``, after the response's headers (``prepare``); ``progress.sent`` counts
    what left, also when an error ends it. False when the event loop has no sendfile
    (``NotImplementedError``, e.g. uvloop): the caller sends the rest another way, from
    ``offset + progress.sent``.

    What a failed call sent is read from the file's position: asyncio's ``sendfile``
    leaves it just past the bytes sent, on error too (``BaseEventLoop.sendfile``'s
    contract; ``_sock_sendfile_update_filepos`` in unix_events.py, the ``finally`` of
    ``_sendfile_fallback`` in base_events.py), and leaves it alone when it sent
    nothing: hence the seek to where each call starts."""
    loop = asyncio.get_running_loop()
    transport = request.transport
    while progress.sent < count:
        if transport is None or transport.is_closing():
            # loop.sendfile would raise RuntimeError for a closing transport.
            raise ConnectionResetError("the client went away")
        start = offset + progress.sent
        piece = min(SENDFILE_PIECE, count - progress.sent)
        fileobj.seek(start)  # unbuffered: an lseek, not a read
        try:
            done = await loop.sendfile(transport, fileobj, start, piece)
        except NotImplementedError:
            return False
        except BaseException:
            progress.sent += max(0, min(piece, fileobj.tell() - start))
            raise
        progress.sent += done
        if done < piece:
            raise ShortFile("the file ended early")
    return True


def file_chunks(fileobj: BinaryIO, offset: int, count: int) -> Iterator[bytes]:
    """``count`` bytes of ``fileobj`` from ``offset``, ``CHUNK`` at a time (the way out
    when the event loop has no sendfile)."""
    fileobj.seek(offset)
    left = count
    while left > 0:
        data = fileobj.read(min(CHUNK, left))
        if not data:
            return
        left -= len(data)
        yield data


async def send_chunks(response: web.StreamResponse, chunks: Iterator[bytes],
                      progress: Progress) -> None:
    """Every chunk of ``chunks`` (each read in a worker thread) to the client;
    ``progress.sent`` counts the bytes handed to the connection."""
    loop = asyncio.get_running_loop()
    # The next chunk is read (in a thread) while this one is sent: at most two chunks
    # of a reader are in memory, and a busy machine's thread hand-offs overlap the
    # sending instead of adding to it.
    reading: asyncio.Future[bytes | None] | None = loop.run_in_executor(
        None, next, chunks, None)
    try:
        while chunk := await reading:
            reading = loop.run_in_executor(None, next, chunks, None)
            await response.write(chunk)
            progress.sent += len(chunk)
        reading = None
    finally:
        if reading is not None:
            with contextlib.suppress(Exception):
                await reading  # a generator may not be closed while it reads
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def build_app(
    db: peewee.Database | peewee.DatabaseProxy,
    store: MediaStore,
    *,
    extra_routes: Sequence[web.AbstractRouteDef] = (),
) -> web.Application:
    """The streaming server's app; ``extra_routes`` are mounted beside the links' (and
    matched before them)."""
    open_file = file_opener(store)

    async def link_of(request: web.Request) -> LinkView | None:
        token = request.match_info["token"]
        if len(token) > 100:
            return None
        return await asyncio.to_thread(media_files.resolve, db, token)

    async def page(request: web.Request) -> web.StreamResponse:
        link = await link_of(request)
        if link is None:
            return not_found_page()
        files = await asyncio.to_thread(media_files.link_files, db, link)
        return web.Response(text=_page_html(link, files), content_type="text/html",
                            headers=SECURITY_HEADERS)

    async def file(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if not valid_name(name):
            return not_found_page()
        link = await link_of(request)
        if link is None:
            return not_found_page()
        files = await asyncio.to_thread(media_files.link_files, db, link)
        found = next((f for f in files if f.name == name), None)
        if found is None:
            return not_found_page()
        return await send_file(request, found, link)

    async def send_file(request: web.Request, found: FileView,
                        link: LinkView) -> web.StreamResponse:
        size = found.size
        wanted = parse_range(request.headers.get("Range"), size)
        headers = {**SECURITY_HEADERS, "Accept-Ranges": "bytes",
                   "Content-Type": found.mime}
        disposition = "attachment" if request.query.get("download") else "inline"
        headers["Content-Disposition"] = f'{disposition}; filename="{found.name}"'
        if wanted == "unsatisfiable":
            headers["Content-Range"] = f"bytes */{size}"
            return await _empty(request, 416, headers, 0)
        start, end = wanted if isinstance(wanted, tuple) else (0, size - 1)
        length = end - start + 1 if size else 0
        status = 200
        if isinstance(wanted, tuple):
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        if request.method == "HEAD" or length == 0:
            return await _empty(request, status, headers, length)
        # The file is opened before the headers go: a missing one is still the 404.
        fileobj: BinaryIO | None = None
        chunks: Iterator[bytes] | None = None
        try:
            if open_file is not None:
                fileobj = await asyncio.to_thread(open_file, found.name)
            else:
                chunks = await asyncio.to_thread(store.read, found.name, start, length,
                                                 CHUNK)
        except StoreError:
            return not_found_page()
        response = web.StreamResponse(status=status, headers=headers)
        response.content_length = length
        progress = Progress()
        try:
            await response.prepare(request)
            if fileobj is not None and not await send_by_sendfile(
                    request, fileobj, start, length, progress):
                chunks = file_chunks(fileobj, start + progress.sent,
                                     length - progress.sent)
            if chunks is not None:
                await send_chunks(response, chunks, progress)
            if progress.sent < length:
                raise ShortFile("the file ended early")
            await response.write_eof()
        except OSError:
            # The client went away (or the file ended early): what was sent is logged
            # below, and the connection is closed — its response is incomplete, and it
            # may not carry another.
            response.force_close()
            if request.transport is not None:
                request.transport.close()
        finally:
            if fileobj is not None:
                fileobj.close()
            if progress.sent:
                client = client_address(request.remote,
                                        request.headers.getall("X-Forwarded-For", []))
                await asyncio.to_thread(media_files.record_download, db, link, found.name,
                                        progress.sent, client)
        return response

    @web.middleware
    async def one_not_found(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        """Any path or method the routes do not take is the same 404 page as a wrong
        token (aiohttp's own 404 and 405 would tell a prober which paths exist)."""
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            return not_found_page()

    async def no_versions(request: web.Request, response: web.StreamResponse) -> None:
        # aiohttp names itself and Python with their versions: a prober's list of what
        # to try. The proxy in front may add its own; this server says only what it is.
        response.headers["Server"] = "viver"

    app = web.Application(middlewares=[one_not_found])
    app.on_response_prepare.append(no_versions)
    app.add_routes([
        *extra_routes,
        web.get("/l/{token}/", page),  # GET routes also answer HEAD
        web.get("/l/{token}/{name}", file),
    ])
    return app


async def _empty(request: web.Request, status: int, headers: dict[str, str],
                 length: int) -> web.StreamResponse:
    """A file response without a body (HEAD, 416, an empty file): the headers say the
    length a GET of it would have."""
    response = web.StreamResponse(status=status, headers=headers)
    response.content_length = length
    with contextlib.suppress(ConnectionError):  # a departing client: nothing to tell
        await response.prepare(request)
        await response.write_eof()
    return response


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


def serve(app: web.Application, host: str, port: int,
          listening: Callable[[], None] | None = None) -> None:
    """Run ``app`` on aiohttp's server at ``host:port`` until interrupted (Ctrl+C,
    SIGTERM); ``listening`` is called once the address is bound. No access log of
    aiohttp's own: the URLs carry the tokens, and downloads are logged (without them)
    by the app. An address that cannot be bound (taken, not this machine's, a port
    below 1024) is a ``ViverError`` saying which, not a traceback."""
    try:
        web.run_app(app, host=host, port=port, access_log=None,
                    shutdown_timeout=SHUTDOWN_SECONDS,
                    print=(lambda _: listening()) if listening is not None else None)
    except OSError as exc:
        raise ViverError(t("media.serve.cannot_listen", host=host, port=port,
                           error=_why_not_listening(exc))) from exc


def _why_not_listening(exc: OSError) -> str:
    """The reason a bind failed, in the app's words (asyncio's own are English)."""
    reasons = {errno.EADDRINUSE: "in_use", errno.EADDRNOTAVAIL: "not_here",
               errno.EACCES: "no_access", errno.EPERM: "no_access"}
    reason = reasons.get(exc.errno or 0)
    return t(f"media.serve.why.{reason}") if reason else str(exc.strerror or exc)
