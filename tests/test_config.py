"""Settings: defaults, the TOML file, environment overrides, and clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from viver_tui.config import load_settings
from viver_tui.errors import ConfigError

EXAMPLE = Path(__file__).parent.parent / "viver_tui" / "config.example.toml"


def test_defaults_need_no_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.toml", environ={})
    assert settings.language == "nb"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("viver.db")
    assert settings.label_printer.url == "preview"
    assert settings.media_kind("vhs") is not None


def test_the_commented_example_file_loads(tmp_path: Path) -> None:
    settings = load_settings(EXAMPLE, environ={})
    assert settings.shop_name == "Videoverkstedet AS"
    assert settings.receipt_printer.columns == 48
    assert settings.media_kind("vhs").price == Decimal("299")


def test_file_values_and_environment_overrides(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
language = "en"
[shop]
name = "Viverfilm AS"
[database]
url = "postgresql://postgres@127.0.0.1/test"
[printers.label]
url = "tcp://127.0.0.1:9100"
columns = 32
barcode = "image"
[[media_kinds]]
key = "vhs"
name = "VHS-kassett"
price = "349.50"
[[media_kinds]]
key = "laserdisc"
name = "LaserDisc"
unit = "piece"
price = 500
""",
        encoding="utf-8",
    )
    settings = load_settings(path, environ={})
    assert (settings.language, settings.shop_name) == ("en", "Viverfilm AS")
    assert settings.database_url == "postgresql://postgres@127.0.0.1/test"
    assert (settings.label_printer.url, settings.label_printer.barcode) == (
        "tcp://127.0.0.1:9100",
        "image",
    )
    assert settings.media_kind("vhs").price == Decimal("349.50")
    assert settings.media_kind("laserdisc").name == "LaserDisc"
    env = {
        "VIVER_DATABASE": str(tmp_path / "shop.db"),
        "VIVER_LANGUAGE": "nb",
        "VIVER_LABEL_PRINTER": "preview",
    }
    overridden = load_settings(path, environ=env)
    assert overridden.database_url == f"sqlite:///{tmp_path / 'shop.db'}"
    assert overridden.language == "nb"
    assert overridden.label_printer.url == "preview"
    assert overridden.label_printer.columns == 32  # the rest of the file still applies


def test_viver_config_points_at_another_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[shop]\nname = "Testbutikken"\n', encoding="utf-8")
    assert load_settings(environ={"VIVER_CONFIG": str(path)}).shop_name == "Testbutikken"
    with pytest.raises(ConfigError, match="finnes ikke"):
        load_settings(environ={"VIVER_CONFIG": str(tmp_path / "nope.toml")})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("language = 'de'", "språk"),
        ("[shop]\nname = 3", "tekst"),
        ("[printers.label]\nbarcode = 'laser'", "barcode"),
        ("[printers.label]\ncolumns = 'wide'", "feil verdi"),
        ("[printers.label]\nstatus = 'maybe'", "status må være"),
        ("[printers.receipt]\nprocess_id = 'yes'", "process_id"),
        ("[printers.receipt]\ntimeout = 0", "timeout"),
        ("[[media_kinds]]\nname = 'uten nøkkel'", "ugyldig medietype"),
        ("this is = not toml =", "Kan ikke lese"),
    ],
)
def test_bad_settings_are_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(path, environ={})


def test_data_backups_and_log_live_in_the_user_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viver_tui.config import default_backup_dir, default_log_dir, default_spool_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    settings = load_settings(tmp_path / "missing.toml", environ={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'viver_tui' / 'viver.db'}"
    assert default_spool_dir() == tmp_path / "data" / "viver_tui" / "spool"
    assert default_backup_dir() == tmp_path / "data" / "viver_tui" / "backups"
    assert default_log_dir() == tmp_path / "state" / "viver_tui" / "log"
def test_printer_status_and_process_id_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[printers.label]\nstatus = "no"\n[printers.receipt]\nstatus = "yes"\n'
        "process_id = true\ntimeout = 8\n",
        encoding="utf-8",
    )
    settings = load_settings(path, environ={})
    assert (settings.label_printer.status, settings.label_printer.process_id) == ("no", False)
    assert (settings.receipt_printer.status, settings.receipt_printer.process_id) == ("yes", True)
    assert settings.receipt_printer.timeout == 8.0
    assert load_settings(tmp_path / "none.toml", environ={}).label_printer.status == "auto"


def test_example_config_is_what_the_defaults_are() -> None:
    from viver_tui.config import Settings

    example = Path(__file__).parents[1] / "viver_tui" / "config.example.toml"
    settings = load_settings(example, environ={})
    assert settings.label_printer == Settings().label_printer
    assert settings.receipt_printer == Settings().receipt_printer


# --- the companies that sell, and the price list of products (documents) ---------------


def test_companies_are_read_and_their_numbers_checked_by_stdnum(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
default_company = "viverfilm"
[documents]
credit_notes = "invoice"
dir = "~/bilag"
[companies.viverfilm]
org_number = "988 077 917"
bank_account = "8601.11.17947"
address = ["Storgata 1", "0155 Oslo"]
invoice_days = 10
[companies.nytt]
name = "Nytt Selskap AS"
vat_registered = false
[[products]]
key = "usb-32"
name = "USB 32 GB"
price = "129.50"
""",
        encoding="utf-8",
    )
    settings = load_settings(path, environ={})
    viverfilm = settings.company("")
    assert viverfilm is not None and viverfilm.name == "Viverfilm AS"  # the default's name kept
    assert (viverfilm.org_number, viverfilm.bank_account) == ("988077917", "86011117947")
    assert viverfilm.address == ("Storgata 1", "0155 Oslo") and viverfilm.invoice_days == 10
    assert settings.company("nytt").vat_registered is False
    assert settings.company("videoverkstedet").org_number == ""  # cannot invoice yet
    assert settings.product("usb-32").price == Decimal("129.50")
    assert settings.credit_note_series == "invoice"
    assert settings.documents_dir == Path("~/bilag").expanduser()
    env = load_settings(path, environ={"VIVER_COMPANY": "videoverkstedet"})
    assert env.default_company == "videoverkstedet"


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[companies.viverfilm]\norg_number = "988 077 918"', "organisasjonsnummeret"),
        ('[companies.viverfilm]\nbank_account = "8601.11.17949"', "kontonummeret"),
        ('[companies.viverfilm]\norgnr = "988077917"', "ukjente innstillinger: orgnr"),
        ('[companies.viverfilm]\ninvoice_days = "14"', "helt antall dager"),
        ('default_company = "ukjent"', "default_company"),
        ('[documents]\ncredit_notes = "egen"', "credit_notes"),
        ('[[products]]\nkey = "x"\nname = "X"\nprice = "-1"', "ugyldig vare"),
    ],
)
def test_a_company_or_product_that_is_wrong_is_refused_clearly(
    tmp_path: Path, toml: str, expected: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        load_settings(path, environ={})
    assert expected in failure.value.message
