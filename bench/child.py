"""Work measured in a process of its own, so its peak RSS is its own: a receipt, or a CSV export.

Run by bench/run.py; prints one JSON line. Usage:
  child.py receipt DATABASE_URL INSTANCE WARM
  child.py export DATABASE_URL INSTANCE ENCODING OUT
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WATER = "water-supply-start"
LONG_ANSWER = 10_000  # characters: the hard cap of a text answer (formbuilder/fields/base.py)


def _status_mb(key: str) -> float | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def max_rss_mb() -> float:
    """Peak RSS of this process: VmHWM, which belongs to this program's memory alone.

    Not getrusage's ru_maxrss: Linux carries the high-water mark across exec, so a child
    spawned by a big parent reports at least the parent's RSS at the time of the spawn
    (and os.wait4 or RUSAGE_CHILDREN in the parent the same).
    """
    return _status_mb("VmHWM") or round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb() -> float | None:
    """Resident memory right now."""
    return _status_mb("VmRSS")


def make_app(database_url: str, instance: str):
    from formbuilder import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": instance,
            "SECRET_KEY": "bench-secret-key",
            "COOKIE_SECURE": False,
            "SESSION_COOKIE_SECURE": False,
            "SESSION_COOKIE_NAME": "fb_session",
        }
    )


def receipt(database_url: str, instance: str, warm: int) -> dict:
    """Submit the water form once through the test client, then render its receipt: cold once, then warm."""
    from sqlalchemy import select

    from formbuilder.extensions import db
    from formbuilder.receipts.pdf import receipt_html, render_receipt
    from formbuilder.storage.models import Draft, Submission
    from tests.receipts.long_answers import long_answer
    from tests.support import Citizen, fill_water

    app = make_app(database_url, instance)
    citizen = Citizen(app.test_client(), WATER)
    fill_water(citizen)
    response = citizen.submit()
    assert response.status_code == 302, response.status_code
    weasyprint_loaded_before = "weasyprint" in sys.modules
    with app.test_request_context(f"/forms/{WATER}/complete/receipt.pdf", base_url="http://127.0.0.1:5000"):
        draft = db.session.scalars(select(Draft).where(Draft.submission_id.is_not(None))).first()
        submission = db.session.get(Submission, draft.submission_id)
        rss_before = rss_mb()
        started = time.perf_counter()
        # Timed: the import is part of the cold render (receipts.pdf imports it on first use).
        import weasyprint
        import weasyprint.text.fonts  # noqa: F401

        imported = time.perf_counter()
        pdf = render_receipt(submission, draft.secret)
        cold_end = time.perf_counter()
        rss_after_cold = max_rss_mb()
        renders, templates = [], []
        for _ in range(warm):
            begin = time.perf_counter()
            pdf = render_receipt(submission, draft.secret)
            renders.append(time.perf_counter() - begin)
        for _ in range(warm):
            begin = time.perf_counter()
            receipt_html(submission, draft.secret)
            templates.append(time.perf_counter() - begin)
        # The same receipt with one answer of LONG_ANSWER characters, the most a text answer may
        # hold: 請求書の宛名 given in memory only (the water form allows 60 there; the
        # renderer does not look at the definition's limits), rolled back afterwards.
        long_answers = {"bill_to": "other", "bill_recipient": long_answer(LONG_ANSWER)}
        submission.answers = {**submission.answers, **long_answers}
        long_renders = []
        for _ in range(max(3, warm // 3)):
            begin = time.perf_counter()
            long_pdf = render_receipt(submission, draft.secret)
            long_renders.append(time.perf_counter() - begin)
        db.session.rollback()
    peak = max_rss_mb()
    pages = None
    try:
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        long_pages = len(PdfReader(io.BytesIO(long_pdf)).pages)
    except ImportError:
        long_pages = None
    return {
        "weasyprint_loaded_before": weasyprint_loaded_before,
        "import_s": round(imported - started, 3),
        "first_render_s": round(cold_end - imported, 3),
        "cold_s": round(cold_end - started, 3),
        "warm": warm,
        "warm_median_ms": round(statistics.median(renders) * 1000, 1),
        "warm_min_ms": round(min(renders) * 1000, 1),
        "warm_max_ms": round(max(renders) * 1000, 1),
        "html_median_ms": round(statistics.median(templates) * 1000, 2),
        "pdf_bytes": len(pdf),
        "pdf_pages": pages,
        "rss_before_mb": rss_before,
        "rss_after_cold_mb": rss_after_cold,
        "long_answer_chars": LONG_ANSWER,
        "long_renders": len(long_renders),
        "long_median_ms": round(statistics.median(long_renders) * 1000, 1),
        "long_min_ms": round(min(long_renders) * 1000, 1),
        "long_pdf_pages": long_pages,
        # Floor against floor (the fastest of each, the least disturbed by other processes), in
        # the same process: what the long answer itself costs.
        "long_to_floor": round(min(long_renders) / min(renders), 2),
        "rss_peak_mb": peak,
    }


def export(database_url: str, instance: str, encoding: str, out: str) -> dict:
    """Only the export: the app is created, then write_export runs once."""
    from formbuilder.exports.csv import ExportOptions, write_export

    app = make_app(database_url, instance)
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(WATER)
        rss_before = rss_mb()
        cpu_before = time.process_time()
        started = time.perf_counter()
        report = write_export(definition, ExportOptions(encoding=encoding, replace=True), Path(out))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_before
    return {
        "encoding": encoding,
        "rows": report.rows,
        "losses": len(report.losses),
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "bytes": Path(out).stat().st_size,
        "rss_before_mb": rss_before,
        "rss_peak_mb": max_rss_mb(),
    }


def main(argv: list[str]) -> None:
    if argv[0] == "receipt":
        result = receipt(argv[1], argv[2], int(argv[3]))
    elif argv[0] == "export":
        result = export(argv[1], argv[2], argv[3], argv[4])
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
