"""half-done staff sign-ins kept on the server, so a lock or a reset ends them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_pending_sign_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["staff_accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_staff_pending_sign_ins_account_id", "staff_pending_sign_ins", ["account_id"])
    op.create_index("ix_staff_pending_sign_ins_created_at", "staff_pending_sign_ins", ["created_at"])


def downgrade():
    op.drop_index("ix_staff_pending_sign_ins_created_at", table_name="staff_pending_sign_ins")
    op.drop_index("ix_staff_pending_sign_ins_account_id", table_name="staff_pending_sign_ins")
    op.drop_table("staff_pending_sign_ins")
