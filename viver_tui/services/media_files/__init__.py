"""Media files: the digital copies made from the customers' media (docs/media-files.md).

- ``importing``: a medium's folder copied into the store, verified, registered;
- ``probe``: format, codec, duration and pixel size read from a file;
- ``checking``: ``viver files check``, usage by state, files due, freeing space, the
  warranty purge;
- ``delivery``: on the customer's drive (verified copy and manifest), sample export;
- ``links``: streaming links (token hashed), their resolution and revocation;
- ``overview``: an order's files, their states and live links (the order screen);
- ``erasure``: a customer's files and links deleted with them.

The store itself (where the bytes are) is ``viver_tui.media_store``.
"""

from __future__ import annotations

from viver_tui.services.media_files.delivery import (
    Delivered,
    DeliveryFailed,
    SampleRefused,
    deliver_to_drive,
    export_sample,
    may_deliver,
    removable_drives,
)
from viver_tui.services.media_files.erasure import erase_customer_files, use_store
from viver_tui.services.media_files.importing import (
    ImportedFile,
    ImportRefused,
    ImportResult,
    import_file,
    import_folder,
    medium_id,
    source_files,
)
from viver_tui.services.media_files.lifecycle import (
    STATES,
    FileState,
    Freed,
    Usage,
    check,
    delete_files,
    deletion_records,
    due,
    file_states,
    free_space,
    purge_expired_files,
    usage,
    warranty_until,
)
from viver_tui.services.media_files.links import (
    FileView,
    LinkView,
    NewLink,
    StreamingRefused,
    create_link,
    link_files,
    may_link,
    order_id_for,
    public_url,
    record_download,
    resolve,
    revoke_link,
)
from viver_tui.services.media_files.overview import (
    LiveLink,
    OrderFile,
    OrderMedia,
    order_media,
)

__all__ = [
    "STATES",
    "Delivered",
    "DeliveryFailed",
    "FileState",
    "FileView",
    "Freed",
    "ImportRefused",
    "ImportResult",
    "ImportedFile",
    "LinkView",
    "LiveLink",
    "NewLink",
    "OrderFile",
    "OrderMedia",
    "SampleRefused",
    "StreamingRefused",
    "Usage",
    "check",
    "create_link",
    "delete_files",
    "deletion_records",
    "deliver_to_drive",
    "due",
    "erase_customer_files",
    "export_sample",
    "file_states",
    "free_space",
    "import_file",
    "import_folder",
    "link_files",
    "may_deliver",
    "may_link",
    "medium_id",
    "order_id_for",
    "order_media",
    "public_url",
    "purge_expired_files",
    "record_download",
    "removable_drives",
    "resolve",
    "revoke_link",
    "source_files",
    "usage",
    "use_store",
    "warranty_until",
]
