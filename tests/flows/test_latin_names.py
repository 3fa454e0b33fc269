"""A foreign resident's name in the Latin alphabet, one name only, through 児童手当 end to end:
the page, the check page, the receipt, the CSV, the API, and a correction after 要再申請."""

from __future__ import annotations

import csv
import io
import re

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.api.support import api_get, make_token
from tests.browser.answers import page_answers
from tests.flows.journeys import pdf_text
from tests.security.journeys import MAX_STEPS
from tests.staff.test_applicant_status import SECRET
from tests.staff.test_correction import _return, _start_correction
from tests.staff.test_submissions import REFERENCE, staff_client
from tests.support import Citizen, errors_of, text_of

SLUG = "child-allowance"
SINGLE = {
    "claimant_name-family": "NGUYEN",
    "claimant_name-given": "",
    "claimant_name-family_kana": "",
    "claimant_name-given_kana": "",
    "claimant_name-script": "latin",
}


CHILD = {"children-0-name-family": "Putri", "children-0-name-given": "", "children-0-name-script": "latin"}
CHILD.update({"children-0-name-family_kana": "", "children-0-name-given_kana": ""})


def _fill(app, citizen: Citizen, claimant: dict[str, str]) -> None:
    """Fill every page with valid answers, the claimant's name as `claimant`, a child's in ローマ字."""
    answers = page_answers(app.extensions["formbuilder.catalogue"].get(SLUG))
    answers["claimant"] = {**answers["claimant"], **claimant}
    answers["children"] = {**answers["children"], **CHILD}
    location = citizen.start().request.path
    for _ in range(MAX_STEPS):
        if location.endswith("/check"):
            return
        page_id = location.rsplit("/", 1)[1]
        response = citizen.post_page(page_id, answers[page_id])
        assert response.status_code == 302, (page_id, errors_of(response))
        location = response.location.split("?", 1)[0]
    raise AssertionError("no check page")


def _stored(app, reference: str) -> dict:
    with app.app_context():
        row = db.session.query(Submission).filter_by(reference=reference).one()
        answers = dict(row.answers)
        db.session.rollback()
    return answers


def test_a_single_latin_name_goes_through_every_output_and_a_correction(app, runner):
    citizen = Citizen(app.test_client(), SLUG)
    _fill(app, citizen, SINGLE)
    check = text_of(citizen.check())
    assert "請求者の氏名 NGUYEN " in check

    done = citizen.submit()
    complete = citizen.get(done.location).get_data(as_text=True)
    reference, secret = REFERENCE.search(complete).group(1), SECRET.search(complete).group(1)
    assert "NGUYEN" in pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data)
    stored = _stored(app, reference)
    assert stored["claimant_name"] == {"family": "NGUYEN", "script": "latin"}
    assert stored["children"][0]["name"] == {"family": "Putri", "script": "latin"}  # in a group item too

    # The CSV keeps its columns: 姓 holds the name, 名 and the readings are empty.
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    exported = staff.get(f"/staff/forms/{SLUG}/export.csv")
    header, row = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"), newline="")))[:2]
    columns = [header.index(f"請求者の氏名（{part}）") for part in ("姓", "名", "セイ", "メイ")]
    assert [row[i] for i in columns] == ["NGUYEN", "", "", ""]
    assert not any(cell == "latin" for cell in row)

    # The API gives the stored value, the way it was typed included.
    token = make_token(runner, "kodomo-kikan", "child")
    answers = api_get(app.test_client(), f"/submissions/{reference}", token).get_json()["answers"]
    assert answers["claimant_name"] == {"family": "NGUYEN", "script": "latin"}

    # 要再申請: the claimant's page comes back ticked with the name; a given name is added.
    _return(staff, reference)
    applicant = _start_correction(app, reference, secret)
    page = applicant.get(f"/forms/{SLUG}/pages/claimant?to_check=1").get_data(as_text=True)
    assert re.search(r'name="claimant_name-script" value="latin"[^>]* checked>', page), page
    assert 'name="claimant_name-family" value="NGUYEN"' in page
    corrected = applicant.post_page("claimant", {**_claimant_page(app), **SINGLE, "claimant_name-given": "VAN AN"})
    assert corrected.status_code == 302, errors_of(corrected)
    corrected_check = text_of(applicant.check())
    assert "NGUYEN VAN AN" in corrected_check and " Putri " in corrected_check
    assert applicant.submit().status_code == 302
    stored = _stored(app, reference)
    assert stored["claimant_name"] == {"family": "NGUYEN", "given": "VAN AN", "script": "latin"}
    assert stored["children"][0]["name"] == {"family": "Putri", "script": "latin"}


def _claimant_page(app) -> dict[str, str]:
    return page_answers(app.extensions["formbuilder.catalogue"].get(SLUG))["claimant"]


def test_wrong_letters_in_the_latin_alphabet_are_explained_in_the_citizens_language(app):
    citizen = Citizen(app.test_client(), SLUG, "en")
    citizen.start()
    typed = {**_claimant_page(app), **SINGLE, "claimant_name-family": "阮", "claimant_name-given": "VAN 2"}
    response = citizen.post_page("claimant", typed)
    assert response.status_code == 422
    assert errors_of(response)[0] == (
        "＊Please enter Applicant's name: Family name in Latin letters (A to Z)."
        "＊Please enter Applicant's name: Given name in Latin letters (A to Z)."
    )
    html = response.get_data(as_text=True)
    assert re.search(r'name="claimant_name-script" value="latin"[^>]* checked>', html)
    assert 'value="阮"' in html and 'value="VAN 2"' in html  # nothing typed is lost
    # Unticked, the same boxes are the usual 姓・名 again: 阮 is a fine 姓, the readings are needed.
    response = citizen.post_page("claimant", {**typed, "claimant_name-script": ""})
    assert errors_of(response) == [
        "＊Please enter Applicant's name: Family name in katakana.＊Please enter Applicant's name: Given name in katakana."
    ]
