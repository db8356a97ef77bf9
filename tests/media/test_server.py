"""The streaming server on a free port, driven by a real HTTP client (httpx): the page,
Range requests, HEAD, content types, one 404 for every failure, traversal attempts,
the access log, concurrent readers, consent withdrawn, large (sparse) files."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from tests.media.conftest import EMAIL, NAME, PHONE, make_video
from tests.serving import running
from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.media_server import build_app, client_address
from viver_tui.media_store.local import LocalStore
from viver_tui.models import AuditEvent, MediaFile
from viver_tui.services import media_files, privacy


@pytest.fixture
def served(db, prod, counter, order, store, tmp_path: Path):
    """A link to the order (a real video and a 3 MB file) and the server's base URL."""
    folder = tmp_path / "in"
    folder.mkdir()
    make_video(folder / "a.mp4")
    (folder / "b.bin").write_bytes(os.urandom(3 * 1024 * 1024 + 5))
    imported = media_files.import_folder(db, store, folder, order.codes[0], prod).imported
    privacy.give_consent(db, order.customer_id, "streaming", counter)
    link = media_files.create_link(db, order.order_id, counter, 90)

    async def hook(request: web.Request) -> web.Response:
        return web.Response(text="hooked")

    app = build_app(db, store, extra_routes=[web.get("/hook", hook)])
    files = {f.format or "bin": (f.name, (folder / ("a.mp4" if f.format else "b.bin"))
                                 .read_bytes()) for f in imported}
    with running(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, link, files


def _downloads(db) -> list[str]:
    with reading(db):
        return [e.details for e in AuditEvent.select().where(
            AuditEvent.action == "media_download").order_by(AuditEvent.id)]


def _downloads_when(db, count: int) -> list[str]:
    """The access log once it has ``count`` entries (or after 20 s): a download is
    logged after its last byte left, so a client may see the response before."""
    deadline = time.monotonic() + 20
    while len(logged := _downloads(db)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return logged


def test_page_lists_the_files_without_personal_data(served, order):
    client, link, files = served
    page = client.get(f"/l/{link.token}/")
    assert page.status_code == 200 and str(order.number) in page.text
    assert f"<video controls preload='metadata' src='{files['mov'][0]}'>" in page.text
    for value in (NAME, *NAME.split(), PHONE, EMAIL):
        assert value not in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    # No versions told: not aiohttp's nor Python's (a prober's list of what to try).
    assert page.headers["server"] == "viver"
    for response in (page, client.get("/nothing"), client.head(f"/l/{link.token}/x.mp4")):
        assert "aiohttp" not in str(response.headers).lower()
        assert "python" not in str(response.headers).lower()


def test_whole_file_ranges_and_head(served, db):
    client, link, files = served
    name, data = files["bin"]
    url = f"/l/{link.token}/{name}"
    whole = client.get(url)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "application/octet-stream"
    video = client.get(f"/l/{link.token}/{files['mov'][0]}")
    assert video.headers["content-type"] == "video/mp4" and video.content == files["mov"][1]
    part = client.get(url, headers={"Range": "bytes=1048570-1048589"})
    assert part.status_code == 206 and part.content == data[1048570:1048590]
    assert part.headers["content-range"] == f"bytes 1048570-1048589/{len(data)}"
    assert client.get(url, headers={"Range": "bytes=-7"}).content == data[-7:]
    assert client.get(url, headers={"Range": "bytes=3145000-"}).content == data[3145000:]
    beyond = client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(data)}"
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(data))
    attach = client.head(url + "?download=1")
    assert attach.headers["content-disposition"] == f'attachment; filename="{name}"'
    # One entry a download, each with the bytes it sent; in the order the entries were
    # committed, which on PostgreSQL need not be the order the responses finished.
    logged = _downloads(db)
    assert f"link={link.id} file={name} bytes={len(data)} client=127.0.0.1" in logged
    assert f"link={link.id} file={name} bytes=20 client=127.0.0.1" in logged
    assert len(logged) == 5  # HEAD and 416 send no bytes and are not downloads


def test_every_failure_is_the_same_404(served, db, order, counter):
    client, link, files = served
    name = files["bin"][0]
    good = link.token
    wrong = good[:-1] + ("B" if good.endswith("A") else "A")
    other_ulid = "01ARZ3NDEKTSV4RRFFQ69G5FAV.bin"
    attempts = [
        f"/l/{wrong}/", f"/l/{wrong}/{name}", f"/l/{good}/{other_ulid}",
        f"/l/{good}/..%2F..%2Fetc%2Fpasswd", f"/l/{good}/%2e%2e%2f%2e%2e%2fviver.db",
        f"/l/{good}/{name}%2F..", "/etc/passwd", "/l/", f"/l/{'x' * 500}/",
        f"/l/{good}/{name[:2]}%2F{name[2:4]}%2F{name}",
    ]
    bodies = set()
    for path in attempts:
        response = client.get(httpx.URL(client.base_url.join("/")).copy_with(raw_path=path
                                                                             .encode()))
        assert response.status_code == 404, path
        bodies.add(response.content)
    for method in ("POST", "PUT", "DELETE"):  # any other method: no 405 telling a route
        response = client.request(method, f"/l/{good}/{name}")
        assert response.status_code == 404, method
        bodies.add(response.content)
    media_files.revoke_link(db, link.id, counter)
    revoked = client.get(f"/l/{good}/{name}")
    assert revoked.status_code == 404
    bodies.add(revoked.content)
    assert len(bodies) == 1
    assert _downloads(db) == []


def test_a_symlink_in_the_store_reaches_nothing(served, tmp_path: Path, db):
    client, link, files = served
    name = files["bin"][0]
    path = tmp_path / "media" / name[:2] / name[2:4] / name
    secret = tmp_path / "secret.txt"
    secret.write_text("not for you")
    path.unlink()
    path.symlink_to(secret)
    response = client.get(f"/l/{link.token}/{name}")
    assert response.status_code == 404 and b"not for you" not in response.content


def test_expired_link_and_withdrawn_consent_are_404_at_once(served, db, order, counter):
    client, link, _files = served
    url = f"/l/{link.token}/"
    assert client.get(url).status_code == 200
    with clock.pinned(link.expires_at):
        assert client.get(url).status_code == 404
    assert client.get(url).status_code == 200
    privacy.withdraw_consent(db, order.customer_id, "streaming", counter)
    assert client.get(url).status_code == 404


def test_concurrent_range_readers_each_get_their_bytes(served):
    client, link, files = served
    name, data = files["bin"]
    url = f"/l/{link.token}/{name}"

    def read(i: int) -> bool:
        start = i * 100_003
        with httpx.Client(base_url=client.base_url, timeout=30) as own:
            got = own.get(url, headers={"Range": f"bytes={start}-{start + 999_999}"})
        return got.content == data[start:start + 1_000_000]

    with ThreadPoolExecutor(16) as pool:
        assert all(pool.map(read, range(24)))


def test_large_sparse_file_ranges_past_4_gib(served, db, tmp_path: Path):
    client, link, files = served
    name = files["bin"][0]
    path = tmp_path / "media" / name[:2] / name[2:4] / name
    size = 5 * 1024**3 + 11
    with open(path, "r+b") as f:
        f.truncate(size - 11)
        f.seek(size - 11)
        f.write(b"the end bit")
    with writing(db):
        MediaFile.update(size=size).where(MediaFile.name == name).execute()
    url = f"/l/{link.token}/{name}"
    assert client.head(url).headers["content-length"] == str(size)
    tail = client.get(url, headers={"Range": f"bytes={size - 20}-"})
    assert tail.status_code == 206 and tail.content == b"\0" * 9 + b"the end bit"


def test_extra_routes_are_mounted(served):
    client, _, _ = served
    assert client.get("/hook").text == "hooked"


def test_the_stored_token_alone_opens_nothing(served, db):
    client, link, _ = served
    stored = hashlib.sha256(link.token.encode()).hexdigest()
    assert client.get(f"/l/{stored}/").status_code == 404
    assert client.get(f"/l/{link.token}/").status_code == 200


class CountingSendfile:
    """``os.sendfile`` as it is, counting its calls: whether a body left by the kernel's
    sendfile (asyncio calls it through the ``os`` module)."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = os.sendfile

    def __call__(self, *args: int) -> int:
        self.calls += 1
        return self.real(*args)


def test_sendfile_bodies_are_the_stored_bytes(served, db, monkeypatch):
    client, link, files = served
    sendfile = CountingSendfile()
    monkeypatch.setattr(os, "sendfile", sendfile)
    name, data = files["bin"]
    url = f"/l/{link.token}/{name}"
    assert client.get(url).content == data
    middle = client.get(url, headers={"Range": "bytes=1000003-2500000"})
    assert middle.status_code == 206 and middle.content == data[1000003:2500001]
    suffix = client.get(url, headers={"Range": "bytes=-100000"})
    assert suffix.status_code == 206 and suffix.content == data[-100000:]
    assert suffix.headers["content-range"] == (
        f"bytes {len(data) - 100000}-{len(data) - 1}/{len(data)}")
    past = client.get(url, headers={"Range": f"bytes={len(data) + 5}-{len(data) + 9}"})
    assert past.status_code == 416 and past.content == b""
    assert sendfile.calls >= 3
    logged = _downloads_when(db, 3)
    assert [entry.split(" bytes=")[1] for entry in logged] == [
        f"{len(data)} client=127.0.0.1", "1499998 client=127.0.0.1",
        "100000 client=127.0.0.1"]


def _make_sparse(tmp_path: Path, db, name: str, size: int, tail: bytes) -> None:
    """The stored file ``name`` made ``size`` bytes (a hole, then ``tail``), and the
    database told so."""
    path = tmp_path / "media" / name[:2] / name[2:4] / name
    with open(path, "r+b") as f:
        f.truncate(size - len(tail))
        f.seek(size - len(tail))
        f.write(tail)
    with writing(db):
        MediaFile.update(size=size).where(MediaFile.name == name).execute()


def _socket_buffers() -> int:
    """The most a sender's socket on this machine holds unsent (Linux's ``tcp_wmem``
    maximum, to which a socket's send buffer grows)."""
    try:
        return int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    except (OSError, ValueError, IndexError):
        return 1 << 62


def test_a_client_that_leaves_half_way_is_logged_with_what_was_sent(
        served, db, tmp_path: Path, caplog):
    client, link, files = served
    caplog.set_level(logging.INFO)
    name = files["bin"][0]
    size = 64 * 1024 * 1024
    _make_sparse(tmp_path, db, name, size, b"the end bit")
    url = f"/l/{link.token}/{name}"
    # A small receive window (the kernel doubles it): what the server could hand its
    # socket beyond what the client read is then bounded by the server's send buffer.
    window = 64 * 1024
    small = httpx.HTTPTransport(socket_options=[(socket.SOL_SOCKET, socket.SO_RCVBUF,
                                                 window)])
    with httpx.Client(base_url=client.base_url, timeout=30, transport=small) as own, \
            own.stream("GET", url) as response:
        got = 0
        for chunk in response.iter_raw():
            got += len(chunk)
            if got >= 1024 * 1024:
                break  # and the connection is closed with most of the file unread
    [entry] = _downloads_when(db, 1)
    sent = int(entry.split(" bytes=")[1].split()[0])
    assert got <= sent < size, entry
    # What was sent, not what was asked for: at most what the client read, what its
    # socket and the reading client's buffer held (64 KiB reads), and what the server's
    # socket held.
    assert sent <= got + 2 * window + 64 * 1024 + _socket_buffers(), entry
    # The server goes on: the next request is answered, and whole.
    tail = client.get(url, headers={"Range": "bytes=-11"})
    assert tail.status_code == 206 and tail.content == b"the end bit"
    assert client.get(f"/l/{link.token}/").status_code == 200
    noisy = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert noisy == [], [r.getMessage() for r in noisy]


class StoreWithoutFiles(LocalStore):
    """The local store without the interface's optional ``open_file``, as an object
    store would be: its files can only be ``read``."""

    open_file = None


class LoopWithoutSendfile(asyncio.SelectorEventLoop):
    """An event loop without ``sendfile``, as uvloop's (``NotImplementedError``)."""

    async def sendfile(self, transport, file, offset=0, count=None, *, fallback=True):
        raise NotImplementedError


@pytest.mark.parametrize("way", ["store without open_file", "loop without sendfile"])
def test_without_sendfile_the_bytes_are_the_same(served, db, store, monkeypatch, way):
    _client, link, files = served
    sendfile = CountingSendfile()
    monkeypatch.setattr(os, "sendfile", sendfile)
    name, data = files["bin"]
    if way == "store without open_file":
        app, new_loop = build_app(db, StoreWithoutFiles(store.root)), asyncio.new_event_loop
    else:
        app, new_loop = build_app(db, store), LoopWithoutSendfile
    with running(app, new_loop) as base, httpx.Client(base_url=base, timeout=30) as client:
        url = f"/l/{link.token}/{name}"
        assert client.get(url).content == data
        middle = client.get(url, headers={"Range": "bytes=1048570-2097160"})
        assert middle.status_code == 206 and middle.content == data[1048570:2097161]
        assert client.get(url, headers={"Range": "bytes=-7"}).content == data[-7:]
        assert client.get(url, headers={"Range": f"bytes={len(data)}-"}).status_code == 416
        assert client.get(f"/l/{link.token}/{'0' * 26}.bin").status_code == 404
    assert sendfile.calls == 0
    assert [entry.split(" bytes=")[1] for entry in _downloads_when(db, 3)] == [
        f"{len(data)} client=127.0.0.1", "1048591 client=127.0.0.1", "7 client=127.0.0.1"]


def test_the_client_address_comes_from_the_proxy_on_127_0_0_1_only(served, db):
    client, link, files = served
    name = files["bin"][0]
    url = f"/l/{link.token}/{name}"
    for forwarded in ("203.0.113.9", "10.1.1.1, 203.0.113.9", "203.0.113.9, 127.0.0.1"):
        client.get(url, headers={"Range": "bytes=0-0", "X-Forwarded-For": forwarded})
    # A peer at another address (127.0.0.2: loopback, but not the proxy) names itself.
    other = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=client.base_url, transport=other) as stranger:
        stranger.get(url, headers={"Range": "bytes=0-0", "X-Forwarded-For": "198.51.100.1"})
    assert [entry.split(" client=")[1] for entry in _downloads_when(db, 4)] == [
        "203.0.113.9", "203.0.113.9", "203.0.113.9", "127.0.0.2"]


def test_client_address() -> None:
    assert client_address("127.0.0.1", []) == "127.0.0.1"
    assert client_address("127.0.0.1", ["a, 127.0.0.1", "127.0.0.1"]) == "a"
    assert client_address("127.0.0.1", ["127.0.0.1, 127.0.0.1"]) == "127.0.0.1"
    assert client_address("127.0.0.1", ["spoofed", "198.51.100.7"]) == "198.51.100.7"
    assert client_address("192.0.2.5", ["198.51.100.7"]) == "192.0.2.5"
    assert client_address(None, []) == "?"
