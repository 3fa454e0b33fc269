"""`flask forms …` commands for form authors and IT staff."""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .definitions.catalogue import definition_paths
from .definitions.loader import load_file
from .definitions.schema import SCHEMA_PATH, write_schema

forms = AppGroup("forms", help="Check, export and maintain form definitions and submissions.")


@forms.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate definitions (default: every file in the definitions folder)."""
    files: list[Path] = []
    for path in paths or (Path(current_app.config["FORM_DEFINITIONS_DIR"]),):
        files.extend(definition_paths(path) if path.is_dir() else [path])
    failed = 0
    for path in files:
        problems = load_file(path).problems
        for problem in problems:
            click.echo(str(problem))
        failed += bool(problems)
    click.echo(f"{len(files)} definition(s) checked, {failed} with errors", err=True)
    sys.exit(1 if failed else 0)


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
@click.option("--out", required=True, type=click.Path(path_type=Path))
def export(slug, since, until, encoding, replace, header_language, out: Path) -> None:
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
    """Delete expired drafts, their attachments, and attachment files left by crashes."""
    from .attachments.sweep import sweep
    from .flows.drafts import purge_expired

    click.echo(f"{purge_expired()} expired draft(s) deleted")
    report = sweep(timedelta(hours=grace_hours))
    click.echo(f"{report.abandoned} attachment(s) of expired or abandoned drafts deleted")
    click.echo(f"{report.temp_files} temporary file(s) removed")
    click.echo(f"{report.orphans} orphan file(s) without a database row removed")
    if report.missing:
        ids = ", ".join(map(str, report.missing))
        click.echo(f"warning: {len(report.missing)} attachment row(s) whose file is missing: id {ids}", err=True)


def init_app(app: Flask) -> None:
    app.cli.add_command(forms)
