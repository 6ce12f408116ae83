"""Building a ready mock ESIS: seeded fake schools, optional activation, all routes mounted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mock_esis.admin.api import AdminApi
from mock_esis.admin.dashboard import Dashboard
from mock_esis.screens.esis import EsisScreens
from mock_esis.screens.pages import EsisPages
from mock_esis.state.model import DEFAULT_KLANTCODE, DEFAULT_KLANTNAAM, MockState
from mock_esis.state.store import SqliteStore
from mock_esis.testing.journal import DEFAULT_BODY_BYTES
from mock_esis.web.app import MockEsisApp
from uwlr.fake import generate_schools

__all__ = ["MockOptions", "build_app", "seed_schools"]


@dataclass(frozen=True)
class MockOptions:
    """Everything ``mock-esis serve`` can be told (except where to listen)."""

    seed: int = 1
    schools: int = 1
    students_per_group: int = 25
    groups: int | None = None
    pupils: int | None = None
    schooljaar: str | None = None
    activate_all: bool = False
    lenient: bool = False
    klantnaam: str = DEFAULT_KLANTNAAM
    klantcode: str = DEFAULT_KLANTCODE
    admin_token: str | None = None
    db: str | None = None
    cache_size: int = 64
    #: Bound in bytes on the request and answer bodies the journal keeps (oldest dropped first).
    journal_body_bytes: int = DEFAULT_BODY_BYTES
    #: An anonymised recording whose schools are served instead of generated ones.
    recording: Path | None = None
    ruwe_opname: bool = False


def seed_schools(
    state: MockState,
    *,
    seed: int,
    count: int,
    students_per_group: int,
    schooljaar: str | None = None,
    activate: bool = False,
    groups: int | None = None,
    pupils: int | None = None,
) -> list[str]:
    """Add ``count`` generated schools; returns their codes (BRIN + vestiging)."""
    codes = []
    for fake in generate_schools(
        seed,
        count,
        students_per_group=students_per_group,
        schooljaar=schooljaar,
        aantal_groepen=groups,
        aantal_leerlingen=pupils,
    ):
        school = state.add_school(fake)
        if activate:
            state.activate(school, verificatiecode=f"{school.code}-snelle-start-0000", door="mock")
        codes.append(school.code)
    return codes


def build_app(options: MockOptions) -> MockEsisApp:
    """A :class:`MockEsisApp` with the seeded schools and every route mounted.

    With ``options.db`` the state comes from that SQLite file when it holds one (the seed options
    are then ignored: ``app.restored_from`` says so), and every change is saved to it.
    """
    store = SqliteStore(Path(options.db)) if options.db else None
    state = store.load() if store else None
    restored = state is not None
    if state is None and options.recording is not None:
        from mock_esis.recording import load_recording

        state = MockState(klantnaam=options.klantnaam, klantcode=options.klantcode)
        load_recording(
            state,
            options.recording,
            activate=options.activate_all,
            ruwe_opname=options.ruwe_opname,
        )
    if state is None:
        state = MockState(klantnaam=options.klantnaam, klantcode=options.klantcode)
        seed_schools(
            state,
            seed=options.seed,
            count=options.schools,
            students_per_group=options.students_per_group,
            schooljaar=options.schooljaar,
            activate=options.activate_all,
            groups=options.groups,
            pupils=options.pupils,
        )
    app = MockEsisApp(
        state,
        lenient=options.lenient,
        admin_token=options.admin_token,
        cache_size=options.cache_size,
        journal_body_bytes=options.journal_body_bytes,
    )
    app.mount("/esis", EsisPages(app, EsisScreens(app)))  # HTML; JSON below /esis/scholen/
    admin = AdminApi(app)
    app.mount("/__admin/ui", Dashboard(app, admin))  # before /__admin: the first prefix wins
    app.mount("/__admin", admin)
    if store is not None:
        if not restored:
            store.commit(state, None)
            state.store = store
        app.restored_from = Path(options.db) if restored and options.db else None
    return app
