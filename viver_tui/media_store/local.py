"""The media store on a local (or mounted) folder: ``media_dir/01/JF/01JF….mp4``.

Private like the database: folders 0700, files 0600 (given to ``mkdir``/``open``, so
the umask can only take bits away). A new file is written under
``.staging/<name>.part``, fsynced, read back and compared with the hash made while
writing, and only then renamed into its shard (``os.replace``: atomic on one file
system, so a file is either whole under its name or not there).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from viver_tui.locale import t
from viver_tui.media_store import CHUNK, StoreError, VerifyFailed, new_name, valid_name
from viver_tui.private import PRIVATE_FILE_MODE, private_dir

STAGING = ".staging"


def _error(exc: OSError, name: str) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(t("media.store.full"))
    if exc.errno == errno.EFBIG:
        return StoreError(t("media.store.too_big"))
    return StoreError(t("media.store.failed", name=name, error=exc.strerror or exc))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def hash_file(fd: int, chunk: int = CHUNK) -> tuple[int, str]:
    """Size and SHA-256 of an open file, read from the start."""
    digest = hashlib.sha256()
    size = 0
    os.lseek(fd, 0, os.SEEK_SET)
    buffer = bytearray(chunk)
    view = memoryview(buffer)
    while True:
        n = os.readv(fd, [buffer])
        if n == 0:
            return size, digest.hexdigest()
        digest.update(view[:n])
        size += n


@dataclass
class LocalStaged:
    name: str
    size: int
    sha256: str
    _temp: Path
    _final: Path
    published: bool = False

    def publish(self) -> None:
        try:
            private_dir(self._final.parent)
            os.replace(self._temp, self._final)
        except OSError as exc:
            self.discard()
            raise _error(exc, self.name) from exc
        self.published = True
        _fsync_dir(self._final.parent)

    def discard(self) -> None:
        """Remove the stage (or, once published, the file: its registration failed)."""
        for path in (self._temp, self._final) if self.published else (self._temp,):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def describe(self) -> str:
        return str(self.root)

    def _path(self, name: str) -> Path:
        if not valid_name(name):
            raise StoreError(t("media.store.bad_name", name=name[:40]))
        return self.root / name[:2] / name[2:4] / name

    def put(self, chunks: Iterable[bytes], ext: str) -> LocalStaged:
        name = new_name(ext)
        staging = private_dir(self.root / STAGING)
        temp = staging / f"{name}.part"
        digest = hashlib.sha256()
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except OSError as exc:
            raise _error(exc, name) from exc
        try:
            try:
                size, again = _write_verified(fd, chunks, digest, temp)
            finally:
                os.close(fd)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise _error(exc, name) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if again != digest.hexdigest():
            temp.unlink(missing_ok=True)
            raise VerifyFailed(t("media.store.verify_failed", name=name))
        return LocalStaged(name, size, digest.hexdigest(), temp, self._path(name))

    def _open(self, name: str) -> int:
        """A read-only descriptor of a published file: only a name the store hands out
        (``_path``), and never through a symlink put in its place (``O_NOFOLLOW``)."""
        path = self._path(name)
        try:
            return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise _error(exc, name) from exc

    def read(
        self, name: str, start: int = 0, length: int | None = None, chunk: int = CHUNK
    ) -> Iterator[bytes]:
        """The bytes ``start`` … ``start + length`` (to the end if None), ``chunk`` at a
        time; the file is opened before the first chunk is asked for (a missing file
        raises here, not half-way through a response)."""
        return _chunks(self._open(name), start, length, chunk)

    def open_file(self, name: str) -> BinaryIO:
        """The file, open for reading: an unbuffered binary file object whose
        descriptor the kernel can send from (``sendfile``) and whose ``tell()`` is the
        descriptor's own position (no buffer in between). The caller closes it."""
        fd = self._open(name)
        try:
            return os.fdopen(fd, "rb", buffering=0)  # type: ignore[return-value]
        except BaseException:
            os.close(fd)
            raise

    def delete(self, name: str) -> None:
        path = self._path(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise _error(exc, name) from exc

    def size(self, name: str) -> int | None:
        try:
            return self._path(name).stat().st_size
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise _error(exc, name) from exc

    def sha256(self, name: str) -> str:
        try:
            fd = os.open(self._path(name), os.O_RDONLY)
        except OSError as exc:
            raise _error(exc, name) from exc
        try:
            return hash_file(fd)[1]
        finally:
            os.close(fd)

    def names(self) -> Iterator[str]:
        """Every file in the shards, whatever its name (a stranger is a finding for
        ``viver files check``), in no particular order."""
        if not self.root.is_dir():
            return
        for first in os.scandir(self.root):
            if first.name == STAGING or not first.is_dir(follow_symlinks=False):
                continue
            for second in os.scandir(first.path):
                if not second.is_dir(follow_symlinks=False):
                    yield f"{first.name}/{second.name}"
                    continue
                for entry in os.scandir(second.path):
                    yield entry.name if valid_name(entry.name) and entry.name.startswith(
                        first.name + second.name
                    ) else f"{first.name}/{second.name}/{entry.name}"

    def leftovers(self) -> list[str]:
        staging = self.root / STAGING
        if not staging.is_dir():
            return []
        return sorted(entry.name for entry in os.scandir(staging))

    def free_bytes(self) -> int | None:
        folder = self.root
        while not folder.exists() and folder.parent != folder:
            folder = folder.parent
        try:
            stat = os.statvfs(folder)
        except (OSError, AttributeError):
            return None
        return stat.f_bavail * stat.f_frsize


def _write_verified(
    fd: int, chunks: Iterable[bytes], digest: Any, temp: Path
) -> tuple[int, str]:
    """Write ``chunks`` to ``fd`` while two helper threads hash each chunk (``digest``)
    and read it back from the file just written and hash that (returned): hashing runs
    beside the reading and writing instead of after them (hashlib and os.pread let go
    of the GIL), so an import costs about what its I/O costs. The file is fsynced
    before the read-back hash is final."""
    back = hashlib.sha256()
    size = 0
    with open(temp, "rb", buffering=0) as reader, ThreadPoolExecutor(2) as pool:
        hashing: Future[None] | None = None
        reading: Future[int] | None = None

        def read_back(offset: int, length: int) -> int:
            data = os.pread(reader.fileno(), length, offset)
            back.update(data)
            return len(data)

        for chunk in chunks:
            if hashing is not None:
                hashing.result()
            hashing = pool.submit(digest.update, chunk)
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
            if reading is not None:
                reading.result()
            reading = pool.submit(read_back, size, len(chunk))
            size += len(chunk)
        if hashing is not None:
            hashing.result()
        os.fsync(fd)
        if reading is not None:
            reading.result()
        # Anything past what was written (there should be nothing) spoils the match.
        if os.pread(reader.fileno(), 1, size):
            back.update(b"\0")
    return size, back.hexdigest()


def _chunks(fd: int, start: int, length: int | None, chunk: int) -> Iterator[bytes]:
    try:
        os.lseek(fd, start, os.SEEK_SET)
        left = length
        while left is None or left > 0:
            want = chunk if left is None else min(chunk, left)
            data = os.read(fd, want)
            if not data:
                return
            if left is not None:
                left -= len(data)
            yield data
    finally:
        os.close(fd)
