"""Private files and masked secrets: small helpers any layer may use (stdlib only).

Files holding customers' data (the SQLite database and its ``-wal``/``-shm``, backups,
``errors.log``) are created 0600 in folders 0700 whatever the umask: the mode is given
to ``open``/``mkdir`` explicitly, and the umask can only take bits away. A password in a
database URL is masked (``***``) wherever a URL or a driver's message is shown.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
MASK = "***"


def mask_url(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``: safe to print or show."""
    try:
        parts = urlparse(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunparse(parts._replace(netloc=f"{user}:{MASK}@{host}"))


def is_sqlite_url(url: str) -> bool:
    return urlparse(url).scheme.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///…`` URL, as ``playhouse.db_url`` reads it (the path
    after the third slash); None for PostgreSQL and ``:memory:``."""
    if not is_sqlite_url(url):
        return None
    path = urlparse(url).path[1:]
    if not path or path == ":memory:":
        return None
    return Path(path)


def redact(text: str, url: str) -> str:
    """``text`` with the password of ``url`` (as written, or decoded) masked wherever it
    appears — driver messages may echo the connection string."""
    try:
        parts = urlparse(url)
        password = parts.password
    except ValueError:
        return text
    if not password:
        return text
    text = text.replace(url, mask_url(url))
    for secret in {password, unquote(password)}:
        if secret:
            text = text.replace(secret, MASK)
    return text


def is_writable(path: Path) -> bool:
    """Whether ``path`` can and may be written: the mode bits too, for root may write
    anywhere, but a file made read-only on purpose is a statement (and SQLite would
    leave read-only ``-wal``/``-shm`` files behind). A read-only mount or an immutable
    file is not writable for root either."""
    try:
        return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700 folders; an existing folder is left
    as it is (it may be a shared one the shop chose)."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode passes through the umask
    return path


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 if it does not exist; True if it was made."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)
    return True


def append_private(path: Path, text: str) -> None:
    """Append ``text`` to ``path``, creating it 0600 (and tightening an older file)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the profile's ACLs apply
            os.fchmod(fd, PRIVATE_FILE_MODE)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
