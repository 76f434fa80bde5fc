"""Every answer of the Open Referral UK API, in every form, on the curated fixtures, is valid
against the ORUK profile's compiled schemas, HSDS 3.0's schemas and our own OpenAPI document
(formats checked: uuid, uri, email, date, date-time)."""

import json

import pytest

from tests.api import schemas

BASE = "/api/oruk"
ALL = {"per_page": "500"}

# Each list: the ORUK schema of a list item, of an item by id, and the HSDS 3.0 entity.
COLLECTIONS = {
    "/services": ("service_list", "service", "service"),
    "/service_at_locations": (
        "service_at_location_list",
        "service_at_location",
        "service_at_location",
    ),
    "/organizations": ("organization_list", "organization", "organization"),
    "/taxonomies": ("taxonomy", "taxonomy", "taxonomy"),
    "/taxonomy_terms": ("taxonomy_term", "taxonomy_term", "taxonomy_term"),
}
SPEC_ITEM = {"/services": "Service", "/service_at_locations": "ServiceAtLocation"}
# The forms the service lists answer in; full=true nests everything, as an item by id does.
FORMS = {"default": {}, "minimal": {"minimal": "true"}, "full": {"full": "true"}}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]


def problems(validator, instance, where):
    return [
        f"{where} {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def get(client, path, **params):
    response = client.get(BASE + path, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, json.loads(response.content)


def test_the_root_says_which_standard_it_follows(client):
    response, body = get(client, "/")
    assert response.status_code == 200
    assert problems(schemas.spec_response("/"), body, "/") == []
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"].endswith("/api/oruk/openapi.json")


@pytest.mark.parametrize("path", list(COLLECTIONS))
def test_each_list_is_valid_against_oruk_hsds_and_our_document(client, path):
    oruk_item, _, hsds_entity = COLLECTIONS[path]
    response, body = get(client, path, **ALL)
    assert response.status_code == 200
    assert body["contents"], f"the fixtures give {path} something to check"
    found = problems(schemas.spec_response(path), body, path)
    for number, item in enumerate(body["contents"]):
        found += problems(schemas.oruk(oruk_item), item, f"{path}[{number}] ORUK")
        found += problems(schemas.hsds(hsds_entity), item, f"{path}[{number}] HSDS")
    assert found == []


@pytest.mark.parametrize("path", list(SPEC_ITEM))
@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_of_the_service_lists_is_valid(client, path, form):
    oruk_item, oruk_full, hsds_entity = COLLECTIONS[path]
    response, body = get(client, path, **ALL, **FORMS[form])
    assert response.status_code == 200
    assert body["contents"]
    found = problems(schemas.spec_response(path), body, path)
    for number, item in enumerate(body["contents"]):
        where = f"{path}?{form}[{number}]"
        found += problems(schemas.oruk(oruk_full if form == "full" else oruk_item), item, where)
        found += problems(schemas.hsds(hsds_entity), item, where + " HSDS")
    assert found == []


def test_minimal_services_carry_only_what_minimal_promises(client):
    _, body = get(client, "/services", minimal="true", **ALL)
    assert {frozenset(item) for item in body["contents"]} == {
        frozenset({"id", "name", "status", "last_modified"})
    }


@pytest.mark.parametrize("path", list(SPEC_ITEM))
def test_ndjson_gives_every_result_one_valid_object_a_line(client, path):
    oruk_item, _, hsds_entity = COLLECTIONS[path]
    response = client.get(BASE + path, {"format": "ndjson"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    _, paged = get(client, path, **ALL)
    assert len(lines) == paged["total_items"] > 0
    found = []
    for number, line in enumerate(lines):
        item = json.loads(line)
        found += problems(schemas.oruk(oruk_item), item, f"{path} line {number} ORUK")
        found += problems(schemas.hsds(hsds_entity), item, f"{path} line {number} HSDS")
        found += problems(schemas.spec_schema(SPEC_ITEM[path]), item, f"{path} line {number}")
    assert found == []


@pytest.mark.parametrize("path", list(COLLECTIONS))
def test_each_item_by_id_is_valid_against_oruk_hsds_and_our_document(client, path):
    _, oruk_item, hsds_entity = COLLECTIONS[path]
    _, listed = get(client, path, **ALL)
    found = []
    for summary in listed["contents"]:
        item_path = f"{path}/{summary['id']}"
        response, item = get(client, item_path)
        assert response.status_code == 200, item_path
        assert item["id"] == summary["id"]
        found += problems(schemas.oruk(oruk_item), item, f"{item_path} ORUK")
        found += problems(schemas.hsds(hsds_entity), item, f"{item_path} HSDS")
        found += problems(schemas.spec_response(f"{path}/{{id}}"), item, item_path)
    assert found == []


def test_every_service_carries_the_extension_and_the_hsds_fields_oruk_drops(client):
    _, body = get(client, "/services", **ALL)
    services = body["contents"]
    assert all({"phones", "support_finder"} <= set(service) for service in services)
    # The others are left out of a service that has nothing to say in them.
    kept = {"eligibility_description", "application_process", "fees_description", "wait_time"}
    assert kept <= {field for service in services for field in service}


@pytest.mark.parametrize("path", list(COLLECTIONS))
def test_an_unknown_id_is_answered_404_with_the_error_object(client, path):
    unknown = "00000000-0000-4000-8000-000000000000"
    response, body = get(client, f"{path}/{unknown}")
    assert response.status_code == 404
    assert problems(schemas.spec_response(f"{path}/{{id}}", "404"), body, path) == []


@pytest.mark.parametrize("path", list(COLLECTIONS))
def test_a_page_far_past_the_end_is_empty_not_an_error(client, path):
    # The fuzz run found pages too large for the database's integers answered 500.
    response, body = get(client, path, page=str(10**30), per_page="25")
    assert response.status_code == 200
    assert (body["contents"], body["empty"], body["last_page"]) == ([], True, True)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/services", {"page": "0"}),
        ("/services", {"per_page": "501"}),
        ("/services", {"day": "someday"}),
        ("/services", {"start_time": "25:00"}),
        ("/services", {"taxonomy_term_id": "not-an-id"}),
        ("/services", {"minimal": "perhaps"}),
        ("/service_at_locations", {"proximity": "8000"}),
        ("/taxonomies", {"page": "first"}),
        ("/taxonomy_terms", {"per_page": "-1"}),
        ("/organizations", {"page": "0"}),
    ],
)
def test_a_bad_parameter_is_answered_400_with_the_error_object_naming_it(client, path, params):
    response, body = get(client, path, **params)
    assert response.status_code == 400
    assert problems(schemas.spec_response(path, "400"), body, path) == []
    assert body["parameter"] == next(iter(params))
