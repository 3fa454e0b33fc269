"""counter mode, resubmission after 要再申請, and the My Number permission

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 20:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("entered_by", sa.String(length=100), nullable=False, server_default=""))
        batch_op.create_foreign_key(
            "fk_submissions_entered_by_id", "staff_accounts", ["entered_by_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resubmits_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_drafts_entered_by_id", "staff_accounts", ["entered_by_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            "fk_drafts_resubmits_id", "submissions", ["resubmits_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("may_unmask", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.drop_column("may_unmask")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_drafts_resubmits_id", type_="foreignkey")
        batch_op.drop_constraint("fk_drafts_entered_by_id", type_="foreignkey")
        batch_op.drop_column("resubmits_id")
        batch_op.drop_column("entered_by_id")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_submissions_entered_by_id", type_="foreignkey")
        batch_op.drop_column("entered_by")
        batch_op.drop_column("entered_by_id")
