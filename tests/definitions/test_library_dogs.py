"""The procedure library's dog forms (procedures.md D3, 狂犬病予防法): each one sent to the receipt
through the test client, then read back from the receipt PDF and the CSV export (issue 15)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from formbuilder.definitions.loader import load_file
from formbuilder.exports.csv import ExportOptions, iter_csv
from formbuilder.i18n import LANGUAGE_CODES
from tests.browser.answers import page_answers
from tests.conftest import SHIPPED_FORMS
from tests.flows.journeys import confirmation, pdf_text
from tests.support import Citizen, date_parts, errors_of, text_of

DEATH = "dog-death-notice"
REGISTRATION = "dog-registration"


def definition(slug: str):
    result = load_file(SHIPPED_FORMS / f"{slug}.json")
    assert result.problems == [], result.problems
    return result.definition


def send(client, slug: str, changes: dict[str, dict[str, str]]) -> Citizen:
    """Answer every page from the definition, with `changes` typed over it, and send the form."""
    citizen = Citizen(client, slug)
    citizen.start()
    for page_id, typed in page_answers(definition(slug)).items():
        response = citizen.post_page(page_id, {**typed, **changes.get(page_id, {})})
        assert response.status_code == 302, (page_id, errors_of(response))
    return citizen


def receipt_and_csv(app, citizen: Citizen, slug: str) -> tuple[str, dict[str, str]]:
    done = confirmation(citizen, citizen.submit())
    receipt = pdf_text(citizen.get(f"/forms/{slug}/complete/receipt.pdf").data).replace("\n", "")
    assert done.reference in receipt
    with app.app_context():
        form = app.extensions["formbuilder.catalogue"].get(slug)
        exported = b"".join(iter_csv(form, ExportOptions(), [])).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(exported, newline="")))
    return receipt, dict(zip(header, row, strict=True))


def test_death_notice_is_complete_free_and_handled_by_environmental_health():
    form = definition(DEATH)
    assert form.languages == LANGUAGE_CODES and form.department == "sanitation"
    assert form.fee.get("ja") == "無料"
    assert {f.type for f in form.fields()} >= {"name", "address", "tel", "date", "radio"}


def test_death_notice_reaches_the_receipt_and_the_csv(app, client):
    died = date.today() - timedelta(days=12)
    citizen = send(
        client,
        DEATH,
        {
            "dog": {
                "registration_number": "第R5-0123号",
                "dog_name": "ポチ",
                "breed": "柴犬",
                "coat_colour": "赤",
                "sex": "female",
                **date_parts("death_date", died),
            },
            "tags": {"return_method": "post"},
        },
    )
    when = f"{died.year}年{died.month}月{died.day}日"
    check = text_of(citizen.check())
    for shown in ("第R5-0123号", "ポチ", "柴犬", "メス", when, "郵送する", "090-8765-4321"):
        assert shown in check, shown
    receipt, cells = receipt_and_csv(app, citizen, DEATH)
    for printed in ("犬の死亡届", "第R5-0123号", "ポチ", "メス", when, "郵送する", "環境部 生活衛生課"):
        assert printed in receipt, printed
    assert cells["登録番号（鑑札の番号）"] == "第R5-0123号"
    assert cells["死亡した日"] == died.isoformat()
    assert cells["犬の性別"] == "female" and cells["鑑札と注射済票の返し方"] == "post"
    assert cells["狂犬病予防注射済票の番号"] == "検査用の入力八九"
    assert cells["飼い主の住所（郵便番号）"] == "100-0001"


def test_death_notice_refuses_a_death_date_in_the_future(client):
    citizen = Citizen(client, DEATH)
    citizen.start()
    answers = page_answers(definition(DEATH))
    assert citizen.post_page("owner", answers["owner"]).status_code == 302
    tomorrow = date.today() + timedelta(days=1)
    response = citizen.post_page("dog", {**answers["dog"], **date_parts("death_date", tomorrow)})
    assert response.status_code == 422
    assert any("死亡した日" in error for error in errors_of(response))


def test_registration_asks_owner_dog_and_vaccination_and_computes_the_fee():
    form = definition(REGISTRATION)
    assert form.languages == LANGUAGE_CODES and form.department == "sanitation"
    types = {f.name: f.type for f in form.fields()}
    assert types["owner_name"] == "name" and types["owner_address"] == types["kept_address"] == "address"
    assert types["dog_birth"] == "era_date" and types["total_fee"] == "calculated"


def test_registration_with_the_tag_still_to_collect_costs_3550_yen_on_the_receipt_and_in_the_csv(app, client):
    vaccinated = date.today() - timedelta(days=20)
    citizen = send(
        client,
        REGISTRATION,
        {
            "owner": {"kept_at": "other", "kept_address-line1": "千代田2-3-4"},
            "dog": {
                "dog_name": "ハナ",
                "breed": "トイ・プードル",
                "coat_colour": "白",
                "sex": "female",
                "size": "small",
                "dog_birth-era": "reiwa",
                "dog_birth-year": "R5.4.1",
                "dog_birth-month": "",
                "dog_birth-day": "",
                **date_parts("acquired_date", vaccinated),
            },
            "vaccination": {
                "vaccination": "no_tag",
                "clinic": "さくら動物病院",
                **date_parts("vaccination_date", vaccinated),
            },
        },
    )
    check = text_of(citizen.check())
    for shown in (
        "ハナ",
        "トイ・プードル",
        "2023年4月1日（令和5年）",
        "小型",
        "3,550円",
        "千代田2-3-4",
        "さくら動物病院",
    ):
        assert shown in check, shown
    receipt, cells = receipt_and_csv(app, citizen, REGISTRATION)
    for printed in ("犬の登録申請", "ハナ", "3,550円", "注射済票はまだ受け取っていない", "環境部 生活衛生課"):
        assert printed in receipt, printed
    assert cells["手数料の合計"] == "3550"
    assert cells["犬の生年月日"] == "2023-04-01" and cells["注射を受けた日"] == vaccinated.isoformat()
    assert cells["犬を飼う場所"] == "other" and cells["犬の所在地（町域・番地）"] == "千代田2-3-4"


def test_registration_without_a_vaccination_costs_3000_yen_and_asks_no_date(app, client):
    citizen = send(client, REGISTRATION, {"vaccination": {"vaccination": "not_yet"}})
    assert "3,000円" in text_of(citizen.check())
    _, cells = receipt_and_csv(app, citizen, REGISTRATION)
    assert cells["手数料の合計"] == "3000" and cells["注射を受けた日"] == ""


def test_a_dog_registered_before_leaves_for_the_counter_instead(client):
    citizen = Citizen(client, REGISTRATION)
    citizen.start()
    response = citizen.post_page("status", {"registration_status": "moved_in"}, follow=True)
    assert "登録済みの犬は、この申請では登録できません" in text_of(response)
    assert "/exit/already-registered" in response.request.path
