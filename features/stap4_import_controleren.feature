# language: nl
Functionaliteit: Stap 3 en 4: gegevens importeren, de import controleren en afronden
  Als beheerder van een school
  wil ik de groepen, leerkrachten en leerlingen uit ESIS eerst controleren
  en pas daarna in één keer importeren in het Boom testcentrum,
  zodat er niets dubbel of half wordt geïmporteerd.

  Achtergrond:
    Stel de school "RKBS De Klimop" met BRIN "99SY00" is in ESIS en in het Boom testcentrum gekoppeld
    En "beheer@klimop.nl" is de beheerder van die school in het Boom testcentrum

  @H-S3-04 @H-S4-01 @H-S4-02
  Scenario: Gegevens importeren toont groepen, leerkrachten en leerlingen ter controle
    Als de beheerder op "Gegevens importeren" klikt
    Dan ziet de beheerder de tabbladen "Groepen", "Leerkrachten" en "Leerlingen", elk met "Nieuw", "Bestaand" en "Niet importeren"
    En staan op het tabblad "Groepen" onder "Nieuw" 10 regels, waaronder "Groep 1/2a" en "Groep 8"
    En staan op het tabblad "Leerlingen" onder "Nieuw" 50 regels
    En staat er onder "Bestaand" en "Niet importeren" nog niets
    En is er in het Boom testcentrum nog geen groep, leerkracht of leerling bijgekomen

  @H-P-07
  Scenario: Alleen leerlingen en leerkrachten van de gevonden groepen worden aangeboden
    Stel in ESIS zit leerling "Noor Visser" (nummer "900010", geboren 12-05-2016) in groep "Groep 4a"
    En ESIS haalt leerling "900010" uit haar groep
    En in ESIS werkt "Sander Postma" (nummer "700001", e-mailadres "s.postma@klimop.nl") zonder groep
    Als de beheerder op "Gegevens importeren" klikt
    Dan staat "Noor Visser" op geen enkel tabblad
    En staat "Sander Postma" op geen enkel tabblad

  @H-P-05 @H-P-06 @H-S4-08
  Scenario: Eerst de samenvatting, dan verwerkt "Gegevens importeren" alles in één keer
    Stel in ESIS zit leerling "Jan van Dijk" (nummer "900001", geboren 04-03-2017) in groep "Groep 3a"
    En in ESIS geeft "Fatma Yılmaz" (nummer "700002", e-mailadres "f.yilmaz@klimop.nl") les aan "Groep 3a" en "Groep 4a"
    Als de beheerder op "Gegevens importeren" klikt
    En de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder nog een keer op "Gegevens importeren" klikt
    Dan toont de samenvatting "Leerlingen: Nieuw: 51, Bestaand: 0, Niet importeren: 0"
    En is er in het Boom testcentrum nog geen groep, leerkracht of leerling bijgekomen
    Als de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan staat leerling "Jan van Dijk" zo in het Boom testcentrum:
      | veld           | waarde    |
      | achternaam     | Dijk      |
      | voorvoegsel    | van       |
      | voorletters    | J.        |
      | roepnaam       | Jan       |
      | geboortedatum  | 04-03-2017 |
      | geslacht       | 1         |
      | jaargroep      | 3         |
      | groep          | Groep 3a  |
      | leerlingnummer | 900001    |
    En staat leerkracht "Fatma Yılmaz" zo in het Boom testcentrum:
      | veld        | waarde             |
      | achternaam  | Yılmaz             |
      | voorvoegsel |                    |
      | voorletters | F.                 |
      | roepnaam    | Fatma              |
      | emailadres  | f.yilmaz@klimop.nl |
      | groepen     | Groep 3a, Groep 4a |
    En staan er 51 leerlingen in het Boom testcentrum

  @H-S4-08
  Scenario: Twee beheerders klikken tegelijk op "Gegevens importeren"
    Als de beheerder op "Gegevens importeren" klikt
    En de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En twee beheerders tegelijk in de samenvatting op "Gegevens importeren" klikken
    Dan is de import één keer verwerkt en krijgt de ander de melding "al verwerkt"
    En staan er 50 leerlingen in het Boom testcentrum

  @H-S4-03
  Scenario: Een leerkracht zonder e-mailadres krijgt er een in de controle
    Stel in ESIS geeft "Bram de Boer" (nummer "700003", zonder e-mailadres) les aan "Groep 5/6"
    Als de beheerder op "Gegevens importeren" klikt
    Dan meldt het tabblad "Leerkrachten" bij "Bram de Boer" dat er een e-mailadres moet worden ingevuld
    Als de beheerder de andere nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan weigert het Boom testcentrum met een melding die "Bram de Boer" noemt
    Als de beheerder bij "Bram de Boer" het e-mailadres "b.deboer@klimop.nl" invult
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan staat leerkracht "Bram de Boer" zo in het Boom testcentrum:
      | veld        | waarde             |
      | emailadres  | b.deboer@klimop.nl |
      | groepen     | Groep 5/6          |

  @H-S4-04
  Scenario: Elke nieuwe leerkracht krijgt één uitnodiging, ook als de mailserver even plat ligt
    Stel in ESIS geeft "Fatma Yılmaz" (nummer "700002", e-mailadres "f.yilmaz@klimop.nl") les aan "Groep 3a" en "Groep 4a"
    En de mailserver van het Boom testcentrum ligt eruit
    Als de beheerder op "Gegevens importeren" klikt
    En de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan is er nog geen uitnodiging verstuurd
    Als de mailserver weer werkt en het Boom testcentrum de wachtrij twee keer verstuurt
    Dan krijgt "f.yilmaz@klimop.nl" precies 1 uitnodiging met een link om een account aan te maken
    En krijgt elke nieuwe leerkracht met een e-mailadres precies 1 uitnodiging
    En maakt de link van "f.yilmaz@klimop.nl" één keer een account aan; de tweede keer is hij "al gebruikt"

  @H-S4-05
  Scenario: Een bekende leerling wordt automatisch gekoppeld, ook met een andere schrijfwijze
    Stel in het Boom testcentrum staat leerling "DIJK, van" met roepnaam "Jan", geboren 04-03-2017, zonder extern nummer
    En in ESIS zit leerling "Jan van Dijk" (nummer "900001", geboren 04-03-2017) in groep "Groep 3a"
    Als de beheerder op "Gegevens importeren" klikt
    Dan staat "Jan van Dijk" op het tabblad "Leerlingen" onder "Bestaand"
    Als de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan is er 1 leerling met roepnaam "Jan" en geboortedatum 04-03-2017, met leerlingnummer "900001"
    En staan er 51 leerlingen in het Boom testcentrum

  @H-S4-06
  Scenario: Koppel met bestaande leerling
    Stel in het Boom testcentrum staat leerling "Bakker" met roepnaam "Semmy", geboren 06-05-2016, zonder extern nummer
    En in het Boom testcentrum staat leerling "Bakker" met roepnaam "Sam", geboren 06-05-2016, zonder extern nummer
    En in ESIS zit leerling "Sem Bakker" (nummer "900002", geboren 06-05-2016) in groep "Groep 4a"
    Als de beheerder op "Gegevens importeren" klikt
    Dan staat "Sem Bakker" op het tabblad "Leerlingen" onder "Nieuw", met 2 mogelijke bestaande leerlingen
    Als de beheerder bij "Sem Bakker" op "Koppel met bestaande leerling" klikt en "Sam Bakker" kiest
    Dan staat "Sem Bakker" op het tabblad "Leerlingen" onder "Bestaand"
    Als de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan heeft de gekozen leerling "Sam Bakker" nu leerlingnummer "900002" en de roepnaam "Sem" uit ESIS
    En staan er 52 leerlingen in het Boom testcentrum

  @H-S4-07
  Scenario: Niet importeren, met het advies om groepen en leerlingen altijd te importeren
    Als de beheerder op "Gegevens importeren" klikt
    En de beheerder groep "Groep 1/2a" onder "Niet importeren" zet
    Dan staat "Groep 1/2a" op het tabblad "Groepen" onder "Niet importeren"
    En raadt het scherm aan om groepen en leerlingen altijd te importeren, "ook groep 1 en 2"
    Als de beheerder groep "Groep 1/2a" terugzet
    Dan staat "Groep 1/2a" op het tabblad "Groepen" onder "Nieuw"
    Als de beheerder groep "Groep 1/2b" onder "Niet importeren" zet
    En de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan bestaat groep "Groep 1/2b" niet in het Boom testcentrum
    En bestaat groep "Groep 1/2a" wel in het Boom testcentrum
