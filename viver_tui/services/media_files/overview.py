"""An order's media files as the counter sees them: each file (opaque name, medium,
size, format, length or pixels, its state and warranty), the order's live streaming
links, and whether the customer consents to streaming. No personal data: what the
order screen's "Mediefiler" dialog shows, read in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee

from viver_tui import clock
from viver_tui.db import reading
from viver_tui.errors import NotFound
from viver_tui.locale import t
from viver_tui.models import MediaFile, MediaItem, Order, StreamLink
from viver_tui.services.media_files.lifecycle import file_states
from viver_tui.services.media_files.links import _streaming_consent, last_day


@dataclass(frozen=True)
class OrderFile:
    name: str
    medium: str
    size: int
    format: str
    duration_s: float | None
    width: int | None
    height: int | None
    state: str  # lifecycle.STATES
    warranty_until: date | None  # the last day of the warranty (delivered files)


@dataclass(frozen=True)
class LiveLink:
    id: int
    created_at: datetime
    created_by: str
    expires_at: datetime  # valid before this moment (the day after the warranty's last)

    @property
    def last_day(self) -> date:
        return last_day(self.expires_at)


@dataclass(frozen=True)
class OrderMedia:
    order_id: int
    number: int
    files: tuple[OrderFile, ...]
    links: tuple[LiveLink, ...]
    streaming: bool  # the customer's streaming consent stands

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def order_media(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, warranty_days: int,
    *, today: date | None = None,
) -> OrderMedia:
    """The order's files (in medium order) with their states, and its live links."""
    now = clock.now()
    states = {f.id: f for f in file_states(db, warranty_days, today,
                                           where=MediaItem.order == order_id)}
    with reading(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("media.link.no_order"))
        rows = list(MediaFile.select(MediaFile, MediaItem).join(MediaItem)
                    .where(MediaItem.order == order_id).order_by(MediaItem.seq, MediaFile.id))
        links = [
            LiveLink(r.id, r.created_at, r.created_by, r.expires_at)
            for r in StreamLink.select().where(
                (StreamLink.order == order_id) & StreamLink.revoked_at.is_null()
                & (StreamLink.expires_at > now)).order_by(StreamLink.id)
        ]
        streaming = _streaming_consent(order.customer_id)
    files = tuple(
        OrderFile(r.name, r.media_item.code, r.size, r.format, r.duration_s, r.width,
                  r.height, states[r.id].state if r.id in states else "undelivered",
                  states[r.id].warranty_until if r.id in states else None)
        for r in rows
    )
    return OrderMedia(order.id, order.number, files, tuple(links), streaming)
