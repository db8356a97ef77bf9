"""A terminal doing whole intakes in a loop, for the tests that kill it or back up under
it: ``python -m tests.intake_loop URL CUSTOMER_ID [COUNT]`` (COUNT 0: until killed).

Each step is announced on stdout (flushed) *before* it runs — ``open``, ``medium``,
``confirm`` — and ``confirmed <number>`` after the commit, so a test can kill it at a
chosen step (mid-transaction, as a power cut or kill -9 would) and knows which orders
were reported confirmed.
"""

from __future__ import annotations

import sys

from viver_tui.config import DEFAULT_MEDIA_KINDS
from viver_tui.services import intake
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.store import open_database

MEDIA_PER_ORDER = 2
PRINTS_PER_ORDER = MEDIA_PER_ORDER + 2  # a label per medium, the order form, the receipt


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(url: str, customer_id: int, count: int) -> None:
    db = open_database(url)
    say("ready")
    done = 0
    while count == 0 or done < count:
        say("open")
        order = intake.open_order(db, customer_id, "kill")
        for n in range(MEDIA_PER_ORDER):
            say("medium")
            intake.add_medium(
                db, order.id, MediumInput("vhs", f"Kassett {n + 1}"), DEFAULT_MEDIA_KINDS, "kill"
            )
        say("confirm")
        intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "kill")
        say(f"confirmed {order.number}")
        done += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
