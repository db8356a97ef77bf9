"""One exception hierarchy; every error carries a message fit for the counter screen.

Messages are Norwegian bokmål: they reach staff as they are (the CLI prints them on one
line, the app shows them where the problem happened).
"""

from __future__ import annotations


class ViverError(Exception):
    """Base of every error the app expects and can explain to staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(ViverError):
    """The settings file or an environment variable holds something unusable."""


class DatabaseError(ViverError):
    """The database cannot be opened, is locked, or has an unknown schema."""


class DatabaseTooNew(DatabaseError):
    """The database was upgraded by a newer release of viver_tui than this one."""


class ValidationError(ViverError):
    """Input that breaks a rule; ``field`` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FormErrors(ViverError):
    """Several field errors at once: ``errors`` maps field name → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class NotFound(ViverError):
    """The customer, order or medium asked for does not exist."""


class EditConflict(ViverError):
    """A form was saved on data someone else changed after it was opened.

    ``changed`` maps each field whose stored value differs from what this person typed
    to the value now stored (as shown); ``version`` is the version now stored, to save
    again on purpose once they have seen it. Nothing was written.
    """

    def __init__(self, message: str, changed: dict[str, str], version: int) -> None:
        super().__init__(message)
        self.changed = changed
        self.version = version
