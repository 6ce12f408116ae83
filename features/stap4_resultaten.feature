# language: nl
Functionaliteit: Stap 4: resultaten gaan vanzelf naar ESIS, precies één keer
  Als beheerder van een school
  wil ik dat elke genormeerde toetsafname vanzelf in ESIS komt,
  zodat leerkrachten in Mijn Groep de laatste groepsresultaten zien,
  zonder dat er iets dubbel komt of verloren gaat.

  Achtergrond:
    Stel school "99SY00" is in Boom testcentrum sinds "2026-09-02" gekoppeld met de nep-ESIS

  @H-S4-09
  Scenario: Een afname die na het activeren is genormeerd, komt zonder dat iemand iets doet in ESIS
    Gegeven de worker van Boom testcentrum draait
    En leerling 1 heeft toets "BOOM-SPEL-M5" gemaakt op "2026-11-02"
    Als Boom testcentrum die afname normeert op "2026-11-03" met vaardigheidsscore "123.5", DLE "17" en niveau "2F"
    Dan staat in ESIS binnen 5 seconden het resultaat van leerling 1 met DLE "17" en niveau "2F"

  @H-S4-10
  Scenario: Een afname die vóór het activeren is genormeerd, gaat nooit naar ESIS
    Gegeven leerling 2 heeft toets "BOOM-SPEL-M5" gemaakt op "2026-08-25"
    Als Boom testcentrum die afname normeert op "2026-09-01" met vaardigheidsscore "98", DLE "9" en niveau "1F"
    En Boom testcentrum de wachtrij voor ESIS aflevert
    Dan heeft ESIS geen resultaten van leerling 2
    En meldt Boom testcentrum bij die afname "genormeerd voordat de koppeling actief werd"

  @H-S4-11
  Scenario: Resultaten van vorig schooljaar stuurt alleen Boom support door, en dat staat in het auditlog
    Gegeven leerling 3 heeft toets "BOOM-SPEL-M5" gemaakt op "2026-05-12"
    En Boom testcentrum die afname normeert op "2026-06-01" met vaardigheidsscore "110", DLE "12" en niveau "1F"
    Als de beheerder van de school de resultaten van schooljaar "2025-2026" naar ESIS probeert te sturen
    Dan weigert Boom testcentrum met een melding die "alleen Boom support" noemt
    Als Boom support de resultaten van schooljaar "2025-2026" van BRIN "99SY" doorstuurt en bevestigt met "ja"
    En Boom testcentrum de wachtrij voor ESIS aflevert
    Dan staat in ESIS het resultaat van leerling 3 met DLE "12" en niveau "1F"
    En staat in het auditlog "resultaten terugzetten" door "boom-support" met uitkomst "ok"
    En staat in het auditlog "resultaten terugzetten" door "beheer@99sy.example.nl" met uitkomst "geweigerd"

  @H-S4-12
  Scenario: Na het afleveren toont Mijn Groep de laatste genormeerde groepsresultaten van de toets
    Gegeven de leerlingen van de eerste groep hebben toets "BOOM-SPEL-M5" gemaakt op "2026-11-02"
    Als Boom testcentrum die afnames normeert op "2026-11-03" met vaardigheidsscore "45", DLE "20" en niveau "1F"
    En Boom testcentrum de wachtrij voor ESIS aflevert
    Dan toont Mijn Groep van de eerste groep voor toets "BOOM-SPEL-M5" 5 leerlingen met gemiddelde vaardigheidsscore "45.0" en niveauverdeling "1F=5"

  @H-S4-13
  Scenario: DLE's die een leerkracht met de hand invoerde, blijven staan
    Gegeven de directie heeft voor leerling 1 bij toets "Boom Spelling M5" met de hand DLE "28" ingevoerd op "2026-10-01"
    En leerling 1 heeft toets "BOOM-SPEL-M5" gemaakt op "2026-11-02"
    Als Boom testcentrum die afname normeert op "2026-11-03" met vaardigheidsscore "130", DLE "31" en niveau "2F"
    En Boom testcentrum de wachtrij voor ESIS aflevert
    Dan toont Toetsresultaten invoeren bij leerling 1 nog steeds alleen de DLE "28" van "2026-10-01"
    En staat in ESIS het resultaat van leerling 1 met DLE "31" en niveau "2F"

  @H-X-02
  Scenario: ESIS haperend, traag en onzin antwoordend: alles komt precies één keer aan
    Gegeven alle 50 leerlingen hebben 4 keer toets "BOOM-SPEL-M5" gemaakt, de laatste op "2026-11-02"
    En leerling "ONBEKEND-7" die ESIS niet kent heeft toets "BOOM-SPEL-M5" gemaakt op "2026-11-02"
    En Boom testcentrum al die afnames normeert op "2026-11-03"
    En de nep-ESIS verbreekt 20% van de verbindingen, geeft 20% "503" en antwoordt 2 keer onzin
    Als Boom testcentrum de wachtrij voor ESIS aflevert tot er niets meer wacht
    Dan heeft ESIS elk van de 200 afgeleverde resultaten precies één keer
    En toont het overzicht voor Boom support 1 geweigerd resultaat van "ONBEKEND-7" met reden "Client.LeerlingOngeldig"
