"""The LAS side of UWLR over SOAP: protocol, services, the checks in the standard's order, answers and results."""

from __future__ import annotations
