"""`flask forms …` commands for form authors and IT staff."""

from __future__ import annotations

import json
import re
import signal
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .definitions.catalogue import definition_paths
from .definitions.lint import advice, missing_translations, summarise_missing
from .definitions.loader import build, load_file, schema_errors
from .definitions.schema import SCHEMA_PATH, write_schema
from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES

forms = AppGroup("forms", help="Check, export and maintain form definitions and submissions.")


@forms.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate definitions and their catalogues (default: every file in the definitions folder).

    A PATH may be a definition, a folder of them, or a bundle (`flask forms bundle`).
    """
    import tempfile
    import zipfile

    from .definitions.catalogue_tools import unpack
    from .definitions.translations import TranslationError

    with tempfile.TemporaryDirectory(prefix="forms-check-") as unpacked:
        files: list[Path] = []
        for index, path in enumerate(paths or (Path(current_app.config["FORM_DEFINITIONS_DIR"]),)):
            if path.is_dir():
                files.extend(definition_paths(path))
                files.extend(definition_paths(path / "drafts"))  # draft versions (definitions/draft_versions.py)
            elif path.suffix == ".zip":
                try:
                    files.extend(unpack(path, Path(unpacked) / str(index)))
                except (TranslationError, OSError, zipfile.BadZipFile) as exc:
                    raise click.ClickException(f"{path}: {exc}") from exc
            else:
                files.append(path)
        failed = sum(_check_one(path) for path in files)
        failed += sum(_check_departments(folder) for folder in dict.fromkeys(path.parent for path in files))
    click.echo(f"{len(files)} definition(s) checked, {failed} with errors", err=True)
    sys.exit(1 if failed else 0)


def _check_one(path: Path) -> bool:
    """Print the problems of one definition (and its catalogues); return whether it has any."""
    loaded = load_file(path)
    problems = [*loaded.problems, *loaded.translation_problems]
    for problem in problems:
        click.echo(str(problem))
    # Allowed but probably not meant (a text field left at the default max_length): stderr, exit 0.
    for pointer, text in advice(loaded.definition) if loaded.definition else ():
        click.echo(f"{path}: {pointer}: warning: {text}", err=True)
    # What a translator must still do, one line a declared language (on stderr: stdout keeps
    # one `file: pointer: message` line a problem for tools).
    for line in summarise_missing(_missing_translations(path) if loaded.problems else {}):
        click.echo(f"{path}: translations: {line}", err=True)
    return bool(problems)


def _check_departments(folder: Path) -> bool:
    """Print the problems of a folder's `_departments.json`; return whether it has any."""
    from .definitions.departments import load_departments

    departments = load_departments(folder)
    for pointer, message in departments.problems:
        click.echo(f"{departments.path}: {pointer or '/'}: {message}")
    return bool(departments.problems)


def _missing_translations(path: Path) -> dict[str, list[str]]:
    """The texts each declared language lacks, when the file is schema-valid (else none)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if schema_errors(raw):
        return {}
    return missing_translations(build(raw))


@forms.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=SCHEMA_PATH, show_default=True)
def schema(out: Path) -> None:
    """Write the JSON Schema of the definition format (after changing a field type)."""
    write_schema(out)
    click.echo(f"wrote {out}")


def _day_start(value: date | None, extra_days: int = 0) -> datetime | None:
    if value is None:
        return None
    tokyo = timezone(timedelta(hours=9))
    return datetime.combine(value + timedelta(days=extra_days), time(), tokyo)


@forms.command("export")
@click.argument("slug")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (Japan time), inclusive.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (Japan time), inclusive.")
@click.option("--encoding", type=click.Choice(["utf-8-sig", "cp932"]), default="utf-8-sig", show_default=True)
@click.option("--replace", is_flag=True, help="With cp932, write characters it cannot hold as '?' instead of failing.")
@click.option("--header-language", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option(
    "--groups",
    type=click.Choice(["wide", "long"]),
    default="wide",
    show_default=True,
    help="Repeating groups: numbered columns up to max, or one row per item keyed by 受付番号.",
)
@click.option("--out", required=True, type=click.Path(path_type=Path))
def export(slug, since, until, encoding, replace, header_language, groups, out: Path) -> None:
    """Write the submissions of form SLUG as CSV."""
    from .exports.csv import ExportOptions, write_export

    definition = current_app.extensions["formbuilder.catalogue"].get(slug)
    if definition is None:
        raise click.ClickException(f"no form {slug!r} is served")
    if not out.parent.is_dir():
        raise click.ClickException(f"folder {str(out.parent)!r} does not exist")
    options = ExportOptions(
        since=_day_start(since.date() if since else None),
        until=_day_start(until.date() if until else None, extra_days=1),
        encoding=encoding,
        replace=replace,
        header_language=header_language,
        groups=groups,
    )
    report = write_export(definition, options, out)
    for loss in report.losses:
        click.echo(
            f"{loss.reference}: {loss.column}: cannot be written in {encoding}: {loss.character!r} (U+{ord(loss.character):04X})",
            err=True,
        )
    if report.losses and not replace:
        click.echo(
            f"export failed: {len(report.losses)} character(s) cannot be written in {encoding}; use --replace or utf-8-sig",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{report.rows} row(s) written to {out}", err=True)


@forms.command("cleanup")
@click.option(
    "--grace-hours",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Age after which temporary files and stored files without a database row are removed.",
)
def cleanup(grace_hours: float) -> None:
    """Delete expired drafts, closed submissions past their retention period, their files, and
    attachment files left by crashes. Run it daily (cron or a systemd timer)."""
    from .attachments.sweep import sweep
    from .backoffice.retention import purge
    from .flows.drafts import purge_expired

    click.echo(f"{purge_expired()} expired draft(s) deleted")
    click.echo(f"{sum(1 for _ in purge())} closed submission(s) past their retention period deleted")
    report = sweep(timedelta(hours=grace_hours))
    click.echo(f"{report.abandoned} attachment(s) of expired or abandoned drafts deleted")
    click.echo(f"{report.temp_files} temporary file(s) removed")
    click.echo(f"{report.orphans} orphan file(s) without a database row removed")
    if report.missing:
        ids = ", ".join(map(str, report.missing))
        click.echo(f"warning: {len(report.missing)} attachment row(s) whose file is missing: id {ids}", err=True)


@forms.command("purge")
@click.option("--dry-run", is_flag=True, help="List what is due without deleting anything.")
def purge_command(dry_run: bool) -> None:
    """Delete closed submissions (完了・却下・取り下げ) past their form's retention_days, with
    their files; each deletion is in the audit log. `cleanup` runs this too."""
    from .backoffice.days import JST
    from .backoffice.retention import due, purge

    listed = []
    for item in due() if dry_run else purge():
        closed = item.closed_at.astimezone(JST).date().isoformat()
        click.echo(f"{item.reference}\t{item.form_slug}\tclosed {closed}\tretention {item.retention_days} days")
        listed.append(item)
    click.echo(
        f"{len(listed)} closed submission(s) due; dry run, nothing deleted" if dry_run else f"{len(listed)} deleted"
    )


@forms.command("exits")
@click.argument("slug")
def exits_command(slug: str) -> None:
    """Print how many drafts reached each eligibility exit of a form, a line a day (Japan time)."""
    from .flows.exits import counts

    rows = counts(slug)
    for row in rows:
        click.echo(f"{row.day.isoformat()}\t{row.exit_id}\t{row.count}")
    click.echo(f"{sum(row.count for row in rows)} exit(s) counted for {slug}", err=True)


translations = AppGroup(
    "translations", help="Keep a form's catalogues in line with it; hand its texts to a translator as CSV and back."
)
forms.add_command(translations)


def _definition_path(slug: str) -> Path:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise click.ClickException(f"{slug!r} is not a form slug (lower-case a-z, 0-9 and hyphens)")
    path = Path(current_app.config["FORM_DEFINITIONS_DIR"]) / f"{slug}.json"
    if not path.is_file():
        raise click.ClickException(f"no definition file {str(path)!r}")
    return path


LANGUAGE = click.Choice([code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE])


@translations.command("export")
@click.argument("slug")
@click.option("--lang", required=True, type=LANGUAGE, help="The language to translate into.")
@click.option("--out", type=click.Path(path_type=Path), help="CSV file to write (default: SLUG.LANG.csv).")
def translations_export(slug: str, lang: str, out: Path | None) -> None:
    """Write form SLUG's texts as CSV (UTF-8 with BOM): key, ja, the LANG text."""
    from .definitions.translations import TranslationError, load_for_translation, rows, write_export

    path = _definition_path(slug)
    try:
        _, definition = load_for_translation(path)
    except TranslationError as exc:
        raise click.ClickException(str(exc)) from exc
    out = out or Path(f"{slug}.{lang}.csv")
    if not out.parent.is_dir():
        raise click.ClickException(f"folder {str(out.parent)!r} does not exist")
    count = write_export(definition, lang, out)
    missing = sum(1 for row in rows(definition, lang) if not row.text)
    click.echo(f"{count} text(s) written to {out} ({missing} without a {lang} translation)", err=True)


@translations.command("import")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", required=True, type=LANGUAGE, help="The language of the CSV's third column.")
def translations_import(slug: str, file: Path, lang: str) -> None:
    """Read a translator's CSV back into form_definitions/SLUG.json (only LANG texts change)."""
    from .definitions.translations import TranslationError, import_file

    path = _definition_path(slug)
    try:
        report = import_file(path, lang, file.read_bytes())
    except TranslationError as exc:
        raise click.ClickException(str(exc)) from exc
    for message in report.messages():
        click.echo(f"{file}: {message}", err=True)
    state = f"{path} updated" if report.written else f"{path} unchanged"
    click.echo(
        f"{len(report.changed)} text(s) changed, {report.unchanged} unchanged, {report.empty} empty, "
        f"{len(report.skipped)} skipped, {len(report.refused)} refused: {state}",
        err=True,
    )
    sys.exit(1 if report.refused or report.skipped else 0)


@translations.command("update")
@click.argument("slugs", nargs=-1)
def translations_update(slugs: tuple[str, ...]) -> None:
    """Write or merge the catalogues of forms SLUGS (default: every form) with their definitions.

    New texts get empty entries, texts whose Japanese changed keep their old translation marked
    fuzzy (the old Japanese shown as the hint), texts that are gone are dropped.
    """
    from .definitions.catalogue_tools import update
    from .definitions.translations import TranslationError

    for path in _paths(slugs):
        try:
            done = update(path)
        except TranslationError as exc:
            raise click.ClickException(f"{path}: {exc}") from exc
        for one in done:
            state = "updated" if one.written else "unchanged"
            click.echo(f"{one.path}: {state} ({one.added} new, {one.fuzzy} fuzzy, {one.dropped} dropped)", err=True)


@translations.command("migrate")
@click.argument("slugs", nargs=-1)
def translations_migrate(slugs: tuple[str, ...]) -> None:
    """Move the translations written inside definitions SLUGS (default: all) into catalogues."""
    from .definitions.catalogue_tools import migrate
    from .definitions.translations import TranslationError

    for path in _paths(slugs):
        try:
            written = migrate(path)
        except TranslationError as exc:
            raise click.ClickException(f"{path}: {exc}") from exc
        click.echo(f"{path}: " + (f"{len(written) - 1} catalogue(s) written" if written else "no inline translation"))


def _paths(slugs: tuple[str, ...]) -> list[Path]:
    if slugs:
        return [_definition_path(slug) for slug in slugs]
    return definition_paths(Path(current_app.config["FORM_DEFINITIONS_DIR"]))


@forms.command("bundle")
@click.argument("slug")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Zip to write (default: SLUG.zip).")
def bundle_command(slug: str, out: Path | None) -> None:
    """Write form SLUG and its catalogues to one zip, to hand the procedure to another city."""
    from .definitions.catalogue_tools import bundle

    path = _definition_path(slug)
    out = out or Path(f"{slug}.zip")
    if not out.parent.is_dir():
        raise click.ClickException(f"folder {str(out.parent)!r} does not exist")
    names = bundle(path, out)
    click.echo(f"{out}: {len(names)} file(s): {', '.join(names)}", err=True)


@forms.command("preview")
@click.argument("slug", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=5001, show_default=True, help="0: any free port.")
def preview_command(slug: str | None, port: int) -> None:
    """Serve the forms folder for authors on http://127.0.0.1 (own throw-away database, banner,
    definitions and their catalogues read again when edited); Ctrl+C stops it and deletes its data."""
    from werkzeug.serving import make_server

    from .definitions.draft_versions import draft_path
    from .preview import create_preview_app, preview_folder

    forms_dir = Path(current_app.config["FORM_DEFINITIONS_DIR"])
    if slug is not None and not any(p.is_file() for p in (forms_dir / f"{slug}.json", draft_path(forms_dir, slug))):
        raise click.ClickException(f"no definition {slug!r} in {str(forms_dir)!r}")
    # Ctrl+C, or a service manager's TERM, stops the server and deletes the folder (even when the
    # shell that started it ignores SIGINT for background jobs).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with preview_folder() as folder:
        server = make_server("127.0.0.1", port, None, threaded=True)  # type: ignore[arg-type]
        base = f"http://127.0.0.1:{server.server_port}"
        server.app = create_preview_app(forms_dir, folder, base)
        for problem in server.app.extensions["formbuilder.catalogue"].problems:
            click.echo(f"not served: {problem}", err=True)
        click.echo(f"preview of {forms_dir} on {base}/" + (f"forms/{slug}" if slug else "") + " (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        click.echo("preview stopped; its submissions and files are deleted", err=True)


@forms.command("publish")
@click.argument("slug")
def publish_command(slug: str) -> None:
    """Make the draft version of form SLUG (form_definitions/drafts/SLUG.json and its catalogues)
    the live one. Restart the service afterwards; citizens mid-way finish on the version they began."""
    from .definitions.draft_versions import publish

    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise click.ClickException(f"{slug!r} is not a form slug (lower-case a-z, 0-9 and hyphens)")
    try:
        live = publish(Path(current_app.config["FORM_DEFINITIONS_DIR"]), slug)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"published: {live}", err=True)


def init_app(app: Flask) -> None:
    app.cli.add_command(forms)
