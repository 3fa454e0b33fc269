"""Virus scan against a real clamd (Debian's, local signature database), failing closed (SEC-23)."""

from __future__ import annotations

import io
import socket
import threading

import pytest

from formbuilder.attachments import accept, scan

from . import files
from .conftest import CLAM_EXE, Clamd, require_clamd

pytestmark = pytest.mark.usefixtures("in_app")


@pytest.fixture
def scanning(app, clamd):
    app.config.update(clamd.config)
    return clamd


def test_scan_is_off_unless_configured(app):
    assert not scan.configured(app.config)
    assert accept("eicar.jpg", io.BytesIO(files.EICAR)).reason == "unreadable_image"


def test_the_eicar_string_is_refused_by_the_real_clamd(scanning):
    result = accept("eicar.jpg", io.BytesIO(files.EICAR))
    assert result.reason == "infected"
    assert result.message == "＊eicar.jpg からウイルスが見つかったため添付できません。"


def test_a_known_executable_is_refused_whatever_its_name(scanning):
    result = accept("photo.pdf", io.BytesIO(CLAM_EXE.read_bytes()))
    assert result.reason == "infected"


def test_clean_files_pass_the_scan(scanning):
    assert accept("photo.jpg", io.BytesIO(files.jpeg())).kind == "jpeg"
    assert accept("doc.pdf", io.BytesIO(files.pdf())).kind == "pdf"


def test_a_file_over_clamds_stream_limit_is_refused(scanning, app):
    app.config["ATTACHMENT_TOTAL_MAX_MB"] = 100
    big = files.jpeg(quality=95) + b"\x00" * (3 * 1024 * 1024)  # clamd here takes 2 MB
    result = accept("big.jpg", io.BytesIO(big))
    assert result.reason == "scan_failed"


def test_a_stopped_clamd_refuses_with_a_message_to_try_again(app, tmp_path):
    require_clamd()
    server = Clamd(tmp_path / "clamd").start()
    app.config.update(server.config)
    assert accept("before.jpg", io.BytesIO(files.jpeg())).kind == "jpeg"
    server.stop()

    result = accept("after.jpg", io.BytesIO(files.jpeg()))

    assert result.reason == "scan_failed"
    assert result.message == (
        "＊after.jpg のウイルス検査ができませんでした。しばらくしてから、もう一度添付してください。"
    )


def test_a_missing_unix_socket_refuses(app, tmp_path):
    app.config["CLAMD_SOCKET"] = str(tmp_path / "no-such.sock")
    assert accept("photo.jpg", io.BytesIO(files.jpeg())).reason == "scan_failed"


def fake_clamd(reply: bytes | None, delay: float = 0) -> tuple[int, threading.Event]:
    """A one-connection server that reads the upload and answers `reply` (None: closes)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    done = threading.Event()

    def serve():
        with listener:
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(5)
                data = b""
                while not data.endswith(b"\0\0\0\0"):
                    part = conn.recv(65536)
                    if not part:
                        break
                    data += part
                if done.wait(delay):
                    return
                if reply is not None:
                    conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1], done


@pytest.mark.parametrize(
    "reply",
    [
        b"stream: Can't allocate memory ERROR\0",
        b"INSTREAM size limit exceeded. ERROR\0",
        b"stream: OK",  # no terminating NUL: cut short
        b"garbage\0",
        None,
    ],
)
def test_any_answer_but_ok_or_found_refuses(app, reply):
    port, done = fake_clamd(reply)
    app.config.update({"CLAMD_HOST": "127.0.0.1", "CLAMD_PORT": port, "CLAMD_TIMEOUT": 5})
    assert accept("photo.jpg", io.BytesIO(files.jpeg())).reason == "scan_failed"
    done.set()


def test_a_clamd_that_does_not_answer_in_time_refuses(app):
    port, done = fake_clamd(b"stream: OK\0", delay=10)
    app.config.update({"CLAMD_HOST": "127.0.0.1", "CLAMD_PORT": port, "CLAMD_TIMEOUT": 0.5})
    assert accept("photo.jpg", io.BytesIO(files.jpeg())).reason == "scan_failed"
    done.set()


def test_ping(clamd):
    assert scan.ping(clamd.config)
    assert not scan.ping({"CLAMD_HOST": "127.0.0.1", "CLAMD_PORT": 1})
