"""PostgreSQL: what the app's role may do — everything the counter needs, but never
change or delete the access log.

Two roles (docs/operations.md): an **owner**, which owns the schema and its tables and
runs ``viver init`` (creating and upgrading them), and the **app's role**, which every
terminal signs in with. ``viver init --app-role NAME``, run as the owner, grants NAME
the privileges below and remembers NAME (``schema_info.app_role``), so every later
``viver init`` — an upgrade that may add tables — grants them again.

The app's role gets SELECT, INSERT, UPDATE and DELETE on the tables, except:
``audit_event`` and ``audit_list_member`` SELECT and INSERT only (the log is
append-only: no UPDATE, DELETE or TRUNCATE), ``audit_chain_head`` SELECT and UPDATE
(an append moves the head; it is never deleted or made anew), ``schema_info`` SELECT
(the schema is the owner's). Its sequences: USAGE and SELECT. Nobody else may create
objects in the schema.

Nothing in the app deletes or updates a log entry: erasure leaves the log as it is
(entries name customers by number, never by name) and purging keeps it.
"""

from __future__ import annotations

import peewee

from viver_tui.db import is_sqlite, writing
from viver_tui.errors import DatabaseError
from viver_tui.locale import t
from viver_tui.models import MODELS, SchemaInfo

APP_ROLE_KEY = "app_role"
ALL = ("SELECT", "INSERT", "UPDATE", "DELETE")
# What the app's role may do to these tables; every other table: ALL.
RESTRICTED = {
    "audit_event": ("SELECT", "INSERT"),
    "audit_chain_head": ("SELECT", "UPDATE"),
    "audit_list_member": ("SELECT", "INSERT"),
    "schema_info": ("SELECT",),
}


def quote(name: str) -> str:
    """An SQL identifier, quoted (a role or schema name as given)."""
    return '"' + name.replace('"', '""') + '"'


def grant_statements(role: str, schema: str) -> list[str]:
    """The statements that give ``role`` exactly the app's privileges in ``schema``
    (what it had before is taken away first, so running them again is harmless)."""
    who, where = quote(role), quote(schema)
    statements = [
        f"REVOKE CREATE ON SCHEMA {where} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {where} TO {who}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {where} FROM {who}",
    ]
    for model in MODELS:
        table = model._meta.table_name
        privileges = ", ".join(RESTRICTED.get(table, ALL))
        statements.append(f"GRANT {privileges} ON {where}.{quote(table)} TO {who}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {where} TO {who}")
    return statements


def remembered_role(db: peewee.Database) -> str | None:
    row = SchemaInfo.get_or_none(SchemaInfo.key == APP_ROLE_KEY)
    return row.value if row else None


def grant_app_role(db: peewee.Database, role: str | None = None) -> str | None:
    """Grant the app's role its privileges (``role``, or the one remembered from an
    earlier ``viver init --app-role``) and remember it; the role granted, or None when
    there is none. Run as the owner of the tables. DatabaseError in one line if the
    role does not exist or this login may not grant."""
    if is_sqlite(db):
        if role:
            raise DatabaseError(t("roles.sqlite"))
        return None
    try:
        with writing(db):
            role = role or remembered_role(db)
            if not role:
                return None
            schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
            # PostgreSQL only warns when someone else's tables are granted on: check.
            foreign = db.execute_sql(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r' "
                "AND NOT pg_has_role(current_user, c.relowner, 'USAGE') ORDER BY 1 LIMIT 1",
                (schema,),
            ).fetchone()
            if foreign is not None:
                raise DatabaseError(
                    t("roles.failed", role=role, error=t("roles.not_owner", table=foreign[0]))
                )
            for statement in grant_statements(role, schema):
                db.execute_sql(statement)
            SchemaInfo.insert(key=APP_ROLE_KEY, value=role).on_conflict(
                conflict_target=[SchemaInfo.key], update={SchemaInfo.value: role}
            ).execute()
    except peewee.DatabaseError as exc:
        lines = str(exc).strip().splitlines()
        raise DatabaseError(
            t("roles.failed", role=role, error=lines[0] if lines else type(exc).__name__)
        ) from exc
    return role
