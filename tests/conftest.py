"""Shared fixtures: an app on a real SQLite file or a real PostgreSQL database, and clients."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from formbuilder import create_app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_FORMS = ROOT / "form_definitions"
FIXTURE_FORMS = Path(__file__).resolve().parent / "fixtures" / "forms"
PG_ADMIN_URL = os.environ.get("FORMBUILDER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SERVICES_REQUIRED = os.environ.get("FORMBUILDER_REQUIRE_SERVICES") == "1"


def shipped_raw(slug: str) -> dict:
    """A shipped definition as one JSON object with its translations inline (the layout before
    per-form catalogues, which the loader still reads): for tests that change a definition."""
    from formbuilder.definitions.form_catalogues import catalogue_folder
    from formbuilder.definitions.loader import build
    from formbuilder.definitions.translated import translate

    path = SHIPPED_FORMS / f"{slug}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return translate(raw, build(raw), catalogue_folder(path), str(path)).raw


def copy_shipped(slug: str, folder: Path) -> Path:
    """Copy a shipped definition and its catalogues, as a site keeps them, into `folder`
    (its catalogues into `folder`/../translations/forms/); return the definition's path."""
    from formbuilder.definitions.form_catalogues import catalogue_folder

    target = folder / f"{slug}.json"
    shutil.copy(SHIPPED_FORMS / f"{slug}.json", target)
    source = catalogue_folder(SHIPPED_FORMS / f"{slug}.json")
    if source.is_dir():
        shutil.copytree(source, catalogue_folder(target), dirs_exist_ok=True)
    return target


def base_config(instance: Path, forms_dir: Path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "FORM_DEFINITIONS_DIR": str(forms_dir),
        "ATTACHMENT_DIR": str(instance / "attachments"),
        "COOKIE_SECURE": False,
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "fb_session",
        "MUNICIPALITY_NAME": "テスト市",
        "MUNICIPALITY_CONTACT": "テスト市役所 市民課 電話 000-000-0000",
        # The test client asks for localhost; live servers in tests listen on 127.0.0.1:PORT.
        "BASE_URL": "http://localhost",
        "EXTRA_TRUSTED_HOSTS": ("127.0.0.1",),
        # Every simulated citizen comes from 127.0.0.1 and the limiter's memory is shared by
        # the apps of one process: real limits only where a test sets its own
        # (tests/security/test_rate_limits.py).
        "RATELIMIT_SUBMIT": "100000 per minute",
        "RATELIMIT_RECEIPT_LOOKUP": "100000 per minute",
        "RATELIMIT_POSTAL": "100000 per minute",
        "RATELIMIT_DRAFT_START": "100000 per minute",
        "RATELIMIT_UPLOAD": "100000 per minute",
        "RATELIMIT_STAFF_LOGIN": "100000 per minute",
        "RATELIMIT_API_INVALID": "100000 per minute",
    }


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    app = create_app(base_config(folder, SHIPPED_FORMS, f"sqlite:///{path}"))
    with app.app_context():
        upgrade()
        from formbuilder.extensions import db

        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, migrated once, dropped at the end."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:
        if SERVICES_REQUIRED:
            pytest.fail(f"PostgreSQL required (FORMBUILDER_REQUIRE_SERVICES=1) but unreachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"fbtest_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = re.sub(r"/[^/]+$", f"/{name}", PG_ADMIN_URL)
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / name
    folder.mkdir(exist_ok=True)
    app = create_app(base_config(folder, SHIPPED_FORMS, url))
    with app.app_context():
        upgrade()
        from formbuilder.extensions import db

        db.engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis that rate limits share (skipped when absent, failed when services are required)."""
    import redis

    url = os.environ.get("FORMBUILDER_TEST_REDIS", "redis://127.0.0.1:6379/0")
    try:
        connection = redis.Redis.from_url(url, socket_connect_timeout=2)
        connection.ping()
        connection.close()
    except Exception as exc:
        if SERVICES_REQUIRED:
            pytest.fail(f"Redis required (FORMBUILDER_REQUIRE_SERVICES=1) but unreachable: {exc}")
        pytest.skip(f"Redis not reachable at {url}: {exc}")
    return url


@pytest.fixture
def backend(request) -> str:
    """Which database the test runs on: SQLite, or both with `@pytest.mark.both_databases`."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_url(backend, request, tmp_path) -> str:
    if backend == "sqlite":
        path = tmp_path / "formbuilder.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "TRUNCATE drafts, submissions, form_versions, staff_accounts, audit_events, exit_counts"
                " RESTART IDENTITY CASCADE"
            )
        )
    engine.dispose()
    return url


@pytest.fixture
def forms_dir() -> Path:
    """The definitions the app serves; tests of one feature point this at a fixture folder."""
    return SHIPPED_FORMS


@pytest.fixture
def config_overrides() -> dict:
    return {}


@pytest.fixture
def app(tmp_path, database_url, forms_dir, config_overrides) -> Iterator[Flask]:
    application = create_app({**base_config(tmp_path, forms_dir, database_url), **config_overrides})
    yield application
    with application.app_context():
        from formbuilder.extensions import db

        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def pytest_generate_tests(metafunc):
    """`@pytest.mark.both_databases` runs a test on SQLite and on PostgreSQL."""
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_databases"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
