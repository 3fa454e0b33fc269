"""eligibility exits: a count per form, exit and day, and the exits a draft already counted

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 20:00:00

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "exit_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_slug", sa.String(length=64), nullable=False),
        sa.Column("exit_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("form_slug", "exit_id", "day", name="uq_exit_counts_form_exit_day"),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "exits_counted",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("exits_counted")
    op.drop_table("exit_counts")
