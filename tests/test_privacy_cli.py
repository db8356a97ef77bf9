"""``viver staff|customer|export|purge-expired`` as a shop runs them: a real process, PINs
on standard input (never in argv), one line out, exit 0 / 2 (refused) / 3 (not finished)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.signing_in import as_staff


def viver(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.touch()
    environment = {
        **os.environ,
        "VIVER_CONFIG": str(config),
        "VIVER_DATABASE": str(tmp_path / "viver.db"),
        "VIVER_SPOOL_DIR": str(tmp_path / "spool"),
    }
    return subprocess.run(
        [sys.executable, "-m", "viver_tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    out = (result.stdout + result.stderr).strip()
    assert "\n" not in out and "Traceback" not in out, out
    return out


def test_staff_commands(tmp_path: Path) -> None:
    # The first admin: no sign-in on a database without staff.
    first = viver(tmp_path, "staff", "add", "--name", "Åse Ødegård", "--initials", "ao",
                  "--role", "admin", stdin="2468\n")
    assert first.returncode == 0, first.stderr
    assert one_line(first) == "La til Åse Ødegård (ao, administrator)."
    # After that an admin's PIN is needed, read from standard input.
    anonymous = viver(tmp_path, "staff", "add", "--name", "Per", "--initials", "pe",
                      "--role", "counter", stdin="1234\n")
    assert anonymous.returncode == 2 and "--staff" in one_line(anonymous)
    wrong = viver(tmp_path, "staff", "add", "--name", "Per", "--initials", "pe",
                  "--role", "counter", "--staff", "ao", stdin="1111\n1234\n")
    assert wrong.returncode == 2 and one_line(wrong) == "viver: Feil PIN."
    added = viver(tmp_path, "staff", "add", "--name", "Per Hansen", "--initials", "pe",
                  "--role", "counter", "--staff", "ao", stdin="2468\n1234\n")
    assert added.returncode == 0, added.stderr
    # A counter person is refused admin work.
    refused = viver(tmp_path, "staff", "disable", "ao", "--staff", "pe", stdin="1234\n")
    assert refused.returncode == 2 and "rolle (skranke)" in one_line(refused)
    listed = viver(tmp_path, "staff", "list", "--staff", "ao", stdin="2468\n")
    assert listed.returncode == 0
    assert [line.split()[:3] for line in listed.stdout.splitlines()] == [
        ["ao", "administrator", "aktiv"], ["pe", "skranke", "aktiv"],
    ]
    reset = viver(tmp_path, "staff", "reset-pin", "pe", "--staff", "ao", stdin="2468\n5555\n")
    assert reset.returncode == 0 and one_line(reset) == "Ny PIN satt for pe."
    disabled = viver(tmp_path, "staff", "disable", "pe", "--staff", "ao", stdin="2468\n")
    assert disabled.returncode == 0 and one_line(disabled) == "Deaktiverte pe."
    no_pin = viver(tmp_path, "staff", "list", "--staff", "ao")
    assert no_pin.returncode == 2 and "Fikk ingen PIN" in one_line(no_pin)
    con = sqlite3.connect(tmp_path / "viver.db")
    actions = [a for (a,) in con.execute("SELECT action FROM audit_event ORDER BY id")]
    assert actions.count("sign_in_failed") == 1 and "staff_disable" in actions
    hashes = " ".join(h for (h,) in con.execute("SELECT pin_hash FROM staff"))
    assert "2468" not in hashes and "5555" not in hashes


def test_demo_data_says_which_staff_to_sign_in_with(tmp_path: Path) -> None:
    result = viver(tmp_path, "demo-data", "--customers", "5")
    assert result.returncode == 0, result.stderr
    assert "adm (administrator), disk (skranke), prod (produksjon) — PIN 1234" in result.stderr
    listed = viver(tmp_path, "staff", "list", "--staff", "adm", stdin="1234\n")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["adm", "disk", "prod"]



def _shop_with_customers(tmp_path: Path) -> tuple[dict[str, int], str]:
    """An admin (PIN 2468), a counter person (1357) and customers made through the
    services, as the app would; closed again so the commands open the file themselves."""
    from viver_tui.config import Settings
    from viver_tui.services import customers, intake, staff
    from viver_tui.services.customers import CustomerInput
    from viver_tui.services.intake import MediumInput, OrderDetails
    from viver_tui.store import open_database

    db = open_database(f"sqlite:///{tmp_path / 'viver.db'}")
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357", by=admin)
    kinds = Settings().media_kinds
    ids = {}
    for key, name, email, opt_out in (
        ("kari", "Kari Nordmann", "kari@example.no", False),
        ("ola", "Ola Reservert", "ola@example.no", True),
        ("siri", "Siri Åsen", "siri@example.no", False),
    ):
        data = CustomerInput(name=name, email=email, phone="91234567", letters_opt_out=opt_out)
        ids[key] = customers.register(db, data, as_staff(db, "disk")).id
    order = intake.open_order(db, ids["siri"], "disk")
    order = intake.add_medium(db, order.id, MediumInput("vhs"), kinds, "disk")
    details = OrderDetails(shelf="B2", notes="Siri vil ha DVD")
    order = intake.confirm_order(db, order.id, details, "disk")
    db.close()
    return ids, order.media[0].code


def test_mailing_list_export_and_innsyn(tmp_path: Path) -> None:
    ids, _ = _shop_with_customers(tmp_path)
    out = tmp_path / "brev.csv"
    done = viver(tmp_path, "export", "mailing-list", "--out", str(out), "--staff", "adm",
                 stdin="2468\n")
    assert done.returncode == 0, done.stderr
    assert one_line(done) == f"Adresselisten har 2 mottakere: {out}."
    assert out.read_text(encoding="utf-8").splitlines() == [
        "navn,epost,adresse,postnummer,poststed",
        "Kari Nordmann,kari@example.no,,,",
        "Siri Åsen,siri@example.no,,,",
    ]
    assert out.stat().st_mode & 0o777 == 0o600
    refused = viver(tmp_path, "export", "mailing-list", "--staff", "disk", stdin="1357\n")
    assert refused.returncode == 2 and "rolle (skranke)" in one_line(refused)
    to_screen = viver(tmp_path, "export", "mailing-list", "--staff", "adm", stdin="2468\n")
    assert to_screen.returncode == 0 and "Kari Nordmann,kari@example.no" in to_screen.stdout
    folder = tmp_path / "innsyn"
    exported = viver(tmp_path, "customer", "export", str(ids["kari"]), "--out", str(folder),
                     "--how", "e-post", "--staff", "adm", stdin="2468\n")
    assert exported.returncode == 0, exported.stderr
    assert one_line(exported).startswith(f"Innsyn for kunde #{ids['kari']} skrevet til")
    [text] = folder.glob("*.txt")
    assert "Navn: Kari Nordmann" in text.read_text(encoding="utf-8")
    con = sqlite3.connect(tmp_path / "viver.db")
    assert con.execute("SELECT answered_on, delivered_how FROM access_request").fetchall() == [
        (str(date.today()), "e-post")
    ]
    con.execute(
        "INSERT INTO access_request (customer_id, received_on, deadline, delivered_how, staff,"
        " created_at) VALUES (?, '2026-01-05', '2026-02-05', '', 'disk', '2026-01-05')",
        (ids["siri"],),
    )
    con.commit()
    listed = viver(tmp_path, "customer", "requests", "--staff", "adm", stdin="2468\n")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["kunde", f"#{ids['siri']}", "mottatt", "05.01.2026", "frist",
                                "05.02.2026", "FORFALT"]
    assert lines[1].endswith("besvart " + date.today().strftime("%d.%m.%Y"))
    open_only = viver(tmp_path, "customer", "requests", "--open", "--staff", "adm",
                      stdin="2468\n")
    assert len(open_only.stdout.splitlines()) == 1


def test_erase_refused_done_and_not_finished(tmp_path: Path) -> None:
    ids, siri_code = _shop_with_customers(tmp_path)
    refused = viver(tmp_path, "customer", "erase", str(ids["siri"]), "--staff", "adm",
                    stdin="2468\n")
    assert refused.returncode == 2
    assert one_line(refused).startswith("viver: Kan ikke slette kunden ennå: ordre ")
    assert siri_code in refused.stderr
    counter = viver(tmp_path, "customer", "erase", str(ids["kari"]), "--staff", "disk",
                    stdin="1357\n")
    assert counter.returncode == 2
    erased = viver(tmp_path, "customer", "erase", str(ids["kari"]), "--staff", "adm",
                   stdin="2468\n")
    assert erased.returncode == 0, erased.stderr
    assert one_line(erased).startswith(f"Kunde #{ids['kari']} er slettet. Sikkerhetskopier i ")
    assert "kan inneholde kunden til og med " in one_line(erased)
    # Another program holds a read transaction: committed, but not reported as erased.
    reader = sqlite3.connect(tmp_path / "viver.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM customer").fetchone()
    busy = viver(tmp_path, "customer", "erase", str(ids["ola"]), "--staff", "adm",
                 stdin="2468\n")
    assert busy.returncode == 3, busy.stderr
    assert "ikke ferdig slettet" in one_line(busy)
    still = viver(tmp_path, "purge-expired", "--staff", "adm", stdin="2468\n")
    assert still.returncode == 3 and "1 sletting venter fortsatt" in one_line(still)
    reader.execute("COMMIT")
    reader.close()
    dry = viver(tmp_path, "purge-expired", "--dry-run", "--staff", "adm", stdin="2468\n")
    assert dry.returncode == 0 and one_line(dry).startswith("Ville slettet 0 ordrer")
    purged = viver(tmp_path, "purge-expired", "--staff", "adm", stdin="2468\n")
    assert purged.returncode == 0 and one_line(purged).startswith("Slettet 0 ordrer")
    con = sqlite3.connect(tmp_path / "viver.db")
    assert con.execute("SELECT COUNT(*) FROM pending_erasure").fetchone() == (0,)
    data = (tmp_path / "viver.db").read_bytes()
    assert b"Kari Nordmann" not in data and b"Ola Reservert" not in data
    assert b"Siri" in data


def test_export_invoices_writes_the_csv_the_pdfs_and_reconciles_the_series(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from tests.services.documents_helpers import confirmed_order, customer, shop
    from viver_tui.services import documents, staff
    from viver_tui.store import open_database

    config = tmp_path / "config.toml"
    config.write_text(
        '[companies.videoverkstedet]\norg_number = "988077917"\n'
        'bank_account = "86011117947"\naddress = ["Storgata 1", "0155 Oslo"]\n'
        f'[documents]\ndir = "{tmp_path / "dokumenter"}"\n',
        encoding="utf-8",
    )
    db = open_database(f"sqlite:///{tmp_path / 'viver.db'}")
    boss = staff.add(db, name="Åse Admin", initials="ao", role="admin", pin="2468", by=None)
    settings = replace(shop(tmp_path), documents_dir=tmp_path / "dokumenter")
    cid = customer(db, boss)
    for _ in range(2):
        documents.issue_invoice(db, confirmed_order(db, settings, boss, cid).id, settings, boss)
    db.close()
    today = date.today().isoformat()
    out = tmp_path / "regnskap"
    result = viver(tmp_path, "export", "invoices", "--from", today, "--to", today,
                   "--out", str(out), "--staff", "ao", stdin="2468\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Skrev 2 dokumenter (4 linjer) til {out / 'fakturaer.csv'}; PDF-ene i {out / 'pdf'}.",
        "videoverkstedet invoice: nr. 1–2, 2 dokumenter, annullert: –",
    ]
    assert sorted(p.name for p in (out / "pdf").iterdir()) == [
        "videoverkstedet-faktura-1.pdf", "videoverkstedet-faktura-2.pdf",
    ]
