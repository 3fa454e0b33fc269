"""REL-02/REL-04: a submission is stored exactly once, however often or however fast it is posted."""

from __future__ import annotations

import hashlib
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from formbuilder.extensions import db
from formbuilder.flows.secrets import ALPHABET, new_reference
from formbuilder.storage.models import Submission
from tests.flows.journeys import REFERENCE, SECRET, WATER, confirmation, rows, share_cookies, submit_water
from tests.support import DECLARED, SUBMIT_TOKEN, Citizen, fill_water, text_of

pytestmark = pytest.mark.both_databases


def _ready(client) -> tuple[Citizen, dict[str, str]]:
    """Fill every page; return the citizen and the submit form of the check page."""
    citizen = Citizen(client, WATER)
    fill_water(citizen)
    page = citizen.check()
    token = SUBMIT_TOKEN.search(page.get_data(as_text=True)).group(1)
    return citizen, {"csrf_token": citizen.csrf, "submit_token": token, **DECLARED}


def test_double_submit_stores_one_submission_and_both_land_on_the_same_confirmation(app, client):
    citizen, form = _ready(client)
    first = client.post(f"/forms/{WATER}/submit", data=form)
    second = client.post(f"/forms/{WATER}/submit", data=form)
    assert first.location == second.location == f"/forms/{WATER}/complete"
    assert len(rows(app, "submissions")) == 1
    assert confirmation(citizen, first).reference == rows(app, "submissions")[0]["reference"]


def test_replayed_submit_after_the_confirmation_stores_nothing_more(app, client):
    citizen, form = _ready(client)
    done = confirmation(citizen, client.post(f"/forms/{WATER}/submit", data=form))
    replay = client.post(f"/forms/{WATER}/submit", data=form)
    assert replay.status_code == 302 and replay.location == f"/forms/{WATER}/complete"
    again = confirmation(citizen, replay)
    assert (again.reference, again.secret) == (done.reference, done.secret)
    assert len(rows(app, "submissions")) == 1


@pytest.mark.parametrize("token", ["", "forged", "A" * 43])
def test_forged_submit_token_does_not_submit(app, client, token):
    citizen, form = _ready(client)
    response = client.post(f"/forms/{WATER}/submit", data={**form, "submit_token": token})
    assert response.status_code == 302 and response.location == f"/forms/{WATER}/check"
    assert rows(app, "submissions") == []
    assert confirmation(citizen, client.post(f"/forms/{WATER}/submit", data=form)).reference


def test_submit_token_of_a_draft_started_again_does_not_submit(app, client):
    citizen, stale = _ready(client)
    citizen.get(f"/forms/{WATER}")
    restarted = client.post(f"/forms/{WATER}/start", data={"csrf_token": citizen.csrf, "restart": "1"})
    assert restarted.location == f"/forms/{WATER}/pages/place"
    response = client.post(f"/forms/{WATER}/submit", data={**stale, "csrf_token": citizen.csrf})
    assert response.status_code == 302 and response.location != f"/forms/{WATER}/complete"
    assert rows(app, "submissions") == []


def test_parallel_submits_of_one_draft_store_one_submission(app, client):
    _, form = _ready(client)
    tabs = [app.test_client() for _ in range(4)]
    for tab in tabs:
        share_cookies(client, tab)
    barrier = threading.Barrier(len(tabs))
    results: list = [None] * len(tabs)

    def send(index: int) -> None:
        barrier.wait()
        try:
            results[index] = tabs[index].post(f"/forms/{WATER}/submit", data=form)
        except Exception as exc:  # reported below, not lost in the thread
            results[index] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(tabs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [getattr(r, "status_code", r) for r in results] == [302] * len(tabs)
    assert {r.location for r in results} == {f"/forms/{WATER}/complete"}
    assert len(rows(app, "submissions")) == 1
    pages = {text_of(tab.get(f"/forms/{WATER}/complete")) for tab in tabs}
    assert len(pages) == 1 and rows(app, "submissions")[0]["reference"] in pages.pop()


def test_reference_numbers_are_readable_aloud_and_unique(app, client):
    references = {submit_water(app.test_client()).reference for _ in range(3)}
    assert len(references) == 3
    assert all(REFERENCE.match(r) for r in references)
    assert not set("01OILUV") & set(ALPHABET)
    drawn = {new_reference() for _ in range(2000)}
    assert len(drawn) == 2000 and all(REFERENCE.match(r) for r in drawn)


def test_the_database_refuses_a_second_submission_with_the_same_reference(app, client):
    submit_water(client)
    with app.app_context():
        first = db.session.scalars(sa.select(Submission)).one()
        columns = {c.key: getattr(first, c.key) for c in Submission.__table__.columns if c.key != "id"}
        db.session.add(Submission(**{**columns, "submit_token": "another-token"}))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_a_reference_number_already_taken_is_drawn_again(app, client, monkeypatch):
    first = submit_water(client)
    drawn = iter([first.reference, first.reference, "2345-6789"])
    monkeypatch.setattr("formbuilder.flows.submit.new_reference", lambda: next(drawn))
    second = submit_water(app.test_client())
    assert second.reference == "2345-6789"
    assert [r["reference"] for r in rows(app, "submissions")] == [first.reference, "2345-6789"]


def test_the_secret_is_stored_only_as_its_hash(app, client):
    done = submit_water(client)
    assert SECRET.match(done.secret)
    (submission,) = rows(app, "submissions")
    salted = f"{done.reference}/{done.secret}"  # salted with its reference number
    assert submission["secret_hash"] == hashlib.sha256(salted.encode()).hexdigest()
    compact = done.secret.replace("-", "")
    everything = str([rows(app, table) for table in ("form_versions", "drafts", "submissions")])
    assert done.secret not in everything and compact not in everything
    assert done.secret.lower() not in everything.lower()
