"""Steps of Stap 1 (``stap1_koppeling_aanvragen.feature``): the beheerder opens Beheer → Koppelen
met LAS, clicks [Verwijder nummers] and [Aanvragen] (H-S1-01..05), through the Boom driver."""

from __future__ import annotations

from pytest_bdd import given, then, when
from sqlalchemy import select
from wereld import Wereld

from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.store import Groep, Leerling
from steps.boom_school import toetsgegevens
from steps.patronen import stap


def aanvragen(wereld: Wereld, email: str, type_koppeling: str) -> None:
    """[Aanvragen] with the BRIN and schooljaar the form shows."""
    formulier = wereld.boom_driver.koppelformulier(email)
    wereld.boom_driver.aanvragen(
        email,
        type_koppeling=type_koppeling,
        brincode=formulier.brincode,
        schooljaar=formulier.schooljaar,
    )


# --------------------------------------------------------------------------------------------
# Stel


@given(stap('de aanvraag van "{email}" voor "{type}" is goedgekeurd'))
def _(wereld: Wereld, email: str, type: str) -> None:
    wereld.koppelen.boom  # noqa: B018  (the Boom testcentrum of this scenario exists)
    wereld.boom_driver.nummers_verwijderen(email)
    aanvragen(wereld, email, type)


# --------------------------------------------------------------------------------------------
# Als


@when(stap('"{email}" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt'))
def _(wereld: Wereld, email: str) -> None:
    wereld.koppelen.probeer(lambda: wereld.boom_driver.nummers_verwijderen(email))


@when(stap('"{email}" Beheer → Koppelen met LAS opent'))
def _(wereld: Wereld, email: str) -> None:
    wereld.koppelen.formulier = wereld.koppelen.probeer(
        lambda: wereld.boom_driver.koppelformulier(email)
    )


@when(
    stap(
        '"{email}" op "Aanvragen" klikt met Type koppeling "{type}", BRIN-code "{brin}" '
        'en schooljaar "{schooljaar}"'
    )
)
def _(wereld: Wereld, email: str, type: str, brin: str, schooljaar: str) -> None:
    wereld.koppelen.probeer(
        lambda: wereld.boom_driver.aanvragen(
            email, type_koppeling=type, brincode=brin, schooljaar=schooljaar
        )
    )


# --------------------------------------------------------------------------------------------
# Dan


@then(stap('kan "{email}" in Beheer → Koppelen met LAS op "Verwijder nummers" klikken'))
def _(wereld: Wereld, email: str) -> None:
    wereld.koppelen.probeer(lambda: wereld.boom_driver.nummers_verwijderen(email))
    assert wereld.koppelen.fout is None, wereld.koppelen.fout


@then(stap('kan zij bij "Type koppeling" alleen "{type}" kiezen'))
def _(wereld: Wereld, type: str) -> None:
    formulier = wereld.koppelen.formulier
    assert wereld.koppelen.fout is None and formulier is not None, wereld.koppelen.fout
    assert formulier.typen_koppeling == (type,)


@then(
    stap(
        'toont het formulier BRIN-code "{brin}", vestiging "{vestiging}" en schooljaar "{schooljaar}"'
    )
)
def _(wereld: Wereld, brin: str, vestiging: str, schooljaar: str) -> None:
    f = wereld.koppelen.formulier
    assert wereld.koppelen.fout is None and f is not None, wereld.koppelen.fout
    assert (f.brincode, f.dependancecode, f.schooljaar) == (brin, vestiging, schooljaar)


@then(stap('staat de koppeling van "{naam}" op "{status}" met type "{type}"'))
def _(wereld: Wereld, naam: str, status: str, type: str) -> None:
    school = wereld.koppelen.school(naam)
    with wereld.boom.store.session() as session:
        koppeling = huidige_koppeling(session, school)
    assert koppeling is not None and (koppeling.status.value, koppeling.type) == (status, type)


@then(stap('staat er voor "{naam}" geen aanvraag'))
def _(wereld: Wereld, naam: str) -> None:
    school = wereld.koppelen.school(naam)
    with wereld.boom.store.session() as session:
        assert huidige_koppeling(session, school) is None


@then(stap('zijn alle externe nummers van leerlingen en groepen van "{naam}" leeg'))
def _(wereld: Wereld, naam: str) -> None:
    school_id = wereld.koppelen.school(naam).id
    with wereld.boom.store.session() as session:
        leerlingen = session.scalars(select(Leerling).where(Leerling.school_id == school_id)).all()
        groepen = session.scalars(select(Groep).where(Groep.school_id == school_id)).all()
        assert leerlingen and groepen
        assert all(lln.extern_nummer is None and lln.eckid is None for lln in leerlingen)
        assert all(g.extern_nummer is None for g in groepen)


@then(stap("zijn de toetsgegevens precies zoals ze waren"))
def _(wereld: Wereld) -> None:
    assert toetsgegevens(wereld) == wereld.koppelen.toetsgegevens
