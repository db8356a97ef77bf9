"""Privacy: the rules of the shop's privacy statement, one module per concern.

- ``mailing``: the customer-letter list, without those who opted out.
- ``consents``: consents to uses of the media files, given and withdrawn.
- ``requests``: the innsyn request register (received, deadline, answered).
- ``innsyn``: the complete export of what is held on a customer; ``innsyn_text`` words
  it for the person (art. 15's purposes, recipients, retention, rights …).
- ``erasure``: erasing a person, down to the bytes on disk.
- ``redaction``: finding the person in free text.
- ``retention`` / ``purge``: bookkeeping retention, and deleting what is due.
- ``access_log``: the admin's reading of the access log (writing it, and its hash
  chain, is ``services/audit.py``).

Callers use ``from viver_tui.services import privacy`` and the names below.
"""

from __future__ import annotations

from viver_tui.services.privacy.access_log import (
    LOG_PAGE_SIZE,
    AccessLogPage,
    LogCursor,
    LogRow,
    access_log_page,
    read_access_log,
)
from viver_tui.services.privacy.consents import (
    CONSENT_VERSION,
    PURPOSES,
    ConsentView,
    consent_text,
    consents_for,
    give_consent,
    has_consent,
    withdraw_consent,
)
from viver_tui.services.privacy.erasure import (
    DONE_ORDER_STATUSES,
    ERASED_NAME,
    Backups,
    ErasureRefused,
    ErasureResult,
    checkpoint_sqlite,
    erase_customer,
    erasure_blockers,
    finish_pending_at_start,
    finish_pending_erasures,
    reapply,
)
from viver_tui.services.privacy.innsyn import (
    AccessExport,
    collect_customer_data,
    export_customer,
    render_access_document,
)
from viver_tui.services.privacy.mailing import MAILING_COLUMNS, export_mailing_list
from viver_tui.services.privacy.purge import PurgeResult, purge_expired
from viver_tui.services.privacy.redaction import REDACTED, redact, redaction_pattern
from viver_tui.services.privacy.requests import (
    AccessRequestRow,
    AccessRequestView,
    access_request_rows,
    access_requests,
    answer_access_request,
    one_month_after,
    register_access_request,
)
from viver_tui.services.privacy.retention import RETENTION_YEARS, deletable_from

__all__ = [
    "CONSENT_VERSION",
    "DONE_ORDER_STATUSES",
    "ERASED_NAME",
    "LOG_PAGE_SIZE",
    "MAILING_COLUMNS",
    "PURPOSES",
    "REDACTED",
    "RETENTION_YEARS",
    "AccessExport",
    "AccessLogPage",
    "AccessRequestRow",
    "AccessRequestView",
    "Backups",
    "ConsentView",
    "ErasureRefused",
    "ErasureResult",
    "LogCursor",
    "LogRow",
    "PurgeResult",
    "access_log_page",
    "access_request_rows",
    "access_requests",
    "answer_access_request",
    "checkpoint_sqlite",
    "collect_customer_data",
    "consent_text",
    "consents_for",
    "deletable_from",
    "erase_customer",
    "erasure_blockers",
    "export_customer",
    "export_mailing_list",
    "finish_pending_at_start",
    "finish_pending_erasures",
    "give_consent",
    "has_consent",
    "one_month_after",
    "purge_expired",
    "read_access_log",
    "reapply",
    "redact",
    "redaction_pattern",
    "register_access_request",
    "render_access_document",
    "withdraw_consent",
]
