"""The link's life cycle as in the handbook: voorbereiding, stap 1 (aanvragen), stap 3 (verificatie, opslaan, uitzetten), controle, and who may do what (toegang)."""

from __future__ import annotations
