"""The layout part of the benchmark (`bench/run.py --only layout`), shrunk to one round.

It compares the page cost of the shipped forms with their translations inline and in per-form
catalogues (issue 20): both copies must be the same forms, each served in its own layout. No
timing is asserted, only that every figure is there and both layouts served the same pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import layout as layout_bench
import servers

from formbuilder.definitions.catalogue import definition_paths

SETTINGS = {
    "layout_rounds": 1,
    "layout_warm": 0,
    "layout_slices": 1,
    "layout_slice_seconds": 0.1,
    "layout_clients": 2,
    "layout_startups": 1,
}


def test_the_two_copies_are_the_same_forms_one_inline_and_one_with_catalogues(tmp_path):
    sites = layout_bench.write_sites(tmp_path)
    inline, catalogues = sites["inline"], sites["catalogues"]
    assert [p.name for p in definition_paths(inline)] == [p.name for p in definition_paths(catalogues)]
    assert not (inline.parent / "translations").exists()
    water = f"{layout_bench.WATER}.json"
    label = json.loads((inline / water).read_text(encoding="utf-8"))["pages"][0]["fields"][0]["label"]
    assert set(label) >= {"ja", "en", "vi"}
    assert json.loads((catalogues / water).read_text(encoding="utf-8"))["pages"][0]["fields"][0]["label"] == label["ja"]
    assert (catalogues.parent / "translations" / "forms" / layout_bench.WATER / "vi.po").is_file()


def test_copies_that_are_not_the_same_forms_are_refused(tmp_path):
    sites = layout_bench.write_sites(tmp_path)
    po = sites["catalogues"].parent / "translations" / "forms" / layout_bench.WATER / "en.po"
    text = po.read_text(encoding="utf-8")
    title = 'msgstr "Notice of Start of Water Supply"'
    assert title in text
    po.write_text(text.replace(title, 'msgstr "Water"'), encoding="utf-8")
    try:
        layout_bench.check_same(sites["inline"], sites["catalogues"])
    except RuntimeError as exc:
        assert "different definitions" in str(exc)
    else:
        raise AssertionError("a catalogue with another translation passed for the same forms")


def test_a_short_run_measures_every_page_in_both_layouts(tmp_path):
    instances = {name: servers.Instance(tmp_path / f"{name}-instance", None) for name in layout_bench.LAYOUTS}
    for instance in instances.values():
        servers.migrate(instance)
    result = layout_bench.measure(instances, tmp_path, SETTINGS)
    assert result["errors"] == 0
    assert len(result["pages"]) == len(layout_bench.PAGES) * len(layout_bench.LANGS)
    for page in result["pages"]:
        for name in layout_bench.LAYOUTS:
            assert page[name]["requests"] == 1 and page[name]["cpu_median_ms"] > 0, page
            assert page[name]["load"]["requests"] > 0, page
        # The same page from either layout: as many bytes (tokens have a fixed length).
        assert page["html_bytes"]["inline"] == page["html_bytes"]["catalogues"] > 0, page
    for name in layout_bench.LAYOUTS:
        assert result["startup"][name]["forms"] == len(definition_paths(Path(layout_bench.ROOT) / "form_definitions"))
        assert result["memory"][name]["worker_rss_mean_mb"] > 0
