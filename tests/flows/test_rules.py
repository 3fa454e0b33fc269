"""Rules decide what is asked: hidden fields and pages are neither validated nor stored."""

from __future__ import annotations

import json

import pytest

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.flows.html import Page
from tests.flows.journeys import FIXTURE_FORMS, WATER, confirmation, pdf_text, rows
from tests.support import Citizen, errors_of, text_of, water_answers

pytestmark = pytest.mark.both_databases


def _answers(app) -> dict:
    with app.app_context():
        (submission,) = db.session.scalars(db.select(Submission)).all()
        return dict(submission.answers)


def _labels(check) -> list[str]:
    return [label for label, _, _ in Page(check).summary()]


class TestWaterBusinessName:
    """事業所名 is asked only for business use, on the same page as the choice."""

    def test_is_not_required_for_household_use(self, client):
        citizen = Citizen(client, WATER)
        citizen.start()
        answers = water_answers()
        citizen.post_page("place", answers["place"])
        citizen.post_page("user", answers["user"])
        response = citizen.post_page("start", {**answers["start"], "business_name": ""})
        assert response.status_code == 302, errors_of(response)

    def test_is_required_for_business_use(self, client):
        citizen = Citizen(client, WATER)
        citizen.start()
        answers = water_answers()
        citizen.post_page("place", answers["place"])
        citizen.post_page("user", answers["user"])
        response = citizen.post_page("start", {**answers["start"], "usage": "business", "business_name": ""})
        assert response.status_code == 422
        assert errors_of(response) == ["＊事業所名を入力してください。"]

    def test_typed_then_hidden_by_a_changed_answer_is_not_stored(self, app, client):
        citizen = Citizen(client, WATER)
        citizen.start()
        answers = water_answers()
        citizen.post_page("place", answers["place"])
        citizen.post_page("user", answers["user"])
        business = {**answers["start"], "usage": "business", "business_name": "さくら食堂"}
        assert citizen.post_page("start", business).location.endswith("/pages/payment")
        back = citizen.post_page("payment", answers["payment"], action="back")
        page = Page(citizen.get(back.location))
        assert page.value("usage") == "business" and page.value("business_name") == "さくら食堂"
        # The browser (no JavaScript) still posts the box it shows, with what is in it.
        household = {**page.form_data(), "usage": "household"}
        household.pop("csrf_token")
        assert household["business_name"] == "さくら食堂"
        assert citizen.post_page("start", household).location.endswith("/pages/payment")
        citizen.post_page("payment", answers["payment"])
        citizen.post_page("confirm", answers["confirm"])

        check = citizen.check()
        assert "事業所名" not in _labels(check) and "さくら食堂" not in text_of(check)
        done = confirmation(citizen, citizen.submit())
        assert "business_name" not in _answers(app) and _answers(app)["usage"] == "household"
        receipt = pdf_text(client.get(f"/forms/{WATER}/complete/receipt.pdf").data)
        assert done.reference in receipt
        assert "事業所名" not in receipt and "さくら食堂" not in receipt


class OnFixtureForms:
    """Tests of one rule feature, on the small fixture definitions."""

    @pytest.fixture
    def forms_dir(self):
        return FIXTURE_FORMS


class TestPageRule(OnFixtureForms):
    """The 代理人 page is asked only when the applicant is an agent."""

    slug = "page-rule"

    def test_page_is_skipped_while_its_rule_is_false(self, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        response = citizen.post_page("applicant", {"applicant": "self"})
        assert response.location == f"/forms/{self.slug}/pages/contact"
        assert citizen.get(f"/forms/{self.slug}/pages/agent").location == f"/forms/{self.slug}/pages/contact"
        assert citizen.post_page("contact", {"contact_name": "山田 花子"}).location.endswith("/check")
        assert _labels(citizen.check()) == ["届出をする方", "本人の氏名"]

    def test_page_is_asked_in_its_place_when_its_rule_holds(self, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        assert citizen.post_page("applicant", {"applicant": "agent"}).location.endswith("/pages/agent")
        assert citizen.get(f"/forms/{self.slug}/pages/contact").location.endswith("/pages/agent")
        empty = citizen.post_page("agent", {"agent_name": ""})
        assert empty.status_code == 422 and errors_of(empty) == ["＊代理人の氏名を入力してください。"]
        assert citizen.post_page("agent", {"agent_name": "佐藤 一郎"}).location.endswith("/pages/contact")
        assert citizen.post_page("contact", {"contact_name": "山田 花子"}).location.endswith("/check")
        assert _labels(citizen.check()) == ["届出をする方", "代理人の氏名", "本人の氏名"]

    def test_answers_of_a_page_hidden_later_are_not_stored(self, app, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        citizen.post_page("applicant", {"applicant": "agent"})
        citizen.post_page("agent", {"agent_name": "佐藤 一郎"})
        citizen.post_page("contact", {"contact_name": "山田 花子"})
        change = citizen.get(f"/forms/{self.slug}/pages/applicant?to_check=1")
        assert Page(change).value("applicant") == "agent"
        response = citizen.post_page("applicant", {"applicant": "self", "to_check": "1"})
        assert response.location == f"/forms/{self.slug}/check"
        check = citizen.check()
        assert _labels(check) == ["届出をする方", "本人の氏名"] and "佐藤" not in text_of(check)
        confirmation(citizen, citizen.submit())
        assert _answers(app) == {"applicant": "self", "contact_name": "山田 花子"}

    def test_a_page_its_rule_now_shows_is_asked_before_the_check_page(self, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        citizen.post_page("applicant", {"applicant": "self"})
        citizen.post_page("contact", {"contact_name": "山田 花子"})
        response = citizen.post_page("applicant", {"applicant": "agent", "to_check": "1"})
        assert response.location == f"/forms/{self.slug}/pages/agent"
        assert citizen.check().location == f"/forms/{self.slug}/pages/agent"


class TestSamePageRule(OnFixtureForms):
    """ペットの種類 follows ペットの有無 on the same page: the browser's script shows it, the server decides."""

    slug = "same-page-rule"

    def test_field_is_rendered_for_the_script_with_its_rule(self, client):
        page = Page(Citizen(client, self.slug).start())
        (slot,) = [e for e in page.elements if "data-when" in e.attrs]
        assert json.loads(slot.attrs["data-when"]) == {"field": "has_pets", "equals": "yes"}
        assert json.loads(slot.attrs["data-known"]) == {}
        assert page.find("input", name="pet_kind"), "shown without JavaScript"

    def test_answer_is_ignored_while_its_rule_is_false(self, app, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        response = citizen.post_page("pets", {"has_pets": "no", "pet_kind": "犬"})
        assert response.status_code == 302, errors_of(response)
        citizen.post_page("owner", {"owner_name": "山田 太郎"})
        check = citizen.check()
        assert _labels(check) == ["ペットの有無", "飼い主の氏名"] and "犬" not in text_of(check)
        confirmation(citizen, citizen.submit())
        assert _answers(app) == {"has_pets": "no", "owner_name": "山田 太郎"}

    def test_answer_is_required_and_stored_when_its_rule_holds(self, app, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        empty = citizen.post_page("pets", {"has_pets": "yes", "pet_kind": ""})
        assert empty.status_code == 422 and errors_of(empty) == ["＊ペットの種類を入力してください。"]
        assert Page(empty).value("has_pets") == "yes"
        citizen.post_page("pets", {"has_pets": "yes", "pet_kind": "犬"})
        citizen.post_page("owner", {"owner_name": "山田 太郎"})
        assert _labels(citizen.check()) == ["ペットの有無", "ペットの種類", "飼い主の氏名"]
        confirmation(citizen, citizen.submit())
        assert _answers(app) == {"has_pets": "yes", "pet_kind": "犬", "owner_name": "山田 太郎"}


class TestNumberRule(OnFixtureForms):
    """5人以上の世帯の事情 is asked on a later page when 世帯人数 ≥ 5, compared as a number."""

    slug = "number-rule"

    @pytest.mark.parametrize(("members", "asked"), [("5", True), ("５", True), ("12", True), ("4", False)])
    def test_field_follows_the_number_typed_earlier(self, client, members, asked):
        citizen = Citizen(client, self.slug)
        citizen.start()
        assert citizen.post_page("household", {"members": members}).location.endswith("/pages/rooms")
        page = Page(citizen.get(f"/forms/{self.slug}/pages/rooms"))
        assert bool(page.find("textarea", name="large_reason")) is asked
        assert not [e for e in page.elements if "data-when" in e.attrs], "decided by the server alone"
        response = citizen.post_page("rooms", {"rooms": "3", "large_reason": ""})
        assert (response.status_code == 422) is asked

    def test_reason_typed_for_a_large_household_is_dropped_when_it_shrinks(self, app, client):
        citizen = Citizen(client, self.slug)
        citizen.start()
        citizen.post_page("household", {"members": "6"})
        citizen.post_page("rooms", {"rooms": "3", "large_reason": "親と同居"})
        citizen.post_page("household", {"members": "2", "to_check": "1"})
        check = citizen.check()
        assert _labels(check) == ["世帯人数", "部屋数"] and "親と同居" not in text_of(check)
        confirmation(citizen, citizen.submit())
        assert _answers(app) == {"members": 2, "rooms": 3}
        assert "親と同居" not in str(rows(app, "submissions"))
