# language: nl
Functionaliteit: De nep-ESIS ontvangt leerresultaten in hun geheel of helemaal niet
  Als tester van het versturen van resultaten uit Boom testcentrum
  wil ik dat de nep-ESIS een bericht met resultaten helemaal opslaat of helemaal weigert,
  zodat ik kan zien dat elk resultaat precies één keer aankomt.

  Achtergrond:
    Stel de nep-ESIS draait met de nepscholen van seed 1: "99SY00" en "99VK00"
    En "s.postma" activeert voor "99SY00" de koppeling "Boom testcentrum" met verificatiecode "99SY00-boomtestcentrum-2026"

  Scenario: Een resultaat wordt ontvangen en bevestigd
    Als Boom testcentrum voor "99SY00" score 30 op toets "BOOM-REK-M5" van leerling "Lisa Appelman" brengt als resultaat "BOOM-2026-0001"
    Dan bevestigt de nep-ESIS de ontvangst
    En heeft de nep-ESIS voor "99SY00" 1 resultaat ontvangen: score 30 van leerling "Lisa Appelman"

  Scenario: Hetzelfde resultaat opnieuw sturen vervangt het eerdere
    Als Boom testcentrum voor "99SY00" score 30 op toets "BOOM-REK-M5" van leerling "Lisa Appelman" brengt als resultaat "BOOM-2026-0001"
    En Boom testcentrum voor "99SY00" score 42 op toets "BOOM-REK-M5" van leerling "Lisa Appelman" brengt als resultaat "BOOM-2026-0001"
    Dan bevestigt de nep-ESIS de ontvangst
    En heeft de nep-ESIS voor "99SY00" 1 resultaat ontvangen: score 42 van leerling "Lisa Appelman"

  Scenario: Een onbekende leerling laat het hele bericht weigeren
    Als Boom testcentrum voor "99SY00" in één bericht score 30 van leerling "Lisa Appelman" en score 35 van leerling "Seth Doorhof" brengt
    Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.LeerlingOngeldig"
    En heeft de nep-ESIS voor "99SY00" geen resultaten ontvangen

  Scenario: Een score buiten de normering wordt geweigerd
    Als Boom testcentrum voor "99SY00" score 51 op toets "BOOM-REK-M5" van leerling "Lisa Appelman" brengt als resultaat "BOOM-2026-0002"
    Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.ScoreOngeldig"
    En heeft de nep-ESIS voor "99SY00" geen resultaten ontvangen
