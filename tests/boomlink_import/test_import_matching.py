"""Matching (H-S4-05/06): extern nummer first, then the person's data, normalised."""

from __future__ import annotations

import datetime as dt

from boomlink.importeren.matching import (
    Kenmerken,
    match_groepen,
    match_leerkrachten,
    match_leerlingen,
)
from boomlink.importeren.normalisatie import achternaam_sleutel, email_sleutel, tekst_sleutel

D = dt.date(2017, 3, 4)


def leerling(
    id_: int | None = None,
    *,
    nummer: str | None = None,
    eckid: str | None = None,
    achternaam: str = "Dijk",
    voorvoegsel: str | None = "van",
    roepnaam: str = "Jan",
    geboortedatum: dt.date | None = D,
) -> Kenmerken:
    return Kenmerken.leerling(
        id=id_,
        extern_nummer=nummer,
        eckid=eckid,
        achternaam=achternaam,
        voorvoegsel=voorvoegsel,
        roepnaam=roepnaam,
        geboortedatum=geboortedatum,
    )


def test_normalisation_folds_case_diacritics_spacing_and_voorvoegsel_placement() -> None:
    same = {
        achternaam_sleutel("Dijk", "van"),
        achternaam_sleutel("van Dijk", None),
        achternaam_sleutel("Dijk, van", None),
        achternaam_sleutel("  DIJK ", "Van"),
        achternaam_sleutel("Dijk", "van  "),
    }
    assert same == {"van dijk"}
    assert achternaam_sleutel("Çelik", None) == achternaam_sleutel("celik", "")
    assert achternaam_sleutel("Hoek", "’t") == achternaam_sleutel("'t Hoek", None)
    assert achternaam_sleutel("Groot", "de") != achternaam_sleutel("Groot", "van")
    assert tekst_sleutel("Zoë  ") == tekst_sleutel("zoe")
    assert email_sleutel(" Juf.Anna@School.NL ") == "juf.anna@school.nl"
    assert email_sleutel(None) == ""


def test_extern_nummer_wins_over_person_data() -> None:
    bestaand = [leerling(1, nummer="A1", achternaam="Anders"), leerling(2, nummer=None)]
    (uit,) = match_leerlingen([leerling(nummer="A1")], bestaand)
    assert (uit.bestaand_id, uit.reden) == (1, "extern nummer")


def test_eckid_matches_a_record_that_lost_its_key() -> None:
    bestaand = [leerling(7, nummer="A1", eckid="https://ketenid.nl/x/1")]
    (uit,) = match_leerlingen([leerling(nummer=None, eckid="https://ketenid.nl/x/1")], bestaand)
    assert (uit.bestaand_id, uit.reden) == (7, "eckid")


def test_person_data_match_is_unique_after_normalisation() -> None:
    bestaand = [leerling(3, achternaam="Dijk", voorvoegsel="van", roepnaam="Jan")]
    inkomend = leerling(nummer="N9", achternaam="van  Dijk", voorvoegsel=None, roepnaam="JAN")
    (uit,) = match_leerlingen([inkomend], bestaand)
    assert (uit.bestaand_id, uit.reden, uit.kandidaten) == (3, "persoonsgegevens", (3,))


def test_roepnaam_breaks_a_tie_and_otherwise_the_candidates_are_listed() -> None:
    bestaand = [leerling(4, roepnaam="Jan"), leerling(5, roepnaam="Piet")]
    (uit,) = match_leerlingen([leerling(nummer="N1", roepnaam="Piet")], bestaand)
    assert uit.bestaand_id == 5
    (uit,) = match_leerlingen([leerling(nummer="N1", roepnaam="Klaas")], bestaand)
    assert uit.bestaand_id is None and uit.kandidaten == (4, 5)


def test_other_birth_date_is_no_match() -> None:
    (uit,) = match_leerlingen(
        [leerling(nummer="N1", geboortedatum=dt.date(2016, 1, 1))], [leerling(4)]
    )
    assert uit.bestaand_id is None and uit.kandidaten == ()


def test_a_record_claimed_by_key_is_no_candidate_and_one_existing_is_never_given_twice() -> None:
    bestaand = [leerling(1, nummer="A1")]
    uit = match_leerlingen([leerling(nummer="A1"), leerling(nummer="B2")], bestaand)
    assert [u.bestaand_id for u in uit] == [1, None]
    # two newcomers with the same data: neither takes the one existing pupil
    uit = match_leerlingen([leerling(nummer="C3"), leerling(nummer="D4")], [leerling(9)])
    assert [u.bestaand_id for u in uit] == [None, None]
    assert [u.kandidaten for u in uit] == [(9,), (9,)]


def test_teachers_match_by_email_then_by_name() -> None:
    bestaand = [
        Kenmerken.leerkracht(
            id=1, achternaam="Vries", voorvoegsel="de", roepnaam="Anna", emailadres="a@x.nl"
        ),
        Kenmerken.leerkracht(id=2, achternaam="Bakker", roepnaam="Bram", emailadres=None),
    ]
    uit = match_leerkrachten(
        [
            Kenmerken.leerkracht(extern_nummer="L1", achternaam="Anders", emailadres="A@X.NL"),
            Kenmerken.leerkracht(extern_nummer="L2", achternaam="bakker", roepnaam="Bram"),
        ],
        bestaand,
    )
    assert [(u.bestaand_id, u.reden) for u in uit] == [
        (1, "e-mailadres"),
        (2, "persoonsgegevens"),
    ]


def test_groups_match_by_name_and_jaargroep() -> None:
    bestaand = [
        Kenmerken.groep(id=1, naam="Groep 4a", jaargroep="4"),
        Kenmerken.groep(id=2, naam="Groep 5", jaargroep="5", extern_nummer="G5"),
    ]
    uit = match_groepen(
        [
            Kenmerken.groep(extern_nummer="G4", naam="groep  4A", jaargroep="4"),
            Kenmerken.groep(extern_nummer="G5", naam="De Uilen", jaargroep="5"),
            Kenmerken.groep(extern_nummer="G6", naam="Groep 4a", jaargroep="5"),
        ],
        bestaand,
    )
    assert [(u.bestaand_id, u.reden) for u in uit] == [
        (1, "naam en jaargroep"),
        (2, "extern nummer"),
        (None, ""),
    ]
