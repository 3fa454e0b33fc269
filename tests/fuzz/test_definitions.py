"""Generated definitions into the loader and linter: a clear list of problems, never a traceback."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.definitions.loader import load_data
from tests.conftest import SHIPPED_FORMS

SHIPPED = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(definition_paths(SHIPPED_FORMS))]
KEYS = ["slug", "version", "title", "languages", "pages", "fields", "id", "type", "name", "label", "required"]
KEYS += ["when", "choices", "value", "min", "max", "pattern", "max_length", "field", "equals", "in", "all", "any"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20), st.sampled_from(KEYS)
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=30,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_clear(raw) -> None:
    result = load_data(raw, "fuzz.json")
    if result.definition is None:
        assert result.problems, "refused without saying why"
        for problem in result.problems:
            assert problem.message.strip() and "Traceback" not in problem.message, problem


@FAST
@given(trees)
def test_any_json_tree_is_refused_or_accepted_clearly(raw):
    assert_clear(raw)


def _paths(tree, path=()):
    yield path
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _paths(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _paths(value, (*path, index))


@st.composite
def mutated_definitions(draw):
    """A shipped definition with a few parts replaced by random JSON or removed: nearly valid."""
    raw = copy.deepcopy(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(raw) if p]
        path = draw(st.sampled_from(paths))
        parent = raw
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(trees)
    return raw


@FAST
@given(mutated_definitions())
def test_nearly_valid_definitions_are_refused_or_accepted_clearly(raw):
    assert_clear(raw)
