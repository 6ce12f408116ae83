# language: nl
Functionaliteit: ESIS na de koppeling: Mijn Groep en Toetsresultaten invoeren
  Als leerkracht
  wil ik in Mijn Groep de laatste genormeerde resultaten van mijn groep zien
  en zelf DLE's kunnen invoeren voor groeigrafieken,
  zoals de handleiding van Boom testcentrum beschrijft.

  Achtergrond:
    Stel in de nep-ESIS staan de scholen "99OI00" en "99QQ00"
    En de directie van "99OI00" heeft de koppeling Boom testcentrum geactiveerd
    En een groep van "99OI00" met minstens drie leerlingen en een eigen leerkracht

  @H-S4-12
  Scenario: Mijn Groep toont alleen groepsresultaten van de laatste genormeerde resultaten
    Gegeven Boom testcentrum brengt via de koppeling deze resultaten van toets "BOOM-SPEL-M5" voor die groep:
      | leerling | afnamedatum | vaardigheidsscore | niveau |
      | 1        | 2026-09-01  | 10                | <1F    |
      | 1        | 2026-11-01  | 40                | 1F     |
      | 2        | 2026-11-01  | 50                | 2F     |
      | 3        | 2026-11-01  | 45                | 1F     |
    Als de leerkracht van die groep Mijn Groep opent
    Dan toont Mijn Groep voor toets "BOOM-SPEL-M5" 3 leerlingen met gemiddelde vaardigheidsscore "45.0"
    En toont Mijn Groep voor toets "BOOM-SPEL-M5" de niveauverdeling "1F=2, 2F=1"
    En toont Mijn Groep geen resultaten van afzonderlijke leerlingen en geen eerdere resultaten

  @H-S4-12
  Scenario: Een leerkracht ziet in Mijn Groep alleen de eigen groepen
    Als de leerkracht van die groep Mijn Groep van een groep opent die hij niet lesgeeft
    Dan weigert ESIS met status 403 en een melding die "geen leerkracht van" noemt

  @H-S4-13
  Scenario: Met de hand ingevoerde DLE's staan apart en de koppeling overschrijft ze niet
    Als de leerkracht van die groep voor leerling 1 bij toets "Boom Spelling M5" de DLE "28" invoert op "2026-10-01"
    En de leerkracht van die groep voor leerling 1 bij toets "Boom Spelling M5" de DLE "33" invoert op "2027-01-20"
    En Boom testcentrum via de koppeling voor leerling 1 een resultaat van toets "BOOM-SPEL-M5" brengt met DLE "41"
    Dan toont Toetsresultaten invoeren bij leerling 1 de DLE's "28, 33" met hun datum
    En staat de DLE "41" van de koppeling apart bij de ontvangen resultaten van "99OI00"
