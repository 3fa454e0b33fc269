"""The OpenAPI document: served without a token, describes every API route, references resolve."""

from __future__ import annotations

import re

import jsonschema

from formbuilder.api.openapi import document
from tests.api.support import api_get, make_token
from tests.staff.test_submissions import submit_water

UNDOCUMENTED = {"api.not_found"}  # the JSON 404 for any other path


def _operations(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint not in UNDOCUMENTED:
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            found |= {(method.lower(), path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_route_is_documented_and_nothing_else(app):
    spec = document()
    documented = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert documented == _operations(app)
    assert spec["openapi"] == "3.1.0" and spec["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation["operationId"] and operation["responses"], (method, path)
            names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert names == set(re.findall(r"{(\w+)}", path)), (method, path)


def test_every_reference_resolves(app):
    spec = document()
    for ref in re.findall(r"'\$ref': '#/([^']+)'", repr(spec)):
        node = spec
        for part in ref.split("/"):
            node = node[part]


def test_it_is_served_as_json_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json() == document()


def test_real_answers_match_their_schemas(app, client, runner):
    reference = submit_water(app)
    token = make_token(runner, "suido-kikan", "water")
    spec = document()
    schemas = {"components": spec["components"]}

    def check(body, name: str) -> None:
        jsonschema.validate(body, {**schemas, "$ref": f"#/components/schemas/{name}"})

    check(api_get(client, f"/submissions/{reference}", token).get_json(), "SubmissionDetail")
    check(api_get(client, "/forms/water-supply-start/submissions", token).get_json(), "SubmissionPage")
    check(api_get(client, "/forms/water-supply-start/submissions?limit=0", token).get_json(), "Error")
    for form in api_get(client, "/forms", token).get_json()["forms"]:
        check(form, "Form")
