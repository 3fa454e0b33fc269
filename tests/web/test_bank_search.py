"""Bank and branch by name through HTTP: 「検索」 without JavaScript, the JSON the script reads,
and the names beside the codes on the check page, the receipt, the CSV and the staff page."""

from __future__ import annotations

import csv
import io
import re

from formbuilder.exports.csv import ExportOptions, iter_csv
from tests.definitions.test_child_allowance import SLUG, answers
from tests.flows.journeys import pdf_text
from tests.staff.test_submissions import REFERENCE, staff_client
from tests.support import Citizen, errors_of, text_of

SEARCH = "assist:payee_account"


def value_of(html: str, name: str) -> str | None:
    found = re.search(rf'<input [^>]*name="{re.escape(name)}" value="([^"]*)"', html)
    return found.group(1) if found else None


def choices(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{re.escape(name)}" value="([^"]*)"', html)


def at_payee(client) -> tuple[Citizen, dict[str, str]]:
    citizen = Citizen(client, SLUG)
    citizen.start()
    for page_id, typed in answers().items():
        if page_id == "payee":
            return citizen, typed
        assert citizen.post_page(page_id, typed).status_code == 302, page_id
    raise AssertionError("no payee page")


def finish(citizen: Citizen) -> None:
    after = False
    for page_id, typed in answers().items():
        if after:
            assert citizen.post_page(page_id, typed).status_code == 302, page_id
        after = after or page_id == "payee"


def test_without_javascript_search_pick_and_send_shows_the_names_everywhere(app, client, runner):
    citizen, typed = at_payee(client)
    codes = {**typed, "payee_account-bank": "", "payee_account-branch": ""}

    listed = citizen.post_page("payee", {**codes, "payee_account-bank_name": "みずほ銀行"}, action=SEARCH)
    html = listed.get_data(as_text=True)
    assert listed.status_code == 200 and errors_of(listed) == []
    assert choices(html, "payee_account-bank_pick")[:2] == ["0001", "0289"]  # みずほ before みずほ信託
    assert "3件見つかりました。" in text_of(listed) and "選んだ金融機関を入力" in html

    picked = citizen.post_page("payee", {**codes, "payee_account-bank_pick": "0001"}, action=SEARCH)
    html = picked.get_data(as_text=True)
    assert value_of(html, "payee_account-bank") == "0001" and value_of(html, "payee_account-bank_name") == "みずほ"
    assert 'id="payee_account-bank-named" aria-live="polite">みずほ<' in html

    # ﾄｳｷｮｳ in half-width kana; the list writes 東京営業部 as トウキヨウ (no small kana)
    chosen = {**codes, "payee_account-bank": "0001", "payee_account-bank_name": "みずほ"}
    branches = citizen.post_page("payee", {**chosen, "payee_account-branch_name": "ﾄｳｷｮｳ"}, action=SEARCH)
    assert choices(branches.get_data(as_text=True), "payee_account-branch_pick")[0] == "001"
    picked = citizen.post_page(
        "payee", {**chosen, "payee_account-branch_name": "ﾄｳｷｮｳ", "payee_account-branch_pick": "001"}, action=SEARCH
    )
    html = picked.get_data(as_text=True)
    assert (
        value_of(html, "payee_account-branch") == "001" and value_of(html, "payee_account-branch_name") == "東京営業部"
    )

    assert citizen.post_page("payee", {**chosen, "payee_account-branch": "001"}).status_code == 302
    finish(citizen)
    shown = "0001 みずほ / 001 東京営業部 普通 0012345 ヤマダ タロウ"
    assert shown in text_of(citizen.check())
    done = citizen.submit()
    receipt = pdf_text(citizen.get(f"/forms/{SLUG}/complete/receipt.pdf").data).replace("\n", "")
    assert "0001 みずほ / 001 東京営業部" in receipt
    reference = REFERENCE.search(citizen.get(done.location).get_data(as_text=True)).group(1)

    staff = staff_client(app, runner, "kodomo", "staff", "child")
    assert shown in text_of(staff.get(f"/staff/submissions/{reference}"))
    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(SLUG)
        exported = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(exported, newline="")))
    cells = dict(zip(header, row, strict=True))
    assert (cells["振込先口座（金融機関名）"], cells["振込先口座（支店名）"]) == ("みずほ", "東京営業部")
    account = [column for column in header if column.startswith("振込先口座（")]
    assert account[-2:] == ["振込先口座（金融機関名）", "振込先口座（支店名）"]  # added after the old columns
    assert account[1:7] == [
        f"振込先口座（{part}）"
        for part in ("金融機関コード", "支店コード", "預金種目", "口座番号", "口座名義", "口座名義半角")
    ]


def test_one_match_fills_the_code_at_once_and_a_branch_needs_its_bank_first(client):
    citizen, typed = at_payee(client)
    blank = {**typed, "payee_account-bank": "", "payee_account-branch": ""}
    alone = citizen.post_page("payee", {**blank, "payee_account-branch_name": "渋谷"}, action=SEARCH)
    assert "先に金融機関を選んでください。" in text_of(alone)
    found = citizen.post_page("payee", {**blank, "payee_account-bank_name": "ゆうちょ"}, action=SEARCH)
    assert value_of(found.get_data(as_text=True), "payee_account-bank") == "9900"
    none = citizen.post_page("payee", {**blank, "payee_account-bank_name": "存在しない銀行"}, action=SEARCH)
    assert "当てはまる金融機関が見つかりません。" in text_of(none)


def test_a_code_the_national_list_does_not_have_is_refused_with_its_reason(client):
    citizen, typed = at_payee(client)
    wrong_bank = citizen.post_page("payee", {**typed, "payee_account-bank": "0002"})
    assert wrong_bank.status_code == 422
    assert errors_of(wrong_bank) == [
        "＊金融機関コード「0002」の金融機関は見つかりません。通帳やキャッシュカードで確かめるか、金融機関名で探してください。"
    ]
    wrong_branch = citizen.post_page("payee", {**typed, "payee_account-branch": "００２"})
    assert errors_of(wrong_branch) == [
        "＊支店コード「002」の支店はみずほにありません。通帳やキャッシュカードで確かめるか、支店名で探してください。"
    ]


def test_a_full_width_code_is_stored_half_width_with_its_names(client):
    citizen, typed = at_payee(client)
    full = {**typed, "payee_account-bank": "０００５", "payee_account-branch": "００１"}
    assert citizen.post_page("payee", full).status_code == 302
    finish(citizen)
    assert "0005 三菱ＵＦＪ / 001 本店 普通 0012345" in text_of(citizen.check())


def test_the_scripts_lists_come_as_json(client):
    banks = client.get("/assist/banks?q=ﾐｽﾞﾎ")
    assert banks.status_code == 200 and banks.mimetype == "application/json"
    data = banks.get_json()
    assert data["results"][0] == {"code": "0001", "name": "みずほ", "kana": "ミズホ"}
    assert data["message"] == "3件見つかりました。"
    branches = client.get("/assist/banks/0001/branches?q=001").get_json()
    assert branches["results"] == [{"code": "001", "name": "東京営業部", "kana": "トウキヨウ"}]
    many = client.get("/assist/banks?q=信金").get_json()
    assert len(many["results"]) == 20 and many["message"].startswith("20件以上")
    assert client.get("/assist/banks/9999/branches?q=a").get_json()["message"] == "先に金融機関を選んでください。"


def test_the_apis_answers_carry_the_names_with_the_codes(app, client, runner):
    from tests.api.support import api_get, make_token
    from tests.staff.test_submissions import submit_child_allowance

    reference = submit_child_allowance(app)
    token = make_token(runner, "kodomo-kikan", "child")
    answers = api_get(client, f"/submissions/{reference}", token).get_json()["answers"]
    account = next(value for value in answers.values() if isinstance(value, dict) and "branch" in value)
    assert (account["bank"], account["bank_name"], account["branch"], account["branch_name"]) == (
        "0001",
        "みずほ",
        "001",
        "東京営業部",
    )
