"""the nodes' events and registrations; timers that are not a case's (event reminders)

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "node_event",
        sa.Column("id", BigId, nullable=False),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("node_id", BigId, nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title_sv", sa.String(120), nullable=False),
        sa.Column("title_en", sa.String(120), nullable=True),
        sa.Column("description_sv", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("registration_open", sa.Boolean(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["node_id"], ["node.id"], name=op.f("fk_node_event_node_id_node")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_node_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_node_event_uid")),
    )
    op.create_index(op.f("ix_node_event_node_id"), "node_event", ["node_id"])
    op.create_index(op.f("ix_node_event_starts_at"), "node_event", ["starts_at"])
    op.create_table(
        "event_registration",
        sa.Column("id", BigId, nullable=False),
        sa.Column("event_id", BigId, nullable=False),
        sa.Column("founder_id", BigId, nullable=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("contact", sa.String(254), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["node_event.id"],
            name=op.f("fk_event_registration_event_id_node_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["founder_id"],
            ["founder.id"],
            name=op.f("fk_event_registration_founder_id_founder"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registration")),
        sa.UniqueConstraint("event_id", "founder_id", name=op.f("uq_event_registration_event_id")),
    )
    op.create_index(op.f("ix_event_registration_event_id"), "event_registration", ["event_id"])
    op.create_index(op.f("ix_event_registration_founder_id"), "event_registration", ["founder_id"])
    with op.batch_alter_table("timer", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=BigId, nullable=True)
        batch_op.add_column(sa.Column("registration_id", BigId, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_timer_registration_id_event_registration"),
            "event_registration",
            ["registration_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_timer_registration_id"), ["registration_id"])
    # The funnel's first milestone for intakes begun before it was recorded (results report).
    op.execute(
        "INSERT INTO audit_log (actor_kind, actor_id, kind, subject, reason, payload, created_at) "
        "SELECT 'founder', NULL, 'intake_started', 'conversation:' || id, NULL, "
        "'{}', created_at FROM conversation"
    )
    op.execute(
        "INSERT INTO audit_log (actor_kind, actor_id, kind, subject, reason, payload, created_at) "
        "SELECT 'founder', NULL, 'intake_submitted', 'conversation:' || conversation_id, NULL, "
        "'{}', created_at FROM \"case\" WHERE conversation_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("timer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timer_registration_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_timer_registration_id_event_registration"), type_="foreignkey"
        )
        batch_op.drop_column("registration_id")
    op.drop_table("event_registration")
    op.drop_table("node_event")
