"""``python -m demo``: start a mock ESIS on a free port and show a real UWLR answer for a fake school.

Later steps of the handbook walk-through build on this (see README).
"""

from __future__ import annotations

import sys

from demo.walkthrough import main

sys.exit(main())
