"""Recordings of real UWLR traffic in the mock: anonymise them, and serve them as fake schools.

A recording is made by ``uwlr-conformance proxy --record DIR`` (format: :mod:`uwlr.recording`).
``mock-esis recording anonimiseren`` replaces every personal value (:mod:`.anonymiser`);
``mock-esis serve --from-recording`` and ``POST /__admin/recording`` load the schools (:mod:`.loader`).
"""

from __future__ import annotations

from mock_esis.recording.anonymiser import (
    REPORT,
    AnonymisationError,
    AnonymisationReport,
    anonymise_recording,
)
from mock_esis.recording.loader import RecordedSchool, load_recording, schools_from_recording

__all__ = [
    "REPORT",
    "AnonymisationError",
    "AnonymisationReport",
    "RecordedSchool",
    "anonymise_recording",
    "load_recording",
    "schools_from_recording",
]
