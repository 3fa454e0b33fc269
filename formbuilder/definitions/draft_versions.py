"""Draft versions: a new version of a form kept beside the live one until it is published.

An author writes `form_definitions/drafts/<slug>.json` (its catalogues, where the translation
commands put them for that path: `form_definitions/translations/forms/<slug>/`). Citizens keep
the live `form_definitions/<slug>.json`; signed-in staff open the draft at
`/forms/<slug>?version=draft` with the preview banner, and `flask forms publish SLUG` moves the
draft and its catalogues over the live ones. A folder of its own keeps drafts out of the live
catalogue and of `flask forms check` without a naming rule (a file's name is its slug).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from .form_catalogues import catalogue_folder
from .loader import Problem, load_file
from .model import FormDefinition

log = logging.getLogger(__name__)
FOLDER = "drafts"


def draft_path(forms_dir: Path, slug: str) -> Path:
    return forms_dir / FOLDER / f"{slug}.json"


def load_draft_versions(forms_dir: Path) -> tuple[dict[str, FormDefinition], list[Problem]]:
    """Load every draft version; a broken one is reported and left out."""
    found: dict[str, FormDefinition] = {}
    problems: list[Problem] = []
    folder = forms_dir / FOLDER
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        result = load_file(path)
        if result.definition is None:
            problems.extend(result.problems)
            for problem in result.problems:
                log.error("draft version not served: %s", problem)
            continue
        found[result.definition.slug] = result.definition
    return found, problems


def publish(forms_dir: Path, slug: str) -> Path:
    """Make the draft of `slug` the live version (catalogues included); return the live file.

    Raise ValueError when there is no draft or it does not load: the live version stays.
    """
    draft = draft_path(forms_dir, slug)
    if not draft.is_file():
        raise ValueError(f"no draft version {str(draft)!r}")
    result = load_file(draft)
    if result.definition is None:
        raise ValueError("; ".join(str(problem) for problem in result.problems))
    live = forms_dir / f"{slug}.json"
    source, target = catalogue_folder(draft), catalogue_folder(live)
    if source.is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), str(target))
    draft.replace(live)  # one rename: the live file is never missing or half written
    return live
