"""Reference numbers, access secrets and the sealed copy of a secret a draft keeps."""

from __future__ import annotations

import math

from formbuilder.flows.secrets import (
    ALPHABET,
    canonical_reference,
    canonical_secret,
    new_secret,
    new_token,
    seal,
    unseal,
)
from tests.flows.journeys import SECRET


def test_secret_is_16_symbols_in_groups_of_four_with_more_than_64_random_bits():
    secrets = {new_secret() for _ in range(500)}
    assert len(secrets) == 500 and all(SECRET.match(s) for s in secrets)
    symbols = len(secrets.pop().replace("-", ""))
    assert symbols == 16 and symbols * math.log2(len(ALPHABET)) > 64
    assert not set("0O1IL") & set(ALPHABET)


def test_sealed_secret_opens_only_with_the_browser_token_and_fits_its_column():
    secret, token, nonce = new_secret(), new_token(), new_token()
    sealed = seal(secret, token, nonce)
    assert len(sealed) <= 64 and secret not in sealed
    assert unseal(sealed, token, nonce) == secret
    assert unseal(sealed, new_token(), nonce) != secret
    assert unseal(sealed, token, new_token()) != secret
    assert unseal(sealed, None, nonce) is None and unseal(None, token, nonce) is None
    assert unseal("not base64!", token, nonce) is None


def test_one_secret_sealed_under_two_drafts_looks_unrelated():
    secret, token = new_secret(), new_token()
    assert seal(secret, token, new_token()) != seal(secret, token, new_token())


def test_reference_and_secret_typed_any_way_become_their_stored_form():
    assert canonical_reference("7kq4x9mt") == "7KQ4-X9MT"
    assert canonical_reference("７ＫＱ４－Ｘ９ＭＴ") == "7KQ4-X9MT"
    assert canonical_reference(" 7KQ4ーX9MT ") == "7KQ4-X9MT"
    assert canonical_secret("abcd efgh jkmn pqrs") == "ABCD-EFGH-JKMN-PQRS"
    assert canonical_secret("ＡＢＣＤ‐ＥＦＧＨ－ｊｋｍｎ　ＰＱＲＳ") == "ABCD-EFGH-JKMN-PQRS"
    assert canonical_secret("abcdefghjkmnpqrs") == "ABCD-EFGH-JKMN-PQRS"
    old = "ABC-DEF-GHJ-KMN-PQR-STW-XYZ-234-567"  # the keys of 27 symbols issued before
    assert canonical_secret(old.replace("-", "").lower()) == old


def test_a_sealed_secret_changed_by_one_character_opens_nothing():
    """Authenticated encryption: a flipped bit is refused, not decrypted into another secret."""
    secret, token, nonce = new_secret(), new_token(), new_token()
    sealed = seal(secret, token, nonce)
    for position in range(len("g1."), len(sealed)):
        flipped = "A" if sealed[position] != "A" else "B"
        assert unseal(sealed[:position] + flipped + sealed[position + 1 :], token, nonce) is None
    assert unseal(sealed + "AAAA", token, nonce) is None
    assert unseal(sealed[:-4], token, nonce) is None


def test_a_wrong_key_or_another_draft_opens_nothing_rather_than_garbage():
    secret, token, nonce = new_secret(), new_token(), new_token()
    sealed = seal(secret, token, nonce)
    assert unseal(sealed, new_token(), nonce) is None
    assert unseal(sealed, token, new_token()) is None


def test_a_value_sealed_by_the_old_home_made_cipher_opens_nothing():
    import base64
    import hashlib

    secret, token, nonce = new_secret(), new_token(), new_token()
    data = secret.encode()
    pad = hashlib.shake_256(f"formbuilder-secret\0{token}\0{nonce}".encode()).digest(len(data))
    old = base64.urlsafe_b64encode(bytes(a ^ b for a, b in zip(data, pad, strict=True))).decode()
    assert unseal(old, token, nonce) is None
