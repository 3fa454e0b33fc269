"""A correction after 要再申請 is no new application: a form closed meanwhile still takes it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import time_machine

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.periods import JST
from tests.conftest import SHIPPED_FORMS
from tests.flows.journeys import rows
from tests.staff.test_correction import _return, _start_correction, _submitted_child_allowance
from tests.staff.test_submissions import staff_client
from tests.support import DECLARED, text_of


@pytest.fixture
def forms_dir(tmp_path):
    """The shipped forms, the child allowance closing at the end of today (Japan time)."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for path in definition_paths(SHIPPED_FORMS):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw["slug"] == "child-allowance":
            raw["closes_at"] = datetime.now(JST).date().isoformat()
        (folder / path.name).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_correction_is_taken_after_the_form_closed(app, runner):
    reference, secret = _submitted_child_allowance(app)
    _return(staff_client(app, runner, "kodomo", "staff", "child"), reference)
    tomorrow = datetime.combine(datetime.now(JST).date() + timedelta(days=1), datetime.min.time(), JST)
    with time_machine.travel(tomorrow + timedelta(minutes=1), tick=False):
        assert "受付終了" in text_of(app.test_client().get("/"))
        citizen = _start_correction(app, reference, secret)
        check = citizen.check()
        assert "再申請する" in text_of(check) and "受付期間が終了" not in text_of(check)
        sent = citizen.client.post(
            citizen.url("/submit"), data={"csrf_token": citizen.csrf, "submit_token": _token(check), **DECLARED}
        )
        assert sent.status_code == 302 and sent.location.endswith("/complete"), text_of(sent)[:300]
    assert [r["status"] for r in rows(app, "submissions")] == ["received"]  # back from 要再申請, still one row


def _token(page) -> str:
    from tests.support import SUBMIT_TOKEN

    return SUBMIT_TOKEN.search(page.get_data(as_text=True)).group(1)
