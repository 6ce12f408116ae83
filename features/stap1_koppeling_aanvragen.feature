# language: nl
Functionaliteit: Stap 1: de koppeling aanvragen in het Boom testcentrum
  Als beheerder van een school
  wil ik onder Beheer → Koppelen met LAS een koppeling van het type ESIS UWLR aanvragen,
  zodat het Boom testcentrum de gegevens van mijn school uit ESIS mag halen.

  Achtergrond:
    Stel in het Boom testcentrum staat de school "OBS De Regenboog" met BRIN "99QQ"
    En "anna@regenboog.nl" is beheerder van "OBS De Regenboog"
    En het is 16 november 2026
    En Boom heeft de "UWLR-koppeling" ingeschakeld voor "OBS De Regenboog" en de bevestigingsmail is verstuurd

  Regel: H-S1-01 Bij ‘Type koppeling’ kiest de beheerder ESIS UWLR (in stap 3 heet dat ook wel ‘ESIS’)

    @H-S1-01
    Scenario: Het formulier biedt ESIS UWLR aan
      Als "anna@regenboog.nl" Beheer → Koppelen met LAS opent
      Dan kan zij bij "Type koppeling" alleen "ESIS UWLR" kiezen

    @H-S1-01
    Abstract Scenario: ESIS UWLR wordt goedgekeurd, ook als het als ‘ESIS’ geschreven staat
      Stel alle externe nummers van "OBS De Regenboog" zijn leeg
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "<type>", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan staat de koppeling van "OBS De Regenboog" op "goedgekeurd" met type "ESIS UWLR"

      Voorbeelden:
        | type      |
        | ESIS UWLR |
        | ESIS      |

    @H-S1-01
    Scenario: Een ander type koppeling wordt afgewezen
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ParnasSys", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan krijgt zij de melding "De aanvraag is afgewezen. Het veld ‘Type koppeling’ is niet juist: ‘ParnasSys’ wordt niet ondersteund; kies ‘ESIS UWLR’."
      En staat de koppeling van "OBS De Regenboog" op "afgewezen"

  Regel: H-S1-02 Het formulier toont de BRIN-code en het huidige schooljaar (dat wisselt op 1 augustus); iets anders wordt afgewezen

    @H-S1-02
    Scenario: Het formulier toont de BRIN-code en het huidige schooljaar
      Als "anna@regenboog.nl" Beheer → Koppelen met LAS opent
      Dan toont het formulier BRIN-code "99QQ", vestiging "00" en schooljaar "2026-2027"

    @H-S1-02
    Abstract Scenario: Het huidige schooljaar wisselt op 1 augustus om middernacht
      Stel het is <moment>
      Als "anna@regenboog.nl" Beheer → Koppelen met LAS opent
      Dan toont het formulier BRIN-code "99QQ", vestiging "00" en schooljaar "<schooljaar>"

      Voorbeelden:
        | moment                | schooljaar |
        | 31 juli 2027 23:59    | 2026-2027  |
        | 1 augustus 2027 00:00 | 2027-2028  |

    @H-S1-02
    Abstract Scenario: Een verkeerde BRIN-code of een ander schooljaar wordt afgewezen
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "<brin>" en schooljaar "<schooljaar>"
      Dan krijgt zij de melding "<melding>"
      En staat de koppeling van "OBS De Regenboog" op "afgewezen"

      Voorbeelden:
        | brin   | schooljaar | melding                                                                                |
        | 99OI   | 2026-2027  | Het veld ‘BRIN-code’ is niet juist: de BRIN-code van OBS De Regenboog is 99QQ, niet 99OI. |
        | 99QQ01 | 2026-2027  | Het veld ‘BRIN-code’ is niet juist: de BRIN-code van OBS De Regenboog is 99QQ00, niet 99QQ01. |
        | 99QQ   | 2025-2026  | Het veld ‘Schooljaar’ is niet juist: 2025-2026 is niet het huidige schooljaar; het huidige schooljaar is 2026-2027. |

  Regel: H-S1-03 Aanvragen kan alleen als alle externe nummers van leerlingen en groepen leeg zijn

    @H-S1-03
    Scenario: Aanvragen wordt geweigerd zolang er nog externe nummers gevuld zijn
      Stel "OBS De Regenboog" heeft in het Boom testcentrum groep "Groep 5a" met extern nummer "G-5A" en deze leerlingen:
        | roepnaam | achternaam | extern nummer |
        | Sanne    | Bakker     | L-1001        |
        | Daan     | de Vries   | L-1002        |
        | Fleur    | Smit       |               |
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan krijgt zij de melding "Er zijn nog 3 externe nummers gevuld (2 van leerlingen, 1 van groepen)."
      En noemt de melding "Klik eerst op ‘Verwijder nummers’"
      En staat er voor "OBS De Regenboog" geen aanvraag

  Regel: H-S1-04 ‘Verwijder nummers’ maakt alle externe nummers leeg en verwijdert geen toetsgegevens

    @H-S1-04
    Scenario: Verwijder nummers maakt de nummers leeg en laat afnames, scores en normen staan
      Stel "OBS De Regenboog" heeft in het Boom testcentrum groep "Groep 5a" met extern nummer "G-5A" en deze leerlingen:
        | roepnaam | achternaam | extern nummer |
        | Sanne    | Bakker     | L-1001        |
        | Daan     | de Vries   | L-1002        |
      En "Sanne Bakker" heeft toets "Boom Rekenen M5" gemaakt op 3 oktober 2026 met score 31, vaardigheidsscore "187.5", DLE "42" en niveau "II"
      Als "anna@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt
      Dan zijn alle externe nummers van leerlingen en groepen van "OBS De Regenboog" leeg
      En zijn de toetsgegevens precies zoals ze waren
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan staat de koppeling van "OBS De Regenboog" op "goedgekeurd" met type "ESIS UWLR"

  Regel: H-S1-05 ‘Aanvragen’ keurt een juiste aanvraag meteen goed en wijst een onjuiste af met veld en reden

    @H-S1-05
    Scenario: Een juiste aanvraag wordt meteen goedgekeurd
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ00" en schooljaar "2026-2027"
      Dan staat de koppeling van "OBS De Regenboog" op "goedgekeurd" met type "ESIS UWLR"

    @H-S1-05
    Scenario: Een onjuiste aanvraag wordt afgewezen met het veld en de reden, en kan daarna opnieuw
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026/2027"
      Dan krijgt zij de melding "De aanvraag is afgewezen. Het veld ‘Schooljaar’ is niet juist: ‘2026/2027’ is geen schooljaar; schrijf het als 2026-2027."
      En staat de koppeling van "OBS De Regenboog" op "afgewezen"
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan staat de koppeling van "OBS De Regenboog" op "goedgekeurd" met type "ESIS UWLR"
