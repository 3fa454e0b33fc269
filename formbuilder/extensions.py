"""Extensions, created unbound here and attached in the app factory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# The models' base class. Flask-SQLAlchemy makes `db.Model` at run time, which type checkers
# cannot follow; to them it is the declarative base it extends.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()


def _client_address() -> str:
    """The client's address as the app sees it (the proxy's view only when ProxyFix trusts it)."""
    from flask import request

    return request.remote_addr or "unknown"


# Limits are set per route with `@limiter.limit(...)`; the storage (memory, or Redis shared by
# every worker and server) comes from RATELIMIT_STORAGE_URI in the config.
limiter = Limiter(key_func=_client_address)
