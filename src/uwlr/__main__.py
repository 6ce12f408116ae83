"""``python -m uwlr``: the ``uwlr`` command line (see :mod:`uwlr.cli`)."""

from __future__ import annotations

from uwlr.cli import main

raise SystemExit(main())
