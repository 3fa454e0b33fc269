"""Per-address limits on new drafts and on page posts with files: one address cannot fill the disk.

Over the limit a citizen sees why in their language, with Retry-After; what they typed on
the page is kept, and no file of the refused post is stored.
"""

from __future__ import annotations

import io

import pytest

from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen, text_of

from ..attachments.files import jpeg
from .test_rate_limits import WAIT

FILES = "短い時間に多くのファイルが送られたため、ファイルを受け付けられませんでした"


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


@pytest.fixture
def config_overrides() -> dict:
    return {"RATELIMIT_DRAFT_START": "2 per minute", "RATELIMIT_UPLOAD": "2 per minute"}


def _stored_files(app) -> int:
    from formbuilder.extensions import db
    from formbuilder.storage.attachment_models import Attachment

    with app.app_context():
        return db.session.query(Attachment).count()


def test_starting_drafts_over_the_limit_says_wait_and_keeps_nothing_half_made(client):
    citizen = Citizen(client, "attachments-demo")
    citizen.start()
    citizen.start()
    citizen.get(citizen.url(""))
    refused = client.post(citizen.url("/start"), data={"csrf_token": citizen.csrf, "restart": "1"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert WAIT in text_of(refused)


def test_posting_files_over_the_limit_keeps_the_typed_answers_and_stores_no_file(app, client):
    citizen = Citizen(client, "attachments-demo")
    citizen.start()
    for n in range(2):
        sent = citizen.post_page(
            "upload", {"note": f"写し{n}", "want_extra": "no", "photos": (io.BytesIO(jpeg()), "a.jpg")}
        )
        assert sent.status_code in (200, 302), sent.status_code
    before = _stored_files(app)
    refused = citizen.post_page(
        "upload", {"note": "住民票の写し（三回目）", "want_extra": "no", "photos": (io.BytesIO(jpeg()), "b.jpg")}
    )
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    page = refused.get_data(as_text=True)
    assert FILES in text_of(refused)
    assert "住民票の写し（三回目）" in page  # what was typed is kept
    assert _stored_files(app) == before
    # A post without a file is not limited: the citizen can still go on.
    assert citizen.post_page("upload", {"note": "住民票の写し", "want_extra": "no"}).status_code in (200, 302)


def test_the_limits_default_to_generous_values_per_address(tmp_path, database_url, forms_dir):
    from formbuilder import create_app
    from tests.conftest import base_config

    config = base_config(tmp_path, forms_dir, database_url)
    for key in ("RATELIMIT_DRAFT_START", "RATELIMIT_UPLOAD"):
        config.pop(key)
    app = create_app(config)
    assert app.config["RATELIMIT_DRAFT_START"] == "60 per 10 minutes;300 per day"
    assert app.config["RATELIMIT_UPLOAD"] == "60 per 10 minutes;300 per day"
