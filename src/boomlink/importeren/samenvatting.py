"""The summary before the confirming "Gegevens importeren" (H-S4-08): counts per tab and
category, and what will change (created, linked, updated fields, departed pupils, invitations,
and what still blocks the commit). Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.importeren.fouten import GeenImportInReview
from boomlink.importeren.plan import blokkades, wijzigingen
from boomlink.importeren.review import CATEGORIE_TITEL, Tab, open_sessie
from boomlink.importeren.rollover import schooljaarwissel
from boomlink.importeren.weergave import datum, persoonsnaam
from boomlink.koppeling.toegang import vereis_beheerder
from boomlink.store import AccountStatus, Gebruiker, Groep, Leerkracht, Leerling, School
from boomlink.store.import_models import Categorie, ImportRegel, RegelSoort

__all__ = ["Samenvatting", "samenvatting"]


@dataclass
class Samenvatting:
    sessie_id: int
    schooljaar: str
    aantallen: dict[Tab, dict[Categorie, int]]
    wijzigingen: list[str] = field(default_factory=list)
    vertrokken: list[str] = field(default_factory=list)
    uitnodigingen: list[str] = field(default_factory=list)
    blokkades: list[str] = field(default_factory=list)
    schooljaarwissel: str | None = None

    def regels(self) -> list[str]:
        """The summary as lines of text, the way the screen shows it."""
        uit = [f"Samenvatting van de import voor schooljaar {self.schooljaar}"]
        if self.schooljaarwissel:
            uit.append(self.schooljaarwissel)
        for tab in Tab:
            tellingen = ", ".join(
                f"{CATEGORIE_TITEL[c]}: {self.aantallen[tab][c]}" for c in Categorie
            )
            uit.append(f"{tab.titel}: {tellingen}")
        if self.wijzigingen:
            uit.append(f"Wordt bijgewerkt ({len(self.wijzigingen)}):")
            uit += [f"  - {w}" for w in self.wijzigingen]
        if self.vertrokken:
            uit.append(
                f"Niet meer in ESIS, wordt gemarkeerd als vertrokken ({len(self.vertrokken)}; "
                "hun toetsgegevens blijven bewaard):"
            )
            uit += [f"  - {v}" for v in self.vertrokken]
        if self.uitnodigingen:
            uit.append(
                f"Krijgt een uitnodiging per e-mail om een account aan te maken "
                f"({len(self.uitnodigingen)}): " + ", ".join(self.uitnodigingen)
            )
        if self.blokkades:
            uit.append("Kan nog niet worden verwerkt:")
            uit += [f"  - {b}" for b in self.blokkades]
        else:
            uit.append("Klik op ‘Gegevens importeren’ om de import te verwerken.")
        return uit


def _naam(regel: ImportRegel) -> str:
    if regel.soort is RegelSoort.GROEP:
        return f"groep {regel.naam}"
    return persoonsnaam(regel.roepnaam, regel.voorvoegsel, regel.achternaam, regel.voorletters)


def _toon(waarde: object) -> str:
    if waarde is None:
        return "(leeg)"
    if hasattr(waarde, "strftime"):
        return datum(waarde)  # type: ignore[arg-type]
    return str(waarde)


def samenvatting(session: Session, school: School, gebruiker: Gebruiker) -> Samenvatting:
    """What the confirming "Gegevens importeren" will do with the open review."""
    vereis_beheerder(school, gebruiker)
    sessie = open_sessie(session, school.id)
    if sessie is None:
        raise GeenImportInReview()
    regels = list(
        session.scalars(
            select(ImportRegel)
            .where(ImportRegel.sessie_id == sessie.id)
            .order_by(ImportRegel.soort, ImportRegel.volgnummer)
        )
    )
    aantallen = {tab: dict.fromkeys(Categorie, 0) for tab in Tab}
    for regel in regels:
        aantallen[Tab.van(regel.soort)][regel.categorie] += 1
    uit = Samenvatting(
        sessie_id=sessie.id,
        schooljaar=sessie.schooljaar,
        aantallen=aantallen,
        blokkades=blokkades(session, school.id, sessie.schooljaar, regels),
        schooljaarwissel=schooljaarwissel(session, school.id, sessie.schooljaar),
    )
    bestaand: dict[RegelSoort, dict[int, object]] = {
        RegelSoort.GROEP: {
            g.id: g for g in session.scalars(select(Groep).where(Groep.school_id == school.id))
        },
        RegelSoort.LEERKRACHT: {
            t.id: t
            for t in session.scalars(select(Leerkracht).where(Leerkracht.school_id == school.id))
        },
        RegelSoort.LEERLING: {
            p.id: p
            for p in session.scalars(select(Leerling).where(Leerling.school_id == school.id))
        },
    }
    met_account = set(
        session.scalars(select(Gebruiker.leerkracht_id).where(Gebruiker.leerkracht_id.is_not(None)))
    )
    for regel in regels:
        if regel.categorie is Categorie.NIET_IMPORTEREN:
            continue
        obj = None if regel.bestaand_id is None else bestaand[regel.soort].get(regel.bestaand_id)
        if regel.categorie is Categorie.BESTAAND and obj is not None:
            veranderd = {
                veld: (oud, nieuw)
                for veld, (oud, nieuw) in wijzigingen(regel, obj).items()
                if veld != "extern_nummer" or oud is not None
            }
            if veranderd:
                uit.wijzigingen.append(
                    f"{_naam(regel)}: "
                    + ", ".join(
                        f"{veld} {_toon(oud)} → {_toon(nieuw)}"
                        for veld, (oud, nieuw) in veranderd.items()
                    )
                )
        if regel.soort is RegelSoort.LEERKRACHT and regel.emailadres:
            nieuw_of_zonder_account = obj is None or (
                isinstance(obj, Leerkracht)
                and obj.account_status is AccountStatus.GEEN_ACCOUNT
                and obj.id not in met_account
            )
            if nieuw_of_zonder_account:
                uit.uitnodigingen.append(regel.emailadres)
    in_esis = {r.bestaand_id for r in regels if r.soort is RegelSoort.LEERLING and r.bestaand_id}
    for obj in bestaand[RegelSoort.LEERLING].values():
        assert isinstance(obj, Leerling)
        if obj.left_at is None and obj.extern_nummer is not None and obj.id not in in_esis:
            uit.vertrokken.append(
                persoonsnaam(obj.roepnaam, obj.voorvoegsel, obj.achternaam, obj.voorletters)
                + f" ({datum(obj.geboortedatum)})"
            )
    return uit
