"""Long answers cut into runs for the receipt: nothing lost, added or cut apart."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formbuilder.receipts.runs import RUN, in_runs, runs

# Characters a person sees as one, made of several code points: a cut inside one would print
# two broken halves (a flag as two letters, a conjunct as a consonant with a visible virama).
CLUSTERS = {
    "flag": "🇯🇵",  # repeated: a run of regional indicators, cut only after an even number
    "family": "👨\u200d👩\u200d👧",
    "skin tone": "👍🏽",
    "devanagari conjunct": "क्ष",
    "devanagari vowel sign": "कि",
    "decomposed hangul": unicodedata.normalize("NFD", "한"),
    "combining accent": "e\u0301",
    "ideographic variation": "葛\U000e0100",
    "combining dakuten": "か\u3099",
}


@given(st.text(max_size=2000))
def test_the_runs_are_the_text(text):
    pieces = runs(text)
    assert "".join(pieces) == text
    assert all(len(p) >= RUN for p in pieces[:-1]) and (pieces[-1] or not text)


def test_short_text_is_one_run_and_long_text_many():
    assert runs("あ" * RUN) == ["あ" * RUN]
    assert [len(p) for p in runs("あ" * (RUN * 3 + 5))] == [RUN, RUN, RUN, 5]


@pytest.mark.parametrize("name", sorted(CLUSTERS))
@pytest.mark.parametrize("offset", range(4))
def test_no_cut_falls_inside_a_character(name, offset):
    cluster = CLUSTERS[name]
    text = "あ" * offset + cluster * (3 * RUN // len(cluster))
    cut = 0
    for piece in runs(text)[:-1]:
        cut += len(piece)
        assert cut < offset or (cut - offset) % len(cluster) == 0, (name, cut)
    assert len(runs(text)) > 1


def test_a_long_run_of_marks_stays_in_one_run_and_cutting_goes_on_after_it():
    marks = "e" + "\u0301" * (RUN + 10)
    text = "あ" * RUN + marks + "あ" * (RUN + 5)
    assert runs(text) == ["あ" * RUN, marks, "あ" * RUN, "あ" * 5]


def test_runs_are_escaped_spans():
    assert str(in_runs("<b>&")) == "&lt;b&gt;&amp;"
    html = str(in_runs("<script>" * RUN))
    assert "<script>" not in html and html.count("<span>") == len(runs("<script>" * RUN))
