"""Schema 19: media files, their deliveries, streaming links (the token's hash only)
and the records of deleted files (no personal data). New tables only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 19


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import MediaDeletion, MediaDelivery, MediaFile, StreamLink

    db.create_tables([MediaFile, MediaDelivery, StreamLink, MediaDeletion], safe=True)
