"""A mail worker in a process of its own (killed with SIGKILL by the letter tests):
``python -m tests.services.mail_child <database url> <smtp port> <spool dir>``."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from tests.services.documents_helpers import VF, VV
from tests.services.mail_servers import with_smtp
from viver_tui.config import Settings
from viver_tui.services.mail.sender import MailWorker
from viver_tui.store import open_database


def main() -> None:
    url, port, spool = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    settings = replace(Settings(), companies=(VV, VF), default_company="videoverkstedet",
                       mail_spool_dir=spool)
    MailWorker(open_database(url), with_smtp(settings, port)).run_once()


if __name__ == "__main__":
    main()
