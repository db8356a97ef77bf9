"""Handing a message to a company's mail server with ``smtplib`` — or, with no server
set up, writing it as an ``.eml`` file to the mail spool.

What can go wrong is sorted by what it means for the message (``Problem.lasting``):

- **temporary** (``lasting=False``): the connection was refused, dropped or timed out,
  the login was refused, or the server answered 4xx. The server did not accept the
  message (RFC 5321 §6.1: it takes responsibility only with its 250 after the data),
  so sending it again later cannot double it: it waits with a back-off.
- **permanent** (``lasting=True``): the server refused this message or its recipient
  with 5xx. Sending it again would get the same answer: it is failed and shown to staff.

The password comes from ``VIVER_SMTP_PASSWORD_<COMPANY>`` or the company's
``password_file`` (which must be readable by its owner only); it is never in a reason,
a log line or on screen.
"""

from __future__ import annotations

import os
import re
import smtplib
import socket
import ssl
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from viver_tui.config import Company, SmtpSettings
from viver_tui.locale import t

IDLE_RECONNECT_S = 20.0  # a connection unused this long is opened anew before a message


class Problem(Exception):
    """A message could not be handed over: ``reason`` in words, ``lasting`` if retrying
    cannot help (5xx)."""

    def __init__(self, reason: str, *, lasting: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.lasting = lasting


def password_variable(company_key: str) -> str:
    return "VIVER_SMTP_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", company_key.upper())


def password_for(
    company: Company, environ: Mapping[str, str] | None = None
) -> str:
    """The company's SMTP password: its variable, or its 0600 file; "" for none."""
    env = os.environ if environ is None else environ
    value = env.get(password_variable(company.key), "")
    if value:
        return value
    path = company.smtp.password_file
    if path is None:
        return ""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077:
            raise OSError("mode")
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise Problem(t("mail.error.password_file", path=path)) from None


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
        exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"[:300]


def classify(exc: BaseException, server: str) -> Problem:
    """What a failure of ``smtplib`` (or the socket under it) means for the message."""
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [
            smtplib.SMTPResponseException(code, msg) for code, msg in exc.recipients.values()
        ]
        lasting = all(r.smtp_code >= 500 for r in replies)
        reply = "; ".join(_reply(r) for r in replies)
        key = "mail.error.permanent" if lasting else "mail.error.temporary"
        return Problem(t(key, reply=reply, server=server), lasting=lasting)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Problem(t("mail.error.login", server=server))
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError | socket.timeout):  # smtplib wraps it
            return Problem(t("mail.error.timeout", server=server))
        return Problem(t("mail.error.dropped", server=server))
    if isinstance(exc, smtplib.SMTPResponseException):
        if exc.smtp_code >= 500 and isinstance(
            exc, smtplib.SMTPSenderRefused | smtplib.SMTPDataError
        ):
            return Problem(t("mail.error.permanent", reply=_reply(exc)), lasting=True)
        return Problem(t("mail.error.temporary", server=server, reply=_reply(exc)))
    if isinstance(exc, ConnectionRefusedError):
        return Problem(t("mail.error.refused", server=server))
    if isinstance(exc, TimeoutError | socket.timeout):
        return Problem(t("mail.error.timeout", server=server))
    if isinstance(exc, ConnectionError | smtplib.SMTPException):
        return Problem(t("mail.error.dropped", server=server))
    if isinstance(exc, ssl.SSLError):
        return Problem(t("mail.error.tls", server=server, reason=exc.reason or exc))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    return Problem(t("mail.error.other", server=server, reason=reason))


@dataclass
class SmtpLink:
    """One open connection to a company's server, kept between messages of a run."""

    company: Company
    environ: Mapping[str, str] | None = None
    connection: smtplib.SMTP | None = None
    used_at: float = 0.0

    @property
    def server(self) -> str:
        return f"{self.company.smtp.host}:{self.company.smtp.port}"

    def _open(self) -> smtplib.SMTP:
        smtp: SmtpSettings = self.company.smtp
        context = ssl.create_default_context()
        connection: smtplib.SMTP
        if smtp.security == "tls":
            connection = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout,
                                          context=context)
        else:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        try:
            connection.ehlo()
            if smtp.security == "starttls":
                connection.starttls(context=context)
                connection.ehlo()
            if smtp.user:
                connection.login(smtp.user, password_for(self.company, self.environ))
        except BaseException:
            self._close(connection)
            raise
        return connection

    @staticmethod
    def _close(connection: smtplib.SMTP) -> None:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()

    def close(self) -> None:
        if self.connection is not None:
            self._close(self.connection)
            self.connection = None

    def send(self, message: Message, sender: str) -> None:
        """Hand ``message`` over; raises ``Problem``. Returns only once the server has
        accepted it (250 after the data)."""
        try:
            if self.connection is not None and time.monotonic() - self.used_at > IDLE_RECONNECT_S:
                self.close()  # servers drop idle connections: start afresh, not mid-message
            if self.connection is None:
                self.connection = self._open()
            self.connection.send_message(message, from_addr=sender, to_addrs=[message["To"]])
            self.used_at = time.monotonic()
        except BaseException as exc:
            problem = classify(exc, self.server)
            if not (problem.lasting and isinstance(exc, smtplib.SMTPRecipientsRefused)):
                self.close()  # after anything but a refused recipient, start afresh
            raise problem from None


def spool_message(spool_dir: Path, message_id: int, kind: str, message: Message) -> Path:
    """Write the message as ``<id>-<kind>.eml`` (0600 in a 0700 folder, atomically):
    no mail server is set up, so this is what would have gone out."""
    from viver_tui.printing.preview import spool

    return spool(spool_dir, f"{message_id:08d}-{kind}.eml", bytes(message))
