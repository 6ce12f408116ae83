"""Our own UWLR 2.x contract files (XSD and WSDL), shipped as package data.

Loaded and compiled by :mod:`uwlr.validate`; a server can serve the WSDLs with the XSDs next to
them, since every import uses a relative ``schemaLocation``.
"""

from __future__ import annotations
