"""``python -m boomlink.cli``: the same as the ``boomlink`` command."""

from __future__ import annotations

import sys

from boomlink.cli.main import main

sys.exit(main())
