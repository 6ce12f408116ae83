"""Import review (Stap 4): import sessions and staged records.

Revision ID: 0002_import
Revises: 0001
Create Date: 2026-11-28

Self-contained on purpose: no imports from the application.
"""

from __future__ import annotations

revision: str = "0002_import"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
