"""On SQLite (the embedded default) a school admin norming while the worker delivers never sees
"database is locked" (issue 13, finding 6).

In WAL mode a transaction that began by reading and then wants to write, after another connection
committed, is refused AT ONCE (the busy timeout does not apply). Every writer here is real and
concurrent on one SQLite file: norming in a thread, norming in a second process, an import-like
writer, and the worker's delivery threads committing after every batch.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from resultaten_testkit import BoomSchool, maak_afnames, normeer, per_status, scores, utc

from boomlink.beheer import gebruiker_aanmaken
from boomlink.config import Settings
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.koppeling.toegang import BEVESTIGINGSMAIL
from boomlink.mail import zet_in_wachtrij
from boomlink.resultaten import Worker, afnames_normeren
from boomlink.store import Gebruiker, Rol, School, Store
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle

CHUNK = 4

_OTHER_PROCESS = textwrap.dedent(
    """
    import datetime as dt, sys
    from decimal import Decimal
    from boomlink.config import Settings
    from boomlink.resultaten import Normscores, afnames_normeren
    from boomlink.store import open_store

    settings = Settings(database_url=sys.argv[1], secret_key=sys.argv[2])
    ids = [int(x) for x in sys.argv[3].split(",")]
    with open_store(settings, upgrade=False) as store:
        for start in range(0, len(ids), 4):
            with store.session() as session:
                afnames_normeren(
                    session,
                    [(a, Normscores(Decimal("101.5"), Decimal(12), "1F", score=7))
                     for a in ids[start:start + 4]],
                    now=dt.datetime(2026, 11, 3, 11, tzinfo=dt.UTC),
                )
    print("klaar")
    """
)


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    """SQLite only: this is about SQLite's locking."""
    yield Settings(
        database_url=f"sqlite:///{tmp_path / 'boomlink.sqlite3'}",
        secret_key=Fernet.generate_key().decode(),
    )


def test_norming_importing_and_delivering_at_once_on_one_sqlite_file(
    store: Store,
    settings: Settings,
    boom: BoomSchool,
    esis: MockEsisHandle,
    config: ClientConfig,
) -> None:
    leerlingen = [boom.leerling(n) for n in range(50)]
    eerst = maak_afnames(store, boom, leerlingen, per_leerling=4)
    hier = maak_afnames(store, boom, leerlingen, per_leerling=3, datum=utc(2026, 10, 20).date())
    daar = maak_afnames(store, boom, leerlingen, per_leerling=3, datum=utc(2026, 10, 10).date())
    normeer(store, eerst)
    fouten: list[str] = []
    worker = Worker(
        store,
        config,
        parallel=3,
        poll=0.01,
        options={"batch": 5},
        on_error=lambda error: fouten.append(f"worker: {error!r}"),
    ).start()

    def normeren() -> None:
        try:
            for start in range(0, len(hier), CHUNK):
                with store.session() as session:
                    afnames_normeren(
                        session,
                        [(a, scores(i)) for i, a in enumerate(hier[start : start + CHUNK])],
                        now=utc(2026, 11, 3, 11),
                    )
        except Exception:
            fouten.append("normeren: " + traceback.format_exc(limit=4))

    with store.session() as session:
        beheerder_id = gebruiker_aanmaken(
            session,
            school=session.get_one(School, boom.school_id),
            emailadres="beheer@gelijktijdig.example.nl",
            naam="Beheerder",
            rol=Rol.BEHEERDER,
        ).id
        bevestiging = zet_in_wachtrij(  # as if the bevestigingsmail went out (H-P-03)
            session,
            recipient="beheer@gelijktijdig.example.nl",
            subject="Bevestiging",
            body="Bevestiging",
            soort=BEVESTIGINGSMAIL,
            school_id=boom.school_id,
        )
        bevestiging.sent_at = utc(2026, 9, 1)
        session.commit()

    def importeren() -> None:
        # "Gegevens importeren" for real: fetch from the mock, stage the review (reads, writes)
        try:
            for _ in range(6):
                with store.session() as session:
                    gegevens_importeren(
                        session,
                        session.get_one(School, boom.school_id),
                        session.get_one(Gebruiker, beheerder_id),
                        client_config=config,
                        kluis=store.kluis(),
                    )
        except Exception:
            fouten.append("importeren: " + traceback.format_exc(limit=4))

    ander = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _OTHER_PROCESS,
            settings.database_url,
            settings.secret_key or "",
            ",".join(map(str, daar)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    threads = [threading.Thread(target=normeren), threading.Thread(target=importeren)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        out, err = ander.communicate(timeout=120)
        for _ in range(600):
            if per_status(store) == {"verstuurd": len(eerst) + len(hier) + len(daar)}:
                break
            threading.Event().wait(0.05)
    finally:
        worker.stop()
        worker.join(30)
        if ander.poll() is None:
            ander.kill()
    assert ander.returncode == 0, err[-2000:]
    assert fouten == []
    assert per_status(store) == {"verstuurd": len(eerst) + len(hier) + len(daar)}
