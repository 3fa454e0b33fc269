"""Unsafe PDFs posted through the citizen's page: each refused by name, the worker's memory flat."""

from __future__ import annotations

import io

import pytest

from tests.conftest import FIXTURE_FORMS
from tests.support import Citizen, errors_of

from . import files
from .test_pdf_bounds import WORKER_GROWTH_MAX_MB, with_peak_rss


@pytest.fixture
def forms_dir():
    return FIXTURE_FORMS


def test_a_bomb_and_a_link_to_a_share_are_refused_by_name_and_the_page_keeps_its_answers(client):
    citizen = Citizen(client, "attachments-demo")
    citizen.start()
    bomb = files.object_stream_bomb(files.GB // 2)  # 0.5 MB, under the field's 1 MB; inflates to 512 MB
    share = files.pdf(link_action="GoToR")
    payload = {"note": "住民票の写し", "want_extra": "no"}
    payload["photos"] = [(io.BytesIO(bomb), "住民票.pdf"), (io.BytesIO(share), "明細.pdf")]
    response, growth = with_peak_rss(lambda: citizen.post_page("upload", payload, action="next"))
    assert response.status_code == 422
    assert "".join(errors_of(response)) == (  # the field's refusals, one after the other
        "＊住民票.pdf はPDFとして読み込めませんでした。"
        "＊明細.pdf にはスクリプトや埋め込みファイルが含まれているため添付できません。"
    )
    assert "住民票の写し" in response.get_data(as_text=True)
    assert growth < WORKER_GROWTH_MAX_MB, f"the worker grew by {growth:.0f} MB"
