"""「以上の内容で申請します」 on the check page, beside 送信する: nothing is sent until it is ticked."""

from __future__ import annotations

from tests.flows.html import Page
from tests.flows.journeys import WATER, confirmation, rows
from tests.support import DECLARED, SUBMIT_TOKEN, Citizen, errors_of, fill_water, text_of

MISSING = "＊申請するには、「以上の内容で申請します」にチェックを入れてください。"


def _checked(client) -> tuple[Citizen, dict[str, str]]:
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    page = citizen.check()
    assert Page(page).find("input", type="checkbox", id="declaration", name="declaration")
    token = SUBMIT_TOKEN.search(page.get_data(as_text=True)).group(1)
    return citizen, {"csrf_token": citizen.csrf, "submit_token": token}


def test_send_without_the_declaration_shows_the_check_page_again_with_the_error_and_sends_nothing(app, client):
    citizen, form = _checked(client)
    response = client.post(f"/forms/{WATER}/submit", data=form)
    assert response.status_code == 422
    page = Page(response)
    assert page.error_summary_links() == ["#declaration"]
    assert errors_of(response) == [MISSING]
    assert page.find("input", id="declaration", **{"aria-invalid": "true", "aria-describedby": "declaration-error"})
    assert "入力内容の確認" in text_of(response) and "山田 太郎" in text_of(response)  # nothing lost
    assert rows(app, "submissions") == []
    sent = client.post(f"/forms/{WATER}/submit", data={**form, **DECLARED})
    assert confirmation(citizen, sent).reference
    assert len(rows(app, "submissions")) == 1


def test_send_with_the_declaration_ticked_is_received(app, client):
    citizen, form = _checked(client)
    assert confirmation(citizen, client.post(f"/forms/{WATER}/submit", data={**form, **DECLARED})).reference
    assert len(rows(app, "submissions")) == 1


def test_shipped_forms_ask_no_declaration_of_their_own_before_the_check_page(app):
    """The generic declaration is built in; form-specific consents (公簿の確認) stay."""
    for definition in app.extensions["formbuilder.catalogue"].listed():
        texts = [str(f.option("text") and f.option("text").get()) for f in definition.fields() if f.type == "checkbox"]
        assert not [t for t in texts if "間違いがないことを確認" in t], definition.slug
    child = app.extensions["formbuilder.catalogue"].get("child-allowance")
    assert "agree_records" in {f.name for f in child.fields()}
