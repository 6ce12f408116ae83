"""UWLR 2.x, the Edustandaard SOAP standard for pupil data and results: our contract and tools.

Submodules: :mod:`uwlr.models` (typed messages), :mod:`uwlr.build` / :mod:`uwlr.parse` (lxml),
:mod:`uwlr.validate` (our contract XSDs), :mod:`uwlr.envelope` (SOAP 1.1 envelopes and faults),
:mod:`uwlr.faults` (fault codes), :mod:`uwlr.safexml` (hardened parsing), :mod:`uwlr.fake`
(deterministic fake Dutch schools).
"""

from __future__ import annotations

__version__ = "0.1.0"
