"""A faithful fake ESIS: UWLR 2.x over SOAP (spyne), ESIS screens, admin API, journal, faults."""

from __future__ import annotations
