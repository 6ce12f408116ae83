# language: nl
Functionaliteit: Stap 3: de koppeling activeren in het Boom testcentrum
  Als beheerder van een school
  wil ik de Autorisatiesleutel uit ESIS in het Boom testcentrum plakken en opslaan,
  zodat het Boom testcentrum met ESIS gegevens kan uitwisselen,
  en wil ik meteen horen als de sleutel niet werkt, in woorden die ik begrijp.

  Achtergrond:
    Stel in ESIS staat de school "OBS De Regenboog" met BRIN "99QQ00"
    En in het Boom testcentrum staat de school "OBS De Regenboog" met BRIN "99QQ"
    En "anna@regenboog.nl" is beheerder van "OBS De Regenboog"
    En het is 16 november 2026
    En Boom heeft de "UWLR-koppeling" ingeschakeld voor "OBS De Regenboog" en de bevestigingsmail is verstuurd
    En de aanvraag van "anna@regenboog.nl" voor "ESIS UWLR" is goedgekeurd
    En de directie van "99QQ00" heeft in ESIS de koppeling Boom testcentrum geactiveerd met verificatiecode "99QQ00-boomtestcentrum-2026"

  Regel: H-S3-01 De beheerder opent Beheer → Koppelen met LAS opnieuw en ziet type, BRIN-code en huidig schooljaar

    @H-S3-01
    Scenario: Koppelen met LAS na de goedgekeurde aanvraag
      Als "anna@regenboog.nl" Beheer → Koppelen met LAS opent
      Dan kan zij bij "Type koppeling" alleen "ESIS UWLR" kiezen
      En toont het formulier BRIN-code "99QQ", vestiging "00" en schooljaar "2026-2027"
      En staat de koppeling van "OBS De Regenboog" op "goedgekeurd" met type "ESIS UWLR"

  Regel: H-S3-02 De beheerder plakt de Autorisatiesleutel en laat SchoolKey leeg; een ingevulde SchoolKey vervangt BRIN en vestiging

    @H-S3-02
    Scenario: Sleutel geplakt, SchoolKey leeg
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan staat de koppeling van "OBS De Regenboog" op "actief"
      En is de SchoolKey "" opgeslagen
      En heeft ESIS de sleutel 1 keer gezien bij "HaalStructuur"

    @H-S3-02
    Scenario: Het formulier legt uit dat SchoolKey voor ESIS leeg blijft
      Als de beheerder de hulp bij ‘Wijzigingen opslaan’ leest
      Dan zegt de hulp "SchoolKey: laat leeg voor ESIS (niet nodig)."

    @H-S3-02
    Scenario: Een ingevulde SchoolKey wordt aan ESIS gestuurd in plaats van BRIN en vestiging
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, bij SchoolKey "ESIS-99OI00" invult en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "ESIS weigert deze autorisatiesleutel voor SchoolKey ESIS-99OI00"
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, bij SchoolKey "ESIS-99QQ00" invult en op "Wijzigingen opslaan" klikt
      Dan staat de koppeling van "OBS De Regenboog" op "actief"
      En is de SchoolKey "ESIS-99QQ00" opgeslagen

  Regel: H-S3-03 ‘Wijzigingen opslaan’ controleert de sleutel bij ESIS en bewaart hem geheim; elke fout krijgt eigen woorden

    @H-S3-03
    Scenario: Een goede sleutel wordt gecontroleerd en alleen gemaskeerd getoond
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan staat de koppeling van "OBS De Regenboog" op "actief"
      En toont Koppelen met LAS voor "anna@regenboog.nl" de Autorisatiesleutel alleen gemaskeerd
      En staat de autorisatiesleutel nergens leesbaar: niet in het logboek, niet in de database en niet in het journaal van ESIS

    @H-S3-03
    Scenario: Een sleutel die ESIS weigert wordt meteen gemeld en niet opgeslagen
      Als "anna@regenboog.nl" de Autorisatiesleutel "99QQ00-verkeerd-overgetypt-0000" plakt en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "ESIS heeft de autorisatiesleutel geweigerd. ESIS weigert deze autorisatiesleutel voor BRIN 99QQ00"
      En noemt de melding "De sleutel is niet opgeslagen."
      En is er voor "OBS De Regenboog" geen autorisatiesleutel opgeslagen
      En staat de koppeling van "OBS De Regenboog" op "goedgekeurd"
      En staat de autorisatiesleutel nergens leesbaar: niet in het logboek, niet in de database en niet in het journaal van ESIS

    @H-S3-03
    Scenario: Een verkeerde klantcode van Boom is een probleem van Boom, niet van de school
      Stel Boom gebruikt bij ESIS de klantcode "BOOM-VERKEERD"
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "ESIS herkent het Boom testcentrum niet als afnemer van de koppeling"
      En noemt de melding "Dit ligt niet aan je school en niet aan de autorisatiesleutel"
      En noemt de melding "neem contact op met Boom (testonderwijs@boom.nl)"
      En is er voor "OBS De Regenboog" geen autorisatiesleutel opgeslagen

    @H-S3-03
    Scenario: Als ESIS niet bereikbaar is, wordt niets opgeslagen en hoort de beheerder wat te doen
      Stel ESIS is niet bereikbaar
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "ESIS is nu niet bereikbaar: er kwam geen verbinding met ESIS tot stand (na 3 pogingen)."
      En noemt de melding "Probeer het over een paar minuten opnieuw met ‘Wijzigingen opslaan’"
      En is er voor "OBS De Regenboog" geen autorisatiesleutel opgeslagen

    @H-S3-03
    Scenario: Twee keer onderhoud bij ESIS merkt de beheerder niet
      Stel ESIS antwoordt de eerste 2 keer met HTTP-status 503
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan staat de koppeling van "OBS De Regenboog" op "actief"
      En heeft ESIS de sleutel 3 keer gezien bij "HaalStructuur"
