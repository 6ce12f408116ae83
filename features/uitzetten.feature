# language: nl
Functionaliteit: De koppeling uitzetten
  Als beheerder van een school (in het Boom testcentrum of in ESIS)
  wil ik de koppeling kunnen uitzetten,
  zodat er daarna geen gegevens meer worden uitgewisseld en de sleutel niet meer werkt.

  Achtergrond:
    Stel in ESIS staat de school "OBS De Regenboog" met BRIN "99QQ00"
    En in het Boom testcentrum staat de school "OBS De Regenboog" met BRIN "99QQ"
    En "anna@regenboog.nl" is beheerder van "OBS De Regenboog"
    En het is 16 november 2026
    En Boom heeft de "UWLR-koppeling" ingeschakeld voor "OBS De Regenboog" en de bevestigingsmail is verstuurd
    En de aanvraag van "anna@regenboog.nl" voor "ESIS UWLR" is goedgekeurd
    En de directie van "99QQ00" heeft in ESIS de koppeling Boom testcentrum geactiveerd met verificatiecode "99QQ00-boomtestcentrum-2026"
    En "anna@regenboog.nl" heeft de Autorisatiesleutel uit ESIS opgeslagen

  Regel: H-X-03 Na het uitzetten (aan welke kant ook) gaan er geen gegevens meer over en werkt de sleutel niet meer

    @H-X-03
    Scenario: De koppeling werkt zolang niemand haar uitzet
      Als "anna@regenboog.nl" de koppeling laat controleren bij ESIS
      Dan heeft ESIS de sleutel 2 keer gezien bij "HaalStructuur"

    @H-X-03
    Scenario: De beheerder zet de koppeling uit in het Boom testcentrum
      Als "anna@regenboog.nl" in Beheer → Koppelen met LAS de koppeling uitzet
      Dan staat de koppeling van "OBS De Regenboog" op "uit"
      En is er voor "OBS De Regenboog" geen autorisatiesleutel opgeslagen
      Als "anna@regenboog.nl" de koppeling laat controleren bij ESIS
      Dan krijgt zij de melding "De koppeling van OBS De Regenboog is niet actief; er worden geen gegevens uitgewisseld."
      En is ESIS daarvoor niet benaderd
      Als "anna@regenboog.nl" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op "Wijzigingen opslaan" klikt
      Dan krijgt zij de melding "Er is nog geen goedgekeurde aanvraag voor een koppeling."
      En is ESIS daarvoor niet benaderd
      En staat de autorisatiesleutel nergens leesbaar: niet in het logboek, niet in de database en niet in het journaal van ESIS

    @H-X-03
    Scenario: De directie zet de koppeling uit in ESIS
      Als de directie van "99QQ00" de koppeling Boom testcentrum in ESIS deactiveert
      En "anna@regenboog.nl" de koppeling laat controleren bij ESIS
      Dan krijgt zij de melding "ESIS weigert deze autorisatiesleutel voor BRIN 99QQ00"
      En noemt de melding "of de koppeling Boom testcentrum is in ESIS niet (meer) actief"
