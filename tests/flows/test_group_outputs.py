"""A repeating group in every output: CSV (wide and long), the API, and a correction after 要再申請."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from formbuilder.extensions import db
from formbuilder.storage.models import Submission
from tests.api.support import api_get, make_token
from tests.flows.html import Page
from tests.flows.journeys import confirmation
from tests.staff.test_applicant_status import look_up
from tests.staff.test_sign_in import post
from tests.staff.test_submissions import staff_client
from tests.support import CSRF, Citizen, errors_of, text_of

GROUPS = Path(__file__).resolve().parent.parent / "fixtures" / "groups"
SLUG = "group-demo"
CHILDREN = [
    {"name": "一郎", "care": "no"},
    {"name": "=二郎", "care": "yes", "care_note": "食事"},
    {"name": "三郎", "care": "no"},
]


@pytest.fixture
def forms_dir() -> Path:
    return GROUPS


def _typed(children: list[dict]) -> dict[str, str]:
    typed = {"children": str(len(children)), "note": "備考"}
    for index, child in enumerate(children):
        typed.update({f"children-{index}-{key}": value for key, value in child.items()})
    return typed


def _submit(client, children: list[dict] = CHILDREN):
    citizen = Citizen(client, SLUG)
    citizen.start()
    assert citizen.post_page("household", {"separate": "no"}).status_code == 302
    response = citizen.post_page("children", _typed(children))
    assert response.status_code == 302, errors_of(response)
    return confirmation(citizen, citizen.submit())


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _answers(app, reference: str) -> dict:
    with app.app_context():
        row = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        return dict(row.answers)


def test_the_csv_has_numbered_columns_up_to_max_and_the_long_csv_a_row_per_item(app, client, runner, tmp_path):
    first = _submit(client)
    second = _submit(app.test_client(), CHILDREN[:1])
    wide = tmp_path / "wide.csv"
    assert runner.invoke(args=["forms", "export", SLUG, "--out", str(wide)]).exit_code == 0
    header, *rows = _read(wide)
    columns = ["氏名", "介護が必要ですか", "介護の内容", "お子さんの住所"]
    assert header[4:] == [f"子{n} {c}" for n in (1, 2, 3) for c in columns] + ["備考"]
    by_reference = {row[0]: row for row in rows}
    assert by_reference[first.reference][4:] == [
        *["一郎", "no", "", ""],
        *["'=二郎", "yes", "食事", ""],
        *["三郎", "no", "", ""],
        "備考",
    ]
    assert by_reference[second.reference][4:] == ["一郎", "no", "", "", *[""] * 8, "備考"]

    long = tmp_path / "long.csv"
    result = runner.invoke(args=["forms", "export", SLUG, "--groups", "long", "--out", str(long)])
    assert result.exit_code == 0, result.output
    header, *rows = _read(long)
    assert header == ["受付番号", "受付日時", "状況", "項目", "番号", *columns]
    assert sorted((row[0], row[4], row[5]) for row in rows) == sorted(
        [
            (first.reference, "1", "一郎"),
            (first.reference, "2", "'=二郎"),
            (first.reference, "3", "三郎"),
            (second.reference, "1", "一郎"),
        ]
    )
    assert all(row[3] == "お子さん" and row[2] == "received" for row in rows)
    assert runner.invoke(args=["forms", "export", SLUG, "--groups", "tall", "--out", str(long)]).exit_code != 0


def test_the_api_returns_a_group_as_an_array_of_items(app, client, runner):
    done = _submit(client)
    token = make_token(runner, "kikan", "test")
    response = api_get(app.test_client(), f"/submissions/{done.reference}", token)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["answers"]["children"] == CHILDREN


@pytest.mark.both_databases
def test_a_correction_after_return_gives_every_item_back_and_round_trips_exactly(app, client, runner):
    done = _submit(client)
    before = _answers(app, done.reference)
    staff = staff_client(app, runner, "kakari", "staff", "test")
    detail = text_of(staff.get(f"/staff/submissions/{done.reference}"))
    assert "お子さん 1人目 氏名 一郎" in detail and "お子さん 3人目 氏名 三郎" in detail  # the back office lists items
    returned = post(
        staff, f"/staff/submissions/{done.reference}/status", seen="received", to="returned", comment="確認"
    )
    assert returned.status_code == 302

    applicant = app.test_client()
    look_up(applicant, done.reference, done.secret)
    token = CSRF.search(applicant.get("/status/view").get_data(as_text=True)).group(1)
    opened = applicant.post("/status/correct", data={"csrf_token": token})
    assert opened.location.endswith(f"/forms/{SLUG}/check"), opened.location
    citizen = Citizen(applicant, SLUG)
    check = text_of(citizen.check())
    assert "お子さん 3人目 氏名 三郎" in check and "介護の内容 食事" in check

    page = Page(citizen.get(citizen.url("/pages/children?to_check=1")))
    assert page.value("children") == "3"
    assert [page.value(f"children-{i}-name") for i in range(3)] == ["一郎", "=二郎", "三郎"]
    assert page.value("children-1-care") == "yes" and page.value("children-1-care_note") == "食事"
    resent = citizen.post_page("children", {**page.form_data(), "to_check": "1"})
    assert resent.status_code == 302 and resent.location.endswith("/check"), errors_of(resent)
    assert citizen.submit().status_code == 302
    assert _answers(app, done.reference) == before
