"""`flask forms check`: every broken definition is reported at its JSON pointer in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formbuilder.definitions.catalogue import definition_paths
from tests.conftest import SHIPPED_FORMS

BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "broken"
TEXT_ADVICE = 'must be a non-empty string or an object of language → text, such as {"ja": "氏名", "en": "Name"}'
OPERATORS = "equals, in, answered, gt, gte, lt, lte"

# File name (without .json) → (JSON pointer, message) of its one mistake.
EXPECTED: dict[str, tuple[str, str]] = {
    "invalid-json": ("/", "not valid JSON at line 8 column 59: remove the comma before '}' (the last item has none)"),
    "not-an-object": ("/", "the file must hold one object { … } with slug, version, title, department and pages"),
    "missing-slug": ("/", "required key 'slug' is missing"),
    "bad-slug-pattern": (
        "/slug",
        "'Water_Supply' cannot be used here. Use lower-case a-z and 0-9, words joined by single hyphens, "
        "the same as the file name (example: water-supply-start).",
    ),
    "slug-not-file-name": ("/slug", "slug 'water-supply' must equal the file name 'slug-not-file-name'"),
    "version-not-string": ("/version", "must be text in double quotes (found 1)"),
    "unknown-top-level-key": ("/titel", "unknown key 'titel' (did you mean 'title'?)"),
    "no-pages": ("/pages", "must list at least one page"),
    "undeclared-language": ("/languages/1", "unknown language code 'english' (did you mean 'en'?)"),
    "unknown-language-code": ("/title/english", "unknown language code 'english' (did you mean 'en'?)"),
    "empty-translation": ("/title/en", "must be non-empty text in double quotes (found '')"),
    "duplicate-page-id": ("/pages/1/id", "page id 'applicant' is used twice"),
    "page-rule-on-own-field": (
        "/pages/1/when/field",
        "rule refers to field 'business_name', which is not on an earlier page; "
        "a page's rule may only look at fields of earlier pages",
    ),
    "unknown-field-type": (
        "/pages/0/fields/0/type",
        "unknown field type 'telephone': use 'tel' instead",
    ),
    "missing-field-label": ("/pages/0/fields/0", "required key 'label' is missing"),
    "bad-field-name": (
        "/pages/0/fields/0/name",
        "'Full-Name' cannot be used here. "
        "Use a lower-case letter first, then a-z, 0-9 or _ (up to 63 characters; example: start_date).",
    ),
    "misspelled-option": (
        "/pages/0/fields/0/max_lenght",
        "'max_lenght' is not an option of a text field (did you mean 'max_length'?)",
    ),
    "option-of-another-type": (
        "/pages/0/fields/1/max_choices",
        "'max_choices' is not an option of a radio field (it is an option of: checkboxes)",
    ),
    "unknown-message-key": (
        "/pages/0/fields/0/messages/too_lng",
        "'too_lng' is not a message key (did you mean 'too_long'?)",
    ),
    "duplicate-field-name": ("/pages/1/fields/0/name", "field name 'full_name' is used twice"),
    "empty-label": ("/pages/0/fields/0/label", f"{TEXT_ADVICE} (found '')"),
    "label-not-text": ("/pages/0/fields/0/label", f"{TEXT_ADVICE} (found 5)"),
    "label-missing-language": (
        "/pages/1/fields/0/label",
        "missing the 'en' text (the form declares the languages ja, en)",
    ),
    "choice-label-missing-language": (
        "/pages/0/fields/1/choices/1/label",
        "missing the 'en' text (the form declares the languages ja, en)",
    ),
    "required-not-boolean": ("/pages/0/fields/0/required", "must be true or false, without quotes (found 'yes')"),
    "required-on-notice": ("/pages/1/fields/0/required", "a notice field takes no answer and cannot be required"),
    "empty-choices": ("/pages/0/fields/1/choices", "must list at least one choice"),
    "duplicate-choice-value": ("/pages/0/fields/1/choices/1/value", "choice value 'business' is used twice"),
    "bad-choice-value": (
        "/pages/0/fields/1/choices/1/value",
        "'業務 用' cannot be used here. Write the stored code with 1 to 64 of A-Z, a-z, 0-9, _ . - "
        "(example: household); the label holds the words people read.",
    ),
    "min-length-over-max-length": ("/pages/0/fields/0/min_length", "min_length (60) is greater than max_length (50)"),
    "max-length-over-cap": ("/pages/0/fields/0/max_length", "must be 10000 or less (found 20000)"),
    "invalid-regex": (
        "/pages/0/fields/0/pattern",
        "pattern cannot be read at character 1 ('('): a ( has no ) to close it. A pattern is a regular "
        "expression: [0-9] is one digit, {3} three of what comes before, and . ( ) [ ] { } * + ? | need a "
        'backslash to stand for themselves (written "\\\\." in JSON)',
    ),
    "number-min-over-max": ("/pages/1/fields/1/min", "min (10) is greater than max (1)"),
    "number-limit-as-string": ("/pages/1/fields/1/min", "must be a number, without quotes (found '1')"),
    "date-min-after-max": ("/pages/1/fields/1/min", "min (2026-05-01) is later than max (2026-04-01)"),
    "date-limit-not-a-real-date": ("/pages/1/fields/1/min", "'2026-02-30' is not a real date"),
    "date-limit-bad-format": (
        "/pages/1/fields/1/min",
        "'tomorrow' cannot be used here. "
        "Write a date as YYYY-MM-DD, or today, today+N or today-N (N days; example: today+3).",
    ),
    "rule-unknown-field": ("/pages/1/fields/0/when/field", "rule refers to unknown field 'usage_type'"),
    "rule-nested-unknown-field": ("/pages/1/fields/0/when/all/1/field", "rule refers to unknown field 'usage_type'"),
    "rule-later-field": (
        "/pages/0/fields/0/when/field",
        "rule refers to field 'usage', which is asked later; a rule may only look at earlier fields",
    ),
    "rule-self-reference": (
        "/pages/1/fields/0/when/field",
        "the rule of field 'business_name' refers to the field itself; it may only look at earlier fields",
    ),
    "rule-on-notice": ("/pages/1/fields/0/when/field", "rule refers to 'about', a notice field that holds no answer"),
    "rule-value-not-a-choice": (
        "/pages/1/fields/0/when/equals",
        "'shop' is not a choice of field 'usage' (its choices are household, business)",
    ),
    "rule-in-value-not-a-choice": (
        "/pages/1/fields/0/when/in/1",
        "'shop' is not a choice of field 'usage' (its choices are household, business)",
    ),
    "rule-two-operators": (
        "/pages/1/fields/0/when",
        "a condition takes one operator, but this one has equals and in; to combine conditions, use all or any",
    ),
    "rule-without-operator": (
        "/pages/1/fields/0/when",
        f"the condition on 'usage' needs one operator: {OPERATORS}",
    ),
    "rule-unknown-operator": ("/pages/1/fields/0/when/is", f"'is' is not a rule operator; use one of: {OPERATORS}"),
    "rule-nested-bad-operator": (
        "/pages/1/fields/0/when/not/any/0/equal",
        "'equal' is not a rule operator (did you mean 'equals'?)",
    ),
    "rule-combiner-with-field": (
        "/pages/1/fields/0/when",
        "'any' must stand alone in its rule, but 'field' is beside it",
    ),
    "cross-unknown-field": ("/pages/0/fields/1/checks/0/rule/gte/answer", "check refers to unknown field 'birth_day'"),
    "cross-later-page": (
        "/pages/0/fields/0/checks/0/rule/gte/answer",
        "check refers to field 'birth', which is asked on a later page; "
        "a check may only look at fields of its own page and of earlier pages",
    ),
    "cross-date-with-number": (
        "/pages/0/fields/1/checks/0/rule/gte/answer",
        "compares 'start', a date field, with 'people', a number field; "
        "compare a date with a date and a number with a number",
    ),
    "cross-count-not-a-list": (
        "/pages/0/fields/1/checks/0/rule/equals/count",
        "count needs a field whose answer is a list; 'birth' is a date field",
    ),
    "cross-age-of-a-number": (
        "/pages/0/fields/0/checks/0/rule/age_under",
        "an age is counted from a date; 'people' is a number field",
    ),
    "cross-message-missing-language": (
        "/pages/0/fields/1/checks/0/message",
        "missing the 'en' text (the form declares the languages ja, en)",
    ),
    "cross-not-before-later-field": (
        "/pages/0/fields/0/not_before",
        "not_before refers to 'birth', which is not a field asked before this one",
    ),
    # The stricter linter (issue 14): values a rule compares, message placeholders, contradictory options.
    "rule-date-today-relative": (
        "/pages/1/fields/0/when/lt",
        "a rule compares dates with a fixed date (YYYY-MM-DD), not 'today-6570': today, today+N and today-N work only in the min and max of a date or era_date field (for an age, use age_min and age_max)",
    ),
    "rule-date-with-slashes": (
        "/pages/1/fields/0/when/lt",
        "'start_date' is a date field: write the date as YYYY-MM-DD in double quotes (found '2024/04/01')",
    ),
    "rule-date-not-a-real-date": ("/pages/1/fields/0/when/equals", "'2024-02-30' is not a real date"),
    "rule-date-as-number": (
        "/pages/1/fields/0/when/gte",
        "'start_date' is a date field: write the date as YYYY-MM-DD in double quotes (found 20240401)",
    ),
    "page-rule-date-today": (
        "/pages/1/when/gte",
        "a rule compares dates with a fixed date (YYYY-MM-DD), not 'today': today, today+N and today-N work only in the min and max of a date or era_date field (for an age, use age_min and age_max)",
    ),
    "rule-number-as-string": (
        "/pages/1/fields/0/when/gt",
        "'people' is a number field: write 2 without quotes (found '2')",
    ),
    "rule-number-in-strings": (
        "/pages/1/fields/0/when/in/1",
        "'people' is a number field: write 2 without quotes (found '2')",
    ),
    "rule-number-equals-true": (
        "/pages/1/fields/0/when/equals",
        "'people' is a number field: write a number without quotes (found true)",
    ),
    "rule-number-never-above-max": ("/pages/1/fields/0/when/gt", "never true: 'people' accepts numbers from 1 to 20"),
    "rule-number-fraction-of-whole": (
        "/pages/1/fields/0/when/equals",
        "'people' takes whole numbers only (integer), so it is never 2.5",
    ),
    "rule-nested-number-as-string": (
        "/pages/1/fields/0/when/all/1/not/lte",
        "'people' is a number field: write 10 without quotes (found '10')",
    ),
    "rule-checkbox-yes": (
        "/pages/1/fields/0/when/equals",
        "'agree' is a checkbox: it holds true (without quotes) when ticked (found 'yes')",
    ),
    "rule-checkbox-false": (
        "/pages/1/fields/0/when/equals",
        'a checkbox holds true when ticked and no answer when not, so it never equals false; for an unticked box use {"not": {"field": "agree", "equals": true}}',
    ),
    "rule-checkbox-compared": (
        "/pages/1/fields/0/when/gt",
        'gt compares numbers and dates, but \'agree\' is a checkbox field; use {"field": "agree", "equals": true}',
    ),
    "rule-choice-compared": (
        "/pages/1/fields/0/when/gt",
        "gt compares numbers and dates, but 'usage' is a radio field; use equals or in with its choice values",
    ),
    "rule-choice-value-unquoted": (
        "/pages/1/fields/0/when/equals",
        "2 is not a choice of field 'floor' (its choices are 1, 2, 3); write the value in double quotes: '2'",
    ),
    "rule-text-compared": (
        "/pages/1/fields/0/when/gte",
        "gte compares numbers and dates, but 'full_name' is a text field; use equals or in",
    ),
    "rule-text-as-number": (
        "/pages/1/fields/0/when/equals",
        "'full_name' is a text field and holds text: write the value in double quotes (found 5)",
    ),
    "rule-text-empty": (
        "/pages/1/fields/0/when/any/1/equals",
        "'' can never match: answers are stored without spaces at either end, and an empty answer is not stored (to ask whether a field was left empty, use answered: false)",
    ),
    "rule-name-equals": (
        "/pages/1/fields/0/when/equals",
        '\'applicant\' is a name field of several parts, so equals is never true; a rule can only ask whether it is answered: {"field": "applicant", "answered": true}',
    ),
    "rule-required-answered-false": (
        "/pages/1/fields/0/when/answered",
        "field 'usage' is required and always asked before this rule, so it is always answered and answered: false never holds",
    ),
    "message-unknown-placeholder": (
        "/pages/0/fields/0/messages/too_long",
        "%(maximum)s is not filled in for the 'too_long' message (it has %(label)s, %(max)s)",
    ),
    "message-placeholder-of-another-key": (
        "/pages/0/fields/0/messages/required",
        "%(max)s is not filled in for the 'required' message (it has %(label)s)",
    ),
    "message-lone-percent": (
        "/pages/0/fields/2/messages/max",
        "'%を' cannot be used in a message: the 'max' message has %(label)s, %(max)s; write %% for a percent sign",
    ),
    "message-bare-placeholder": (
        "/pages/0/fields/0/messages/pattern/en",
        "'%s' cannot be used in a message: the 'pattern' message has %(label)s; write %% for a percent sign",
    ),
    "message-placeholder-not-s": (
        "/pages/0/fields/2/messages/min",
        "'%(min)d' cannot be used in a message: write a placeholder as %(name)s, one of %(label)s, %(min)s",
    ),
    "name-kana-required-without-kana": (
        "/pages/0/fields/6/kana_required",
        "kana_required: true asks for a reading that kana: false does not ask; remove one of them",
    ),
    "number-no-whole-number-in-range": (
        "/pages/0/fields/2/min",
        "no whole number lies between min (1.2) and max (1.8); set integer: false or change the limits",
    ),
    "date-relative-min-after-fixed-max": ("/pages/0/fields/3/min", "min (today) is later than max (2020-01-01)"),
    "date-limit-beyond-calendar": (
        "/pages/0/fields/3/max",
        "'today+99999999' is beyond the calendar (years 1 to 9999); use fewer days",
    ),
    "file-capture-without-images": (
        "/pages/0/fields/7/capture",
        "capture opens the camera, which takes photos, but accept takes only pdf; add jpeg to accept or remove capture",
    ),
    "era-date-age-min-outside-min": (
        "/pages/0/fields/7/min",
        "min (today-3650) leaves nobody aged 20 or more (age_min)",
    ),
    "unknown-type-of-another-tool": ("/pages/0/fields/5/type", "unknown field type 'dropdown': use 'select' instead"),
    "unknown-type-in-capitals": ("/pages/0/fields/3/type", "unknown field type 'Date': use 'date' instead"),
    # calculated fields' formulas (definitions/calculation_lint.py)
    "calc-unknown-field": ("/pages/0/fields/1/formula/product/0/answer", "formula uses unknown field 'cuont'"),
    "calc-later-field": (
        "/pages/0/fields/0/formula/product/0/answer",
        "formula uses field 'count', which is asked later; a formula may only use fields asked before it",
    ),
    "calc-uses-itself": (
        "/pages/0/fields/1/formula/sum/1/answer",
        "the formula of 'fee' uses 'fee' itself; a formula may only use fields asked before it",
    ),
    "calc-answer-of-a-choice": (
        "/pages/0/fields/1/formula/answer",
        "answer needs a number: 'kind' is a select field; for an amount per choice use table",
    ),
    "calc-table-value-not-a-choice": (
        "/pages/0/fields/1/formula/table/values/sofa",
        "'sofa' is not a choice of field 'kind' (its choices are futon, chest)",
    ),
    "calc-table-of-a-number": (
        "/pages/0/fields/1/formula/table/answer",
        "table reads one choice: 'count' is a number field; use a radio or select field",
    ),
    "calc-count-not-a-group": (
        "/pages/0/fields/1/formula/count",
        "count needs a repeating group: 'count' is a number field",
    ),
    "calc-sum-of-unknown-item-field": (
        "/pages/0/fields/1/formula/sum_of/field",
        "group 'items' has no field 'fees' (its fields are kind, count)",
    ),
    "calc-sum-of-a-choice": (
        "/pages/0/fields/1/formula/sum_of/field",
        "sum_of needs a number: 'kind' is a select field; for an amount per choice use table",
    ),
    "calc-item-field-outside-its-group": (
        "/pages/0/fields/1/formula/answer",
        "'count' is a field inside group 'items': a formula outside its item adds it up with "
        '{"sum_of": {"group": "items", "field": "count"}}',
    ),
    "calc-item-uses-its-group": (
        "/pages/0/fields/0/fields/2/formula/count",
        "a field inside group 'items' cannot use the group itself; put the total after the group, outside it",
    ),
    "calc-without-formula": (
        "/pages/0/fields/1",
        "a calculated field needs a formula, how its value is computed from answers",
    ),
    "calc-bad-rounding-mode": ("/pages/0/fields/1/formula/mode", "unknown value 'half_even' (did you mean 'half_up'?)"),
    "calc-required": ("/pages/0/fields/1/required", "a calculated field takes no answer and cannot be required"),
}


def test_every_broken_fixture_has_an_expected_line():
    assert sorted(p.stem for p in BROKEN.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_the_one_mistake_at_its_pointer(runner, name):
    path = BROKEN / f"{name}.json"
    result = runner.invoke(args=["forms", "check", str(path)])
    pointer, message = EXPECTED[name]
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}: {pointer}: {message}"]
    assert "1 definition(s) checked, 1 with errors" in result.stderr


def test_check_passes_every_shipped_definition(runner):
    result = runner.invoke(args=["forms", "check"])
    count = len(list(definition_paths(SHIPPED_FORMS)))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert f"{count} definition(s) checked, 0 with errors" in result.stderr


@pytest.mark.parametrize("path", sorted(definition_paths(SHIPPED_FORMS)), ids=lambda p: p.stem)
def test_check_passes_each_shipped_file_named_alone(runner, path):
    result = runner.invoke(args=["forms", "check", str(path)])
    assert result.exit_code == 0, result.stdout


def test_check_of_a_folder_lists_every_broken_file_and_fails(runner):
    result = runner.invoke(args=["forms", "check", str(BROKEN)])
    assert result.exit_code == 1
    reported = {line.split(": ", 1)[0] for line in result.stdout.splitlines()}
    assert reported == {str(BROKEN / f"{name}.json") for name in EXPECTED}
    assert f"{len(EXPECTED)} definition(s) checked, {len(EXPECTED)} with errors" in result.stderr


def test_check_fails_when_one_of_several_files_is_broken(runner):
    good = sorted(definition_paths(SHIPPED_FORMS))[0]
    result = runner.invoke(args=["forms", "check", str(good), str(BROKEN / "missing-slug.json")])
    assert result.exit_code == 1
    assert "2 definition(s) checked, 1 with errors" in result.stderr


def test_check_warns_where_a_text_field_relies_on_the_default_max_length(runner, tmp_path):
    fields = [
        {"name": "reason", "type": "text", "label": "理由"},
        {"name": "details", "type": "textarea", "label": "詳しい内容"},
        {"name": "building", "type": "text", "label": "建物名", "max_length": 60},
        {"name": "note", "type": "textarea", "label": "備考", "max_length": 10000},
    ]
    raw = {"slug": "no-limits", "version": "1", "title": "テスト届", "department": "test"}
    path = tmp_path / "no-limits.json"
    path.write_text(json.dumps({**raw, "pages": [{"id": "p", "title": "内容", "fields": fields}]}), encoding="utf-8")
    result = runner.invoke(args=["forms", "check", str(path)])
    assert result.exit_code == 0 and result.stdout == ""
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{path}: /pages/0/fields/0: warning: no max_length: answers are limited to the default 200 characters "
        "of a text field; set max_length to what the question needs",
        f"{path}: /pages/0/fields/1: warning: no max_length: answers are limited to the default 2,000 characters "
        "of a textarea field; set max_length to what the question needs",
    ]
    assert "1 definition(s) checked, 0 with errors" in result.stderr


def test_min_length_above_the_default_max_length_is_refused(runner, tmp_path):
    field = {"name": "reason", "type": "text", "label": "理由", "min_length": 300}
    raw = {"slug": "long-minimum", "version": "1", "title": "テスト届", "department": "test"}
    path = tmp_path / "long-minimum.json"
    path.write_text(json.dumps({**raw, "pages": [{"id": "p", "title": "内容", "fields": [field]}]}), encoding="utf-8")
    result = runner.invoke(args=["forms", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: /pages/0/fields/0/min_length: min_length (300) is greater than the default max_length "
        "of a text field (200); set max_length"
    ]
