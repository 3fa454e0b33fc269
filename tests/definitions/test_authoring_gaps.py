"""Small gaps for form authors (issue 22, item 6): retention in years, 申請日 defaulting to today,
CSV headers that say whose name it is, lint hints that point the right way, docs for authors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from formbuilder.definitions.loader import load_data
from formbuilder.fields.date import today
from tests.support import Citizen, errors_of

DOCS = Path(__file__).resolve().parents[2] / "docs"


def definition(*fields: dict, **top) -> dict:
    return {
        "slug": "gaps",
        "version": "1",
        "title": "テスト",
        "department": "test",
        **top,
        "pages": [{"id": "page", "title": "テスト", "fields": list(fields)}],
    }


def problems(raw: dict) -> list[tuple[str, str]]:
    return [(p.pointer, p.message) for p in load_data(raw).problems]


TEXT = {"name": "memo", "type": "text", "label": "メモ", "max_length": 20}


def test_retention_in_years_covers_every_leap_day():
    assert load_data(definition(TEXT, retention_years=5)).definition.retention_days == 1827
    assert load_data(definition(TEXT, retention_years=1)).definition.retention_days == 366
    assert problems(definition(TEXT, retention_years=5, retention_days=1825)) == [
        ("/retention_years", "give retention_days or retention_years, not both")
    ]


def test_not_equals_is_sent_to_not_equals_rather_than_to_its_opposite():
    rule = {"field": "usage", "not_equals": "business"}
    usage = {"name": "usage", "type": "radio", "label": "用途", "choices": [{"value": "business", "label": "事業"}]}
    raw = definition(usage, {**TEXT, "when": rule})
    raw["pages"].insert(0, {"id": "first", "title": "用途", "fields": [usage]})
    raw["pages"][1]["fields"] = [{**TEXT, "when": rule}]
    found = problems(raw)
    assert found == [
        (
            "/pages/1/fields/0/when/not_equals",
            "'not_equals' is not a rule operator: to say 'is not', put the condition inside not: "
            '{"not": {"field": "usage", "equals": …}} (\'equals\' alone would mean the opposite)',
        )
    ], found


def test_min_choices_is_sent_to_required_not_to_max_choices():
    boxes = {"name": "items", "type": "checkboxes", "label": "品目", "min_choices": 1}
    boxes["choices"] = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    [(pointer, message)] = problems(definition(boxes))
    assert pointer == "/pages/0/fields/0/min_choices"
    assert 'write "required": true' in message and "at least one" in message
    assert "did you mean 'max_choices'" not in message


@pytest.mark.parametrize(
    ("pattern", "words"),
    [("[0-9", "a [ has no ] to close it"), ("+81", "must follow what it repeats"), ("0-9)", "a ) has no (")],
)
def test_a_broken_pattern_is_explained_in_plain_words(pattern, words):
    [(pointer, message)] = problems(definition({**TEXT, "pattern": pattern}))
    assert pointer == "/pages/0/fields/0/pattern" and words in message and "at character" in message


APPLICATION = {
    "slug": "gaps",
    "version": "1",
    "title": "申請日と氏名のテスト",
    "department": "test",
    "pages": [
        {
            "id": "insured",
            "title": "被保険者",
            "fields": [
                {"name": "applied_on", "type": "date", "label": "申請日", "required": True, "default": "today"},
                {"name": "insured_name", "type": "name", "label": "氏名", "required": True, "kana": False},
            ],
        },
        {
            "id": "applicant",
            "title": "申請者",
            "fields": [{"name": "applicant_name", "type": "name", "label": "氏名", "required": True, "kana": False}],
        },
    ],
}


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "gaps.json").write_text(json.dumps(APPLICATION, ensure_ascii=False), encoding="utf-8")
    return folder


def _value(html: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


def test_an_application_date_starts_at_today_and_a_cleared_one_stays_empty(client):
    citizen = Citizen(client, "gaps")
    html = citizen.start().get_data(as_text=True)  # the first page, shown the first time
    day = today()
    assert [_value(html, f"applied_on-{p}") for p in ("year", "month", "day")] == [
        str(day.year),
        str(day.month),
        str(day.day),
    ]
    cleared = {"applied_on-year": "", "applied_on-month": "", "applied_on-day": ""}
    refused = citizen.post_page("insured", {**cleared, "insured_name-family": "山田", "insured_name-given": "花子"})
    assert errors_of(refused) == ["＊申請日を入力してください。"]


def test_two_names_in_the_csv_say_whose_they_are(app, client, runner, tmp_path):
    citizen = Citizen(client, "gaps")
    citizen.start()
    day = today()
    posted = {"applied_on-year": str(day.year), "applied_on-month": str(day.month), "applied_on-day": str(day.day)}
    names = {"insured_name-family": "山田", "insured_name-given": "花子"}
    assert citizen.post_page("insured", {**posted, **names}).status_code == 302
    applicant = {"applicant_name-family": "山田", "applicant_name-given": "太郎"}
    assert citizen.post_page("applicant", applicant).status_code == 302
    assert citizen.submit().status_code == 302
    out = tmp_path / "gaps.csv"
    assert runner.invoke(args=["forms", "export", "gaps", "--out", str(out)]).exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(row)[:3] == ["受付番号", "受付日時", "状況"]
    assert row["申請日"] == day.isoformat()
    assert row["被保険者 氏名（姓）"] == "山田" and row["被保険者 氏名（名）"] == "花子"
    assert row["申請者 氏名（姓）"] == "山田" and row["申請者 氏名（名）"] == "太郎"


AUTHOR_DOCS = [DOCS / "form-definitions.md", *sorted(DOCS.glob("field-types-*.md"))]


def test_the_authors_guide_never_sends_them_into_the_tests():
    for path in AUTHOR_DOCS:
        assert "tests/" not in path.read_text(encoding="utf-8"), path.name


def test_the_guide_documents_the_csv_columns_and_required_checkboxes():
    guide = (DOCS / "form-definitions.md").read_text(encoding="utf-8")
    assert "## The CSV export" in guide and "受付番号, 受付日時" in guide and "「被保険者 氏名（姓）」" in guide
    checkboxes = guide.split("### `checkboxes`", 1)[1].split("\n### ", 1)[0]
    assert "**at least one**" in checkboxes
