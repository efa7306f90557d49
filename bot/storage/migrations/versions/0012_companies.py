"""companies: organisation numbers, registration dates, verification; a case's company

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NEVER_REUSED = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "company",
        sa.Column("id", BigId, nullable=False),
        sa.Column("orgnr", sa.String(10), nullable=True),
        sa.Column("personal", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("legal_form", sa.String(32), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("sni", sa.String(8), nullable=True),
        sa.Column("size_class", sa.String(8), nullable=True),
        sa.Column("verified_by", sa.String(16), nullable=True),
        sa.Column("verified_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
        sa.UniqueConstraint("orgnr", name=op.f("uq_company_orgnr")),
        **NEVER_REUSED,
    )
    with op.batch_alter_table("case", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.add_column(sa.Column("company_id", BigId, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_case_company_id_company"),
            "company",
            ["company_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_case_company_id"), ["company_id"])


def downgrade() -> None:
    with op.batch_alter_table("case", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_company_id"))
        batch_op.drop_constraint(batch_op.f("fk_case_company_id_company"), type_="foreignkey")
        batch_op.drop_column("company_id")
    op.drop_table("company")
