"""`flask forms preview`: an app of its own for authors (issue 22, item 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from formbuilder.preview import create_preview_app, preview_folder, reload_if_changed
from tests.preview.forms import SLUG, write_form
from tests.support import Citizen, text_of

BANNER = "作成中の申請フォームの確認用の画面です。"


@pytest.fixture
def forms(tmp_path) -> Path:
    folder = tmp_path / "site" / "forms"
    write_form(folder)
    return folder


@pytest.fixture
def preview(forms):
    with preview_folder() as folder:
        app = create_preview_app(forms, folder, "http://127.0.0.1:5001")
        yield app
        with app.app_context():
            from formbuilder.extensions import db

            db.engine.dispose()


def _submit(client) -> object:
    citizen = Citizen(client, SLUG)
    citizen.start()
    response = citizen.post_page("name", {"full_name": "見本 太郎"})
    assert response.status_code == 302, text_of(response)[:300]
    return citizen.submit()


def _count(app, model) -> int:
    from formbuilder.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _touch(path: Path, text: str) -> None:
    """Write `text` and move the modification time on (two writes within one clock tick look alike)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_preview_app_has_its_own_database_and_cookies_that_work_over_http(preview):
    config = preview.config
    assert config["PREVIEW"] and not config["COOKIE_SECURE"] and not config["SESSION_COOKIE_SECURE"]
    assert config["RATELIMIT_STORAGE_URI"] == "memory://" and config["ATTACHMENT_STORE"] == "disk"
    assert (
        config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
        and "formbuilder-preview-" in (config["SQLALCHEMY_DATABASE_URI"])
    )
    client = preview.test_client()
    response = client.get(f"/forms/{SLUG}", base_url="http://127.0.0.1:5001")
    assert all("Secure" not in cookie for cookie in response.headers.getlist("Set-Cookie"))
    started = Citizen(client, SLUG).start()  # 申請を始める: migrations applied, cookies kept
    assert "氏名" in text_of(started)


def test_every_preview_page_shows_the_banner_in_the_citizens_language(preview, app):
    client = preview.test_client()
    for path in ("/", f"/forms/{SLUG}", "/accessibility", "/no-such-page"):
        html = client.get(path).get_data(as_text=True)
        assert 'class="preview-banner" role="region"' in html and BANNER in html, path
    assert BANNER not in app.test_client().get("/").get_data(as_text=True)
    english = text_of(client.get(f"/forms/{SLUG}?lang=en"))
    assert "Preview check notice" in english


def test_preview_submissions_never_reach_the_real_database(preview, app):
    from formbuilder.storage.models import Draft, Submission

    response = _submit(preview.test_client())
    assert response.status_code == 302, text_of(response)[:300]
    assert _count(preview, Submission) == 1
    assert _count(app, Submission) == 0 and _count(app, Draft) == 0
    assert preview.config["SQLALCHEMY_DATABASE_URI"] != app.config["SQLALCHEMY_DATABASE_URI"]


def test_the_preview_receipt_is_marked_as_a_sample(preview, app):
    from tests.flows.journeys import pdf_text

    client = preview.test_client()
    _submit(client)
    pdf = client.get(f"/forms/{SLUG}/complete/receipt.pdf")
    assert pdf.status_code == 200 and "見本（プレビュー）" in pdf_text(pdf.data)


def test_preview_data_is_deleted_with_the_preview(forms):
    with preview_folder() as folder:
        app = create_preview_app(forms, folder, "http://127.0.0.1:5001")
        _submit(app.test_client())
        assert (folder / "preview.sqlite3").is_file()
        with app.app_context():
            from formbuilder.extensions import db

            db.engine.dispose()
    assert not folder.exists()


def test_an_edited_definition_is_served_at_the_next_request(preview, forms):
    client = preview.test_client()
    assert "プレビュー確認の届出" in text_of(client.get(f"/forms/{SLUG}"))
    path = forms / f"{SLUG}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["title"] = "書き直した届出"
    _touch(path, json.dumps(raw, ensure_ascii=False))
    assert "書き直した届出" in text_of(client.get(f"/forms/{SLUG}"))
    assert not reload_if_changed(preview)  # nothing changed since: nothing read again


def test_an_edited_catalogue_is_served_at_the_next_request(preview, forms):
    client = preview.test_client()
    assert "Preview check notice" in text_of(client.get(f"/forms/{SLUG}?lang=en"))
    po = forms.parent / "translations" / "forms" / SLUG / "en.po"
    _touch(po, po.read_text(encoding="utf-8").replace("Preview check notice", "Notice to check the preview"))
    assert "Notice to check the preview" in text_of(client.get(f"/forms/{SLUG}?lang=en"))


def test_the_real_app_does_not_read_definitions_again(app, forms_dir, tmp_path):
    assert app.config.get("PREVIEW") is None
    assert not any(f.__name__ == "_reload" for f in app.before_request_funcs.get(None, []))


def test_a_broken_edit_takes_the_form_away_and_a_fix_brings_it_back(preview, forms):
    client = preview.test_client()
    path = forms / f"{SLUG}.json"
    good = path.read_text(encoding="utf-8")
    _touch(path, good.replace('"version"', '"versio"'))
    assert client.get(f"/forms/{SLUG}").status_code == 404
    assert preview.extensions["formbuilder.catalogue"].problems
    _touch(path, good)
    assert client.get(f"/forms/{SLUG}").status_code == 200


def test_preview_command_refuses_an_unknown_form(runner):
    result = runner.invoke(args=["forms", "preview", "no-such-form"])
    assert result.exit_code != 0 and "no definition 'no-such-form'" in result.output


def test_an_author_mid_way_sees_an_edit_of_the_page_they_are_on(preview, forms):
    client = preview.test_client()
    Citizen(client, SLUG).start()
    path = forms / f"{SLUG}.json"
    _touch(path, path.read_text(encoding="utf-8").replace('"label": "氏名"', '"label": "お名前（全角）"'))
    assert "お名前（全角）" in text_of(client.get(f"/forms/{SLUG}/pages/name"))
