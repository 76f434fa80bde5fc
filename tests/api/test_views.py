"""The Open Referral UK API as a client uses it: paging, ids, filters, errors, headers."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services import hsds
from services.models import Service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]
API = "/api/oruk/"


def get(client, path, **params):
    response = client.get(API + path, params)
    return response, (json.loads(response.content) if response.content else None)


def published():
    return Service.objects.published()


def test_the_root_names_the_standard_and_the_spec(client):
    response, body = get(client, "")
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"].endswith("/api/oruk/openapi.json")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_services_are_paged_and_no_id_is_on_two_pages(client):
    total = published().count()
    seen = []
    page_number = 1
    while True:
        _, body = get(client, "services", page=page_number, per_page=7)
        assert body["total_items"] == total
        assert body["total_pages"] == -(-total // 7)
        assert body["page_number"] == page_number
        assert body["size"] == len(body["contents"])
        assert body["first_page"] == (page_number == 1)
        seen += [service["id"] for service in body["contents"]]
        if body["last_page"]:
            break
        page_number += 1
    assert len(seen) == len(set(seen)) == total
    _, past = get(client, "services", page=page_number + 5, per_page=7)
    assert (past["contents"], past["size"], past["empty"]) == ([], 0, True)


def test_a_service_by_its_id_and_an_unknown_or_malformed_id(client):
    service = published().first()
    response, body = get(client, f"services/{service.uuid}")
    assert response.status_code == 200
    assert body["id"] == str(service.uuid)
    assert body["name"] == service.name
    assert "pk" not in json.dumps(body)
    for bad in ("00000000-0000-0000-0000-000000000000", "42", str(service.pk)):
        response, body = get(client, f"services/{bad}")
        assert response.status_code == 404
        assert body["error"] == "not_found"


def test_drafts_never_appear(client):
    draft = published().first()
    draft.status = "draft"
    draft.save()
    _, body = get(client, "services", per_page=500)
    assert str(draft.uuid) not in {service["id"] for service in body["contents"]}
    assert get(client, f"services/{draft.uuid}")[0].status_code == 404


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"per_page": "501"}, "per_page"),
        ({"minimum_age": "-1"}, "minimum_age"),
        ({"day": "Funday"}, "day"),
        ({"start_time": "25:00"}, "start_time"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"taxonomy_term_id": "self-referral"}, "taxonomy_term_id"),
        ({"format": "xml"}, "format"),
        ({"full": "maybe"}, "full"),
    ],
)
def test_a_bad_value_answers_400_naming_the_parameter(client, params, parameter):
    response, body = get(client, "services", **params)
    assert response.status_code == 400
    assert body["parameter"] == parameter
    assert body["message"]


def test_filters_are_cumulative_and_reuse_the_sites_search(client):
    _, words = get(client, "services", search="self-harm", per_page=500)
    _, young = get(client, "services", age="15", per_page=500)
    _, both = get(client, "services", search="self-harm", age="15", per_page=500)
    ids = {
        name: {s["id"] for s in body["contents"]}
        for name, body in [("words", words), ("young", young), ("both", both)]
    }
    assert ids["both"] == ids["words"] & ids["young"]
    assert ids["both"]


def test_days_are_accepted_in_either_form_and_any_case(client):
    bodies = [get(client, "services", day=day, per_page=500)[1] for day in ("MO", "monday", "Mo")]
    assert bodies[0]["total_items"] > 0
    assert bodies[0] == bodies[1] == bodies[2]


def test_our_terms_find_services_as_their_records_say(client):
    term = next(t for t in hsds.SAFETY_TERM_LIST if t.slug == "self-referral")
    _, body = get(client, "services", taxonomy_term_id=term.id, per_page=500)
    assert body["total_items"] == published().filter(self_referral=True).count()
    for service in body["contents"]:
        assert term.id in {a["taxonomy_term_id"] for a in service["attributes"]}


def test_minimal_and_ndjson(client):
    _, minimal = get(client, "services", minimal="true", per_page=3)
    assert set(minimal["contents"][0]) == {"id", "name", "status", "last_modified"}
    response = client.get(API + "services", {"format": "ndjson"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == published().count()
    assert {json.loads(line)["id"] for line in lines} == {str(s.uuid) for s in published()}


def test_the_number_of_queries_does_not_grow_with_the_page(client):
    counts = []
    for per_page in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "services", per_page=per_page)[0].status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_responses_are_cacheable_open_to_all_and_set_no_cookie(client):
    response, _ = get(client, "services")
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    again = client.get(API + "services", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_service_at_locations_near_a_postcode(client):
    _, everywhere = get(client, "service_at_locations", per_page=500)
    assert everywhere["total_items"] > 0
    first = everywhere["contents"][0]
    response, one = get(client, f"service_at_locations/{first['id']}")
    assert response.status_code == 200
    assert one["location"]["addresses"][0]["country"] == "GB"
    postcode = one["location"]["addresses"][0].get("postal_code")
    if postcode:
        _, near = get(client, "service_at_locations", postcode=postcode, proximity="2000")
        assert first["id"] in {item["id"] for item in near["contents"]}
    response, body = get(client, "service_at_locations", postcode="ZZ99 9ZZ")
    assert (response.status_code, body["parameter"]) == (400, "postcode")


def test_taxonomies_terms_and_organisations(client):
    _, taxonomies = get(client, "taxonomies")
    assert hsds.ACCESS_AND_SAFETY.id in {t["id"] for t in taxonomies["contents"]}
    _, terms = get(client, "taxonomy_terms", per_page=500)
    term = terms["contents"][0]
    assert get(client, f"taxonomy_terms/{term['id']}")[1]["id"] == term["id"]
    _, organisations = get(client, "organizations", per_page=500)
    organisation = organisations["contents"][0]
    response, body = get(client, f"organizations/{organisation['id']}")
    assert response.status_code == 200
    assert body["services"]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("services", {"page": "²"}, "page"),
        ("services", {"per_page": "²"}, "per_page"),
        ("services", {"age": "①"}, "age"),
        ("organizations", {"page": "٣"}, "page"),
        ("services", {"age": "1" + "0" * 4400}, "age"),
        ("services", {"modified_after": "9999-12-31T23:00:00-05:00"}, "modified_after"),
        ("services", {"modified_after": "0001-01-01T00:00:00+05:00"}, "modified_after"),
    ],
)
def test_odd_numbers_and_dates_answer_400_never_500(client, path, params, parameter):
    response, body = get(client, path, **params)
    assert response.status_code == 400
    assert body["parameter"] == parameter


def test_a_page_number_longer_than_any_directory_is_an_empty_page(client):
    for path in ("services", "organizations", "taxonomy_terms", "service_at_locations"):
        response, body = get(client, path, page="1" + "0" * 4400)
        assert response.status_code == 200
        assert body["contents"] == []


def test_if_none_match_star_and_weak_tags(client):
    response, _ = get(client, "taxonomies")
    assert client.get(API + "taxonomies", HTTP_IF_NONE_MATCH="*").status_code == 304
    weak = f'"other", W/{response["ETag"]}'
    assert client.get(API + "taxonomies", HTTP_IF_NONE_MATCH=weak).status_code == 304
    assert client.get(API + "taxonomies", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_any_other_address_under_the_api_is_a_json_404(client):
    for path in ("services/", "nothing-here", "services/x/y"):
        response, body = get(client, path)
        assert response.status_code == 404
        assert body["error"] == "not_found"


def test_ids_are_read_in_any_case(client):
    taxonomy = hsds.ACCESS_AND_SAFETY.id
    response, body = get(client, f"taxonomies/{taxonomy.upper()}")
    assert (response.status_code, body["id"]) == (200, taxonomy)
    _, terms = get(client, "taxonomy_terms", taxonomy_id=taxonomy.upper(), per_page=500)
    assert terms["total_items"] == len(hsds.SAFETY_TERM_LIST)


def test_services_at_locations_with_their_services_cost_the_same_for_any_page(client):
    counts = []
    for per_page in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response, body = get(client, "service_at_locations", full="true", per_page=per_page)
        assert response.status_code == 200
        assert all(item["service"]["id"] == item["service_id"] for item in body["contents"])
        counts.append(len(queries))
    assert counts[0] == counts[1]
