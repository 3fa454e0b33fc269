"""HTTP clients of the benchmark: a browser-like session over http.client, and whole journeys."""

from __future__ import annotations

import http.client
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import WATER

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMIT_TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')
MAX_ERRORS = 50  # a run stops early past this many failed journeys


class JourneyError(Exception):
    pass


@dataclass
class Reply:
    status: int
    location: str | None
    body: str
    seconds: float
    size: int


def multipart(form: dict) -> tuple[bytes, str]:
    """Encode a form as multipart/form-data; `Path` values are sent as files."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in form.items():
        if isinstance(value, Path):
            head = f'Content-Disposition: form-data; name="{name}"; filename="{value.name}"\r\nContent-Type: image/jpeg'
            data = value.read_bytes()
        else:
            head = f'Content-Disposition: form-data; name="{name}"'
            data = str(value).encode("utf-8")
        parts.append(f"--{boundary}\r\n{head}\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One citizen's browser: cookies, the last CSRF token seen, one connection reused while the

    server keeps it open (gunicorn's sync workers close it after every response, so in practice
    every request opens a new loopback TCP connection, as wrk's do).
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def close(self) -> None:
        self.conn.close()

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None) -> Reply:
        """Send a request; a form holding a `Path` value goes as multipart with that file."""
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if form is not None and any(isinstance(v, Path) for v in form.values()):
            body, headers["Content-Type"] = multipart(form)
        elif form is not None:
            body = urlencode(form).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        seconds = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = data.decode("utf-8", "replace")
        found = CSRF.search(text) if response.headers.get_content_type() == "text/html" else None
        if found:
            self.csrf = found.group(1)
        location = response.headers.get("Location")
        return Reply(response.status, urlsplit(location).path if location else None, text, seconds, len(data))

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Reply:
        return self.request("POST", path, {"csrf_token": self.csrf, **form})


def _expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise JourneyError(f"{what}: HTTP {reply.status}, expected {status}")
    return reply


def start_draft(browser: Browser, slug: str = WATER) -> str:
    """Open the start page and start a draft; return the path of the first page."""
    _expect(browser.get(f"/forms/{slug}"), 200, "start page")
    reply = _expect(browser.post(f"/forms/{slug}/start", {}), 302, "start")
    return reply.location or ""


def fill_pages(browser: Browser, answers: dict[str, dict[str, str]], slug: str = WATER) -> None:
    """Post the given pages in order (without following the redirects)."""
    for page_id, data in answers.items():
        _expect(browser.post(f"/forms/{slug}/pages/{page_id}", {"action": "next", **data}), 302, page_id)


@dataclass
class Samples:
    page_post: list[float] = field(default_factory=list)
    page_get: list[float] = field(default_factory=list)
    check_get: list[float] = field(default_factory=list)
    submit_post: list[float] = field(default_factory=list)
    journeys: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)

    def merge(self, other: Samples) -> None:
        for name in ("page_post", "page_get", "check_get", "submit_post"):
            getattr(self, name).extend(getattr(other, name))
        self.journeys += other.journeys
        self.requests += other.requests
        self.errors.extend(other.errors)


def journey(port: int, answers: dict[str, dict[str, str]], samples: Samples, slug: str = WATER) -> None:
    """One citizen from the start page to the confirmation page, following every redirect.

    15 requests: start page, start, then per page a GET and a POST (5 pages), the check
    page, the submit and the confirmation page.
    """
    browser = Browser(port)
    try:
        first = start_draft(browser, slug)
        requests = 2
        location = first
        for page_id, data in answers.items():
            expected = f"/forms/{slug}/pages/{page_id}"
            if location != expected:
                raise JourneyError(f"redirected to {location}, expected {expected}")
            samples.page_get.append(_expect(browser.get(location), 200, f"GET {page_id}").seconds)
            reply = _expect(browser.post(expected, {"action": "next", **data}), 302, f"POST {page_id}")
            samples.page_post.append(reply.seconds)
            location = reply.location
            requests += 2
        if location != f"/forms/{slug}/check":
            raise JourneyError(f"after the last page: {location}")
        check = _expect(browser.get(location), 200, "check")
        samples.check_get.append(check.seconds)
        token = SUBMIT_TOKEN.search(check.body)
        if not token:
            raise JourneyError("no submit token on the check page")
        sent = _expect(
            browser.post(f"/forms/{slug}/submit", {"submit_token": token.group(1), "declaration": "y"}), 302, "submit"
        )
        samples.submit_post.append(sent.seconds)
        if sent.location != f"/forms/{slug}/complete":
            raise JourneyError(f"submit went to {sent.location}")
        _expect(browser.get(sent.location), 200, "complete")
        samples.requests += requests + 3
        samples.journeys += 1
    finally:
        browser.close()


def run_journeys(port: int, answers: dict[str, dict[str, str]], clients: int, duration: float) -> dict:
    """Run `clients` threads doing whole journeys back to back for about `duration` seconds.

    A journey under way when the time is up is finished; throughput counts completed journeys
    over the wall time until the last thread stopped.
    """
    warm = Samples()
    journey(port, answers, warm)  # one journey first, so nothing below is a first request
    per_thread = [Samples() for _ in range(clients)]
    stop_at = time.perf_counter() + duration

    def work(samples: Samples) -> None:
        while time.perf_counter() < stop_at and len(samples.errors) < MAX_ERRORS:
            try:
                journey(port, answers, samples)
            except (JourneyError, OSError, http.client.HTTPException) as exc:
                samples.errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work, args=(s,), daemon=True) for s in per_thread]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    elapsed = time.perf_counter() - started
    total = Samples()
    for samples in per_thread:
        total.merge(samples)
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "journeys": total.journeys,
        "journeys_per_s": round(total.journeys / elapsed, 1),
        "requests_per_s": round(total.requests / elapsed, 1),
        "samples": total,
        "errors": len(total.errors),
        "first_errors": sorted(set(total.errors))[:5],
    }


def python_get_load(port: int, path: str, cookie: str, clients: int, duration: float) -> dict:
    """GET `path` from `clients` threads for `duration` seconds (used only when wrk is missing)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    stop_at = time.perf_counter() + duration

    def work(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                ok = False
            latencies[index].append(time.perf_counter() - started)
            failures[index] += not ok
        conn.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    elapsed = time.perf_counter() - started
    flat = [x for sub in latencies for x in sub]
    return {"requests": len(flat), "seconds": elapsed, "latencies": flat, "errors": sum(failures)}
