"""append-only audit: case_event refuses UPDATE and DELETE (but for one redaction), an
audit_log for what is not one case's, rebalancing proposals, chores

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# The one change allowed on an audit row: erasure sets redacted_at (once) and may rewrite
# reason and payload; who, what and when never change.
SAME_EVENT = (
    "NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.actor_kind = OLD.actor_kind "
    "AND NEW.kind = OLD.kind AND NEW.created_at = OLD.created_at "
    "AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL "
    "AND (NEW.actor_id = OLD.actor_id OR (NEW.actor_id IS NULL AND OLD.actor_id IS NULL))"
)


def _sqlite_triggers() -> None:
    for table in ("case_event", "audit_log"):
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
    op.execute(
        "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
        f"WHEN NOT ({SAME_EVENT}) "
        "BEGIN SELECT RAISE(ABORT, 'case_event is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


def _postgres_triggers() -> None:
    op.execute(
        "CREATE FUNCTION spbot_append_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
    )
    same = SAME_EVENT.replace(
        "NEW.actor_id = OLD.actor_id", "NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id"
    )
    op.execute(
        "CREATE FUNCTION spbot_case_event_update() RETURNS trigger AS $$ BEGIN "
        f"IF {same} "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'case_event is append-only'; END $$ LANGUAGE plpgsql"
    )
    for table in ("case_event", "audit_log"):
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION spbot_append_only()"
        )
    op.execute(
        "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event "
        "FOR EACH ROW EXECUTE FUNCTION spbot_case_event_update()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION spbot_append_only()"
    )


def upgrade() -> None:
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redacted_at", UTCDateTime(), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", BigId, nullable=False),
        sa.Column("actor_kind", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(128), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_kind"), "audit_log", ["kind"])
    op.create_index(op.f("ix_audit_log_created_at"), "audit_log", ["created_at"])
    op.create_table(
        "rebalance_proposal",
        sa.Column("id", BigId, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("moves", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("applied_at", UTCDateTime(), nullable=True),
        sa.Column("applied_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebalance_proposal")),
    )
    op.create_table(
        "chore",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("last_run_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_chore")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    for table in ("case_event", "audit_log"):
        op.execute(
            f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table}"
            if op.get_bind().dialect.name == "postgresql"
            else f"DROP TRIGGER IF EXISTS {table}_no_delete"
        )
        op.execute(
            f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}"
            if op.get_bind().dialect.name == "postgresql"
            else f"DROP TRIGGER IF EXISTS {table}_no_update"
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS spbot_append_only()")
        op.execute("DROP FUNCTION IF EXISTS spbot_case_event_update()")
    op.drop_table("chore")
    op.drop_table("rebalance_proposal")
    op.drop_index(op.f("ix_audit_log_created_at"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_kind"), table_name="audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_column("redacted_at")
