"""The demo's surroundings on the embedded defaults, started and always stopped again.

:func:`omgeving_starten` gives an :class:`Omgeving`: a temporary folder with the Boom
testcentrum's SQLite store (and its key file), a local SMTP sink (aiosmtpd on 127.0.0.1, a free
port) that keeps every mail it accepts, and the mock ESIS (in-process, waitress on a free
loopback port) with one generated school. The Boom side's settings point at both, the way
``BOOMLINK_*`` variables would. On leaving the ``with`` block everything is stopped in reverse
order and the folder removed, also after a failure; :func:`achtergrondtaken_over` tells whether
any thread is left.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from boomlink.config import Settings, load_settings
from boomlink.store import Store, open_store
from boomlink.testing.mailsink import MailSink, onderwerp
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer

__all__ = [
    "ESIS_SCHOOL",
    "MailSink",
    "Omgeving",
    "achtergrondtaken_over",
    "omgeving_starten",
    "onderwerp",
]

# The generated school of the mock ESIS: seed and size (4 stamgroepen of 6 pupils).
ESIS_SCHOOL = MockOptions(seed=1, schools=1, students_per_group=6, groups=4)


@dataclass
class Omgeving:
    """What the walk-through runs against."""

    map: Path
    mail: MailSink
    server: MockEsisServer
    esis: MockEsisHandle
    settings: Settings
    store: Store


def _settings(map_: Path, mail: MailSink, server: MockEsisServer, esis: MockEsisHandle) -> Settings:
    """The Boom side's settings, as the ``BOOMLINK_*`` environment variables would give them."""
    return load_settings(
        environ={
            "BOOMLINK_DB": str(map_ / "boomtestcentrum.sqlite3"),
            "BOOMLINK_SMTP_HOST": "127.0.0.1",
            "BOOMLINK_SMTP_PORT": str(mail.port),
            "BOOMLINK_SMTP_TIMEOUT": "5",
            "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": server.endpoints["leerlinggegevens"],
            "BOOMLINK_ESIS_LEERRESULTATEN_URL": server.endpoints["leerresultaten"],
            "BOOMLINK_KLANTNAAM": esis.klantnaam,
            "BOOMLINK_KLANTCODE": esis.klantcode,
        }
    )


@contextmanager
def omgeving_starten() -> Iterator[Omgeving]:
    """Start the folder, the SMTP sink, the mock ESIS and the store; stop them all afterwards."""
    with ExitStack() as opruimen:
        map_ = Path(tempfile.mkdtemp(prefix="boomlink-demo-"))
        opruimen.callback(shutil.rmtree, map_, ignore_errors=True)
        mail = MailSink().start()
        opruimen.callback(mail.close)
        server = MockEsisServer(build_app(ESIS_SCHOOL)).start()
        opruimen.callback(server.stop)
        esis = MockEsisHandle(server)
        settings = _settings(map_, mail, server, esis)
        store = open_store(settings)
        opruimen.callback(store.close)
        yield Omgeving(
            map=map_, mail=mail, server=server, esis=esis, settings=settings, store=store
        )


def achtergrondtaken_over(wachten: float = 3.0) -> list[str]:
    """The threads besides the main thread still running (after up to ``wachten`` seconds)."""
    deadline = time.monotonic() + wachten
    while True:
        over = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
        if not over or time.monotonic() > deadline:
            return over
        time.sleep(0.05)
