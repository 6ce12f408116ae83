"""Web accounts: a password hash for every Gebruiker, and the Boom support accounts.

Revision ID: 0016_web_accounts
Revises: 0003_resultaten
Create Date: 2026-12-03

Self-contained on purpose: no imports from the application. ``gebruikers.wachtwoord_hash`` is an
argon2id hash (NULL: the user cannot log in to the web screens yet). Boom support is not a user of
a school, so it has its own small table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0016_web_accounts"
down_revision: str | None = "0003_resultaten"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("gebruikers") as batch:
        batch.add_column(sa.Column("wachtwoord_hash", sa.String(length=255), nullable=True))
    op.create_table(
        "support_medewerkers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("emailadres", sa.String(length=320), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_medewerkers")),
        sa.UniqueConstraint("emailadres", name=op.f("uq_support_medewerkers_emailadres")),
    )


def downgrade() -> None:
    op.drop_table("support_medewerkers")
    with op.batch_alter_table("gebruikers") as batch:
        batch.drop_column("wachtwoord_hash")
