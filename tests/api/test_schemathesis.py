"""Schemathesis against the API served by a real server: no 5xx, responses as the document says.

The app runs under werkzeug's server in a thread on 127.0.0.1 with a SQLite file holding a few
submissions (one with attached files) and a read+status token; schemathesis (its CLI, as a core
system's developer would run it) generates requests for every operation of /api/v1/openapi.json.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from xml.etree import ElementTree

from werkzeug.serving import make_server

from tests.api.support import make_token
from tests.staff.test_submissions import submit_child_allowance, submit_water

# Every operation but GET /openapi.json, which schemathesis leaves out as the document it reads.
OPERATIONS = {
    "GET /forms",
    "GET /forms/{slug}/submissions",
    "GET /submissions/{reference}",
    "GET /submissions/{reference}/attachments/{attachment_id}",
    "POST /submissions/{reference}/status",
}
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"


def test_the_live_api_conforms_to_its_openapi_document(app, runner, tmp_path):
    app.config["RATELIMIT_API"] = "100000 per minute"
    submit_water(app)
    submit_water(app)
    submit_child_allowance(app)
    token = make_token(runner, "schemathesis", "water", "child", write=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/api/v1"
    try:
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "schemathesis"),
                "run",
                f"{base}/openapi.json",
                "--url",
                base,
                "--checks",
                CHECKS,
                "--header",
                f"Authorization: Bearer {token}",
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                "30",
                "--seed",
                "20261202",
                "--workers",
                "2",
                "--request-timeout",
                "20",
                "--report",
                "junit",
                "--report-junit-path",
                str(tmp_path / "junit.xml"),
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
            cwd=tmp_path,  # its cache folder (.schemathesis/) goes there, not into the repository
            env={"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path), "NO_COLOR": "1"},
        )
    finally:
        server.shutdown()
        server.server_close()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    tested = {case.get("name") for case in ElementTree.parse(tmp_path / "junit.xml").iter("testcase")}
    assert tested == OPERATIONS, (sorted(tested), output[-6000:])
