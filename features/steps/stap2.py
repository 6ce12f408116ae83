"""Steps of Stap 2 (``esis_stap2.feature``): the school activates Boom testcentrum in ESIS.

The user works ESIS's koppeling screen through the ESIS driver; what the screen refuses is kept in
the world (:class:`~wereld.scherm.SchermDeel`). Whether a key works is then asked over UWLR, as
Boom testcentrum would.
"""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, then, when
from wereld import Wereld

from mock_esis.testing.handle import MockEsisHandle
from steps.patronen import stap
from uwlr.models import LeerlinggegevensAntwoord

#: Seed of the first school of the ESIS-screen scenarios; the next get 41, 42, ...
SEED = 40


# --------------------------------------------------------------------------------------------
# Stel


@given(stap('in de nep-ESIS staan de scholen "{eerste}" en "{tweede}"'))
def _(
    wereld: Wereld, mock_esis_factory: Callable[..., MockEsisHandle], eerste: str, tweede: str
) -> None:
    esis = mock_esis_factory(seed=SEED, schools=1, students_per_group=6)
    esis.admin.reset()
    for i, code in enumerate((eerste, tweede)):
        esis.admin.seed(seed=SEED + i, brincode=code[:4], dependancecode=code[4:] or "00")
    wereld.esis = esis


@given(stap('de directie van "{code}" heeft de koppeling Boom testcentrum geactiveerd'))
def _(wereld: Wereld, code: str) -> None:
    directie = wereld.scherm.gebruiker(code, "Directie")
    sleutel = wereld.esis_driver.activeren(
        code, directie, f"{code}-boomtestcentrum-2026", akkoord=True
    )
    wereld.scherm.sleutels.append(sleutel)


# --------------------------------------------------------------------------------------------
# Als


def _activeren(wereld: Wereld, rol: str, code: str, verificatiecode: str, akkoord: bool) -> None:
    scherm = wereld.scherm
    gebruiker = scherm.gebruiker(code, rol)
    getoond = scherm.probeer(
        lambda: wereld.esis_driver.activeren(code, gebruiker, verificatiecode, akkoord=akkoord)
    )
    scherm.getoond = getoond or ""
    if getoond:
        scherm.sleutels.append(getoond)


@when(
    stap(
        'de gebruiker met rol "{rol}" van "{code}" de koppeling activeert met verificatiecode '
        '"{verificatiecode}" {akkoord}'
    )
)
def _(wereld: Wereld, rol: str, code: str, verificatiecode: str, akkoord: str) -> None:
    assert akkoord in ("en akkoord", "zonder akkoord")
    _activeren(wereld, rol, code, verificatiecode, akkoord == "en akkoord")


@when(
    stap(
        'de gebruiker met rol "{rol}" van "{code}" de koppeling activeert met een verificatiecode '
        "van {lengte:d} tekens en akkoord"
    )
)
def _(wereld: Wereld, rol: str, code: str, lengte: int) -> None:
    _activeren(wereld, rol, code, (code + "1234567890abcdefghij" * 3)[:lengte], True)


@when(stap('de gebruiker met rol "{rol}" van "{code}" de koppeling deactiveert'))
def _(wereld: Wereld, rol: str, code: str) -> None:
    wereld.esis_driver.deactiveren(code, wereld.scherm.gebruiker(code, rol))


# --------------------------------------------------------------------------------------------
# Dan


@then("toont ESIS een nieuwe autorisatiesleutel")
def _(wereld: Wereld) -> None:
    scherm = wereld.scherm
    assert scherm.weigering is None, scherm.weigering
    assert len(scherm.getoond) >= 43 and "•" not in scherm.getoond  # 256 bits, in full this once


@then(stap('weigert ESIS met status {status:d} en een melding die "{tekst}" noemt'))
def _(wereld: Wereld, status: int, tekst: str) -> None:
    weigering = wereld.scherm.weigering
    assert weigering is not None, "ESIS weigerde niet"
    assert weigering.status == status, weigering
    assert tekst in weigering.melding, weigering.melding


@then(stap('is de koppeling van "{code}" {actief}'))
def _(wereld: Wereld, code: str, actief: str) -> None:
    assert actief in ("actief", "niet actief")
    getoond = wereld.esis_driver.koppeling(code, wereld.scherm.gebruiker(code, "Directie"))
    assert getoond.actief is (actief == "actief")


@then(stap('heeft "{code}" geen werkende sleutel'))
def _(wereld: Wereld, code: str) -> None:
    [school] = [s for s in wereld.esis.admin.state()["scholen"] if s["code"] == code]
    assert school["koppeling"]["autorisatiesleutel"] is None
    assert wereld.scherm.getoond == ""


@then(
    stap('beantwoordt de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met die sleutel')
)
def _(wereld: Wereld, code: str) -> None:
    answer = wereld.scherm.haal(code, wereld.scherm.sleutels[-1])
    assert isinstance(answer, LeerlinggegevensAntwoord), answer
    assert answer.gegevens is not None and answer.gegevens.school.brincode == code[:4]


@then(
    stap(
        'weigert de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met {welke} '
        'met SOAP-fout "{fout}"'
    )
)
def _(wereld: Wereld, code: str, welke: str, fout: str) -> None:
    assert welke in ("die sleutel", "de eerste sleutel")
    key = wereld.scherm.sleutels[-1 if welke == "die sleutel" else 0]
    assert wereld.scherm.haal(code, key) == fout


@then(
    stap(
        'weigert de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met sleutel '
        '"{sleutel}" met SOAP-fout "{fout}"'
    )
)
def _(wereld: Wereld, code: str, sleutel: str, fout: str) -> None:
    assert wereld.scherm.haal(code, sleutel) == fout


@then("verschillen de getoonde sleutels")
def _(wereld: Wereld) -> None:
    sleutels = wereld.scherm.sleutels
    assert len(sleutels) >= 2 and len(set(sleutels)) == len(sleutels)


@then(stap('toont het koppelingsscherm van "{code}" de sleutel niet meer voluit'))
def _(wereld: Wereld, code: str) -> None:
    getoond = wereld.esis_driver.koppeling(code, wereld.scherm.gebruiker(code, "Directie"))
    assert getoond.actief is True
    assert all(key not in getoond.tekst for key in wereld.scherm.sleutels)
    assert getoond.getoonde_sleutel is not None
    assert getoond.getoonde_sleutel.endswith(wereld.scherm.sleutels[-1][-4:])
