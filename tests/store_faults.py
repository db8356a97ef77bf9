"""Real failures of the store, made by the store itself (no mocks): a trigger that
refuses print jobs, so a test can see a transaction fail part-way through."""

from __future__ import annotations

import peewee

from viver_tui.db import is_sqlite


def refuse_print_jobs(db: peewee.Database) -> None:
    """From now on the database refuses every new print_job row ('print queue broken')."""
    with db.connection_context():
        if is_sqlite(db):
            db.execute_sql(
                "CREATE TRIGGER no_prints BEFORE INSERT ON print_job "
                "BEGIN SELECT RAISE(ABORT, 'print queue broken'); END"
            )
        else:
            db.execute_sql(
                "CREATE FUNCTION no_prints() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'print queue broken'; END $$ LANGUAGE plpgsql"
            )
            db.execute_sql(
                "CREATE TRIGGER no_prints BEFORE INSERT ON print_job "
                "FOR EACH ROW EXECUTE FUNCTION no_prints()"
            )
