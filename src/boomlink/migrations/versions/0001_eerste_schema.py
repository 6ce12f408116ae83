"""Eerste schema: every table of the Boom store for the UWLR link.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Self-contained on purpose: no imports from the application, so later model changes cannot change
what this revision does. Datetimes are UTC (``DateTime(timezone=True)``; naive UTC on SQLite),
decimals are text (see ``boomlink.store.types``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

ROLLEN = ("beheerder", "leerkracht")
ACCOUNT_STATUSSEN = ("geen_account", "uitgenodigd", "actief", "geblokkeerd")
KOPPELING_STATUSSEN = ("aangevraagd", "goedgekeurd", "afgewezen", "actief", "uit")


def _ts(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


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


def _persoon() -> list[sa.Column[object]]:
    return [
        sa.Column("achternaam", sa.String(200), nullable=True),
        sa.Column("voorvoegsel", sa.String(30), nullable=True),
        sa.Column("voorletters", sa.String(30), nullable=True),
        sa.Column("roepnaam", sa.String(100), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "scholen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("brincode", sa.String(4), nullable=False),
        sa.Column("dependancecode", sa.String(2), nullable=False),
        _ts("created_at", nullable=False),
        _ts("uwlr_enabled_at", nullable=True),
        _pk("scholen"),
        sa.UniqueConstraint(
            "brincode", "dependancecode", name=op.f("uq_scholen_brincode_dependancecode")
        ),
    )
    op.create_table(
        "toetsen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        _pk("toetsen"),
        sa.UniqueConstraint("code", name=op.f("uq_toetsen_code")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _ts("at", nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("actie", sa.String(64), nullable=False),
        sa.Column("uitkomst", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        _fk("audit_log", "school_id", "scholen"),
        _pk("audit_log"),
    )
    _index("audit_log", "school_id")
    op.create_table(
        "groepen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("schooljaar", sa.String(9), nullable=False),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("jaargroep", sa.String(2), nullable=True),
        sa.Column("extern_nummer", sa.String(256), nullable=True),
        _ts("created_at", nullable=False),
        _fk("groepen", "school_id", "scholen"),
        _pk("groepen"),
        sa.UniqueConstraint(
            "school_id", "schooljaar", "naam", name=op.f("uq_groepen_school_id_schooljaar_naam")
        ),
    )
    _index("groepen", "school_id")
    op.create_table(
        "leerkrachten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        *_persoon(),
        sa.Column("emailadres", sa.String(320), nullable=True),
        sa.Column("account_status", sa.String(16), nullable=False),
        sa.Column("extern_nummer", sa.String(256), nullable=True),
        sa.Column("eckid", sa.String(256), nullable=True),
        _ts("created_at", nullable=False),
        _fk("leerkrachten", "school_id", "scholen"),
        _one_of("leerkrachten", "account_status", ACCOUNT_STATUSSEN),
        _pk("leerkrachten"),
    )
    _index("leerkrachten", "school_id")
    op.create_table(
        "leerlingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        *_persoon(),
        sa.Column("geboortedatum", sa.Date(), nullable=True),
        sa.Column("geslacht", sa.Integer(), nullable=True),
        sa.Column("jaargroep", sa.String(2), nullable=True),
        sa.Column("extern_nummer", sa.String(256), nullable=True),
        sa.Column("eckid", sa.String(256), nullable=True),
        _ts("created_at", nullable=False),
        _ts("left_at", nullable=True),
        _fk("leerlingen", "school_id", "scholen"),
        _pk("leerlingen"),
    )
    _index("leerlingen", "school_id")
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("soort", sa.String(32), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("sent_at", nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        _fk("mail_outbox", "school_id", "scholen"),
        _pk("mail_outbox"),
    )
    _index("mail_outbox", "school_id", "sent_at", "soort")
    op.create_table(
        "afnames",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Integer(), nullable=False),
        sa.Column("toets_id", sa.Integer(), nullable=False),
        sa.Column("afnamedatum", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        _ts("normed_at", nullable=True),
        sa.Column("vaardigheidsscore", sa.String(40), nullable=True),
        sa.Column("dle", sa.String(40), nullable=True),
        sa.Column("niveau", sa.String(16), nullable=True),
        _fk("afnames", "leerling_id", "leerlingen", ondelete="RESTRICT"),
        _fk("afnames", "toets_id", "toetsen", ondelete="RESTRICT"),
        _pk("afnames"),
    )
    _index("afnames", "leerling_id", "normed_at", "toets_id")
    op.create_table(
        "gebruikers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("emailadres", sa.String(320), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("rol", sa.String(16), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("leerkracht_id", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        _fk("gebruikers", "leerkracht_id", "leerkrachten"),
        _fk("gebruikers", "school_id", "scholen"),
        _one_of("gebruikers", "rol", ROLLEN),
        _pk("gebruikers"),
        sa.UniqueConstraint("emailadres", name=op.f("uq_gebruikers_emailadres")),
    )
    _index("gebruikers", "school_id")
    for table, left, left_target in (
        ("groepslidmaatschappen", "leerling_id", "leerlingen"),
        ("leerkracht_groepen", "leerkracht_id", "leerkrachten"),
    ):
        op.create_table(
            table,
            sa.Column(left, sa.Integer(), nullable=False),
            sa.Column("groep_id", sa.Integer(), nullable=False),
            _fk(table, "groep_id", "groepen", ondelete="CASCADE"),
            _fk(table, left, left_target, ondelete="CASCADE"),
            sa.PrimaryKeyConstraint(left, "groep_id", name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "koppelingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("brincode", sa.String(16), nullable=False),
        sa.Column("dependancecode", sa.String(8), nullable=False),
        sa.Column("schooljaar", sa.String(16), nullable=False),
        sa.Column("afwijzing_veld", sa.String(64), nullable=True),
        sa.Column("afwijzing_reden", sa.Text(), nullable=True),
        sa.Column("autorisatiesleutel_versleuteld", sa.LargeBinary(), nullable=True),
        sa.Column("schoolkey", sa.String(256), nullable=True),
        sa.Column("aangevraagd_door_id", sa.Integer(), nullable=True),
        _ts("requested_at", nullable=False),
        _ts("decided_at", nullable=True),
        _ts("key_saved_at", nullable=True),
        _ts("activated_at", nullable=True),
        _ts("switched_off_at", nullable=True),
        _fk("koppelingen", "aangevraagd_door_id", "gebruikers"),
        _fk("koppelingen", "school_id", "scholen"),
        _one_of("koppelingen", "status", KOPPELING_STATUSSEN),
        _pk("koppelingen"),
    )
    _index("koppelingen", "school_id")


def downgrade() -> None:
    for table in (
        "koppelingen",
        "leerkracht_groepen",
        "groepslidmaatschappen",
        "gebruikers",
        "afnames",
        "mail_outbox",
        "leerlingen",
        "leerkrachten",
        "groepen",
        "audit_log",
        "toetsen",
        "scholen",
    ):
        op.drop_table(table)
