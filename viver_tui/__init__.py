"""viver_tui: the counter system of Videoverkstedet AS / Viverfilm AS."""

import os

__version__ = "0.1.0"

# Textual paints at most TEXTUAL_FPS frames a second (default 60) and reads the setting
# once, when it is first imported — hence here, before any screen module. A keystroke
# needs two frames (the typed letter, then the search results), so waiting for the next
# 1/60 s tick was the largest part of typed-to-rendered: p99 about 57 ms at 60, about
# 40 ms at 120 (bench/bench_search.py). Frames are only painted when something changed,
# so an idle counter costs nothing more. An explicit TEXTUAL_FPS still wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
