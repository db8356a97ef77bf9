"""The production room: scan a medium to move it along, record what came of it, keep
notes for the warranty, and tell the counter when an order is ready (issue 20).

- ``panel``: what the production screen shows of one medium (names, never contact
  details) and the checks every change makes first;
- ``steps``: scan, step forward, undo with a reason;
- ``outcomes``: the outcome from the settings' list, with a note;
- ``actuals``: what was actually done (minutes digitized, photos scanned), which the
  invoice charges instead of the estimate;
- ``notes``: immutable notes on a medium or its order;
- ``ready``: the order becoming ready for pickup (one function) and the counter's list;
- ``workload``: media by state and kind, oldest first.

Every change locks the order row first (``SELECT … FOR UPDATE`` on PostgreSQL, as
``services/pickup.py``; SQLite's ``BEGIN IMMEDIATE`` admits one writer), so two
terminals stepping media of one order run one after the other: every step is recorded
once and the order becomes ready once.
"""
