"""The procedure library's 子育て forms (issue 15), each walked through the test client to its
receipt: the answers are the definition's own valid ones (tests/browser/answers.py), the paths
behind rules are taken where they ask more, and the receipt and the staff CSV are read back."""

from __future__ import annotations

import csv
import io

from tests.browser.answers import FAMILY, GENERATORS, GIVEN, MY_NUMBER, page_answers
from tests.flows.journeys import confirmation, pdf_text
from tests.security.journeys import MAX_STEPS
from tests.staff.test_submissions import staff_client
from tests.support import Citizen, errors_of, text_of


def _walk(app, slug: str, changes: dict[str, dict[str, str]]) -> tuple[Citizen, list[str]]:
    """Fill every page the form asks, in the order it asks them; return the page ids visited."""
    GENERATORS.setdefault("digits", lambda field: {field.name: "0012345"})  # until answers.py fills digits
    answers = page_answers(app.extensions["formbuilder.catalogue"].get(slug))
    for page_id, values in changes.items():
        answers[page_id] = {**answers[page_id], **values}
    citizen = Citizen(app.test_client(), slug)
    location, visited = citizen.start().request.path, []
    for _ in range(MAX_STEPS):
        if location.endswith("/check"):
            return citizen, visited
        page_id = location.rsplit("/", 1)[1]
        visited.append(page_id)
        response = citizen.post_page(page_id, answers[page_id])
        assert response.status_code == 302, (page_id, errors_of(response))
        location = response.location.split("?", 1)[0]
    raise AssertionError(f"{slug}: no check page after {MAX_STEPS} pages")


def _csv(app, runner, slug: str, department: str) -> dict[str, str]:
    staff = staff_client(app, runner, f"lib-{department}", "staff", department)
    exported = staff.get(f"/staff/forms/{slug}/export.csv")
    assert exported.status_code == 200
    header, row = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"), newline="")))[:2]
    return dict(zip(header, row, strict=True))


def test_a_pregnancy_notification_by_an_agent_reaches_the_receipt_and_the_health_centres_csv(app, runner):
    slug = "pregnancy-notification"
    changes = {
        "submitter": {"submitter": "agent"},
        "pregnancy": {"weeks": "9", "multiple": "multiple", "multiple_count": "2"},
        "clinic": {"clinic_name": "千代田レディースクリニック", "std_checkup": "no"},
        "family": {"household_head": "other", "household_head_relation": "妊婦の父"},
        "agent": {"agent_relation": "relative"},  # not the same household: the letter of authorisation is asked
    }
    citizen, visited = _walk(app, slug, changes)
    assert visited == [
        "submitter",
        "mother",
        "pregnancy",
        "clinic",
        "family",
        "support",
        "agent",
        "documents",
        "consent",
    ]
    check = text_of(citizen.check())
    assert "多胎のお子さんの人数 2人" in check and "今日の妊娠週数 9週" in check
    assert "委任状" in check

    done = confirmation(citizen, citizen.submit())
    receipt = pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data)
    assert "妊娠届出書" in receipt and done.reference in receipt
    assert "千代田レディースクリニック" in receipt and f"{FAMILY} {GIVEN}" in receipt
    assert MY_NUMBER.replace(" ", "") not in receipt.replace(" ", "")  # the 個人番号 only masked
    assert "保健センター" in receipt  # whom to ask: the new department

    row = _csv(app, runner, slug, "health")
    assert row["受付番号"] == done.reference
    assert row["医療機関の名称"] == "千代田レディースクリニック"
    assert row["性病の健康診断"] == "no" and row["多胎のお子さんの人数"] == "2"
    assert row["世帯主と妊婦の関係"] == "妊婦の父" and row["妊婦との関係"] == "relative"
    assert not any(MY_NUMBER.replace(" ", "") in cell for cell in row.values())


def test_a_pregnancy_notification_by_the_woman_herself_skips_the_agents_page(app):
    citizen, visited = _walk(app, "pregnancy-notification", {"submitter": {"submitter": "self"}})
    assert "agent" not in visited
    confirmation(citizen, citizen.submit())


def test_a_status_report_with_a_child_living_apart_reaches_the_receipt_and_the_child_divisions_csv(app, runner):
    slug = "child-allowance-status-report"
    changes = {
        "recipient": {"recipient_number": "0012345"},
        "spouse": {"has_spouse": "yes", "spouse_jan1": "outside"},
        "children": {"children-0-child_living": "apart", "children-0-child_support": "send_money"},
        "changes": {"changed": "yes", "change_detail": "令和8年3月から進学のため別居"},
    }
    citizen, visited = _walk(app, slug, changes)
    assert visited == ["notice", "recipient", "pension", "spouse", "children", "changes", "documents", "consent"]
    assert "別居しているお子さんの監護と生計 生活費を送り、定期的に会っている" in text_of(citizen.check())

    done = confirmation(citizen, citizen.submit())
    receipt = pdf_text(citizen.get(citizen.url("/complete/receipt.pdf")).data)
    assert "児童手当 現況届" in receipt and done.reference in receipt
    assert "0012345" in receipt and "令和8年3月から進学のため別居" in receipt

    row = _csv(app, runner, slug, "child")
    assert row["受給者番号"] == "0012345"  # the leading zeros kept
    assert row["配偶者の1月1日の住所"] == "outside"
    assert row["子1 別居しているお子さんの監護と生計"] == "send_money"


def test_a_recipient_without_the_citys_letter_is_told_no_status_report_is_needed(app):
    citizen = Citizen(app.test_client(), "child-allowance-status-report")
    citizen.start()
    response = citizen.post_page("notice", {"letter": "not_received"}, follow=True)
    assert response.request.path.endswith("/exit/not-required")
    assert "現況届の提出は不要です" in text_of(response)
