"""Load and faults: many citizens at once, then the same while workers are killed, then an audit.

    .venv/bin/python bench/load.py                       # 10,000 journeys × 50 clients, SQLite and PostgreSQL
    .venv/bin/python bench/load.py --journeys 500 --clients 16 --backends sqlite
    .venv/bin/python bench/load.py --backends postgresql --runs kill   # one part only

For each backend, two runs on fresh instances under gunicorn (2 sync workers): a calm one, and
one where a worker is SIGKILLed every few seconds (gunicorn starts a new one). Each client is a
patient citizen: when a request fails (connection reset by a killed worker, 5xx), it tries the
same request again, as a person presses reload or the button again. Afterwards the instance is
audited through the database, `flask forms cleanup` and `flask forms export`:

- every journey that saw a confirmation page has exactly one submission row with that
  reference number; reference numbers are unique; every row has the answers it was sent;
- no row lacks its files, and no file is left without a row after cleanup (attachments);
- the CSV export holds exactly the rows of the database.

A bare Flask page is measured in the same run as the yardstick. The table goes to stdout, the
figures as JSON to bench/results/. Exit status 1 when an audit fails.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import servers
from common import BENCH, ROOT, VENV_BIN, clean_env, latency_summary, log
from http_load import SUBMIT_TOKEN, Browser, Reply, python_get_load

from tests.browser.answers import page_answers

# The shipped form every simulated citizen fills: seven pages and a required photo of an ID.
FORM = "child-allowance"
IDENTITY = "claimant_email"  # the answer that tells the journeys' rows apart
FILE_FIELDS = ("identity_document", "account_document")
PG_ADMIN_URL = os.environ.get("FORMBUILDER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REFERENCE = re.compile(r'class="reference"[^>]*>\s*([0-9A-Z]{4}-[0-9A-Z]{4})\s*<')
RETRIES = 20  # a request is tried this many times before the journey is given up
TRANSIENT = (OSError, http.client.HTTPException)


class GaveUp(Exception):
    """A journey that could not go on after all its retries (counted, not hidden)."""


@dataclass
class Outcome:
    """What one client saw."""

    confirmed: dict[str, str] = field(default_factory=dict)  # reference → e-mail typed
    latencies: dict[str, list[float]] = field(default_factory=dict)
    retries: int = 0
    gave_up: list[str] = field(default_factory=list)
    requests: int = 0

    def merge(self, other: Outcome) -> None:
        self.confirmed.update(other.confirmed)
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.retries += other.retries
        self.gave_up.extend(other.gave_up)
        self.requests += other.requests


class PatientBrowser(Browser):
    """A browser whose user tries again when a request fails or the server errs."""

    def __init__(self, port: int, outcome: Outcome) -> None:
        super().__init__(port)
        self.outcome = outcome

    def send(self, kind: str, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        for attempt in range(RETRIES):
            try:
                reply = self.post(path, form or {}) if method == "POST" else self.get(path)
            except TRANSIENT:
                reply = None
            self.outcome.requests += 1
            if reply is not None and reply.status < 500:
                self.outcome.latencies.setdefault(kind, []).append(reply.seconds)
                return reply
            self.outcome.retries += 1
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            time.sleep(min(0.05 * 2**attempt, 1.0))
        raise GaveUp(f"{method} {path}: no answer after {RETRIES} tries")


def expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise GaveUp(f"{what}: HTTP {reply.status}, expected {status}")
    return reply


def form_answers() -> dict[str, dict]:
    """Valid answers to every page of the load form, made from its definition (one photo attached)."""
    from formbuilder.definitions.loader import load_file

    return page_answers(load_file(ROOT / "form_definitions" / f"{FORM}.json").definition)


ANSWERS = form_answers()


def citizen_journey(browser: PatientBrowser, serial: int) -> tuple[str, str]:
    """One citizen through the 児童手当 form, a photo of their ID attached on the documents page.

    Pages are followed where the app leads (rules skip some); returns the reference number
    shown and the e-mail address typed, which identifies the journey's row in the audit.
    """
    email = f"load{serial:06d}@example.jp"
    expect(browser.send("start page GET", "GET", f"/forms/{FORM}"), 200, "start page")
    location = expect(browser.send("start POST", "POST", f"/forms/{FORM}/start", {}), 302, "start").location
    prefix = f"/forms/{FORM}/pages/"
    for _ in range(len(ANSWERS) + 1):
        if location == f"/forms/{FORM}/check":
            break
        if not location or not location.startswith(prefix) or location[len(prefix) :] not in ANSWERS:
            raise GaveUp(f"redirected to {location}")
        data = dict(ANSWERS[location[len(prefix) :]])
        for name in (IDENTITY, f"{IDENTITY}-confirm"):
            if name in data:
                data[name] = email
        expect(browser.send("page GET", "GET", location), 200, f"GET {location}")
        kind = "page POST with photo" if any(isinstance(v, Path) for v in data.values()) else "page POST"
        location = expect(
            browser.send(kind, "POST", location, {"action": "next", **data}), 302, f"POST {location}"
        ).location
    check = expect(browser.send("check GET", "GET", f"/forms/{FORM}/check"), 200, "check")
    token = SUBMIT_TOKEN.search(check.body)
    if not token:
        raise GaveUp("no submit token on the check page")
    sent = browser.send(
        "submit POST", "POST", f"/forms/{FORM}/submit", {"submit_token": token.group(1), "declaration": "y"}
    )
    expect(sent, 302, "submit")
    complete = expect(browser.send("complete GET", "GET", sent.location or ""), 200, "complete")
    found = REFERENCE.search(complete.body)
    if not found:
        raise GaveUp("no reference number on the confirmation page")
    return found.group(1), email


def run_clients(port: int, journeys: int, clients: int) -> tuple[Outcome, float]:
    """Run `journeys` journeys over `clients` threads; return what they saw and the wall time."""
    counter = iter(range(journeys))
    lock = threading.Lock()
    outcomes = [Outcome() for _ in range(clients)]

    def work(outcome: Outcome) -> None:
        while True:
            with lock:
                serial = next(counter, None)
            if serial is None:
                return
            browser = PatientBrowser(port, outcome)
            try:
                reference, name = citizen_journey(browser, serial)
                outcome.confirmed[reference] = name
            except GaveUp as exc:
                outcome.gave_up.append(str(exc))
            finally:
                browser.close()

    threads = [threading.Thread(target=work, args=(o,), daemon=True) for o in outcomes]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Outcome()
    for outcome in outcomes:
        total.merge(outcome)
    return total, time.perf_counter() - started


# Workers are forks of a preloaded app (servers.py), ready at once; a worker younger than this
# is still spared, so each one serves before it can be killed, however busy the machine.
BOOT_SECONDS = 1.0


class WorkerKiller:
    """SIGKILL one gunicorn worker (a child of the master) every `every` seconds."""

    def __init__(self, master_pid: int, every: float) -> None:
        self.master_pid = master_pid
        self.every = every
        self.kills = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerKiller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _workers(self) -> list[int]:
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            workers = [pid for pid in self._workers() if _age(pid) >= max(self.every, BOOT_SECONDS)]
            if workers:
                try:
                    os.kill(random.choice(workers), signal.SIGKILL)
                    self.kills += 1
                except ProcessLookupError:
                    pass


def _age(pid: int) -> float:
    """Seconds since the process started (0 when it is gone).

    On a busy machine a new worker may take longer to boot than the kill interval; killing
    workers before they ever serve would stall the run instead of testing what a crash in the
    middle of requests does.
    """
    try:
        started = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return 0.0
    return uptime - started / os.sysconf("SC_CLK_TCK")


def audit(instance: servers.Instance, outcome: Outcome, work: Path) -> dict:
    """Check the stored rows against what the clients saw; return the findings."""
    import sqlalchemy as sa

    engine = sa.create_engine(instance.url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT reference, answers FROM submissions")).all()
        held = dict(
            conn.execute(
                sa.text(
                    "SELECT s.reference, count(a.id) FROM submissions s"
                    " LEFT JOIN attachments a ON a.submission_id = s.id GROUP BY s.reference"
                )
            ).all()
        )
        files = conn.execute(sa.text("SELECT count(*) FROM attachments")).scalar_one()
        orphan_rows = conn.execute(
            sa.text("SELECT count(*) FROM attachments WHERE submission_id IS NULL AND draft_id IS NULL")
        ).scalar_one()
    engine.dispose()
    stored: dict[str, int] = {}
    names: dict[str, str] = {}
    without_files = []
    for reference, answers in rows:
        stored[reference] = stored.get(reference, 0) + 1
        values = answers if isinstance(answers, dict) else json.loads(answers)
        names[reference] = values.get(IDENTITY, "")
        answered = sum(len(values.get(name) or []) for name in FILE_FIELDS)
        if held.get(reference, 0) != answered:
            without_files.append(reference)
    problems = []
    missing = [r for r in outcome.confirmed if r not in stored]
    doubled = [r for r, n in stored.items() if n > 1]
    wrong = [r for r, name in outcome.confirmed.items() if r in names and names[r] != name]
    if missing:
        problems.append(f"{len(missing)} confirmed journey(s) without a row, e.g. {missing[:3]}")
    if doubled:
        problems.append(f"{len(doubled)} reference number(s) stored more than once")
    if wrong:
        problems.append(f"{len(wrong)} row(s) with answers of another journey")
    if orphan_rows:
        problems.append(f"{orphan_rows} attachment row(s) belong to nothing")
    if without_files:
        problems.append(f"{len(without_files)} row(s) whose files are not all there, e.g. {without_files[:3]}")
    cleanup = flask(instance, "forms", "cleanup", "--grace-hours", "0")  # the run is over: nothing in flight
    exported = work / f"export-{instance.backend}-{instance.folder.name}.csv"
    flask(instance, "forms", "export", FORM, "--out", str(exported))
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(io.StringIO(handle.read())))
    exported_refs = [row[0] for row in table[1:]]
    if sorted(exported_refs) != sorted(stored):
        problems.append(f"the CSV has {len(exported_refs)} rows, the database {len(stored)}")
    leftover, lost = leftover_files(instance)
    if leftover:
        problems.append(f"{leftover} stored file(s) without a row after cleanup")
    if lost:
        problems.append(f"{lost} attachment row(s) whose file is missing")
    return {
        "rows": len(rows),
        "confirmed": len(outcome.confirmed),
        "rows_without_confirmation": len(set(stored) - set(outcome.confirmed)),
        "attachments": files,
        "rows_with_all_files": len(rows) - len(without_files),
        "csv_rows": len(exported_refs),
        "cleanup": cleanup.strip().splitlines()[-1:] if cleanup.strip() else [],
        "problems": problems,
    }


def leftover_files(instance: servers.Instance) -> tuple[int, int]:
    """Return (stored files no attachment row names, rows whose file is not stored)."""
    from formbuilder import create_app
    from formbuilder.attachments.stores import STORES, store_for
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment

    # As the instance's servers run (local http, FORMBUILDER_COOKIE_SECURE=0): no public address needed.
    config = {"INSTANCE_PATH": str(instance.folder), "SQLALCHEMY_DATABASE_URI": instance.url, "COOKIE_SECURE": False}
    app = create_app(config)
    with app.app_context():
        keys = set(db.session.scalars(db.select(Attachment.storage_key)))
        stored = {key for kind in STORES for key, _ in store_for(kind).stored()}
        db.session.remove()  # give the connection back before the pool is closed
        db.engine.dispose()
    return len(stored - keys), len(keys - stored)


def flask(instance: servers.Instance, *args: str) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=instance.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


@dataclass
class Settings:
    journeys: int
    clients: int
    kill_every: float


def one_run(instance: servers.Instance, settings: Settings, kill: bool, work: Path) -> dict:
    """Serve `instance`, run the clients (killing workers when `kill`), audit."""
    servers.migrate(instance)
    log(
        f"{instance.backend}{' with worker kills' if kill else ''}: {settings.journeys:,} journeys, {settings.clients} clients"
    )
    log_file = work / f"gunicorn-{instance.backend}-{'kill' if kill else 'calm'}.log"
    with servers.gunicorn_process("wsgi:app", instance.env(), log_file) as (port, master):
        killer = WorkerKiller(master, settings.kill_every) if kill else None
        if killer:
            with killer:
                outcome, seconds = run_clients(port, settings.journeys, settings.clients)
        else:
            outcome, seconds = run_clients(port, settings.journeys, settings.clients)
    found = audit(instance, outcome, work)
    latencies = {kind: latency_summary(values) for kind, values in sorted(outcome.latencies.items())}
    return {
        "backend": instance.backend,
        "kills": killer.kills if killer else 0,
        "seconds": round(seconds, 1),
        "journeys_per_s": round(len(outcome.confirmed) / seconds, 1),
        "requests_per_s": round(outcome.requests / seconds, 1),
        "retries": outcome.retries,
        "gave_up": len(outcome.gave_up),
        "first_gave_up": sorted(set(outcome.gave_up))[:3],
        "latency_ms": latencies,
        "audit": found,
    }


def bare_flask(work: Path, clients: int) -> dict:
    with servers.gunicorn("bench.hello:app", clean_env(), work / "gunicorn-hello.log") as port:
        result = python_get_load(port, "/", "", clients, 10)
    summary = latency_summary(result["latencies"])
    return {"requests_per_s": round(result["requests"] / result["seconds"], 1), "latency_ms": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--kill-every", type=float, default=3.0, metavar="SECONDS")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", default="calm,kill", help="calm, kill or both (comma-separated)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = Settings(args.journeys, args.clients, args.kill_every)
    results: dict[str, object] = {"settings": vars(settings)}
    failed = False
    out = args.out or BENCH / "results" / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fbload-") as temporary:
        work = Path(temporary)
        results["bare_flask"] = bare_flask(work, args.clients)
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            for kill in [run == "kill" for run in ("calm", "kill") if run in args.runs.split(",")]:
                name = f"{backend}{' kill' if kill else ''}"
                if backend == "postgresql":
                    reason = servers.postgres_reachable(PG_ADMIN_URL)
                    if reason:
                        results[name] = {"skipped": reason}
                        continue
                    with servers.postgres_database(PG_ADMIN_URL) as url:
                        result = one_run(servers.Instance(work / f"pg-{int(kill)}", url), settings, kill, work)
                else:
                    result = one_run(servers.Instance(work / f"sqlite-{int(kill)}", None), settings, kill, work)
                results[name] = result
                failed |= bool(result["audit"]["problems"])
                # A long run is saved after each part, so a stopped run keeps what it measured.
                out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
                log(f"{name} done, saved so far to {out}")
    print_table(results)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"saved {out}")
    return 1 if failed else 0


def print_table(results: dict) -> None:
    hello = results["bare_flask"]
    print(
        f"bare Flask hello (same run): {hello['requests_per_s']:,} req/s · "
        f"p50 {hello['latency_ms']['p50_ms']} ms · p95 {hello['latency_ms']['p95_ms']} ms"
    )
    for name, result in results.items():
        if name in ("settings", "bare_flask"):
            continue
        if "skipped" in result:
            print(f"{name}: skipped ({result['skipped'][:80]})")
            continue
        found = result["audit"]
        pages = result["latency_ms"].get("page POST", {})
        submit = result["latency_ms"].get("submit POST", {})
        print(
            f"{name}: {found['confirmed']:,} confirmed journeys in {result['seconds']} s = "
            f"{result['journeys_per_s']} journeys/s ({result['requests_per_s']} req/s) · "
            f"page POST p50 {pages.get('p50_ms')} / p95 {pages.get('p95_ms')} ms · "
            f"submit p50 {submit.get('p50_ms')} / p95 {submit.get('p95_ms')} ms · "
            f"{result['kills']} worker kills, {result['retries']} retried requests, {result['gave_up']} given up · "
            f"rows {found['rows']}, CSV rows {found['csv_rows']} · "
            + ("audit OK" if not found["problems"] else "AUDIT FAILED: " + "; ".join(found["problems"]))
        )


if __name__ == "__main__":
    sys.exit(main())
