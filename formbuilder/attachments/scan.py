"""Virus scan: every file streamed to clamd (INSTREAM) before it is accepted, failing closed.

On when `CLAMD_SOCKET` (a Unix socket path) or `CLAMD_HOST` (with `CLAMD_PORT`, default
3310) is configured. A detection refuses the file; so does anything else that is not a
clean "OK": clamd down or not answering within `CLAMD_TIMEOUT`, a file over clamd's
`StreamMaxLength` (it answers "INSTREAM size limit exceeded" and drops the connection),
a garbled reply.

The protocol is small enough to speak directly: the `clamd` package on PyPI (1.0.2, 2014)
sends 1 KB chunks with `socket.send` without checking for short writes.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CHUNK = 64 * 1024
MAX_REPLY = 4096


class ScanError(Exception):
    """The scan did not give a clean answer: treat the file as refused."""


def configured(config: Mapping[str, Any]) -> bool:
    return bool(config.get("CLAMD_SOCKET") or config.get("CLAMD_HOST"))


def scan_file(path: Path, config: Mapping[str, Any]) -> str | None:
    """Return the name of what clamd found in the file at `path`, or None when it is clean.

    Raises `ScanError` whenever clamd does not answer a clear OK or FOUND.
    """
    try:
        with _connect(config) as conn, path.open("rb") as fh:
            conn.sendall(b"zINSTREAM\0")
            while chunk := fh.read(CHUNK):
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = _read_reply(conn)
    except ScanError:
        raise
    except Exception as exc:  # socket errors, timeouts, a reset after a size-limit error
        raise ScanError(f"clamd: {exc.__class__.__name__}: {exc}") from exc
    return _parse(reply)


def ping(config: Mapping[str, Any]) -> bool:
    """Whether clamd answers PONG (for health checks)."""
    try:
        with _connect(config) as conn:
            conn.sendall(b"zPING\0")
            return _read_reply(conn) == "PONG"
    except Exception:
        return False


def _connect(config: Mapping[str, Any]) -> socket.socket:
    timeout = float(config.get("CLAMD_TIMEOUT") or 30)
    if config.get("CLAMD_SOCKET"):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(timeout)
        try:
            conn.connect(str(config["CLAMD_SOCKET"]))
        except BaseException:
            conn.close()
            raise
        return conn
    return socket.create_connection((config["CLAMD_HOST"], int(config.get("CLAMD_PORT") or 3310)), timeout=timeout)


def _read_reply(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0") and len(data) < MAX_REPLY:
        part = conn.recv(MAX_REPLY)
        if not part:
            break
        data += part
    if not data.endswith(b"\0"):
        raise ScanError(f"clamd: incomplete reply {data[:200]!r}")
    return data[:-1].decode("utf-8", "replace").strip()


def _parse(reply: str) -> str | None:
    """`stream: OK` → None; `stream: NAME FOUND` → NAME; anything else is an error."""
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply[len("stream: ") : -len(" FOUND")] or "unknown"
    raise ScanError(f"clamd: {reply[:200]}")
