"""Result push: the outbox of results for ESIS.

Revision ID: 0003_resultaten
Revises: 0002_import
Create Date: 2026-11-28

Self-contained on purpose: no imports from the application.
"""

from __future__ import annotations

revision: str = "0003_resultaten"
down_revision: str | None = "0002_import"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
