"""The access key a citizen copies from paper: short, typed any way, and the old long keys still work."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from formbuilder.extensions import db
from tests.staff.test_applicant_status import look_up, submitted
from tests.support import text_of

pytestmark = pytest.mark.both_databases


def _typed_ways(secret: str) -> list[str]:
    """How people type a key from paper: lower case, no hyphens, spaces, full-width (a Japanese IME)."""
    compact = secret.replace("-", "")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in secret.lower())
    return [secret, secret.lower(), compact, " ".join(secret.split("-")), full_width, f" {compact.lower()} "]


def test_the_key_on_the_complete_page_is_16_symbols_in_four_groups_and_opens_the_status_typed_any_way(app):
    _client, reference, secret = submitted(app)
    groups = secret.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    for typed in _typed_ways(secret):
        response = look_up(app.test_client(), reference, typed)
        assert response.status_code == 302 and response.location.endswith("/status/view"), typed


def test_a_key_of_the_old_kind_still_opens_its_status(app):
    _client, reference, _secret = submitted(app)
    old = "ABC-DEF-GHJ-KMN-PQR-STW-XYZ-234-567"  # 27 symbols in groups of three, stored unsalted
    with app.app_context():
        db.session.execute(
            sa.text("UPDATE submissions SET secret_hash = :hash WHERE reference = :reference"),
            {"hash": hashlib.sha256(old.encode()).hexdigest(), "reference": reference},
        )
        db.session.commit()
    for typed in (old, old.replace("-", "").lower()):
        applicant = app.test_client()
        assert look_up(applicant, reference, typed).location.endswith("/status/view")
        assert reference in text_of(applicant.get("/status/view"))
    assert look_up(app.test_client(), reference, old[:-1] + "8").status_code == 422


def test_the_look_up_pages_say_the_key_may_be_typed_any_way(client):
    for path in ("/status", "/receipt"):
        assert "大文字・小文字、ハイフン（-）の有無は問いません。" in text_of(client.get(path))
