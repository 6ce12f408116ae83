# language: nl
Functionaliteit: De nep-ESIS levert de leerlinggegevens zoals een LAS dat doet
  Als tester van de import in Boom testcentrum
  wil ik dat de nep-ESIS groepen, leerlingen en leerkrachten levert zoals ESIS,
  zodat de import tegen de nep-ESIS hetzelfde doet als tegen ESIS.

  Achtergrond:
    Stel de nep-ESIS draait met de nepscholen van seed 1: "99SY00" en "99VK00"
    En "s.postma" activeert voor "99SY00" de koppeling "Boom testcentrum" met verificatiecode "99SY00-boomtestcentrum-2026"

  @H-P-07
  Regel: Alleen leerlingen en leerkrachten van de gevonden groepen worden geleverd

    Scenario: Een leerling zonder groep en een leerkracht zonder groep worden niet geleverd
      Stel in ESIS staat leerling "Mirthe Prinsen" van "99SY00" in geen enkele groep
      En in ESIS staat leerkracht "Kaylee Wright" van "99SY00" bij geen enkele groep
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      Dan bevat het antwoord 10 groepen, 3 samengestelde groepen, 50 leerlingen en 15 leerkrachten
      En zit leerling "Lisa Appelman" in het antwoord in "Groep 3a"
      En zit leerling "Mirthe Prinsen" niet in het antwoord
      En zit leerkracht "Kaylee Wright" niet in het antwoord
      En zit elke geleverde leerling en leerkracht in een geleverde groep

    Scenario: Getrapt opvragen levert dezelfde leerlingen en leerkrachten
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met de sleutel van "99SY00"
      En Boom testcentrum daarna getrapt de groepen van "99SY00" opvraagt, en dan de leerlingen en leerkrachten van al die groepen
      Dan levert getrapt opvragen dezelfde groepen, leerlingen en leerkrachten als alles in één keer
      En zit leerling "Mirthe Prinsen" niet in het getrapte antwoord

    Scenario: Wie om leerlingen zonder groep vraagt, krijgt alleen die
      Als Boom testcentrum getrapt de leerlingen van "99SY00" zonder groep opvraagt
      Dan bevat het antwoord alleen leerling "Mirthe Prinsen"

  Regel: Zonder gegevens of zonder wijzigingen zegt de nep-ESIS dat

    Scenario: Een schooljaar waarvan de school geen gegevens heeft
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2019-2020" opvraagt met de sleutel van "99SY00"
      Dan antwoordt de nep-ESIS met "geengegevens"

    Scenario: Niets gewijzigd sinds de laatste keer ophalen
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met laatst ontvangen gegevens "2099-01-01T08:00:00+01:00"
      Dan antwoordt de nep-ESIS met "geenwijzigingen"

    Scenario: Gewijzigd sinds de laatste keer ophalen
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt met laatst ontvangen gegevens "2020-01-01T08:00:00+01:00"
      Dan bevat het antwoord 10 groepen, 3 samengestelde groepen, 50 leerlingen en 15 leerkrachten
      En heeft elke groep, leerling en leerkracht in het antwoord een mutatiedatum

  Regel: Een afnemer die om xsdversie 2.1 vraagt, krijgt geen ECK-iD's

    Abstract Scenario: ECK-iD's per xsdversie
      Als Boom testcentrum de leerlinggegevens van "99SY00" voor schooljaar "2026-2027" opvraagt in xsdversie "<versie>"
      Dan heeft leerling "Lisa Appelman" in het antwoord <eckid>

      Voorbeelden:
        | versie | eckid          |
        | 2.1    | geen ECK-iD    |
        | 2.2    | een ECK-iD     |
        | 2.3    | een ECK-iD     |
