"""What the benchmark serves: temporary instances, migrations, gunicorn, a throw-away PostgreSQL database."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, VENV_BIN, clean_env, free_port, log

GUNICORN_WORKERS = 2


@dataclass
class Instance:
    """An app instance: its folder and the environment every process of it runs with."""

    folder: Path
    database_url: str | None  # None: SQLite inside the folder

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.folder / 'formbuilder.sqlite3'}"

    @property
    def backend(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def env(self) -> dict[str, str]:
        extra = {
            "FORMBUILDER_INSTANCE": str(self.folder),
            "FORMBUILDER_COOKIE_SECURE": "0",
            # Every simulated citizen comes from 127.0.0.1: per-address limits would stop the run.
            "FORMBUILDER_RATELIMIT_ENABLED": "0",
        }
        if self.database_url:
            extra["DATABASE_URL"] = self.database_url
        return clean_env(**extra)


def migrate(instance: Instance) -> None:
    """Apply the migrations with `flask db upgrade`, as `make migrate` does."""
    instance.folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=instance.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{result.stderr[-3000:]}")


@contextmanager
def gunicorn(app_spec: str, env: dict[str, str], log_file: Path, ready_path: str = "/") -> Iterator[int]:
    """Serve `app_spec` with gunicorn (2 sync workers, no access log) on a free loopback port.

    Yields the port once both workers answer; stops the server (SIGTERM, then SIGKILL of
    the process group it was started in) on the way out.
    """
    with gunicorn_process(app_spec, env, log_file, ready_path) as (port, _):
        yield port


@contextmanager
def gunicorn_process(
    app_spec: str, env: dict[str, str], log_file: Path, ready_path: str = "/"
) -> Iterator[tuple[int, int]]:
    """Like `gunicorn`, yielding the port and the master's pid (to find and kill its workers)."""
    port = free_port()
    args = [
        str(VENV_BIN / "gunicorn"),
        "--workers",
        str(GUNICORN_WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # The app is imported once by the master and each worker is a fork of it, as `make serve`
        # does: a worker killed under load is replaced at once, not after seconds of imports.
        "--preload",
        app_spec,
    ]
    with log_file.open("ab") as output:
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True)
    try:
        _wait_ready(process, port, ready_path, timeout=60)
        yield port, process.pid
    finally:
        _stop(process)


def _wait_ready(process: subprocess.Popen, port: int, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    answered = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status < 500:
                answered += 1
                # A few answers, so both workers have most likely loaded the app.
                if answered >= 2 * GUNICORN_WORKERS:
                    return
                continue
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group this function started
        process.wait(timeout=10)


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """Create a fresh database next to `admin_url`'s, yield its URL, drop it at the end."""
    import sqlalchemy as sa

    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"fbbench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        log(f"created PostgreSQL database {name}")
        yield re.sub(r"/[^/]*$", f"/{name}", admin_url)
    finally:
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            log(f"dropped PostgreSQL database {name}")
        finally:
            admin.dispose()


def postgres_reachable(admin_url: str) -> str | None:
    """Return None when PostgreSQL answers at `admin_url`, else why not."""
    import sqlalchemy as sa

    engine = sa.create_engine(admin_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        engine.dispose()
    return None
