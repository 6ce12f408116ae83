# language: nl
Functionaliteit: Voorbereiding: Boom schakelt de UWLR-koppeling in voor de school
  Als beheerder van een school in het Boom testcentrum
  wil ik pas aan de koppeling met ESIS beginnen als Boom de ‘UWLR-koppeling’ heeft ingeschakeld
  en ik de bevestigingsmail heb gekregen,
  zodat alleen scholen die erom vroegen hun gegevens laten uitwisselen.

  Achtergrond:
    Stel in ESIS staat de school "OBS De Regenboog" met BRIN "99QQ00"
    En in het Boom testcentrum staat de school "OBS De Regenboog" met BRIN "99QQ"
    En "anna@regenboog.nl" is beheerder van "OBS De Regenboog"
    En "bram@regenboog.nl" is leerkracht van "OBS De Regenboog"
    En het is 16 november 2026

  Regel: H-P-01 Zonder de UWLR-koppeling van Boom wordt elke stap geweigerd, met een melding die dat zegt

    @H-P-01
    Scenario: De beheerder klikt op Verwijder nummers voordat Boom de koppeling heeft ingeschakeld
      Als "anna@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt
      Dan krijgt zij de melding "De UWLR-koppeling is voor OBS De Regenboog nog niet ingeschakeld door Boom."
      En noemt de melding "mail naar testonderwijs@boom.nl o.v.v. ‘UWLR-koppeling aanvragen’"

    @H-P-01
    Scenario: Ook Aanvragen en Wijzigingen opslaan zijn dicht, en ESIS wordt niet benaderd
      Als "anna@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan krijgt zij de melding "nog niet ingeschakeld door Boom"
      En staat er voor "OBS De Regenboog" geen aanvraag
      Als "anna@regenboog.nl" de Autorisatiesleutel "99QQ00-ergens-gevonden-0001" plakt en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "nog niet ingeschakeld door Boom"
      En is ESIS daarvoor niet benaderd

    @H-P-01
    Scenario: Boom schakelt de koppeling in op naam en BRIN van de school
      Als Boom de "UWLR-koppeling" inschakelt voor "OBS De Regenboog" met BRIN "99QQ"
      Dan is de UWLR-koppeling ingeschakeld voor "OBS De Regenboog"

    @H-P-01
    Scenario: Een naam die niet bij het BRIN hoort schakelt niets in
      Als Boom de "UWLR-koppeling" inschakelt voor "OBS De Zonnebloem" met BRIN "99QQ"
      Dan krijgt Boom de melding "bij BRIN 99QQ00 hoort ‘OBS De Regenboog’, niet ‘OBS De Zonnebloem’"
      En is de UWLR-koppeling niet ingeschakeld voor "OBS De Regenboog"

  Regel: H-P-02 Alleen een beheerder van de school (en in ESIS: Directie of Applicatiebeheerder) stelt de koppeling in

    @H-P-02
    Scenario: Een leerkracht kan geen nummers verwijderen en niets aanvragen
      Stel Boom heeft de "UWLR-koppeling" ingeschakeld voor "OBS De Regenboog" en de bevestigingsmail is verstuurd
      Als "bram@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt
      Dan krijgt hij de melding "Alleen een beheerder van OBS De Regenboog kan de koppeling met het LAS instellen."
      Als "bram@regenboog.nl" op "Aanvragen" klikt met Type koppeling "ESIS UWLR", BRIN-code "99QQ" en schooljaar "2026-2027"
      Dan krijgt hij de melding "bram@regenboog.nl heeft geen beheerrechten voor deze school."
      En staat er voor "OBS De Regenboog" geen aanvraag

    @H-P-02
    Scenario: Een leerkracht kan de autorisatiesleutel niet opslaan, en ESIS wordt niet benaderd
      Stel Boom heeft de "UWLR-koppeling" ingeschakeld voor "OBS De Regenboog" en de bevestigingsmail is verstuurd
      En de aanvraag van "anna@regenboog.nl" voor "ESIS UWLR" is goedgekeurd
      En de directie van "99QQ00" heeft in ESIS de koppeling Boom testcentrum geactiveerd met verificatiecode "99QQ00-boomtestcentrum-2026"
      Als "bram@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan krijgt hij de melding "Alleen een beheerder van OBS De Regenboog"
      En is ESIS daarvoor niet benaderd
      En is er voor "OBS De Regenboog" geen autorisatiesleutel opgeslagen

    @H-P-02
    Scenario: In ESIS kan een leerkracht de koppeling Boom testcentrum niet activeren
      Als de ESIS-gebruiker met rol "Leerkracht" van "99QQ00" de koppeling Boom testcentrum probeert te activeren met verificatiecode "99QQ00-boomtestcentrum-2026"
      Dan weigert ESIS dat met status 403 en een melding die "Directie of Applicatiebeheerder" noemt

  Regel: H-P-03 De beheerder krijgt een bevestigingsmail; pas daarna gaan de volgende stappen open

    @H-P-03
    Scenario: De beheerder ontvangt de bevestigingsmail en kan verder
      Als Boom de "UWLR-koppeling" inschakelt voor "OBS De Regenboog" met BRIN "99QQ"
      Dan ontvangt "anna@regenboog.nl" een bevestigingsmail met onderwerp "Bevestiging: UWLR-koppeling aangevraagd voor OBS De Regenboog (99QQ00)"
      En ontvangt "bram@regenboog.nl" geen bevestigingsmail
      En kan "anna@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikken

    @H-P-03
    Scenario: Zolang de bevestigingsmail niet verstuurd is, blijven de volgende stappen dicht
      Stel de mailserver van Boom is onbereikbaar
      Als Boom de "UWLR-koppeling" inschakelt voor "OBS De Regenboog" met BRIN "99QQ"
      Dan is de UWLR-koppeling ingeschakeld voor "OBS De Regenboog"
      En staat de bevestigingsmail voor "anna@regenboog.nl" in de wachtrij
      Als "anna@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt
      Dan krijgt zij de melding "de bevestigingsmail is nog niet verstuurd"
      Als de mailserver weer bereikbaar is en Boom de wachtrij verstuurt
      Dan ontvangt "anna@regenboog.nl" een bevestigingsmail met onderwerp "Bevestiging: UWLR-koppeling aangevraagd voor OBS De Regenboog (99QQ00)"
      En kan "anna@regenboog.nl" in Beheer → Koppelen met LAS op "Verwijder nummers" klikken
