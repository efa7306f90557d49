"""ids are never reused: SQLite tables rebuilt with AUTOINCREMENT

Without AUTOINCREMENT SQLite hands out max(id) + 1, so the id of the newest row comes back
after that row is deleted: an erased founder's conversation id went to the next founder, and
the audit log's milestones for ``conversation:N`` merged the two intakes. PostgreSQL's
sequences never go back; this revision changes nothing there.

Each table is rebuilt (Alembic's batch mode: a copy with the new definition, the rows, the
indexes), and its triggers (the append-only audit tables') are put back. The rebuild drops
tables that others refer to, so it runs with foreign keys off (``bot.storage.db.upgrade``
turns them off around every SQLite migration and checks them before committing).

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table whose rows have a surrogate integer id.
TABLES = (
    "node",
    "advisor",
    "advisor_absence",
    "founder",
    "channel_identity",
    "conversation",
    "message",
    "case",
    "offer",
    "case_event",
    "audit_log",
    "rebalance_proposal",
    "timer",
    "inbox",
    "staff_account",
    "staff_session",
    "node_event",
    "event_registration",
)


def _rebuild(table: str, autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("PRAGMA foreign_keys")).scalar():
        raise RuntimeError("rebuilding SQLite tables needs foreign keys off (see db.upgrade)")
    triggers = (
        bind.execute(
            sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
            {"t": table},
        )
        .scalars()
        .all()
    )
    with op.batch_alter_table(
        table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
    for sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, autoincrement=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, autoincrement=False)
