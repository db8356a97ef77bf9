"""Media file fixtures: staff, a customer's order with two media, the store in
tmp_path, and real generated files (an MPEG-4 video by PyAV, a JPEG by Pillow)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.media_store import MediaStore, open_store
from viver_tui.services import customers, intake, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.staff import StaffView

NAME = "Kari Nordmann Ødegård"
PHONE = "91234567"
EMAIL = "kari.nordmann@example.no"
ADDRESS = "Storgata 1"
NOTES = "Bryllupet på Hamar"
KINDS = Settings().media_kinds


@pytest.fixture
def admin(db: peewee.Database) -> StaffView:
    return staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)


@pytest.fixture
def prod(db: peewee.Database, admin: StaffView) -> StaffView:
    return staff.add(db, name="Per Produksjon", initials="prod", role="production",
                     pin="1357", by=admin)


@pytest.fixture
def counter(db: peewee.Database, admin: StaffView) -> StaffView:
    return staff.add(db, name="Siv Skranke", initials="disk", role="counter", pin="8642",
                     by=admin)


@dataclass(frozen=True)
class ShopOrder:
    customer_id: int
    order_id: int
    number: int
    codes: tuple[str, ...]


@pytest.fixture
def order(db: peewee.Database) -> ShopOrder:
    cid = customers.register(
        db, CustomerInput(name=NAME, phone=PHONE, email=EMAIL, address=ADDRESS),
            as_staff(db, "disk")
    ).id
    opened = intake.open_order(db, cid, "disk")
    intake.add_medium(db, opened.id, MediumInput("vhs", description=f"Bryllup {NAME}"),
                      KINDS, "disk")
    intake.add_medium(db, opened.id, MediumInput("vhs", description="Ferie"), KINDS, "disk")
    confirmed = intake.confirm_order(db, opened.id, OrderDetails(shelf="A1", notes=NOTES),
                                     "disk")
    return ShopOrder(cid, confirmed.id, confirmed.number,
                     tuple(m.code for m in confirmed.media))


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    return open_store(tmp_path / "media")


def make_video(path: Path, seconds: int = 2, width: int = 320, height: int = 240) -> Path:
    """A real MPEG-4 video (random frames: a few hundred kB a second)."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=25)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(seconds * 25):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane in frame.planes:
                plane.update(os.urandom(plane.buffer_size))
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def make_image(path: Path, width: int = 640, height: int = 480) -> Path:
    from PIL import Image

    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(path)
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A digitized medium's folder, named as staff name things (the customer's name)."""
    folder = tmp_path / f"innlest {NAME}"
    folder.mkdir()
    make_video(folder / f"{NAME} bryllup.mp4")
    make_image(folder / f"{NAME} 001.jpg")
    return folder
