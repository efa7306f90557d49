"""staff accounts and console sessions

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_account",
        sa.Column("id", BigId, nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("advisor_id", BigId, nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("setup_token_hash", sa.String(64), nullable=True),
        sa.Column("setup_expires_at", UTCDateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisor.id"],
            name=op.f("fk_staff_account_advisor_id_advisor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_account")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_account_email")),
        sa.UniqueConstraint("setup_token_hash", name=op.f("uq_staff_account_setup_token_hash")),
    )
    op.create_index(op.f("ix_staff_account_advisor_id"), "staff_account", ["advisor_id"])
    op.create_table(
        "staff_session",
        sa.Column("id", BigId, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("account_id", BigId, nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_account.id"],
            name=op.f("fk_staff_session_account_id_staff_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_session_token_hash")),
    )
    op.create_index(op.f("ix_staff_session_account_id"), "staff_session", ["account_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_session_account_id"), table_name="staff_session")
    op.drop_table("staff_session")
    op.drop_index(op.f("ix_staff_account_advisor_id"), table_name="staff_account")
    op.drop_table("staff_account")
