"""Per-form catalogues beside the definition: `translations/forms/<slug>/<lang>.po`.

What a form author and a translator see: the definition holds the Japanese, `forms check`
names every missing or stale translation by catalogue and pointer, a changed Japanese text
shows in Japanese (marked lang="ja") until it is translated again, `translations update` keeps
the catalogues in line, and a bundle carries a form to another city in one file.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from formbuilder import create_app
from formbuilder.definitions.catalogue_tools import migrate
from formbuilder.definitions.form_catalogues import catalogue_folder
from formbuilder.definitions.form_catalogues import read as read_catalogue
from formbuilder.definitions.loader import build, load_file
from formbuilder.definitions.translated import translate
from formbuilder.definitions.translations import dumps
from formbuilder.i18n import LANGUAGE_CODES
from tests.conftest import ROOT, SHIPPED_FORMS, base_config
from tests.support import Citizen

WATER = "water-supply-start"
WASTE = "oversized-waste-collection"
SLUGS = sorted(p.stem for p in SHIPPED_FORMS.glob("[!_]*.json"))
OTHERS = [code for code in LANGUAGE_CODES if code != "ja"]
LABEL = "/pages/0/fields/0/label"  # 水道: its address
OLD_JA, OLD_EN = "水道を使う場所の住所", "The address where you will use water"
NEW_JA, NEW_EN = "水道を使う場所の住所（建物名まで）", "The address where you will use water (building too)"


def copy_site(target: Path) -> Path:
    """Copy the shipped forms and their catalogues into `target`; return its forms folder.

    Definitions still in the layout before catalogues are migrated in the copy, so these tests
    hold for the shipped files in either layout."""
    forms = target / "forms"
    shutil.copytree(SHIPPED_FORMS, forms)
    shipped = ROOT / "translations" / "forms"
    if shipped.is_dir():
        shutil.copytree(shipped, target / "translations" / "forms")
    for path in sorted(forms.glob("[!_]*.json")):
        migrate(path)
    return forms


def inline_copy(forms: Path, target: Path) -> Path:
    """Write the forms of `forms` in the layout before catalogues (translations inline) to `target`."""
    target.mkdir(parents=True)
    for path in sorted(forms.glob("_*.json")):  # what is not a form (the departments) as it is
        shutil.copy(path, target)
    for path in sorted(forms.glob("[!_]*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        merged = translate(raw, build(raw), catalogue_folder(path), str(path)).raw
        (target / path.name).write_text(dumps(merged), encoding="utf-8")
    return target


@pytest.fixture
def forms_dir(tmp_path) -> Path:
    return copy_site(tmp_path / "site")


def po(forms: Path, slug: str, lang: str) -> Path:
    return forms.parent / "translations" / "forms" / slug / f"{lang}.po"


def entry(path: Path, context: str):
    return next(m for m in read_catalogue(path) if m.context == context)


def set_label(forms: Path, slug: str, pointer: str, text: str) -> None:
    path = forms / f"{slug}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    node = raw
    parts = pointer.strip("/").split("/")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[parts[-1]] = text
    path.write_text(dumps(raw), encoding="utf-8")


# --- the layout -----------------------------------------------------------------------------------
def test_the_shipped_definitions_hold_only_japanese_and_each_form_has_its_catalogues():
    for path in sorted(SHIPPED_FORMS.glob("[!_]*.json")):
        definition = build(json.loads(path.read_text(encoding="utf-8")))
        from formbuilder.definitions.lint import texts

        inline = [pointer for pointer, text in texts(definition) if set(text.values) != {"ja"}]
        assert inline == [], f"{path.name} carries translations at {inline[:3]}"
        folder = catalogue_folder(path)
        assert sorted(p.stem for p in folder.glob("*.po")) == sorted(OTHERS), folder
        loaded = load_file(path)
        assert loaded.problems == [] and loaded.translation_problems == [], path.name


@pytest.mark.parametrize("slug", SLUGS)
def test_migrating_the_inline_layout_gives_the_same_definition_and_the_shipped_files(tmp_path, slug):
    forms = copy_site(tmp_path / "site")
    inline = inline_copy(forms, tmp_path / "old" / "forms")
    before = load_file(inline / f"{slug}.json").definition
    written = migrate(inline / f"{slug}.json")
    assert len(written) == 1 + len(OTHERS)
    after = load_file(inline / f"{slug}.json")
    assert after.problems == [] and after.translation_problems == []
    assert before is not None and after.definition is not None
    assert after.definition == before  # the very same definition: the same version hash, the same pages
    assert after.definition.hash == before.hash
    assert (inline / f"{slug}.json").read_bytes() == (forms / f"{slug}.json").read_bytes()
    for lang in OTHERS:
        assert po(inline, slug, lang).read_bytes() == po(forms, slug, lang).read_bytes(), lang
    assert migrate(inline / f"{slug}.json") == []  # once only


def test_the_definitions_shrink_to_their_japanese(tmp_path):
    forms = copy_site(tmp_path / "site")
    inline = inline_copy(forms, tmp_path / "old" / "forms")
    for path in sorted(forms.glob("[!_]*.json")):
        assert path.stat().st_size * 4 < (inline / path.name).stat().st_size, path.name


# --- stale and missing ----------------------------------------------------------------------------
def test_a_changed_japanese_label_is_stale_in_every_catalogue_until_translated_again(
    runner, forms_dir, tmp_path, database_url
):
    set_label(forms_dir, WATER, LABEL, NEW_JA)
    result = runner.invoke(args=["forms", "check", str(forms_dir / f"{WATER}.json")])
    assert result.exit_code == 1
    stale = [line for line in result.stdout.splitlines() if "stale" in line]
    assert len(stale) == len(OTHERS)
    for lang in OTHERS:
        line = next(line for line in stale if f"/{lang}.po:" in line)
        assert line.startswith(f"translations/forms/{WATER}/{lang}.po: {LABEL}: stale {lang!r} text")
        assert NEW_JA in line

    # The English page shows the new Japanese, marked as Japanese, never the outdated English.
    english = _page_html(forms_dir, tmp_path / "one", database_url, "en")
    assert f'<span lang="ja">{NEW_JA}</span>' in english, english[:2000]
    assert OLD_EN not in english.split('id="main"')[1]

    # update: the old English stays as a fuzzy hint; a translator's CSV row makes it current.
    result = runner.invoke(args=["forms", "translations", "update", WATER])
    assert result.exit_code == 0, result.output
    hint = entry(po(forms_dir, WATER, "en"), LABEL)
    assert hint.fuzzy and hint.previous_id == [OLD_JA] and hint.string == OLD_EN
    csv_path = tmp_path / "en.csv"
    result = runner.invoke(args=["forms", "translations", "export", WATER, "--lang", "en", "--out", str(csv_path)])
    assert result.exit_code == 0, result.output
    text = csv_path.read_bytes().decode("utf-8-sig").replace(f"{NEW_JA},\r\n", f"{NEW_JA},{NEW_EN}\r\n")
    csv_path.write_bytes(text.encode("utf-8-sig"))
    result = runner.invoke(args=["forms", "translations", "import", WATER, "--lang", "en", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert "1 text(s) changed" in result.stderr
    current = entry(po(forms_dir, WATER, "en"), LABEL)
    assert current.string == NEW_EN and not current.fuzzy
    assert NEW_EN in _page_html(forms_dir, tmp_path / "two", database_url, "en")
    result = runner.invoke(args=["forms", "check", str(forms_dir / f"{WATER}.json")])
    assert [line for line in result.stdout.splitlines() if "/en.po" in line] == []


def _page_html(forms: Path, instance: Path, database_url: str, lang: str) -> str:
    """The first page of the water form in `lang`, from an app started on `forms` now."""
    instance.mkdir()
    app = create_app(base_config(instance, forms, database_url))
    response = Citizen(app.test_client(), WATER, lang).start()
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- the same pages from either layout --------------------------------------------------------------
TOKENS = re.compile(r'(name="(?:csrf_token|submit_token)" value=")[^"]+"|(nonce=")[^"]+"|(/attachments/)\d+')


def _walk(app, slug: str, lang: str) -> list[str]:
    """The start page, every page of the form (valid answers posted) and the check page, as HTML."""
    from tests.browser.answers import page_answers

    definition = app.extensions["formbuilder.catalogue"].get(slug)
    citizen = Citizen(app.test_client(), slug, lang)
    shown = [citizen.get(citizen.url("")).get_data(as_text=True), citizen.start().get_data(as_text=True)]
    for page_id, answers in page_answers(definition).items():
        response = citizen.post_page(page_id, answers, follow=True)
        shown.append(response.get_data(as_text=True))
    shown.append(citizen.check().get_data(as_text=True))
    return [TOKENS.sub(_token, html) for html in shown]


def _token(found: re.Match) -> str:
    return found.group(3) + "N" if found.group(3) else (found.group(1) or found.group(2)) + 'x"'


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_reads_the_same_from_the_catalogues_as_from_inline_translations(tmp_path, database_url, slug):
    from formbuilder.exports.csv import headers

    forms = copy_site(tmp_path / "site")
    inline = inline_copy(forms, tmp_path / "old" / "forms")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = create_app(base_config(tmp_path / "a", inline, database_url))
    after = create_app(base_config(tmp_path / "b", forms, database_url))
    old, new = (app.extensions["formbuilder.catalogue"].get(slug) for app in (before, after))
    assert old.source == new.source  # what receipts, exports and the API of a submission read
    for lang in LANGUAGE_CODES:
        assert headers(old, lang) == headers(new, lang), lang
        pages_before, pages_after = _walk(before, slug, lang), _walk(after, slug, lang)
        assert len(pages_before) == len(pages_after)
        for index, (one, two) in enumerate(zip(pages_before, pages_after, strict=True)):
            assert one == two, f"{slug} {lang}: page {index} differs"


# --- translations update ---------------------------------------------------------------------------
def _insert_field(forms: Path, slug: str, page: int, index: int, field: dict) -> None:
    path = forms / f"{slug}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["pages"][page]["fields"].insert(index, field)
    path.write_text(dumps(raw), encoding="utf-8")


def test_a_question_inserted_moves_the_pointers_and_keeps_every_translation(runner, forms_dir):
    english = po(forms_dir, WATER, "en")
    help_before = entry(english, "/pages/0/fields/0/help").string
    _insert_field(forms_dir, WATER, 0, 0, {"name": "note", "type": "text", "max_length": 20, "label": "備考"})
    # Before the update: the shifted texts are found by their Japanese; only the new one is missing.
    loaded = load_file(forms_dir / f"{WATER}.json")
    assert loaded.definition is not None
    assert {p.pointer for p in loaded.translation_problems} == {"/pages/0/fields/0/label"}
    assert loaded.definition.pages[0].fields[1].help.values["en"] == help_before
    result = runner.invoke(args=["forms", "translations", "update", WATER])
    assert result.exit_code == 0, result.output
    assert f"{english}: updated (1 new, 0 fuzzy, 0 dropped)" in result.stderr
    assert entry(english, "/pages/0/fields/1/help").string == help_before
    assert not entry(english, "/pages/0/fields/1/help").fuzzy
    assert entry(english, "/pages/0/fields/0/label").string == ""
    again = runner.invoke(args=["forms", "translations", "update", WATER])
    assert f"{english}: unchanged (0 new, 0 fuzzy, 0 dropped)" in again.stderr


def test_a_removed_text_is_dropped_and_a_fuzzy_entry_is_never_shown(runner, forms_dir):
    path = forms_dir / f"{WATER}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    del raw["pages"][0]["fields"][0]["help"]
    path.write_text(dumps(raw), encoding="utf-8")
    result = runner.invoke(args=["forms", "translations", "update", WATER])
    assert "0 new, 0 fuzzy, 1 dropped" in result.stderr
    assert all(m.context != "/pages/0/fields/0/help" for m in read_catalogue(po(forms_dir, WATER, "vi")))
    # A translator's fuzzy mark: the reader sees the Japanese, `forms check` says why.
    vi = po(forms_dir, WATER, "vi")
    text = vi.read_text(encoding="utf-8")
    vi.write_text(text.replace('msgctxt "/title"', '#, fuzzy\nmsgctxt "/title"', 1), encoding="utf-8")
    loaded = load_file(path)
    assert loaded.definition is not None and "vi" not in loaded.definition.title.values
    assert [str(p) for p in loaded.translation_problems] == [
        f"translations/forms/{WATER}/vi.po: /title: the 'vi' text is marked fuzzy (to review after a change of the Japanese)"
    ]


def test_a_broken_catalogue_is_reported_and_the_form_still_served_in_japanese(runner, forms_dir):
    po(forms_dir, WATER, "ko").write_text('msgctxt "/title"\nmsgid "水道使用開始届\n', encoding="utf-8")
    loaded = load_file(forms_dir / f"{WATER}.json")
    assert loaded.definition is not None and "ko" not in loaded.definition.title.values
    assert "en" in loaded.definition.title.values
    result = runner.invoke(args=["forms", "check", str(forms_dir / f"{WATER}.json")])
    assert result.exit_code == 1
    assert f"translations/forms/{WATER}/ko.po: /: cannot read the catalogue" in result.stdout


def test_a_catalogue_missing_for_a_declared_language_names_every_text(runner, forms_dir):
    po(forms_dir, WATER, "ne").unlink()
    result = runner.invoke(args=["forms", "check", str(forms_dir / f"{WATER}.json")])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "/ne.po" in line]
    assert lines[0] == f"translations/forms/{WATER}/ne.po: /title: missing the 'ne' text"
    assert len(lines) == sum(1 for m in read_catalogue(po(forms_dir, WATER, "en")) if m.id and "#" not in m.context)
    result = runner.invoke(args=["forms", "translations", "update", WATER])
    assert po(forms_dir, WATER, "ne").is_file()


# --- the translator's CSV ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "ja-easy", "pt-BR"])
def test_csv_export_then_import_leaves_the_catalogue_byte_identical(runner, forms_dir, tmp_path, lang):
    before = {path: path.read_bytes() for path in (forms_dir.parent / "translations").rglob("*.po")}
    out = tmp_path / "out.csv"
    result = runner.invoke(args=["forms", "translations", "export", WASTE, "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["forms", "translations", "import", WASTE, "--lang", lang, str(out)])
    assert result.exit_code == 0, result.output
    assert "0 text(s) changed" in result.stderr
    assert {path: path.read_bytes() for path in before} == before


# --- bundles ----------------------------------------------------------------------------------------
def test_a_bundle_carries_a_form_to_another_city_and_check_reads_it(runner, forms_dir, tmp_path):
    out = tmp_path / "water.zip"
    result = runner.invoke(args=["forms", "bundle", WATER, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names[0] == f"forms/{WATER}.json"
        assert sorted(names[1:]) == sorted(f"translations/forms/{WATER}/{lang}.po" for lang in OTHERS)
        assert archive.read(f"translations/forms/{WATER}/en.po") == po(forms_dir, WATER, "en").read_bytes()
    result = runner.invoke(args=["forms", "check", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 definition(s) checked, 0 with errors" in result.stderr
    # The same bundle with one stale translation: named in the bundle's own layout.
    broken = tmp_path / "stale.zip"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith("/vi.po"):
                data = data.replace(f'msgid "{OLD_JA}"'.encode(), 'msgid "水道の住所"'.encode())
            target.writestr(name, data)
    result = runner.invoke(args=["forms", "check", str(broken)])
    assert result.exit_code == 1
    assert f"translations/forms/{WATER}/vi.po: {LABEL}: stale 'vi' text" in result.stdout


@pytest.mark.parametrize(
    ("name", "why"),
    [("../evil.json", "does not belong in a bundle"), ("forms/x/y.json", "does not belong in a bundle")],
)
def test_a_bundle_with_files_out_of_place_is_refused(runner, tmp_path, name, why):
    out = tmp_path / "bad.zip"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "{}")
    result = runner.invoke(args=["forms", "check", str(out)])
    assert result.exit_code == 1
    assert why in result.output


def test_an_empty_bundle_or_not_a_zip_is_refused(runner, tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    assert "holds no definition" in runner.invoke(args=["forms", "check", str(empty)]).output
    fake = tmp_path / "fake.zip"
    fake.write_text("not a zip", encoding="utf-8")
    result = runner.invoke(args=["forms", "check", str(fake)])
    assert result.exit_code == 1 and "File is not a zip file" in result.output
