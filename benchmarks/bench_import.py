"""Import speed (issue 6): fetch + match + commit of a 1,000-pupil school from the local mock ESIS,
then a re-import after 5 % changes; wall time, where it went, and peak memory.

The mock ESIS runs in its own process (``mock-esis serve --aantal-leerlingen N``), the Boom store is a SQLite
file in a temporary folder, the link is set up with the real services (a loopback SMTP server
takes the bevestigingsmail). Times come from a run without tracemalloc; peak memory (tracemalloc,
Python allocations of this process) from a second, identical run, for 250 and 1,000 pupils.
"""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import Goal, Report
from benchmarks.processes import mock_esis_process
from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.config import load_settings
from boomlink.importeren.ophalen import ImportGestart, gegevens_importeren
from boomlink.importeren.review import Tab, emailadres_invullen, review_tonen
from boomlink.importeren.verwerken import import_verwerken
from boomlink.koppeling.stap1 import ESIS_UWLR, koppeling_aanvragen
from boomlink.koppeling.stap3 import Verificatieverzoek, koppeling_opslaan
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Gebruiker, Rol, School, Store, open_store
from boomlink.store.import_models import Categorie
from boomlink.testing.mailsink import MailSink
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.client import AdminClient

SIZES = (250, 1000)
CHANGE_SHARE = 0.05


@dataclass
class _Link:
    store: Store
    config: ClientConfig
    admin: AdminClient
    code: str
    school_id: int
    beheerder_id: int
    aangemaakt: int = 0

    def run(self, fn: Any, **kwargs: Any) -> Any:
        with self.store.session() as s:
            return fn(
                s,
                s.get_one(School, self.school_id),
                s.get_one(Gebruiker, self.beheerder_id),
                **kwargs,
            )


@contextmanager
def _linked(pupils: int) -> Iterator[_Link]:
    smtp = MailSink().start()
    port = smtp.port
    try:
        with (
            mock_esis_process("--aantal-leerlingen", str(pupils)) as state,
            tempfile.TemporaryDirectory() as d,
        ):
            school = state["scholen"][0]
            settings = load_settings(
                environ={
                    "BOOMLINK_DB": str(Path(d) / "boom.sqlite3"),
                    "BOOMLINK_SMTP_HOST": "127.0.0.1",
                    "BOOMLINK_SMTP_PORT": str(port),
                }
            )
            config = ClientConfig(
                leerlinggegevens_url=state["endpoints"]["leerlinggegevens"],
                leerresultaten_url=state["endpoints"]["leerresultaten"],
                klantnaam=state["klantnaam"],
                klantcode=state["klantcode"],
                read_timeout=60,
                retry=RetryPolicy(max_attempts=1),
            )
            admin = AdminClient(state["endpoints"]["admin"].removesuffix("/__admin"))
            with open_store(settings) as store:
                code = f"{school['brincode']}{school['dependancecode']}"
                link = _setup(store, config, admin, code, school)
                yield link
    finally:
        smtp.close()


def _setup(
    store: Store, config: ClientConfig, admin: AdminClient, code: str, school: dict[str, Any]
) -> _Link:
    with store.session() as s:
        boom = school_aanmaken(s, naam=school["naam"], brin=code)
        beheerder = gebruiker_aanmaken(
            s, school=boom, emailadres="beheer@bench.nl", naam="Beheer", rol=Rol.BEHEERDER
        )
        ids = boom.id, beheerder.id
        uwlr_inschakelen(s, school_naam=school["naam"], brin=code)
    flush_outbox(store.sessions, store.settings.mail)
    link = _Link(store, config, admin, code, *ids)

    def stap1_en_3(s: Any, boom: School, wie: Gebruiker) -> None:
        koppeling_aanvragen(
            s,
            boom,
            wie,
            type_koppeling=ESIS_UWLR,
            brincode=school["brincode"],
            schooljaar=huidig_schooljaar(),
        )

        def verify(verzoek: Verificatieverzoek) -> None:
            return None  # the key came from the mock's own state file

        koppeling_opslaan(
            s,
            s.get_one(School, ids[0]),
            s.get_one(Gebruiker, ids[1]),
            autorisatiesleutel=school["autorisatiesleutel"],
            schoolkey=None,
            verify=verify,
            kluis=store.kluis(),
        )

    link.run(stap1_en_3)
    return link


def _fill_emails(link: _Link) -> None:
    def fill(s: Any, school: School, wie: Gebruiker) -> None:
        for regel in review_tonen(s, school, wie).regels(Tab.LEERKRACHTEN, Categorie.NIEUW):
            if not regel.emailadres:
                emailadres_invullen(s, school, wie, regel.id, f"lk{regel.id}@bench.nl")

    link.run(fill)


def _import(link: _Link) -> tuple[float, ImportGestart, float]:
    """(fetch+stage seconds, its breakdown, commit seconds); e-mails filled in between."""
    link.aangemaakt = 0
    started = time.perf_counter()
    gestart = link.run(gegevens_importeren, client_config=link.config, kluis=link.store.kluis())
    fetch = time.perf_counter() - started
    _fill_emails(link)
    started = time.perf_counter()
    verwerkt = link.run(import_verwerken)
    duur = time.perf_counter() - started
    link.aangemaakt = verwerkt.aangemaakt[Tab.LEERLINGEN]
    return fetch, gestart, duur


def _change(link: _Link, share: float) -> int:
    """Change ``share`` of the pupils in the mock: renames, moves, departures and arrivals."""
    school = link.admin.school(link.code)
    pupils = [p for p in school["leerlingen"]]
    groups = [g["key"] for g in school["groepen"]]
    rnd = random.Random(6)
    chosen = rnd.sample(pupils, max(4, int(len(pupils) * share)))
    for i, pupil in enumerate(chosen):
        kind = i % 4
        if kind == 0:
            link.admin.update_leerling(link.code, pupil["key"], achternaam="Veranderd")
        elif kind == 1:
            link.admin.move_leerling(link.code, pupil["key"], rnd.choice(groups))
        elif kind == 2:
            link.admin.remove_leerling(link.code, pupil["key"])
        else:
            link.admin.add_leerling(link.code, groep=rnd.choice(groups))
    return len(chosen)


def _timings(pupils: int) -> dict[str, float]:
    with _linked(pupils) as link:
        fetch, gestart, commit = _import(link)
        aangemaakt = link.aangemaakt
        changes = _change(link, CHANGE_SHARE)
        refetch, regestart, recommit = _import(link)
    return {
        "import": fetch + commit,
        "uwlr": gestart.duur_uwlr,
        "matching": gestart.duur_matching,
        "database": gestart.duur_database + commit,
        "herimport": refetch + recommit,
        "her_uwlr": regestart.duur_uwlr,
        "her_matching": regestart.duur_matching,
        "her_database": regestart.duur_database + recommit,
        "wijzigingen": changes,
        "aangemaakt": aangemaakt,
    }


def _peak(pupils: int) -> float:
    with _linked(pupils) as link:
        tracemalloc.start()
        try:
            _import(link)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak / (1024 * 1024)


def _share(part: float, whole: float) -> str:
    return f"{part:.3f} s ({100 * part / whole:.0f} %)"


def run() -> Report:
    report = Report("import en herimport (issue 6)")
    timings = {n: _timings(n) for n in SIZES}
    peaks = {n: _peak(n) for n in SIZES}
    for n in SIZES:
        t = timings[n]
        report.figures.update(
            {
                f"{n} leerlingen: leerlingen aangemaakt bij de eerste import": int(t["aangemaakt"]),
                f"{n} leerlingen: import (ophalen + matchen + verwerken) s": t["import"],
                f"{n} leerlingen: waarvan UWLR": _share(t["uwlr"], t["import"]),
                f"{n} leerlingen: waarvan matching": _share(t["matching"], t["import"]),
                f"{n} leerlingen: waarvan database": _share(t["database"], t["import"]),
                f"{n} leerlingen: herimport na {int(t['wijzigingen'])} wijzigingen s": t[
                    "herimport"
                ],
                f"{n} leerlingen: herimport UWLR / matching / database": (
                    f"{t['her_uwlr']:.3f} / {t['her_matching']:.3f} / {t['her_database']:.3f} s"
                ),
                f"{n} leerlingen: piekgeheugen import (tracemalloc) MiB": peaks[n],
            }
        )
    groot, klein = SIZES[-1], SIZES[0]
    report.goals += [
        Goal(f"import {groot} leerlingen", timings[groot]["import"], "<=", 2.0, " s"),
        Goal(
            f"herimport {groot} leerlingen (5 % gewijzigd)",
            timings[groot]["herimport"],
            "<=",
            1.0,
            " s",
        ),
        Goal(
            f"geheugen lineair: piek {groot} / piek {klein} (≤ {groot // klein} × 1,1)",
            peaks[groot] / peaks[klein],
            "<=",
            (groot / klein) * 1.1,
            "×",
        ),
    ]
    return report


if __name__ == "__main__":
    run().print()
