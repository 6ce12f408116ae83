"""Import review (Stap 4): import sessions and staged records, the import version, invitations.

Revision ID: 0002_import
Revises: 0001
Create Date: 2026-11-28

Self-contained on purpose: no imports from the application.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_import"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

SESSIE_STATUSSEN = ("review", "verwerkt", "vervangen")
REGEL_SOORTEN = ("groep", "leerkracht", "leerling")
CATEGORIEEN = ("nieuw", "bestaand", "niet_importeren")


def _ts(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(
    table: str, column: str, target: str, *, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _one_of(table: str, column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=op.f(f"ck_{table}_{column}"))


def _index(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "import_stand",
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("laatste_schooljaar", sa.String(9), nullable=True),
        _ts("laatst_verwerkt_at", nullable=True),
        _fk("import_stand", "school_id", "scholen"),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_import_stand")),
    )
    op.create_table(
        "import_sessies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.String(9), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("basis_versie", sa.Integer(), nullable=False),
        sa.Column("gestart_door", sa.String(320), nullable=False),
        _ts("gestart_at", nullable=False),
        sa.Column("verwerkt_door", sa.String(320), nullable=True),
        _ts("verwerkt_at", nullable=True),
        _fk("import_sessies", "school_id", "scholen"),
        _one_of("import_sessies", "status", SESSIE_STATUSSEN),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_sessies")),
    )
    _index("import_sessies", "school_id")
    op.create_table(
        "import_regels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sessie_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(16), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("extern_nummer", sa.String(256), nullable=True),
        sa.Column("eckid", sa.String(256), nullable=True),
        sa.Column("naam", sa.String(100), nullable=True),
        sa.Column("jaargroep", sa.String(2), nullable=True),
        sa.Column("achternaam", sa.String(200), nullable=True),
        sa.Column("voorvoegsel", sa.String(30), nullable=True),
        sa.Column("voorletters", sa.String(30), nullable=True),
        sa.Column("roepnaam", sa.String(100), nullable=True),
        sa.Column("geboortedatum", sa.Date(), nullable=True),
        sa.Column("geslacht", sa.Integer(), nullable=True),
        sa.Column("emailadres", sa.String(320), nullable=True),
        sa.Column("groep_key", sa.String(256), nullable=True),
        sa.Column("groep_keys", sa.Text(), nullable=True),
        sa.Column("categorie", sa.String(16), nullable=False),
        sa.Column("bestaand_id", sa.Integer(), nullable=True),
        sa.Column("match_reden", sa.String(32), nullable=True),
        sa.Column("kandidaten", sa.Text(), nullable=True),
        _fk("import_regels", "sessie_id", "import_sessies", ondelete="CASCADE"),
        _one_of("import_regels", "soort", REGEL_SOORTEN),
        _one_of("import_regels", "categorie", CATEGORIEEN),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_regels")),
    )
    _index("import_regels", "sessie_id")
    op.create_table(
        "uitnodigingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("leerkracht_id", sa.Integer(), nullable=False),
        sa.Column("emailadres", sa.String(320), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        _ts("created_at", nullable=False),
        _ts("expires_at", nullable=False),
        _ts("used_at", nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=True),
        _fk("uitnodigingen", "gebruiker_id", "gebruikers"),
        _fk("uitnodigingen", "leerkracht_id", "leerkrachten"),
        _fk("uitnodigingen", "school_id", "scholen"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitnodigingen")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_uitnodigingen_token_hash")),
    )
    _index("uitnodigingen", "leerkracht_id", "school_id")


def downgrade() -> None:
    for table in ("uitnodigingen", "import_regels", "import_sessies", "import_stand"):
        op.drop_table(table)
