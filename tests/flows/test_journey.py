"""The whole citizen journey through real HTTP requests, with JavaScript off."""

from __future__ import annotations

import pytest

from tests.flows.html import Page
from tests.flows.journeys import REFERENCE, SECRET, WATER, confirmation, pdf_text
from tests.support import (
    Citizen,
    address_inputs,
    date_parts,
    days_ahead,
    errors_of,
    fill_water,
    name_inputs,
    text_of,
    water_answers,
)

pytestmark = pytest.mark.both_databases

PAGES = ["place", "user", "start", "payment", "confirm"]


def test_water_form_from_start_to_reference_number(client):
    citizen = Citizen(client, "water-supply-start")
    fill_water(citizen)
    check = citizen.check()
    assert "ヤマダ タロウ" in text_of(check)
    response = citizen.submit()
    assert response.status_code == 302 and response.location.endswith("/complete")
    done = citizen.get(response.location)
    assert "申請を受け付けました" in text_of(done)


def test_bad_answer_is_explained_and_everything_typed_is_kept(client):
    citizen = Citizen(client, "water-supply-start")
    citizen.start()
    response = citizen.post_page("place", address_inputs("address", postal="12", line2="ハイツ"))
    assert response.status_code == 422
    assert errors_of(response) == ["＊水道を使う場所の住所の郵便番号は7桁の数字で入力してください（例：100-0001）。"]
    html = response.get_data(as_text=True)
    assert 'value="千代田1-1"' in html and 'value="12"' in html and 'value="ハイツ"' in html
    assert 'href="#address-postal"' in html and 'aria-invalid="true"' in html


def test_journey_without_javascript_goes_list_start_pages_check_submit_receipt(client):
    listing = client.get("/")
    assert listing.status_code == 200
    assert Page(listing).find("a", href=f"/forms/{WATER}")
    citizen = Citizen(client, WATER)
    start = citizen.get(f"/forms/{WATER}")
    assert "申請を始める" in text_of(start)
    first = citizen.start()
    assert first.request.path == f"/forms/{WATER}/pages/place"

    answers = water_answers()
    path = first.request.path
    for page_id in PAGES:
        assert path == f"/forms/{WATER}/pages/{page_id}"
        shown = citizen.get(path)
        assert shown.status_code == 200 and shown.mimetype == "text/html"
        response = citizen.post_page(page_id, answers[page_id])
        assert response.status_code == 302, errors_of(response)
        path = response.location
    assert path == f"/forms/{WATER}/check"

    check = citizen.get(path)
    rows = {label: answer for label, answer, _ in Page(check).summary()}
    start_date = days_ahead(10)
    assert rows == {
        "水道を使う場所の住所": "〒100-0001 東京都千代田区千代田1-1 さくらハイツ101",
        "氏名": "山田 太郎（ヤマダ タロウ）",
        "日中に連絡がとれる電話番号": "090-1234-5678",
        "メールアドレス": "（未回答）",
        "使用開始日": f"{start_date.year}年{start_date.month}月{start_date.day}日（令和{start_date.year - 2018}年）",
        "用途": "家事用（ご家庭）",
        "支払方法": "納付書（コンビニ・金融機関で支払う）",
        "請求書の送付先": "水道を使う場所と同じ",
    }

    done = confirmation(citizen, citizen.submit())
    assert REFERENCE.match(done.reference) and SECRET.match(done.secret)
    download = Page(done.page).find("a", href=f"/forms/{WATER}/complete/receipt.pdf")
    assert download, "the confirmation links to its receipt"
    receipt = client.get(f"/forms/{WATER}/complete/receipt.pdf")
    assert receipt.status_code == 200 and receipt.mimetype == "application/pdf"
    text = pdf_text(receipt.data)
    assert done.reference in text and done.secret in text and "山田 太郎" in text


def test_every_change_link_opens_its_field_and_next_returns_to_the_check_page(client):
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    rows = Page(citizen.check()).summary()
    assert len(rows) == 8
    for label, _, href in rows:
        path, _, anchor = href.partition("#")
        assert "to_check=1" in path
        page = citizen.get(path)
        assert page.status_code == 200, label
        html = Page(page)
        assert anchor in html.ids(), (label, anchor)
        assert html.find("input", type="hidden", name="to_check", value="1")
        page_id = path.split("/pages/")[1].split("?")[0]
        data = html.form_data()
        data.pop("csrf_token")
        response = citizen.post_page(page_id, data)
        assert response.status_code == 302, (label, errors_of(response))
        assert response.location == f"/forms/{WATER}/check", label


def test_a_changed_answer_shows_on_the_check_page(client):
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    href = next(h for label, _, h in Page(citizen.check()).summary() if label == "日中に連絡がとれる電話番号")
    page = citizen.get(href.split("#")[0])
    data = {**Page(page).form_data(), "phone": "０３－１２３４－５６７８"}
    data.pop("csrf_token")
    response = citizen.post_page("user", data)
    assert response.location == f"/forms/{WATER}/check"
    rows = {label: answer for label, answer, _ in Page(citizen.get(response.location)).summary()}
    assert rows["日中に連絡がとれる電話番号"] == "03-1234-5678"


def test_back_keeps_what_was_typed_even_when_it_is_invalid(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    citizen.post_page("place", water_answers()["place"])
    typed = {**name_inputs("user_name", "山田 太郎", "ヤマダ タロウ"), "phone": "電話なし", "email": "taro@"}
    back = citizen.post_page("user", typed, action="back")
    assert back.status_code == 302 and back.location == f"/forms/{WATER}/pages/place"
    place = Page(citizen.get(back.location))
    assert place.value("address-line1") == "千代田1-1"
    assert place.value("address-line2") == "さくらハイツ101"
    forward = citizen.post_page("place", {k: place.value(k) for k in water_answers()["place"]})
    assert forward.location == f"/forms/{WATER}/pages/user"
    user = citizen.get(forward.location)
    assert user.status_code == 200 and errors_of(user) == []
    assert {name: Page(user).value(name) for name in typed} == typed


def test_back_from_the_first_page_leads_to_the_start_page(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    back = citizen.post_page("place", address_inputs("address", postal="1", line1=""), action="back")
    assert back.status_code == 302 and back.location == f"/forms/{WATER}"
    assert "入力を続ける" in text_of(citizen.get(back.location))


def test_an_error_keeps_every_answer_of_the_page_and_of_earlier_pages(client):
    citizen = Citizen(client, WATER)
    citizen.start()
    answers = water_answers()
    citizen.post_page("place", answers["place"])
    citizen.post_page("user", answers["user"])
    typed = {**date_parts("start_date", days_ahead(1)), "usage": "business", "business_name": "さくら食堂"}
    response = citizen.post_page("start", typed)
    assert response.status_code == 422
    assert len(errors_of(response)) == 1 and "使用開始日" in errors_of(response)[0]
    page = Page(response)
    assert {name: page.value(name) for name in typed} == typed
    for page_id in ("place", "user"):
        earlier = Page(citizen.get(f"/forms/{WATER}/pages/{page_id}"))
        assert {name: earlier.value(name) for name in answers[page_id]} == answers[page_id]
    again = Page(citizen.get(f"/forms/{WATER}/pages/start"))
    assert {name: again.value(name) for name in typed} == typed


@pytest.mark.parametrize("page_id", PAGES[:-1])  # the last page holds a notice only
def test_error_summary_links_to_an_element_of_the_page_for_every_error(client, page_id):
    citizen = Citizen(client, WATER)
    citizen.start()
    answers = water_answers()
    for earlier in PAGES[: PAGES.index(page_id)]:
        citizen.post_page(earlier, answers[earlier])
    wrong = {name: "x" for name in answers[page_id] if name not in {"address-line2", "email"}}
    wrong.update({"usage": "", "payment": "", "bill_to": ""})
    response = citizen.post_page(page_id, {k: v for k, v in wrong.items() if k in answers[page_id]})
    assert response.status_code == 422
    page = Page(response)
    links = page.error_summary_links()
    assert links and len(links) == len(errors_of(response))
    ids = page.ids()
    assert len(ids) == len(set(ids)), "ids are unique"
    for href in links:
        assert href.startswith("#") and href[1:] in ids, href


def test_error_summary_of_every_served_form_links_to_elements_of_its_first_page(app, client):
    for definition in app.extensions["formbuilder.catalogue"].listed():
        citizen = Citizen(client, definition.slug)
        citizen.start()
        response = citizen.post_page(definition.pages[0].id, {})
        if response.status_code != 422:
            continue  # nothing required on that page
        page = Page(response)
        ids = page.ids()
        assert len(ids) == len(set(ids)), definition.slug
        links = page.error_summary_links()
        assert links, definition.slug
        for href in links:
            assert href.startswith("#") and href[1:] in ids, (definition.slug, href)
