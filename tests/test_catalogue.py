"""The string catalogue: bokmål is complete, no two areas claim one key,
and the messages of setting up (settings file, database) follow the language."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from viver_tui.config import load_settings
from viver_tui.errors import ConfigError, DatabaseError
from viver_tui.locale import speaking
from viver_tui.locale.catalog import _AREAS
from viver_tui.store import open_database


def test_no_two_areas_define_the_same_key() -> None:
    for language in ("NB", "EN"):
        counts = Counter(key for area in _AREAS for key in getattr(area, language))
        assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("area", _AREAS, ids=lambda a: a.__name__.rsplit(".", 1)[-1])
def test_bokmal_has_every_key_english_has(area: object) -> None:
    # English falls back to bokmål (printed papers, the innsyn document and consent
    # texts are bokmål only, on purpose), so bokmål must be complete.
    assert set(area.EN) <= set(area.NB)  # type: ignore[attr-defined]


def test_the_setting_up_messages_speak_both_languages() -> None:
    from viver_tui.locale.catalog import setup

    assert set(setup.NB) == set(setup.EN)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "må være et antall minutter"), ("en", "must be a number of minutes")],
)
def test_a_bad_settings_file_is_explained_in_the_language_in_use(
    tmp_path: Path, language: str, expected: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('idle_lock_minutes = "lenge"\n', encoding="utf-8")
    with speaking(language), pytest.raises(ConfigError) as failure:
        load_settings(config, environ={})
    assert expected in str(failure.value)
    assert "lenge" in str(failure.value)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "Ukjent database-adresse"), ("en", "Unknown database address")],
)
def test_a_wrong_database_address_is_explained_in_the_language_in_use(
    language: str, expected: str
) -> None:
    with speaking(language), pytest.raises(DatabaseError) as failure:
        open_database("mysql://shop@localhost/viver")
    assert expected in str(failure.value)
