"""Draft and live versions (issue 22, item 3): staff try a draft version, citizens keep the live one,
and a citizen mid-way when it is published finishes on the version they began."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from formbuilder.definitions.catalogue import load_catalogue
from formbuilder.preview import load
from tests.preview.forms import SLUG, definition, write_form
from tests.staff.test_sign_in import create, enrol
from tests.support import Citizen, text_of

BANNER = "作成中の申請フォームの確認用の画面です。"
NEW_TITLE = {"ja": "新しいプレビュー確認の届出", "en": "New preview check notice"}


def version_two() -> dict:
    """The next version: a new title and a new required field on the one page."""
    raw = definition(NEW_TITLE, version="2")
    raw["pages"][0]["fields"].append(
        {
            "name": "phone",
            "type": "text",
            "required": True,
            "max_length": 20,
            "label": {"ja": "電話番号", "en": "Phone"},
        }
    )
    return raw


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "site" / "forms"
    write_form(folder)
    write_form(folder / "drafts", version_two())
    return folder


def _staff(app, runner):
    client = app.test_client()
    enrol(client, "author", create(runner, "author", "admin"))
    return client


def _restart(app) -> None:
    """What restarting the service does: read the definitions folder again."""
    with app.app_context():
        load(app, load_catalogue(Path(app.config["FORM_DEFINITIONS_DIR"])))


def _submissions(app) -> list[tuple[str, str]]:
    from formbuilder.extensions import db
    from formbuilder.storage.models import Submission

    with app.app_context():
        return [(s.form_version, s.form_slug) for s in db.session.scalars(select(Submission).order_by(Submission.id))]


def test_citizens_get_the_live_version_and_404_for_the_draft(client):
    live = client.get(f"/forms/{SLUG}")
    assert live.status_code == 200 and "プレビュー確認の届出" in text_of(live) and BANNER not in text_of(live)
    assert client.get(f"/forms/{SLUG}?version=draft").status_code == 404


def test_staff_open_the_draft_version_with_the_banner_and_cannot_send_it(app, runner):
    staff = _staff(app, runner)
    citizen = Citizen(staff, SLUG)
    shown = citizen.get(f"/forms/{SLUG}?version=draft")
    assert shown.status_code == 200 and "新しいプレビュー確認の届出" in text_of(shown) and BANNER in text_of(shown)
    page = citizen.client.get(citizen.client.post(f"/forms/{SLUG}/start", data={"csrf_token": citizen.csrf}).location)
    citizen._remember(page)
    assert "電話番号" in text_of(page) and BANNER in text_of(page)  # the draft version's page, with the banner
    assert citizen.post_page("name", {"full_name": "見本 太郎", "phone": "000-0000-0000"}).status_code == 302
    checked = citizen.check()
    assert BANNER in text_of(checked) and "000-0000-0000" in text_of(checked)
    refused = citizen.submit()
    assert refused.status_code == 403 and "プレビューのため、送信できません。" in text_of(refused)
    assert _submissions(app) == []
    # Citizens' pages stay on the live version meanwhile, without the banner.
    other = Citizen(app.test_client(), SLUG).start()
    assert "電話番号" not in text_of(other) and BANNER not in text_of(other)


def test_a_citizens_draft_of_the_draft_version_is_refused_once_signed_out(app, runner):
    staff = _staff(app, runner)
    citizen = Citizen(staff, SLUG)
    citizen.get(f"/forms/{SLUG}?version=draft")
    staff.post(f"/forms/{SLUG}/start", data={"csrf_token": citizen.csrf})
    assert staff.get(f"/forms/{SLUG}/pages/name").status_code == 200
    with staff.session_transaction() as session:
        session.pop("_user_id", None)  # signed out, the draft's cookie still in the browser
    assert staff.get(f"/forms/{SLUG}/pages/name").status_code == 404


def test_publishing_while_a_citizen_is_mid_way_lets_them_finish_on_the_version_they_began(app, runner):
    citizen = Citizen(app.test_client(), SLUG)
    citizen.start()
    assert citizen.post_page("name", {"full_name": "途中 花子"}).status_code == 302
    result = runner.invoke(args=["forms", "publish", SLUG])
    assert result.exit_code == 0, result.output
    _restart(app)
    assert "新しいプレビュー確認の届出" in text_of(app.test_client().get(f"/forms/{SLUG}"))  # now live
    checked = citizen.check()
    assert checked.status_code == 200 and "途中 花子" in text_of(checked) and "電話番号" not in text_of(checked)
    assert citizen.submit().status_code == 302
    newcomer = Citizen(app.test_client(), SLUG)
    assert "電話番号" in text_of(newcomer.start())
    newcomer.post_page("name", {"full_name": "新規 一郎", "phone": "000"})
    assert newcomer.submit().status_code == 302
    assert _submissions(app) == [("1", SLUG), ("2", SLUG)]


def test_publish_moves_the_draft_and_its_catalogue_over_the_live_ones(runner, forms_dir):
    draft_po = forms_dir / "translations" / "forms" / SLUG / "en.po"
    assert draft_po.is_file()
    assert runner.invoke(args=["forms", "publish", SLUG]).exit_code == 0
    assert not (forms_dir / "drafts" / f"{SLUG}.json").exists() and not draft_po.exists()
    assert '"version": "2"' in (forms_dir / f"{SLUG}.json").read_text(encoding="utf-8")
    live_po = forms_dir.parent / "translations" / "forms" / SLUG / "en.po"
    assert "New preview check notice" in live_po.read_text(encoding="utf-8")
    again = runner.invoke(args=["forms", "publish", SLUG])
    assert again.exit_code != 0 and "no draft version" in again.output


def test_a_broken_draft_is_not_published(runner, forms_dir):
    path = forms_dir / "drafts" / f"{SLUG}.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"version"', '"versio"'), encoding="utf-8")
    result = runner.invoke(args=["forms", "publish", SLUG])
    assert result.exit_code != 0 and path.exists()
    assert '"version": "1"' in (forms_dir / f"{SLUG}.json").read_text(encoding="utf-8")


def test_forms_check_reads_the_draft_versions_too(runner, forms_dir):
    assert runner.invoke(args=["forms", "check"]).exit_code == 0
    path = forms_dir / "drafts" / f"{SLUG}.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"version"', '"versio"'), encoding="utf-8")
    result = runner.invoke(args=["forms", "check"])
    assert result.exit_code == 1 and f"drafts/{SLUG}.json" in result.output
