"""All string catalogs, merged per language. Add an area module here to register it."""

from __future__ import annotations

from viver_tui.locale.catalog import (
    access,
    admin,
    command_line,
    common,
    customers,
    documents,
    innsyn,
    mail,
    media,
    orders,
    pickup,
    printing,
    privacy,
    production,
    setup,
    store,
)

_AREAS = (
    common, customers, orders, printing, pickup, store, privacy, innsyn, admin, access, setup,
    documents, mail, media, production, command_line,
)

CATALOGS: dict[str, dict[str, str]] = {
    "nb": {k: v for area in _AREAS for k, v in area.NB.items()},
    "en": {k: v for area in _AREAS for k, v in area.EN.items()},
}
