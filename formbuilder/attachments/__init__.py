"""Attachments: uploaded photos and scans checked, cleaned and stored (issue 4).

`pipeline.accept` turns one upload into `Accepted` (stored) or `Rejected` (a reason the
citizen reads); `records` keeps the rows; `stores` holds the bytes; `sweep` cleans up.
"""

from __future__ import annotations

from .pipeline import Accepted, FileRules, Rejected, accept

__all__ = ["Accepted", "FileRules", "Rejected", "accept"]
