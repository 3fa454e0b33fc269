"""The 控え (PDF receipt): what it prints, how it is downloaded again, and old definition versions."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from formbuilder.receipts.pdf import received_at_text
from tests.conftest import shipped_raw
from tests.flows.journeys import WATER, dispose, pdf_text, restart, rows, share_cookies, submit_water
from tests.support import Citizen, fill_water, text_of

pytestmark = pytest.mark.both_databases

SHIPPED = Path(__file__).resolve().parents[2] / "form_definitions"
WRONG = "＊受付番号または照会キーが正しくありません。控えに書かれたとおりに入力してください。"


def _lookup(client, reference: str, secret: str):
    citizen = Citizen(client, WATER)
    citizen.get("/receipt")
    return client.post("/receipt", data={"csrf_token": citizen.csrf, "reference": reference, "secret": secret})


def test_receipt_prints_who_what_when_every_answer_in_order_and_how_to_look_it_up(client):
    # 2026-04-01 01:05 UTC is 10:05 in Japan.
    with time_machine.travel(datetime(2026, 4, 1, 1, 5, 30, tzinfo=UTC), tick=False):
        done = submit_water(client, {"user": {"email": "taro@example.jp"}})
        response = client.get(f"/forms/{WATER}/complete/receipt.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    lines = [line.strip() for line in text.splitlines()]
    assert lines[:2] == ["テスト市", "水道使用開始届 控え"]
    assert lines[lines.index("受付番号") + 1] == done.reference
    assert lines[lines.index("受付日時") + 1] == "2026年4月1日 10時05分（令和8年）"
    assert lines[lines.index("照会キー") + 1] == done.secret
    expected = [
        "水道を使う場所",
        "水道を使う場所の住所 〒100-0001 東京都千代田区千代田1-1 さくらハイツ101",
        "使用者",
        "氏名 山田 太郎（ヤマダ タロウ）",
        "日中に連絡がとれる電話番号 090-1234-5678",
        "メールアドレス taro@example.jp",
        "使用開始日と用途",
        "使用開始日 2026年4月11日（令和8年）",
        "用途 家事用（ご家庭）",
        "お支払い方法",
        "支払方法 納付書（コンビニ・金融機関で支払う）",
        "請求書の送付先 水道を使う場所と同じ",
    ]
    positions = [lines.index(line) for line in expected]
    assert positions == sorted(positions), "in page order"
    assert "http://localhost/status" in text and "http://localhost/receipt" not in text  # where the status is
    assert "上下水道局 お客さまセンター 電話 000-000-0000（平日 8:30〜17:15）" in text  # the department's contact


@pytest.mark.parametrize(
    ("moment", "printed"),
    [
        (datetime(2019, 4, 30, 14, 59, tzinfo=UTC), "2019年4月30日 23時59分（平成31年）"),
        (datetime(2019, 4, 30, 15, 0, tzinfo=UTC), "2019年5月1日 0時00分（令和元年）"),
        (datetime(2026, 12, 31, 15, 30), "2027年1月1日 0時30分（令和9年）"),
    ],
)
def test_receipt_time_is_japan_time_with_its_era(moment, printed):
    assert received_at_text(moment) == printed


@pytest.mark.parametrize(
    ("lang", "printed"),
    [
        ("en", "April 1, 2026, 10:05\u202fAM (Japan Time)"),  # CLDR: a narrow no-break space
        ("vi", "10:05 1 tháng 4, 2026 (Giờ Nhật Bản)"),
        ("pt-BR", "1 de abril de 2026 10:05 (Horário do Japão)"),
        ("ko", "2026년 4월 1일 AM 10:05 (일본 시간)"),
        ("ja-easy", "2026年4月1日 10時05分（令和8年）"),
    ],
)
def test_receipt_time_is_written_as_the_applicants_language_writes_it_in_japan_time(lang, printed):
    assert received_at_text(datetime(2026, 4, 1, 1, 5, tzinfo=UTC), lang) == printed


@pytest.mark.parametrize("lang", ["vi", "ne", "en"])
def test_a_short_forms_receipt_fits_on_one_a4_page_even_with_the_japanese_labels_under_its_own(client, lang):
    # A foreign receipt prints each label twice (its own, then the Japanese): it spilt onto page 2.
    citizen = Citizen(client, WATER, lang)
    fill_water(citizen)
    assert citizen.submit().status_code == 302
    receipt = client.get(f"/forms/{WATER}/complete/receipt.pdf").data
    pages = PdfReader(io.BytesIO(receipt)).pages
    assert len(pages) == 1, pages[-1].extract_text()
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (595, 842)  # A4
    assert "山田 太郎" in pages[0].extract_text() and "http://localhost/status" in pages[0].extract_text()


def test_receipt_of_the_first_day_of_reiwa_says_gannen(client):
    with time_machine.travel(datetime(2019, 4, 30, 15, 0, 5, tzinfo=UTC), tick=False):
        submit_water(client)
        text = pdf_text(client.get(f"/forms/{WATER}/complete/receipt.pdf").data)
    assert "2019年5月1日 0時00分（令和元年）" in text


def test_receipt_download_is_an_attachment_never_rendered_inline(client):
    done = submit_water(client)
    for response in (client.get(f"/forms/{WATER}/complete/receipt.pdf"), _lookup(client, done.reference, done.secret)):
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"filename*=UTF-8''receipt-{done.reference}.pdf" in disposition
        assert "\r" not in disposition and "\n" not in disposition
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"].startswith("sandbox")
        assert response.headers["Cache-Control"] == "no-store"


def _variants(reference: str, secret: str) -> list[tuple[str, str]]:
    wide = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"})
    return [
        (reference, secret),
        (reference.lower(), secret.lower()),
        (reference.replace("-", ""), secret.replace("-", "")),
        (reference.translate(wide), secret.translate(wide)),
        (f" {reference.replace('-', 'ー')} ", secret.replace("-", " ")),
        (reference.replace("-", "‐"), secret.replace("-", "－").lower()),
    ]


def test_receipt_is_found_again_with_number_and_secret_typed_any_way(client):
    done = submit_water(client)
    browser = client.application.test_client()
    for reference, secret in _variants(done.reference, done.secret):
        response = _lookup(browser, reference, secret)
        assert response.status_code == 200, (reference, secret)
        text = pdf_text(response.data)
        assert done.reference in text and done.secret in text and "山田 太郎" in text


@pytest.mark.parametrize("wrong", ["secret", "reference", "both", "empty"])
def test_wrong_secret_is_refused_with_a_clear_message_and_no_pdf(client, wrong):
    done = submit_water(client)
    other = "ABCD-EFGH-JKMN-PQRS"
    reference, secret = {
        "secret": (done.reference, other),
        "reference": ("2345-6789", done.secret),
        "both": ("2345-6789", other),
        "empty": ("", ""),
    }[wrong]
    response = _lookup(client.application.test_client(), reference, secret)
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert not response.data.startswith(b"%PDF")
    assert WRONG in text_of(response)
    assert done.secret not in response.get_data(as_text=True)


@pytest.fixture
def forms_dir(tmp_path):
    """A definitions folder of our own, to edit between two app instances."""
    folder = tmp_path / "forms-v1"
    folder.mkdir()
    (folder / f"{WATER}.json").write_text(json.dumps(shipped_raw(WATER), ensure_ascii=False), encoding="utf-8")
    return folder


def test_receipt_of_an_older_definition_version_still_prints_its_own_labels(app, client, forms_dir, tmp_path):
    done = submit_water(client)
    (version,) = rows(app, "form_versions")
    (submission,) = rows(app, "submissions")
    assert (version["slug"], version["version"]) == (WATER, "2026.1")
    assert submission["definition_hash"] == version["hash"] and submission["form_version_id"] == version["id"]
    assert json.loads(version["source"])["pages"][1]["fields"][0]["label"]["ja"] == "氏名"

    edited = tmp_path / "forms-v2"
    edited.mkdir()
    raw = json.loads((forms_dir / f"{WATER}.json").read_text(encoding="utf-8"))
    raw["version"] = "2026.2"
    raw["pages"][1]["fields"][0]["label"]["ja"] = "申込者のお名前"
    (edited / f"{WATER}.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(forms_dir)

    again = restart(app, FORM_DEFINITIONS_DIR=str(edited))
    try:
        browser = again.test_client()
        old = pdf_text(_lookup(browser, done.reference, done.secret).data)
        assert re.search(r"^氏名 山田 太郎（ヤマダ タロウ）$", old, re.M) and "申込者のお名前" not in old
        same_browser = again.test_client()
        share_cookies(client, same_browser)
        assert "申込者のお名前" not in pdf_text(same_browser.get(f"/forms/{WATER}/complete/receipt.pdf").data)

        newer = submit_water(again.test_client())
        new = pdf_text(_lookup(browser, newer.reference, newer.secret).data)
        assert "申込者のお名前 山田 太郎（ヤマダ タロウ）" in new
        assert [(v["version"], v["id"]) for v in rows(again, "form_versions")] == [("2026.1", 1), ("2026.2", 2)]
    finally:
        dispose(again)
