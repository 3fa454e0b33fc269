"""Departments (`_departments.json`): names and contacts where a form's department shows, and
`forms check` refusing a code the file does not list (issue 22, item 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from formbuilder.definitions.catalogue import load_catalogue
from tests.conftest import SHIPPED_FORMS, shipped_raw
from tests.flows.journeys import pdf_text
from tests.staff.test_submissions import staff_client
from tests.support import Citizen, fill_water, text_of

SLUG = "water-supply-start"


@pytest.fixture
def forms_dir(tmp_path) -> Path:
    """The water form without its own contact line, beside the shipped departments file."""
    folder = tmp_path / "forms"
    folder.mkdir()
    raw = shipped_raw(SLUG)
    del raw["contact"]
    (folder / f"{SLUG}.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    shutil.copy(SHIPPED_FORMS / "_departments.json", folder / "_departments.json")
    return folder


def test_every_shipped_form_names_a_listed_department():
    catalogue = load_catalogue(SHIPPED_FORMS)
    assert not catalogue.problems
    for definition in catalogue.listed():
        assert catalogue.departments.get(definition.department), definition.slug


def test_forms_check_refuses_an_unknown_department_and_lists_the_known_ones(runner, forms_dir):
    path = forms_dir / f"{SLUG}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**raw, "department": "suido"}, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["forms", "check", str(forms_dir)])
    assert result.exit_code == 1
    listed = json.loads((forms_dir / "_departments.json").read_text(encoding="utf-8"))["departments"]
    known = ", ".join(f"{d['code']} ({d['name']['ja']})" for d in sorted(listed, key=lambda d: d["code"]))
    assert "child (子育て支援課), environment (環境部 ごみ減量推進課)" in known and "water (上下水道局)" in known
    assert f"{path}: /department: department 'suido' is not in _departments.json; known codes: {known}" in result.output
    assert load_catalogue(forms_dir).get(SLUG) is None  # nor served: no staff would see its applications


def test_a_draft_version_answers_to_the_departments_of_its_folder(runner, forms_dir):
    drafts = forms_dir / "drafts"
    drafts.mkdir()
    raw = json.loads((forms_dir / f"{SLUG}.json").read_text(encoding="utf-8"))
    (drafts / f"{SLUG}.json").write_text(json.dumps({**raw, "department": "suido"}), encoding="utf-8")
    result = runner.invoke(args=["forms", "check", str(drafts / f"{SLUG}.json")])
    assert result.exit_code == 1 and "department 'suido' is not in _departments.json" in result.output


def test_forms_check_reports_a_broken_departments_file(runner, forms_dir):
    (forms_dir / "_departments.json").write_text(
        json.dumps({"departments": [{"code": "water", "name": "上下水道局", "phone": "水道の電話"}]}), encoding="utf-8"
    )
    result = runner.invoke(args=["forms", "check", str(forms_dir)])
    assert result.exit_code == 1
    assert f"{forms_dir / '_departments.json'}: /departments/0/phone:" in result.output


def test_the_start_page_names_the_department_and_whom_to_ask(client):
    page = client.get(f"/forms/{SLUG}")
    html = page.get_data(as_text=True)
    assert "上下水道局" in text_of(page) and "お客さまセンター" in text_of(page)
    assert '<a class="tel" href="tel:0000000000">000-000-0000</a>' in html
    assert "受付時間 平日 8:30〜17:15" in text_of(page)
    english = text_of(client.get(f"/forms/{SLUG}?lang=en"))
    assert "Waterworks and Sewerage Bureau" in english and "Weekdays 8:30–17:15" in english


def test_without_its_own_contact_a_form_sends_applicants_to_its_department(client):
    citizen = Citizen(client, SLUG)
    fill_water(citizen)
    sent = citizen.submit()
    html = citizen.get(sent.location).get_data(as_text=True)
    section = html[html.index('class="next-steps"') : html.index("</section>", html.index('class="next-steps"'))]
    assert "上下水道局" in section and "お客さまセンター" in section and 'href="tel:0000000000"' in section
    assert "テスト市役所" not in section  # not the city's switchboard
    receipt = pdf_text(client.get(f"/forms/{SLUG}/complete/receipt.pdf").data)
    assert "上下水道局" in receipt and "000-000-0000" in receipt and "8:30" in receipt


def test_staff_pages_name_the_department(app, runner):
    staff = staff_client(app, runner, "suido", "staff", "water")
    assert "上下水道局" in text_of(staff.get("/staff/"))
    assert "担当課：上下水道局" in text_of(staff.get(f"/staff/forms/{SLUG}/submissions"))
