"""The page shown when a form token expired and the draft's cookie is gone: what happened, how to go on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.flows.journeys import WATER
from tests.support import Citizen, text_of, water_answers

JA = [
    "ページの有効期限が切れました",
    "画面を開いたまま長い時間がたったか、ブラウザーに保存されていた入力中の内容（クッキー）が消えたため、送信できませんでした。",
    "お手数ですが、下のリンクからもう一度始めてください。",
]
EN_HEADING = "This page has expired"


def _cookie_gone_after_hours(app, client, lang: str | None = None):
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        citizen = Citizen(client, WATER, lang=lang)
        citizen.start()
        with app.app_context():
            from formbuilder.web.draft_cookie import cookie_name

            name = cookie_name()
        client.delete_cookie(name)
        clock.shift(timedelta(hours=9))
        return citizen.post_page("place", water_answers()["place"])


def test_expired_token_without_a_draft_says_what_happened_and_links_to_the_form(app, client):
    response = _cookie_gone_after_hours(app, client)
    assert response.status_code == 400
    text = text_of(response)
    assert all(sentence in text for sentence in JA), text
    html = response.get_data(as_text=True)
    assert f'href="/forms/{WATER}"' in html and "の申請ページへ" in text
    assert "もう一度操作してください" not in text


@pytest.mark.parametrize("lang", ["en"])
def test_expired_page_speaks_the_citizens_language(app, client, lang):
    response = _cookie_gone_after_hours(app, client, lang)
    text = text_of(response)
    assert response.status_code == 400 and EN_HEADING in text, text
    assert "ページの有効期限" not in text
