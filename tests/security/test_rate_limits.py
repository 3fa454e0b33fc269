"""Rate limits on submit, receipt lookup and postal assist; shared between processes through Redis."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT
from tests.security.journeys import fill_every_page
from tests.support import text_of

WAIT = "短い時間に操作が集中したため、受け付けられませんでした"


@pytest.fixture
def config_overrides() -> dict:
    return {
        "RATELIMIT_RECEIPT_LOOKUP": "3 per minute",
        "RATELIMIT_SUBMIT": "1 per minute",
        "RATELIMIT_POSTAL": "2 per minute",
    }


def _lookup(client, csrf: str, reference: str = "7KQ4-X9MT"):
    return client.post("/receipt", data={"csrf_token": csrf, "reference": reference, "secret": "WRONG"})


def _csrf(client) -> str:
    return client.get("/receipt").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]


def test_guessing_receipts_is_stopped_with_retry_after_and_the_reference_kept(client):
    csrf = _csrf(client)
    assert [_lookup(client, csrf).status_code for _ in range(3)] == [422, 422, 422]
    refused = _lookup(client, csrf, "ABCD-EFGH")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert WAIT in text_of(refused)
    assert 'value="ABCD-EFGH"' in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"
    assert client.get("/receipt").status_code == 200  # reading the form is not limited


def test_submitting_too_often_reshows_the_check_page_with_the_answers(app, client):
    water = fill_every_page(app, client, "water-supply-start")
    assert water.submit().status_code == 302
    waste = fill_every_page(app, client, "oversized-waste-collection")
    refused = waste.submit()
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    page = text_of(refused)
    assert WAIT in page and "検査 花子九" in page  # the answers are still there to send later
    assert "送信" in page


def test_postal_lookups_are_limited_with_a_json_answer(client):
    statuses = [client.get("/assist/postal/1000001").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    busy = client.get("/assist/postal/1000001")
    assert busy.status_code == 429 and busy.json["status"] == "busy" and WAIT in busy.json["message"]
    assert int(busy.headers["Retry-After"]) > 0


def test_the_limit_can_be_switched_off(tmp_path, database_url, forms_dir):
    from formbuilder import create_app
    from tests.conftest import base_config

    app = create_app({**base_config(tmp_path, forms_dir, database_url), "RATELIMIT_ENABLED": False})
    client = app.test_client()
    assert {client.get("/assist/postal/1000001").status_code for _ in range(130)} == {200}


LOOKUPS_IN_ANOTHER_PROCESS = """
import json, sys
from pathlib import Path
from formbuilder import create_app
from tests.conftest import base_config
config = json.loads(sys.argv[1])
app = create_app({**base_config(Path(config["folder"]), Path(config["forms"]), config["db"]), **config["limits"]})
client = app.test_client()
page = client.get("/receipt").get_data(as_text=True)
csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
data = {"csrf_token": csrf, "reference": "7KQ4-X9MT", "secret": "WRONG"}
print(json.dumps([client.post("/receipt", data=data).status_code for _ in range(int(config["count"]))]))
"""


def _other_process(tmp_path, database_url, forms_dir, limits: dict, count: int) -> list[int]:
    folder = tmp_path / "other"
    folder.mkdir(exist_ok=True)
    config = {"folder": str(folder), "forms": str(forms_dir), "db": database_url, "limits": limits, "count": count}
    done = subprocess.run(
        [sys.executable, "-c", LOOKUPS_IN_ANOTHER_PROCESS, json.dumps(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("store", ["redis", "memory"])
def test_two_app_processes_share_the_count_only_through_redis(tmp_path, database_url, forms_dir, store, request):
    from formbuilder import create_app
    from tests.conftest import base_config

    limits = {"RATELIMIT_RECEIPT_LOOKUP": "4 per minute"}
    if store == "redis":
        limits["RATELIMIT_STORAGE_URI"] = request.getfixturevalue("redis_url")
        limits["RATELIMIT_STORAGE_OPTIONS"] = {"key_prefix": f"fbtest-{uuid.uuid4().hex}"}
    assert _other_process(tmp_path, database_url, forms_dir, limits, 3) == [422, 422, 422]
    app = create_app({**base_config(tmp_path, forms_dir, database_url), **limits})
    client = app.test_client()
    csrf = _csrf(client)
    statuses = [_lookup(client, csrf).status_code for _ in range(2)]
    # Redis: 3 + 1 reach the limit of 4, the next is refused; memory: each process counts alone.
    assert statuses == ([422, 429] if store == "redis" else [422, 422])
