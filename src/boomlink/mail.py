"""The mail outbox and the SMTP client that empties it.

A service writes a mail into ``mail_outbox`` in its own transaction (:func:`zet_in_wachtrij`), so
the mail exists exactly when the action that caused it was committed. :func:`flush_outbox` sends
what is queued over SMTP (``smtplib``).

Delivery choice: **at least once, and never twice in normal operation**. Each mail is sent
inside its own database transaction, whose first statement claims the row
(``UPDATE … SET attempts = attempts + 1 WHERE id = :id AND sent_at IS NULL``); the row stays
locked while the SMTP server is asked to accept the mail and ``sent_at`` is written in the same
transaction. A second flusher running at the same time waits for that lock and then finds the
mail sent, so it cannot send it again. Only if the process dies after the SMTP server accepted
the mail and before the commit is the mail sent once more by the next flush: a duplicate
bevestigingsmail is harmless, a lost one would block the school (H-P-03), hence at-least-once.
Each mail carries a stable ``Message-ID`` (``<boomlink-outbox-ID.…>``) so such a duplicate can
be recognised.

An SMTP outage (or a refusal) leaves the mail queued with ``attempts`` and ``last_error``; after
:data:`MAX_POGINGEN` attempts it is no longer tried (it stays visible in the table).

The body at rest (house rule: secrets are encrypted at rest). A body holds names and, in an
invitation, a one-time account link, so ``body`` is stored as a Fernet token made with the
store's :class:`~boomlink.crypto.Kluis`, the vault of the autorisatiesleutel. The vault reaches
:func:`zet_in_wachtrij` through the session it is given: every session of a
:class:`~boomlink.store.Store` carries it in ``session.info``
(:func:`boomlink.store.session.kluis_van`), so callers pass just their ``Session``. The body is
decrypted only when the mail is built for SMTP. Once the SMTP server has accepted it, the body
is emptied in the same transaction that writes ``sent_at``: the link must not outlive the
sending, not even as ciphertext next to its key file. ``recipient`` and ``subject`` stay readable:
the address is needed for the SMTP envelope and is stored plainly with the user anyway, and a
subject names only the school and the kind of mail, never a person.

A body that cannot be decrypted (``BOOMLINK_SECRET_KEY`` or the key file changed) fails that mail
alone, with a Dutch ``last_error``; it is tried again on the next flush, so the right key sends
it after all. A body that is not a Fernet token at all (written in plain text by an older
version) is never sent: the mail is given up at once (``attempts`` = :data:`MAX_POGINGEN`).
"""

from __future__ import annotations

import binascii
import datetime as dt
import smtplib
import ssl
from base64 import b64decode
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from boomlink.config import MailSettings
from boomlink.crypto import Kluis
from boomlink.store import MailBericht
from boomlink.store.session import kluis_van

__all__ = [
    "MAX_POGINGEN",
    "FlushResultaat",
    "flush_outbox",
    "in_wachtrij",
    "zet_in_wachtrij",
]

MAX_POGINGEN = 10
_FOUT_LENGTE = 1000


@dataclass(frozen=True, slots=True)
class FlushResultaat:
    verstuurd: int
    mislukt: int
    fouten: tuple[str, ...] = ()


def zet_in_wachtrij(
    session: Session,
    *,
    recipient: str,
    subject: str,
    body: str,
    soort: str,
    school_id: int | None = None,
) -> MailBericht:
    """Queue a mail in the caller's transaction (the caller commits); ``body`` is stored encrypted
    with the vault of the session's store."""
    bericht = MailBericht(
        recipient=recipient,
        subject=subject,
        body=kluis_van(session).versleutel_tekst(body),
        soort=soort,
        school_id=school_id,
        attempts=0,
    )
    session.add(bericht)
    session.flush()
    return bericht


def in_wachtrij(session: Session) -> list[MailBericht]:
    """Mails not sent yet that will still be tried, oldest first."""
    return list(
        session.scalars(
            select(MailBericht)
            .where(MailBericht.sent_at.is_(None), MailBericht.attempts < MAX_POGINGEN)
            .order_by(MailBericht.id)
        )
    )


_ONLEESBAAR = (
    "De inhoud van deze mail kan niet worden ontsleuteld. Is BOOMLINK_SECRET_KEY (of het "
    "sleutelbestand naast de database) veranderd? Met de oude sleutel wordt de mail alsnog verstuurd."
)
_ONVERSLEUTELD = (
    "De inhoud van deze mail is niet versleuteld opgeslagen en wordt daarom niet verstuurd. "
    "Zet de mail opnieuw in de wachtrij."
)
_FERNET_VERSIE = 0x80


class _OnleesbareInhoud(Exception):
    def __init__(self, fout: str, *, opgeven: bool) -> None:
        super().__init__(fout)
        self.fout = fout
        self.opgeven = opgeven


def _is_fernet_token(tekst: str) -> bool:
    try:
        data = b64decode(tekst.encode("ascii"), altchars=b"-_", validate=True)
    except (UnicodeError, binascii.Error, ValueError):
        return False
    return len(data) > 1 and data[0] == _FERNET_VERSIE


def _ontsleuteld(kluis: Kluis, body: str) -> str:
    """The plain body, for SMTP only; :class:`_OnleesbareInhoud` when it cannot be read."""
    if not _is_fernet_token(body):
        raise _OnleesbareInhoud(_ONVERSLEUTELD, opgeven=True)
    tekst = kluis.ontsleutel_tekst(body)
    if tekst is None:
        raise _OnleesbareInhoud(_ONLEESBAAR, opgeven=False)
    return tekst


def _as_email(bericht: MailBericht, body: str, mail: MailSettings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = bericht.recipient
    message["Subject"] = bericht.subject
    message["Date"] = format_datetime(bericht.created_at)
    domain = mail.sender_address.rpartition("@")[2] or "boomlink.invalid"
    message["Message-ID"] = (
        f"<boomlink-outbox-{bericht.id}.{int(bericht.created_at.timestamp())}@{domain}>"
    )
    message.set_content(body)
    return message


def _connect(mail: MailSettings) -> smtplib.SMTP:
    """One SMTP connection as ``mail`` says: plain, STARTTLS or implicit TLS, then AUTH.

    The server's certificate is checked (the system's CAs, or ``mail.ca_bestand``). The password
    goes only to ``login``: smtplib's debug output stays off, and an error names no secret.
    """
    context = ssl.create_default_context(cafile=mail.ca_bestand)
    smtp: smtplib.SMTP
    if mail.beveiliging == "tls":
        smtp = smtplib.SMTP_SSL(mail.host, mail.port, timeout=mail.timeout, context=context)
    else:
        smtp = smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout)
    try:
        smtp.ehlo_or_helo_if_needed()
        if mail.beveiliging == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if mail.gebruiker:
            smtp.login(mail.gebruiker, mail.wachtwoord or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def flush_outbox(
    sessions: Callable[[], Session],
    mail: MailSettings,
    *,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    limit: int = 100,
) -> FlushResultaat:
    """Send up to ``limit`` queued mails over one SMTP connection; see the module doc."""
    with sessions() as session:
        ids = list(
            session.scalars(
                select(MailBericht.id)
                .where(MailBericht.sent_at.is_(None), MailBericht.attempts < MAX_POGINGEN)
                .order_by(MailBericht.id)
                .limit(limit)
            )
        )
    verstuurd = 0
    fouten: list[str] = []
    smtp: smtplib.SMTP | None = None
    try:
        for mail_id in ids:
            with sessions() as session:
                claim = cast(
                    CursorResult[Any],
                    session.execute(
                        update(MailBericht)
                        .where(MailBericht.id == mail_id, MailBericht.sent_at.is_(None))
                        .values(attempts=MailBericht.attempts + 1)
                        .execution_options(synchronize_session=False)
                    ),
                )
                if claim.rowcount != 1:
                    session.rollback()
                    continue
                bericht = session.get_one(MailBericht, mail_id)
                try:
                    message = _as_email(
                        bericht, _ontsleuteld(kluis_van(session), bericht.body), mail
                    )
                except _OnleesbareInhoud as onleesbaar:
                    bericht.last_error = onleesbaar.fout
                    if onleesbaar.opgeven:
                        bericht.attempts = MAX_POGINGEN
                    session.commit()
                    fouten.append(f"mail {mail_id}: {onleesbaar.fout}")
                    continue
                try:
                    if smtp is None:
                        smtp = _connect(mail)
                    smtp.send_message(
                        message,
                        from_addr=mail.sender_address,
                        to_addrs=[bericht.recipient],
                    )
                except (smtplib.SMTPException, OSError) as exc:
                    # SMTP replies often quote the address: keep personal data out of errors
                    tekst = str(exc).replace(bericht.recipient, "<ontvanger>")
                    fout = f"{type(exc).__name__}: {tekst}"[:_FOUT_LENGTE]
                    bericht.last_error = fout
                    session.commit()
                    fouten.append(f"mail {mail_id}: {fout}")
                    if smtp is not None:
                        _close(smtp)
                        smtp = None
                    continue
                bericht.sent_at = now()
                bericht.body = ""  # sent: the one-time link must not stay behind
                bericht.last_error = None
                session.commit()
                verstuurd += 1
    finally:
        if smtp is not None:
            _close(smtp)
    return FlushResultaat(verstuurd=verstuurd, mislukt=len(fouten), fouten=tuple(fouten))
