"""Stap 3 storage (H-S3-02/03): the autorisatiesleutel is verified, encrypted at rest, shown
masked, never logged; switching the link off forgets it (H-X-03)."""

from __future__ import annotations

import datetime as dt
import logging
import stat
from pathlib import Path

import pytest
from boomlink_testkit import SchoolOpzet
from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.config import load_settings
from boomlink.crypto import Autorisatiesleutel, kluis_voor
from boomlink.errors import (
    GeenGoedgekeurdeAanvraag,
    GeheimeSleutelOntbreekt,
    KoppelingNietActief,
    OngeldigVeld,
    SleutelbestandOnveilig,
    SleutelGeweigerd,
    SleutelOnleesbaar,
)
from boomlink.koppeling.stap1 import koppeling_aanvragen
from boomlink.koppeling.stap3 import (
    Verificatieverzoek,
    autorisatiesleutel_voor,
    koppeling_opslaan,
    koppeling_status,
    koppeling_uitzetten,
)
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Koppeling, KoppelingStatus, Store, open_store
from uwlr.masking import mask_secret

SLEUTEL = "Pk77881FG-HJ99777737-zeer-geheim-3f9a"
NU = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)


class FakeEsis:
    """Stands in for ESIS answering the verifying UWLR call: accepts exactly one key."""

    def __init__(self, geldige_sleutel: str) -> None:
        self.geldige_sleutel = geldige_sleutel
        self.verzoeken: list[Verificatieverzoek] = []

    def __call__(self, verzoek: Verificatieverzoek) -> None:
        self.verzoeken.append(verzoek)
        if verzoek.autorisatiesleutel.onthul() != self.geldige_sleutel:
            raise SleutelGeweigerd("ESIS kent deze autorisatiesleutel niet.")


@pytest.fixture
def goedgekeurd(session: Session, ingeschakeld: SchoolOpzet) -> SchoolOpzet:
    koppeling_aanvragen(
        session,
        ingeschakeld.school,
        ingeschakeld.beheerder,
        type_koppeling="ESIS UWLR",
        brincode="99QQ",
        schooljaar=huidig_schooljaar(NU),
        now=NU,
    )
    return ingeschakeld


def opslaan(
    session: Session, store: Store, opzet: SchoolOpzet, esis: FakeEsis, **kw: str | None
) -> Koppeling:
    args: dict[str, str | None] = {"autorisatiesleutel": SLEUTEL, "schoolkey": None} | kw
    return koppeling_opslaan(
        session,
        opzet.school,
        opzet.beheerder,
        autorisatiesleutel=args["autorisatiesleutel"] or "",
        schoolkey=args["schoolkey"],
        verify=esis,
        kluis=store.kluis(),
        now=NU,
    )


def database_bytes(store: Store) -> bytes:
    path = store.settings.sqlite_path()
    assert path is not None
    store.engine.dispose()
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def test_mask_shows_only_the_last_four() -> None:
    assert mask_secret("abcdefgh12343f9a") == "••••••••3f9a"
    assert mask_secret("kort") == "••••••••"
    assert mask_secret("") == "••••••••"
    sleutel = Autorisatiesleutel(SLEUTEL)
    assert SLEUTEL not in repr(sleutel) and SLEUTEL not in str(sleutel)
    assert f"{sleutel}" == "••••••••3f9a"
    assert sleutel.masked == "••••••••3f9a"


def test_opslaan_needs_an_approved_request(
    session: Session, store: Store, ingeschakeld: SchoolOpzet
) -> None:
    with pytest.raises(GeenGoedgekeurdeAanvraag) as info:
        opslaan(session, store, ingeschakeld, FakeEsis(SLEUTEL))
    assert "aanvragen" in info.value.bericht


def test_h_s3_03_a_verified_key_is_stored_encrypted_and_the_link_becomes_active(
    session: Session, store: Store, goedgekeurd: SchoolOpzet, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    esis = FakeEsis(SLEUTEL)
    koppeling = opslaan(session, store, goedgekeurd, esis, autorisatiesleutel=f"  {SLEUTEL}\n")
    assert koppeling.status is KoppelingStatus.ACTIEF
    assert koppeling.activated_at == NU
    assert koppeling.autorisatiesleutel_versleuteld is not None
    assert SLEUTEL.encode() not in koppeling.autorisatiesleutel_versleuteld
    assert SLEUTEL not in repr(koppeling)

    (verzoek,) = esis.verzoeken
    assert (verzoek.brincode, verzoek.dependancecode, verzoek.schoolkey) == ("99QQ", "00", None)
    assert verzoek.schooljaar == huidig_schooljaar(NU)
    assert SLEUTEL not in repr(verzoek)

    assert autorisatiesleutel_voor(session, goedgekeurd.school, store.kluis()).onthul() == SLEUTEL
    status = koppeling_status(session, goedgekeurd.school, goedgekeurd.beheerder, store.kluis())
    assert status.autorisatiesleutel == "••••••••3f9a"
    assert status.status == "actief"
    assert SLEUTEL not in repr(status)

    assert SLEUTEL not in caplog.text
    assert SLEUTEL.encode() not in database_bytes(store)


def test_h_s3_02_a_filled_schoolkey_is_used_instead_of_brin(
    session: Session, store: Store, goedgekeurd: SchoolOpzet
) -> None:
    esis = FakeEsis(SLEUTEL)
    koppeling = opslaan(session, store, goedgekeurd, esis, schoolkey="ESIS-SCHOOL-4711")
    assert koppeling.schoolkey == "ESIS-SCHOOL-4711"
    (verzoek,) = esis.verzoeken
    assert (verzoek.brincode, verzoek.dependancecode, verzoek.schoolkey) == (
        None,
        None,
        "ESIS-SCHOOL-4711",
    )


def test_h_s3_03_a_refused_key_is_reported_and_not_stored(
    session: Session, store: Store, goedgekeurd: SchoolOpzet
) -> None:
    with pytest.raises(SleutelGeweigerd) as info:
        opslaan(session, store, goedgekeurd, FakeEsis("een-andere-sleutel"))
    assert "autorisatiesleutel" in info.value.bericht
    assert SLEUTEL not in info.value.bericht
    (koppeling,) = session.scalars(select(Koppeling)).all()
    assert koppeling.status is KoppelingStatus.GOEDGEKEURD
    assert koppeling.autorisatiesleutel_versleuteld is None
    assert SLEUTEL.encode() not in database_bytes(store)


def test_an_empty_or_too_long_key_is_an_invalid_field(
    session: Session, store: Store, goedgekeurd: SchoolOpzet
) -> None:
    esis = FakeEsis(SLEUTEL)
    with pytest.raises(OngeldigVeld) as empty:
        opslaan(session, store, goedgekeurd, esis, autorisatiesleutel="   ")
    assert empty.value.veld == "Autorisatiesleutel"
    with pytest.raises(OngeldigVeld) as long:
        opslaan(session, store, goedgekeurd, esis, autorisatiesleutel="x" * 65)
    assert "64" in long.value.reden
    assert esis.verzoeken == []


def test_h_x_03_uitzetten_forgets_the_key_and_stops_traffic(
    session: Session, store: Store, goedgekeurd: SchoolOpzet
) -> None:
    opslaan(session, store, goedgekeurd, FakeEsis(SLEUTEL), schoolkey="SK-1")
    koppeling = koppeling_uitzetten(session, goedgekeurd.school, goedgekeurd.beheerder, now=NU)
    assert koppeling.status is KoppelingStatus.UIT
    assert koppeling.autorisatiesleutel_versleuteld is None
    assert koppeling.schoolkey is None
    assert koppeling.switched_off_at == NU
    with pytest.raises(KoppelingNietActief) as info:
        autorisatiesleutel_voor(session, goedgekeurd.school, store.kluis())
    assert "niet actief" in info.value.bericht
    assert SLEUTEL.encode() not in database_bytes(store)


def test_key_file_is_created_next_to_the_database_with_mode_0600(store: Store) -> None:
    store.kluis()
    path = store.settings.key_file()
    database = store.settings.sqlite_path()
    assert path is not None and database is not None and path.parent == database.parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # a second kluis reads the same key: what one encrypts, the other decrypts
    token = store.kluis().versleutel(Autorisatiesleutel(SLEUTEL))
    assert kluis_voor(store.settings).ontsleutel(token).onthul() == SLEUTEL


def test_secret_key_from_environment_and_wrong_key_is_reported(
    tmp_path: Path, env: dict[str, str]
) -> None:
    env = env | {"BOOMLINK_SECRET_KEY": Fernet.generate_key().decode()}
    settings = load_settings(environ=env)
    token = kluis_voor(settings).versleutel(Autorisatiesleutel(SLEUTEL))
    assert settings.key_file() is None
    assert not list(tmp_path.glob("*.key"))
    other = load_settings(environ=env | {"BOOMLINK_SECRET_KEY": Fernet.generate_key().decode()})
    with pytest.raises(SleutelOnleesbaar) as info:
        kluis_voor(other).ontsleutel(token)
    assert "BOOMLINK_SECRET_KEY" in info.value.bericht
    assert settings.secret_key is not None and settings.secret_key not in repr(settings)


def test_postgresql_without_secret_key_is_refused(tmp_path: Path) -> None:
    settings = load_settings(db="postgresql+psycopg://u@db.invalid/boom", environ={})
    with pytest.raises(GeheimeSleutelOntbreekt) as info:
        kluis_voor(settings)
    assert "BOOMLINK_SECRET_KEY" in info.value.bericht


def test_group_readable_key_file_is_refused(env: dict[str, str]) -> None:
    settings = load_settings(environ=env)
    with open_store(settings) as store:
        store.kluis()
    path = settings.key_file()
    assert path is not None
    path.chmod(0o644)
    with pytest.raises(SleutelbestandOnveilig) as info:
        kluis_voor(settings)
    assert "0600" in info.value.bericht
