"""Repeating groups ("add another") through the test client, as a browser without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.flows.html import Page
from tests.flows.journeys import confirmation, pdf_text
from tests.support import Citizen, errors_of, text_of

GROUPS = Path(__file__).resolve().parent.parent / "fixtures" / "groups"
SLUG = "group-demo"


@pytest.fixture
def forms_dir() -> Path:
    return GROUPS


def _begin(client, separate: str = "no") -> Citizen:
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("household", {"separate": separate})
    assert response.status_code == 302, errors_of(response)
    return citizen


def _press(citizen: Citizen, page: Page, action: str, **typed: str):
    """Post the page as it stands, with `typed` changed, by the button of `action`."""
    return citizen.post_page("children", {**page.form_data(), **typed}, action=action)


def _children_page(citizen: Citizen) -> Page:
    return Page(citizen.get(citizen.url("/pages/children")))


def _stored(app) -> dict:
    with app.app_context():
        (submission,) = db.session.scalars(db.select(Submission)).all()
        return dict(submission.answers)


@pytest.mark.both_databases
def test_add_change_remove_and_add_back_keeps_every_item_typed_and_stores_a_list(app, client):
    citizen = _begin(client)
    page = _children_page(citizen)
    assert page.value("children") == "1" and page.value("children-0-name") == ""
    assert not page.find("button", value="group-remove:children:0")  # min 1: the only item stays
    page = Page(_press(citizen, page, "group-add:children", **{"children-0-name": "一郎", "children-0-care": "no"}))
    page = Page(_press(citizen, page, "group-add:children", **{"children-1-name": "二郎", "children-1-care": "no"}))
    assert page.value("children") == "3"
    assert not page.find("button", value="group-add:children")  # max 3
    page = Page(
        _press(citizen, page, "group-remove:children:1", **{"children-2-name": "三郎", "children-2-care": "no"})
    )
    assert [page.value(f"children-{i}-name") for i in range(2)] == ["一郎", "三郎"]
    assert page.value("children-2-name") is None
    page = Page(_press(citizen, page, "group-add:children"))
    page_after = _press(citizen, page, "next", **{"children-2-name": "四郎", "children-2-care": "yes"})
    assert page_after.status_code == 422
    assert errors_of(page_after) == ["＊介護の内容を入力してください。"]
    assert Page(page_after).error_summary_links() == ["#children-2-care_note"]
    response = _press(
        citizen, Page(page_after), "next", **{"children-1-name": "三郎（変更）", "children-2-care_note": "食事"}
    )
    assert response.status_code == 302 and response.location.endswith("/check"), errors_of(response)
    check = citizen.check()
    text = text_of(check)
    assert "お子さん 1人目 氏名 一郎" in text and "お子さん 2人目 氏名 三郎（変更）" in text
    assert "お子さん 3人目 氏名 四郎 変更 （お子さん 3人目 氏名） 介護が必要ですか 必要" in text
    done = confirmation(citizen, citizen.submit())
    assert _stored(app)["children"] == [
        {"name": "一郎", "care": "no"},
        {"name": "三郎（変更）", "care": "no"},
        {"name": "四郎", "care": "yes", "care_note": "食事"},
    ]
    receipt = pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data)
    for line in ("お子さん 1人目", "一郎", "お子さん 2人目", "三郎（変更）", "お子さん 3人目", "四郎", "食事"):
        assert line in receipt, (line, done.reference)


def test_each_item_is_validated_on_its_own_and_errors_point_at_its_inputs(client):
    citizen = _begin(client)
    page = Page(_press(citizen, _children_page(citizen), "group-add:children"))
    response = _press(citizen, page, "next", **{"children-0-name": "一郎", "children-0-care": "no"})
    assert response.status_code == 422
    page = Page(response)
    assert page.error_summary_links() == ["#children-1-name", "#children-1-care-0"]
    assert page.value("children-0-name") == "一郎"
    assert page.find("input", name="children-1-name")[0].attrs.get("aria-invalid") == "true"
    assert not page.find("input", name="children-0-name")[0].attrs.get("aria-invalid")


def test_a_rule_inside_an_item_may_look_at_an_answer_outside_the_group(client):
    citizen = _begin(client, separate="yes")
    page = _children_page(citizen)
    response = _press(citizen, page, "next", **{"children-0-name": "一郎", "children-0-care": "no"})
    assert errors_of(response) == ["＊お子さんの住所を入力してください。"]
    response = _press(citizen, Page(response), "next", **{"children-0-address": "東京都"})
    assert response.status_code == 302


def test_add_and_remove_show_no_errors_and_a_posted_count_stays_within_min_and_max(client):
    citizen = _begin(client)
    response = citizen.post_page("children", {"children": "999"}, action="group-add:children")
    assert response.status_code == 200 and not errors_of(response)
    assert Page(response).value("children") == "3"
    response = citizen.post_page("children", {"children": "1"}, action="group-remove:children:0")
    assert response.status_code == 200 and Page(response).value("children") == "1"
    response = citizen.post_page("children", {"children": "x"}, action="group-remove:children:zz")
    assert response.status_code == 200 and Page(response).value("children") == "1"


def test_enter_in_a_text_box_means_next_not_remove(client):
    citizen = _begin(client)
    page = Page(_press(citizen, _children_page(citizen), "group-add:children"))
    buttons = [e for e in page.elements if e.tag == "button" and e.attrs.get("type") == "submit"]
    assert buttons[0].attrs["value"] == "enter"
