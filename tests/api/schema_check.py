"""Checking an answer against what the schema documents for it.

`assert_matches_schema(schema, "get", "/api/v1/batches/", 200, response.json())` finds the
documented response of that operation and status, and validates the body with
openapi-schema-validator (OpenAPI 3.0's dialect: `nullable`, formats), its `$ref`s resolved
in the whole document through a `referencing` Registry.

Objects are checked closed: a key the schema does not document fails, as a missing required
one does. An outside client has only the schema; what it does not say does not exist.
"""

import copy
import json
from functools import cache
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rest_framework.test import APIClient

SCHEMA_URI = "urn:pilot-portal:openapi"


@cache
def _schema_text() -> str:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def api_schema() -> dict:
    """The schema as /api/schema/ serves it (generated once per test run; a fresh copy)."""
    return json.loads(_schema_text())


def closed(node: Any) -> Any:
    """A copy where every object that lists its properties admits no others. drf-spectacular
    composes with allOf only around a single $ref (a nullable nested object), which this
    leaves correct."""
    if isinstance(node, list):
        return [closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    copied = {key: closed(value) for key, value in node.items()}
    if "properties" in copied and "additionalProperties" not in copied:
        copied["additionalProperties"] = False
    return copied


def pointer(*parts: str) -> str:
    """A JSON pointer: `/` and `~` in a part escaped as RFC 6901 says."""
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def documented_response(schema: dict, method: str, path_template: str, status: int) -> str:
    """The `$ref` of the response body's schema; fails if the operation or status is not
    documented, or documents no JSON body."""
    paths = schema["paths"]
    assert path_template in paths, f"{path_template} is not in the schema"
    operation = paths[path_template].get(method.lower())
    assert operation is not None, f"{method.upper()} {path_template} is not in the schema"
    responses = operation["responses"]
    assert str(status) in responses, (
        f"{method.upper()} {path_template} does not document {status} (only {sorted(responses)})"
    )
    content = responses[str(status)].get("content", {})
    assert "application/json" in content, f"{status} of {path_template} documents no JSON body"
    where = ("paths", path_template, method.lower(), "responses", str(status))
    return SCHEMA_URI + "#" + pointer(*where, "content", "application/json", "schema")


def assert_matches_schema(schema: dict, method: str, path_template: str, status: int, body):
    ref = documented_response(schema, method, path_template, status)
    document = Resource.from_contents(closed(copy.deepcopy(schema)), default_specification=DRAFT4)
    registry = Registry().with_resource(SCHEMA_URI, document)
    validator = OAS30Validator(
        {"$ref": ref}, registry=registry, format_checker=oas30_format_checker
    )
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    assert not errors, "\n".join(
        f"{method.upper()} {path_template} {status}: at {list(e.path)}: {e.message}"
        for e in errors[:10]
    )
