"""The API's own description is valid OpenAPI 3.1, covers every table and format, and holds:
schemathesis fuzzes the live server from it and finds no 5xx and no answer outside its schema."""
from __future__ import annotations

import os
import subprocess

from openapi_spec_validator import validate

from conventions.paths import ROOT
from publish.exports import FORMATS, TABLES
from tests.api.support import ARTIFACTS, Api

SCHEMATHESIS = ROOT / ".venv" / "bin" / "schemathesis"
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_headers_conformance", "response_schema_conformance")
# Generated requests per operation: 35 operations, so a few hundred requests in all (the coverage
# phase adds thousands of boundary cases: 5,209 requests and 328 s here, so it is left to manual runs
# with `--phases examples,coverage,fuzzing`).
MAX_EXAMPLES = 12


def test_openapi_validates_and_covers_every_table(api: Api) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    expected = {f"/api/v1/{table}.{fmt}" for table in TABLES for fmt in FORMATS}
    assert expected <= set(document["paths"])
    assert "/api/v1/observations/{obs_id}" in document["paths"]
    assert document["servers"] == [{"url": api.base}]


def test_declared_parameters_are_accepted(api: Api) -> None:
    """Every documented parameter of every operation is one the API takes (a valid value is
    not refused as unknown)."""
    document = api.get("/api/v1/openapi.json").json()
    for path, item in document["paths"].items():
        names = {p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"}
        for name in names - {"region", "indicator", "source", "from", "to", "offset", "limit", "bom", "q"}:
            response = api.get(path, params={name: "1"} | ({"source": "volunteering-2023"}
                                                            if "source_lines" in path else {}))
            assert "not a parameter" not in response.text, (path, name, response.text)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(api: Api) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    command = [str(SCHEMATHESIS), "run", f"{api.base}/api/v1/openapi.json", "--checks", ",".join(CHECKS),
               "--max-examples", str(MAX_EXAMPLES), "--workers", "1", "--phases", "examples,fuzzing",
               "--request-timeout", "60", "--seed", "16"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1_500, cwd=ARTIFACTS,
                         env={**os.environ, "NO_COLOR": "1"})
    (ARTIFACTS / "schemathesis.log").write_text(run.stdout + run.stderr, encoding="utf-8")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
