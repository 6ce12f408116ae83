"""Tests for the deterministic fake Dutch primary-school generator (:mod:`uwlr.fake`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import TypedDict

import pytest

from uwlr import models
from uwlr.build import build
from uwlr.fake import (
    GEBRUIKERSROLLEN,
    FakeSchool,
    dump_school,
    generate_school,
    generate_schools,
    load_school,
    regenerate,
    render_school,
)
from uwlr.official import OfficialSchemasMissing, official_schemas
from uwlr.validate import validate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"

#: UWLR/EDEXML string lengths (minimum is always 1).
MAX_LENGTHS = {
    "achternaam": 200,
    "voorvoegsel": 10,
    "voornamen": 200,
    "voorletters": 6,
    "roepnaam": 64,
    "emailadres": 256,
    "gebruikersnaam": 64,
    "naam": 64,
    "omschrijving": 256,
    "key": 256,
    "eckid": 256,
}
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "van de",
    "van den",
    "van der",
    "van het",
    "van 't",
    "'t",
    "'s",
    "ter",
    "ten",
    "te",
    "in 't",
    "uit de",
    "uit den",
    "d'",
    "le",
    "la",
    "de la",
}
ECKID = re.compile(r"^https://ketenid\.nl/\d{6}/[0-9a-f]{128}$")
GROUP_NAME = re.compile(r"^Groep (\d(/\d)?[a-z]?|\d t/m \d)$")


@pytest.fixture(scope="module")
def school() -> FakeSchool:
    return generate_school(1)


@pytest.fixture(scope="module")
def tiny() -> FakeSchool:
    return generate_school(5, aantal_groepen=2, students_per_group=1)


@pytest.fixture(scope="module")
def large() -> FakeSchool:
    return generate_school(7, aantal_leerlingen=1000)


def all_pupils(s: FakeSchool) -> list[models.Leerling]:
    return s.leerlinggegevens.leerlingen + s.ongegroepeerde_leerlingen


def all_teachers(s: FakeSchool) -> list[models.Leerkracht]:
    return s.leerlinggegevens.leerkrachten + s.ongegroepeerde_leerkrachten


def start_year(s: FakeSchool) -> int:
    return int(s.schooljaar[:4])


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# ---------------------------------------------------------------------------------------------
# Determinism


def test_same_seed_gives_equal_school() -> None:
    assert generate_school(3) == generate_school(3)
    assert generate_school(3, index=2, aantal_groepen=4) == generate_school(
        3, index=2, aantal_groepen=4
    )


def test_different_seed_or_index_gives_other_school() -> None:
    a, b, c = generate_school(1), generate_school(2), generate_school(1, index=1)
    assert a != b and a != c
    names = {p.roepnaam for p in a.leerlinggegevens.leerlingen}
    assert names != {p.roepnaam for p in b.leerlinggegevens.leerlingen}
    assert a.brincode != c.brincode


def test_generator_never_asks_the_clock() -> None:
    source = "".join(p.read_text("utf-8") for p in (REPO / "src/uwlr/fake").glob("*.py"))
    for forbidden in ("today(", "now(", "utcnow(", "time.time(", "date_of_birth("):
        assert forbidden not in source


def test_dates_follow_the_schooljaar_not_the_clock() -> None:
    a = generate_school(4, schooljaar="2026-2027")
    b = generate_school(4, schooljaar="2030-2031")
    assert a.leerlinggegevens.school.peildatum == dt.date(2026, 10, 1)
    assert b.leerlinggegevens.school.peildatum == dt.date(2030, 10, 1)
    born_a = [p.geboortedatum for p in a.leerlinggegevens.leerlingen]
    born_b = [p.geboortedatum for p in b.leerlinggegevens.leerlingen]
    assert all(x and y and 3 <= y.year - x.year <= 5 for x, y in zip(born_a, born_b, strict=True))


def test_default_schooljaar_and_explicit_peildatum() -> None:
    s = generate_school(1, peildatum=dt.date(2027, 1, 15))
    assert s.schooljaar == "2026-2027"
    assert s.leerlinggegevens.school.schooljaar == "2026-2027"
    assert s.leerlinggegevens.school.peildatum == dt.date(2027, 1, 15)


@pytest.mark.parametrize("bad", ["2026", "2026-2028", "26-27", "2026/2027"])
def test_bad_schooljaar_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="schooljaar"):
        generate_school(1, schooljaar=bad)


class _Sizes(TypedDict, total=False):
    """The size keywords of :func:`generate_school`."""

    index: int
    students_per_group: int
    aantal_groepen: int
    aantal_leerlingen: int


@pytest.mark.parametrize(
    "kwargs",
    [{"students_per_group": 0}, {"aantal_groepen": 0}, {"aantal_leerlingen": 0}, {"index": -1}],
)
def test_bad_sizes_are_refused(kwargs: _Sizes) -> None:
    with pytest.raises(ValueError):
        generate_school(1, **kwargs)


# ---------------------------------------------------------------------------------------------
# The school


def test_school_identity(school: FakeSchool) -> None:
    assert re.fullmatch(r"99[A-Z]{2}", school.brincode)
    assert school.dependancecode == "00"
    head = school.leerlinggegevens.school
    assert (head.brincode, head.dependancecode, head.schooljaar) == (
        school.brincode,
        "00",
        school.schooljaar,
    )
    assert head.aanmaakdatum is not None and head.aanmaakdatum.tzinfo is not None
    assert re.fullmatch(
        r"(Basisschool|OBS|CBS|PCBS|RKBS|IKC|Montessorischool|Daltonschool|Jenaplanschool) "
        r"\S.*",
        school.naam,
    )
    assert len(school.naam) <= 64


def test_generate_schools_gives_distinct_brins() -> None:
    schools = generate_schools(9, 12, aantal_groepen=2, students_per_group=2)
    assert len(schools) == 12
    assert len({s.brincode for s in schools}) == 12
    assert len({s.naam for s in schools}) == 12
    assert schools[3] == generate_school(9, index=3, aantal_groepen=2, students_per_group=2)
    with pytest.raises(ValueError):
        generate_schools(9, 677)


def test_gebruikers_cover_every_role(school: FakeSchool, tiny: FakeSchool) -> None:
    for s in (school, tiny):
        assert set(GEBRUIKERSROLLEN) == {
            "Directie",
            "Applicatiebeheerder",
            "Leerkracht",
            "Administratie",
        }
        assert {g.rol for g in s.gebruikers} == set(GEBRUIKERSROLLEN)
        assert all(g.naam and g.gebruikersnaam for g in s.gebruikers)
        assert len({g.gebruikersnaam for g in s.gebruikers}) == len(s.gebruikers)


# ---------------------------------------------------------------------------------------------
# Groups


def test_groups_cover_jaargroep_1_to_8(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        covered: set[str] = set()
        for g in s.leerlinggegevens.groepen:
            assert GROUP_NAME.fullmatch(g.naam), g.naam
            covered |= set(years_of(g))
        assert covered == {str(n) for n in range(1, 9)}
        assert len({g.naam for g in s.leerlinggegevens.groepen}) == len(s.leerlinggegevens.groepen)


def years_of(g: models.Groep) -> list[str]:
    span = re.fullmatch(r"Groep (\d) t/m (\d)", g.naam)
    if span:
        return [str(n) for n in range(int(span[1]), int(span[2]) + 1)]
    return re.findall(r"\d", g.naam)


def test_group_keys_and_jaargroep(school: FakeSchool) -> None:
    gg = school.leerlinggegevens
    assert all(re.fullmatch(r"G\d{4}", g.key) for g in gg.groepen)
    assert all(re.fullmatch(r"S\d{4}", g.key) for g in gg.samengestelde_groepen)
    keys = [g.key for g in gg.groepen] + [g.key for g in gg.samengestelde_groepen]
    assert len(set(keys)) == len(keys)
    for g in gg.groepen:
        years = years_of(g)
        assert g.jaargroep == ("C" if len(years) > 1 else years[0])


def test_combination_groups_hold_pupils_of_their_years(school: FakeSchool) -> None:
    gg = school.leerlinggegevens
    by_key = {g.key: g for g in gg.groepen}
    per_group: dict[str, set[str]] = {}
    for p in gg.leerlingen:
        assert p.groep is not None and p.jaargroep is not None
        g = by_key[p.groep]
        assert p.jaargroep in years_of(g)
        per_group.setdefault(g.key, set()).add(p.jaargroep)
    combos = [g for g in gg.groepen if g.jaargroep == "C"]
    assert combos, "the default school has combination groups"
    assert any(g.naam == "Groep 5/6" for g in combos)
    for g in combos:
        assert per_group[g.key] == set(years_of(g)), g.naam
    assert any(g.naam.startswith("Groep 1/2") for g in combos)


def test_students_per_group(school: FakeSchool) -> None:
    sizes = Counter(p.groep for p in school.leerlinggegevens.leerlingen)
    assert set(sizes) == {g.key for g in school.leerlinggegevens.groepen}
    assert all(22 <= n <= 28 for n in sizes.values())
    small = generate_school(2, students_per_group=10, aantal_groepen=9)
    assert len(small.leerlinggegevens.groepen) == 9
    assert all(
        9 <= n <= 11 for n in Counter(p.groep for p in small.leerlinggegevens.leerlingen).values()
    )


@pytest.mark.parametrize("aantal", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 40])
def test_every_group_count_gives_a_valid_layout(aantal: int) -> None:
    s = generate_school(6, aantal_groepen=aantal, students_per_group=3)
    assert len(s.leerlinggegevens.groepen) == aantal
    covered = {y for g in s.leerlinggegevens.groepen for y in years_of(g)}
    assert covered == {str(n) for n in range(1, 9)}


def test_samengestelde_groepen_have_pupils(school: FakeSchool) -> None:
    gg = school.leerlinggegevens
    names = {g.naam for g in gg.samengestelde_groepen}
    assert {"Plusgroep", "Leesclub", "RT-groep"} <= names
    members = Counter(k for p in gg.leerlingen for k in p.samengestelde_groepen)
    assert {g.key for g in gg.samengestelde_groepen} == set(members)
    assert sum(members.values()) < len(gg.leerlingen)


def test_references_point_to_existing_groups(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        gg = s.leerlinggegevens
        groepen = {g.key for g in gg.groepen}
        samengesteld = {g.key for g in gg.samengestelde_groepen}
        for p in gg.leerlingen:
            assert p.groep in groepen
            assert set(p.samengestelde_groepen) <= samengesteld
        for t in gg.leerkrachten:
            assert t.groepen, "a leerkracht in the answer teaches some group"
            for ref in t.groepen:
                assert ref.key in (groepen if ref.soort == "groep" else samengesteld)
        taught = {ref.key for t in gg.leerkrachten for ref in t.groepen if ref.soort == "groep"}
        assert taught == groepen


def test_ungrouped_records_are_kept_apart(school: FakeSchool, tiny: FakeSchool) -> None:
    for s in (school, tiny):
        assert s.ongegroepeerde_leerlingen and s.ongegroepeerde_leerkrachten
        for p in s.ongegroepeerde_leerlingen:
            assert p.groep is None and not p.samengestelde_groepen
        for t in s.ongegroepeerde_leerkrachten:
            assert not t.groepen
        assert any("DIR" in t.rollen for t in s.ongegroepeerde_leerkrachten)
        full = s.met_ongegroepeerden()
        assert full.leerlingen == s.leerlinggegevens.leerlingen + s.ongegroepeerde_leerlingen
        assert full.leerkrachten == s.leerlinggegevens.leerkrachten + s.ongegroepeerde_leerkrachten
        assert full.groepen == s.leerlinggegevens.groepen
        assert full.leerlingen is not s.leerlinggegevens.leerlingen


# ---------------------------------------------------------------------------------------------
# Pupils and teachers


def test_keys_are_unique_digit_strings(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        keys = [r.key for r in all_pupils(s)] + [r.key for r in all_teachers(s)]
        assert all(k is not None and re.fullmatch(r"0\d{5}", k) for k in keys)
        assert len(set(keys)) == len(keys)


def test_eckids_unique_and_mostly_present(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        pupils, teachers = all_pupils(s), all_teachers(s)
        eckids = [r.eckid for r in pupils + teachers if r.eckid is not None]
        assert all(ECKID.fullmatch(e) for e in eckids)
        assert len(set(eckids)) == len(eckids)
        with_eckid = sum(p.eckid is not None for p in pupils)
        assert 0.8 * len(pupils) <= with_eckid < len(pupils)
        assert 0 < sum(t.eckid is not None for t in teachers) < len(teachers)


def test_birth_dates_fit_the_jaargroep(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        oct1 = dt.date(start_year(s), 10, 1)
        ages: Counter[int] = Counter()
        for p in all_pupils(s):
            assert p.geboortedatum is not None and p.jaargroep is not None
            extra = age_on(p.geboortedatum, oct1) - int(p.jaargroep)
            assert extra in (3, 4), (p.jaargroep, p.geboortedatum)
            ages[extra] += 1
        assert ages[3] > 5 * ages[4]


def test_geslacht_codes(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        counts = Counter(p.geslacht for p in all_pupils(s))
        assert set(counts) <= {0, 1, 2, 9}
        assert counts[1] + counts[2] > 0.9 * sum(counts.values())
        assert counts[1] and counts[2] and counts[0] and counts[9]


def test_teachers_roles_and_email(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        teachers = all_teachers(s)
        roles = Counter(r for t in teachers for r in t.rollen)
        assert roles["LRK"] > len(teachers) / 2
        assert roles["IB"] >= 1 and roles["DIR"] == 1
        assert all(t.rollen for t in teachers)
        assert all(t.achternaam and t.roepnaam and t.voorletters for t in teachers)
        assert any(len(t.groepen) > 1 for t in s.leerlinggegevens.leerkrachten)
        emails = [t.emailadres for t in teachers if t.emailadres is not None]
        assert len(set(emails)) == len(emails)
        domain = re.escape(s.email_domein)
        assert all(re.fullmatch(rf"[a-z0-9]+(\.[a-z0-9-]+)+[0-9]*@{domain}", e) for e in emails)
        assert any(t.emailadres is None for t in s.leerlinggegevens.leerkrachten)
        assert len(emails) > len(teachers) / 2


def test_teacher_email_follows_the_name(school: FakeSchool) -> None:
    for t in all_teachers(school):
        if t.emailadres and t.roepnaam and t.roepnaam.isascii() and t.roepnaam.isalpha():
            assert t.emailadres.startswith(t.roepnaam.lower() + ".")


def test_voorletters_follow_voornamen(school: FakeSchool, large: FakeSchool) -> None:
    for s in (school, large):
        people: list[models.Leerling | models.Leerkracht] = [*all_pupils(s), *all_teachers(s)]
        for r in people:
            if r.voornamen is None:
                assert r.voorletters is None
                continue
            assert r.voorletters is not None
            initials = [w[0] for w in re.split(r"[ -]", r.voornamen)][:3]
            assert r.voorletters == "".join(f"{c.upper()}." for c in initials)


def test_names_split_into_voorvoegsel_and_achternaam(large: FakeSchool) -> None:
    people: list[models.Leerling | models.Leerkracht] = [
        *all_pupils(large),
        *all_teachers(large),
    ]
    voorvoegsels = Counter(r.voorvoegsel for r in people if r.voorvoegsel)
    assert set(voorvoegsels) <= PARTICLES
    assert {"van", "de", "van der"} <= set(voorvoegsels)
    for r in people:
        if r.achternaam is not None:
            assert r.achternaam[0].isupper() or r.achternaam[0] == "'", r.achternaam
            assert r.achternaam.split(" ")[0].lower() not in PARTICLES - {"la", "le"}
        assert r.roepnaam is not None


def test_hard_name_cases_in_every_school_of_two_groups(
    tiny: FakeSchool, school: FakeSchool
) -> None:
    for s in (tiny, school):
        pupils = s.leerlinggegevens.leerlingen
        roepnaam_only = [p for p in pupils if p.achternaam is None]
        assert roepnaam_only
        for p in roepnaam_only:
            assert p.roepnaam and p.voorvoegsel is None and p.voornamen is None
        roepnamen = {p.roepnaam for p in pupils}
        achternamen = {p.achternaam for p in pupils}
        split = {(p.voorvoegsel, p.achternaam) for p in pupils}
        assert {"Zoë", "Ömer", "Anaïs"} <= roepnamen
        assert {"Çelik", "Brontë", "D'Agostino", "Jansen-de Vries"} <= achternamen
        assert {("'t", "Hart"), ("van 't", "Hof")} <= split
        assert any(p.achternaam and len(p.achternaam) == 200 for p in pupils)
        assert any(p.roepnaam and len(p.roepnaam) == 64 for p in pupils)


def test_every_string_respects_uwlr_lengths(tiny: FakeSchool, large: FakeSchool) -> None:
    for s in (tiny, large):
        gg = s.leerlinggegevens
        records: list[
            models.School
            | models.Groep
            | models.SamengesteldeGroep
            | models.Leerling
            | models.Leerkracht
        ] = [
            gg.school,
            *gg.groepen,
            *gg.samengestelde_groepen,
            *all_pupils(s),
            *all_teachers(s),
        ]
        for record in records:
            for f in dataclasses.fields(record):
                value = getattr(record, f.name)
                if isinstance(value, str):
                    assert value.strip() == value and len(value) >= 1, (f.name, value)
                    assert len(value) <= MAX_LENGTHS.get(f.name, 256), (f.name, value)
                if isinstance(value, list):
                    assert all(v != "" for v in value)


def test_every_record_has_a_mutatiedatum_before_the_schooljaar(school: FakeSchool) -> None:
    gg = school.leerlinggegevens
    start = dt.datetime(start_year(school), 8, 1, tzinfo=dt.UTC)
    records: list[
        models.Groep | models.SamengesteldeGroep | models.Leerling | models.Leerkracht
    ] = [
        *gg.groepen,
        *gg.samengestelde_groepen,
        *all_pupils(school),
        *all_teachers(school),
    ]
    for r in records:
        assert r.mutatiedatum is not None and r.mutatiedatum.tzinfo is not None
        assert start - dt.timedelta(days=400) < r.mutatiedatum < start
    assert len({r.mutatiedatum for r in records}) > len(records) / 2


@pytest.mark.official
def test_answers_from_fake_schools_validate(tiny: FakeSchool, large: FakeSchool) -> None:
    try:
        schemas = official_schemas()
    except OfficialSchemasMissing as missing:
        pytest.skip(str(missing))
    for s in (tiny, large, generate_school(3, aantal_groepen=1)):
        for gegevens in (s.leerlinggegevens, s.met_ongegroepeerden()):
            element = build(models.LeerlinggegevensAntwoord(gegevens=gegevens))
            assert schemas.errors(element) == []
            assert validate(element) == []


# ---------------------------------------------------------------------------------------------
# Size and speed


def test_thousand_pupils_generate_silently(capsys: pytest.CaptureFixture[str]) -> None:
    """Speed lives in benchmarks/bench_uwlr.py; here only size and silence."""
    s = generate_school(12, aantal_leerlingen=1000)
    assert len(s.leerlinggegevens.leerlingen) == 1000
    assert capsys.readouterr() == ("", "")


# ---------------------------------------------------------------------------------------------
# JSON layout, fixtures and regeneration


def test_json_round_trip(tmp_path: Path, tiny: FakeSchool, school: FakeSchool) -> None:
    for s in (tiny, school):
        path = tmp_path / f"{s.brincode}.json"
        dump_school(s, path)
        assert load_school(path) == s
        assert render_school(load_school(path)) == path.read_text("utf-8")


def test_json_layout_is_documented_and_readable(tmp_path: Path, tiny: FakeSchool) -> None:
    text = render_school(tiny)
    assert text.endswith("\n")
    assert '"formaat": "uwlr-fake-school/1"' in text
    assert "Zoë" in text  # utf-8, not \u escapes
    assert '"geboortedatum": "' in text


def test_loader_refuses_other_formats(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"formaat": "iets-anders"}', "utf-8")
    with pytest.raises(ValueError, match="formaat"):
        load_school(path)


def test_committed_fixtures_equal_a_fresh_regeneration() -> None:
    specs = regenerate.school_fixtures()
    assert {"seed-1", "seed-2", "seed-3", "large-1000"} <= set(specs)
    total = 0
    for name, make in specs.items():
        path = FIXTURES / "schools" / f"{name}.json"
        assert path.is_file(), f"run `make fixtures` to write {path}"
        text = path.read_text("utf-8")
        assert text == render_school(make()), f"{path} is stale: run `make fixtures`"
        total += path.stat().st_size
    assert (FIXTURES / "schools" / "large-1000.json").stat().st_size < 600_000
    assert total < 1_000_000
    large = load_school(FIXTURES / "schools" / "large-1000.json")
    assert len(large.leerlinggegevens.leerlingen) == 1000


def test_regenerate_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert regenerate.main(["--check", str(tmp_path)]) == 1
    assert regenerate.main([str(tmp_path)]) == 0
    written = sorted(p.name for p in (tmp_path / "schools").iterdir())
    assert written == sorted(f"{name}.json" for name in regenerate.school_fixtures())
    assert regenerate.main(["--check", str(tmp_path)]) == 0
    (tmp_path / "schools" / "seed-1.json").write_text("{}", "utf-8")
    assert regenerate.main(["--check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "seed-1.json" in err
