"""The media store: where the digital copies (media files) live, behind a small interface.

Nothing outside this package knows where or how a file is kept: callers hold an
opaque *name* (``01JF3K…Q7.mp4``: a ULID the system makes, plus an extension) and ask
the store to

- ``put(chunks, ext)`` a new file: written while hashed, then read back and compared,
  and published only by ``Staged.publish()`` (an atomic rename on a local disk, the
  completion of a multipart upload on an object store) — or dropped by ``discard()``;
- ``read(name, start, length)`` it, in chunks (HTTP Range requests, verified copies);
- optionally ``open_file(name)``: the file as an open binary file object, for a backend
  whose files the kernel can send straight to a socket (``sendfile``). ``LocalStore``
  has it; an object-store backend would not (there is no file descriptor to send
  from), and its callers then use ``read`` — ``file_opener(store)`` tells which;
- ``delete(name)``, ``size(name)``, ``names()`` (every published file),
  ``leftovers()`` (stages a crash left behind), ``free_bytes()``.

``LocalStore`` (``local.py``) is the default: one private folder tree (``media_dir``,
0700 folders, 0600 files) sharded by the name's first characters
(``01/JF/01JF….mp4``). A shop that outgrows one disk adds an S3-compatible backend
(MinIO, Ceph RGW) implementing ``MediaStore`` the same way: ``put`` as a multipart
upload to a temporary key verified by reading it back (or by the parts' checksums),
``publish`` as copy-to-final + delete of the temporary key, ``read`` as a ranged GET —
see docs/media-files.md. It is not built until such a server can be tested against.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from viver_tui.errors import ViverError

CHUNK = 4 * 1024 * 1024  # bytes read or written at a time: memory per reader is this
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NAME_PATTERN = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}(\.[a-z0-9]{1,5})?")
EXT_PATTERN = re.compile(r"[a-z0-9]{1,5}")


class StoreError(ViverError):
    """The store could not do what was asked (disk full, file missing, …)."""


class VerifyFailed(StoreError):
    """What was written does not read back the same (the stage is discarded)."""


def new_ulid(now_ms: int | None = None) -> str:
    """A ULID: 48 bits of milliseconds and 80 random bits, Crockford base 32 (26
    characters, sortable by time). Nothing in it comes from the customer or the file."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | secrets.randbits(80)
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def new_name(ext: str) -> str:
    """An opaque file name: a ULID and ``ext`` (lower-case letters and digits only,
    else none: an extension could carry text from the original name)."""
    ext = ext.lower().lstrip(".")
    return new_ulid() + (f".{ext}" if EXT_PATTERN.fullmatch(ext) else "")


def valid_name(name: str) -> bool:
    """Whether ``name`` is one the store hands out (nothing else is ever looked up:
    no ``..``, no slash, no other characters reach a backend)."""
    return NAME_PATTERN.fullmatch(name) is not None


class Staged(Protocol):
    """A file written and verified but not yet visible under its name."""

    name: str
    size: int
    sha256: str

    def publish(self) -> None: ...

    def discard(self) -> None: ...


class MediaStore(Protocol):
    def put(self, chunks: Iterable[bytes], ext: str) -> Staged: ...

    def read(self, name: str, start: int = 0, length: int | None = None,
             chunk: int = CHUNK) -> Iterator[bytes]: ...

    def delete(self, name: str) -> None: ...

    def size(self, name: str) -> int | None: ...

    def names(self) -> Iterator[str]: ...

    def leftovers(self) -> list[str]: ...

    def free_bytes(self) -> int | None: ...

    def describe(self) -> str: ...


class OpensFiles(Protocol):
    """The optional part of ``MediaStore``: a stored file handed out open.

    ``open_file(name)`` returns a binary file object positioned at the start, whose
    ``fileno()`` is a regular file the kernel can ``sendfile`` from and whose
    ``tell()`` is that descriptor's position (unbuffered); the caller closes it. A name
    the store would not hand out, or a file that is missing, raises ``StoreError``,
    as ``read`` does. Not part of ``MediaStore`` itself: a backend without local
    files (S3) leaves it out, and its files are sent through ``read``."""

    def open_file(self, name: str) -> BinaryIO: ...


def file_opener(store: MediaStore) -> Callable[[str], BinaryIO] | None:
    """The store's ``open_file`` if it has one (``OpensFiles``), else None. A backend
    (or a test double) may also say it has none by setting ``open_file = None``."""
    opener = getattr(store, "open_file", None)
    return opener if callable(opener) else None


def open_store(media_dir: Path | str) -> MediaStore:
    """The store the settings name (today: the local folder)."""
    from viver_tui.media_store.local import LocalStore

    return LocalStore(Path(os.fspath(media_dir)))
