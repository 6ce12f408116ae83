# language: nl
Functionaliteit: Voorbereiding: de koppeling wisselt vanzelf uit, in beide richtingen
  Om automatisch alle resultaten en leerling-, groeps- en medewerkersgegevens tussen het Boom
  testcentrum en ESIS uit te wisselen, maakt de school een UWLR-koppeling.

  Achtergrond:
    Stel de school "RKBS De Klimop" met BRIN "99SY00" is in ESIS en in het Boom testcentrum gekoppeld
    En "beheer@klimop.nl" is de beheerder van die school in het Boom testcentrum

  @H-P-04
  Scenario: Leerlingen, groepen en medewerkers komen uit ESIS; resultaten gaan terug naar ESIS
    Als de beheerder de gegevens uit ESIS importeert en verwerkt
    Dan staan alle groepen, leerlingen en leerkrachten met e-mailadres uit ESIS in het Boom testcentrum
    Als het Boom testcentrum een toetsafname van een van die leerlingen normeert met DLE "24"
    En het Boom testcentrum de wachtrij voor ESIS aflevert
    Dan staat dat resultaat met DLE "24" in ESIS bij die leerling, zonder dat iemand in ESIS iets deed
