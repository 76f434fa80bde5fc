"""A client written only from the OpenAPI document walks the live server as a validator does:
the root, every list at its first, middle and last page, items by id, unknown ids, and
round trips from a service's own facts back to the service.

The project is imported here only to load the fixtures; tests/api/spec_client.py knows
nothing but the document and HTTP.
"""

import pytest
from django.core.management import call_command

from tests.api.spec_client import SpecClient, pages_for
from tests.conftest import CURATED_FIXTURES

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
SAMPLE = 5


@pytest.fixture
def api(live_server):
    call_command("loaddata", *CURATED_FIXTURES, verbosity=0)
    client = SpecClient(live_server.url)
    yield client
    # Every answer, errors included, is open to other sites and sets no cookie.
    assert client.answers
    for answer in client.answers:
        assert answer.headers.get("Access-Control-Allow-Origin") == "*", answer.url
        assert "Set-Cookie" not in answer.headers, answer.url


def spread(items, count=SAMPLE):
    """Up to `count` items from across the list, not only its start."""
    step = max(1, len(items) // count)
    return items[::step][:count]


@pytest.mark.django_db(transaction=True)
def test_the_root_points_at_the_document(api):
    answer = api.get("/")
    assert answer.status == 200
    assert answer.json()["openapi_url"].endswith("/openapi.json")


@pytest.mark.django_db(transaction=True)
def test_every_list_pages_by_the_rules_and_every_item_is_there_by_id(api):
    for collection in api.collections:
        total = api.page(collection, 1, api.largest_page)["total_items"]
        assert total > 0, collection
        per_page = max(1, total // 3)
        last = pages_for(total, per_page)
        seen: dict[str, int] = {}
        for number in sorted({1, (1 + last) // 2, last}):
            page = api.page(collection, number, per_page)
            where = f"{collection} page {number}"
            assert set(page) >= api.page_fields, where
            assert page["total_items"] == total, where
            assert page["total_pages"] == last, where
            assert page["page_number"] == number, where
            expected = per_page if number < last else total - per_page * (last - 1)
            assert page["size"] == len(page["contents"]) == expected, where
            assert page["first_page"] is (number == 1), where
            assert page["last_page"] is (number == last), where
            assert page["empty"] is False, where
            for item in page["contents"]:
                assert item["id"] not in seen, f"{item['id']} on pages {seen.get(item['id'])}"
                seen[item["id"]] = number

        past = api.page(collection, last + 1, per_page)
        assert past["contents"] == [], collection
        assert (past["size"], past["empty"], past["page_number"]) == (0, True, last + 1)
        assert (past["first_page"], past["last_page"]) == (False, True)

        for item_id in spread(sorted(seen)):
            answer = api.get(api.item_path(collection).replace("{id}", item_id))
            assert answer.status == 200, answer.url
            assert answer.json()["id"] == item_id

        missing = api.get(api.item_path(collection).replace("{id}", UNKNOWN_ID))
        assert missing.status == 404, missing.url
        assert missing.headers["Content-Type"].startswith("application/json")
        assert missing.json()["error"] == "not_found"


def name_word(name: str) -> str:
    return max(name.replace("-", " ").split(), key=len)


def schedule_filters(service: dict) -> dict:
    for schedule in service.get("schedules") or []:
        if schedule.get("byday") and schedule.get("opens_at") and schedule.get("closes_at"):
            return {
                "day": schedule["byday"].split(",")[0],
                "start_time": schedule["opens_at"][:5],
                "end_time": schedule["closes_at"][:5],
            }
    return {}


def age_in_range(service: dict) -> int:
    low, high = service.get("minimum_age"), service.get("maximum_age")
    return int(low if low is not None else high if high is not None else 30)


@pytest.mark.django_db(transaction=True)
def test_a_services_own_facts_find_it_again_and_combined_filters_narrow(api):
    services = spread(api.every("/services"))
    checked = {"age": 0, "day": 0, "taxonomy_term_id": 0, "search": 0, "postcode": 0}
    for summary in services:
        service = api.get(f"/services/{summary['id']}").json()
        own = {"age": age_in_range(service), "search": name_word(service["name"])}
        own.update(schedule_filters(service))
        terms = [a["taxonomy_term_id"] for a in service.get("attributes") or []]
        if terms:
            own["taxonomy_term_id"] = terms[0]
        alone = {}
        for name, value in own.items():
            assert api.takes("/services", name), name
            alone[name] = api.ids("/services", **{name: value})
            assert service["id"] in alone[name], f"{name}={value} loses {service['name']}"
            checked[name.replace("start_time", "day").replace("end_time", "day")] += 1
        both = api.ids("/services", **own)
        assert service["id"] in both, f"{own} together lose {service['name']}"
        for name, found in alone.items():
            assert both <= found, f"adding filters to {name} found more, not fewer"

    for place in spread(api.every("/service_at_locations", full="true")):
        addresses = (place.get("location") or {}).get("addresses") or []
        postcodes = [a["postal_code"] for a in addresses if a.get("postal_code")]
        if not postcodes:
            continue
        found = api.every("/service_at_locations", postcode=postcodes[0], proximity=1000)
        assert place["id"] in {p["id"] for p in found}, postcodes[0]
        checked["postcode"] += 1

    assert all(checked.values()), f"each kind of round trip ran at least once: {checked}"
