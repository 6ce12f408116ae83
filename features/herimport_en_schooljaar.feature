# language: nl
Functionaliteit: Later opnieuw importeren en de wisseling van het schooljaar
  Als beheerder van een school
  wil ik later opnieuw op "Gegevens importeren" klikken en dan de wijzigingen uit ESIS krijgen,
  ook na 1 augustus, zonder dat leerlingen dubbel komen of verdwijnen.

  Achtergrond:
    Stel de school "RKBS De Klimop" met BRIN "99SY00" is in ESIS en in het Boom testcentrum gekoppeld
    En "beheer@klimop.nl" is de beheerder van die school in het Boom testcentrum
    En in ESIS zit leerling "Jan van Dijk" (nummer "900001", geboren 04-03-2017) in groep "Groep 3a"
    En in ESIS zit leerling "Noor Visser" (nummer "900011", geboren 12-05-2016) in groep "Groep 3a"
    En in ESIS zit leerling "Daan Smit" (nummer "900012", geboren 01-09-2016) in groep "Groep 3a"
    En in ESIS zit leerling "Lotte Bos" (nummer "900013", geboren 20-10-2016) in groep "Groep 3a"
    En de beheerder heeft de gegevens uit ESIS geïmporteerd
    En leerling "Daan Smit" heeft een afname van toets "REK-M4" in het Boom testcentrum

  @H-S3-05
  Scenario: Een latere import brengt nieuwe, gewijzigde, vertrokken en verhuisde leerlingen en groepswijzigingen
    Stel in ESIS zit leerling "Elif Yılmaz" (nummer "900020", geboren 03-02-2018) in groep "Groep 3a"
    En in ESIS heet leerling "900011" voortaan "Noor Veldhuis"
    En in ESIS vertrekt leerling "900012"
    En in ESIS verhuist leerling "900013" naar groep "Groep 4a"
    En in ESIS heet groep "Groep 5/6" voortaan "De Uilen"
    Als de beheerder opnieuw op "Gegevens importeren" klikt
    Dan staat op het tabblad "Leerlingen" alleen "Elif Yılmaz" onder "Nieuw"
    En noemt de samenvatting "Daan Smit" als vertrokken
    En noemt de samenvatting de wijziging "Veldhuis"
    Als de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan is leerling "900012" gemarkeerd als vertrokken en is haar afname van "REK-M4" bewaard
    En heet leerling "900011" in het Boom testcentrum "Noor Veldhuis"
    En zit leerling "900013" in groep "Groep 4a"
    En heet de groep die eerst "Groep 5/6" heette nu "De Uilen"
    En is geen enkele leerling uit ESIS dubbel of verdwenen in het Boom testcentrum

  @H-S3-05
  Scenario: Een leerling die in ESIS alleen nog een ECK iD heeft, blijft dezelfde leerling
    Stel ESIS stuurt leerling "900001" voortaan alleen met haar ECK iD
    Als de beheerder opnieuw op "Gegevens importeren" klikt
    Dan staat "Jan van Dijk" op het tabblad "Leerlingen" onder "Bestaand"
    Als de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan is geen enkele leerling uit ESIS dubbel of verdwenen in het Boom testcentrum
    En is er geen leerling gemarkeerd als vertrokken

  @H-X-01
  Scenario: Na 1 augustus brengt de import de groepen van het nieuwe schooljaar; de oude blijven
    Als ESIS op 1 augustus de groepen doorzet naar schooljaar "2027-2028"
    En de beheerder opnieuw op "Gegevens importeren" klikt
    Dan zegt het scherm dat het nieuw schooljaar "2027-2028" is en dat de groepen van "2026-2027" bewaard blijven
    En staat op het tabblad "Groepen" niets onder "Bestaand"
    Als de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet
    En de beheerder in de samenvatting op "Gegevens importeren" klikt
    Dan heeft het Boom testcentrum de groepen van "2026-2027" nog, met dezelfde leerlingen als voor de wissel
    En zit leerling "900001" in "Groep 4a" van "2027-2028" en in "Groep 3a" van "2026-2027"
    En zijn de leerlingen van groep 8 gemarkeerd als vertrokken en is de afname van "900012" bewaard
    En is geen enkele leerling uit ESIS dubbel of verdwenen in het Boom testcentrum
