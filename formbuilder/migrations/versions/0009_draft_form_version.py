"""drafts keep the definition version they began on (a published draft version does not move them)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 00:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form_version_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_drafts_form_version_id", "form_versions", ["form_version_id"], ["id"])


def downgrade():
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint("fk_drafts_form_version_id", type_="foreignkey")
        batch_op.drop_column("form_version_id")
