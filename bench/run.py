"""formbuilder benchmark: page and submit throughput, receipt rendering, CSV export, page weight, in one run.

    .venv/bin/python bench/run.py            # full run, about 3–5 minutes
    .venv/bin/python bench/run.py --quick    # everything shrunk, well under a minute (smoke test)

Prints a table to stdout (progress goes to stderr) and saves every figure as JSON under
bench/results/. Only loopback traffic; every server, database and file it makes is removed
at the end. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import form_size
import http_load
import layout
import page_weight
import seed
import servers
import wrk as wrk_tool
from common import BENCH, ROOT, WATER, clean_env, latency_summary, log, run_child, wait_until_idle

from tests.support import water_answers

PROFILES = {
    "full": {
        "wrk_seconds": 10,
        "wrk_threads": 2,
        "wrk_connections": 8,
        "journey_seconds": 20,
        "clients": 8,
        "post_drafts": 16,
        "receipt_warm": 30,
        "csv_rows": 100_000,
        "size_rounds": 60,
        "size_warm": 3,
        "layout_rounds": 60,
        "layout_warm": 3,
        "layout_slices": 4,
        "layout_slice_seconds": 1.0,
        "layout_clients": 8,
        "layout_startups": 5,
    },
    "quick": {
        "wrk_seconds": 1,
        "wrk_threads": 2,
        "wrk_connections": 8,
        "journey_seconds": 1.5,
        "clients": 8,
        "post_drafts": 4,
        "receipt_warm": 3,
        "csv_rows": 3_000,
        "size_rounds": 8,
        "size_warm": 1,
        "layout_rounds": 8,
        "layout_warm": 1,
        "layout_slices": 1,
        "layout_slice_seconds": 0.3,
        "layout_clients": 8,
        "layout_startups": 1,
    },
}
PG_ADMIN_URL = os.environ.get("FORMBUILDER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
GET_PAGE = "start"  # measured with a live draft that has completed the pages before it
POST_PAGE = "user"  # posted again and again by wrk, for drafts that completed the page before it
SECTIONS = ("http", "size", "layout", "pdf", "csv", "weight")


class Report:
    """The figures of one run: raw results by key, and rows of the printed table."""

    def __init__(self) -> None:
        self.results: dict[str, object] = {}
        self.rows: list[tuple[str, str, str]] = []
        self.failures: list[str] = []
        self.busy: dict[str, float | None] = {}  # share of the CPUs in use by others just before each part
        self.wait_idle = 0.0

    def row(self, figure: str, backend: str, value: str) -> None:
        self.rows.append((figure, backend, value))

    def verify(self, name: str, result: dict) -> None:
        """Count a load run with failed requests or wrong answers as a failed part (exit status 1)."""
        if result.get("errors") or result.get("warning"):
            self.failures.append(f"{name}: {result.get('errors', 0)} error(s) {result.get('warning', '')}".strip())

    def section(self, name: str, function, *args) -> None:
        """Run one part; a failure is recorded and shown, and the other parts still run."""
        started = time.perf_counter()
        busy = wait_until_idle(self.wait_idle)
        self.busy[name] = None if busy is None else round(busy, 2)
        try:
            function(*args)
        except Exception as exc:
            log(f"{name} FAILED:\n{traceback.format_exc()}")
            self.failures.append(f"{name}: {type(exc).__name__}: {exc}")
            self.results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            self.row(name, "", f"FAILED: {type(exc).__name__}: {str(exc)[:120]}")
        log(f"{name} took {time.perf_counter() - started:.1f} s")


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} ms"


def rate_text(result: dict) -> str:
    text = f"{result['requests_per_s']:,.0f} req/s · p50 {ms(result['p50_ms'])} · p95 {ms(result['p95_ms'])}"
    if result.get("errors"):
        text += f" · {result['errors']} ERRORS"
    if result.get("warning"):
        text += f" · WARNING {result['warning']}"
    return text


def raw_response_size(port: int, path: str, cookie: str) -> int:
    """Bytes of one whole response, headers included, as wrk counts them (the server closes the connection)."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\r\n".encode("ascii")
    size = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        while chunk := sock.recv(65536):
            size += len(chunk)
    return size


def get_load(settings: dict, wrk: str | None, port: int, path: str, cookie: str, expect_bytes: int) -> dict:
    """Throughput and latency of GET `path`: wrk when available, else threads of http.client."""
    if wrk:
        return wrk_tool.run(
            wrk,
            f"http://127.0.0.1:{port}{path}",
            wrk_tool.get_script(cookie),
            settings["wrk_threads"],
            settings["wrk_connections"],
            settings["wrk_seconds"],
            expect_bytes,
        )
    raw = http_load.python_get_load(port, path, cookie, settings["wrk_connections"], settings["wrk_seconds"])
    return {
        "tool": f"python http.client, {settings['wrk_connections']} threads",
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / raw["seconds"], 1),
        **{k: v for k, v in latency_summary(raw["latencies"]).items() if k != "count"},
        "errors": raw["errors"],
    }


def hello_figures(report: Report, settings: dict, wrk: str | None, work: Path) -> None:
    log("bare Flask hello under gunicorn")
    with servers.gunicorn("bench.hello:app", clean_env(), work / "gunicorn-hello.log") as port:
        result = get_load(settings, wrk, port, "/", "", raw_response_size(port, "/", ""))
    report.results["hello_get"] = result
    report.verify("hello GET", result)
    report.row("bare Flask hello: GET /", "–", rate_text(result))


def app_figures(report: Report, settings: dict, wrk: str | None, instance: servers.Instance, work: Path) -> None:
    """Page GET, whole journeys and page POSTs against one running instance of the app."""
    backend = instance.backend
    answers = water_answers()
    log(f"{backend}: starting gunicorn")
    with servers.gunicorn("wsgi:app", instance.env(), work / f"gunicorn-{backend}.log", f"/forms/{WATER}") as port:
        # 1. GET of a page with a live draft.
        browser = http_load.Browser(port)
        http_load.start_draft(browser)
        http_load.fill_pages(browser, {p: answers[p] for p in ("place", "user")})
        page_path = f"/forms/{WATER}/pages/{GET_PAGE}"
        first = browser.get(page_path)
        if first.status != 200:
            raise RuntimeError(f"GET {page_path} gave HTTP {first.status}")
        cookie = browser.cookie_header()
        expect = raw_response_size(port, page_path, cookie)
        log(f"{backend}: GET {page_path} ({first.size} B of HTML)")
        result = get_load(settings, wrk, port, page_path, cookie, expect)
        result["html_bytes"] = first.size
        after = browser.get(page_path)
        if after.status != 200:
            raise RuntimeError(f"GET {page_path} gave HTTP {after.status} after the load")
        browser.close()
        report.results[f"{backend}_page_get"] = result
        report.verify(f"{backend} page GET", result)
        report.row(f"form page GET ({GET_PAGE} page, live draft)", backend, rate_text(result))

        # 2. Whole journeys by concurrent clients.
        log(f"{backend}: journeys, {settings['clients']} clients, {settings['journey_seconds']} s")
        journeys = http_load.run_journeys(port, answers, settings["clients"], settings["journey_seconds"])
        samples = journeys.pop("samples")
        journeys["page_post"] = latency_summary(samples.page_post)
        journeys["page_get"] = latency_summary(samples.page_get)
        journeys["check_get"] = latency_summary(samples.check_get)
        journeys["submit_post"] = latency_summary(samples.submit_post)
        report.results[f"{backend}_journeys"] = journeys
        report.verify(f"{backend} journeys", journeys)
        text = f"{journeys['journeys_per_s']:.1f} journeys/s ({journeys['requests_per_s']:,.0f} req/s)"
        if journeys["errors"]:
            text += f" · {journeys['errors']} FAILED: {journeys['first_errors'][0]}"
        report.row(f"submit: whole journeys, {settings['clients']} clients", backend, text)
        for key, label in (("page_post", "page POST"), ("submit_post", "final submit POST"), ("page_get", "page GET")):
            summary = journeys[key]
            report.row(f"  {label} in journeys", backend, f"p50 {ms(summary['p50_ms'])} · p95 {ms(summary['p95_ms'])}")

        # 3. Raw page-POST rate with wrk, over several drafts.
        if not wrk:
            report.row("page POST with wrk", backend, "skipped: wrk missing")
            return
        requests = []
        for _ in range(settings["post_drafts"]):
            citizen = http_load.Browser(port)
            http_load.start_draft(citizen)
            http_load.fill_pages(citizen, {"place": answers["place"]})
            body = urlencode({"csrf_token": citizen.csrf, "action": "next", **answers[POST_PAGE]})
            requests.append((citizen.cookie_header(), body))
            citizen.close()
        log(f"{backend}: wrk POST /pages/{POST_PAGE} over {len(requests)} drafts")
        path = f"/forms/{WATER}/pages/{POST_PAGE}"
        result = wrk_tool.run(
            wrk,
            f"http://127.0.0.1:{port}{path}",
            wrk_tool.post_script(path, requests, 302),
            settings["wrk_threads"],
            settings["wrk_connections"],
            settings["wrk_seconds"],
        )
        report.results[f"{backend}_page_post_wrk"] = result
        report.verify(f"{backend} page POST with wrk", result)
        report.row(f"page POST with wrk ({POST_PAGE} page, {len(requests)} drafts)", backend, rate_text(result))


def receipt_figures(report: Report, settings: dict, work: Path) -> None:
    instance = fresh_sqlite(work, "receipt-instance")
    log(f"receipt: cold render, then {settings['receipt_warm']} warm renders, in a child process")
    child = run_child(
        [
            sys.executable,
            str(BENCH / "child.py"),
            "receipt",
            instance.url,
            str(instance.folder),
            str(settings["receipt_warm"]),
        ],
        clean_env(),
        timeout=600,
    )
    if child.returncode != 0:
        raise RuntimeError(f"receipt child failed: {child.stderr[-2000:]}")
    result = child.json()
    result["wait4_max_rss_mb"] = child.max_rss_mb  # includes this process's RSS: see child.max_rss_mb
    report.results["receipt"] = result
    report.row(
        "receipt PDF: cold (WeasyPrint import + first render)",
        "–",
        f"{result['cold_s']:.2f} s (import {result['import_s']:.2f} s + first render {result['first_render_s']:.2f} s)",
    )
    report.row(
        f"receipt PDF: warm render, median of {result['warm']}",
        "–",
        f"{result['warm_median_ms']:.0f} ms (min {result['warm_min_ms']:.0f}, max {result['warm_max_ms']:.0f};"
        f" HTML template {result['html_median_ms']:.1f} ms) · {result['pdf_pages']} page(s), {result['pdf_bytes'] / 1024:.0f} KB",
    )
    report.row(
        f"receipt PDF: with a {result['long_answer_chars']:,}-character answer, median of {result['long_renders']}",
        "–",
        f"{result['long_median_ms']:.0f} ms (min {result['long_min_ms']:.0f}: {result['long_to_floor']:.1f}× the"
        f" ordinary receipt's min of {result['warm_min_ms']:.0f} ms) · {result['long_pdf_pages']} page(s)",
    )
    report.row(
        "receipt PDF: peak RSS of the process",
        "–",
        f"{result['rss_peak_mb']:.0f} MB (app + one submission before the first render: {result['rss_before_mb']:.0f} MB)",
    )


def fresh_sqlite(work: Path, name: str) -> servers.Instance:
    """A migrated SQLite instance: a copy of a template migrated once per run (as the tests do)."""
    template = work / "sqlite-template"
    if not template.exists():
        servers.migrate(servers.Instance(template, None))
    shutil.copytree(template, work / name)
    return servers.Instance(work / name, None)


def csv_figures(report: Report, settings: dict, instance: servers.Instance, work: Path) -> None:
    """Insert the submissions in bulk, then export them in each encoding in a child process."""
    from formbuilder.definitions.catalogue import load_catalogue

    backend = instance.backend
    definition = load_catalogue(ROOT / "form_definitions").get(WATER)
    rows = settings["csv_rows"]
    log(f"{backend}: inserting {rows:,} submissions")
    inserted = seed.insert_submissions(instance.url, definition, rows)
    report.results[f"{backend}_csv_insert"] = inserted
    report.row(
        f"CSV: bulk insert of {rows:,} submissions (Core)",
        backend,
        f"{inserted['seconds']:.1f} s ({inserted['rows_per_s']:,} rows/s)",
    )
    for encoding in ("utf-8-sig", "cp932"):
        out = work / f"export-{backend}-{encoding}.csv"
        log(f"{backend}: export {encoding}")
        child = run_child(
            [sys.executable, str(BENCH / "child.py"), "export", instance.url, str(instance.folder), encoding, str(out)],
            clean_env(),
            timeout=600,
        )
        if child.returncode != 0:
            raise RuntimeError(f"export child failed: {child.stderr[-2000:]}")
        result = child.json()
        result["wait4_max_rss_mb"] = child.max_rss_mb  # includes this process's RSS: see child.max_rss_mb
        out.unlink(missing_ok=True)
        if result["rows"] != rows:
            raise RuntimeError(f"exported {result['rows']} rows, expected {rows}")
        report.results[f"{backend}_csv_{encoding}"] = result
        losses = f", {result['losses']} lost chars replaced" if result["losses"] else ""
        report.row(
            f"CSV export {encoding} ({rows:,} rows{losses})",
            backend,
            f"{result['seconds']:.2f} s ({rows / result['seconds']:,.0f} rows/s), {result['bytes'] / 1e6:.1f} MB"
            f" · peak RSS {result['rss_peak_mb']:.0f} MB (app loaded {result['rss_before_mb']:.0f} MB)",
        )


def postgres_part(report: Report, settings: dict, sections: set[str], wrk: str | None, work: Path) -> None:
    reason = servers.postgres_reachable(PG_ADMIN_URL)
    if reason:
        report.results["postgresql"] = {"skipped": reason}
        report.row("PostgreSQL figures", "postgresql", f"skipped: not reachable ({reason[:80]})")
        log(f"PostgreSQL skipped: {reason}")
        return
    with servers.postgres_database(PG_ADMIN_URL) as url:
        instance = servers.Instance(work / "pg-instance", url)
        servers.migrate(instance)
        if "http" in sections:
            report.section("postgresql http", app_figures, report, settings, wrk, instance, work)
        if "csv" in sections:
            import sqlalchemy as sa

            engine = sa.create_engine(url)
            with engine.begin() as conn:
                conn.execute(sa.text("TRUNCATE drafts, submissions, form_versions RESTART IDENTITY CASCADE"))
            engine.dispose()
            report.section("postgresql csv", csv_figures, report, settings, instance, work)


def meta(profile: str, settings: dict, wrk_status: str) -> dict:
    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    wrk_version = ""
    if shutil.which("wrk"):
        output = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)
        wrk_version = (output.stdout or output.stderr).splitlines()[0] if (output.stdout or output.stderr) else ""
    return {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": profile,
        "settings": settings,
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "wrk": f"{wrk_version} ({wrk_status})",
        "gunicorn": f"{servers.GUNICORN_WORKERS} sync workers, no access log",
        "packages": {p: version(p) for p in ("flask", "sqlalchemy", "gunicorn", "weasyprint", "psycopg", "wtforms")},
    }


BUSY = 0.15  # other processes using more of the CPUs than this make the figures low


def busy_note(busy: dict[str, float | None]) -> str:
    """Say how busy the CPUs were just before each part: the figures mean little when they were."""
    known = {name: value for name, value in busy.items() if value is not None}
    values = ", ".join(f"{name} {value:.0%}" for name, value in known.items())
    if known and max(known.values()) > BUSY:
        return f"WARNING: other processes kept the CPUs busy (before each part: {values}); figures are low"
    return f"CPUs in use by others just before each part: {values or '–'}"


def print_table(report: Report, info: dict) -> None:
    headers = ("figure", "database", "result")
    widths = [max(len(headers[i]), *(len(r[i]) for r in report.rows)) for i in range(2)]
    lines = [
        f"formbuilder benchmark · {info['profile']} · {info['machine']} · Python {info['python']}"
        f" · git {info['git_commit'][:10]}{' (dirty)' if info['git_dirty'] else ''}",
        f"load generator: {info['wrk']}; gunicorn {info['gunicorn']}",
        busy_note(report.busy),
        "",
        f"{headers[0]:<{widths[0]}}  {headers[1]:<{widths[1]}}  {headers[2]}",
        f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 40}",
    ]
    lines += [f"{f:<{widths[0]}}  {b:<{widths[1]}}  {v}" for f, b, v in report.rows]
    print("\n".join(lines), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="shrink everything (a smoke test, well under a minute)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated parts among {', '.join(SECTIONS)}")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL figures")
    parser.add_argument("--csv-rows", type=int, help="number of submissions to export (default 100,000; quick 3,000)")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each part, wait up to this long for other processes to leave the CPUs",
    )
    parser.add_argument("--out", type=Path, help="JSON file to write (default bench/results/<time>.json)")
    args = parser.parse_args()
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := sections - set(SECTIONS):
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    profile = "quick" if args.quick else "full"
    settings = dict(PROFILES[profile])
    if args.csv_rows:
        settings["csv_rows"] = args.csv_rows

    started = time.perf_counter()
    wrk, wrk_status = (None, "not needed")
    if "http" in sections:
        wrk, wrk_status = wrk_tool.ensure_wrk()
        log(f"wrk: {wrk or 'none'} ({wrk_status})")
    info = meta(profile, settings, wrk_status)
    report = Report()
    report.wait_idle = args.wait_idle
    with tempfile.TemporaryDirectory(prefix="fbbench-") as temporary:
        work = Path(temporary)
        if "http" in sections:
            sqlite = fresh_sqlite(work, "sqlite-instance")
            report.section("hello", hello_figures, report, settings, wrk, work)
            report.section("sqlite http", app_figures, report, settings, wrk, sqlite, work)
        if "size" in sections:
            size_instance = fresh_sqlite(work, "size-instance")
            report.section("form size", form_size.size_figures, report, settings, size_instance, work)
        if "layout" in sections:
            copies = {name: fresh_sqlite(work, f"layout-{name}-instance") for name in layout.LAYOUTS}
            report.section("layout", layout.layout_figures, report, settings, copies, work)
        if "pdf" in sections:
            report.section("receipt", receipt_figures, report, settings, work)
        if "csv" in sections:
            csv_instance = fresh_sqlite(work, "csv-instance")
            report.section("sqlite csv", csv_figures, report, settings, csv_instance, work)
        if "weight" in sections:
            report.section("page weight", page_weight.weight_figures, report, settings, work)
        if not args.no_postgres and sections & {"http", "csv"}:
            report.section("postgresql", postgres_part, report, settings, sections, wrk, work)
        elif args.no_postgres:
            report.row("PostgreSQL figures", "postgresql", "skipped: --no-postgres")
        if report.failures:
            for log_file in sorted(work.glob("gunicorn-*.log")):
                tail = log_file.read_text(errors="replace")[-3000:]
                if tail.strip():
                    log(f"{log_file.name}:\n{tail}")
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["cpu_busy_before_each_part"] = report.busy
    print_table(report, info)
    out = args.out or BENCH / "results" / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{profile}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    document = {"meta": info, "results": report.results, "table": report.rows, "failures": report.failures}
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{len(report.failures)} part(s) failed · {info['seconds']} s · saved {out}", flush=True)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
