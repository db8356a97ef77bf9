"""A company's mail server in the settings file, and its password: from the variable or
a file only its owner can read, never in a reason or a log line."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import peewee
import pytest

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from tests.services.mail_servers import Keeper, smtp_server
from viver_tui.config import ConfigError, SmtpSettings, load_settings
from viver_tui.db import writing
from viver_tui.models import OutboxMessage
from viver_tui.services import mail
from viver_tui.services.mail.sender import MailWorker
from viver_tui.services.mail.transport import Problem, password_for


def test_the_smtp_table_of_a_company_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[companies.videoverkstedet]\nopening_hours = "Man–fre 10–17"\n'
        '[companies.videoverkstedet.smtp]\nhost = "smtp.example.no"\nport = 465\n'
        'security = "tls"\nuser = "post@videoverkstedet.no"\n'
        '[mail]\nkeep_days = 730\n[media]\npublic_url = "https://viver.example.no"\n',
        encoding="utf-8",
    )
    env = {"VIVER_SMTP_PASSWORD_VIDEOVERKSTEDET": "hemmelig"}  # a known family of variables
    settings = load_settings(path, environ=env)
    company = settings.company("videoverkstedet")
    assert company is not None
    assert company.smtp == SmtpSettings(host="smtp.example.no", port=465, security="tls",
                                        user="post@videoverkstedet.no")
    assert company.email == "post@videoverkstedet.no"  # the rest of the company stays
    assert company.opening_hours == "Man–fre 10–17"
    assert (settings.public_url, settings.mail_keep_days) == ("https://viver.example.no", 730)
    assert password_for(company, env) == "hemmelig"
    path.write_text('[companies.viverfilm.smtp]\nsecurity = "ssl"\nprot = 25\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(path, environ={})
    assert "prot" in refused.value.message and "security" in refused.value.message


def test_a_password_file_must_be_readable_by_its_owner_only(tmp_path: Path) -> None:
    secret = tmp_path / "smtp-password"
    secret.write_text("hemmelig\n", encoding="utf-8")
    company = replace(shop(tmp_path).companies[0],
                      smtp=SmtpSettings(host="x", password_file=secret))
    secret.chmod(0o644)
    with pytest.raises(Problem) as refused:
        password_for(company, {})
    assert "chmod 600" in refused.value.reason and "hemmelig" not in refused.value.reason
    secret.chmod(0o600)
    assert password_for(company, {}) == "hemmelig"


def test_a_refused_login_waits_and_the_password_is_in_no_reason_nor_log(
    db: peewee.Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = replace(shop(tmp_path), mail_spool_dir=tmp_path / "mail")
    who = person(db, "disk", "counter")
    order = confirmed_order(db, settings, who, customer(db, who, email="ase@example.no"))
    with writing(db):
        mail.queue_ready_for_pickup(db, order.id, who.initials)
    with smtp_server(Keeper()) as (_, port), caplog.at_level(logging.DEBUG):
        companies = tuple(
            replace(c, smtp=SmtpSettings(host="127.0.0.1", port=port, security="none",
                                         user="post"))
            for c in settings.companies
        )
        env = {"VIVER_SMTP_PASSWORD_VIDEOVERKSTEDET": "hemmelig-passord"}
        worker = MailWorker(db, replace(settings, companies=companies), environ=env)
        [outcome] = worker.run_once()  # aiosmtpd offers no AUTH without TLS: refused
    row = OutboxMessage.get()
    assert outcome.state == "queued" and row.status == "queued"
    assert "hemmelig" not in (row.last_error or "") and "hemmelig" not in caplog.text
