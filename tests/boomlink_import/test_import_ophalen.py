"""H-S3-04 / H-P-07: "Gegevens importeren" fetches into a review and changes nothing live."""

from __future__ import annotations

import pytest
from import_testkit import Gekoppeld, dump
from sqlalchemy import inspect

from boomlink.errors import GeenBeheerder, KoppelingNietActief
from boomlink.importeren.fouten import EsisOphalenMislukt
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.importeren.review import Tab
from boomlink.koppeling.stap3 import koppeling_uitzetten
from boomlink.store import Gebruiker, Rol, Store
from boomlink.store.import_models import Categorie, ImportSessie, SessieStatus

LIVE = ("groepen", "leerkrachten", "leerlingen", "groepslidmaatschappen", "leerkracht_groepen")


def test_import_tables_exist(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"import_stand", "import_sessies", "import_regels", "uitnodigingen"} <= tables


def test_fetch_stages_groups_teachers_and_pupils_of_the_groups_found(gekoppeld: Gekoppeld) -> None:
    antwoord = gekoppeld.esis.admin.school(gekoppeld.code)
    voor = dump(gekoppeld.store.engine)
    gestart = gekoppeld.importeren()
    na = dump(gekoppeld.store.engine)
    for table in LIVE:
        assert voor[table] == na[table] == []

    stamgroepen = {g["key"] for g in antwoord["groepen"]}
    met_groep = [p for p in antwoord["leerlingen"] if p.get("groep") in stamgroepen]
    docenten = [
        t
        for t in antwoord["leerkrachten"]
        if any(g["soort"] == "groep" and g["key"] in stamgroepen for g in t.get("groepen", []))
    ]
    assert len(docenten) < len(antwoord["leerkrachten"])  # the IB'er of only a subgroup is left out
    review = gekoppeld.review()
    assert review.sessie_id == gestart.sessie_id
    assert review.aantal(Tab.GROEPEN, Categorie.NIEUW) == len(stamgroepen)
    assert review.aantal(Tab.LEERLINGEN, Categorie.NIEUW) == len(met_groep)
    assert review.aantal(Tab.LEERKRACHTEN, Categorie.NIEUW) == len(docenten)
    for tab in Tab:
        assert review.aantal(tab, Categorie.BESTAAND) == 0
        assert review.aantal(tab, Categorie.NIET_IMPORTEREN) == 0
    assert gestart.duur_uwlr > 0 and gestart.duur_matching >= 0


def test_a_second_fetch_replaces_the_open_review(gekoppeld: Gekoppeld) -> None:
    eerste = gekoppeld.importeren()
    tweede = gekoppeld.importeren()
    with gekoppeld.session() as s:
        assert s.get_one(ImportSessie, eerste.sessie_id).status is SessieStatus.VERVANGEN
        assert s.get_one(ImportSessie, tweede.sessie_id).status is SessieStatus.REVIEW


def test_esis_failure_stages_nothing(gekoppeld: Gekoppeld) -> None:
    gekoppeld.esis.inject(operation="HaalLeerlinggegevens", kind="http_status", status=500)
    voor = dump(gekoppeld.store.engine, zonder=("audit_log",))
    with pytest.raises(EsisOphalenMislukt) as fout:
        gekoppeld.importeren()
    assert "ESIS" in fout.value.bericht and "niets" in fout.value.bericht
    assert dump(gekoppeld.store.engine, zonder=("audit_log",)) == voor


def test_only_a_beheerder_of_an_active_link_can_import(gekoppeld: Gekoppeld) -> None:
    with gekoppeld.session() as s:
        school = gekoppeld.school(s)
        leerkracht = Gebruiker(
            emailadres="juf@example.nl", naam="Juf", rol=Rol.LEERKRACHT, school_id=school.id
        )
        s.add(leerkracht)
        s.commit()
        with pytest.raises(GeenBeheerder):
            gegevens_importeren(
                s, school, leerkracht, client_config=gekoppeld.config, kluis=gekoppeld.store.kluis()
            )
        koppeling_uitzetten(s, school, gekoppeld.beheerder(s))
    with pytest.raises(KoppelingNietActief):
        gekoppeld.importeren()
