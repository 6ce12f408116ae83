# language: nl
Functionaliteit: De nep-ESIS beantwoordt alleen UWLR-verzoeken met de sleutel van de school
  Als tester van de koppeling met Boom testcentrum
  wil ik dat de nep-ESIS sleutels controleert zoals ESIS dat doet,
  zodat een koppeling die hier werkt ook bij de echte ESIS werkt.

  Achtergrond:
    Stel de nep-ESIS draait met de nepscholen van seed 1: "99SY00" en "99VK00"
    En school "99SY00" heet "RKBS De Klimop"
    En school "99VK00" heet "OBS De Windroos"
    En "s.postma" activeert voor "99SY00" de koppeling "Boom testcentrum" met verificatiecode "99SY00-boomtestcentrum-2026"
    En "l.spier" activeert voor "99VK00" de koppeling "Boom testcentrum" met verificatiecode "99VK00-boomtestcentrum-2026"

  @H-S2-06
  Regel: Verzoeken met de sleutel van de school worden beantwoord

    Scenario: Boom testcentrum haalt de leerlinggegevens op met de sleutel van de school
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan antwoordt de nep-ESIS met de leerlinggegevens van "RKBS De Klimop"

    Scenario: Elke school heeft haar eigen sleutel
      Als Boom testcentrum de leerlinggegevens van "99VK00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99VK00"
      Dan antwoordt de nep-ESIS met de leerlinggegevens van "OBS De Windroos"
      En is de sleutel van "99VK00" een andere dan die van "99SY00"

  @H-S2-06
  Regel: Elke andere sleutel, een ingetrokken sleutel en een andere school worden geweigerd met een SOAP-fout

    Scenario: Een verzonnen sleutel wordt geweigerd
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met sleutel "Xq3-verzonnen-sleutel-die-niemand-kreeg-0001"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      En staat geen sleutel in de foutmelding

    Scenario: De sleutel van de ene school opent de andere school niet
      Als Boom testcentrum de leerlinggegevens van "99VK00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      En staat geen sleutel in de foutmelding

    Scenario: De sleutel geldt niet voor een andere vestiging van dezelfde BRIN
      Als Boom testcentrum de leerlinggegevens van "99SY01" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"

    Scenario: De sleutel geldt niet voor een BRIN die de nep-ESIS niet kent
      Als Boom testcentrum de leerlinggegevens van "99ZZ00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"

    Scenario: Een ingetrokken sleutel werkt meteen niet meer
      Stel "s.postma" zet voor "99SY00" de koppeling "Boom testcentrum" uit
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      En staat geen sleutel in de foutmelding

    Scenario: Na opnieuw activeren werkt alleen de nieuwe sleutel
      Stel "s.postma" activeert voor "99SY00" de koppeling "Boom testcentrum" opnieuw met verificatiecode "99SY00-tweede-activering-2026"
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de vorige sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan antwoordt de nep-ESIS met de leerlinggegevens van "RKBS De Klimop"

    Scenario: Ook getrapt opvragen en resultaten brengen vraagt de juiste sleutel
      Als Boom testcentrum de groepen van "99SY00" opvraagt met sleutel "Xq3-verzonnen-sleutel-die-niemand-kreeg-0001"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      Als Boom testcentrum voor "99SY00" score 30 op toets "BOOM-REK-M5" van leerling "Lisa Appelman" brengt met sleutel "Xq3-verzonnen-sleutel-die-niemand-kreeg-0001"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.AutorisatieOngeldig"
      En heeft de nep-ESIS voor "99SY00" geen resultaten ontvangen

  Regel: Alleen een bekende afnemer krijgt antwoord, en dat wordt eerst gecontroleerd

    Scenario: Een onbekende klantnaam wordt geweigerd, ook met de juiste sleutel
      Als "Andere Uitgever" met klantcode "ANDERE-UITGEVER-1" de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.OngeldigeKlantIdentificatie"

    Scenario: Een verkeerde klantcode gaat voor een verkeerde sleutel
      Als "Boom testcentrum" met klantcode "FOUTE-CODE" de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met sleutel "Xq3-verzonnen-sleutel-die-niemand-kreeg-0001"
      Dan weigert de nep-ESIS het verzoek met SOAP-fout "Client.OngeldigeKlantIdentificatie"
