"""Eligibility exits: a rule that ends the journey on a page of its own, answers kept, counted once."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from tests.flows.html import Page
from tests.flows.journeys import rows
from tests.support import DECLARED, SUBMIT_TOKEN, Citizen, errors_of, text_of

SLUG = "exit-demo"
EXIT = f"/forms/{SLUG}/exit/civil-servant"
TOO_OLD = f"/forms/{SLUG}/exit/too-old"
YES, NO = {"civil_servant": "yes"}, {"civil_servant": "no"}
CHILD = {"birth-era": "western", "birth-year": "2020", "birth-month": "4", "birth-day": "1"}
DETAILS = {"phone": "090-1234-5678"}


@pytest.fixture
def forms_dir():
    return Path(__file__).resolve().parents[1] / "fixtures" / "exits"


def _counts(app) -> list[tuple[str, str, int]]:
    return [(r["form_slug"], r["exit_id"], r["count"]) for r in rows(app, "exit_counts")]


def test_an_exit_after_a_valid_page_shows_its_page_with_text_link_contact_and_a_way_back(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("who", YES)
    assert response.status_code == 302 and response.location == EXIT
    page = citizen.get(EXIT)
    assert page.status_code == 200
    text = text_of(page)
    assert "公務員の方は勤務先で手続きをしてください" in text
    assert "公務員の方の手当は勤務先から支給されます。 勤務先の手続き （外部サイト） をご覧ください。" in text
    assert "お問い合わせ先 勤務先の給与担当（ 窓口の一覧 ）" in text
    assert "入力した内容は消えていません。" in text
    html = page.get_data(as_text=True)
    assert 'href="https://www.example.jp/kyuyo/"' in html and 'href="/accessibility"' in html
    links = [e.attrs.get("href") for e in Page(page).find("a")]
    assert f"/forms/{SLUG}/pages/who" in links
    assert "<title>公務員の方は勤務先で手続きをしてください - テスト手当 請求書" in html


def test_an_exit_without_its_own_contact_shows_the_municipality_contact(client):
    citizen = Citizen(client, SLUG)
    with time_machine.travel("2026-04-10T12:00:00+09:00", tick=False):
        citizen.start()
        citizen.post_page("who", NO)
        response = citizen.post_page("child", {**CHILD, "birth-year": "2008"})  # 18 on 1 April 2026
        assert response.location == TOO_OLD
        text = text_of(citizen.get(TOO_OLD))
    assert "このお子さんは対象外です" in text
    assert "お問い合わせ先 テスト市役所 市民課 電話 000-000-0000" in text


def test_the_answers_stay_and_changing_them_lets_the_journey_go_on(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    citizen.post_page("who", YES)
    assert Page(citizen.get(citizen.url("/pages/who"))).value("civil_servant") == "yes"
    response = citizen.post_page("who", NO)
    assert response.status_code == 302 and response.location.endswith("/pages/child")
    assert citizen.get(EXIT).location.endswith("/pages/child")  # the exit no longer applies


def test_while_an_exit_holds_later_pages_the_check_page_and_the_submit_lead_to_it(client, app):
    citizen = Citizen(client, SLUG)
    citizen.start()
    for page_id, typed in (("who", NO), ("child", CHILD), ("details", DETAILS)):
        response = citizen.post_page(page_id, typed)
        assert response.status_code == 302, errors_of(response)
    token = SUBMIT_TOKEN.search(citizen.check().get_data(as_text=True)).group(1)
    assert citizen.post_page("who", YES).location == EXIT
    assert citizen.get(citizen.url("/check")).location == EXIT
    assert citizen.get(citizen.url("/pages/details")).location == EXIT
    assert citizen.post_page("details", DETAILS).location == EXIT
    sent = client.post(citizen.url("/submit"), data={"csrf_token": citizen.csrf, "submit_token": token, **DECLARED})
    assert sent.status_code == 302 and sent.location == EXIT
    assert rows(app, "submissions") == []
    begin = client.post(citizen.url("/start"), data={"csrf_token": citizen.csrf})
    assert begin.location == EXIT  # 「入力を続ける」 from the start page
    assert citizen.post_page("who", NO).status_code == 302
    assert citizen.submit().status_code == 302 and len(rows(app, "submissions")) == 1


@pytest.mark.both_databases
def test_a_draft_is_counted_once_per_exit_by_form_exit_and_day(client, app, runner):
    citizen = Citizen(client, SLUG)
    with time_machine.travel("2026-12-07T23:30:00+00:00", tick=False):  # 8 December in Japan
        citizen.start()
        citizen.post_page("who", YES)
        citizen.get(EXIT)
        citizen.get(EXIT)  # a reload
        citizen.post_page("who", NO)
        citizen.post_page("who", YES)  # back, changed, the same exit again
        assert _counts(app) == [(SLUG, "civil-servant", 1)]
        other = Citizen(app.test_client(), SLUG)
        other.start()
        other.post_page("who", YES)
    assert _counts(app) == [(SLUG, "civil-servant", 2)]
    [row] = rows(app, "exit_counts")
    assert str(row["day"]) == "2026-12-08"
    assert set(row) == {"id", "form_slug", "exit_id", "day", "count"}  # nothing that leads to a draft
    result = runner.invoke(args=["forms", "exits", SLUG])
    assert result.exit_code == 0 and result.stdout == "2026-12-08\tcivil-servant\t2\n"


def test_an_exit_page_is_not_shown_while_its_rule_does_not_hold(client, app):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.get(EXIT).location.endswith("/pages/who")  # not even answered yet
    assert client.get(f"/forms/{SLUG}/exit/no-such-exit").status_code == 404
    assert _counts(app) == []


def test_the_exit_page_in_another_language(client):
    citizen = Citizen(client, SLUG, lang="en")
    citizen.start()
    citizen.post_page("who", YES)
    text = text_of(citizen.get(citizen.url("/exit/civil-servant")))
    assert "Public servants apply at their workplace" in text
    assert "Public servants receive the allowance from their employer. See how to apply at work" in text
    assert "Your employer's payroll office" in text
    assert "公務員の方" not in text
