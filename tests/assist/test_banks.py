"""The national bank list (zengin-code): banks and branches by code, or by name as people type it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from formbuilder.assist import banks


def codes(found: list[banks.Named]) -> list[str]:
    return [entry.code for entry in found]


@pytest.mark.parametrize(
    "typed",
    ["みずほ", "ミズホ", "ﾐｽﾞﾎ", "みずほ銀行", "ミズホギンコウ", "mizuho", "MIZUHO", "ｍｉｚｕｈｏ", "0001", "０００１"],
)
def test_a_bank_is_found_by_kanji_kana_of_any_width_romaji_or_code(typed):
    assert codes(banks.search_banks(typed))[0] == "0001"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("三菱UFJ", "0005"),  # the list writes 三菱ＵＦＪ in full width
        ("みつびしゆーえふじぇい", "0005"),  # small ぇ and ー: the list has ミツビシユ－エフジエイ
        ("ゆうちょ", "9900"),  # ユウチヨ in the list
        ("ユウチョ銀行", "9900"),
        ("さわやか信用金庫", "1310"),  # the list shortens 信用金庫 to 信金
        ("さわやかしんようきんこ", "1310"),
        ("ペイペイ", "0033"),
        ("paypay", "0033"),
        ("楽天銀行", "0036"),
    ],
)
def test_names_as_people_write_them_match_the_lists_short_names(typed, code):
    assert codes(banks.search_banks(typed))[0] == code


@pytest.mark.parametrize("typed", ["東京", "とうきょう", "トウキョウ", "ﾄｳｷｮｳ", "toukiyou", "001", "東京営業部"])
def test_a_branch_is_found_by_kanji_kana_of_any_width_romaji_or_code(typed):
    assert codes(banks.search_branches("0001", typed))[0] == "001"


def test_exact_names_come_first_then_beginnings_then_the_rest():
    assert codes(banks.search_banks("みずほ")) == ["0001", "0289", "4859"]  # みずほ, みずほ信託, 埼玉みずほ農協
    assert codes(banks.search_branches("0001", "しぶや支店")) == ["210", "162"]  # 渋谷, 渋谷中央


def test_nothing_found_for_an_empty_or_unknown_name_or_bank():
    assert banks.search_banks("") == banks.search_banks(" ー ") == []
    assert banks.search_banks("存在しない銀行") == []
    assert banks.search_branches("0002", "東京") == banks.search_branches("../x", "東京") == []


def test_lookups_by_code():
    assert banks.bank("0001") == banks.Named("0001", "みずほ", "ミズホ", "mizuho")
    assert banks.branch("0001", "001").name == "東京営業部"
    assert banks.bank("0002") is None and banks.branch("0001", "002") is None
    assert banks.branch("9999", "001") is None and banks.bank("") is None


def test_search_stops_at_the_limit():
    assert len(banks.search_banks("信金")) == banks.LIMIT
    assert len(banks.search_banks("信金", 100)) > banks.LIMIT


def test_kana_fold_as_the_list_writes_kana():
    assert banks.fold_kana("ﾄｳｷｮｳ") == banks.fold_kana("とうきょう") == "トウキヨウ"
    assert banks.fold_kana("ミツビシユ－エフジエイ") == banks.fold_kana("みつびし ゆーえふじぇい")


def test_without_the_package_nothing_is_known_and_nothing_fails(monkeypatch):
    monkeypatch.setattr(banks, "_data_dir", lambda: None)
    banks._banks.cache_clear()
    banks._branches.cache_clear()
    try:
        assert not banks.available()
        assert banks.bank("0001") is None and banks.search_banks("みずほ") == []
        assert banks.search_branches("0001", "東京") == []
    finally:
        banks._banks.cache_clear()
        banks._branches.cache_clear()


def test_importing_reads_no_data_and_the_bank_list_is_small():
    """The package itself reads every file on import (2 s); this module reads banks.json on first use."""
    script = (
        "import sys, time, tracemalloc\n"
        "tracemalloc.start()\n"
        "from formbuilder.assist import banks\n"
        "assert 'zengin_code' not in sys.modules and banks._banks.cache_info().currsize == 0\n"
        "before = tracemalloc.get_traced_memory()[0]\n"
        "start = time.perf_counter()\n"
        "assert banks.bank('0001') is not None\n"
        "print(time.perf_counter() - start, tracemalloc.get_traced_memory()[0] - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, grown = done.stdout.split()
    assert float(seconds) < 1.0 and int(grown) < 3_000_000
