"""The procedure library's 介護 forms (procedures.md B5, B6): each walked to its receipt and CSV."""

from __future__ import annotations

import csv
import io

import pytest

from formbuilder.definitions.loader import load_file
from formbuilder.exports.csv import ExportOptions, iter_csv
from formbuilder.i18n import LANGUAGE_CODES
from tests.browser.answers import page_answers
from tests.conftest import SHIPPED_FORMS
from tests.flows.journeys import pdf_text
from tests.support import Citizen, errors_of, text_of

SLUGS = ["care-insurance-card-reissue", "care-burden-ratio-card-reissue"]
# The reason that is no reissue, the exit it leads to, and words of that exit page.
EXITS = {
    "care-insurance-card-reissue": ("changed", "details-changed", "介護保険課の窓口"),
    "care-burden-ratio-card-reissue": ("ratio", "ratio-changed", "申請しなくても、市から新しい負担割合証を送ります"),
}
NUMBER = "０ー０１２３４５６７８"  # typed full-width with a hyphen; kept as 0012345678, leading zeros and all
AGENT = {
    "agent_name-family": "介護",
    "agent_name-given": "次郎",
    "agent_name-family_kana": "かいご",
    "agent_name-given_kana": "ジロウ",
    "agent_relation": "relative",
}


def answers(slug: str, **changes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Valid answers for every page, from the definition itself, with `changes` by page id."""
    found = page_answers(load_file(SHIPPED_FORMS / f"{slug}.json").definition)
    found["insured"]["insured_number"] = NUMBER
    for page_id, typed in changes.items():
        found[page_id] = {**found[page_id], **typed}
    return found


def fill(citizen: Citizen, pages: dict[str, dict[str, str]]) -> None:
    citizen.start()
    for page_id, typed in pages.items():
        response = citizen.post_page(page_id, typed)
        assert response.status_code == 302, (page_id, errors_of(response))


@pytest.mark.parametrize("slug", SLUGS)
def test_the_definition_is_clean_complete_and_handled_by_kaigo(slug):
    result = load_file(SHIPPED_FORMS / f"{slug}.json")
    assert result.problems == [] and result.translation_problems == []
    definition = result.definition
    assert definition.department == "kaigo" and definition.languages == LANGUAGE_CODES
    assert definition.life_events == ("kaigo",)
    number = next(f for f in definition.fields() if f.name == "insured_number")
    assert number.type == "digits" and number.option("length") == 10


@pytest.mark.parametrize("slug", SLUGS)
def test_an_agent_applies_and_the_receipt_and_csv_keep_the_number_with_its_zeros(client, app, slug):
    citizen = Citizen(client, slug)
    pages = answers(slug, applicant={"applicant": "agent"}, agent=AGENT)
    pages["receive"] |= {"receive": "mail", "mail_to": "agent"}
    fill(citizen, pages)
    check = text_of(citizen.check())
    for shown in ("代理人（家族など）", "介護 次郎", "別の世帯の親族", "0012345678", "代理人の住所", "委任状"):
        assert shown in check, shown

    done = citizen.submit()
    assert done.status_code == 302 and done.location.endswith("/complete")
    receipt = pdf_text(citizen.get(f"/forms/{slug}/complete/receipt.pdf").data).replace("\n", "")
    for shown in ("介護 次郎", "0012345678", "介護保険課"):
        assert shown in receipt, shown

    with app.app_context():
        definition = app.extensions["formbuilder.catalogue"].get(slug)
        exported = b"".join(iter_csv(definition, ExportOptions(), [])).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(exported, newline="")))
    cells = dict(zip(header, row, strict=True))
    assert cells["被保険者番号"] == "0012345678"
    assert cells["申請する方"] == "agent" and cells["被保険者との関係"] == "relative"
    assert cells["代理人の氏名（名）"] == "次郎" and cells["代理人の氏名（メイ）"] == "ジロウ"
    assert cells["送付先"] == "agent"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_insured_person_applying_alone_skips_the_agent_and_cannot_post_to_an_agent(client, slug):
    citizen = Citizen(client, slug)
    pages = answers(slug)
    del pages["agent"]
    citizen.start()
    assert citizen.post_page("applicant", pages["applicant"]).location.endswith("/pages/insured")
    for page_id in ("insured", "reason"):
        assert citizen.post_page(page_id, pages[page_id]).status_code == 302, page_id
    refused = citizen.post_page("receive", {"receive": "mail", "mail_to": "agent"})
    assert refused.status_code == 422
    assert errors_of(refused) == [
        "＊代理人の住所に送るのは、代理人が申請する場合だけです。被保険者の住所を選んでください。"
    ]
    assert citizen.post_page("receive", {"receive": "counter"}).location.endswith("/check")  # nothing to attach


@pytest.mark.parametrize("slug", SLUGS)
def test_a_reason_that_needs_no_reissue_leaves_with_what_to_do_instead(client, slug):
    reason, exit_id, words = EXITS[slug]
    citizen = Citizen(client, slug)
    pages = answers(slug)
    citizen.start()
    for page_id in ("applicant", "insured"):
        assert citizen.post_page(page_id, pages[page_id]).status_code == 302, page_id
    response = citizen.post_page("reason", {"reason": reason})
    assert response.status_code == 302 and response.location.endswith(f"/exit/{exit_id}")
    assert words in text_of(citizen.get(response.location))


@pytest.mark.parametrize(("slug", "required"), [(SLUGS[0], False), (SLUGS[1], True)])
def test_the_number_is_required_only_where_the_insurance_card_is_at_hand(client, slug, required):
    """A lost 被保険者証 may leave its number unknown; a 負担割合証 is asked for with the 被保険者証 in hand."""
    citizen = Citizen(client, slug)
    pages = answers(slug)
    citizen.start()
    assert citizen.post_page("applicant", pages["applicant"]).status_code == 302
    response = citizen.post_page("insured", {**pages["insured"], "insured_number": ""})
    assert (response.status_code == 422) is required, errors_of(response)
    short = citizen.post_page("insured", {**pages["insured"], "insured_number": "123456789"})
    assert short.status_code == 422 and len(errors_of(short)) == 1


@pytest.mark.parametrize("slug", SLUGS)
def test_someone_under_40_is_no_insured_person(client, slug):
    citizen = Citizen(client, slug)
    pages = answers(slug)
    citizen.start()
    assert citizen.post_page("applicant", pages["applicant"]).status_code == 302
    young = {**pages["insured"], "insured_birth-era": "western", "insured_birth-year": "2000"}
    response = citizen.post_page("insured", young)
    assert errors_of(response) == ["＊介護保険の被保険者は40歳以上の方です。生年月日を確かめてください。"]
