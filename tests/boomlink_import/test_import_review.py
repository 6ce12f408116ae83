"""H-S4-01..07: the three tabs × three categories, matching against Boom's data, the actions."""

from __future__ import annotations

import datetime as dt

import pytest
from import_testkit import Gekoppeld

from boomlink.errors import LinkError
from boomlink.importeren.review import (
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    koppelbare_bestaande,
    niet_importeren,
    regel_met_nummer,
    wel_importeren,
)
from boomlink.store import Leerkracht, Leerling
from boomlink.store.import_models import Categorie


def _leerling_in_boom(g: Gekoppeld, **velden: object) -> int:
    with g.session() as s:
        leerling = Leerling(school_id=g.school_id, **velden)
        s.add(leerling)
        s.commit()
        return leerling.id


def _pupil(g: Gekoppeld, key: str) -> dict[str, object]:
    return next(p for p in g.esis.admin.school(g.code)["leerlingen"] if p["key"] == key)


def test_a_boom_pupil_with_the_same_data_is_found_and_linked(gekoppeld: Gekoppeld) -> None:
    esis = gekoppeld.esis.admin.add_leerling(
        gekoppeld.code,
        key="900001",
        achternaam="Dijk",
        voorvoegsel="van",
        roepnaam="Jan",
        geboortedatum="2017-03-04",
        groep="G0003",
    )
    assert esis
    boom_id = _leerling_in_boom(
        gekoppeld, achternaam="van  DIJK", roepnaam="Jan", geboortedatum=dt.date(2017, 3, 4)
    )
    gekoppeld.importeren()
    review = gekoppeld.review()
    (regel,) = [r for r in review.regels(Tab.LEERLINGEN) if r.extern_nummer == "900001"]
    assert regel.categorie is Categorie.BESTAAND
    assert regel.bestaand_id == boom_id and regel.reden == "persoonsgegevens"
    assert regel.gekoppeld_aan == "Jan van  DIJK (04-03-2017)"


def test_ambiguous_pupils_stay_nieuw_with_candidates_and_can_be_linked_by_hand(
    gekoppeld: Gekoppeld,
) -> None:
    gekoppeld.esis.admin.add_leerling(
        gekoppeld.code,
        key="900002",
        achternaam="Bakker",
        voorvoegsel=None,
        roepnaam="Sem",
        geboortedatum="2016-05-06",
        groep="G0005",
    )
    twee = [
        _leerling_in_boom(
            gekoppeld, achternaam="Bakker", roepnaam=naam, geboortedatum=dt.date(2016, 5, 6)
        )
        for naam in ("Semmy", "Sam")
    ]
    gekoppeld.importeren()
    with gekoppeld.session() as s:
        regel_id = regel_met_nummer(s, gekoppeld.school(s), Tab.LEERLINGEN, "900002")
    regel = gekoppeld.review().regel(regel_id)
    assert regel.categorie is Categorie.NIEUW
    assert [k for k, _ in regel.kandidaten] == twee

    with gekoppeld.session() as s:
        gekoppeld_regel = koppel_met_bestaande(
            s, gekoppeld.school(s), gekoppeld.beheerder(s), regel_id, twee[1]
        )
    assert gekoppeld_regel.categorie is Categorie.BESTAAND
    assert gekoppeld_regel.bestaand_id == twee[1] and gekoppeld_regel.reden == "handmatig"
    # the other Boom pupil cannot be taken by a second record of this review
    andere = next(
        r for r in gekoppeld.review().regels(Tab.LEERLINGEN) if r.categorie is Categorie.NIEUW
    )
    with gekoppeld.session() as s, pytest.raises(LinkError) as fout:
        koppel_met_bestaande(s, gekoppeld.school(s), gekoppeld.beheerder(s), andere.id, twee[1])
    assert "al gekoppeld" in fout.value.bericht


def test_any_record_moves_to_niet_importeren_and_back_and_the_review_advises(
    gekoppeld: Gekoppeld,
) -> None:
    gekoppeld.importeren()
    review = gekoppeld.review()
    groep = next(r for r in review.regels(Tab.GROEPEN) if r.naam == "Groep 1/2a")
    leerling = review.regels(Tab.LEERLINGEN)[0]
    assert not review.adviezen
    with gekoppeld.session() as s:
        school, beheerder = gekoppeld.school(s), gekoppeld.beheerder(s)
        niet_importeren(s, school, beheerder, groep.id)
        niet_importeren(s, school, beheerder, leerling.id)
    review = gekoppeld.review()
    assert review.aantal(Tab.GROEPEN, Categorie.NIET_IMPORTEREN) == 1
    assert review.aantal(Tab.LEERLINGEN, Categorie.NIET_IMPORTEREN) == 1
    assert any("groep 1 en 2" in a for a in review.adviezen)
    with gekoppeld.session() as s:
        terug = wel_importeren(s, gekoppeld.school(s), gekoppeld.beheerder(s), groep.id)
    assert terug.categorie is Categorie.NIEUW


def test_a_teacher_without_email_gets_one_in_the_review(gekoppeld: Gekoppeld) -> None:
    gekoppeld.importeren()
    review = gekoppeld.review()
    zonder = [r for r in review.regels(Tab.LEERKRACHTEN) if not r.emailadres]
    assert zonder, "the seeded school has teachers without an e-mail address"
    assert all(r.melding and "e-mailadres" in r.melding for r in zonder)
    with gekoppeld.session() as s:
        school, beheerder = gekoppeld.school(s), gekoppeld.beheerder(s)
        with pytest.raises(LinkError):
            emailadres_invullen(s, school, beheerder, zonder[0].id, "geen-adres")
        regel = emailadres_invullen(s, school, beheerder, zonder[0].id, " Juf.Kim@School.nl ")
    assert regel.emailadres == "juf.kim@school.nl" and regel.melding is None


def test_teacher_matches_by_email_and_group_by_name(gekoppeld: Gekoppeld) -> None:
    leraar = next(
        t
        for t in gekoppeld.esis.admin.school(gekoppeld.code)["leerkrachten"]
        if t.get("emailadres")
    )
    with gekoppeld.session() as s:
        bestaand = Leerkracht(
            school_id=gekoppeld.school_id,
            achternaam="Anders",
            emailadres=leraar["emailadres"].upper(),
        )
        s.add(bestaand)
        s.commit()
        bestaand_id = bestaand.id
    gekoppeld.importeren()
    regel = next(
        r for r in gekoppeld.review().regels(Tab.LEERKRACHTEN) if r.extern_nummer == leraar["key"]
    )
    assert (regel.categorie, regel.bestaand_id, regel.reden) == (
        Categorie.BESTAAND,
        bestaand_id,
        "e-mailadres",
    )


def test_a_later_import_remembers_what_was_left_out(gekoppeld: Gekoppeld) -> None:
    gekoppeld.importeren()
    zonder = [r for r in gekoppeld.review().regels(Tab.LEERKRACHTEN) if not r.emailadres]
    with gekoppeld.session() as s:
        for regel in zonder:
            niet_importeren(s, gekoppeld.school(s), gekoppeld.beheerder(s), regel.id)
    gekoppeld.verwerken()
    gekoppeld.importeren()
    review = gekoppeld.review()
    assert sorted(
        r.extern_nummer or "" for r in review.regels(Tab.LEERKRACHTEN, Categorie.NIET_IMPORTEREN)
    ) == sorted(r.extern_nummer or "" for r in zonder)
    assert review.aantal(Tab.LEERKRACHTEN, Categorie.NIEUW) == 0


def test_koppel_met_bestaande_offers_candidates_first_and_never_a_record_taken_by_another_line(
    gekoppeld: Gekoppeld,
) -> None:
    gekoppeld.esis.admin.add_leerling(
        gekoppeld.code,
        key="900003",
        achternaam="Visser",
        voorvoegsel=None,
        roepnaam="Noor",
        geboortedatum="2016-01-02",
        groep="G0005",
    )
    kandidaten = [
        _leerling_in_boom(
            gekoppeld, achternaam="Visser", roepnaam=naam, geboortedatum=dt.date(2016, 1, 2)
        )
        for naam in ("Noortje", "Nora")
    ]
    anders = _leerling_in_boom(gekoppeld, achternaam="Aalbers", roepnaam="Piet")
    gekoppeld.importeren()
    with gekoppeld.session() as s:
        school, beheerder = gekoppeld.school(s), gekoppeld.beheerder(s)
        regel_id = regel_met_nummer(s, school, Tab.LEERLINGEN, "900003")
        keuzes = koppelbare_bestaande(s, school, beheerder, regel_id)
        assert [k for k, _ in keuzes][:2] == kandidaten and anders in [k for k, _ in keuzes]
        assert [
            k for k, _ in koppelbare_bestaande(s, school, beheerder, regel_id, zoek="aalb")
        ] == [anders]
        andere = next(
            r.id
            for r in gekoppeld.review().regels(Tab.LEERLINGEN)
            if r.id != regel_id and r.categorie is Categorie.NIEUW
        )
        koppel_met_bestaande(s, school, beheerder, andere, anders)
        assert anders not in [k for k, _ in koppelbare_bestaande(s, school, beheerder, regel_id)]
