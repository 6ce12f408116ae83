"""``python -m demo`` (``make demo``): the handbook "Een UWLR-koppeling met ESIS", start to finish.

On the embedded defaults (SQLite in a temporary folder, the mock ESIS on a free loopback port, a
local SMTP sink), one fake school goes through every step; see docs/demo.md.
"""

from __future__ import annotations

import sys

from demo.walkthrough import main

# A terminal that cannot show "••••" or "→" gets a replacement character, not a crash.
for stream in (sys.stdout, sys.stderr):
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")

sys.exit(main())
