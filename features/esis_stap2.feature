# language: nl
Functionaliteit: Stap 2 van de handleiding: de resultatenkoppeling Boom testcentrum activeren in ESIS
  Als directeur of applicatiebeheerder van een school
  wil ik in ESIS de koppeling met Boom testcentrum activeren en een autorisatiesleutel krijgen,
  zodat Boom testcentrum (en niemand anders) de gegevens van mijn school kan ophalen.

  Achtergrond:
    Stel in de nep-ESIS staan de scholen "99QQ00" en "99OI00"

  @H-S2-01
  Scenario: De directie activeert de koppeling
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI00-directie-2026-abc" en akkoord
    Dan toont ESIS een nieuwe autorisatiesleutel
    En is de koppeling van "99OI00" actief

  @H-S2-01
  Scenario: De applicatiebeheerder activeert de koppeling
    Als de gebruiker met rol "Applicatiebeheerder" van "99OI00" de koppeling activeert met verificatiecode "99OI00-beheer-2026-abcd" en akkoord
    Dan toont ESIS een nieuwe autorisatiesleutel

  @H-S2-01
  Abstract Scenario: Andere rollen mogen de koppeling niet activeren
    Als de gebruiker met rol "<rol>" van "99OI00" de koppeling activeert met verificatiecode "99OI001234567890abcd" en akkoord
    Dan weigert ESIS met status 403 en een melding die "Directie of Applicatiebeheerder" noemt
    En is de koppeling van "99OI00" niet actief

    Voorbeelden:
      | rol           |
      | Leerkracht    |
      | Administratie |

  @H-S2-02
  Abstract Scenario: De verificatiecode is 20 tot 50 tekens lang
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met een verificatiecode van <lengte> tekens en akkoord
    Dan <uitkomst>

    Voorbeelden:
      | lengte | uitkomst                                                              |
      | 19     | weigert ESIS met status 422 en een melding die "minimaal 20" noemt    |
      | 20     | toont ESIS een nieuwe autorisatiesleutel                              |
      | 50     | toont ESIS een nieuwe autorisatiesleutel                              |
      | 51     | weigert ESIS met status 422 en een melding die "maximaal 50" noemt    |

  @H-S2-02 @H-S2-03
  Scenario: Het voorbeeld uit de handleiding wordt geweigerd voor 99QQ00
    Als de gebruiker met rol "Directie" van "99QQ00" de koppeling activeert met verificatiecode "99OI001234567890abcd" en akkoord
    Dan weigert ESIS met status 422 en een melding die "beginnen met het BRIN + vestigingsnummer van deze school (99QQ00)" noemt
    En is de koppeling van "99QQ00" niet actief

  @H-S2-02 @H-S2-03
  Scenario: Het voorbeeld uit de handleiding wordt geaccepteerd voor 99OI00
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI001234567890abcd" en akkoord
    Dan toont ESIS een nieuwe autorisatiesleutel
    En beantwoordt de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met die sleutel

  @H-S2-04
  Scenario: Elke activering geeft een nieuwe sleutel en de vorige werkt niet meer
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI00-eerste-keer-0001" en akkoord
    En de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI00-tweede-keer-0002" en akkoord
    Dan verschillen de getoonde sleutels
    En weigert de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met de eerste sleutel met SOAP-fout "Client.AutorisatieOngeldig"
    En beantwoordt de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met die sleutel
    En toont het koppelingsscherm van "99OI00" de sleutel niet meer voluit

  @H-S2-05
  Scenario: Zonder akkoord met de gebruikersvoorwaarden wordt niets opgeslagen
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI001234567890abcd" zonder akkoord
    Dan weigert ESIS met status 422 en een melding die "gebruikersvoorwaarden" noemt
    En is de koppeling van "99OI00" niet actief
    En heeft "99OI00" geen werkende sleutel

  @H-S2-06
  Scenario: Na opslaan wordt de sleutel van de school geaccepteerd, elke andere geweigerd
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI001234567890abcd" en akkoord
    Dan beantwoordt de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met die sleutel
    En weigert de nep-ESIS een verzoek om de leerlinggegevens van "99QQ00" met die sleutel met SOAP-fout "Client.AutorisatieOngeldig"
    En weigert de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met sleutel "verzonnen-sleutel-0000000000" met SOAP-fout "Client.AutorisatieOngeldig"

  @H-X-03
  Scenario: De koppeling uitzetten trekt de sleutel in
    Als de gebruiker met rol "Directie" van "99OI00" de koppeling activeert met verificatiecode "99OI001234567890abcd" en akkoord
    En de gebruiker met rol "Applicatiebeheerder" van "99OI00" de koppeling deactiveert
    Dan is de koppeling van "99OI00" niet actief
    En weigert de nep-ESIS een verzoek om de leerlinggegevens van "99OI00" met die sleutel met SOAP-fout "Client.AutorisatieOngeldig"
