"""wrk on loopback: fixed GETs and rotating POSTs, with p50/p95/p99 printed by a Lua `done` hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import log

# Called by every script once wrk is done; wrk itself prints p50/p75/p90/p99 only.
REPORT = r"""
report = function(summary, latency, unexpected_total)
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f,'
      .. ' "max_us": %.0f, "errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d,'
      .. ' "errors_timeout": %d, "unexpected_status": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, unexpected_total))
end
"""


def ensure_wrk() -> tuple[str | None, str]:
    """Return (path of wrk, how it was found); install Debian's wrk with apt-get when missing."""
    found = shutil.which("wrk")
    if found:
        return found, "present"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, "missing (not root or no apt-get): Python load generator used instead"
    log("wrk is missing: apt-get install -y wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, capture_output=True, timeout=300, check=True)
    except (subprocess.SubprocessError, OSError):
        try:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=300, check=True)
            subprocess.run(
                ["apt-get", "install", "-y", "-q", "wrk"], env=env, capture_output=True, timeout=300, check=True
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return None, f"apt-get install wrk failed ({type(exc).__name__}): Python load generator used instead"
    found = shutil.which("wrk")
    return found, "installed with apt-get" if found else "still missing after apt-get"


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of ASCII text is a valid Lua string literal


def get_script(cookie: str) -> str:
    return (
        f'wrk.method = "GET"\nwrk.headers["Cookie"] = {_lua_string(cookie)}\n{REPORT}\n'
        "done = function(summary, latency, requests) report(summary, latency, 0) end\n"
    )


def post_script(path: str, requests: list[tuple[str, str]], expected_status: int) -> str:
    """POST `path` with each (cookie, urlencoded body) in turn; count answers other than `expected_status`."""
    cookies = ", ".join(_lua_string(cookie) for cookie, _ in requests)
    bodies = ", ".join(_lua_string(body) for _, body in requests)
    return f"""
local path = {_lua_string(path)}
local cookies = {{{cookies}}}
local bodies = {{{bodies}}}
local n = #cookies
local i = 0
local threads = {{}}
unexpected = 0  -- global, so that done() can read it from each thread

setup = function(thread)
  table.insert(threads, thread)
  thread:set("first", #threads)
end

init = function(args)
  i = first % n
end

request = function()
  i = i % n + 1
  return wrk.format("POST", path, {{
    ["Cookie"] = cookies[i],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }}, bodies[i])
end

response = function(status, headers, body)
  if status ~= {expected_status} then
    unexpected = unexpected + 1
  end
end
{REPORT}
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("unexpected") or 0)
  end
  report(summary, latency, total)
end
"""


def run(
    wrk: str, url: str, script: str, threads: int, connections: int, duration: float, expect_bytes: int | None = None
) -> dict:
    """Run wrk with `script`; return requests/s, latencies in ms and error counts.

    `expect_bytes` (the size of one right answer, headers included, roughly) guards GET runs,
    which have no Lua response hook (it would cost wrk CPU): a mean far from it means the
    server answered something else, such as a redirect.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        path = Path(handle.name)
    try:
        seconds = max(1, round(duration))
        result = subprocess.run(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(path), url],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        path.unlink(missing_ok=True)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed (rc={result.returncode}): {result.stdout[-1500:]} {result.stderr[-1500:]}")
    raw = json.loads(line.removeprefix("BENCHJSON "))
    errors = sum(v for k, v in raw.items() if k.startswith("errors_")) + raw["unexpected_status"]
    summary = {
        "tool": f"wrk -t{threads} -c{connections} -d{seconds}s",
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "bytes_per_request": round(raw["bytes"] / max(raw["requests"], 1)),
        "errors": errors,
        "raw": raw,
    }
    if expect_bytes and not 0.8 * expect_bytes <= summary["bytes_per_request"] <= 1.25 * expect_bytes:
        summary["warning"] = f"mean response {summary['bytes_per_request']} B, expected about {expect_bytes} B"
    return summary
