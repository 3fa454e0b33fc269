"""A language of the header's switcher pressed on a form page: what was typed is kept, unchecked (issue 18, item 3)."""

from __future__ import annotations

import io

import pytest
from werkzeug.test import EnvironBuilder

from tests.attachments.files import MZ, jpeg
from tests.conftest import FIXTURE_FORMS
from tests.flows.html import Page
from tests.flows.journeys import WATER, draft_answers
from tests.i18n.test_languages import html_lang_of
from tests.support import Citizen, errors_of, name_inputs, text_of, water_answers

# The user page with a half-typed phone number: kept as typed, no error shown, until 次へ.
TYPED = {**name_inputs("user_name", "山田 太郎", "ヤマダ タロウ"), "phone": "090-12", "email": "taro@"}


def press_language(citizen: Citizen, page_id: str, data: dict, lang: str):
    """Post a page as a browser does when a language button of the switcher is pressed."""
    payload = {"csrf_token": citizen.csrf, **data, "action": f"language:{lang}"}
    environ = EnvironBuilder(path=f"/forms/{citizen.slug}/pages/{page_id}", method="POST", data=payload).get_environ()
    try:
        return citizen.client.open(environ)
    finally:
        environ["wsgi.input"].close()


def on_user_page(client) -> Citizen:
    citizen = Citizen(client, WATER)
    citizen.start()
    assert citizen.post_page("place", water_answers()["place"]).status_code == 302
    citizen.get(f"/forms/{WATER}/pages/user")
    return citizen


def shown(response, names) -> dict:
    page = Page(response)
    return {name: page.value(name) for name in names}


@pytest.mark.both_databases
def test_language_button_keeps_what_was_typed_unchecked_and_shows_the_same_page_in_english(app, client):
    citizen = on_user_page(client)
    response = press_language(citizen, "user", TYPED, "en")
    assert response.status_code == 303
    assert response.location == f"/forms/{WATER}/pages/user?lang=en"
    assert client.get_cookie("fb_lang").value == "en"
    assert draft_answers(app)[0]["phone"] == ["090-12"]  # as typed, not normalised
    page = citizen.get(response.location)
    assert page.status_code == 200 and html_lang_of(page) == "en"
    assert shown(page, TYPED) == TYPED
    assert errors_of(page) == [] and 'id="error-summary"' not in page.get_data(as_text=True)
    # Back in Japanese, then 次へ checks the page as ever.
    japanese = press_language(citizen, "user", TYPED, "ja")
    assert japanese.location == f"/forms/{WATER}/pages/user?lang=ja"
    assert html_lang_of(citizen.get(japanese.location)) == "ja"
    assert citizen.post_page("user", TYPED).status_code == 422
    fixed = citizen.post_page("user", {**TYPED, "phone": "090-1234-5678", "email": ""})
    assert fixed.status_code == 302 and fixed.location == f"/forms/{WATER}/pages/start"


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_language_button_without_a_valid_token_is_refused_and_changes_no_language(client, token):
    citizen = on_user_page(client)
    citizen.csrf = token
    response = press_language(citizen, "user", TYPED, "en")
    assert response.status_code == 400  # the expired-token page: what was typed shown again, in Japanese
    assert html_lang_of(response) == "ja" and shown(response, TYPED) == TYPED
    assert client.get_cookie("fb_lang") is None


@pytest.mark.parametrize("code", ["xx", "", "EN", "../en"])
def test_unknown_language_is_refused_cleanly_and_keeps_nothing(app, client, code):
    citizen = on_user_page(client)
    response = press_language(citizen, "user", TYPED, code)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "この操作はできません。" in text_of(response)
    assert "user_name-family" not in draft_answers(app)[0]
    assert client.get_cookie("fb_lang") is None


def test_page_opened_from_the_check_page_comes_back_with_its_way_to_the_check_page(client):
    citizen = on_user_page(client)
    response = press_language(citizen, "user", {**TYPED, "to_check": "1"}, "ko")
    assert response.status_code == 303
    assert response.location == f"/forms/{WATER}/pages/user?to_check=1&lang=ko"
    assert 'name="to_check" value="1"' in citizen.get(response.location).get_data(as_text=True)


def test_page_not_reached_yet_keeps_nothing_and_leads_to_the_page_to_fill_in_that_language(app, client):
    citizen = Citizen(client, WATER)
    citizen.start()
    response = press_language(citizen, "payment", {"payment": "slip"}, "vi")
    assert response.status_code == 303 and response.location == f"/forms/{WATER}/pages/place?lang=vi"
    assert draft_answers(app)[0] == {}


def test_form_page_switcher_posts_the_page_form_and_enter_still_means_next(client):
    citizen = on_user_page(client)
    page = Page(citizen.get(f"/forms/{WATER}/pages/user"))
    (form,) = page.find("form", id="page-form")
    assert form.attrs["action"] == f"/forms/{WATER}/pages/user"
    languages = [b for b in page.find("button", name="action") if b.attrs["value"].startswith("language:")]
    assert [b.attrs["value"] for b in languages][:3] == ["language:ja", "language:ja-easy", "language:en"]
    assert len(languages) == 11
    assert all(b.attrs["form"] == "page-form" and b.attrs["type"] == "submit" and b.attrs["lang"] for b in languages)
    assert not page.find("a", hreflang="en")
    # Implicit submission presses the form's first submit button in the page: 次へ (action=enter), not 日本語.
    first = next(e for e in page.elements if e.tag == "button" and e.attrs.get("type") == "submit")
    assert first.attrs.get("value") == "enter" and first.attrs.get("form") == "page-form"
    start = Page(client.get(f"/forms/{WATER}"))
    assert len(start.find("a", hreflang="en")) == 1 and "language:" not in start.html


class TestFiles:
    """Files chosen before the press go as with 戻る: kept, or the page again with a refused one's reason."""

    @pytest.fixture
    def forms_dir(self):
        return FIXTURE_FORMS

    def test_a_chosen_file_is_kept_and_a_refused_one_shows_only_its_reason_in_the_new_language(self, app, client):
        citizen = Citizen(client, "attachments-demo")
        citizen.start()
        typed = {"note": "住民票", "photos": (io.BytesIO(jpeg(400, 300)), "おもて.jpg")}
        kept = press_language(citizen, "upload", typed, "en")
        assert kept.status_code == 303 and kept.location == "/forms/attachments-demo/pages/upload?lang=en"
        again = citizen.get(kept.location)
        assert "おもて.jpg" in text_of(again) and Page(again).value("note") == "住民票"
        assert errors_of(again) == []
        refused = press_language(citizen, "upload", {"note": "住民票", "photos": (io.BytesIO(MZ), "a.jpg")}, "ko")
        assert refused.status_code == 422 and html_lang_of(refused) == "ko"
        assert client.get_cookie("fb_lang").value == "ko"
        assert len(errors_of(refused)) == 1  # the refusal; no "please choose" for want_extra
        assert "おもて.jpg" in text_of(refused) and Page(refused).value("note") == "住民票"


class TestGroups:
    """A repeating group: every item typed stays, and 追加する works after the switch."""

    @pytest.fixture
    def forms_dir(self):
        return FIXTURE_FORMS.parent / "groups"

    def test_every_item_stays_and_adding_works_after(self, client):
        citizen = Citizen(client, "group-demo")
        citizen.start()
        assert citizen.post_page("household", {"separate": "no"}).status_code == 302
        page = Page(citizen.get("/forms/group-demo/pages/children"))
        page = Page(
            citizen.post_page("children", {**page.form_data(), "children-0-name": "一郎"}, "group-add:children")
        )
        typed = {**page.form_data(), "children-1-name": "二"}
        switched = press_language(citizen, "children", typed, "en")
        assert switched.status_code == 303
        page = Page(citizen.get(switched.location))
        assert page.value("children") == "2"
        assert [page.value(f"children-{i}-name") for i in range(2)] == ["一郎", "二"]
        assert errors_of(switched) == [] and page.find("button", value="group-add:children")
        added = Page(citizen.post_page("children", page.form_data(), "group-add:children"))
        assert added.value("children") == "3" and added.value("children-1-name") == "二"
