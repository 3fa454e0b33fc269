"""The home page as a procedure library (issue 15, item 4): forms grouped by life event, each card
with time, fee and what to prepare, and a search that works without JavaScript (GET ?q=) in the
reader's language and in Japanese whatever the kana or width (「じどうてあて」 finds 児童手当)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import shipped_raw

LANGUAGES = ("ja", "ja-easy", "en", "zh-Hans", "zh-Hant", "ko", "vi", "fil", "pt-BR", "ne", "id")
WATER_KEYWORDS = [{**dict.fromkeys(LANGUAGES, "引越し"), "ja-easy": "{引|ひ}っ{越|こ}し", "en": "moving house"}]


@pytest.fixture
def forms_dir(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    child = shipped_raw("child-allowance")
    child["life_events"] = ["kosodate"]
    water = shipped_raw("water-supply-start")
    water["life_events"] = ["hikkoshi", "kurashi"]
    water["keywords"] = WATER_KEYWORDS
    waste = shipped_raw("oversized-waste-collection")
    waste.pop("life_events", None)
    waste.pop("keywords", None)
    for raw in (child, water, waste):
        (folder / f"{raw['slug']}.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return folder


def _main(response) -> str:
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html[html.index("<main") : html.index("</main>")]


def _section(html: str, event: str) -> str:
    start = html.index(f'<section class="life-event" aria-labelledby="event-{event}">')
    return html[start : html.index("</section>", start)]


def _found(html: str) -> list[str]:
    return re.findall(r'href="/forms/([a-z0-9-]+)"', html)


def test_home_groups_forms_by_life_event_and_a_form_may_be_in_several(client):
    html = _main(client.get("/"))
    assert '<h2 id="event-kosodate">子育て</h2>' in html
    assert _found(_section(html, "kosodate")) == ["child-allowance"]
    assert _found(_section(html, "hikkoshi")) == ["water-supply-start"]
    assert _found(_section(html, "kurashi")) == ["water-supply-start"]
    assert _found(_section(html, "other")) == ["oversized-waste-collection"]  # no life event: listed still
    assert 'id="event-kaigo"' not in html  # an empty group is not shown
    # the groups in their fixed order, with links to them
    assert html.index("event-kosodate") < html.index("event-hikkoshi") < html.index("event-kurashi")
    assert '<a href="#event-hikkoshi">引越し</a>' in html


def test_each_card_says_time_fee_and_what_to_prepare(client):
    card = _section(_main(client.get("/")), "kosodate")
    assert '<h3 class="procedure-title"><a href="/forms/child-allowance">児童手当 認定請求書</a></h3>' in card
    assert "<dt>所要時間の目安</dt><dd>約15分</dd>" in card
    assert "<dt>手数料</dt><dd>無料</dd>" in card
    assert "<dt>用意するもの</dt>" in card
    assert "請求者（お子さんを主に養育している方）と配偶者の個人番号（マイナンバー）" in card


def test_the_search_box_is_a_plain_get_form(client):
    html = _main(client.get("/"))
    form = html[html.index('<form method="get" action="/"') : html.index("</form>")]
    assert 'role="search"' in form
    assert '<label for="q" class="label">' in form and 'name="q"' in form and 'type="submit"' in form


@pytest.mark.parametrize(
    "query",
    ["児童手当", "じどうてあて", "ジドウテアテ", "ｼﾞﾄﾞｳﾃｱﾃ", "じどう　てあて", "出産", "１８歳", "ｼﾞﾄﾞｳ ﾃｱﾃ", "児童 手当"],
)
def test_search_finds_child_allowance_in_japanese_whatever_the_kana_or_width(client, query):
    html = _main(client.get("/", query_string={"q": query}))
    assert _found(html) == ["child-allowance"], query
    assert "<h1>「" in html and "」の検索結果</h1>" in html
    assert "見つかった手続き：1件" in html
    assert "<dt>所要時間の目安</dt><dd>約15分</dd>" in html  # the same cards


def test_search_in_the_readers_language(client):
    client.set_cookie("lang", "en")
    html = _main(client.get("/?q=Child+Allowance&lang=en"))
    assert _found(html) == ["child-allowance"]
    assert _found(_main(client.get("/?q=moving+house&lang=en"))) == ["water-supply-start"]  # a keyword
    assert _found(_main(client.get("/?q=引越し&lang=en"))) == ["water-supply-start"]  # Japanese too


def test_no_match_says_so_and_links_back(client):
    html = _main(client.get("/", query_string={"q": "存在しない手続き"}))
    assert _found(html) == []
    assert "「存在しない手続き」に合う手続きは見つかりませんでした。" in html
    assert '<a href="/">すべての手続きを、くらしの場面ごとに見る</a>' in html


def test_query_is_escaped_and_blank_one_shows_the_home_page(client):
    html = _main(client.get("/", query_string={"q": "<script>x</script>"}))
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert 'id="event-kosodate"' in _main(client.get("/", query_string={"q": "  　"}))
