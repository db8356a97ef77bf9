"""Run every benchmark, one after the other, with their default (1 M-customer) sizes.

    .venv/bin/python bench/run_all.py            # all of them
    .venv/bin/python bench/run_all.py search pickup

Each prints its own figures (with the machine and its load at the start); this only runs
them in turn and says how long each took. Run it with nothing else on the machine.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = (
    "search", "pickup", "intake_keys", "printing", "commit", "terminals", "erasure", "access_log",
)


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown: {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
        return 2
    failed = []
    for name in names or BENCHES:
        print(f"\n=== bench_{name}.py", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(HERE / f"bench_{name}.py")])
        print(f"=== bench_{name}.py: exit {result.returncode}, "
              f"{time.monotonic() - started:.0f} s", flush=True)
        if result.returncode:
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
