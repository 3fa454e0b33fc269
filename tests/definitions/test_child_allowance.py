"""The shipped 児童手当 認定請求書: every input-assist type of issue 3, filled as people type."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, timedelta

import pytest
import time_machine

from formbuilder.definitions.loader import load_file
from formbuilder.exports.csv import ExportOptions, iter_csv
from formbuilder.i18n import LANGUAGE_CODES
from tests.browser.answers import PHOTO
from tests.conftest import SHIPPED_FORMS
from tests.flows.html import Page
from tests.flows.journeys import pdf_text, rows
from tests.support import Citizen, errors_of, text_of

SLUG = "child-allowance"
ISSUE_3_TYPES = {
    "name",
    "postal_code",
    "address",
    "era_date",
    "tel",
    "email",
    "number",
    "my_number",
    "corporate_number",
    "bank_account",
}
MY_NUMBERS = ("123456789018", "100000030257")
TOO_OLD = "＊児童手当の対象は、18歳になった後の最初の3月31日までのお子さん（高校生の年代まで）です。生年月日を確かめてください。"


def moved_in() -> date:
    return date.today() - timedelta(days=30)


def answers() -> dict[str, dict[str, str]]:
    """Every page answered the way people type: full-width digits, hyphen variants, hiragana, 和暦."""
    day = moved_in()
    return {
        "claimant": {
            "claimant_name-family": "山田",
            "claimant_name-given": "太郎",
            "claimant_name-family_kana": "やまだ",
            "claimant_name-given_kana": "ﾀﾛｳ",
            "claimant_birth-era": "showa",
            "claimant_birth-year": "６０",
            "claimant_birth-month": "4",
            "claimant_birth-day": "1",
            "claimant_my_number": "１２３４ ５６７８ ９０１８",
            "claimant_address-postal": "〒１００ー０００１",
            "claimant_address-prefecture": "東京都",
            "claimant_address-city": "千代田区",
            "claimant_address-line1": "千代田1-1",
            "claimant_address-line2": "さくらハイツ101",
            "claimant_phone": "０９０ー１２３４ー５６７８",
            "claimant_email": "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
            "claimant_email-confirm": "taro@example.jp",
        },
        "work": {
            "pension": "employee",
            "employer_name": "テスト商事株式会社",
            "employer_corporate_number": "7-0000-1205-0002",
            "employer_postal_code": "１００－０００１",
        },
        "spouse": {
            "has_spouse": "yes",
            "spouse_name-family": "山田",
            "spouse_name-given": "花子",
            "spouse_name-family_kana": "ヤマダ",
            "spouse_name-given_kana": "はなこ",
            "spouse_my_number": "1000-0003-0257",
            "spouse_living": "together",
        },
        "children": {
            "children-0-name-family": "山田",
            "children-0-name-given": "𠮷",
            "children-0-name-family_kana": "ヤマダ",
            "children-0-name-given_kana": "よし",
            "children-0-birth-era": "reiwa",
            "children-0-birth-year": "R6.4.1",
            "children-0-birth-month": "",
            "children-0-birth-day": "",
            "children-0-relation": "child",
            "children-0-living": "together",
            "children": "1",
            "children_total": "２",
        },
        "reason": {
            "reason": "move",
            "moved_in-era": "western",
            "moved_in-year": str(day.year),
            "moved_in-month": str(day.month),
            "moved_in-day": str(day.day),
        },
        "payee": {
            "payee_account-choice": "account",
            "payee_account-bank": "０００１",
            "payee_account-branch": "001",
            "payee_account-kind": "1",
            "payee_account-number": "12345",
            "payee_account-holder": "やまだ たろう",
        },
        "documents": {"identity_document": PHOTO},
        "consent": {"agree_records": "y"},
    }


def fill(citizen: Citizen, **changes: dict[str, str]) -> None:
    citizen.start()
    for page_id, typed in answers().items():
        response = citizen.post_page(page_id, {**typed, **changes.get(page_id, {})})
        assert response.status_code == 302, (page_id, errors_of(response))


def test_definition_passes_the_linter_and_uses_every_type_of_issue_3():
    result = load_file(SHIPPED_FORMS / f"{SLUG}.json")
    assert result.problems == []
    definition = result.definition
    assert {f.type for f in definition.fields()} >= ISSUE_3_TYPES
    assert definition.department == "child" and definition.languages == LANGUAGE_CODES
    assert next(f for f in definition.fields() if f.type == "email").option("confirm") is True


def test_check_page_receipt_and_csv_show_the_normalised_values(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    citizen = Citizen(client, SLUG)
    fill(citizen)
    day = moved_in()
    check = text_of(citizen.check())
    shown = [
        "1985年4月1日（昭和60年）",
        "2024年4月1日（令和6年）",
        "**** **** 9018",
        "**** **** 0257",
        "090-1234-5678",
        "taro@example.jp",
        "7000012050002",
        "〒100-0001",
        "0001 みずほ / 001 東京営業部 普通 0012345 ヤマダ タロウ",
        "ヤマダ タロウ",
        "ハナコ",
        "𠮷",
        f"{day.year}年{day.month}月{day.day}日",
    ]
    for text in shown:
        assert text in check, text
    assert not any(number in check for number in MY_NUMBERS)

    done = citizen.submit()
    assert done.status_code == 302 and done.location.endswith("/complete")
    receipt = pdf_text(citizen.get(f"/forms/{SLUG}/complete/receipt.pdf").data)
    flat = receipt.replace("\n", "")
    for text in (
        "1985年4月1日（昭和60年）",
        "**** **** 9018",
        "090-1234-5678",
        "0001 みずほ / 001 東京営業部 普通 0012345",
        "7000012050002",
    ):
        assert text in flat, text
    assert not any(number in flat for number in MY_NUMBERS)

    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(SLUG)
        exported = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(exported, newline="")))
    cells = dict(zip(header, row, strict=True))
    assert cells["請求者の生年月日"] == "1985-04-01"
    assert cells["子1 お子さんの生年月日"] == "2024-04-01" and cells["子1 請求者との続柄"] == "child"
    assert cells["子2 お子さんの生年月日"] == "" and "子10 お子さんとの同居・別居" in header  # numbered up to max
    assert cells["日中に連絡がとれる電話番号"] == "090-1234-5678"
    assert cells["メールアドレス"] == "taro@example.jp"
    assert cells["勤務先の法人番号"] == "7000012050002"
    assert cells["養育しているお子さんの人数（22歳年度末まで）"] == "2"
    assert cells["振込先口座（金融機関コード）"] == "0001"
    assert cells["振込先口座（口座番号）"] == "0012345"
    assert cells["振込先口座（口座名義）"] == "ヤマダ タロウ"
    assert cells["振込先口座（口座名義半角）"] == "ﾔﾏﾀﾞ ﾀﾛｳ"
    assert cells["請求者の住所（郵便番号）"] == cells["勤務先の郵便番号"] == "100-0001"
    assert not any("個人番号" in column for column in header)
    assert not any(number in exported for number in MY_NUMBERS)

    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert not any(number in logged for number in MY_NUMBERS)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            {
                "children-0-birth-era": "heisei",
                "children-0-birth-year": "31",
                "children-0-birth-month": "5",
                "children-0-birth-day": "1",
            },
            "＊平成31年は4月30日までです。5月1日以降は令和元年です。",
        ),
        ({"children-0-birth-year": "H10.4.1"}, TOO_OLD),
    ],
)
def test_a_date_no_era_holds_is_explained_and_the_boxes_keep_what_was_typed(client, typed, message):
    citizen = Citizen(client, SLUG)
    citizen.start()
    for page_id in ("claimant", "work", "spouse"):
        assert citizen.post_page(page_id, answers()[page_id]).status_code == 302
    response = citizen.post_page("children", {**answers()["children"], **typed})
    assert response.status_code == 422
    assert errors_of(response) == [message]
    html = response.get_data(as_text=True)
    for name, value in typed.items():
        if not name.endswith("-era"):
            assert f'name="{name}" value="{value}"' in html


def test_the_public_funds_account_hides_and_ignores_the_account_inputs(client):
    citizen = Citizen(client, SLUG)
    fill(citizen, payee={"payee_account-choice": "public", "payee_account-bank": "x", "payee_account-number": ""})
    assert "公金受取口座を利用する" in text_of(citizen.check())


def test_english_check_page_shows_dates_in_english(client):
    citizen = Citizen(client, SLUG, lang="en")
    fill(citizen)
    check = text_of(citizen.check())
    assert "April 1, 1985" in check and "**** **** 9018" in check


def test_every_page_with_errors_has_unique_ids_labels_and_working_references(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    for page_id, typed in answers().items():
        blank = {name: "" for name in typed}
        if page_id == "spouse":
            blank["has_spouse"] = "yes"
        response = citizen.post_page(page_id, blank)
        assert response.status_code == 422, page_id
        page = Page(response)
        ids = page.ids()
        assert len(ids) == len(set(ids)), page_id
        labelled = {e.attrs["for"] for e in page.find("label") if "for" in e.attrs}
        for element in page.elements:
            if element.tag in {"input", "select", "textarea"} and element.attrs.get("type") != "hidden":
                assert element.attrs["id"] in labelled, (page_id, element.attrs)
            for target in element.attrs.get("aria-describedby", "").split():
                assert target in ids, (page_id, target)
        for link in page.error_summary_links():
            assert link.removeprefix("#") in ids, (page_id, link)
        assert citizen.post_page(page_id, typed).status_code == 302


def test_a_page_posted_back_as_rendered_keeps_every_typed_input(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    typed = {**answers()["claimant"], "claimant_my_number": "1234 5678 9019"}
    first = citizen.post_page("claimant", typed)
    assert errors_of(first) == ["＊請求者の個人番号（マイナンバー）に誤りがあります。数字を1つずつ確かめてください。"]
    again = citizen.post_page("claimant", Page(first).form_data())
    assert Page(again).value("claimant_my_number") == "1234 5678 9019"
    assert Page(again).value("claimant_birth-era") == "showa"
    assert Page(again).value("claimant_birth-year") == "６０"
    assert Page(again).value("claimant_email-confirm") == "taro@example.jp"


def _child(index: int, given: str, kana: str, year: int) -> dict[str, str]:
    prefix = f"children-{index}"
    return {
        f"{prefix}-name-family": "山田",
        f"{prefix}-name-given": given,
        f"{prefix}-name-family_kana": "ヤマダ",
        f"{prefix}-name-given_kana": kana,
        f"{prefix}-birth-era": "western",
        f"{prefix}-birth-year": str(year),
        f"{prefix}-birth-month": "4",
        f"{prefix}-birth-day": "1",
        f"{prefix}-relation": "child",
        f"{prefix}-living": "together",
    }


@pytest.mark.both_databases
def test_three_children_added_changed_removed_and_added_back_reach_the_receipt_and_csv(client, app):
    """Without JavaScript: each button posts the page as it stands; nothing typed is lost."""
    citizen = Citizen(client, SLUG)
    citizen.start()
    for page_id in ("claimant", "work", "spouse"):
        assert citizen.post_page(page_id, answers()[page_id]).status_code == 302

    def press(page: Page, action: str, typed: dict[str, str]) -> Page:
        response = citizen.post_page("children", {**page.form_data(), **typed}, action=action)
        return Page(response)

    page = Page(citizen.get(f"/forms/{SLUG}/pages/children"))
    page = press(page, "group-add:children", _child(0, "一郎", "イチロウ", 2012))
    page = press(page, "group-add:children", _child(1, "二郎", "ジロウ", 2015))
    page = press(page, "next", _child(2, "三郎", "サブロウ", 2018) | {"children_total": "3"})
    page = Page(citizen.get(f"/forms/{SLUG}/pages/children"))  # Next went on; come back
    assert page.value("children") == "3" and page.value("children-2-name-given") == "三郎"
    page = press(page, "group-remove:children:2", {"children-1-name-given": "次郎"})  # change the 2nd, remove the 3rd
    assert page.value("children") == "2" and page.value("children-1-name-given") == "次郎"
    page = press(page, "group-add:children", {})  # add one back
    assert page.value("children") == "3" and page.value("children-2-name-given") == ""
    response = citizen.post_page("children", {**page.form_data(), **_child(2, "四郎", "シロウ", 2021)})
    assert response.status_code == 302 and response.location.endswith("/reason"), errors_of(response)
    for page_id in ("reason", "payee", "documents", "consent"):
        assert citizen.post_page(page_id, answers()[page_id]).status_code == 302, page_id

    check = text_of(citizen.check())
    for shown in (
        "お子さん 1人目",
        "一郎",
        "お子さん 2人目",
        "次郎",
        "お子さん 3人目",
        "四郎",
        "2021年4月1日（令和3年）",
    ):
        assert shown in check, shown
    assert "三郎" not in check and "二郎" not in check
    done = citizen.submit()
    assert done.status_code == 302 and done.location.endswith("/complete")
    receipt = pdf_text(citizen.get(f"/forms/{SLUG}/complete/receipt.pdf").data).replace("\n", "")
    for shown in ("お子さん 1人目", "山田 一郎", "お子さん 2人目", "山田 次郎", "お子さん 3人目", "山田 四郎"):
        assert shown in receipt, shown

    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(SLUG)
        wide = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
        long = b"".join(iter_csv(definition, ExportOptions(groups="long"), [])).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(wide, newline="")))
    cells = dict(zip(header, row, strict=True))
    assert [cells[f"子{n} お子さんの氏名（名）"] for n in (1, 2, 3, 4)] == ["一郎", "次郎", "四郎", ""]
    assert [cells[f"子{n} お子さんの生年月日"] for n in (1, 2, 3)] == ["2012-04-01", "2015-04-01", "2021-04-01"]
    header, *rows = list(csv.reader(io.StringIO(long, newline="")))
    items = [dict(zip(header, r, strict=True)) for r in rows]
    assert [(r["受付番号"], r["番号"], r["お子さんの氏名（名）"]) for r in items] == [
        (cells["受付番号"], "1", "一郎"),
        (cells["受付番号"], "2", "次郎"),
        (cells["受付番号"], "3", "四郎"),
    ]


@pytest.mark.parametrize("today", ["2026-04-01T00:30:00+09:00", "2027-03-31T23:30:00+09:00"])  # fiscal year 2026
@pytest.mark.parametrize(("born", "covered"), [("2008-04-02", True), ("2008-04-01", False)])
def test_a_child_is_covered_until_the_first_31_march_after_turning_18(client, today, born, covered):
    """高校生年代まで: at most 17 on 4月1日 of this 年度 (fiscal year 2026: born on 2008-04-02 or later)."""
    year, month, day = born.split("-")
    child = {"children-0-birth-era": "western", "children-0-birth-year": year}
    child |= {"children-0-birth-month": month, "children-0-birth-day": day}
    with time_machine.travel(today, tick=False):
        citizen = Citizen(client, SLUG)
        citizen.start()
        for page_id in ("claimant", "work", "spouse"):
            assert citizen.post_page(page_id, answers()[page_id]).status_code == 302
        response = citizen.post_page("children", {**answers()["children"], **child})
    if covered:
        assert response.status_code == 302, errors_of(response)
    else:
        assert response.status_code == 422 and errors_of(response) == [TOO_OLD]


def test_the_age_message_is_in_the_pages_language(client):
    with time_machine.travel("2026-12-07T12:00:00+09:00", tick=False):
        citizen = Citizen(client, SLUG, lang="en")
        citizen.start()
        for page_id in ("claimant", "work", "spouse"):
            assert citizen.post_page(page_id, answers()[page_id]).status_code == 302
        response = citizen.post_page("children", {**answers()["children"], "children-0-birth-year": "H20.4.1"})
    assert errors_of(response) == [
        "* The child allowance (児童手当) covers children up to the first 31 March after their 18th birthday "
        "(up to high-school age). Check the date of birth."
    ]


def test_a_public_servant_is_sent_to_the_exit_page_and_can_change_the_answer(client, app):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.post_page("claimant", answers()["claimant"]).status_code == 302
    response = citizen.post_page("work", {"pension": "mutual", "public_servant": "yes"})
    assert response.status_code == 302 and response.location == f"/forms/{SLUG}/exit/civil-servant"
    text = text_of(citizen.get(response.location))
    assert "公務員の方は、お勤め先で請求してください" in text
    assert "お勤め先の児童手当の担当（人事や給与の担当など）に、請求のしかたを確かめてください。" in text
    assert "お問い合わせ先 子育て支援課 市役所本庁舎2階 12番窓口 電話 000-000-0000" in text  # its department
    assert citizen.get(citizen.url("/pages/spouse")).location == response.location
    assert [r["exit_id"] for r in rows(app, "exit_counts")] == ["civil-servant"]
    page = citizen.get(citizen.url("/pages/work"))
    assert Page(page).value("public_servant") == "yes" and Page(page).value("pension") == "mutual"
    again = citizen.post_page("work", {"pension": "mutual", "public_servant": "no"})  # a private school teacher
    assert again.location == f"/forms/{SLUG}/pages/spouse"


def test_the_public_servant_question_is_asked_only_of_mutual_aid_members(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.post_page("claimant", answers()["claimant"]).status_code == 302
    response = citizen.post_page("work", {"pension": "mutual"})
    assert response.status_code == 422 and errors_of(response) == ["＊公務員かどうかを選んでください。"]
