"""Who holds a print job's claim: a process's name, and whether that process is gone.

A claim names its owner as ``host|boot id|pid|process start|random``. On the same
machine and boot, a pid that no longer runs (or now belongs to a process started at
another time) means the claim's process is gone and its job can be taken back at once;
a claim from another machine is judged by its heartbeat instead
(``services/print_worker.QueueWorker``).
"""

from __future__ import annotations

import os
import socket
import uuid
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or "" if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def new_owner() -> str:
    """This process's name on a claim: ``host|boot id|pid|start|random``."""
    pid = os.getpid()
    return "|".join(
        (socket.gethostname(), boot_id(), str(pid), _process_start(pid), uuid.uuid4().hex[:8])
    )


def owner_is_gone(owner: str | None) -> bool:
    """True when ``owner`` ran on this machine, since this boot, and is not running now.

    A claim from another machine (or an older format) cannot be checked here: it is
    taken back by its heartbeat going stale instead.
    """
    if not owner:
        return True
    parts = owner.split("|")
    if len(parts) != 5 or parts[0] != socket.gethostname():
        return False
    _host, boot, pid_text, start, _ = parts
    if boot != boot_id():
        return bool(boot)  # the machine restarted since: that process is gone
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    if start:
        return _process_start(pid) != start  # gone, or the pid belongs to another now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
