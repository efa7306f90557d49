"""meetings: advisors' bookable hours, booked meetings, the session log, calendar feeds,
partners and referrals

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# New tables are AUTOINCREMENT on SQLite, as every table since 0010 (ids never reused); a
# table rebuilt by batch mode keeps it only when told.
NEVER_REUSED = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "meeting_hours",
        sa.Column("id", BigId, nullable=False),
        sa.Column("advisor_id", BigId, nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("place_kind", sa.String(16), nullable=False),
        sa.Column("node_id", BigId, nullable=True),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["advisor.id"],
            name=op.f("fk_meeting_hours_advisor_id_advisor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"], ["node.id"], name=op.f("fk_meeting_hours_node_id_node")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_hours")),
        **NEVER_REUSED,
    )
    op.create_index(op.f("ix_meeting_hours_advisor_id"), "meeting_hours", ["advisor_id"])
    op.create_table(
        "meeting",
        sa.Column("id", BigId, nullable=False),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("advisor_id", BigId, nullable=False),
        sa.Column("founder_id", BigId, nullable=True),
        sa.Column("hours_id", BigId, nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("place_kind", sa.String(16), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("slot_key", sa.String(64), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_meeting_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"], ["advisor.id"], name=op.f("fk_meeting_advisor_id_advisor")
        ),
        sa.ForeignKeyConstraint(
            ["founder_id"],
            ["founder.id"],
            name=op.f("fk_meeting_founder_id_founder"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["hours_id"],
            ["meeting_hours.id"],
            name=op.f("fk_meeting_hours_id_meeting_hours"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("uid", name=op.f("uq_meeting_uid")),
        sa.UniqueConstraint("slot_key", name=op.f("uq_meeting_slot_key")),
        **NEVER_REUSED,
    )
    for column in ("case_id", "advisor_id", "founder_id", "starts_at", "status"):
        op.create_index(op.f(f"ix_meeting_{column}"), "meeting", [column])
    op.create_table(
        "advising_session",
        sa.Column("id", BigId, nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("advisor_id", BigId, nullable=False),
        sa.Column("meeting_id", BigId, nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("logged_by", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case.id"],
            name=op.f("fk_advising_session_case_id_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"], ["advisor.id"], name=op.f("fk_advising_session_advisor_id_advisor")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_advising_session_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advising_session")),
        **NEVER_REUSED,
    )
    for column in ("case_id", "advisor_id", "held_on"):
        op.create_index(op.f(f"ix_advising_session_{column}"), "advising_session", [column])
    op.create_table(
        "partner",
        sa.Column("id", BigId, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("what_sv", sa.Text(), nullable=False),
        sa.Column("what_en", sa.Text(), nullable=False),
        sa.Column("website", sa.String(300), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("key", name=op.f("uq_partner_key")),
        **NEVER_REUSED,
    )
    op.create_table(
        "referral",
        sa.Column("id", BigId, nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("partner_id", BigId, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("shares", sa.JSON(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("asked_by", sa.String(64), nullable=True),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_referral_case_id_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_referral_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_referral_token_hash")),
        **NEVER_REUSED,
    )
    for column in ("case_id", "partner_id", "status"):
        op.create_index(op.f(f"ix_referral_{column}"), "referral", [column])
    with op.batch_alter_table("timer", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.add_column(sa.Column("meeting_id", BigId, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_timer_meeting_id_meeting"),
            "meeting",
            ["meeting_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_timer_meeting_id"), ["meeting_id"])
    with op.batch_alter_table("advisor", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.add_column(sa.Column("calendar_token_hash", sa.String(64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_advisor_calendar_token_hash"), ["calendar_token_hash"]
        )


def downgrade() -> None:
    with op.batch_alter_table("advisor", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_advisor_calendar_token_hash"), type_="unique")
        batch_op.drop_column("calendar_token_hash")
    with op.batch_alter_table("timer", table_kwargs=NEVER_REUSED) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timer_meeting_id"))
        batch_op.drop_constraint(batch_op.f("fk_timer_meeting_id_meeting"), type_="foreignkey")
        batch_op.drop_column("meeting_id")
    op.drop_table("referral")
    op.drop_table("partner")
    op.drop_table("advising_session")
    op.drop_table("meeting")
    op.drop_table("meeting_hours")
