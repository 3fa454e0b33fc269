"""Page results kept between requests (flows/page_cache.py): never an answer or a message of before.

Each test evaluates, changes one thing the result depends on, and compares the kept result
with a fresh evaluation (the cache emptied first) and with what the page must now say.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine

from formbuilder.flows import answers, page_cache
from tests.support import Citizen, date_parts, errors_of

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "page_cache"
SLUG = "cache-demo"
AT_LEAST_COUNT = "＊最初のページの数以上にしてください。"
AT_MOST_MORE = "＊二番目のページの数以下にしてください。"
DAY = date(2024, 4, 1)
SECOND = {"note", "more", "later", "members", "total"}


@pytest.fixture
def forms_dir() -> Path:
    return FORMS


@pytest.fixture
def definition(app):
    page_cache.clear()
    return app.extensions["formbuilder.catalogue"].get(SLUG)


def _raw(**typed) -> dict[str, list[str]]:
    """Valid answers of every page (kind b: the third page shown), changed by `typed`."""
    answers = {
        "kind": "b",
        "count": "2",
        **date_parts("day", DAY),
        "note": "メモ",
        "more": "5",
        **date_parts("later", DAY + timedelta(days=1)),
        "members": "2",
        "members-0-who": "一郎",
        "members-0-rel": "son",
        "members-1-who": "花子",
        "members-1-rel": "other",
        "members-1-rel_note": "祖母",
        "total": "2",
        "last": "4",
    }
    answers.update(typed)
    return {name: value if isinstance(value, list) else [value] for name, value in answers.items()}


def _seen(evaluation) -> dict:
    """What an evaluation says, in plain data: the pages shown, their errors and values, the rules shown."""
    return {
        "values": evaluation.values,
        "pages": [(r.page.id, r.errors, r.values, r.shown, r.client_rules, r.computed) for r in evaluation.pages],
    }


def _kept_and_fresh(app, definition, raw, lang: str = "ja"):
    """Evaluate with the kept results, then afresh; return both as plain data."""
    with app.test_request_context(f"/?lang={lang}"):
        kept = _seen(answers.evaluate_all(definition, raw))
    page_cache.clear()
    with app.test_request_context(f"/?lang={lang}"):
        fresh = _seen(answers.evaluate_all(definition, raw))
    return kept, fresh


def _warm(app, definition, raw, lang: str = "ja") -> None:
    with app.test_request_context(f"/?lang={lang}"):
        answers.evaluate_all(definition, raw)


def _errors(seen, page_id: str) -> dict:
    return next(errors for pid, errors, *_ in seen["pages"] if pid == page_id)


def test_pages_evaluated_before_are_not_validated_again(app, definition, monkeypatch):
    _warm(app, definition, _raw())
    original, calls = answers.evaluate_page, []

    def counted(page, *args):
        calls.append(page.id)
        return original(page, *args)

    monkeypatch.setattr(answers, "evaluate_page", counted)
    with app.test_request_context("/"):
        answers.evaluate_all(definition, _raw(last="3"))
    assert calls == ["third"]  # only the page whose answer changed


def test_an_earlier_answer_changed_gives_the_later_pages_check_again(app, definition):
    _warm(app, definition, _raw())
    kept, fresh = _kept_and_fresh(app, definition, _raw(count="9"))
    assert kept == fresh
    assert _errors(kept, "second") == {"more": [AT_LEAST_COUNT]}
    assert _errors(kept, "first") == {}


def test_an_earlier_date_changed_moves_a_later_dates_limit(app, definition):
    _warm(app, definition, _raw())
    kept, fresh = _kept_and_fresh(app, definition, _raw(**date_parts("day", DAY + timedelta(days=5))))
    assert kept == fresh
    assert list(_errors(kept, "second")) == ["later"]


def test_a_page_hidden_then_shown_by_a_rule_says_what_its_answers_say_now(app, definition):
    _warm(app, definition, _raw(last="9"))  # third page wrong: more than "more"
    hidden, fresh = _kept_and_fresh(app, definition, _raw(kind="a", last="9"))
    assert hidden == fresh
    assert [page for page, *_ in hidden["pages"]] == ["first", "second"]
    assert "last" not in hidden["values"]
    shown, fresh = _kept_and_fresh(app, definition, _raw(kind="b", last="9", more="9"))
    assert shown == fresh
    assert _errors(shown, "third") == {}
    assert shown["values"]["last"] == 9 or str(shown["values"]["last"]) == "9"


def test_a_rule_on_the_same_page_follows_the_earlier_answer(app, definition):
    _warm(app, definition, _raw(kind="b", note=""))
    kept, fresh = _kept_and_fresh(app, definition, _raw(kind="a", note=""))
    assert kept == fresh
    assert _errors(kept, "second") == {}  # the note is not asked for kind a
    assert dict(kept["pages"][1][3])["note"] is False


def test_group_items_changed_are_validated_again(app, definition):
    _warm(app, definition, _raw())
    kept, fresh = _kept_and_fresh(app, definition, _raw(**{"members-0-rel": "other"}))
    assert kept == fresh
    assert list(_errors(kept, "second")) == ["members-0-rel_note"]
    kept, fresh = _kept_and_fresh(
        app, definition, _raw(members="3", **{"members-2-who": "三郎", "members-2-rel": "son"})
    )
    assert kept == fresh
    assert _errors(kept, "second") == {"total": ["＊人数が家族の数と合いません。"]}
    assert len(kept["values"]["members"]) == 3


def test_a_check_across_pages_sees_the_corrected_answer(app, definition):
    _warm(app, definition, _raw(more="3", last="4"))  # last > more: wrong
    wrong, _ = _kept_and_fresh(app, definition, _raw(more="3", last="4"))
    assert _errors(wrong, "third") == {"last": [AT_MOST_MORE]}
    corrected, fresh = _kept_and_fresh(app, definition, _raw(more="8", last="4"))
    assert corrected == fresh
    assert _errors(corrected, "third") == {}


def test_messages_come_in_the_language_of_the_request(app, definition):
    _warm(app, definition, _raw(count="9"), lang="ja")
    kept, fresh = _kept_and_fresh(app, definition, _raw(count="9"), lang="en")
    assert kept == fresh
    assert _errors(kept, "second") == {"more": ["* At least the count of the first page."]}


def test_a_limit_relative_to_today_moves_with_the_day(app, definition):
    raw = _raw(**date_parts("until", date(2026, 6, 2)))
    with time_machine.travel("2026-06-01T12:00:00+09:00", tick=False):
        _warm(app, definition, raw)
        before, _ = _kept_and_fresh(app, definition, raw)
    assert list(_errors(before, "third")) == ["until"]  # tomorrow is after "today"
    with time_machine.travel("2026-06-02T12:00:00+09:00", tick=False):
        after, fresh = _kept_and_fresh(app, definition, raw)
    assert after == fresh
    assert _errors(after, "third") == {}


def test_changing_a_result_does_not_change_the_next_one(app, definition):
    raw = _raw(count="9")
    with app.test_request_context("/"):
        first = answers.evaluate_all(definition, raw)
        first.result("second").errors.clear()
        first.result("second").values["more"] = "changed"
        first.result("first").values.clear()
        again = answers.evaluate_all(definition, raw)
        again.result("second").errors["more"].append("added")
        third = answers.evaluate_all(definition, raw)
    assert third.result("second").errors == {"more": [AT_LEAST_COUNT]}
    assert third.values["count"] == again.values["count"] and third.values["more"] != "changed"


def test_a_page_holding_what_cannot_be_read_through_is_keyed_by_every_earlier_answer(definition):
    assert page_cache._words({"a": ("b_c", 1, None)}, words := set()) and words == {"a", "b_c"}
    assert not page_cache._words(object(), set())
    named = page_cache._names(definition)
    assert named[0] == frozenset()
    assert named[1] >= {"kind", "count", "day"}
    assert named[2] >= {"kind", "more"}


def test_the_journey_shows_the_later_pages_error_after_an_earlier_page_is_changed(client):
    """Through the test client: page 2 sent, back to page 1, its count raised: page 2 is wrong now."""
    page_cache.clear()
    citizen = Citizen(client, SLUG)
    citizen.start()
    first = {"kind": "b", "count": "2", **date_parts("day", DAY)}
    second = {name: value[0] for name, value in _raw().items() if page_cache.owner(name) in SECOND}
    assert citizen.post_page("first", first).status_code == 302
    assert citizen.post_page("second", second).status_code == 302
    assert citizen.post_page("first", {**first, "count": "9"}).status_code == 302
    response = citizen.post_page("second", second)
    assert response.status_code == 422
    assert errors_of(response) == [AT_LEAST_COUNT]


def test_what_a_field_derives_is_kept_for_that_field_object_only():
    from dataclasses import replace

    from formbuilder.definitions.model import Field
    from formbuilder.i18n import Text

    page_cache.clear()
    first = Field(name="first", type="text", label=Text.of("一"))
    other = replace(first, name="other")
    built = []
    assert page_cache.derived(first, "inputs", lambda: built.append(1) or ("first",)) == ("first",)
    assert page_cache.derived(first, "inputs", lambda: built.append(2) or ("again",)) == ("first",)
    assert built == [1]
    # A field object that took the place (the id) of one gone, as after a reload: built anew.
    page_cache._derived[(id(other), "inputs")] = (first, ("first",))
    assert page_cache.derived(other, "inputs", lambda: ("other",)) == ("other",)


def test_a_groups_items_follow_the_count_typed(app, definition):
    with app.test_request_context("/"):
        page = definition.pages[1]
        two = answers.group_items(page, _raw())["members"]
        three = answers.group_items(page, _raw(members="3"))["members"]
        again = answers.group_items(page, _raw())["members"]
    assert [len(x) for x in (two, three, again)] == [2, 3, 2]
    assert [item[0].name for item in three] == ["members-0-who", "members-1-who", "members-2-who"]
    assert two is not again  # each caller gets its own list
