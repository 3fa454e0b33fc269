"""Small helpers shared by the benchmark: paths, statistics, ports, child processes with their peak RSS."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
WATER = "water-supply-start"


def log(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float | None:
    """Return the q-th percentile (0–100) by linear interpolation, or None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: list[float]) -> dict[str, float | int | None]:
    """Return count, p50, p95 and max of latencies given in seconds, as milliseconds."""

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 2)

    return {
        "count": len(seconds),
        "p50_ms": ms(percentile(seconds, 50)),
        "p95_ms": ms(percentile(seconds, 95)),
        "max_ms": ms(max(seconds) if seconds else None),
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for the app's processes: ours without any database or instance settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMBUILDER_") and k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(ROOT)
    # Workers restarted after a kill import the app again: let them use cached bytecode, as a
    # deployed app would, instead of compiling every module each time (some machines set this).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


@dataclass
class ChildResult:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float
    cpu_seconds: float
    wall_seconds: float

    def json(self) -> dict:
        """Return the last stdout line that is a JSON object (what a child script reports)."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith("{"):
                return json.loads(line)
        raise RuntimeError(f"child printed no JSON (rc={self.returncode}): {self.stderr[-2000:]}")


def run_child(args: list[str], env: dict[str, str], timeout: float) -> ChildResult:
    """Run a child process and return its output, its CPU time and its ru_maxrss (os.wait4).

    The child is killed after `timeout`. Beware: on Linux that ru_maxrss (like RUSAGE_CHILDREN's,
    which is moreover the maximum over every child ever waited for) is at least this process's
    RSS when the child was spawned, as the high-water mark survives exec; the children report
    their own peak from /proc/self/status (VmHWM) instead, and that is the figure shown.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildResult(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            max_rss_mb=round(usage.ru_maxrss / 1024, 1),
            cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
            wall_seconds=round(wall, 2),
        )


def self_max_rss_mb() -> float:
    """Peak RSS of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_times() -> tuple[int, int]:
    """Return (busy, total) jiffies of all CPUs from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # without guest time, which is counted in user already
    return total - idle, total


def cpu_busy(seconds: float = 0.5) -> float | None:
    """Return the share (0–1) of all CPUs in use over the next `seconds`, or None off Linux."""
    try:
        busy_before, total_before = _cpu_times()
        time.sleep(seconds)
        busy_after, total_after = _cpu_times()
    except (OSError, ValueError, IndexError):
        return None
    return (busy_after - busy_before) / max(total_after - total_before, 1)


def wait_until_idle(limit: float, threshold: float = 0.15) -> float | None:
    """Wait up to `limit` seconds for other processes to leave the CPUs; return the last busy share."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy is not None and busy > threshold and time.monotonic() < deadline:
        log(f"CPUs {busy:.0%} busy with other work: waiting (up to {deadline - time.monotonic():.0f} s more)")
        busy = cpu_busy(2.0)
    return busy
