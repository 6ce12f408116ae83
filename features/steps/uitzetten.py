"""Steps of switching the link off (``uitzetten.feature``, H-X-03): in Boom's Koppelen met LAS or in
ESIS's koppeling screen, each through its side's driver."""

from __future__ import annotations

from pytest_bdd import then, when
from wereld import Wereld

from boomlink.koppeling.stap3 import huidige_koppeling
from steps.patronen import stap


@when(stap('"{email}" in Beheer → Koppelen met LAS de koppeling uitzet'))
def _(wereld: Wereld, email: str) -> None:
    wereld.koppelen.probeer(lambda: wereld.boom_driver.koppeling_uitzetten(email))
    assert wereld.koppelen.fout is None, wereld.koppelen.fout


@when(stap('de directie van "{code}" de koppeling Boom testcentrum in ESIS deactiveert'))
def _(wereld: Wereld, code: str) -> None:
    directie = wereld.koppelen.esis.school_by_code(code).gebruiker("Directie")
    wereld.esis_driver.deactiveren(code, directie)


@then(stap('staat de koppeling van "{naam}" op "{status}"'))
def _(wereld: Wereld, naam: str, status: str) -> None:
    school = wereld.koppelen.school(naam)
    with wereld.boom.store.session() as session:
        koppeling = huidige_koppeling(session, school)
    assert koppeling is not None and koppeling.status.value == status
