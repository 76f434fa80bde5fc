"""manage.py import_oruk: Open Referral feeds saved to disk become draft services."""

import json
from datetime import date, time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from services.models import ContactPoint, OpeningTime, Organisation, Service, Source, Venue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]
API = "/api/oruk/"
OTHER_DIRECTORY = Path(__file__).with_name("data") / "other_directory_service.json"
OTHER_ID = "0b6f5d7e-3c1a-4e2b-9f4d-8a1c2e3f4a5b"
# What rightly differs between our API before an export and after importing it again:
# last_modified, because the imported rows were saved now. Nothing else.
CHANGES_ON_IMPORT = ("last_modified",)


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def pages_of_services(client, per_page=500) -> list[dict]:
    pages, number = [], 1
    while True:
        page = get(client, "services", full="true", per_page=per_page, page=number)
        pages.append(page)
        if page["last_page"]:
            return pages
        number += 1


def import_oruk(path, *args) -> str:
    out = StringIO()
    call_command("import_oruk", str(path), *args, stdout=out)
    return out.getvalue()


def empty_directory():
    Service.objects.all().delete()
    Organisation.objects.all().delete()


def without_changes(found):
    if isinstance(found, dict):
        return {
            key: without_changes(value)
            for key, value in found.items()
            if key not in CHANGES_ON_IMPORT
        }
    if isinstance(found, list):
        return [without_changes(item) for item in found]
    return found


def test_our_export_imported_into_an_empty_directory_gives_the_same_api(client, tmp_path):
    pages = pages_of_services(client)
    services = [service for page in pages for service in page["contents"]]
    assert len(services) == Service.objects.published().count()
    by_id = {service["id"]: get(client, f"services/{service['id']}") for service in services}
    organisations = get(client, "organizations", per_page=500)
    places = get(client, "service_at_locations", per_page=500)
    terms = get(client, "taxonomy_terms", per_page=500)
    for number, page in enumerate(pages, start=1):
        (tmp_path / f"page-{number}.json").write_text(json.dumps(page))

    empty_directory()
    assert get(client, "services")["total_items"] == 0
    said = import_oruk(tmp_path)
    assert f"{len(services)} created" in said
    assert not Service.objects.published().exists(), "an import publishes nothing"
    Service.objects.update(status=Service.Status.PUBLISHED)  # as a reviewer would

    again = [service for page in pages_of_services(client) for service in page["contents"]]
    assert [service["id"] for service in again] == [service["id"] for service in services]
    for before, after in zip(services, again, strict=True):
        assert without_changes(after) == without_changes(before), before["name"]
    for id, before in by_id.items():
        after = get(client, f"services/{id}")
        assert without_changes(after) == without_changes(before)
    assert get(client, "organizations", per_page=500) == organisations
    assert get(client, "taxonomy_terms", per_page=500) == terms
    assert without_changes(get(client, "service_at_locations", per_page=500)) == (
        without_changes(places)
    )


def test_every_imported_record_says_where_it_came_from(client, tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(get(client, "services", full="true", per_page=3)))
    empty_directory()
    import_oruk(feed)
    assert Service.objects.count() == 3
    for service in Service.objects.all():
        assert service.status == Service.Status.DRAFT
        assert service.checked_by == "Imported from feed.json"
        source = service.sources.get()
        assert source.title == "Imported from feed.json"
        assert date.today().isoformat() in source.notes
        assert service.history.first().history_change_reason == "Imported from feed.json"
        assert {
            row.history.first().history_change_reason for row in service.contact_points.all()
        } <= {"Imported from feed.json"}


def test_ndjson(client, tmp_path):
    response = client.get(API + "services", {"format": "ndjson", "full": "true"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    feed = tmp_path / "services.ndjson"
    feed.write_text("\n".join(lines) + "\n")
    empty_directory()
    assert f"{len(lines)} created" in import_oruk(feed)
    assert Service.objects.count() == len(lines)


def test_a_single_service(client, tmp_path):
    service = Service.objects.published().exclude(venues=None).first()
    feed = tmp_path / "one.json"
    feed.write_text(json.dumps(get(client, f"services/{service.uuid}")))
    venues = service.venues.count()
    empty_directory()
    import_oruk(feed)
    imported = Service.objects.get()
    assert (imported.uuid, imported.name, imported.slug) == (
        service.uuid,
        service.name,
        service.slug,
    )
    assert imported.venues.count() == venues


def test_a_directory_of_pages(client, tmp_path):
    pages = pages_of_services(client, per_page=20)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        (tmp_path / f"page-{number:02}.json").write_text(json.dumps(page))
    (tmp_path / "notes.txt").write_text("not a feed")
    empty_directory()
    import_oruk(tmp_path)
    assert Service.objects.count() == pages[0]["total_items"]


def test_a_second_import_updates_rather_than_duplicates(tmp_path):
    import_oruk(OTHER_DIRECTORY)
    counts = (
        Service.objects.count(),
        ContactPoint.objects.count(),
        OpeningTime.objects.count(),
        Venue.objects.count(),
        Source.objects.count(),
        Organisation.objects.count(),
    )
    changed = json.loads(OTHER_DIRECTORY.read_text())
    changed["name"] = "Anytown Listening Space (afternoons)"
    changed["phones"] = changed["phones"][:1]
    feed = tmp_path / "changed.json"
    feed.write_text(json.dumps(changed))

    assert "updated: Anytown Listening Space (afternoons)" in import_oruk(feed)
    service = Service.objects.get(uuid=OTHER_ID)
    assert service.name == "Anytown Listening Space (afternoons)"
    assert service.status == Service.Status.DRAFT
    assert [point.value for point in service.contact_points.all()] == [
        "01234 567890",
        "hello@anytown.example.org",
    ]
    assert service.sources.count() == 2  # one for each feed it came from
    assert Service.objects.count() == counts[0]
    assert OpeningTime.objects.count() == counts[2]
    assert Venue.objects.count() == counts[3]
    assert Organisation.objects.count() == counts[5]
    import_oruk(feed)
    assert ContactPoint.objects.count() == counts[1] - 1
    assert Source.objects.count() == counts[4] + 1


def test_a_published_service_is_never_changed_by_an_import(client, tmp_path):
    service = Service.objects.published().first()
    exported = get(client, f"services/{service.uuid}")
    exported["name"] = "Something else"
    exported["support_finder"]["self_referral"] = not service.self_referral
    feed = tmp_path / "one.json"
    feed.write_text(json.dumps(exported))
    said = import_oruk(feed)
    assert f"left: Something else ({service.uuid}): published: change it in the admin" in said
    service.refresh_from_db()
    assert service.name != "Something else"
    assert service.status == Service.Status.PUBLISHED
    assert not service.sources.filter(title__startswith="Imported").exists()


def test_another_directorys_feed_leaves_unknown_what_it_does_not_say():
    import_oruk(OTHER_DIRECTORY)
    service = Service.objects.get(uuid=OTHER_ID)
    assert service.status == Service.Status.DRAFT
    assert service.summary == "A drop-in where trained volunteers listen."
    assert service.description.startswith("Run from the community centre")
    assert service.organisation.name == "Anytown Community Trust"
    assert str(service.organisation.uuid) == "7d2e9c1b-5a4f-4c3d-8e2a-1f0b9c8d7e6f"
    assert (service.who_for, service.referral_note, service.cost_note) == (
        "Adults living in Anytown.",
        "Walk in, or ring first.",
        "No charge.",
    )
    assert service.self_referral is None
    assert service.self_harm_policy == "unknown"
    assert service.sharing == "unknown"
    assert service.cost == "unknown"
    assert (service.min_age, service.max_age, service.ages_confirmed) == (None, None, False)
    assert service.last_checked == date(2025, 6, 30)
    assert not service.kinds.exists()
    assert not service.open_24_hours
    contacts = [(p.method, p.value, p.label) for p in service.contact_points.all()]
    assert contacts == [
        ("phone", "01234 567890", "Main line"),
        ("text", "07700 900123", "Text us on this number"),
        ("email", "hello@anytown.example.org", ""),
    ]
    assert [
        (slot.weekday, slot.opens_at, slot.closes_at) for slot in service.opening_times.all()
    ] == [(day, time(13), time(16, 30)) for day in (0, 2, 4)]
    venue = service.venues.get()
    assert str(venue.uuid) == "a7e5d6c8-0f9b-4c1d-2e3f-4a5b6c7d8e9f"
    assert (venue.address, venue.postcode) == ("1 High Street\nAnytown", "EX1 1AA")
    assert service.sources.get().title == "Imported from other_directory_service.json"


def test_what_cannot_be_used_is_said_in_the_output():
    said = import_oruk(OTHER_DIRECTORY)
    assert "created: Anytown Listening Space (0b6f5d7e" in said
    assert "no kind of support we know: choose one before publishing" in said
    assert "an opening time that is not weekly by day: left out" in said


def test_a_code_we_do_not_know_becomes_unknown(client, tmp_path):
    service = Service.objects.published().filter(self_harm_policy="welcomes").first()
    exported = get(client, f"services/{service.uuid}")
    exported["support_finder"]["self_harm_policy"]["code"] = "mostly_welcomes"
    exported["support_finder"]["sharing"]["code"] = "tells_everyone"
    feed = tmp_path / "one.json"
    feed.write_text(json.dumps(exported))
    empty_directory()
    said = import_oruk(feed)
    imported = Service.objects.get()
    assert (imported.self_harm_policy, imported.sharing) == ("unknown", "unknown")
    assert "'mostly_welcomes' is not one of ours: left unknown" in said


def test_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="There is no file or directory at"):
        import_oruk(tmp_path / "nowhere.json")


def test_invalid_json_names_the_file_and_line(tmp_path):
    feed = tmp_path / "broken.json"
    feed.write_text('{"contents": [\n  {"id": "x",\n  oops\n]}')
    with pytest.raises(CommandError, match=r"broken\.json is not valid JSON: line 3"):
        import_oruk(feed)
    lines = tmp_path / "broken.ndjson"
    lines.write_text('{"id": "x"}\n{"id": \n')
    with pytest.raises(CommandError, match=r"broken\.ndjson is not valid JSON: line 2"):
        import_oruk(lines)


@pytest.mark.parametrize("text", ['{"contents": []}', "[]", '{"total_items": 0}', ""])
def test_a_file_with_no_services(tmp_path, text):
    feed = tmp_path / "empty.ndjson" if not text else tmp_path / "empty.json"
    feed.write_text(text)
    with pytest.raises(CommandError, match=r"(no services|No services were found)"):
        import_oruk(feed)
    assert not Source.objects.filter(title__startswith="Imported").exists()


def test_a_bad_record_is_skipped_and_the_others_imported(tmp_path):
    good = json.loads(OTHER_DIRECTORY.read_text())
    feed = tmp_path / "mixed.json"
    feed.write_text(
        json.dumps(
            {
                "contents": [
                    {"name": "No id"},
                    {"id": "42", "name": "Not a UUID"},
                    {"id": "1c9a3f0e-1111-4222-8333-944455556666"},
                    good,
                ]
            }
        )
    )
    out = StringIO()
    with pytest.raises(CommandError, match="3 of 4 records could not be imported"):
        call_command("import_oruk", str(feed), stdout=out)
    said = out.getvalue()
    assert "skipped: No id: it has no id" in said
    assert "skipped: Not a UUID: its id is not a UUID" in said
    assert "skipped: (no name) (1c9a3f0e-1111-4222-8333-944455556666): it has no name" in said
    assert Service.objects.filter(uuid=OTHER_ID, status="draft").exists()


def test_a_checked_date_in_the_future_is_not_believed(tmp_path):
    feed = json.loads(OTHER_DIRECTORY.read_text())
    feed["assured_date"] = "2099-01-01"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(feed))
    said = import_oruk(path)
    assert "in the future" in said
    assert Service.objects.get(uuid=OTHER_ID).last_checked < date(2099, 1, 1)
