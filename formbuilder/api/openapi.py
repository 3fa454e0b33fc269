"""The OpenAPI 3.1 document of /api/v1, written out as data (served at /api/v1/openapi.json).

Kept by hand next to the views: tests/api/test_openapi.py checks that every `api.*` route is
described here, and tests/api/test_schemathesis.py checks the live API against it.
"""

from __future__ import annotations

from typing import Any

from ..backoffice.status import LABELS
from .access import DEFAULT_PAGE, MAX_LIMIT

STATUSES = list(LABELS)
DATE_TIME = {"type": "string", "format": "date-time"}
REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


ERRORS = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "429": {"$ref": "#/components/responses/RateLimited"},
}
SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": False,
                "properties": {
                    "code": {
                        "type": "string",
                        "description": "Stable, machine-readable: unauthorized, forbidden, not_found, invalid, rate_limited, …",
                    },
                    "message": {"type": "string", "description": "For people; may be Japanese."},
                },
            }
        },
    },
    "Form": {
        "type": "object",
        "required": ["slug", "title", "department", "version", "languages"],
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "object", "additionalProperties": {"type": "string"}, "description": "By language."},
            "department": {"type": "string"},
            "version": {"type": "string"},
            "languages": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Submission": {
        "type": "object",
        "required": [
            "reference",
            "form",
            "status",
            "submitted_at",
            "updated_at",
            "language",
            "form_version",
            "entered_by",
            "answers",
        ],
        "properties": {
            "reference": {"type": "string", "examples": ["ABCD-EFGH"]},
            "form": {"type": "string", "description": "The form's slug."},
            "status": {"type": "string", "enum": STATUSES},
            "submitted_at": DATE_TIME,
            "updated_at": DATE_TIME,
            "language": {"type": "string"},
            "form_version": {"type": "string"},
            "entered_by": {"type": "string", "description": "Staff member who entered it at the counter, or empty."},
            "answers": {
                "type": "object",
                "description": "Answers by field name, as stored; a repeating group (type group) is an array "
                "with one object per item, {item field name: answer}.",
            },
        },
    },
    "Attachment": {
        "type": "object",
        "required": ["id", "field", "filename", "media_type", "size", "sha256"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "integer"},
            "field": {"type": "string"},
            "filename": {"type": "string"},
            "media_type": {"type": "string"},
            "size": {"type": "integer", "minimum": 0},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
    },
    "StatusChange": {
        "type": "object",
        "required": ["at", "from_status", "to_status", "by", "comment"],
        "additionalProperties": False,
        "properties": {
            "at": DATE_TIME,
            "from_status": {"type": "string", "enum": STATUSES},
            "to_status": {"type": "string", "enum": STATUSES},
            "by": {"type": "string"},
            "comment": {"type": "string", "description": "Shown to the applicant."},
        },
    },
    "SubmissionDetail": {
        "allOf": [
            _ref("Submission"),
            {
                "type": "object",
                "required": ["attachments", "history"],
                "properties": {
                    "attachments": {"type": "array", "items": _ref("Attachment")},
                    "history": {"type": "array", "items": _ref("StatusChange")},
                },
            },
        ]
    },
    "SubmissionPage": {
        "type": "object",
        "required": ["submissions", "next_cursor", "has_more"],
        "additionalProperties": False,
        "properties": {
            "submissions": {"type": "array", "items": _ref("Submission")},
            "next_cursor": {"type": "string", "description": "Pass as `since` to get what follows."},
            "has_more": {"type": "boolean"},
        },
    },
    "StatusRequest": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": STATUSES},
            "comment": {"type": "string", "maxLength": 2000, "description": "Required for returned and rejected."},
        },
    },
}
PATHS: dict[str, Any] = {
    "/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document (no token needed).",
            "security": [],
            "responses": {"200": _json({"type": "object", "required": ["openapi", "paths"]}, "The document.")},
        }
    },
    "/forms": {
        "get": {
            "operationId": "listForms",
            "summary": "Forms visible to the token (those of its departments).",
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "required": ["forms"],
                        "additionalProperties": False,
                        "properties": {"forms": {"type": "array", "items": _ref("Form")}},
                    },
                    "The forms.",
                ),
                **ERRORS,
            },
        }
    },
    "/forms/{slug}/submissions": {
        "get": {
            "operationId": "listSubmissions",
            "summary": "A form's submissions in the order of a stable cursor (oldest first).",
            "description": (
                "The cursor runs over the order in which submissions were stored. Start without "
                "`since`, then pass each `next_cursor` back as `since`: every submission is seen once, "
                "new ones appear at the end. A status change does not move a submission; to find "
                "changed ones, add `updated_since` (and start the cursor again)."
            ),
            "parameters": [
                {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}},
                {
                    "name": "since",
                    "in": "query",
                    "required": False,
                    "description": "An opaque cursor: a `next_cursor` of an earlier answer (default: the start).",
                    "schema": {"type": "string", "pattern": "^[0-9]{1,18}$"},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_PAGE},
                },
                {
                    "name": "updated_since",
                    "in": "query",
                    "required": False,
                    "description": "Only submissions created or changed at or after this time (ISO 8601; no zone = UTC).",
                    "schema": DATE_TIME,
                },
            ],
            "responses": {
                "200": _json(_ref("SubmissionPage"), "A page of submissions."),
                "404": _error("No such form, or not one of the token's departments."),
                "422": _error("A bad `since`, `limit` or `updated_since`."),
                **ERRORS,
            },
        }
    },
    "/submissions/{reference}": {
        "get": {
            "operationId": "getSubmission",
            "summary": "One submission with its attachments' metadata and its status history.",
            "parameters": [REFERENCE],
            "responses": {
                "200": _json(_ref("SubmissionDetail"), "The submission."),
                "404": _error("No such submission, or one of a form outside the token's departments."),
                **ERRORS,
            },
        }
    },
    "/submissions/{reference}/attachments/{attachment_id}": {
        "get": {
            "operationId": "getAttachment",
            "summary": "The bytes of one attached file, as a download.",
            "parameters": [
                REFERENCE,
                {"name": "attachment_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}},
            ],
            "responses": {
                "200": {
                    "description": "The file (Content-Disposition: attachment).",
                    "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
                    "content": {
                        media: {"schema": {"type": "string", "contentMediaType": media}}
                        for media in ("image/jpeg", "image/png", "application/pdf")
                    },
                },
                "404": _error("No such submission or attachment for this token."),
                **ERRORS,
            },
        }
    },
    "/submissions/{reference}/status": {
        "post": {
            "operationId": "changeStatus",
            "summary": "Move a submission to another status, by the same rules as staff.",
            "description": (
                "Allowed moves: received → in_progress, returned, completed, rejected; in_progress → "
                "returned, completed, rejected; returned → in_progress. returned and rejected need a "
                "comment, which the applicant sees. Needs a `read+status` token."
            ),
            "parameters": [REFERENCE],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("StatusRequest")}}},
            "responses": {
                "200": _json(_ref("SubmissionDetail"), "Changed; the submission as it is now."),
                "403": _error("The token may only read."),
                "404": _error("No such submission for this token."),
                "422": _error("Not a JSON object with a status, or a move the rules refuse."),
                **ERRORS,
            },
        }
    },
}


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document (the API's base path is the server URL)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "formbuilder API for core systems",
            "version": "1.0.0",
            "description": "Read submissions of the token's departments and move their statuses. See docs/api.md.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerToken": []}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token made by an administrator (`fbk_…`), sent as `Authorization: Bearer …`.",
                }
            },
            "responses": {
                "Unauthorized": _error("No token, an unknown one, or a revoked one."),
                "RateLimited": {
                    "description": "Too many requests from this token; try again after Retry-After seconds.",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": _ref("Error")}},
                },
            },
        },
    }
