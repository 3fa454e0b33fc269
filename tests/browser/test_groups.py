"""児童手当 with three children on a phone (390×844), JavaScript on and off: add three, change the
second, remove one, add one back; the check page, the receipt and the CSV row list them; axe finds
nothing on the children page with three items and with an item's errors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE, TIMEOUT_MS, serve_app
from tests.browser.phone import check_page, watch
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_child_allowance import fill, next_page
from tests.conftest import SHIPPED_FORMS
from tests.definitions.test_child_allowance import answers

pytestmark = pytest.mark.browser
CHILDREN = {  # (family, given, family kana, given kana, year)
    "一郎": ("山田", "一郎", "ヤマダ", "イチロウ", "2012"),
    "二郎": ("山田", "二郎", "ヤマダ", "ジロウ", "2015"),
    "次郎": ("山田", "次郎", "ヤマダ", "ジロウ", "2015"),
    "三郎": ("山田", "三郎", "ヤマダ", "サブロウ", "2018"),
    "四郎": ("山田", "四郎", "ヤマダ", "シロウ", "2021"),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, object]]:
    with serve_app(SHIPPED_FORMS, tmp_path_factory.mktemp("groups-live")) as (url, app):
        yield url, app


def _phone(browser, url: str, javascript: bool):
    # axe is injected as an inline script, which the Content Security Policy refuses otherwise
    # (the other browser tests check that the pages themselves need no exception).
    context = browser.new_context(**PHONE, java_script_enabled=javascript, base_url=url, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page)
    return context, page


def _child(page, index: int, who: str, javascript: bool) -> None:
    family, given, family_kana, given_kana, year = CHILDREN[who]
    prefix = f"children-{index}"
    typed = {
        f"{prefix}-name-family": family,
        f"{prefix}-name-given": given,
        f"{prefix}-name-family_kana": family_kana,
        f"{prefix}-name-given_kana": given_kana,
        f"{prefix}-birth-era": "western",
        f"{prefix}-birth-year": year,
        f"{prefix}-birth-month": "4",
        f"{prefix}-birth-day": "1",
        f"{prefix}-relation": "child",
        f"{prefix}-living": "together",
    }
    fill(page, typed, javascript)


def _axe(page, axe_source: str, javascript: bool, where: str) -> None:
    """axe-core on the page as it stands; it runs as a script, so only where scripts run (the
    server renders the same markup either way, and form.js only adds to it)."""
    if javascript:
        assert_no_violations(page, axe_source, where)


def _at_the_new_item(page, item_id: str, javascript: bool) -> None:
    """The page after 「追加する」 opens at the new item; with JavaScript its first input has the focus."""
    expect(page).to_have_url(re.compile(f"#{item_id}$"))
    expect(page.locator(f"#{item_id}")).to_be_in_viewport()
    if javascript:
        assert page.evaluate(f"document.activeElement.closest('#{item_id}') !== null")


def _items(page) -> list[str]:
    return page.locator("fieldset.group-item > legend").all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_three_children_added_changed_removed_and_added_back_reach_the_receipt_and_csv(
    browser, served, axe_source, shots, javascript
):
    url, app = served
    tag = "groups-js" if javascript else "groups-nojs"
    context, page = _phone(browser, url, javascript)
    try:
        page.goto("/forms/child-allowance")
        page.get_by_role("button", name="申請を始める").click()
        pages = answers()
        for page_id in ("claimant", "work", "spouse"):
            fill(page, pages[page_id], javascript)
            next_page(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("支給の対象となるお子さん")
        assert _items(page) == ["お子さん 1人目"]
        expect(page.get_by_role("button", name="削除")).to_have_count(0)  # min 1

        _child(page, 0, "一郎", javascript)
        page.get_by_role("button", name="追加する").click()
        expect(page.locator("fieldset.group-item")).to_have_count(2)
        _at_the_new_item(page, "children-1", javascript)
        _child(page, 1, "二郎", javascript)
        page.get_by_role("button", name="追加する").click()
        expect(page.locator("fieldset.group-item")).to_have_count(3)
        _child(page, 2, "三郎", javascript)
        assert _items(page) == ["お子さん 1人目", "お子さん 2人目", "お子さん 3人目"]
        expect(page.locator('[name="children-0-name-given"]')).to_have_value("一郎")  # kept on every post
        check_page(page, shots, f"{tag}-01-three")
        _axe(page, axe_source, javascript, f"{tag} three children")

        page.locator('[name="children-1-name-given"]').fill("次郎")  # change the second
        page.get_by_role("button", name=re.compile(r"^削除\s*（お子さん 3人目）$")).click()  # remove one
        expect(page.locator("fieldset.group-item")).to_have_count(2)
        expect(page.locator('[name="children-1-name-given"]')).to_have_value("次郎")
        page.get_by_role("button", name="追加する").click()  # add one back
        expect(page.locator("fieldset.group-item")).to_have_count(3)
        expect(page.locator('[name="children-2-name-given"]')).to_have_value("")
        fill(page, {"children_total": pages["children"]["children_total"]}, javascript)
        next_page(page)  # the new third child is empty: its own errors, the others kept
        expect(page.locator("#error-summary")).to_be_visible()
        expect(page.locator("#error-summary a").first).to_have_attribute("href", "#children-2-name-family")
        expect(page.locator('[name="children-0-name-given"]')).to_have_value("一郎")
        check_page(page, shots, f"{tag}-02-third-missing")
        _axe(page, axe_source, javascript, f"{tag} errors of the third child")
        _child(page, 2, "四郎", javascript)
        next_page(page)

        for page_id in ("reason", "payee", "documents", "consent"):
            expect(page.locator("#error-summary"), page_id).to_have_count(0)
            fill(page, pages[page_id], javascript)
            next_page(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
        main = page.locator("main")
        headings = main.locator("h3").all_inner_texts()
        assert headings == ["お子さん 1人目", "お子さん 2人目", "お子さん 3人目"], headings
        for shown in ("ヤマダ イチロウ", "ヤマダ ジロウ", "山田 次郎", "ヤマダ シロウ", "2021年4月1日（令和3年）"):
            expect(main).to_contain_text(shown)
        expect(main).not_to_contain_text("三郎")
        check_page(page, shots, f"{tag}-03-check")
        page.get_by_label("以上の内容で申請します").check()
        page.get_by_role("button", name="送信する").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("申請を受け付けました")
        reference = page.locator(".reference").first.inner_text().strip()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="控え（PDF）をダウンロード").click()
        receipt = "".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages).replace("\n", "")
        for shown in ("お子さん 1人目", "山田 一郎", "お子さん 2人目", "山田 次郎", "お子さん 3人目", "山田 四郎"):
            assert shown in receipt, shown
        assert "三郎" not in receipt
    finally:
        context.close()

    with app.app_context():
        from formbuilder.exports.csv import ExportOptions, iter_csv

        definition = app.extensions["formbuilder.catalogue"].get("child-allowance")
        wide = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
        long = b"".join(iter_csv(definition, ExportOptions(groups="long"), [])).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(wide, newline="")))
    row = dict(zip(header, next(r for r in rows if r[0] == reference), strict=True))
    assert [row[f"子{n} お子さんの氏名（名）"] for n in (1, 2, 3, 4)] == ["一郎", "次郎", "四郎", ""]
    assert row["子3 お子さんの生年月日"] == "2021-04-01"
    header, *rows = list(csv.reader(io.StringIO(long, newline="")))
    mine = [dict(zip(header, r, strict=True)) for r in rows if r[0] == reference]
    assert [(r["番号"], r["お子さんの氏名（名）"]) for r in mine] == [("1", "一郎"), ("2", "次郎"), ("3", "四郎")]
