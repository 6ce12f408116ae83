"""Result push: the outbox of results for ESIS.

Revision ID: 0003_resultaten
Revises: 0002_import
Create Date: 2026-11-28

Self-contained on purpose: no imports from the application. One row per administration
(``afname_id`` unique); the two indexes serve the worker's claim (status, due time, order) and the
per-school overview.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_resultaten"
down_revision: str | None = "0002_import"
branch_labels: str | None = None
depends_on: str | None = None

TABLE = "resultaten_outbox"
STATUSSEN = ("wachtend", "verstuurd", "geweigerd")
BRONNEN = ("automatisch", "terugzetten")


def _ts(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _one_of(column: str, values: tuple[str, ...], name: str) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=op.f(f"ck_{TABLE}_{name}"))


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afname_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.String(9), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("bron", sa.String(16), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        _ts("enqueued_at", nullable=False),
        _ts("available_at", nullable=False),
        sa.Column("claim_token", sa.String(64), nullable=True),
        _ts("lease_until", nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("deliveries", sa.Integer(), nullable=False),
        _ts("delivered_at", nullable=True),
        _ts("refused_at", nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
        sa.ForeignKeyConstraint(
            ["afname_id"],
            ["afnames.id"],
            name=op.f(f"fk_{TABLE}_afname_id_afnames"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["scholen.id"], name=op.f(f"fk_{TABLE}_school_id_scholen")
        ),
        sa.UniqueConstraint("afname_id", name=op.f(f"uq_{TABLE}_afname_id")),
        _one_of("status", STATUSSEN, "resultaat_status"),
        _one_of("bron", BRONNEN, "resultaat_bron"),
    )
    op.create_index(
        "ix_resultaten_outbox_wachtrij", TABLE, ["status", "available_at", "id"], unique=False
    )
    op.create_index(
        "ix_resultaten_outbox_school", TABLE, ["school_id", "schooljaar", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_resultaten_outbox_school", table_name=TABLE)
    op.drop_index("ix_resultaten_outbox_wachtrij", table_name=TABLE)
    op.drop_table(TABLE)
