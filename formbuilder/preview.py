"""The authors' preview: the forms folder served on http://127.0.0.1 with an app of its own.

`flask forms preview` builds a second app over the same definitions folder with everything a
form author needs and nothing of the real service: a SQLite database and an attachment folder
in a temporary directory (deleted when the preview stops, so its submissions never reach the
real database, staff lists, exports or statistics), cookies without Secure (plain http), a
「プレビュー」 banner on every page, and definitions read again when their file, or one of their
catalogues (translations/forms/<slug>/<lang>.po), changes.

A staff member signed in to the real service opens a form's draft version
(`<slug>.draft.json`) with the same banner: `preview_banner` is true for it too (web/citizen.py).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g

from .definitions.catalogue import Catalogue, load_catalogue
from .definitions.draft_versions import load_draft_versions

CATALOGUE = "formbuilder.catalogue"


def preview_config(forms_dir: Path, workdir: Path, base_url: str) -> dict[str, Any]:
    """The configuration of a preview app: its own database and files under `workdir`."""
    return {
        "PREVIEW": True,
        "INSTANCE_PATH": str(workdir),
        "SECRET_KEY": secrets.token_hex(32),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'preview.sqlite3'}",
        "ATTACHMENT_DIR": str(workdir / "attachments"),
        "ATTACHMENT_STORE": "disk",
        "FORM_DEFINITIONS_DIR": str(forms_dir),
        "COOKIE_SECURE": False,
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "fb_preview_session",
        "BASE_URL": base_url,
        "EXTRA_TRUSTED_HOSTS": ("127.0.0.1", "localhost"),
        "TRUSTED_PROXIES": 0,
        "RATELIMIT_STORAGE_URI": "memory://",  # never the real service's Redis counts
    }


def create_preview_app(forms_dir: Path, workdir: Path, base_url: str) -> Flask:
    """Create a preview app over `forms_dir` and apply the migrations to its own database."""
    from flask_migrate import upgrade

    from . import create_app

    app = create_app(preview_config(forms_dir, workdir, base_url))
    with app.app_context():
        upgrade()
    return app


@contextmanager
def preview_folder() -> Iterator[Path]:
    """A temporary folder for the preview's database and files, deleted afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="formbuilder-preview-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def watched_files(forms_dir: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every definition and per-form catalogue an author may edit."""
    catalogues = forms_dir.parent / "translations" / "forms"
    drafts = forms_dir / "translations" / "forms"  # where a draft version's catalogues go
    paths = [
        *forms_dir.glob("*.json"),
        *forms_dir.glob("drafts/*.json"),
        *(catalogues.glob("*/*.po") if catalogues.is_dir() else ()),
        *(drafts.glob("*/*.po") if drafts.is_dir() else ()),
    ]
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # removed between glob and stat
            continue
        found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def reload_if_changed(app: Flask) -> bool:
    """Load the definitions again when a watched file changed; return whether they were."""
    forms_dir = Path(app.config["FORM_DEFINITIONS_DIR"])
    seen = watched_files(forms_dir)
    if seen == app.extensions.get("formbuilder.preview_seen"):
        return False
    load(app, load_catalogue(forms_dir))
    app.extensions["formbuilder.preview_seen"] = seen
    return True


def load(app: Flask, catalogue: Catalogue) -> None:
    """Serve `catalogue` with the draft versions beside it; in a preview, in place of the live ones."""
    drafted, problems = load_draft_versions(Path(app.config["FORM_DEFINITIONS_DIR"]))
    catalogue.problems.extend(problems)
    if app.config.get("PREVIEW"):  # authors see what they are writing; the banner is on anyway
        catalogue.forms.update(drafted)
        drafted = {}
    app.extensions[CATALOGUE] = catalogue
    app.extensions["formbuilder.draft_versions"] = drafted


def init_app(app: Flask) -> None:
    """Banner for every page; in a preview app, definitions re-read when their files change."""

    @app.context_processor
    def _banner() -> dict[str, bool]:
        return {"preview_banner": bool(current_app.config.get("PREVIEW") or g.get("draft_version"))}

    load(app, app.extensions[CATALOGUE])
    if not app.config.get("PREVIEW"):
        return
    app.extensions["formbuilder.preview_seen"] = watched_files(Path(app.config["FORM_DEFINITIONS_DIR"]))

    @app.before_request
    def _reload() -> None:
        reload_if_changed(current_app._get_current_object())  # type: ignore[attr-defined]
