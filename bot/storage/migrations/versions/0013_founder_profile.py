"""founder_profile: the optional answers for the funders' equality reporting

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "founder_profile",
        sa.Column("founder_id", BigId, nullable=False),
        sa.Column("gender", sa.String(16), nullable=True),
        sa.Column("age_band", sa.String(16), nullable=True),
        sa.Column("born_abroad", sa.String(16), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["founder_id"],
            ["founder.id"],
            name=op.f("fk_founder_profile_founder_id_founder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("founder_id", name=op.f("pk_founder_profile")),
    )


def downgrade() -> None:
    op.drop_table("founder_profile")
