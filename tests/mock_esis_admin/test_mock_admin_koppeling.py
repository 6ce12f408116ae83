"""ESIS screen "Resultatenkoppeling Boom testcentrum": H-S2-01..06, H-X-03, over real HTTP."""

from __future__ import annotations

import httpx
import pytest
from mock_admin_testkit import fault_code, haal, refused

from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import LeerlinggegevensAntwoord


def _code(handle: MockEsisHandle) -> str:
    return handle.school.code


def test_directie_activates_and_gets_a_key_that_works(esis: MockEsisHandle) -> None:
    school = esis.school
    directie = school.gebruiker("Directie")
    before = esis.esis.koppeling(school.code, directie)
    assert before["actief"] is False and before["autorisatiesleutel"] is None
    shown = esis.esis.activeren(school.code, directie, f"{school.code}1234567890abcd")
    key = shown["autorisatiesleutel"]
    assert len(key) >= 43  # 256 random bits, url-safe base64
    assert shown["actief"] is True and shown["geactiveerd_door"] == directie
    assert isinstance(haal(esis, school.code, key=key), LeerlinggegevensAntwoord)
    after = esis.esis.koppeling(school.code, directie)
    assert after["actief"] is True
    assert key not in str(after) and after["autorisatiesleutel"].endswith(key[-4:])


def test_applicatiebeheerder_may_activate_too(esis: MockEsisHandle) -> None:
    school = esis.school
    shown = esis.esis.activeren(
        school.code, school.gebruiker("Applicatiebeheerder"), f"{school.code}-abcdefghijklmnop"
    )
    assert shown["actief"] is True


@pytest.mark.parametrize("rol", ["Leerkracht", "Administratie"])
def test_other_roles_are_refused_naming_the_roles(esis: MockEsisHandle, rol: str) -> None:
    school = esis.school
    error = refused(
        esis.esis.activeren, school.code, school.gebruiker(rol), f"{school.code}1234567890abcd"
    )
    assert error.status == 403
    assert "Directie" in error.fout and "Applicatiebeheerder" in error.fout
    assert esis.admin.state()["scholen"][0]["koppeling"]["actief"] is False


def test_unknown_or_missing_user_is_refused(esis: MockEsisHandle) -> None:
    code = esis.school.code
    assert refused(esis.esis.activeren, code, "niemand", f"{code}1234567890abcd").status == 403
    response = httpx.post(
        f"{esis.base_url}/esis/scholen/{code}/koppelingen/boom-testcentrum/activeren",
        json={"verificatiecode": f"{code}1234567890abcd", "akkoord_voorwaarden": True},
    )
    assert response.status_code == 403 and "gebruiker" in response.json()["fout"]


def test_user_may_be_named_by_display_name(esis: MockEsisHandle) -> None:
    school = esis.school
    naam = next(g["naam"] for g in school.gebruikers if g["rol"] == "Directie")
    assert esis.esis.koppeling(school.code, naam)["school"] == school.code


def test_unknown_school_is_404(esis: MockEsisHandle) -> None:
    assert refused(esis.esis.koppeling, "99ZZ99", "x").status == 404


@pytest.mark.parametrize(
    ("suffix", "rule"),
    [
        ("123", "minimaal 20"),
        ("1234567890" * 5, "maximaal 50"),
    ],
)
def test_verificatiecode_length(esis: MockEsisHandle, suffix: str, rule: str) -> None:
    school = esis.school
    error = refused(
        esis.esis.activeren, school.code, school.gebruiker("Directie"), school.code + suffix
    )
    assert error.status == 422 and rule in error.fout


def test_verificatiecode_of_exactly_20_and_50_is_accepted(esis: MockEsisHandle) -> None:
    school = esis.school
    directie = school.gebruiker("Directie")
    for length in (20, 50):
        code = school.code + "x" * (length - len(school.code))
        assert esis.esis.activeren(school.code, directie, code)["actief"] is True


def test_handbook_example_refused_for_99QQ00_accepted_for_99OI00(esis: MockEsisHandle) -> None:
    esis.admin.reset()
    esis.admin.seed(seed=7, brincode="99QQ", naam="Basisschool Het Voorbeeld")
    esis.admin.seed(seed=8, brincode="99OI", naam="OBS De Handleiding")
    qq, oi = esis.school_by_code("99QQ00"), esis.school_by_code("99OI00")
    example = "99OI001234567890abcd"
    error = refused(esis.esis.activeren, "99QQ00", qq.gebruiker("Directie"), example)
    assert error.status == 422 and "99QQ00" in error.fout and "beginnen met" in error.fout
    assert esis.admin.state()["scholen"][0]["koppeling"]["actief"] is False
    key = esis.esis.activeren("99OI00", oi.gebruiker("Directie"), example)["autorisatiesleutel"]
    assert isinstance(haal(esis, "99OI00", key=key), LeerlinggegevensAntwoord)
    # the key of 99OI00 does not open 99QQ00 (H-S2-06)
    assert fault_code(haal(esis, "99QQ00", key=key)) == "Client.AutorisatieOngeldig"


@pytest.mark.parametrize("akkoord", [False, None])
def test_without_akkoord_nothing_is_saved(esis: MockEsisHandle, akkoord: bool | None) -> None:
    school = esis.school
    response = httpx.post(
        f"{esis.base_url}/esis/scholen/{school.code}/koppelingen/boom-testcentrum/activeren",
        json={
            "gebruiker": school.gebruiker("Directie"),
            "verificatiecode": f"{school.code}1234567890abcd",
            **({} if akkoord is None else {"akkoord_voorwaarden": akkoord}),
        },
    )
    assert response.status_code == 422
    assert "gebruikersvoorwaarden" in response.json()["fout"]
    assert "autorisatiesleutel" not in response.json()
    koppeling = esis.admin.state()["scholen"][0]["koppeling"]
    assert koppeling["actief"] is False and koppeling["autorisatiesleutel"] is None


def test_without_akkoord_an_active_link_keeps_its_key(actief: MockEsisHandle) -> None:
    school = actief.school
    old = school.autorisatiesleutel
    assert old is not None
    refused(
        actief.esis.activeren,
        school.code,
        school.gebruiker("Directie"),
        f"{school.code}1234567890abcd",
        akkoord=False,
    )
    assert isinstance(haal(actief, school.code, key=old), LeerlinggegevensAntwoord)


def test_every_activation_gives_a_new_key_and_revokes_the_previous(esis: MockEsisHandle) -> None:
    school = esis.school
    directie = school.gebruiker("Directie")
    keys = [
        esis.esis.activeren(school.code, directie, f"{school.code}1234567890abc{i}")[
            "autorisatiesleutel"
        ]
        for i in range(5)
    ]
    assert len(set(keys)) == 5
    for old in keys[:-1]:
        assert fault_code(haal(esis, school.code, key=old)) == "Client.AutorisatieOngeldig"
    assert isinstance(haal(esis, school.code, key=keys[-1]), LeerlinggegevensAntwoord)


def test_other_key_is_refused(actief: MockEsisHandle) -> None:
    code = actief.school.code
    assert fault_code(haal(actief, code, key="verzonnen-sleutel-1234")) == (
        "Client.AutorisatieOngeldig"
    )


def test_deactivate_revokes_the_key(actief: MockEsisHandle) -> None:
    school = actief.school
    key = school.autorisatiesleutel
    assert key is not None
    assert isinstance(haal(actief, school.code, key=key), LeerlinggegevensAntwoord)
    shown = actief.esis.deactiveren(school.code, school.gebruiker("Applicatiebeheerder"))
    assert shown["actief"] is False and shown["gedeactiveerd_op"]
    assert fault_code(haal(actief, school.code, key=key)) == "Client.AutorisatieOngeldig"
    assert refused(actief.esis.deactiveren, school.code, school.gebruiker("Directie")).status == 409


def test_only_beheerders_deactivate(actief: MockEsisHandle) -> None:
    school = actief.school
    error = refused(actief.esis.deactiveren, school.code, school.gebruiker("Leerkracht"))
    assert error.status == 403 and "Directie" in error.fout
    assert actief.admin.state()["scholen"][0]["koppeling"]["actief"] is True


def test_wrong_method_is_405(esis: MockEsisHandle) -> None:
    url = f"{esis.base_url}/esis/scholen/{esis.school.code}/koppelingen/boom-testcentrum/activeren"
    response = httpx.get(url)
    assert response.status_code == 405 and "POST" in response.json()["fout"]
