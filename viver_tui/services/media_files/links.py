"""Streaming links: an order's files for the customer's browser (``viver serve``).

A link is made only while the customer's ``streaming`` consent stands; its token
(256 random bits, URL-safe) is shown once and only its SHA-256 is kept. ``resolve``
finds the row by that hash and compares it again in constant time
(``hmac.compare_digest``); it answers None alike for a wrong, expired or revoked token
and for a customer who has withdrawn the consent — whose links it revokes on the spot,
so a withdrawal takes effect at the very next request. Making a link is a delivery:
the files' warranty starts, and the link is valid until that warranty ends.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee

from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import t
from viver_tui.models import Consent, MediaDelivery, MediaFile, MediaItem, Order, StreamLink
from viver_tui.services import audit
from viver_tui.services.staff import CONTACT_ROLES, StaffView, require_role

TOKEN_BYTES = 32  # 256 bits
# A link is handed to the customer (read out, written down, sent): the roles that see
# and deal with the customer's contact details make and revoke it.
LINK_ROLES = CONTACT_ROLES


def may_link(who: object) -> bool:
    """Whether ``who`` may make or revoke streaming links (counter or admin, signed in)."""
    return isinstance(who, StaffView) and who.active and who.role in LINK_ROLES


class StreamingRefused(ViverError):
    """No link: the customer has not consented to streaming (or the order has no files)."""


@dataclass(frozen=True)
class NewLink:
    id: int
    token: str  # shown once; only its hash is stored
    expires_at: datetime

    @property
    def last_day(self) -> date:
        """The last day the link is valid (it stops at the next midnight)."""
        return last_day(self.expires_at)


def last_day(expires_at: datetime) -> date:
    """The last day a link that stops at ``expires_at`` (a midnight) is valid."""
    return (expires_at - timedelta(microseconds=1)).date()


def public_url(public: str, host: str, port: int, token: str) -> str:
    """The address a customer opens: ``[media] public_url`` (the shop's reverse proxy)
    or, without it, ``viver serve``'s own address; then ``/l/<token>/``."""
    base = public.rstrip("/") or f"http://{host}:{port}"
    return f"{base}/l/{token}/"


@dataclass(frozen=True)
class LinkView:
    id: int
    order_id: int
    order_number: int
    customer_id: int | None


@dataclass(frozen=True)
class FileView:
    name: str
    size: int
    mime: str
    format: str
    duration_s: float | None
    width: int | None
    height: int | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def order_id_for(db: peewee.Database | peewee.DatabaseProxy, number: int) -> int:
    with reading(db):
        row = Order.get_or_none(Order.number == number)
    if row is None:
        raise NotFound(t("media.link.no_order"))
    return row.id


def _streaming_consent(customer_id: int | None) -> bool:
    return customer_id is not None and (
        Consent.select().where(
            (Consent.customer == customer_id) & (Consent.purpose == "streaming")
            & Consent.withdrawn_at.is_null()
        ).exists()
    )


def create_link(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: StaffView | None,
    warranty_days: int, *, now: datetime | None = None,
) -> NewLink:
    """A new link to the order's files (counter or admin), refused with the reason
    without the customer's ``streaming`` consent."""
    who = require_role(staff, *LINK_ROLES)
    now = now or clock.now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with writing(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("media.link.no_order"))
        if not _streaming_consent(order.customer_id):
            raise StreamingRefused(t("media.link.no_consent", number=order.number))
        files = MediaFile.select().join(MediaItem).where(MediaItem.order == order_id)
        if not files.exists():
            raise StreamingRefused(t("media.link.no_files", number=order.number))
        delivered = _start_warranty(order_id, now)
        first = min(f.delivered_at or now for f in files)
        expires = datetime.combine(first.date() + timedelta(days=warranty_days + 1),
                                   datetime.min.time())
        row = StreamLink.create(order=order_id, token_hash=token_hash(token), created_at=now,
                                created_by=who.initials, expires_at=expires)
        MediaDelivery.create(order=order_id, kind="stream", files=delivered[0],
                             bytes=delivered[1], at=now, staff=who.initials)
        if order.customer_id is not None:
            audit.record(who.initials, "media_link", order.customer_id,
                         details=f"order={order.number} link={row.id}")
    return NewLink(row.id, token, expires)


def _start_warranty(order_id: int, now: datetime) -> tuple[int, int]:
    """Stamp the first delivery on the order's files not yet delivered; (files, bytes)
    of the order."""
    ids = [f.id for f in MediaFile.select(MediaFile.id).join(MediaItem)
           .where(MediaItem.order == order_id)]
    MediaFile.update(delivered_at=now).where(
        MediaFile.id.in_(ids) & MediaFile.delivered_at.is_null()
    ).execute()
    total = MediaFile.select(peewee.fn.COUNT(MediaFile.id), peewee.fn.SUM(MediaFile.size)).where(
        MediaFile.id.in_(ids)).tuples().first()
    return int(total[0] or 0), int(total[1] or 0)


def revoke_link(
    db: peewee.Database | peewee.DatabaseProxy, link_id: int, staff: StaffView | None
) -> bool:
    who = require_role(staff, *LINK_ROLES)
    with writing(db):
        done = StreamLink.update(revoked_at=clock.now(), revoked_why="staff").where(
            (StreamLink.id == link_id) & StreamLink.revoked_at.is_null()).execute()
        if done:
            link = StreamLink.get_by_id(link_id)
            customer = Order.get_by_id(link.order_id).customer_id
            if customer is not None:
                audit.record(who.initials, "media_link", customer,
                             details=f"revoked link={link_id}")
    return bool(done)


def revoke_customer_links(customer_id: int, why: str, now: datetime | None = None) -> int:
    """Inside the caller's transaction: revoke every live link to the customer's orders."""
    orders = Order.select(Order.id).where(Order.customer == customer_id)
    return StreamLink.update(revoked_at=now or clock.now(), revoked_why=why).where(
        StreamLink.order.in_(orders) & StreamLink.revoked_at.is_null()
    ).execute()


def resolve(
    db: peewee.Database | peewee.DatabaseProxy, token: str, *, now: datetime | None = None
) -> LinkView | None:
    """The live link for ``token``, or None (wrong, expired, revoked, consent gone)."""
    now = now or clock.now()
    wanted = token_hash(token)
    with reading(db):
        row = (StreamLink.select(StreamLink, Order).join(Order)
               .where(StreamLink.token_hash == wanted).first())
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    if row.revoked_at is not None or now >= row.expires_at:
        return None
    customer = row.order.customer_id
    with reading(db):
        consented = _streaming_consent(customer)
    if not consented:
        with writing(db):
            if customer is not None:
                revoke_customer_links(customer, "consent", now)
        return None
    return LinkView(row.id, row.order_id, row.order.number, customer)


def link_files(db: peewee.Database | peewee.DatabaseProxy, link: LinkView) -> list[FileView]:
    with reading(db):
        rows = (MediaFile.select().join(MediaItem).where(MediaItem.order == link.order_id)
                .order_by(MediaItem.seq, MediaFile.id))
        return [FileView(r.name, r.size, r.mime, r.format, r.duration_s, r.width, r.height)
                for r in rows]


def record_download(
    db: peewee.Database | peewee.DatabaseProxy, link: LinkView, name: str, sent: int,
    client: str,
) -> None:
    """The access log's entry for one download (or ranged part of one)."""
    if link.customer_id is None:
        return
    with writing(db):
        audit.record(audit.SYSTEM, "media_download", link.customer_id,
                     details=f"link={link.id} file={name} bytes={sent} client={client[:60]}")
