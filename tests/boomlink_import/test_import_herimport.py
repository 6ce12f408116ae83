"""H-S3-05, H-X-01: a later import brings ESIS's changes; no pupil is duplicated or lost across a
re-import, a key changed to an eckid, or the school-year rollover."""

from __future__ import annotations

import datetime as dt

from import_testkit import Gekoppeld
from sqlalchemy import func, select

from boomlink.importeren.review import Tab, emailadres_invullen
from boomlink.importeren.rollover import groepen_per_schooljaar
from boomlink.store import Afname, Groep, Leerling, Toets
from boomlink.store.import_models import Categorie


def _vul_emailadressen(g: Gekoppeld) -> None:
    with g.session() as s:
        school, beheerder = g.school(s), g.beheerder(s)
        for regel in g.review().regels(Tab.LEERKRACHTEN):
            if not regel.emailadres and regel.categorie is Categorie.NIEUW:
                emailadres_invullen(s, school, beheerder, regel.id, f"lk{regel.id}@school.nl")


def _eerste_import(g: Gekoppeld, now: dt.datetime | None = None) -> None:
    g.importeren(now=now)
    _vul_emailadressen(g)
    g.verwerken(now=now)


def _leerlingen(g: Gekoppeld) -> dict[str | None, Leerling]:
    with g.session() as s:
        return {p.extern_nummer: p for p in s.scalars(select(Leerling))}


def _met_afname(g: Gekoppeld, leerling_id: int) -> int:
    with g.session() as s:
        toets = Toets(code="REK-M4", naam="Rekenen M4")
        s.add(toets)
        s.flush()
        afname = Afname(
            leerling_id=leerling_id, toets_id=toets.id, afnamedatum=dt.date(2026, 11, 2), score=31
        )
        s.add(afname)
        s.commit()
        return afname.id


def test_reimport_brings_new_changed_departed_and_moved_pupils_and_group_changes(
    gekoppeld: Gekoppeld,
) -> None:
    g, admin, code = gekoppeld, gekoppeld.esis.admin, gekoppeld.code
    _eerste_import(g)
    voor = _leerlingen(g)
    esis = admin.school(code)
    in_g3 = [p for p in esis["leerlingen"] if p.get("groep") == "G0003"]
    vertrekker, wijziger, verhuizer = in_g3[0], in_g3[1], in_g3[2]
    afname_id = _met_afname(g, voor[vertrekker["key"]].id)

    nieuw = admin.add_leerling(
        code,
        achternaam="Yılmaz",
        voorvoegsel=None,
        roepnaam="Elif",
        geboortedatum="2018-02-03",
        groep="G0003",
    )["leerling"]
    admin.update_leerling(code, wijziger["key"], achternaam="Veldhuis", roepnaam="Noor")
    admin.remove_leerling(code, vertrekker["key"])
    admin.move_leerling(code, verhuizer["key"], "G0004")
    admin.rename_groep(code, "G0005", "De Uilen")

    g.importeren()
    review = g.review()
    nieuwe = [r.extern_nummer for r in review.regels(Tab.LEERLINGEN, Categorie.NIEUW)]
    assert nieuwe == [nieuw["key"]]
    assert review.aantal(Tab.LEERLINGEN, Categorie.BESTAAND) == len(voor) - 1
    assert review.aantal(Tab.GROEPEN, Categorie.NIEUW) == 0
    samenvatting = g.samenvatting()
    assert len(samenvatting.vertrokken) == 1
    assert any("Veldhuis" in w for w in samenvatting.wijzigingen)
    assert any("De Uilen" in w for w in samenvatting.wijzigingen)

    verwerkt = g.verwerken()
    assert verwerkt.vertrokken == 1
    na = _leerlingen(g)
    assert set(na) == set(voor) | {nieuw["key"]}
    assert {k: p.id for k, p in na.items() if k in voor} == {k: p.id for k, p in voor.items()}
    assert na[vertrekker["key"]].left_at is not None
    assert na[wijziger["key"]].achternaam == "Veldhuis"
    with g.session() as s:
        assert s.get(Afname, afname_id) is not None
        verhuisd = s.get_one(Leerling, na[verhuizer["key"]].id)
        assert [gr.extern_nummer for gr in verhuisd.groepen] == ["G0004"]
        uilen = s.scalars(select(Groep).where(Groep.extern_nummer == "G0005")).one()
        assert uilen.naam == "De Uilen"
        assert s.scalar(select(func.count(Groep.id))) == len(admin.school(code)["groepen"])


def test_key_changed_to_eckid_keeps_the_same_pupil(gekoppeld: Gekoppeld) -> None:
    g = gekoppeld
    _eerste_import(g)
    voor = _leerlingen(g)
    pupil = next(p for p in g.esis.admin.school(g.code)["leerlingen"] if p.get("eckid"))
    g.esis.admin.leerling_eckid_als_sleutel(g.code, pupil["key"])
    g.importeren()
    regel = next(r for r in g.review().regels(Tab.LEERLINGEN) if r.eckid == pupil["eckid"])
    assert (regel.categorie, regel.reden) == (Categorie.BESTAAND, "eckid")
    assert regel.bestaand_id == voor[pupil["key"]].id
    g.verwerken()
    with g.session() as s:
        assert s.scalar(select(func.count(Leerling.id))) == len(voor)
        assert s.scalar(select(func.count(Leerling.id)).where(Leerling.left_at.is_not(None))) == 0
        zelfde = s.get_one(Leerling, voor[pupil["key"]].id)
        assert zelfde.eckid == pupil["eckid"]


def test_rollover_brings_the_new_years_groups_and_keeps_the_old_as_history(
    gekoppeld: Gekoppeld,
) -> None:
    g, admin = gekoppeld, gekoppeld.esis.admin
    _eerste_import(g)
    oud_jaar = admin.school(g.code)["schooljaar"]
    voor = _leerlingen(g)
    with g.session() as s:
        oude_leden = {
            gr.extern_nummer: sorted(p.id for p in gr.leerlingen)
            for gr in s.scalars(select(Groep).where(Groep.schooljaar == oud_jaar))
        }
    overgang = admin.volgend_schooljaar()
    nu = dt.datetime.fromisoformat(admin.klok()["klok"])
    nieuw_jaar = admin.school(g.code)["schooljaar"]
    assert nieuw_jaar != oud_jaar

    g.importeren(now=nu)
    review = g.review()
    assert review.schooljaar == nieuw_jaar
    assert review.schooljaarwissel is not None and oud_jaar in review.schooljaarwissel
    assert review.aantal(Tab.GROEPEN, Categorie.BESTAAND) == 0
    _vul_emailadressen(g)
    g.verwerken(now=nu)

    na = _leerlingen(g)
    esis_nu = admin.school(g.code)
    doorgaand = {p["key"] for p in esis_nu["leerlingen"]} & set(voor)
    assert doorgaand and all(na[k].id == voor[k].id for k in doorgaand)
    with g.session() as s:
        actief = s.scalar(select(func.count(Leerling.id)).where(Leerling.left_at.is_(None)))
        assert actief == len(esis_nu["leerlingen"])
    # a second import in the new year finds every pupil: nothing new, nothing departed
    g.importeren(now=nu)
    assert g.review().aantal(Tab.LEERLINGEN, Categorie.NIEUW) == 0
    assert g.samenvatting().vertrokken == []
    assert g.review().aantal(Tab.GROEPEN, Categorie.BESTAAND) == len(esis_nu["groepen"])
    vertrokken = set(voor) - {p["key"] for p in esis_nu["leerlingen"]}
    assert vertrokken and all(na[k].left_at is not None for k in vertrokken)
    with g.session() as s:
        per_jaar = groepen_per_schooljaar(s, g.school(s))
        assert set(per_jaar) == {oud_jaar, nieuw_jaar}
        assert {
            gr.extern_nummer: sorted(p.id for p in gr.leerlingen) for gr in per_jaar[oud_jaar]
        } == oude_leden
        nieuwe_groepen = {gr.extern_nummer: gr.naam for gr in per_jaar[nieuw_jaar]}
        assert nieuwe_groepen == {gr["key"]: gr["naam"] for gr in esis_nu["groepen"]}
    assert overgang
