"""Media files: the digital copies made from the customers' media (docs/media-files.md).

- ``importing``: a medium's folder copied into the store, verified, registered;
- ``probe``: format, codec, duration and pixel size read from a file;
- ``checking``: ``viver files check``, usage by state, files due, freeing space, the
  warranty purge;
- ``delivery``: on the customer's drive (verified copy and manifest), sample export;
- ``links``: streaming links (token hashed), their resolution and revocation;
- ``erasure``: a customer's files and links deleted with them.

The store itself (where the bytes are) is ``viver_tui.media_store``.
"""

from __future__ import annotations

from viver_tui.services.media_files.importing import (
    ImportedFile,
    ImportRefused,
    ImportResult,
    import_file,
    import_folder,
    medium_id,
    source_files,
)

__all__ = [
    "ImportRefused",
    "ImportResult",
    "ImportedFile",
    "import_file",
    "import_folder",
    "medium_id",
    "source_files",
]
