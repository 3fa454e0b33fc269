"""Configuration: environment variables over safe embedded defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES

ROOT = Path(__file__).resolve().parent.parent


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def per_language(env: Mapping[str, str], name: str, japanese: str) -> dict[str, str] | str:
    """Return `japanese`, or a dict by language when `name`_EN, `name`_ZH_HANS … are set."""
    given = {
        lang: env[key]
        for lang in LANGUAGE_CODES
        if lang != DEFAULT_LANGUAGE and env.get(key := f"{name}_{lang.replace('-', '_').upper()}")
    }
    return {DEFAULT_LANGUAGE: japanese, **given} if given else japanese


def _secret_key(instance: Path) -> str:
    """Return the secret key kept in the instance folder, creating it once."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the app configuration from the environment; `overrides` win (tests)."""
    env = os.environ
    overrides = dict(overrides or {})
    instance = Path(overrides.get("INSTANCE_PATH") or env.get("FORMBUILDER_INSTANCE") or instance_path)
    secure = _flag(env.get("FORMBUILDER_COOKIE_SECURE"), True)
    config: dict[str, Any] = {
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or f"sqlite:///{instance / 'formbuilder.sqlite3'}",
        "ATTACHMENT_DIR": env.get("FORMBUILDER_ATTACHMENT_DIR") or str(instance / "attachments"),
        # "disk" (the folder above) or "database" (several app servers sharing PostgreSQL).
        "ATTACHMENT_STORE": env.get("FORMBUILDER_ATTACHMENT_STORE") or "disk",
        # Images with more pixels are refused before decoding (a 48 MP phone photo, an A4 scan
        # at 600 dpi fit). Pillow's own guard, Image.MAX_IMAGE_PIXELS (~89 M), refuses beyond it.
        "ATTACHMENT_MAX_PIXELS": int(env.get("FORMBUILDER_ATTACHMENT_MAX_PIXELS") or 50_000_000),
        # Longest side of a stored image; larger photos are scaled down.
        "ATTACHMENT_IMAGE_MAX_SIDE": int(env.get("FORMBUILDER_ATTACHMENT_IMAGE_MAX_SIDE") or 2560),
        "ATTACHMENT_TOTAL_MAX_MB": float(env.get("FORMBUILDER_ATTACHMENT_TOTAL_MAX_MB") or 25),
        # Virus scan with clamd, on when a socket or a host is set; any scan error refuses the file.
        "CLAMD_SOCKET": env.get("CLAMD_SOCKET") or None,
        "CLAMD_HOST": env.get("CLAMD_HOST") or None,
        "CLAMD_PORT": int(env.get("CLAMD_PORT") or 3310),
        "CLAMD_TIMEOUT": float(env.get("CLAMD_TIMEOUT") or 30),
        "FORM_DEFINITIONS_DIR": env.get("FORMBUILDER_FORMS_DIR") or str(ROOT / "form_definitions"),
        # The address citizens use (https://shinsei.city.example.lg.jp): receipts and e-mails print
        # it, and only its host name (plus FORMBUILDER_TRUSTED_HOSTS) is served; required behind https
        # (web/urls.py). Never built from a request's Host header.
        "BASE_URL": env.get("FORMBUILDER_BASE_URL") or None,
        "EXTRA_TRUSTED_HOSTS": tuple(
            h.strip() for h in (env.get("FORMBUILDER_TRUSTED_HOSTS") or "").split(",") if h.strip()
        ),
        # In Japanese, or per language: FORMBUILDER_MUNICIPALITY_CONTACT_EN, _ZH_HANS … (municipality.py).
        "MUNICIPALITY_NAME": per_language(
            env, "FORMBUILDER_MUNICIPALITY_NAME", env.get("FORMBUILDER_MUNICIPALITY_NAME") or "さくら市"
        ),
        "MUNICIPALITY_CONTACT": per_language(
            env,
            "FORMBUILDER_MUNICIPALITY_CONTACT",
            env.get("FORMBUILDER_MUNICIPALITY_CONTACT")
            or "さくら市役所 市民課　電話 000-000-0000（平日 8時30分〜17時15分）",
        ),
        "DRAFT_LIFETIME_HOURS": int(env.get("FORMBUILDER_DRAFT_HOURS") or 72),
        "COOKIE_SECURE": secure,
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-fb_session" if secure else "fb_session",
        "MAX_CONTENT_LENGTH": int(env.get("FORMBUILDER_MAX_BODY_MB") or 30) * 1024 * 1024,
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are believed
        # (0: none; then HSTS is sent only when the app itself is reached over https).
        "TRUSTED_PROXIES": int(env.get("FORMBUILDER_TRUSTED_PROXIES") or 0),
        "HSTS_MAX_AGE": int(env.get("FORMBUILDER_HSTS_MAX_AGE") or 31_536_000),
        # Rate limits per client address; Redis shares the counts between workers and servers.
        "RATELIMIT_ENABLED": _flag(env.get("FORMBUILDER_RATELIMIT_ENABLED"), True),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or env.get("REDIS_URL") or "memory://",
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": env.get("FORMBUILDER_RATELIMIT_PREFIX") or "formbuilder"},
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis unreachable: count in each worker's memory rather than refuse every citizen.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SUBMIT": env.get("FORMBUILDER_RATELIMIT_SUBMIT") or "20 per 10 minutes",
        "RATELIMIT_RECEIPT_LOOKUP": env.get("FORMBUILDER_RATELIMIT_RECEIPT_LOOKUP") or "10 per 10 minutes",
        "RATELIMIT_POSTAL": env.get("FORMBUILDER_RATELIMIT_POSTAL") or "120 per minute",
        # New drafts and page posts that carry files, per address: one address cannot fill the disk.
        # Generous: a library PC or the city's Wi-Fi puts many citizens behind one address.
        "RATELIMIT_DRAFT_START": env.get("FORMBUILDER_RATELIMIT_DRAFT_START") or "60 per 10 minutes;300 per day",
        "RATELIMIT_UPLOAD": env.get("FORMBUILDER_RATELIMIT_UPLOAD") or "60 per 10 minutes;300 per day",
        "RATELIMIT_STAFF_LOGIN": env.get("FORMBUILDER_RATELIMIT_STAFF_LOGIN") or "20 per 10 minutes",
        "RATELIMIT_API": env.get("FORMBUILDER_RATELIMIT_API") or "600 per minute",
        # Requests with an unknown or revoked API token, per client address (valid tokens count per token).
        "RATELIMIT_API_INVALID": env.get("FORMBUILDER_RATELIMIT_API_INVALID") or "30 per minute",
        # Webhooks go to public https addresses only; these hosts (names or addresses, comma-separated)
        # may be internal, and with WEBHOOK_ALLOW_HTTP also plain http (api/destinations.py).
        "WEBHOOK_ALLOWED_HOSTS": tuple(
            h.strip() for h in (env.get("FORMBUILDER_WEBHOOK_ALLOWED_HOSTS") or "").split(",") if h.strip()
        ),
        "WEBHOOK_ALLOW_HTTP": _flag(env.get("FORMBUILDER_WEBHOOK_ALLOW_HTTP"), False),
        # Staff sessions (issue 6): idle and absolute time-outs, lock-out after wrong passwords/codes.
        "STAFF_IDLE_MINUTES": int(env.get("FORMBUILDER_STAFF_IDLE_MINUTES") or 30),
        "STAFF_ABSOLUTE_HOURS": int(env.get("FORMBUILDER_STAFF_ABSOLUTE_HOURS") or 10),
        "STAFF_MAX_FAILURES": 5,
        "STAFF_LOCK_MINUTES": 15,
        "STAFF_PENDING_MINUTES": 5,
        "STATUS_ACCESS_MINUTES": 30,  # how long a status look-up stays open in the browser
        # A citizen may take long over a page: the draft, not the token, keeps the answers,
        # and an expired token re-shows the page with everything kept.
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "BABEL_DEFAULT_LOCALE": "ja",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "BABEL_DEFAULT_TIMEZONE": "Asia/Tokyo",
        # SQL logged at INFO (echo, debugging) would otherwise carry every answer as a parameter.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
    }
    config.update(overrides)
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = env.get("FORMBUILDER_SECRET_KEY") or _secret_key(instance)
    return config
