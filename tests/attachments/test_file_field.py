"""The `file` field through real page posts: keep, preview, remove, refuse, submit, receipt, CSV."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import pytest
from PIL import Image

from formbuilder.exports.csv import ExportOptions, iter_csv
from tests.conftest import FIXTURE_FORMS
from tests.flows.html import Page
from tests.flows.journeys import pdf_text
from tests.support import Citizen, errors_of, text_of

from .files import MZ, jpeg, png

SLUG = "attachments-demo"
PREVIEW = re.compile(r'src="(/forms/attachments-demo/attachments/(\d+)/preview\.jpg)"')


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


def upload(data: bytes, name: str):
    return (io.BytesIO(data), name)


def first_page(citizen: Citizen, action: str = "next", **fields):
    payload = {"note": "住民票の写し", "want_extra": "no", **fields}
    return citizen.post_page("upload", payload, action=action)


def kept_names(response) -> list[str]:
    return [
        unescape_name(m) for m in re.findall(r'<span class="file-name">([^<]*)</span>', response.get_data(as_text=True))
    ]


def unescape_name(text: str) -> str:
    from html import unescape

    return unescape(text)


def stored_rows(app):
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment

    with app.app_context():
        return [
            (r.id, r.draft_id, r.submission_id, r.field_name, r.original_name) for r in db.session.query(Attachment)
        ]


@pytest.mark.both_databases
def test_two_photos_kept_previewed_one_removed_then_back_next_submit_and_receipt(app, client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    shown = first_page(
        citizen,
        "assist:photos",
        photos=[upload(jpeg(800, 600), "おもて.jpg"), upload(png(300, 200), "うら.png")],
    )
    assert shown.status_code == 200, errors_of(shown)
    assert kept_names(shown) == ["おもて.jpg", "うら.png"]
    assert Page(shown).value("note") == "住民票の写し"  # the typed answer stays with the files
    previews = PREVIEW.findall(shown.get_data(as_text=True))
    assert len(previews) == 2
    picture = client.get(previews[0][0])
    assert picture.status_code == 200 and picture.mimetype == "image/jpeg"
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in picture.headers["Content-Security-Policy"]
    assert max(Image.open(io.BytesIO(picture.data)).size) <= 360

    removed = first_page(citizen, f"remove:{previews[1][1]}")
    assert removed.status_code == 200 and kept_names(removed) == ["おもて.jpg"]
    assert client.get(previews[1][0]).status_code == 404

    assert first_page(citizen).status_code == 302  # Next: no file asked again
    assert citizen.post_page("last", {"comment": ""}, action="back").status_code == 302
    again = citizen.get(citizen.url("/pages/upload"))
    assert kept_names(again) == ["おもて.jpg"]
    assert first_page(citizen).status_code == 302
    assert citizen.post_page("last", {"comment": "よろしく"}).location.endswith("/check")

    check = text_of(citizen.check())
    assert "おもて.jpg" in check and "うら.png" not in check
    done = citizen.submit()
    assert done.location.endswith("/complete")
    receipt = client.get(citizen.url("/complete/receipt.pdf"))
    text = pdf_text(receipt.data)
    rows = stored_rows(app)
    assert [(r[3], r[4], r[1]) for r in rows] == [("photos", "おもて.jpg", None)]
    assert rows[0][2] is not None  # handed to the submission
    with app.app_context():
        from formbuilder.attachments import records
        from formbuilder.extensions import db
        from formbuilder.storage.attachment_models import Attachment

        row = db.session.get(Attachment, rows[0][0])
        with records.open_file(row) as stored:
            digest = hashlib.sha256(stored.read()).hexdigest()
        size_text = f"{max(1, round(row.size / 1024))} KB"
    flat = re.sub(r"\s+", "", text)
    assert "おもて.jpg" in text and size_text in text and digest in flat, text
    assert "うら.png" not in text
    assert client.get(previews[0][0]).status_code == 404  # submitted: no longer a draft's file

    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(SLUG)
        exported = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(exported)))
    assert table[1][table[0].index("書類の写真")] == "おもて.jpg"


def test_the_photo_is_stored_upright_without_gps(app, client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    first_page(citizen, "assist:photos", photos=upload(jpeg(400, 200, orientation=6), "gps.jpg"))
    from formbuilder.attachments import records
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment

    with app.app_context():
        row = db.session.query(Attachment).one()
        with records.open_file(row) as handle:
            stored = Image.open(io.BytesIO(handle.read()))
        assert stored.size == (200, 400)  # turned as the camera said
        assert not stored.getexif().get_ifd(0x8825)  # the GPS the camera wrote (files.gps_exif) is gone


def test_a_refused_file_is_named_and_nothing_else_is_lost(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = first_page(
        citizen,
        photos=[upload(MZ, "免許証.jpg"), upload(jpeg(), "ok.jpg")],
        note="とても長い説明がここに入ります。二十文字を超えています。",
    )
    assert response.status_code == 422
    errors = errors_of(response)
    assert any("免許証.jpg" in e and "画像として読み込めませんでした" in e for e in errors), errors
    assert any("20文字以内" in e for e in errors), errors
    assert kept_names(response) == ["ok.jpg"]  # the good file is kept
    assert Page(response).value("note").startswith("とても長い説明")
    assert Page(response).value("want_extra") == "no"


def test_a_file_over_the_field_limit_is_refused_with_the_page_intact(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    big = jpeg(100, 100) + b"\0" * (1024 * 1024 + 10)
    response = first_page(citizen, photos=upload(big, "大きい.jpg"))
    assert response.status_code == 422
    assert any("大きい.jpg" in e and "1 MBまで" in e for e in errors_of(response))
    assert Page(response).value("note") == "住民票の写し"
    assert kept_names(response) == []


def test_more_files_than_allowed_are_refused_by_name(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    three = [upload(jpeg(), f"{n}.jpg") for n in ("a", "b", "c")]
    response = first_page(citizen, "assist:photos", photos=three)
    assert response.status_code == 422
    assert kept_names(response) == ["a.jpg", "b.jpg"]
    assert any("c.jpg" in e and "2個まで" in e for e in errors_of(response))
    assert 'type="file"' not in response.get_data(as_text=True)  # full: no input for more


def test_every_photo_is_encoded_before_the_first_row_takes_the_write_lock(client, monkeypatch):
    """On SQLite the first write of a request locks the database for every other citizen: the
    slow part (re-encoding each photo) must be over by then."""
    from formbuilder.flows import uploads

    calls: list[str] = []
    accept, record = uploads.accept, uploads.records.record
    monkeypatch.setattr(uploads, "accept", lambda *a, **k: calls.append("encode") or accept(*a, **k))
    monkeypatch.setattr(uploads.records, "record", lambda *a, **k: calls.append("write") or record(*a, **k))
    citizen = Citizen(client, SLUG)
    citizen.start()
    shown = first_page(citizen, "assist:photos", photos=[upload(jpeg(), "a.jpg"), upload(png(), "b.png")])
    assert kept_names(shown) == ["a.jpg", "b.png"]
    assert calls == ["encode", "encode", "write", "write"]


def test_a_required_file_field_without_a_file_says_so(client):
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = first_page(citizen)
    assert response.status_code == 422
    assert errors_of(response) == ["＊書類の写真のファイルを添付してください。"]


def test_a_body_over_the_limit_shows_the_page_again_as_last_saved(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 200_000
    citizen = Citizen(client, SLUG)
    citizen.start()
    first_page(citizen, "assist:photos", photos=upload(jpeg(), "first.jpg"))
    response = first_page(citizen, photos=upload(b"\xff\xd8\xff" + b"\0" * 300_000, "huge.jpg"))
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "大きすぎるため" in text_of(response) and "合計0.2 MBまで" in body
    assert kept_names(response) == ["first.jpg"]
    assert Page(response).value("note") == "住民票の写し"


def test_posted_text_cannot_claim_files_and_others_cannot_remove_or_see_them(app, client):
    owner = Citizen(client, SLUG)
    owner.start()
    shown = first_page(owner, "assist:photos", photos=upload(jpeg(), "mine.jpg"))
    url, file_id = PREVIEW.findall(shown.get_data(as_text=True))[0]

    other_client = app.test_client()
    other = Citizen(other_client, SLUG)
    other.start()
    assert other_client.get(url).status_code == 404  # not their draft
    forged = json.dumps({"id": int(file_id), "name": "mine.jpg", "size": 1, "sha256": "0" * 64, "kind": "jpeg"})
    response = first_page(other, f"remove:{file_id}", photos=forged)
    assert response.status_code == 200 and kept_names(response) == []
    assert first_page(other).status_code == 422  # the forged list was not kept
    assert kept_names(owner.get(owner.url("/pages/upload"))) == ["mine.jpg"]


def test_files_of_a_page_a_changed_answer_hid_are_let_go_at_submit(app, client, runner):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert first_page(citizen, photos=upload(jpeg(), "a.jpg"), want_extra="yes").status_code == 302
    assert citizen.post_page("extra", {"extra": upload(jpeg(), "extra.jpg")}).status_code == 302
    assert first_page(citizen, want_extra="no").status_code == 302  # the extra page no longer applies
    assert citizen.post_page("last", {}).status_code == 302
    assert "extra.jpg" not in text_of(citizen.check())
    assert citizen.submit().location.endswith("/complete")
    rows = {r[4]: r for r in stored_rows(app)}
    assert rows["a.jpg"][2] is not None
    assert rows["extra.jpg"][1] is None and rows["extra.jpg"][2] is None  # nobody's: cleanup takes it
    result = runner.invoke(args=["forms", "cleanup"])
    assert result.exit_code == 0, result.output
    assert [r[4] for r in stored_rows(app)] == ["a.jpg"]
