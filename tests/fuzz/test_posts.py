"""Random posts into every page of every shipped form: refused or kept, never a server error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formbuilder.definitions.catalogue import definition_paths
from formbuilder.fields import REGISTRY
from tests.conftest import SHIPPED_FORMS
from tests.security.journeys import fill_every_page

FORMS = {p.stem: p for p in sorted(definition_paths(SHIPPED_FORMS))}
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(["", " ", "０", "-1", "1e309", "NaN", "2024-02-30", "\x00", "\r\n", "𠮷" * 500, "x" * 20_000]),
)
NOT_TOO_SLOW = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _inputs(app) -> dict[str, list[tuple[str, list[str]]]]:
    """Every form's pages with the input names its fields read."""
    catalogue = app.extensions["formbuilder.catalogue"]
    return {
        slug: [
            (page.id, [n for f in page.fields for n in REGISTRY[f.type].input_names(f)])
            for page in catalogue.get(slug).pages
        ]
        for slug in FORMS
    }


@st.composite
def posts(draw, pages: dict[str, list[tuple[str, list[str]]]]):
    slug = draw(st.sampled_from(sorted(pages)))
    page_id, names = draw(st.sampled_from(pages[slug]))
    chosen = draw(st.lists(st.sampled_from(names or ["x"]), max_size=len(names) + 1)) if names else []
    data: dict[str, object] = {name: draw(st.one_of(texts, st.lists(texts, max_size=3))) for name in chosen}
    data.update(draw(st.dictionaries(st.text(max_size=12), texts, max_size=3)))
    data["action"] = draw(st.sampled_from(["next", "back", "save", "assist:x", "", "送信"]))
    with_token = draw(st.booleans())
    where = draw(st.sampled_from(["page", "validate", "submit", "start"]))
    return slug, page_id, data, with_token, where


def test_random_posts_never_cause_a_server_error(app):
    pages = _inputs(app)
    visitors = {}
    for slug in FORMS:  # one browser half-way through each form, so posts reach real drafts
        citizen = fill_every_page(app, app.test_client(), slug)
        visitors[slug] = citizen

    @NOT_TOO_SLOW
    @given(posts(pages))
    def post(case):
        slug, page_id, data, with_token, where = case
        citizen = visitors[slug]
        if with_token:
            data["csrf_token"] = citizen.csrf
        path = {
            "page": f"/forms/{slug}/pages/{page_id}",
            "validate": f"/forms/{slug}/pages/{page_id}/validate",
            "submit": f"/forms/{slug}/submit",
            "start": f"/forms/{slug}/start",
        }[where]
        response = citizen.client.post(path, data=data)
        assert response.status_code < 500, (path, response.status_code)
        response.close()

    post()
