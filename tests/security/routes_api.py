"""URL-map entries of the JSON API (owned with the API: add each api.* endpoint here)."""

from __future__ import annotations

API_ARGUMENTS: dict[str, str] = {"token_id": "1", "webhook_id": "1", "anything": "no/such/thing"}
API_ENDPOINTS: set[str] = {
    "api.openapi",
    "api.forms",
    "api.submissions",
    "api.submission",
    "api.download_attachment",
    "api.change_status",
    "api.not_found",
    "staff.api_tokens",
    "staff.api_token_create",
    "staff.api_token_revoke",
    "staff.api_webhooks",
    "staff.api_webhook_save",
    "staff.api_webhook_enable",
}
# Staff pages that come with the API (tokens, webhooks): endpoint → roles allowed.
ADMIN = frozenset({"admin"})
API_STAFF_ACCESS: dict[str, frozenset[str]] = {
    "staff.api_tokens": ADMIN,
    "staff.api_token_create": ADMIN,
    "staff.api_token_revoke": ADMIN,
    "staff.api_webhooks": ADMIN,
    "staff.api_webhook_save": ADMIN,
    "staff.api_webhook_enable": ADMIN,
}
