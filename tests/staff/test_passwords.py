"""Staff password policy (SEC-28) and the Argon2id parameters of the stored hashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from formbuilder.staff import passwords
from tests.staff.test_sign_in import NEW_PASSWORD, create, enrol, post, sign_in
from tests.support import errors_of

ARGON2ID_OWASP = "$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.mark.parametrize(
    ("password", "login", "weakness"),
    [
        ("short-one", "suido", "short"),
        ("x" * 11, "suido", "short"),
        ("x" * 257, "suido", "long"),
        ("qwerty123456", "suido", "common"),  # on the list, and 12 characters long
        ("QWERTY123456", "suido", "common"),
        ("ｑｗｅｒｔｙ１２３４５６", "suido", "common"),  # full-width is the same password
        ("1q2w3e4r5t6y", "suido", "common"),
        ("aaaaaaaaaaaaaaa", "suido", "repeated"),
        ("abcabcabcabcabc", "suido", "repeated"),
        ("tanaka-hanako", "tanaka-hanako", "login"),
        ("TANAKA-HANAKO", "tanaka-hanako", "login"),
        ("tanaka-hanako-2026", "tanaka-hanako", "login"),
        ("kawa-no-nagare", "suido", None),
        ("allsmallletters", "suido", None),  # no composition rules
        ("みずのながれはたえずして", "suido", None),  # twelve kana
        ("x1" + "水" * 62, "suido", None),  # 64 characters are allowed
        ("-".join(f"kotoba{i}" for i in range(28)), "suido", None),  # 241 characters
        ("it-is-a-kit-of-bits", "it", None),  # a two-letter login is not searched for inside
    ],
)
def test_the_policy(password, login, weakness):
    assert passwords.weakness(password, login) == weakness


def test_the_common_list_is_the_shipped_one():
    common = passwords.common_passwords()
    assert len(common) > 19_000
    assert {"password", "123456", "iloveyou", "qwerty123456"} <= common


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ("qwerty123456", "よく使われているパスワード"),
        ("password", "12文字以上"),
        ("hajimete-no", "12文字以上"),
        ("shinjin-suido", "ログインID"),
    ],
)
def test_the_first_password_page_refuses_weak_ones_in_japanese(client, runner, chosen, message):
    temporary = create(runner, "shinjin-suido", "staff", "water")
    assert post(client, "/staff/login", login="shinjin-suido", password=temporary).status_code == 302
    refused = post(client, "/staff/login/password", password=chosen, again=chosen)
    assert refused.status_code == 422
    assert any(message in error for error in errors_of(refused)) or message in refused.get_data(as_text=True)
    accepted = post(client, "/staff/login/password", password=NEW_PASSWORD, again=NEW_PASSWORD)
    assert accepted.location.endswith("/staff/login/next")


def test_a_sixty_four_character_password_is_accepted(client, runner):
    temporary = create(runner, "nagai", "staff", "water")
    assert post(client, "/staff/login", login="nagai", password=temporary).status_code == 302
    long = "ながいながい合言葉-" + "川" * 54
    assert len(long) == 64
    assert post(client, "/staff/login/password", password=long, again=long).location.endswith("/staff/login/next")


def stored_hash(app, login: str) -> str:
    from formbuilder.extensions import db
    from formbuilder.staff.models import StaffAccount

    with app.app_context():
        return db.session.query(StaffAccount).filter_by(login=login).one().password_hash


@pytest.mark.both_databases
def test_hashes_are_argon2id_with_19_mib_two_passes_one_lane(app, client, runner):
    create(runner, "hash", "staff", "water")
    assert stored_hash(app, "hash").startswith(ARGON2ID_OWASP)  # the temporary password
    temporary = create(runner, "hashed", "staff", "water")
    enrol(client, "hashed", temporary)
    assert stored_hash(app, "hashed").startswith(ARGON2ID_OWASP)  # the chosen one
    assert PasswordHasher().verify(stored_hash(app, "hashed"), NEW_PASSWORD)


def test_an_older_hash_is_rehashed_at_the_next_sign_in(app, client, runner):
    from formbuilder.extensions import db
    from formbuilder.staff.models import StaffAccount

    secret = enrol(client, "oldhash", create(runner, "oldhash", "staff", "water"))
    post(client, "/staff/logout")
    with app.app_context():
        account = db.session.query(StaffAccount).filter_by(login="oldhash").one()
        account.password_hash = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(NEW_PASSWORD)
        db.session.commit()
    assert not stored_hash(app, "oldhash").startswith(ARGON2ID_OWASP)
    assert sign_in(client, "oldhash", secret, at=datetime.now(UTC) + timedelta(seconds=30)).status_code == 302
    assert stored_hash(app, "oldhash").startswith(ARGON2ID_OWASP)
