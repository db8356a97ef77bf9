"""viver_tui: the counter system of Videoverkstedet AS / Viverfilm AS."""

__version__ = "0.1.0"
