"""URL-map entries of the back office's downloads and audit log pages."""

from __future__ import annotations

EXPORT_ARGUMENTS: dict[str, str] = {}
EXPORT_ENDPOINTS: set[str] = {"staff.export_csv", "staff.export_zip", "staff.audit_log", "staff.audit_csv"}
# endpoint → roles allowed (admin, staff, viewer); department-scoped endpoints also 404 for
# a staff member of another department.
EXPORT_STAFF_ACCESS: dict[str, frozenset[str]] = {
    "staff.export_csv": frozenset({"admin", "staff"}),
    "staff.export_zip": frozenset({"admin", "staff"}),
    "staff.audit_log": frozenset({"admin"}),
    "staff.audit_csv": frozenset({"admin"}),
}
