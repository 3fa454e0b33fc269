"""Bearer-token authentication, the API's rate limit, and its errors as JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps

from flask import Blueprint, current_app, g, jsonify, request
from sqlalchemy import update
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..staff import audit
from .models import ApiToken
from .tokens import find

DEFAULT_LIMIT = "600 per minute"
DEFAULT_INVALID_LIMIT = "30 per minute"
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}


class ApiError(HTTPException):
    """An error answered as `{"error": {"code", "message"}}` with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.code = status


def error_response(status: int, message: str):
    response = jsonify({"error": {"code": CODES.get(status, "error"), "message": message}})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="formbuilder"'
    return response


def presented_token() -> ApiToken | None:
    """The live token of this request's `Authorization` header (looked up once per request)."""
    if "api_presented" not in g:
        g.api_presented = find(request.headers.get("Authorization"))
    return g.api_presented


def _invalid_token() -> bool:
    """A token was presented, but it is unknown or revoked."""
    return bool(request.headers.get("Authorization")) and presented_token() is None


def limit() -> str:
    """The limit of this request: per token for a valid one, a tighter one for invalid tokens."""
    if _invalid_token():
        return current_app.config.get("RATELIMIT_API_INVALID") or DEFAULT_INVALID_LIMIT
    return current_app.config.get("RATELIMIT_API") or DEFAULT_LIMIT


def limit_key() -> str:
    """Count a valid token per token (core systems behind one gateway stay apart), else per address.

    Invalid tokens count per address, whatever the token: rotating made-up tokens do not escape
    the limit. A valid token is never held back by others' failures from the same address.
    """
    address = request.remote_addr or "unknown"
    token = presented_token()
    if token is not None:
        return f"api-token:{token.prefix}"
    return f"api-invalid:{address}" if _invalid_token() else f"api-address:{address}"


def current_token() -> ApiToken:
    return g.api_token


def token_required(*, write: bool = False) -> Callable[[Callable], Callable]:
    """A view for a live token; with `write`, one allowed to change statuses."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            token = presented_token()
            if token is None:
                raise ApiError(401, "A valid bearer token is required.")
            if write and token.permission != "read+status":
                raise ApiError(403, "This token may only read.")
            g.api_token = token
            return view(*args, **kwargs)

        return wrapper

    return decorate


def note_use(action: str | None = None, target: str = "") -> None:
    """Set the token's last use and audit the call (no answers) in the current transaction."""
    token_id, name = current_token().id, current_token().name
    db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=datetime.now(UTC)))
    if action is not None:
        audit.record(action, None, login=f"api:{name}", target=target)


def record_read(action: str | None = None, target: str = "") -> None:
    """After a GET has read what it answers: note the use in a write transaction of its own.

    On SQLite a GET's transaction is deferred (storage/database.py), and a deferred read
    cannot take the write lock once another writer has committed; a transaction that starts
    with the write waits for the lock instead. So the read ends first; build the answer before.
    """
    token_id, name = current_token().id, current_token().name
    db.session.commit()
    db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=datetime.now(UTC)))
    if action is not None:
        audit.record(action, None, login=f"api:{name}", target=target)
    db.session.commit()


def init_errors(bp: Blueprint) -> None:
    """Answer every HTTP error of the API's views in JSON.

    Flask prefers a handler registered for the status code, even the app's, over one for the
    class, so the codes (429 from the limiter, 413, …) are registered one by one as well.
    """

    def http_error(error: HTTPException):
        db.session.rollback()
        status = error.code or 500
        message = str(error.description) if isinstance(error, ApiError) else (error.name or "Error")
        response = error_response(status, message)
        if status == 429:
            limit_info = getattr(error, "limit", None)
            response.headers["Retry-After"] = str(limit_info.limit.get_expiry() if limit_info is not None else 60)
        return response

    bp.register_error_handler(HTTPException, http_error)
    for status in CODES:
        if status != 500:
            bp.register_error_handler(status, http_error)
