"""H-S4-08, H-P-05, H-P-06: the summary, then one transaction; a failure changes nothing and two
commits for one school cannot both apply."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from typing import Any

import pytest
from import_testkit import Gekoppeld, dump
from sqlalchemy import event, func, select

from boomlink.errors import BoomlinkError, LinkError
from boomlink.importeren.fouten import GeenImportInReview, ImportMislukt
from boomlink.importeren.review import Tab, emailadres_invullen
from boomlink.store import AuditEntry, Groep, Leerkracht, Leerling
from boomlink.store.import_models import Categorie


def _vul_emailadressen(g: Gekoppeld) -> None:
    with g.session() as s:
        school, beheerder = g.school(s), g.beheerder(s)
        for regel in g.review().regels(Tab.LEERKRACHTEN):
            if not regel.emailadres:
                emailadres_invullen(s, school, beheerder, regel.id, f"lk{regel.id}@school.nl")


def test_summary_then_commit_fills_every_field(gekoppeld: Gekoppeld) -> None:
    gekoppeld.importeren()
    _vul_emailadressen(gekoppeld)
    samenvatting = gekoppeld.samenvatting()
    esis = gekoppeld.esis.admin.school(gekoppeld.code)
    stam = {g["key"]: g for g in esis["groepen"]}
    leerlingen = [p for p in esis["leerlingen"] if p.get("groep") in stam]
    assert samenvatting.aantallen[Tab.LEERLINGEN][Categorie.NIEUW] == len(leerlingen)
    assert samenvatting.aantallen[Tab.GROEPEN][Categorie.NIEUW] == len(stam)
    assert not samenvatting.blokkades
    assert any("Leerlingen" in regel for regel in samenvatting.regels())

    verwerkt = gekoppeld.verwerken()
    assert verwerkt.aangemaakt[Tab.LEERLINGEN] == len(leerlingen)
    with gekoppeld.session() as s:
        boom = {p.extern_nummer: p for p in s.scalars(select(Leerling))}
        assert set(boom) == {p["key"] for p in leerlingen}
        for p in leerlingen:
            leerling = boom[p["key"]]
            assert leerling.achternaam == p.get("achternaam")
            assert leerling.voorvoegsel == p.get("voorvoegsel")
            assert leerling.voorletters == p.get("voorletters")
            assert leerling.roepnaam == p.get("roepnaam")
            assert leerling.geboortedatum == dt.date.fromisoformat(p["geboortedatum"])
            assert leerling.geslacht == p.get("geslacht")
            assert leerling.jaargroep == p.get("jaargroep")
            assert leerling.eckid == p.get("eckid")
            assert [g.naam for g in leerling.groepen] == [stam[p["groep"]]["naam"]]
        groepen = {g.extern_nummer: g for g in s.scalars(select(Groep))}
        assert {k: (g.naam, g.jaargroep) for k, g in groepen.items()} == {
            k: (g["naam"], g["jaargroep"]) for k, g in stam.items()
        }
        leraren = {t.extern_nummer: t for t in s.scalars(select(Leerkracht))}
        for t in esis["leerkrachten"]:
            keys = {g["key"] for g in t.get("groepen", []) if g["soort"] == "groep"}
            if not keys:
                assert t["key"] not in leraren
                continue
            leraar = leraren[t["key"]]
            assert (leraar.achternaam, leraar.voorvoegsel, leraar.voorletters, leraar.roepnaam) == (
                t.get("achternaam"),
                t.get("voorvoegsel"),
                t.get("voorletters"),
                t.get("roepnaam"),
            )
            assert leraar.emailadres
            assert {g.extern_nummer for g in leraar.groepen} == keys
    with pytest.raises(GeenImportInReview):
        gekoppeld.verwerken()


def test_a_new_teacher_without_email_blocks_the_commit(gekoppeld: Gekoppeld) -> None:
    gekoppeld.importeren()
    assert gekoppeld.samenvatting().blokkades
    voor = dump(gekoppeld.store.engine, zonder=("audit_log",))
    with pytest.raises(LinkError) as fout:
        gekoppeld.verwerken()
    assert "e-mailadres" in fout.value.bericht
    assert dump(gekoppeld.store.engine, zonder=("audit_log",)) == voor


class _Storing:
    """Fails the ``n``-th INSERT into ``tabel`` with a real sqlite3 error."""

    def __init__(self, tabel: str, n: int = 1) -> None:
        self.prefix = f"INSERT INTO {tabel} "
        self.n = n
        self.gezien = 0

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith(self.prefix):
            self.gezien += 1
            if self.gezien == self.n:
                raise sqlite3.OperationalError("disk I/O error (opzettelijk)")


@pytest.mark.parametrize(
    "tabel",
    [
        "groepen",
        "leerkrachten",
        "leerlingen",
        "leerkracht_groepen",
        "groepslidmaatschappen",
        "uitnodigingen",
        "mail_outbox",
    ],
)
def test_a_database_error_midway_leaves_everything_as_it_was(
    gekoppeld: Gekoppeld, tabel: str
) -> None:
    gekoppeld.importeren()
    _vul_emailadressen(gekoppeld)
    voor = dump(gekoppeld.store.engine, zonder=("audit_log",))
    audit_voor = len(dump(gekoppeld.store.engine)["audit_log"])
    storing = _Storing(tabel)
    event.listen(gekoppeld.store.engine, "before_cursor_execute", storing)
    try:
        with pytest.raises(ImportMislukt) as fout:
            gekoppeld.verwerken()
    finally:
        event.remove(gekoppeld.store.engine, "before_cursor_execute", storing)
    assert storing.gezien == 1
    assert "niets veranderd" in fout.value.bericht
    assert dump(gekoppeld.store.engine, zonder=("audit_log",)) == voor
    with gekoppeld.session() as s:
        laatste = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert laatste is not None and laatste.uitkomst == "mislukt"
        assert s.scalar(select(func.count(AuditEntry.id))) == audit_voor + 1
    # the same review can be processed afterwards
    assert gekoppeld.verwerken().aangemaakt[Tab.GROEPEN] > 0


def test_two_concurrent_commits_for_one_school_apply_once(gekoppeld: Gekoppeld) -> None:
    gestart = gekoppeld.importeren()
    _vul_emailadressen(gekoppeld)
    barrier = threading.Barrier(2)
    uitkomsten: list[object] = []

    def commit() -> None:
        barrier.wait()
        try:
            uitkomsten.append(gekoppeld.verwerken(sessie_id=gestart.sessie_id))
        except BoomlinkError as exc:
            uitkomsten.append(exc)

    threads = [threading.Thread(target=commit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    fouten = [u for u in uitkomsten if isinstance(u, BoomlinkError)]
    assert len(uitkomsten) == 2 and len(fouten) == 1, uitkomsten
    assert "al verwerkt" in fouten[0].bericht or "tegelijk" in fouten[0].bericht
    with gekoppeld.session() as s:
        nummers = list(s.scalars(select(Leerling.extern_nummer)))
        assert len(nummers) == len(set(nummers)) > 0


def test_a_review_overtaken_by_another_import_cannot_be_processed(gekoppeld: Gekoppeld) -> None:
    oud = gekoppeld.importeren()
    gekoppeld.importeren()
    _vul_emailadressen(gekoppeld)
    with pytest.raises(GeenImportInReview) as fout:
        gekoppeld.verwerken(sessie_id=oud.sessie_id)
    assert "Gegevens importeren" in fout.value.bericht
