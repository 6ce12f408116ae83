"""The web app over real HTTP (waitress on loopback): login, cookies, IDOR, CSRF, 403, errors,
and ESIS being down while saving the key. No browser needed."""

from __future__ import annotations

import html

from sqlalchemy import select, text
from web_testkit import BEHEERDER, SUPPORT, Bezoeker, WebSchool

from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import AuditEntry, Koppeling, Leerling, School, Store
from boomlink.web.app import SESSIE_COOKIE
from mock_esis.testing.handle import MockEsisHandle


def test_login_sets_a_signed_httponly_samesite_cookie_and_logout_ends_the_session(
    bezoeker: Bezoeker, web_school: WebSchool
) -> None:
    assert bezoeker.get(f"/scholen/{web_school.school_id}/koppelen").status_code == 302
    fout = bezoeker.inloggen(BEHEERDER, "verkeerd-wachtwoord")
    assert fout.status_code == 401
    assert "Het e-mailadres of het wachtwoord klopt niet." in fout.text
    onbekend = bezoeker.inloggen("niemand@example.nl", "verkeerd-wachtwoord")
    assert "Het e-mailadres of het wachtwoord klopt niet." in onbekend.text

    goed = bezoeker.inloggen(BEHEERDER)
    assert goed.status_code == 302
    cookie = next(h for h in goed.headers.get_list("set-cookie") if h.startswith(SESSIE_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    pagina = bezoeker.get(f"/scholen/{web_school.school_id}/koppelen")
    assert pagina.status_code == 200 and "Koppelen met LAS" in pagina.text
    assert pagina.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in pagina.headers["content-security-policy"]

    uit = bezoeker.post("/uitloggen", van=f"/scholen/{web_school.school_id}/koppelen")
    assert uit.status_code == 302
    assert bezoeker.get(f"/scholen/{web_school.school_id}/koppelen").status_code == 302


def test_a_forged_session_cookie_is_not_accepted(bezoeker: Bezoeker, web_school: WebSchool) -> None:
    bezoeker.client.cookies.set(SESSIE_COOKIE, "eyJhY2NvdW50IjoiZzoxIn0.ZZZ.ongeldig")
    assert bezoeker.get(f"/scholen/{web_school.school_id}/koppelen").status_code == 302


def test_a_beheerder_gets_404_for_every_page_and_form_of_another_school(
    ingelogd: Bezoeker, web_school: WebSchool, store: Store
) -> None:
    ander = web_school.ander_school_id
    for pad in (
        f"/scholen/{ander}/koppelen",
        f"/scholen/{ander}/koppelen/nummers-verwijderen",
        f"/scholen/{ander}/koppelen/uitzetten",
        f"/scholen/{ander}/import",
        f"/scholen/{ander}/import/samenvatting",
        f"/scholen/{ander}/resultaten",
        f"/scholen/{ander}/toetsafnames",
    ):
        antwoord = ingelogd.get(pad)
        assert antwoord.status_code == 404, pad
        assert "Pagina niet gevonden" in antwoord.text
    eigen = f"/scholen/{web_school.school_id}/koppelen"
    aanvraag = ingelogd.post(
        f"/scholen/{ander}/koppelen/aanvragen",
        {"type_koppeling": "ESIS UWLR", "brincode": "98ZZ", "schooljaar": huidig_schooljaar()},
        van=eigen,
    )
    assert aanvraag.status_code == 404
    assert ingelogd.post(f"/scholen/{ander}/koppelen/uitzetten", van=eigen).status_code == 404
    assert ingelogd.post(f"/scholen/{ander}/import/verwerken", van=eigen).status_code == 404
    with store.session() as s:
        assert huidige_koppeling(s, s.get_one(School, ander)) is None


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(
    ingelogd: Bezoeker, web_school: WebSchool, store: Store
) -> None:
    with store.session() as s:
        s.add(Leerling(school_id=web_school.school_id, achternaam="Bos", extern_nummer="L1"))
        s.commit()
    pad = f"/scholen/{web_school.school_id}/koppelen/nummers-verwijderen"
    zonder = ingelogd.post_zonder_token(pad)
    assert zonder.status_code == 400
    assert "Dit formulier is verlopen of kwam niet van deze site" in zonder.text
    verkeerd = ingelogd.post_zonder_token(pad, {"csrf_token": "niet-het-goede"})
    assert verkeerd.status_code == 400
    # a login form without the token is refused too
    assert ingelogd.post_zonder_token("/inloggen", {"emailadres": BEHEERDER}).status_code == 400
    with store.session() as s:
        assert s.scalar(select(Leerling.extern_nummer)) == "L1"
    met = ingelogd.post(pad, van=f"/scholen/{web_school.school_id}/koppelen")
    assert met.status_code == 302
    with store.session() as s:
        assert s.scalar(select(Leerling.extern_nummer)) is None


def test_a_beheerder_gets_403_on_the_support_pages(
    ingelogd: Bezoeker, web_school: WebSchool, store: Store
) -> None:
    for pad in ("/support", "/support/voorbereiding", "/support/terugzetten"):
        antwoord = ingelogd.get(pad)
        assert antwoord.status_code == 403, pad
        assert "alleen voor Boom support" in antwoord.text
    eigen = f"/scholen/{web_school.school_id}/koppelen"
    terug = ingelogd.post(
        "/support/terugzetten",
        {"brincode": web_school.code, "schooljaar": "2025-2026", "bevestig": "ja"},
        van=eigen,
    )
    assert terug.status_code == 403
    with store.session() as s:
        acties = list(s.scalars(select(AuditEntry.actie)))
    assert "resultaten terugzetten" not in acties


def test_support_sees_its_pages_and_the_back_fill_needs_the_confirmation(
    bezoeker: Bezoeker, web_school: WebSchool
) -> None:
    assert bezoeker.inloggen(SUPPORT).headers["location"] == "/"
    overzicht = bezoeker.get("/support")
    assert overzicht.status_code == 200 and web_school.naam in html.unescape(overzicht.text)
    zonder = bezoeker.post(
        "/support/terugzetten",
        {"brincode": web_school.code, "schooljaar": "2025-2026"},
        van="/support/terugzetten",
    )
    assert zonder.status_code == 422
    assert 'id="bevestig-fout"' in zonder.text and "er is niets verstuurd" in zonder.text
    # support is no beheerder: a school's link pages stay closed
    assert bezoeker.get(f"/scholen/{web_school.school_id}/koppelen").status_code == 404


def test_unknown_pages_get_a_dutch_404_and_an_unexpected_error_a_dutch_500_with_a_reference(
    ingelogd: Bezoeker, web_school: WebSchool, store: Store
) -> None:
    onbekend = ingelogd.get("/bestaat/niet")
    assert onbekend.status_code == 404 and "Pagina niet gevonden" in onbekend.text
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE resultaten_outbox"))
    kapot = ingelogd.get(f"/scholen/{web_school.school_id}/resultaten")
    assert kapot.status_code == 500
    assert "Er ging iets mis" in kapot.text and "referentienummer" in kapot.text
    assert "Traceback" not in kapot.text and "resultaten_outbox" not in kapot.text


def test_esis_down_during_wijzigingen_opslaan_is_readable_and_nothing_is_saved(
    ingelogd: Bezoeker, web_school: WebSchool, store: Store, esis: MockEsisHandle
) -> None:
    eigen = f"/scholen/{web_school.school_id}/koppelen"
    fout = ingelogd.post(
        eigen + "/aanvragen",
        {"type_koppeling": "ESIS UWLR", "brincode": "11AA", "schooljaar": huidig_schooljaar()},
        van=eigen,
    )
    assert fout.status_code == 422
    assert 'id="brincode-fout"' in fout.text and "niet 11AA" in fout.text
    # afgewezen: a new request with the right data
    goed = ingelogd.post(
        eigen + "/aanvragen",
        {
            "type_koppeling": "ESIS UWLR",
            "brincode": web_school.code,
            "schooljaar": huidig_schooljaar(),
        },
        van=eigen,
    )
    assert goed.status_code == 302
    esis.inject(operation="HaalStructuur", kind="http_status", status=503, count=10)
    sleutel = "GEHEIM-sleutel-123456789"
    antwoord = ingelogd.post(
        eigen + "/opslaan", {"autorisatiesleutel": sleutel, "schoolkey": ""}, van=eigen
    )
    assert antwoord.status_code == 422
    assert "ESIS is nu niet bereikbaar" in antwoord.text
    assert sleutel not in antwoord.text
    with store.session() as s:
        koppeling = s.scalars(select(Koppeling).order_by(Koppeling.id.desc())).first()
        assert koppeling is not None
        assert koppeling.status.value == "goedgekeurd"
        assert koppeling.autorisatiesleutel_versleuteld is None
