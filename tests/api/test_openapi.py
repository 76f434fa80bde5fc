"""Our OpenAPI document (services/api/openapi.json) is one valid OpenAPI 3.1 file that
documents every path of the Open Referral UK API, its errors and the Support Finder extension."""

import json
from pathlib import Path

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from services import hsds

SPEC_PATH = Path(__file__).resolve().parents[2] / "services/api/openapi.json"
SPEC = json.loads(SPEC_PATH.read_text())

LISTS = ("/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms", "/organizations")
ITEMS = tuple(f"{path}/{{id}}" for path in LISTS)
SERVICE_PARAMETERS = {
    "page", "per_page", "search", "taxonomy_term_id", "taxonomy_id", "organization_id",
    "modified_after", "minimum_age", "maximum_age", "day", "start_time", "end_time", "age",
    "minimal", "full", "format",
}  # fmt: skip


def walk(node):
    """Every dict inside the document, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def resolve(node):
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = SPEC["components"][kind][name]
    return node


def parameter_names(path):
    operation = SPEC["paths"][path]["get"]
    return {resolve(p)["name"] for p in operation.get("parameters", [])}


def test_the_document_is_valid_openapi_3_1():
    OpenAPIV31SpecValidator(SPEC).validate()
    assert SPEC["openapi"] == "3.1.0"


def test_no_reference_leaves_the_file():
    references = [node["$ref"] for node in walk(SPEC) if "$ref" in node]
    assert references
    assert all(ref.startswith("#/") for ref in references)
    for ref in references:
        resolve({"$ref": ref})  # KeyError for a reference to nothing


def test_no_schema_uses_the_type_time_that_json_schema_does_not_have():
    # Strings only: "format" is also the name of a parameter, whose value is an object.
    types = {node["type"] for node in walk(SPEC) if isinstance(node.get("type"), str)}
    formats = {node["format"] for node in walk(SPEC) if isinstance(node.get("format"), str)}
    assert "time" not in types
    assert "datetime" not in formats


@pytest.mark.parametrize("path", ["/", *LISTS, *ITEMS])
def test_every_path_of_the_api_is_documented(path):
    assert "get" in SPEC["paths"][path]


@pytest.mark.parametrize("path", list(LISTS))
def test_every_list_documents_a_bad_request_with_the_error_object(path):
    bad = resolve(SPEC["paths"][path]["get"]["responses"]["400"])
    schema = resolve(bad["content"]["application/json"]["schema"])
    assert schema["required"] == ["error", "parameter", "message"]


@pytest.mark.parametrize("path", list(ITEMS))
def test_every_item_documents_not_found_with_the_error_object(path):
    missing = resolve(SPEC["paths"][path]["get"]["responses"]["404"])
    schema = resolve(missing["content"]["application/json"]["schema"])
    assert schema["properties"]["error"] == {"const": "not_found"}


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_the_service_lists_take_every_parameter_of_the_contract(path):
    assert parameter_names(path) >= SERVICE_PARAMETERS


def test_service_at_locations_also_take_a_postcode_and_a_distance():
    assert {"postcode", "proximity"} <= parameter_names("/service_at_locations")


def test_paging_is_documented_with_its_default_and_limit():
    per_page = SPEC["components"]["parameters"]["per_page"]["schema"]
    assert (per_page["default"], per_page["maximum"]) == (50, 500)
    page = SPEC["components"]["schemas"]["Page"]
    assert set(page["required"]) == {
        "total_items", "total_pages", "page_number", "size", "first_page", "last_page",
        "empty", "contents",
    }  # fmt: skip


def test_a_service_at_location_by_id_answers_a_service_at_location_not_a_service():
    ok = SPEC["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    schema = ok["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ServiceAtLocation"}


def test_a_service_keeps_the_hsds_fields_the_uk_profile_drops():
    service = SPEC["components"]["schemas"]["Service"]["properties"]
    for field in ("phones", "eligibility_description", "application_process",
                  "fees_description", "wait_time"):  # fmt: skip
        assert field in service
        assert "ORUK profile 3.0 drops it" in service[field]["description"]


def test_the_extension_is_declared_with_a_description_on_every_property():
    assert SPEC["components"]["schemas"]["Service"]["properties"]["support_finder"] == {
        "$ref": "#/components/schemas/SupportFinder"
    }
    extension = SPEC["components"]["schemas"]["SupportFinder"]
    assert set(extension["properties"]) == {
        "page_url", "self_referral", "self_harm_policy", "sharing", "usage_limits", "checks",
        "gathered", "last_checked", "other_ways_in", "operating_status", *hsds.EXTENSION_NOTES,
    }  # fmt: skip
    undescribed = [
        name
        for node in walk(extension)
        for name, value in node.get("properties", {}).items()
        if "description" not in value and "const" not in value
    ]
    assert undescribed == []
    assert "Support Finder extension" in SPEC["components"]["parameters"]["age"]["description"]


def test_the_licence_is_the_share_alike_licence_of_open_referral():
    assert SPEC["info"]["license"]["identifier"] == "CC-BY-SA-4.0"
    assert "https://openreferral.org/" in SPEC["info"]["description"]
