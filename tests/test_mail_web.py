"""The one-click unsubscribe routes (RFC 8058) on the app `viver serve` serves: a GET
changes nothing, the POST a mail program sends opts out at once; an unknown token is a
404."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import peewee

from tests.services.documents_helpers import person, shop
from tests.serving import running
from viver_tui.db import writing
from viver_tui.media_cli import serve_app
from viver_tui.models import Customer, OutboxMessage
from viver_tui.services.mail import letters


def test_one_click_unsubscribe(db: peewee.Database, tmp_path: Path) -> None:
    settings = replace(
        shop(tmp_path), mail_spool_dir=tmp_path / "mail", media_dir=tmp_path / "media"
    )
    with writing(db):
        cid = Customer.create(name="Kari Nordmann", email="kari@example.no").id
    letters.send_letter(db, settings, "", "Hei", "Tekst", person(db, "disk", "counter"))
    token = OutboxMessage.get().token
    # The real server (aiohttp's) on a free port, driven by a real HTTP client.
    with running(serve_app(db, settings)) as base, httpx.Client(base_url=base) as client:
        page = client.get(f"/unsubscribe/{token}")
        assert page.status_code == 200 and "<form method='post'>" in page.text
        assert Customer.get_by_id(cid).letters_opt_out_at is None  # a GET changes nothing
        done = client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert done.status_code == 200 and "avmeldt" in done.text
        assert Customer.get_by_id(cid).letters_opt_out_at is not None
        assert OutboxMessage.get().status == "skipped"
        assert "Kari" not in done.text and "kari@" not in done.text
        assert client.post("/unsubscribe/0000").status_code == 404
        assert client.get("/unsubscribe/bad-token!").status_code == 404
