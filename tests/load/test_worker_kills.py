"""Under load, with gunicorn workers SIGKILLed mid-request, no submission is lost or doubled.

A bounded version of `bench/load.py` (which runs 10,000 journeys × 50 clients, 40 here): real gunicorn,
real HTTP clients that retry like people do, then the same audit of the database, the cleanup
command and the CSV export.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL, SERVICES_REQUIRED

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load as load_bench
import servers

SETTINGS = load_bench.Settings(journeys=40, clients=6, kill_every=0.5)


def instance_for(backend: str, tmp_path: Path):
    if backend == "sqlite":
        yield servers.Instance(tmp_path / "sqlite", None)
        return
    reason = servers.postgres_reachable(PG_ADMIN_URL)
    if reason:
        if SERVICES_REQUIRED:
            pytest.fail(f"PostgreSQL required (FORMBUILDER_REQUIRE_SERVICES=1) but unreachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {reason}")
    with servers.postgres_database(PG_ADMIN_URL) as url:
        yield servers.Instance(tmp_path / "pg", url)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_confirmed_journey_has_exactly_one_row_while_workers_are_killed(backend, tmp_path):
    for instance in instance_for(backend, tmp_path):
        result = load_bench.one_run(instance, SETTINGS, kill=True, work=tmp_path)
        found = result["audit"]
        assert result["kills"] >= 3, result  # the faults really happened
        assert found["problems"] == []
        assert found["confirmed"] == SETTINGS.journeys, result["first_gave_up"]
        assert found["rows"] == found["csv_rows"] == SETTINGS.journeys


def test_the_audit_notices_a_lost_row(tmp_path):
    """The audit is what makes the load test mean something: a missing row must fail it."""
    import sqlalchemy as sa

    instance = servers.Instance(tmp_path / "sqlite", None)
    result = load_bench.one_run(instance, load_bench.Settings(journeys=4, clients=2, kill_every=1), False, tmp_path)
    assert result["audit"]["problems"] == []
    engine = sa.create_engine(instance.url)
    with engine.begin() as conn:
        rows = conn.execute(sa.text("SELECT reference, answers FROM submissions")).all()
        seen = {reference: json.loads(answers)[load_bench.IDENTITY] for reference, answers in rows}
        conn.execute(sa.text("DELETE FROM submissions WHERE id = (SELECT min(id) FROM submissions)"))
    engine.dispose()
    problems = load_bench.audit(instance, load_bench.Outcome(confirmed=seen), tmp_path)["problems"]
    assert any("1 confirmed journey(s) without a row" in p for p in problems), problems
