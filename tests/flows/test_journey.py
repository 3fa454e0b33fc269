"""The whole citizen journey through real HTTP requests, with JavaScript off."""

from __future__ import annotations

import pytest

from tests.support import Citizen, errors_of, fill_water, text_of

pytestmark = pytest.mark.both_databases


def test_water_form_from_start_to_reference_number(client):
    citizen = Citizen(client, "water-supply-start")
    fill_water(citizen)
    check = citizen.check()
    assert "ヤマダ タロウ" in text_of(check)
    response = citizen.submit()
    assert response.status_code == 302 and response.location.endswith("/complete")
    done = citizen.get(response.location)
    assert "申請を受け付けました" in text_of(done)


def test_bad_answer_is_explained_and_everything_typed_is_kept(client):
    citizen = Citizen(client, "water-supply-start")
    citizen.start()
    response = citizen.post_page(
        "place", {"postal_code": "12", "address": "東京都千代田区千代田1-1", "building": "ハイツ"}
    )
    assert response.status_code == 422
    assert errors_of(response) == ["＊郵便番号は7桁の数字で入力してください（例：100-0001）。"]
    html = response.get_data(as_text=True)
    assert 'value="東京都千代田区千代田1-1"' in html and 'value="12"' in html
    assert 'href="#postal_code"' in html and 'aria-invalid="true"' in html
