"""Fixtures for attachments: a clean blob table on PostgreSQL, a real clamd with a local database."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import SERVICES_REQUIRED

from .files import EICAR

CLAM_EXE = Path("/usr/share/clamav-testfiles/clam.exe")
CLAMD_PACKAGES = "clamav clamav-daemon clamav-testfiles (scripts/system-packages.sh --test installs them)"


@pytest.fixture
def database_url(database_url, backend):
    """The shared PostgreSQL database truncates drafts and submissions; blobs have no owner to cascade from."""
    if backend == "postgresql":
        engine = sa.create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(sa.text("TRUNCATE attachments, attachment_blobs"))
        engine.dispose()
    return database_url


@pytest.fixture
def in_app(app) -> Iterator[None]:
    """A request context: the pipeline reads config and translates messages."""
    with app.test_request_context():
        yield


class Clamd:
    """A clamd process of our own: local signature database, loopback TCP port, stopped by PID."""

    def __init__(self, folder: Path, stream_max: str = "2M") -> None:
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.stream_max = stream_max

    @property
    def config(self) -> dict:
        return {"CLAMD_HOST": "127.0.0.1", "CLAMD_PORT": self.port, "CLAMD_TIMEOUT": 10}

    def start(self) -> Clamd:
        signatures = self.folder / "db"
        signatures.mkdir(parents=True, exist_ok=True)
        md5 = subprocess.run([_tool("sigtool"), "--md5", str(CLAM_EXE)], check=True, capture_output=True)
        (signatures / "test.hdb").write_bytes(md5.stdout)
        (signatures / "eicar.ndb").write_text(f"Local.EICAR.Test:0:*:{EICAR.hex()}\n")
        conf = self.folder / "clamd.conf"
        conf.write_text(
            f"DatabaseDirectory {signatures}\nTCPAddr 127.0.0.1\nTCPSocket {self.port}\n"
            f"StreamMaxLength {self.stream_max}\nForeground yes\nLogFile {self.folder / 'clamd.log'}\n"
            "MaxThreads 4\nSelfCheck 3600\n"
        )
        with (self.folder / "clamd.out").open("wb") as log:
            self.process = subprocess.Popen([_tool("clamd"), "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if _pong(self.port):
                return self
            time.sleep(0.1)
        self.stop()
        logs = "".join(p.read_text(errors="replace") for p in self.folder.glob("clamd.*") if p.suffix != ".conf")
        pytest.fail(f"clamd did not start on port {self.port}:\n{logs[-2000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _tool(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


def clamd_missing() -> str | None:
    """Why a real clamd cannot run here, or None."""
    for name in ("clamd", "sigtool"):
        if not Path(_tool(name)).exists():
            return f"{name} not installed: needs {CLAMD_PACKAGES}"
    if not CLAM_EXE.exists():
        return f"{CLAM_EXE} missing: needs {CLAMD_PACKAGES}"
    return None


def require_clamd() -> None:
    missing = clamd_missing()
    if missing:
        if SERVICES_REQUIRED:
            pytest.fail(f"clamd required (FORMBUILDER_REQUIRE_SERVICES=1): {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pong(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"zPING\0")
            return conn.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd(tmp_path_factory) -> Iterator[Clamd]:
    """One clamd for the session (about a second to start with this tiny database)."""
    require_clamd()
    server = Clamd(tmp_path_factory.mktemp("clamd")).start()
    yield server
    server.stop()
