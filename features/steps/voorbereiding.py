"""Steps of the Voorbereiding (``voorbereiding.feature``): Boom support enables the UWLR link for a
school and the beheerder gets the bevestigingsmail (H-P-01..03).

Boom support acts through the Boom driver; sending the mail queue is the system's own job, done
here the way its worker does it.
"""

from __future__ import annotations

import email.header
from email.message import Message

from pytest_bdd import given, parsers, then, when
from wereld import Wereld

from boomlink.mail import flush_outbox, in_wachtrij
from steps.patronen import stap


def _onderwerp(mail: Message) -> str:
    return " ".join(
        str(email.header.make_header(email.header.decode_header(mail["Subject"]))).split()
    )


def _wachtrij_versturen(wereld: Wereld) -> int:
    boom = wereld.koppelen.boom
    verstuurd: int = flush_outbox(boom.store.sessions, boom.settings.mail).verstuurd
    return verstuurd


# --------------------------------------------------------------------------------------------
# Stel


@given(
    stap(
        'Boom heeft de "UWLR-koppeling" ingeschakeld voor "{naam}" en de bevestigingsmail is verstuurd'
    )
)
def _(wereld: Wereld, naam: str) -> None:
    school = wereld.koppelen.school(naam)
    wereld.boom_driver.uwlr_inschakelen(naam, school.brincode + school.dependancecode)
    assert _wachtrij_versturen(wereld) >= 1


@given(stap("de mailserver van Boom is onbereikbaar"))
def _(wereld: Wereld) -> None:
    wereld.koppelen.mailserver.stop()


# --------------------------------------------------------------------------------------------
# Als


@when(stap('Boom de "UWLR-koppeling" inschakelt voor "{naam}" met BRIN "{brin}"'))
def _(wereld: Wereld, naam: str, brin: str) -> None:
    wereld.koppelen.probeer(lambda: wereld.boom_driver.uwlr_inschakelen(naam, brin))
    _wachtrij_versturen(wereld)


@when(stap("de mailserver weer bereikbaar is en Boom de wachtrij verstuurt"))
def _(wereld: Wereld) -> None:
    wereld.koppelen.mailserver.start()
    assert _wachtrij_versturen(wereld) >= 1


# --------------------------------------------------------------------------------------------
# Dan


@then(parsers.re(r'is de UWLR-koppeling (?P<niet>niet )?ingeschakeld voor "(?P<naam>[^"]+)"'))
def _(wereld: Wereld, niet: str | None, naam: str) -> None:
    assert (wereld.koppelen.school(naam).uwlr_enabled_at is None) == bool(niet)


@then(stap('ontvangt "{email}" een bevestigingsmail met onderwerp "{onderwerp}"'))
def _(wereld: Wereld, email: str, onderwerp: str) -> None:
    mails = [m for m in wereld.koppelen.mailserver.inbox.messages if m["To"] == email]
    assert [_onderwerp(m) for m in mails] == [onderwerp]


@then(stap('ontvangt "{email}" geen bevestigingsmail'))
def _(wereld: Wereld, email: str) -> None:
    assert not [m for m in wereld.koppelen.mailserver.inbox.messages if m["To"] == email]


@then(stap('staat de bevestigingsmail voor "{email}" in de wachtrij'))
def _(wereld: Wereld, email: str) -> None:
    with wereld.koppelen.boom.store.session() as session:
        assert [m.recipient for m in in_wachtrij(session)] == [email]
    assert not wereld.koppelen.mailserver.inbox.messages
