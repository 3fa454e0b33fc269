"""Bank and branch by name on a phone (390×844) in Chromium: typing a name lists the banks,
a tap or the keyboard picks one and fills the code; 「０００１」 fits its box and becomes 0001;
the page passes axe. Without JavaScript, 「検索」 lists them to pick (the same server path)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.phone import check_page, tick
from tests.browser.test_accessibility import _post_answers, assert_no_violations
from tests.definitions.test_child_allowance import answers

pytestmark = pytest.mark.browser
FITS = "(el) => el.scrollWidth <= el.clientWidth"


@pytest.fixture
def new_page(new_page) -> Callable[..., object]:
    """As conftest's, with the Content Security Policy bypassed so that axe can be injected."""
    return functools.partial(new_page, bypass_csp=True)


def to_payee(page) -> None:
    """Answer the pages before 振込先口座 with this browser's cookies, then open it."""
    page.goto("/forms/child-allowance")
    page.get_by_role("button", name="申請を始める").click()
    for page_id, typed in answers().items():
        if page_id == "payee":
            break
        path = f"/forms/child-allowance/pages/{page_id}"
        page.goto(path)
        _post_answers(page, path, typed)
    page.goto("/forms/child-allowance/pages/payee")
    tick(page.locator("#payee_account-choice-1"))  # 口座を指定する


def test_typing_names_picks_the_bank_and_branch_and_fills_their_codes(new_page, shots, axe_source):
    page = new_page()
    to_payee(page)
    name = page.locator("#payee_account-bank_name")
    name.press_sequentially("みずほ")
    results = page.locator("#payee_account-bank-results button")
    expect(page.locator("#payee_account-bank-found")).to_have_text("3件見つかりました。")
    expect(results).to_have_count(3)
    expect(results.first).to_have_text("みずほ（ミズホ） 0001")
    check_page(page, shots, "bank-01-list")
    assert_no_violations(page, axe_source, "payee with the bank list open")

    with page.expect_response(lambda response: response.url.endswith("/validate")):
        name.press("ArrowDown")  # into the list (leaving the box: the instant check); Enter picks
    expect(results.first).to_be_focused()
    page.wait_for_timeout(200)  # the answer is handled
    expect(page.locator("#payee_account-error")).to_have_count(0)  # still answering: no message yet
    page.keyboard.press("Enter")
    expect(page.locator("#payee_account-bank")).to_have_value("0001")
    expect(page.locator("#payee_account-bank-named")).to_have_text("みずほ")
    expect(page.locator("#payee_account-branch_name")).to_be_focused()

    page.locator("#payee_account-branch_name").press_sequentially("しぶや")
    page.get_by_role("button", name="渋谷（シブヤ） 210").click()
    expect(page.locator("#payee_account-branch")).to_have_value("210")
    expect(page.locator("#payee_account-branch-named")).to_have_text("渋谷")
    expect(page.locator("#payee_account-branch-results")).to_be_hidden()

    for part, value in (("number", "12345"), ("holder", "やまだ たろう")):
        page.locator(f"#payee_account-{part}").fill(value)
    tick(page.locator("#payee_account-kind-0"))
    check_page(page, shots, "bank-02-picked")
    assert_no_violations(page, axe_source, "payee with the bank and branch picked")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    rest = list(answers())
    for page_id in rest[rest.index("payee") + 1 :]:
        path = f"/forms/child-allowance/pages/{page_id}"
        page.goto(path)
        _post_answers(page, path, answers()[page_id])
    page.goto("/forms/child-allowance/check")
    expect(page.locator("main")).to_contain_text("0001 みずほ / 210 渋谷 普通 0012345 ヤマダ タロウ")


def test_full_width_codes_fit_their_boxes_and_become_ascii(new_page):
    page = new_page()
    to_payee(page)
    for part, full, ascii in (("bank", "０００１", "0001"), ("branch", "００１", "001")):
        box = page.locator(f"#payee_account-{part}")
        box.evaluate("(el, v) => { el.value = v; }", full)  # as an IME leaves it before the input event
        assert box.evaluate(FITS), f"「{full}」 is cut off in #{part}"
        box.dispatch_event("input")
        expect(box).to_have_value(ascii)
    expect(page.locator("#payee_account-bank-named")).to_have_text("みずほ")
    expect(page.locator("#payee_account-branch-named")).to_have_text("東京営業部")
    page.locator("#payee_account-bank").fill("")
    page.locator("#payee_account-bank").press_sequentially("0005")  # the branch's name follows the bank
    expect(page.locator("#payee_account-branch-named")).to_have_text("本店")


def test_without_javascript_search_lists_the_banks_to_pick(new_page):
    page = new_page(javascript=False)
    to_payee(page)
    page.locator("#payee_account-bank_name").fill("ﾐｽﾞﾎ")
    page.locator("[data-bank-finder=bank]").get_by_role("button", name="検索").click()
    expect(page.locator("#payee_account-bank-found")).to_have_text("3件見つかりました。")
    tick(page.get_by_label("みずほ（ミズホ） 0001"))
    page.get_by_role("button", name="選んだ金融機関を入力").click()
    expect(page.locator("#payee_account-bank")).to_have_value("0001")
    expect(page.locator("#payee_account-bank-named")).to_have_text("みずほ")


def test_the_list_the_server_gives_without_javascript_passes_axe(new_page, axe_source):
    page = new_page()
    to_payee(page)
    page.locator("#payee_account-bank_name").fill("りそな")
    # posted as the 「検索」 button does without a script (the script would list them itself)
    page.locator("#page-form").evaluate(
        "(f) => f.requestSubmit(f.querySelector('[data-bank-finder=bank] .lookup-button'))"
    )
    expect(page.locator("#payee_account-bank-found")).to_contain_text("件見つかりました。")
    expect(page.locator(".bank-choices input[type=radio]").first).to_be_attached()
    check_page(page)
    assert_no_violations(page, axe_source, "payee with the banks the server found")
