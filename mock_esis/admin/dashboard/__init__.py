"""The tester's dashboard at ``/__admin/ui``: HTML pages over the admin API (same code, same rule)."""

from __future__ import annotations

from mock_esis.admin.dashboard.app import Dashboard

__all__ = ["Dashboard"]
