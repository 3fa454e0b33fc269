"""Rules between answers (`checks`) on the page: one message at the right field, answers kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from tests.conftest import FIXTURE_FORMS
from tests.flows.html import Page
from tests.flows.journeys import WATER
from tests.support import Citizen, date_parts, errors_of, water_answers

SLUG = "cross-rules"
BIRTH = date.today() - timedelta(days=200)
START_TOO_EARLY = "＊入所希望日は、お子さんが生後91日になる日以降にしてください。"
PHONE_OR_EMAIL = "＊電話番号かメールアドレスのどちらかを入力してください。"


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


def _birth(day: date) -> dict[str, str]:
    return {"child_birth-era": "western", **date_parts("child_birth", day)}


def _child(citizen: Citizen, start: date, birth: date = BIRTH):
    return citizen.post_page("child", {**_birth(birth), **date_parts("care_start", start)})


HOUSEHOLD = {"people": "3", "adults": "2", "documents": ["work", "tax"], "document_count": "2"}


def _to_contact(citizen: Citizen) -> None:
    citizen.start()
    assert _child(citizen, BIRTH + timedelta(days=91)).status_code == 302
    response = citizen.post_page("household", HOUSEHOLD)
    assert response.status_code == 302, errors_of(response)


def test_a_date_before_another_answer_plus_days_is_refused_at_its_field(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = _child(citizen, BIRTH + timedelta(days=90))
    assert response.status_code == 422
    assert errors_of(response) == [START_TOO_EARLY]
    page = Page(response)
    assert page.error_summary_links() == ["#care_start-year"]
    typed = BIRTH + timedelta(days=90)
    assert page.value("care_start-day") == str(typed.day) and page.value("child_birth-year") == str(BIRTH.year)


def test_the_message_is_in_the_pages_language(client):
    citizen = Citizen(client, SLUG, lang="en")
    citizen.start()
    response = _child(citizen, BIRTH + timedelta(days=90))
    assert errors_of(response) == ["* The start date must be on or after the day the child is 91 days old."]


def test_the_day_the_rule_names_is_accepted(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert _child(citizen, BIRTH + timedelta(days=91)).location.endswith("/pages/household")


def test_a_field_with_its_own_error_shows_that_error_not_the_check(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page(
        "child", {**_birth(BIRTH), "care_start-year": str(BIRTH.year), "care_start-month": "2", "care_start-day": "30"}
    )
    assert errors_of(response) == ["＊正しい日付を入力してください。"]


def test_an_age_counted_on_the_first_day_of_the_fiscal_year(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = _child(citizen, date.today(), birth=date(2000, 4, 2))
    assert errors_of(response) == [
        "＊18歳になった後の最初の3月31日を過ぎたお子さんは対象になりません。生年月日を確かめてください。"
    ]
    assert Page(response).error_summary_links() == ["#child_birth-year"]


def test_a_number_compared_with_a_later_answer_of_the_same_page(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    _child(citizen, BIRTH + timedelta(days=100))
    response = citizen.post_page("household", {**HOUSEHOLD, "people": "1", "adults": "2"})
    assert errors_of(response) == ["＊世帯の人数は、大人の人数以上にしてください。"]
    assert Page(response).error_summary_links() == ["#people"]
    assert Page(response).value("people") == "1" and Page(response).value("adults") == "2"


def test_a_number_equal_to_the_count_of_a_list_answer(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    _child(citizen, BIRTH + timedelta(days=100))
    response = citizen.post_page("household", {**HOUSEHOLD, "document_count": "3"})
    assert errors_of(response) == ["＊書類の数が、選んだ書類の数と合いません。"]
    assert Page(response).error_summary_links() == ["#document_count"]


def test_not_before_another_date_answer(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    _child(citizen, BIRTH + timedelta(days=100))
    moved = {"moved_in-era": "western", **date_parts("moved_in", BIRTH - timedelta(days=1))}
    response = citizen.post_page("household", {**HOUSEHOLD, **moved})
    shown = f"{BIRTH.year}年{BIRTH.month}月{BIRTH.day}日"
    (message,) = errors_of(response)
    assert message.startswith(f"＊転入した日は{shown}") and message.endswith("以降の日付を入力してください。")
    assert Page(response).error_summary_links() == ["#moved_in-year"]


def test_phone_or_email_needs_one_of_them(client):
    citizen = Citizen(client, SLUG)
    _to_contact(citizen)
    response = citizen.post_page("contact", {"phone": "", "email": ""})
    assert response.status_code == 422
    assert errors_of(response) == [PHONE_OR_EMAIL]
    assert Page(response).error_summary_links() == ["#phone"]


@pytest.mark.parametrize("given", [{"phone": "090-1234-5678"}, {"email": "taro@example.jp"}])
def test_phone_or_email_one_is_enough_and_the_form_is_sent(client, given):
    citizen = Citizen(client, SLUG)
    _to_contact(citizen)
    assert citizen.post_page("contact", {"phone": "", "email": "", **given}).location.endswith("/check")
    assert citizen.submit().location.endswith("/complete")


def test_an_invalid_phone_shows_its_own_message_not_the_check(client):
    citizen = Citizen(client, SLUG)
    _to_contact(citizen)
    response = citizen.post_page("contact", {"phone": "12", "email": ""})
    assert errors_of(response) == ["＊電話番号が正しくありません。市外局番から入力してください（例：03-1234-5678）。"]


class TestWaterPhoneOrEmail:
    """The shipped water form asks for a phone number or an e-mail address, one of them at least."""

    @pytest.fixture
    def forms_dir(self):
        from tests.conftest import SHIPPED_FORMS

        return SHIPPED_FORMS

    def _user(self, client, lang=None, **typed):
        citizen = Citizen(client, WATER, lang=lang)
        citizen.start()
        answers = water_answers()
        citizen.post_page("place", answers["place"])
        return citizen, citizen.post_page("user", {**answers["user"], **typed})

    def test_neither_is_refused_at_the_phone_number(self, client):
        _, response = self._user(client, phone="", email="")
        assert response.status_code == 422
        assert errors_of(response) == [PHONE_OR_EMAIL]
        assert Page(response).error_summary_links() == ["#phone"]
        assert Page(response).value("user_name-family") == "山田"

    def test_in_english(self, client):
        _, response = self._user(client, lang="en", phone="", email="")
        assert errors_of(response) == ["* Enter a phone number or an email address."]

    def test_an_email_address_alone_is_enough(self, client):
        _, response = self._user(client, phone="", email="taro@example.jp")
        assert response.location.endswith("/pages/start"), errors_of(response)


class TestCountOfAGroup:
    """A number typed must equal how many items of a repeating group were filled in."""

    @pytest.fixture
    def forms_dir(self):
        return FIXTURE_FORMS.parent / "cross"

    def _children(self, client, total: str):
        citizen = Citizen(client, "cross-count")
        citizen.start()
        typed = {"children": "2", "children-0-name": "山田 一郎", "children-1-name": "山田 二郎"}
        return citizen.post_page("children", {**typed, "children_total": total})

    def test_a_number_other_than_the_count_is_refused_at_its_field(self, client):
        response = self._children(client, "3")
        assert response.status_code == 422
        assert errors_of(response) == ["＊お子さんの人数が、入力したお子さんの数と合いません。"]
        page = Page(response)
        assert page.error_summary_links() == ["#children_total"]
        assert page.value("children-1-name") == "山田 二郎" and page.value("children_total") == "3"

    def test_the_count_is_accepted(self, client):
        assert self._children(client, "2").location.endswith("/check")


class TestAgeOnTheFirstDayOfTheFiscalYear:
    """An era_date's age limit counted on 4月1日 of this 年度, inside a repeating group's item."""

    @pytest.fixture
    def forms_dir(self):
        return FIXTURE_FORMS.parent / "cross"

    def _child(self, client, born: str):
        citizen = Citizen(client, "cross-count")
        citizen.start()
        year, month, day = born.split("-")
        typed = {"children": "1", "children-0-name": "山田 一郎", "children_total": "1"}
        parts = {"children-0-born-year": year, "children-0-born-month": month, "children-0-born-day": day}
        return citizen.post_page("children", {**typed, **parts})

    @pytest.mark.parametrize(("born", "covered"), [("2008-04-02", True), ("2008-04-01", False), ("2008-02-29", False)])
    def test_a_child_is_covered_until_the_31_march_after_reaching_18(self, client, born, covered):
        with time_machine.travel("2026-04-10T12:00:00+09:00", tick=False):
            response = self._child(client, born)
        if covered:
            assert response.status_code == 302, errors_of(response)
        else:
            assert errors_of(response) == ["＊18歳になった後の最初の3月31日を過ぎたお子さんは対象になりません。"]
            assert Page(response).error_summary_links() == ["#children-0-born-year"]
