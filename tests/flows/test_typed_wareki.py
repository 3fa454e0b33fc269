"""A plain date page posted with 和暦 typed as people type it: the day is kept, not refused (issue 18, 6)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from formbuilder.assist.wareki import japanese_date
from tests.flows.journeys import WATER
from tests.support import Citizen, errors_of, text_of, water_answers

# 令和8年12月7日: the water form takes a start day 3 to 90 days ahead.
TODAY = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
BOXES = ("start_date-year", "start_date-month", "start_date-day")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        (("令和8年12月15日", "", ""), date(2026, 12, 15)),
        (("R8.12.15", "", ""), date(2026, 12, 15)),
        (("ｒ８．１２．１５", "", ""), date(2026, 12, 15)),
        (("令和９年１月５日", "", ""), date(2027, 1, 5)),
        (("R9", "1", "5"), date(2027, 1, 5)),
    ],
)
def test_a_start_day_typed_in_wareki_is_kept(client, typed, day):
    with time_machine.travel(TODAY, tick=False):
        citizen = Citizen(client, WATER)
        citizen.start()
        for page_id in ("place", "user"):
            assert citizen.post_page(page_id, water_answers()[page_id]).status_code == 302
        response = citizen.post_page("start", {**dict(zip(BOXES, typed, strict=True)), "usage": "household"})
        assert response.status_code == 302, errors_of(response)
        for page_id in ("payment", "confirm"):
            citizen.post_page(page_id, water_answers()[page_id])
        assert japanese_date(day) in text_of(citizen.get(f"/forms/{WATER}/check"))


def test_an_era_day_that_never_was_is_refused_saying_why(client):
    with time_machine.travel(TODAY, tick=False):
        citizen = Citizen(client, WATER)
        citizen.start()
        for page_id in ("place", "user"):
            citizen.post_page(page_id, water_answers()[page_id])
        response = citizen.post_page("start", {BOXES[0]: "令和元年4月30日", "usage": "household"})
        assert errors_of(response)[0].endswith("令和元年は5月1日からです。4月30日までは平成31年です。")
