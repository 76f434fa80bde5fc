"""The published schemas the API's answers are checked against, read from tests/data.

Nothing is fetched: the HSDS 3.0 entity schemas refer to each other by file name
("phone.json"), and a referencing.Registry built from the copies resolves those names.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DATA = Path(__file__).resolve().parents[1] / "data/openreferral"
# The base the HSDS files' relative references resolve against: their upstream home, never
# fetched, because every file under it is in the registry.
HSDS_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
ORUK_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SPEC_PATH = Path(__file__).resolve().parents[2] / "services/api/openapi.json"


def _resources(folder: Path, base: str):
    for path in sorted(folder.glob("*.json")):
        contents = json.loads(path.read_text())
        yield base + path.name, Resource.from_contents(contents, default_specification=DRAFT202012)


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        [
            *_resources(DATA / "hsds-3.0", HSDS_BASE),
            *_resources(DATA / "oruk-3.0", ORUK_BASE + "compiled/"),
        ]
    )


def _validator(uri: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": uri}, registry=_registry(), format_checker=FormatChecker())


@cache
def hsds(entity: str) -> Draft202012Validator:
    """A validator for one HSDS 3.0 entity, such as "service"."""
    return _validator(HSDS_BASE + f"{entity}.json")


@cache
def oruk(compiled: str) -> Draft202012Validator:
    """A validator for one of the ORUK profile's compiled schemas, such as "service_list"."""
    return _validator(ORUK_BASE + f"compiled/{compiled}.json")


@cache
def spec() -> dict:
    return json.loads(SPEC_PATH.read_text())


@cache
def spec_schema(name: str) -> Draft202012Validator:
    """A validator for one of the bundled document's component schemas, such as "Service"."""
    return _spec_validator({"$ref": f"#/components/schemas/{name}"})


def _spec_validator(schema: dict) -> Draft202012Validator:
    # The document's components ride along in the root, so "#/components/..." resolves.
    root = {**schema, "components": spec()["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


@cache
def spec_response(path: str, status: str = "200") -> Draft202012Validator:
    """A validator for the JSON body the bundled OpenAPI document gives for a path's answer."""
    document = spec()
    response = document["paths"][path]["get"]["responses"][status]
    while "$ref" in response:
        response = document["components"]["responses"][response["$ref"].split("/")[-1]]
    return _spec_validator(response["content"]["application/json"]["schema"])
