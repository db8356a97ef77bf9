"""Settings: defaults, the TOML file, environment overrides, and clear errors."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from viver_tui.config import Settings, load_settings
from viver_tui.errors import ConfigError
from viver_tui.settings_schema import key_lines, setting_keys

EXAMPLE = Path(__file__).parent.parent / "viver_tui" / "config.example.toml"


def refusal(tmp_path: Path, text: str | None, env: dict[str, str] | None = None) -> str:
    """The ConfigError's message for a settings file holding ``text`` (None: no file)
    and the variables ``env``."""
    path = tmp_path / "config.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        load_settings(path if text is not None else tmp_path / "none.toml", environ=env or {})
    return failure.value.message



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
        ("language = 'de'", "linje 1: «language» må være et språk: «nb» eller «en», ikke «de»"),
        ("[shop]\nname = 3", "linje 2: «name» i [shop] må være tekst, ikke «3»"),
        (
            "[printers.label]\nbarcode = 'laser'",
            "linje 2: «barcode» i [printers.label] må være «native» eller «image», ikke «laser»",
        ),
        ("[printers.label]\ncolumns = 'wide'", "linje 2: «columns» i [printers.label] må være "
         "et helt antall tegn per linje (32 for 58 mm, 42 eller 48 for 80 mm), ikke «wide»"),
        ("[printers.label]\ncolumns = 32.0", "«columns» i [printers.label] må være et helt"),
        ("[printers.label]\ncolumns = 10000", "«columns» i [printers.label] må være et helt"),
        ("[printers]\nspool_retention_days = -1", "må være et helt antall dager (0 = behold)"),
        ("terminal = ''", "linje 1: «terminal» må være tekst (ikke tom), ikke «»"),
        ("[printers.label]\ncode_page = 865", "«code_page» i [printers.label] må være tekst"),
        ("[printers.receipt]\ntimeout = true", "må være et positivt antall sekunder"),
        (
            "[printers.label]\nstatus = 'maybe'",
            "«status» i [printers.label] må være «auto», «yes» eller «no», ikke «maybe»",
        ),
        (
            "[printers.receipt]\nprocess_id = 'yes'",
            "linje 2: «process_id» i [printers.receipt] må være true eller false, ikke «yes»",
        ),
        ("[printers.receipt]\ntimeout = 0", "«timeout» i [printers.receipt] må være et positivt"),
        ("[printers.receipt]\ntimeout = inf", "«timeout» i [printers.receipt] må være et positivt"),
        ("[[media_kinds]]\nname = 'uten nøkkel'", "linje 1: «key» mangler i [[media_kinds]] nr. 1"),
        (
            "[[media_kinds]]\nkey = 'vhs'\nname = 'VHS'\n\n[[media_kinds]]\nkey = 'dvd'\n"
            "name = 'DVD'\nprice = 'gratis'",
            "linje 8: «price» i [[media_kinds]] nr. 2 må være et beløp i kr",
        ),
        ("[[media_kinds]]\nkey = 'x'\nname = 'X'\nprice = '1.005'", "et beløp i kr"),
        ("[[media_kinds]]\nkey = 'x'\nname = 'X'\nunit = 'meter'", "«unit» i [[media_kinds]]"),
        (
            "[[media_kinds]]\nkey = 'x'\nname = 'X'\ndefault_units = 0",
            "«default_units» i [[media_kinds]] nr. 1 må være et helt tall fra 1 til 600, ikke «0»",
        ),
        ("[[media_kinds]]\nkey = 'x'\nname = 'X'\nprice = 2000000", "et beløp i kr"),
        ("[[media_kinds]]\nkey = 'x'\nname = 'X'\nprice = 'NaN'", "et beløp i kr"),
        ("media_kinds = 3", "«media_kinds» må være en liste, ikke «3»"),
        ("shop = 'Viverfilm'", "«shop» må være en tabell"),
        ("[database]\nurl = 'mysql://shop@localhost/viver'", "Ukjent database-adresse"),
        ("[printers]\nspool_dir = ''", "«spool_dir» i [printers] må være en mappe (tekst)"),
        ("\n\nthis is = not toml =", "linje 3, tegn 6: ikke gyldig TOML (Expected '=' after"),
        (f"idle_lock_minutes = 1\nx = {'7' * 5000}", "linje 2: et tall med mer enn 4 300 sifre"),
    ],
)
def test_bad_settings_are_explained(tmp_path: Path, text: str, message: str) -> None:
    refused = refusal(tmp_path, text)
    assert message in refused
    assert refused.startswith(str(tmp_path / "config.toml"))
    assert len(refused.splitlines()) == 1


def test_a_typo_in_a_table_or_key_names_file_line_and_the_nearest_key(tmp_path: Path) -> None:
    """Finding 4: ``[printers.lable]`` and ``ulr = …`` were ignored, and the labels went
    to the preview printer. Now each is a line naming where it is and what was meant."""
    path = tmp_path / "config.toml"
    path.write_text(
        'language = "nb"\n'
        "\n"
        "[printers.lable]\n"
        'url = "tcp://192.168.1.50:9100"\n'
        "\n"
        "[printers.receipt]\n"
        'ulr = "tcp://192.168.1.51:9100"\n'
        "colums = 42\n"
        "[shop]\n"
        "# a comment = not a key\n"
        "naem = 'Viverfilm AS'\n"
        "fargeprofil = 'rød'\n"
        "[skrivere]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as failure:
        load_settings(path, environ={})
    assert failure.value.message.splitlines() == [
        f"{path}, linje 3: ukjent tabell [printers.lable] — mente du [printers.label]?",
        f"{path}, linje 7: ukjent nøkkel «ulr» i [printers.receipt] — mente du «url»?",
        f"{path}, linje 8: ukjent nøkkel «colums» i [printers.receipt] — mente du «columns»?",
        f"{path}, linje 11: ukjent nøkkel «naem» i [shop] — mente du «name»?",
        f"{path}, linje 12: ukjent nøkkel «fargeprofil» i [shop] (gyldige: contact, name)",
        f"{path}, linje 13: ukjent tabell [skrivere] (gyldige: companies, database, "
        "default_company, documents, idle_lock_minutes, language, mail, media, media_kinds, "
        "printers, production_outcomes, products, shop, signin_staff_list, terminal)",
    ]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        # The connection layer's own words (printing/connection.py parse_url)
        ("tpc://192.168.1.50:9100", "ukjent type «tpc» (mente du «tcp»?)"),
        ("tcp://192.168.1.50:401190", "porten 401190 er utenfor 1–65535"),
        ("tcp://", "«tcp://»: mangler vertsnavn eller IP-adresse"),
        ("usb://epson", "en USB-adresse er leverandør:produkt i heksadesimal"),
        ("", "må være en skriveradresse, eller «preview», ikke «»"),
    ],
)
def test_an_invalid_printer_address_is_refused_with_the_connection_layers_words(
    tmp_path: Path, url: str, says: str
) -> None:
    refused = refusal(tmp_path, f'[printers.label]\ncolumns = 32\nurl = "{url}"\n')
    assert refused.startswith(f"{tmp_path / 'config.toml'}, linje 3: «url» i [printers.label]")
    assert says in refused
    refused = refusal(tmp_path, None, {"VIVER_RECEIPT_PRINTER": url or " "})
    assert refused.startswith("VIVER_RECEIPT_PRINTER: «url» i [printers.receipt]")


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {"VIVER_IDLE_LOCK": "5 min"},
            "VIVER_IDLE_LOCK: «idle_lock_minutes» må være et antall minutter (0 = aldri, "
            "høyst 1440), ikke «5 min»",
        ),
        (
            {"VIVER_SPOOL_RETENTION_DAYS": "1.5"},
            "VIVER_SPOOL_RETENTION_DAYS: «spool_retention_days» i [printers] må være et helt "
            "antall dager (0 = behold), ikke «1.5»",
        ),
        (
            {"VIVER_SPOOL_RETENTION_DAYS": "9" * 5000},
            "VIVER_SPOOL_RETENTION_DAYS: «spool_retention_days» i [printers] må være et helt "
            f"antall dager (0 = behold), ikke «{'9' * 39}…»",
        ),
        (
            {"VIVER_LANGUAGE": "sv"},
            "VIVER_LANGUAGE: «language» må være et språk: «nb» eller «en», ikke «sv»",
        ),
        ({"VIVER_LABLE_PRINTER": "tcp://10.0.0.9"}, "VIVER_LABLE_PRINTER: ukjent variabel — "
         "mente du VIVER_LABEL_PRINTER?"),
        ({"VIVER_DATABASE": "mysql://x/y"}, "VIVER_DATABASE: «url» i [database]: Ukjent "
         "database-adresse «mysql://x/y». Bruk sqlite:///sti/til/fil.db eller "
         "postgresql://bruker@vert/database."),
    ],
)
def test_variables_are_checked_the_same_way_and_named(
    tmp_path: Path, env: dict[str, str], line: str
) -> None:
    assert refusal(tmp_path, "idle_lock_minutes = 3\n[printers]\nspool_retention_days = 7\n",
                   env) == line


def test_a_wrong_value_in_the_file_is_reported_while_a_variable_overrides_it(
    tmp_path: Path,
) -> None:
    assert refusal(tmp_path, 'language = "sv"\n', {"VIVER_LANGUAGE": "en"}) == (
        f"{tmp_path / 'config.toml'}, linje 1: «language» må være et språk: «nb» eller «en», "
        "ikke «sv»"
    )


def test_variables_hold_values_as_the_file_writes_them(tmp_path: Path) -> None:
    env = {
        "VIVER_IDLE_LOCK": "2.5",
        "VIVER_SPOOL_RETENTION_DAYS": "0",
        "VIVER_SHOP_NAME": "1234",  # text stays text
        "VIVER_SPOOL_DIR": "~/spool",
        "VIVER_LABEL_PRINTER": "tcp://127.0.0.1:9100",
        "VIVER_TERMINAL": "",  # empty: as if unset
        "VIVER_TEST_PG": "postgresql://elsewhere/test",  # not a setting, read by the tests
    }
    settings = load_settings(tmp_path / "none.toml", environ=env)
    assert (settings.idle_lock_minutes, settings.spool_retention_days) == (2.5, 0)
    assert settings.shop_name == "1234"
    assert settings.spool_dir == Path("~/spool").expanduser()
    assert settings.label_printer.url == "tcp://127.0.0.1:9100"
    assert settings.label_printer.columns == 32
    assert settings.terminal == Settings().terminal


def test_key_lines_finds_tables_dotted_quoted_and_inline_keys(tmp_path: Path) -> None:
    text = (
        "language = 'nb'\n"  # 1
        "printers.label.url = 'preview'\n"  # 2
        'description = """\n'  # 3
        "fake = 1\n"  # 4: inside a string, not a key
        '"""\n'  # 5
        "[ shop ]\n"  # 6
        '"name" = "X"\n'  # 7
        "[[media_kinds]]\n"  # 8
        "key = 'a'\n"  # 9
        "[[media_kinds]]\n"  # 10
        "key = 'b'\n"  # 11
        "[printers]\n"  # 12
        "receipt = { url = 'preview', ulr = 'x' }\n"  # 13
    )
    lines = key_lines(text)
    assert lines[("language",)] == 1
    assert lines[("printers", "label", "url")] == 2
    assert ("fake",) not in lines
    assert lines[("shop", "name")] == 7
    assert (lines[("media_kinds", 0, "key")], lines[("media_kinds", 1, "key")]) == (9, 11)
    assert lines[("printers", "receipt")] == 13
    refused = refusal(tmp_path, "[printers]\nreceipt = { url = 'preview', ulr = 'x' }\n")
    assert "linje 2: ukjent nøkkel «ulr» i [printers.receipt]" in refused


def test_the_example_file_names_every_setting() -> None:
    """Adding a setting is one place (config.py), and then the example documents it."""
    example = EXAMPLE.read_text(encoding="utf-8")
    missing = [
        ".".join(map(str, key))
        for key in setting_keys(Settings)
        if not re.search(rf"^#? ?{re.escape(str(key[-1]))} = ", example, re.MULTILINE)
    ]
    assert missing == []


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
        (
            '[companies.viverfilm]\norgnr = "988077917"',
            "linje 2: ukjent nøkkel «orgnr» i [companies.viverfilm] — mente du «org_number»?",
        ),
        ('[companies.viverfilm]\ninvoice_days = "14"', "helt antall dager"),
        ('default_company = "ukjent"', "default_company"),
        ('[documents]\ncredit_notes = "egen"', "credit_notes"),
        ('[[products]]\nkey = "x"\nname = "X"\nprice = "-1"', "«price» i [[products]] nr. 1 må"),
    ],
)
def test_a_company_or_product_that_is_wrong_is_refused_clearly(
    tmp_path: Path, toml: str, expected: str
) -> None:
    assert expected in refusal(tmp_path, toml + "\n")
