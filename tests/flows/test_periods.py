"""Open and close dates and caps: what the list and start page say, and a refused submit keeps the draft."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
import time_machine

from formbuilder.extensions import db
from formbuilder.flows.versions import form_version
from formbuilder.storage.models import Submission
from tests.flows.journeys import rows
from tests.staff.races import at_once
from tests.support import DECLARED, SUBMIT_TOKEN, Citizen, text_of

JST = timezone(timedelta(hours=9))
SLUG = "event-signup"
CLOSED = "受付期間が終了したため、送信できませんでした。入力した内容は消えていません。お問い合わせ："
FULL = "申し込みが上限に達したため、送信できませんでした。入力した内容は消えていません。"
PERIOD = {"opens_at": "2027-04-01", "closes_at": "2027-04-30T17:00+09:00"}


def definition(**top) -> dict:
    return {
        "slug": SLUG,
        "version": "1",
        "title": "講座の申込み",
        "department": "test",
        **top,
        "pages": [
            {
                "id": "who",
                "title": "申込者",
                "fields": [{"name": "full_name", "type": "text", "label": "氏名", "required": True, "max_length": 40}],
            }
        ],
    }


@pytest.fixture
def period() -> dict:
    return PERIOD


@pytest.fixture
def forms_dir(tmp_path, period):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / f"{SLUG}.json").write_text(json.dumps(definition(**period), ensure_ascii=False), encoding="utf-8")
    return folder


def at(text: str):
    """Move the clock to a moment written in Japan time, the clock standing still."""
    return time_machine.travel(datetime.fromisoformat(text).replace(tzinfo=JST), tick=False)


def filled(client, name: str = "山田 花子") -> tuple[Citizen, dict[str, str]]:
    """Start the form, answer its page; return the citizen and the check page's submit form."""
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.post_page("who", {"full_name": name}).status_code == 302
    page = citizen.check()
    token = SUBMIT_TOKEN.search(page.get_data(as_text=True)).group(1)
    return citizen, {"csrf_token": citizen.csrf, "submit_token": token, **DECLARED}


def test_before_opening_the_list_says_from_when_and_start_is_refused_politely(app, client):
    with at("2027-03-20T10:00"):
        assert "4月1日(木)から受付" in text_of(client.get("/"))
        start = client.get(f"/forms/{SLUG}")
        assert "受付期間 4月1日(木)から4月30日(金) 17:00まで" in text_of(start)
        assert "この手続きの受付は4月1日(木)からです。" in text_of(start)
        assert "申請を始める" not in text_of(start)
        citizen = Citizen(client, SLUG)
        citizen.get(citizen.url(""))
        refused = client.post(citizen.url("/start"), data={"csrf_token": citizen.csrf})
        assert refused.status_code == 403
        assert "この手続きの受付は4月1日(木)からです。" in text_of(refused)
        assert rows(app, "drafts") == []


def test_a_date_opens_at_midnight_japan_time(app, client):
    with at("2027-03-31T23:59:59"):
        assert "4月1日(木)から受付" in text_of(client.get("/"))
    with at("2027-04-01T00:00"):
        assert "4月30日(金) 17:00まで受付" in text_of(client.get("/"))
        filled(client)


def test_a_closed_form_refuses_the_submit_with_its_message_and_keeps_the_draft(app, client):
    with at("2027-04-30T16:50"):
        citizen, form = filled(client)
    with at("2027-04-30T17:00"):
        refused = client.post(citizen.url("/submit"), data=form)
        assert refused.status_code == 403
        assert CLOSED + app.config["MUNICIPALITY_CONTACT"] in text_of(refused)
        assert "送信する" not in text_of(refused)  # no button that cannot work
        assert rows(app, "submissions") == []
        again = citizen.check()
        assert "山田 花子" in text_of(again) and CLOSED in text_of(again)
        assert "受付終了" in text_of(client.get("/"))
        start = client.get(f"/forms/{SLUG}")
        assert "この手続きの受付は終了しました。" in text_of(start)
        assert "入力を続ける" in text_of(start)


def test_a_closed_form_asks_for_no_declaration_it_could_not_take(app, client):
    with at("2027-04-30T16:50"):
        citizen, form = filled(client)
    with at("2027-04-30T17:00"):
        refused = client.post(citizen.url("/submit"), data={k: v for k, v in form.items() if k not in DECLARED})
        assert CLOSED in text_of(refused) and "declaration" not in refused.get_data(as_text=True)
        assert rows(app, "submissions") == []


@pytest.mark.parametrize("period", [{"closes_at": "2027-04-30"}])
def test_a_date_closes_at_the_end_of_that_day_japan_time(app, client):
    with at("2027-04-30T23:59:59"):
        citizen, form = filled(client)
        assert "4月30日(金)まで受付" in text_of(client.get("/"))
        assert client.post(citizen.url("/submit"), data=form).status_code == 302
    with at("2027-05-01T00:00"):
        assert "受付終了" in text_of(client.get("/"))
        late, form = Citizen(client, SLUG), None
        late.get(late.url(""))
        assert client.post(late.url("/start"), data={"csrf_token": late.csrf}).status_code == 403


@pytest.mark.parametrize("lang, expected", [("en", "Fri, Apr 30"), ("ja-easy", "4月30日(金)"), ("ko", "4월 30일 (금)")])
def test_dates_are_written_in_the_page_language(app, client, lang, expected):
    with at("2027-04-10T12:00"):
        assert expected in text_of(client.get(f"/?lang={lang}"))


@pytest.mark.parametrize("period", [{"closes_at": "2028-01-15"}])
def test_a_date_of_another_year_shows_its_year(app, client):
    with at("2027-12-01T12:00"):
        assert "2028年1月15日(土)まで受付" in text_of(client.get("/"))


@pytest.mark.both_databases
@pytest.mark.parametrize("period", [{"max_submissions": 1}])
def test_a_full_form_refuses_the_submit_and_a_withdrawn_one_frees_its_place(app, client):
    first, first_form = filled(app.test_client(), "先着 一郎")
    second, second_form = filled(app.test_client(), "二番 次郎")
    assert first.client.post(first.url("/submit"), data=first_form).status_code == 302
    refused = second.client.post(second.url("/submit"), data=second_form)
    assert refused.status_code == 403 and FULL in text_of(refused)
    assert "二番 次郎" in text_of(second.check())
    assert "受付終了" in text_of(client.get("/"))
    with app.app_context():
        db.session.execute(sa.update(Submission).values(status="withdrawn"))
        db.session.commit()
    assert second.client.post(second.url("/submit"), data=second_form).status_code == 302
    assert [r["status"] for r in rows(app, "submissions")] == ["withdrawn", "received"]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
@pytest.mark.parametrize("period", [{"max_submissions": 1}])
def test_two_last_submissions_at_once_do_not_both_pass_the_cap(app, database_url):
    citizens = [filled(app.test_client(), name) for name in ("同時 一郎", "同時 次郎")]
    with app.app_context():  # the form's stored version, whose row the submit locks
        form_version(app.extensions["formbuilder.catalogue"].get(SLUG))
        db.session.commit()
    engine = sa.create_engine(database_url)
    holder = engine.connect()
    held = holder.begin()
    holder.execute(sa.text("SELECT id FROM form_versions WHERE slug = :s FOR UPDATE"), {"s": SLUG})
    try:
        results, join = at_once(*(lambda c=c, f=f: c.client.post(c.url("/submit"), data=f) for c, f in citizens))
        _both_waiting(engine, 2)
        held.rollback()
        join()
    finally:
        holder.close()
        engine.dispose()
    assert sorted(r.status_code for r in results) == [302, 403], results
    assert len(rows(app, "submissions")) == 1


def _both_waiting(engine, waiting: int) -> None:
    """Wait until `waiting` requests wait for a lock (give up after 5 s: without the lock none does)."""
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with engine.connect() as watcher:
        for _ in range(100):
            if watcher.execute(query).scalar() >= waiting:
                return
            watcher.rollback()
            time.sleep(0.05)


def test_on_an_english_page_the_refusal_marks_the_city_contact_lang_ja(app, client):
    from tests.web.test_lang_marks import unmarked_japanese

    client.get("/?lang=en")
    with at("2027-04-30T16:50"):
        citizen, form = filled(client, "Hana Yamada")
    with at("2027-04-30T17:00"):
        refused = client.post(citizen.url("/submit"), data=form).get_data(as_text=True)
    assert '<span lang="ja">テスト市役所 市民課 電話 000-000-0000</span>' in refused
    assert unmarked_japanese(refused) == []
