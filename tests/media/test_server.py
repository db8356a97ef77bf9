"""The streaming server on a free port, driven by a real HTTP client (httpx): the page,
Range requests, HEAD, content types, one 404 for every failure, traversal attempts,
the access log, concurrent readers, consent withdrawn, large (sparse) files."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from tests.media.conftest import EMAIL, NAME, PHONE, make_video
from tests.serving import running
from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.media_server import build_app
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


def test_page_lists_the_files_without_personal_data(served, order):
    client, link, files = served
    page = client.get(f"/l/{link.token}/")
    assert page.status_code == 200 and str(order.number) in page.text
    assert f"<video controls preload='metadata' src='{files['mov'][0]}'>" in page.text
    for value in (NAME, *NAME.split(), PHONE, EMAIL):
        assert value not in page.text
    assert page.headers["referrer-policy"] == "no-referrer"


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

