"""The forms being served: every valid file of the definitions folder, loaded once."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .departments import NONE, Departments, load_departments
from .loader import Problem, build, load_file
from .model import FormDefinition

log = logging.getLogger(__name__)


@dataclass
class Catalogue:
    forms: dict[str, FormDefinition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    departments: Departments = NONE

    def get(self, slug: str) -> FormDefinition | None:
        return self.forms.get(slug)

    def listed(self) -> list[FormDefinition]:
        return sorted(self.forms.values(), key=lambda d: d.slug)


def definition_paths(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.json") if not p.name.startswith("_"))


def load_catalogue(directory: Path) -> Catalogue:
    """Load every definition; a broken one is reported and left out, the others are served."""
    catalogue = Catalogue(departments=load_departments(directory))
    for pointer, message in catalogue.departments.problems:
        catalogue.problems.append(Problem(catalogue.departments.path, pointer, message))
        log.error("departments file: %s: %s", pointer, message)
    for path in definition_paths(directory):
        result = load_file(path)
        if result.definition is None:
            catalogue.problems.extend(result.problems)
            for problem in result.problems:
                log.error("form definition not served: %s", problem)
            continue
        catalogue.forms[result.definition.slug] = result.definition
    return catalogue


@lru_cache(maxsize=256)
def from_source(source: str) -> FormDefinition:
    """Rebuild a stored definition version (for receipts and exports of older submissions)."""
    return build(json.loads(source))
