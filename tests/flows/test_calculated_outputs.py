"""Calculated values through every output: 粗大ごみ's fees on the check page, the receipt, the CSV
(wide and long), the API, and a correction after 要再申請 that round-trips exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.api.support import api_get, make_token
from tests.flows.html import Page
from tests.flows.journeys import confirmation, pdf_text
from tests.staff.test_applicant_status import look_up
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client
from tests.support import CSRF, Citizen, address_inputs, date_parts, days_ahead, errors_of, name_inputs, text_of

SLUG = "oversized-waste-collection"
# Two futons (400円 each), a chest (1,200円), three fans (200円 each), and one not in the list.
ITEMS = [
    {"kind": "futon", "count": "2"},
    {"kind": "chest", "count": "1"},
    {"kind": "fan", "count": "３"},  # typed with a full-width digit
    {"kind": "other", "count": "1", "other_name": "物干し台　高さ1.5m"},
]
FEES = [800, 1200, 600, None]
TOTAL = 2600


def _items(items: list[dict[str, str]]) -> dict[str, str]:
    typed = {"items": str(len(items))}
    for index, item in enumerate(items):
        typed.update({f"items-{index}-{key}": value for key, value in item.items()})
    return typed


def _fill(citizen: Citizen, items: list[dict[str, str]] = ITEMS, **forged: str):
    citizen.start()
    pages = {
        "applicant": {**name_inputs("applicant_name", "山田 花子", "ヤマダ ハナコ"), "phone": "090-1234-5678"},
        "address": address_inputs("address"),
        "items": {**_items(items), **forged},
        "collection": {**date_parts("collection_date", days_ahead(14)), "place": "entrance"},
        "confirm": {"not_business": "y"},
    }
    for page_id, data in pages.items():
        response = citizen.post_page(page_id, data)
        assert response.status_code == 302, (page_id, errors_of(response))


def _submit(client, items: list[dict[str, str]] = ITEMS, **forged: str):
    citizen = Citizen(client, SLUG)
    _fill(citizen, items, **forged)
    return confirmation(citizen, citizen.submit())


def _answers(app, reference: str) -> dict:
    with app.app_context():
        row = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        return dict(row.answers)


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_four_items_show_each_fee_and_the_total_on_the_check_page_and_the_receipt(app, client):
    citizen = Citizen(client, SLUG)
    # A browser that sends its own fee and total is not listened to: the server computes them.
    _fill(citizen, **{"total_fee": "1", "items-0-fee": "1", "total_count": "1"})
    check = text_of(citizen.check())
    assert "数量 2点 変更 （1点目 数量） 手数料 800円 2点目" in check  # no 変更 link: nothing to type
    assert "数量 1点 変更 （2点目 数量） 手数料 1,200円 3点目" in check
    assert "数量 3点 変更 （3点目 数量） 手数料 600円 4点目" in check
    assert "数量 1点 変更 （4点目 数量） 手数料の合計" in check  # no fee for a kind not in the list
    assert "手数料の合計 2,600円 点数の合計 7点 収集日と出す場所" in check

    done = confirmation(citizen, citizen.submit())
    answers = _answers(app, done.reference)
    assert [item.get("fee") for item in answers["items"]] == FEES
    assert answers["total_fee"] == TOTAL and answers["total_count"] == 7
    receipt = pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data)
    for line in ("手数料の合計", "2,600円", "点数の合計", "7点", "1,200円", "800円", "600円"):
        assert line in receipt, line


def test_the_page_shows_the_value_computed_at_the_last_post(client):
    citizen = Citizen(client, SLUG)
    _fill(citizen)
    page = Page(citizen.get(citizen.url("/pages/items")))
    outputs = {o.attrs["id"]: o.text.strip() for o in page.find("output")}
    assert outputs == {
        "items-0-fee": "800円",
        "items-1-fee": "1,200円",
        "items-2-fee": "600円",
        "items-3-fee": "—",  # no amount for a kind not in the list (the script hides it)
        "total_fee": "2,600円",
        "total_count": "7点",
    }


def test_more_than_ten_pieces_in_all_are_refused_at_the_total(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    citizen.post_page(
        "applicant", {**name_inputs("applicant_name", "山田 花子", "ヤマダ ハナコ"), "phone": "090-1234-5678"}
    )
    citizen.post_page("address", address_inputs("address"))
    response = citizen.post_page("items", _items([{"kind": "chair", "count": "6"}, {"kind": "sofa", "count": "5"}]))
    assert response.status_code == 422
    assert errors_of(response) == ["＊1回の申込で出せるのは合わせて10点までです。数量を確かめてください。"]
    assert Page(response).error_summary_links() == ["#total_count"]


def test_the_csv_has_the_fees_in_numbered_columns_and_the_long_csv_on_each_item(app, client, runner, tmp_path):
    done = _submit(client)
    wide = tmp_path / "wide.csv"
    assert runner.invoke(args=["forms", "export", SLUG, "--out", str(wide)]).exit_code == 0
    header, *rows = _read(wide)
    row = dict(zip(header, next(r for r in rows if r[0] == done.reference), strict=True))
    assert [row[f"品目{n} 手数料"] for n in range(1, 6)] == ["800", "1200", "600", "", ""]
    assert [row[f"品目{n} 数量"] for n in range(1, 5)] == ["2", "1", "3", "1"]
    assert row["手数料の合計"] == "2600" and row["点数の合計"] == "7"

    long = tmp_path / "long.csv"
    assert runner.invoke(args=["forms", "export", SLUG, "--groups", "long", "--out", str(long)]).exit_code == 0
    header, *rows = _read(long)
    assert header[3:] == ["項目", "番号", "品目", "一覧にない品目の品名", "数量", "手数料"]
    assert [row[4:] for row in rows if row[0] == done.reference] == [
        ["1", "futon", "", "2", "800"],
        ["2", "chest", "", "1", "1200"],
        ["3", "fan", "", "3", "600"],
        ["4", "other", "物干し台　高さ1.5m", "1", ""],
    ]


def test_the_api_returns_the_computed_values_with_the_answers(app, client, runner):
    done = _submit(client)
    token = make_token(runner, "kikan", "environment")
    response = api_get(app.test_client(), f"/submissions/{done.reference}", token)
    assert response.status_code == 200, response.get_data(as_text=True)
    answers = response.get_json()["answers"]
    assert [item.get("fee") for item in answers["items"]] == FEES
    assert answers["total_fee"] == TOTAL


@pytest.mark.both_databases
def test_a_correction_after_return_computes_again_and_round_trips_exactly(app, client, runner):
    done = _submit(client)
    before = _answers(app, done.reference)
    staff = staff_client(app, runner, "kakari", "staff", "environment")
    assert "手数料の合計 2,600円" in text_of(staff.get(f"/staff/submissions/{done.reference}"))
    returned = post(
        staff, f"/staff/submissions/{done.reference}/status", seen="received", to="returned", comment="確認"
    )
    assert returned.status_code == 302

    applicant = app.test_client()
    look_up(applicant, done.reference, done.secret)
    token = CSRF.search(applicant.get("/status/view").get_data(as_text=True)).group(1)
    opened = applicant.post("/status/correct", data={"csrf_token": token})
    assert opened.location.endswith(f"/forms/{SLUG}/check"), opened.location
    citizen = Citizen(applicant, SLUG)
    assert "手数料の合計 2,600円" in text_of(citizen.check())

    page = Page(citizen.get(citizen.url("/pages/items?to_check=1")))
    assert [page.value(f"items-{i}-count") for i in range(4)] == ["2", "1", "3", "1"]
    resent = citizen.post_page("items", {**page.form_data(), "to_check": "1"})
    assert resent.status_code == 302 and resent.location.endswith("/check"), errors_of(resent)
    assert citizen.submit().status_code == 302
    assert _answers(app, done.reference) == before

    # A second return: one chest more, and the fee and the total follow.
    post(staff, f"/staff/submissions/{done.reference}/status", seen="received", to="returned", comment="再確認")
    opened = applicant.post("/status/correct", data={"csrf_token": token})
    page = Page(citizen.get(citizen.url("/pages/items?to_check=1")))
    resent = citizen.post_page("items", {**page.form_data(), "items-1-count": "2", "to_check": "1"})
    assert resent.status_code == 302, errors_of(resent)
    assert "手数料の合計 3,800円" in text_of(citizen.check())
    assert citizen.submit().status_code == 302
    after = _answers(app, done.reference)
    assert after["items"][1]["fee"] == 2400 and after["total_fee"] == 3800 and after["total_count"] == 8


def test_in_english_the_values_take_the_units_plural_form_and_space(client):
    citizen = Citizen(client, SLUG, "en")
    _fill(citizen)
    check = text_of(citizen.check())
    assert "Quantity 2 items Change （Item 1 Quantity） Fee 800 yen" in check
    assert "Quantity 1 item Change （Item 2 Quantity） Fee 1,200 yen" in check
    assert "Total fee 2,600 yen Number of items in all 7 items" in check
    page = Page(citizen.get(citizen.url("/pages/items")))
    assert {o.attrs["id"]: o.text.strip() for o in page.find("output")}["total_fee"] == "2,600 yen"
