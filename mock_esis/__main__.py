"""``python -m mock_esis`` runs the ``mock-esis`` command."""

from __future__ import annotations

import sys

from mock_esis.cli import main

sys.exit(main())
