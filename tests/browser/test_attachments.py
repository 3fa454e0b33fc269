"""Attachments on a phone in real Chromium: two photos, previews, one removed, Back and Next, receipt.

With JavaScript the chosen photos are previewed at once and one is taken back before sending;
without it 「選んだファイルを添付する」 sends them and the page lists them with 「削除」.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.answers import PHOTO, PHOTO_BACK
from tests.browser.conftest import serve
from tests.browser.phone import check_page
from tests.conftest import FIXTURE_FORMS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    with serve(FIXTURE_FORMS, tmp_path_factory.mktemp("live-attachments")) as url:
        yield url


def begin(page) -> None:
    page.goto("/forms/attachments-demo")
    page.get_by_role("button", name="申請を始める").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("書類")
    page.get_by_label("書類の説明").fill("運転免許証")
    page.get_by_text("ない", exact=True).click()


def loaded_previews(page, expected: int) -> int:
    """How many preview images have loaded, waiting up to 15 s for `expected` (a busy server is slow)."""
    count = 0
    for _ in range(150):
        count = page.evaluate(
            "() => Array.from(document.querySelectorAll('.file-item img.thumb'))"
            ".filter((img) => img.complete && img.naturalWidth > 0).length"
        )
        if count == expected:
            break
        page.wait_for_timeout(100)
    return count


def back_next_submit_and_read_receipt(page, shots, name: str) -> str:
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("連絡事項")
    page.get_by_role("button", name="戻る").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("書類")
    expect(page.locator(".file-list .file-name")).to_have_text(["card-back.jpg"])
    expect(page.get_by_label("書類の説明")).to_have_value("運転免許証")
    page.wait_for_function("() => document.querySelectorAll('.file-list img.thumb').length === 1")
    assert loaded_previews(page, 1) == 1  # the server's preview of the kept file
    check_page(page, shots, f"{name}-back")
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_role("button", name="次へ進む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力内容の確認")
    expect(page.locator(".summary").first).to_contain_text("card-back.jpg")
    expect(page.locator("main")).not_to_contain_text("card-front.jpg")
    page.get_by_label("以上の内容で申請します").check()
    page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("受け付けました")
    with page.expect_download() as download:
        page.locator(".button[href$='receipt.pdf']").click()
    return "".join(p.extract_text() for p in PdfReader(Path(download.value.path())).pages)


def test_two_photos_previewed_one_taken_back_then_back_next_and_the_receipt(new_page, shots):
    page = new_page()
    begin(page)
    page.get_by_label("書類の写真").set_input_files([PHOTO, PHOTO_BACK])
    chosen = page.locator(".file-previews .file-item")
    expect(chosen).to_have_count(2)
    page.wait_for_function("() => document.querySelectorAll('.file-previews img').length === 2")
    check_page(page, shots, "attach-js-chosen")
    page.get_by_role("button", name="取り消す card-front.jpg").click()
    expect(chosen).to_have_count(1)
    expect(chosen.locator(".file-name")).to_have_text("card-back.jpg")
    assert page.get_by_label("書類の写真").evaluate("(el) => el.files.length") == 1
    text = back_next_submit_and_read_receipt(page, shots, "attach-js")
    assert "card-back.jpg" in text and "SHA-256" in text and "card-front.jpg" not in text


def test_without_javascript_files_are_sent_listed_and_deleted_on_the_server(new_page, shots):
    page = new_page(javascript=False)
    begin(page)
    page.get_by_label("書類の写真").set_input_files([PHOTO, PHOTO_BACK])
    page.get_by_role("button", name="選んだファイルを添付する").click()
    expect(page.locator(".file-list .file-name")).to_have_text(["card-front.jpg", "card-back.jpg"])
    assert loaded_previews(page, 2) == 2
    expect(page.get_by_label("書類の説明")).to_have_value("運転免許証")
    check_page(page, shots, "attach-nojs-sent")
    page.get_by_role("button", name="削除 （card-front.jpg）").click()
    expect(page.locator(".file-list .file-name")).to_have_text(["card-back.jpg"])
    text = back_next_submit_and_read_receipt(page, shots, "attach-nojs")
    assert "card-back.jpg" in text and "card-front.jpg" not in text


def test_a_file_of_the_wrong_kind_is_refused_before_sending(new_page, tmp_path):
    page = new_page()
    begin(page)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")
    page.get_by_label("書類の写真").set_input_files([notes, PHOTO])
    expect(page.get_by_role("alert")).to_contain_text("notes.txt は添付できない種類のファイルです")
    expect(page.locator(".file-previews .file-name")).to_have_text(["card-front.jpg"])
