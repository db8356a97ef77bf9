"""The `viver` command as a shop runs it: a real process, real files, one-line errors."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from viver_tui import migrations


def viver(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.touch()
    environment = {
        **os.environ,
        "VIVER_CONFIG": str(config),
        "VIVER_DATABASE": str(tmp_path / "viver.db"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "viver_tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_help_reads_well(tmp_path: Path) -> None:
    result = viver(tmp_path, "--help")
    assert result.returncode == 0
    for word in ("init", "demo-data", "VIVER_DATABASE", "Uten kommando starter"):
        assert word in result.stdout


def test_init_creates_the_database(tmp_path: Path) -> None:
    result = viver(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    assert f"skjemaversjon {migrations.latest_version()}" in result.stdout
    tables = sqlite3.connect(tmp_path / "viver.db").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    assert {"customer", "order", "media_item"} <= {name for (name,) in tables}


def test_demo_data_fills_with_norwegian_customers(tmp_path: Path) -> None:
    result = viver(tmp_path, "demo-data", "--customers", "300")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(tmp_path / "viver.db")
    assert con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 300
    names = " ".join(n for (n,) in con.execute("SELECT name FROM customer"))
    assert any(letter in names for letter in "æøåÆØÅ")
    assert con.execute(
        "SELECT COUNT(*) FROM customer WHERE phone IS NULL AND email IS NULL"
    ).fetchone()[0] == 0
    phones = [p for (p,) in con.execute("SELECT phone FROM customer WHERE phone IS NOT NULL")]
    assert phones and all(p.startswith("+47") and len(p) == 11 for p in phones)
    assert con.execute("SELECT COUNT(*) FROM 'order'").fetchone()[0] >= 300
    codes = con.execute("SELECT code FROM media_item LIMIT 5").fetchall()
    assert all("-" in code for (code,) in codes)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("init",), {"VIVER_DATABASE": "mongodb://x/y"}, "Ukjent database-adresse"),
        (("init",), {"VIVER_DATABASE": "postgresql://postgres@127.0.0.1:1/x"}, "databaseserveren"),
        (("init",), {"VIVER_LANGUAGE": "de"}, "språk"),
        (("demo-data", "--customers", "-1"), {}, "«-1» er ikke et helt tall fra 0 til"),
        (("demo-data", "--customers", "9" * 5000), {}, "er ikke et helt tall fra 0 til"),
        (("clean-spool", "--days", "1e9"), {}, "«1e9» er ikke et helt tall fra 0 til 36"),
        (("demo-data", "--media-per-order", "inf"), {}, "«inf» er ikke et tall fra 0 til 100"),
        (("customer", "export", "99999999999", "--out", "x"), {}, "fra 1 til 2"),
    ],
)
def test_errors_are_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    result = viver(tmp_path, *args, **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_too_new_database_is_refused_in_one_line(tmp_path: Path) -> None:
    assert viver(tmp_path, "init").returncode == 0
    con = sqlite3.connect(tmp_path / "viver.db")
    too_new = str(migrations.latest_version() + 1)
    con.execute("UPDATE schema_info SET value = ? WHERE key = 'schema_version'", (too_new,))
    con.commit()
    result = viver(tmp_path)  # starting the app
    assert result.returncode == 2
    assert "nyere versjon" in result.stderr
    assert "Traceback" not in result.stderr


# --- databases that fail, fail in one line ------------------------------------------


def damaged(tmp_path: Path, how: str) -> Path:
    """A real viver database (with customers), then damaged the way a disk or a copy
    damages files."""
    assert viver(tmp_path, "demo-data", "--customers", "300").returncode == 0
    path = tmp_path / "viver.db"
    data = path.read_bytes()
    assert not Path(f"{path}-wal").exists()  # checkpointed on close: all in the file
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "header":
        path.write_bytes(b"\x00" * 100 + data[100:])
    elif how == "pages":
        page = int.from_bytes(data[16:18], "big")
        middle = (len(data) // page // 2) * page
        path.write_bytes(data[:middle] + bytes(range(256)) * (page // 256) + data[middle + page :])
    return path


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("how", ["truncated", "header"])
@pytest.mark.parametrize("command", [("init",), ()], ids=["init", "start"])
def test_damaged_file_is_refused_in_one_line_and_left_untouched(
    tmp_path: Path, how: str, command: tuple[str, ...]
) -> None:
    path = damaged(tmp_path, how)
    before = path.read_bytes()
    line = one_line(viver(tmp_path, *command))
    assert str(path) in line
    assert "skadet" in line and "viver restore" in line
    assert path.read_bytes() == before


def test_check_finds_damaged_pages_behind_an_intact_header(tmp_path: Path) -> None:
    path = damaged(tmp_path, "pages")
    before = path.read_bytes()
    result = viver(tmp_path, "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    findings = result.stderr.strip().splitlines()
    assert findings and all(line.startswith("viver: ") for line in findings)
    assert len(findings) <= 21
    assert "feil i databasen" in result.stdout
    assert path.read_bytes() == before


def test_check_says_a_sound_database_is_sound(tmp_path: Path) -> None:
    assert viver(tmp_path, "demo-data", "--customers", "50").returncode == 0
    result = viver(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    from viver_tui.migrations import latest_version

    assert "i orden" in result.stdout
    assert f"skjemaversjon {latest_version()}" in result.stdout


def test_check_reports_a_broken_foreign_key(tmp_path: Path) -> None:
    assert viver(tmp_path, "demo-data", "--customers", "20").returncode == 0
    con = sqlite3.connect(tmp_path / "viver.db")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE media_item SET order_id = 999999 WHERE id = 1")
    con.commit()
    con.close()
    result = viver(tmp_path, "check")
    assert result.returncode == 2
    assert "media_item" in result.stderr and "order" in result.stderr


@pytest.mark.parametrize("command", [("init",), ()], ids=["init", "start"])
def test_read_only_database_is_refused_at_start(tmp_path: Path, command: tuple[str, ...]) -> None:
    assert viver(tmp_path, "init").returncode == 0
    path = tmp_path / "viver.db"
    path.chmod(0o444)
    line = one_line(viver(tmp_path, *command))
    assert "Skrivebeskyttet" in line and str(path) in line
    assert not Path(f"{path}-wal").exists()
    assert not Path(f"{path}-shm").exists()


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    assert viver(tmp_path, "demo-data", "--customers", "30").returncode == 0
    data_home = str(tmp_path / "data-home")
    result = viver(tmp_path, "backup", XDG_DATA_HOME=data_home)
    assert result.returncode == 0, result.stderr
    assert "Sikkerhetskopi skrevet" in result.stdout
    backups = list((tmp_path / "data-home" / "viver_tui" / "backups").glob("viver-*.db"))
    assert len(backups) == 1
    assert re.fullmatch(r"viver-\d{4}-\d\d-\d\d-\d{4}\.db", backups[0].name)
    con = sqlite3.connect(tmp_path / "viver.db")
    con.execute("DELETE FROM customer_search_token")
    con.commit()
    con.close()
    result = viver(tmp_path, "restore", str(backups[0]), XDG_DATA_HOME=data_home)
    assert result.returncode == 0, result.stderr
    assert "lagt tilbake" in result.stdout and "before-restore" in result.stdout
    con = sqlite3.connect(tmp_path / "viver.db")
    assert con.execute("SELECT COUNT(*) FROM customer_search_token").fetchone()[0] > 0
    con.close()
    assert viver(tmp_path, "check").returncode == 0


def test_backup_and_restore_failures_are_one_line(tmp_path: Path) -> None:
    assert viver(tmp_path, "init").returncode == 0
    existing = tmp_path / "taken.db"
    existing.touch()
    assert "finnes allerede" in one_line(viver(tmp_path, "backup", str(existing)))
    assert "Finner ikke" in one_line(viver(tmp_path, "restore", str(tmp_path / "nope.db")))
    assert "kan ikke legges tilbake" in one_line(viver(tmp_path, "restore", str(existing)))


def test_help_lists_the_operations(tmp_path: Path) -> None:
    result = viver(tmp_path, "--help")
    for word in ("check", "backup", "restore"):
        assert word in result.stdout


def test_a_broken_settings_file_is_explained_in_english_when_asked(tmp_path: Path) -> None:
    """The settings file cannot give the language when it is the thing that is broken:
    ``--language`` / ``VIVER_LANGUAGE`` do, and the command line's wins."""
    (tmp_path / "config.toml").write_text('language = "sv"\n', encoding="utf-8")
    config = str(tmp_path / "config.toml")

    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "viver_tui", *args, "init"],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "VIVER_CONFIG": config, **env},
        )

    english = run(VIVER_LANGUAGE="en")
    assert english.returncode == 2
    assert "line 1: “language” must be a language: “nb” or “en”, not “sv”" in english.stderr
    norwegian = run("--language", "nb", VIVER_LANGUAGE="en")
    assert "linje 1: «language» må være et språk: «nb» eller «en», ikke «sv»" in norwegian.stderr


COMMAND_MODULES = ("viver_tui.media_cli", "viver_tui.privacy_cli", "viver_tui.printing.cli")


def _parsed_in_a_fresh_process(*words: str) -> tuple[str, list[str]]:
    """(the command chosen, the subcommand modules imported) for a command line."""
    code = (
        "import sys\nfrom viver_tui.cli import parse_arguments\n"
        f"args = parse_arguments({list(words)!r})\n"
        "print(args.command.__name__)\n"
        f"print(sorted(m for m in {COMMAND_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    command, imported = result.stdout.strip().splitlines()[-2:]
    return command, eval(imported)  # a list of str printed by the child


def test_the_app_start_is_parsed_without_the_subcommands() -> None:
    """#19: building every subcommand's parser (and importing their modules) delayed the
    sign-in screen's first frame; the app's start needs only the global options."""
    assert _parsed_in_a_fresh_process() == ("cmd_run", [])
    assert _parsed_in_a_fresh_process("--database", "x.db", "--language=en") == ("cmd_run", [])
    command, imported = _parsed_in_a_fresh_process("--database", "x.db", "files", "usage")
    assert command != "cmd_run"
    assert imported == sorted(COMMAND_MODULES)


@pytest.mark.parametrize("words", [("-h",), ("--he",), ("--database", "x.db", "--help")])
def test_help_and_its_abbreviations_list_every_command(tmp_path: Path,
                                                       words: tuple[str, ...]) -> None:
    result = viver(tmp_path, *words)
    assert result.returncode == 0, result.stderr
    for command in ("init", "demo-data", "clean-spool", "files", "customer"):
        assert command in result.stdout


def test_an_unknown_option_or_a_missing_value_is_the_full_parsers_error(
    tmp_path: Path,
) -> None:
    unknown = viver(tmp_path, "--database", "x.db", "--bogus")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("viver: ")
    assert "--bogus" in unknown.stderr
    missing = viver(tmp_path, "--database")
    assert missing.returncode == 2
    assert "--database" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
