"""Retention of the preview spool: the ``preview`` printer's files hold names.

The preview printer writes each job's exact ESC/POS bytes to ``Settings.spool_dir``
(``<job id>-<kind>.escpos``, see ``printing/preview.py``) — labels and order forms with
the customer's name on them. They are kept ``Settings.spool_retention_days`` days (by
the file's modification time, i.e. when it was printed) and then deleted: at app start
and daily while the app runs (``app.py``), or by hand with ``viver clean-spool``. A
customer's files go at once when the customer is erased (``privacy.erase_customer``).

Only the spool's own files are touched: ``*.escpos`` and the ``.spool-*`` temporary
files a crash may leave; anything else in the folder is left alone.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

DAY_S = 24 * 3600
_SUFFIX = ".escpos"
_TEMP_PREFIX = ".spool-"


@dataclass(frozen=True)
class SpoolCleaned:
    removed: int  # files deleted
    kept: int  # spool files younger than the retention


def is_spool_file(path: Path) -> bool:
    return path.suffix == _SUFFIX or path.name.startswith(_TEMP_PREFIX)


def clean_spool(
    spool_dir: Path, keep_days: int, *, now: datetime | None = None
) -> SpoolCleaned:
    """Delete the spool files last written more than ``keep_days`` days before ``now``.

    ``keep_days`` 0 keeps everything (the setting's "until erasure"). A missing folder
    is nothing to clean. Raises OSError when a file cannot be deleted.
    """
    if keep_days <= 0 or not spool_dir.is_dir():
        return SpoolCleaned(0, 0)
    cutoff = (now or datetime.now()).timestamp() - keep_days * DAY_S
    removed = kept = 0
    for path in spool_dir.iterdir():
        if not is_spool_file(path):
            continue
        try:
            info = path.lstat()
        except FileNotFoundError:  # deleted meanwhile (an erasure, another terminal)
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if info.st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
        else:
            kept += 1
    return SpoolCleaned(removed, kept)
