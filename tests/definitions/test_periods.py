"""opens_at / closes_at / max_submissions in a definition: what the loader takes and refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from formbuilder.definitions.loader import load_data
from tests.flows.test_periods import definition


def problems(**top) -> list[str]:
    return [f"{p.pointer}: {p.message}" for p in load_data(definition(**top), "event-signup.json").problems]


def test_a_date_is_the_whole_day_in_japan_time():
    loaded = load_data(definition(opens_at="2027-04-01", closes_at="2027-04-30"), "x").definition
    assert loaded.opens_at.at == datetime(2027, 3, 31, 15, tzinfo=UTC)
    assert loaded.closes_at.at == datetime(2027, 4, 30, 15, tzinfo=UTC)  # 0:00 JST of May 1
    assert str(loaded.closes_at.day()) == "2027-04-30"


def test_a_date_time_keeps_its_offset():
    loaded = load_data(definition(closes_at="2027-04-30T08:00Z", max_submissions=30), "x").definition
    assert loaded.closes_at.at == datetime(2027, 4, 30, 8, tzinfo=UTC)
    assert loaded.max_submissions == 30


@pytest.mark.parametrize(
    "top, expected",
    [
        ({"closes_at": "2027-02-30"}, "/closes_at: '2027-02-30' is not a real date or time"),
        ({"opens_at": "2027-04-01T25:00+09:00"}, "/opens_at: '2027-04-01T25:00+09:00' is not a real date or time"),
        ({"opens_at": "2027-05-01", "closes_at": "2027-04-30"}, "/closes_at: closes_at must be after opens_at"),
        ({"opens_at": "2027-04-01T09:00"}, "/opens_at"),
        ({"closes_at": "2027/04/30"}, "/closes_at"),
        ({"max_submissions": 0}, "/max_submissions"),
    ],
)
def test_refuses_a_period_that_is_not_real_or_ends_first(top, expected):
    found = problems(**top)
    assert any(line.startswith(expected) for line in found), found
