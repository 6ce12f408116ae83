"""Stap 4 of the handbook: fetch ESIS's data into a review, match, review, summarise, process.

The steps, each a service function that owns its transaction:

* :func:`~boomlink.importeren.ophalen.gegevens_importeren`: "Gegevens importeren" fetches over
  UWLR into an import session (staging); nothing live changes.
* :mod:`~boomlink.importeren.review`: the three tabs × three categories and their actions.
* :func:`~boomlink.importeren.samenvatting.samenvatting`: counts and what will change.
* :func:`~boomlink.importeren.verwerken.import_verwerken`: the confirming "Gegevens importeren",
  one transaction.
* :mod:`~boomlink.importeren.uitnodigingen`: invitation mails and the one-time account link.

See docs/import-review.md for the choices.
"""

from __future__ import annotations
