"""inbox and outbox: accepted platform requests, undelivered replies

Replaces ``processed_update`` (a dedupe committed before the turn, which lost messages on a
crash). Replies stored before this migration count as delivered.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("bot", sa.String(64), nullable=False),
        sa.Column("update_id", sa.String(128), nullable=False),
        sa.Column("chat", sa.String(128), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("processed_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
        sa.UniqueConstraint("platform", "bot", "update_id", name="uq_inbox_platform_update"),
    )
    op.create_index(
        "ix_inbox_pending", "inbox", ["processed_at", "platform", "chat", "id"], unique=False
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inbox_id", BigId, nullable=True))
        batch_op.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("delivered_at", UTCDateTime(), nullable=True))
        batch_op.create_unique_constraint(op.f("uq_message_inbox_id"), ["inbox_id"])
        batch_op.create_foreign_key(
            op.f("fk_message_inbox_id_inbox"), "inbox", ["inbox_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_message_undelivered", ["direction", "delivered_at"])
    op.execute("UPDATE message SET delivered_at = created_at WHERE direction = 'outbound'")
    op.drop_table("processed_update")


def downgrade() -> None:
    op.create_table(
        "processed_update",
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("update_id", sa.String(128), nullable=False),
        sa.Column("processed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "update_id", name=op.f("pk_processed_update")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("ix_message_undelivered")
        batch_op.drop_constraint(op.f("fk_message_inbox_id_inbox"), type_="foreignkey")
        batch_op.drop_constraint(op.f("uq_message_inbox_id"), type_="unique")
        batch_op.drop_column("delivered_at")
        batch_op.drop_column("payload")
        batch_op.drop_column("inbox_id")
    op.drop_index("ix_inbox_pending", table_name="inbox")
    op.drop_table("inbox")
