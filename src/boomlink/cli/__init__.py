"""``boomlink`` on the command line: the link's steps (``main``), the import review (``importeren``), the result push (``resultaten``) and the conformance client (``afnemer``)."""

from __future__ import annotations
