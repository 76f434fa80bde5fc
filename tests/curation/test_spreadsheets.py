"""Spreadsheets in and out: export the directory, import it back changing nothing, import
changes (kept in history, all rows or none), and what an import refuses."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from services.curation.spreadsheets import COLUMN_OF_FIELD, FORMULA_STARTS, NEEDS_APPROVAL
from services.models import ContactPoint, Kind, Service
from tests.curation.accounts import member_of, verified_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("curated_directory")]

HistoricalService = Service.history.model
SLUG = "samaritans-helpline"


def export(path) -> str:
    out = io.StringIO()
    call_command("export_services", str(path), stdout=out)
    return out.getvalue()


def run_import(path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_services", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failed_import(path, *args) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_services", str(path), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue() + str(failure.value)


def read_rows(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def write_rows(path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def changed(path, slug: str, **cells) -> None:
    """The exported file at path, with these cells of one service's row changed."""
    rows = read_rows(path)
    for row in rows:
        if row["slug"] == slug:
            row.update(cells)
    write_rows(path, rows)


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "services.csv"
    export(path)
    return path


def test_an_export_has_one_row_per_service_with_open_referral_names(exported):
    rows = read_rows(exported)
    assert len(rows) == Service.objects.count()
    samaritans = next(row for row in rows if row["slug"] == SLUG)
    assert samaritans["name"] == Service.objects.get(slug=SLUG).name
    assert samaritans["organization"] == "Samaritans"
    assert samaritans["phones"] == "116 123 (Call free)"
    assert samaritans["self_referral"] == "yes"
    for hsds_name in ("minimum_age", "eligibility_description", "assured_date", "url"):
        assert hsds_name in samaritans


@pytest.mark.parametrize("name", ["services.csv", "services.xlsx"])
def test_an_export_imported_back_changes_nothing(tmp_path, name):
    path = tmp_path / name
    export(path)
    versions = HistoricalService.objects.count()
    updated = dict(Service.objects.values_list("slug", "updated_at"))

    out, err = run_import(path)

    assert err == ""
    assert f"0 new, 0 updated, {Service.objects.count()} unchanged." in out
    assert HistoricalService.objects.count() == versions
    assert dict(Service.objects.values_list("slug", "updated_at")) == updated


def test_an_xlsx_export_is_a_workbook_with_a_row_per_service(tmp_path):
    path = tmp_path / "services.xlsx"
    assert "Exported" in export(path)
    sheet = openpyxl.load_workbook(path).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers[0] == "slug"
    assert sheet.max_row == Service.objects.count() + 1


def test_a_one_cell_change_updates_that_field_and_is_kept_in_history_with_who_and_why(exported):
    curator = member_of("curator")
    before = Service.objects.get(slug=SLUG)
    versions_before = set(before.history.values_list("pk", flat=True))
    changed(exported, SLUG, summary="A new summary.")

    out, _ = run_import(exported, "--user", "curator")

    assert f"({SLUG}): updated: summary" in out
    after = Service.objects.get(slug=SLUG)
    assert after.summary == "A new summary."
    fields = [f.attname for f in Service._meta.concrete_fields if f.name not in ("summary",)]
    # The search document is written from the summary (among others), so it follows it.
    for field in set(fields) - {"updated_at", "search_document"}:
        assert getattr(after, field) == getattr(before, field), field
    versions = after.history.exclude(pk__in=versions_before)
    assert versions.count() == 1
    version = versions.get()
    assert version.history_user == curator
    assert version.history_change_reason == "Imported from services.csv"
    assert version.summary == "A new summary."


def test_a_tag_change_is_saved_and_the_history_version_holds_the_new_tags(exported):
    service = Service.objects.get(slug=SLUG)
    kinds = [*service.kinds.values_list("slug", flat=True)]
    extra = Kind.objects.exclude(slug__in=kinds).first()
    changed(exported, SLUG, kinds="; ".join([*kinds, extra.slug]))

    run_import(exported)

    assert set(service.kinds.values_list("slug", flat=True)) == {*kinds, extra.slug}
    newest = service.history.first()
    assert {link.kind_id for link in newest.kinds.all()} == {*kinds, extra.slug}


def test_one_bad_row_among_good_saves_nothing_and_names_the_row_and_column(exported):
    rows = read_rows(exported)
    rows[0]["summary"] = "Changed, and not saved."
    rows[2]["minimum_age"] = "sixteen"
    write_rows(exported, rows)
    versions = HistoricalService.objects.count()

    message = failed_import(exported)

    assert f"Row 4 ({rows[2]['slug']}): minimum_age: Write a whole number" in message
    assert "Nothing was saved" in message
    assert Service.objects.get(slug=rows[0]["slug"]).summary != "Changed, and not saved."
    assert HistoricalService.objects.count() == versions


def test_unknown_tags_and_organisations_are_refused_with_what_to_do(exported):
    changed(exported, SLUG, kinds="helpline; not-a-kind", organization="Nobody At All")

    message = failed_import(exported)

    assert "kinds: 'not-a-kind': not in the list of kinds" in message
    assert "organization: No organisation is called 'Nobody At All'" in message


@pytest.mark.parametrize("field", NEEDS_APPROVAL)
def test_a_change_that_needs_a_second_curator_is_refused(exported, field):
    column = COLUMN_OF_FIELD[field]
    service = Service.objects.get(slug=SLUG)
    value = {
        "self_harm_policy": "case_by_case",
        "self_harm_policy_weeks": "4",
        "sharing": "may_share",
        "website": "https://example.org/changed",
    }.get(field, "Changed")
    changed(exported, SLUG, **{column: value})

    message = failed_import(exported)

    assert (
        f"{column}: Changes to {column} need a second curator's approval: make this change "
        "in the admin, where it is sent for approval."
    ) in message
    assert getattr(Service.objects.get(slug=SLUG), field) == getattr(service, field)


def test_contact_points_are_exported_but_never_imported(exported):
    changed(exported, SLUG, phones="0800 000 000 (Invented)")
    contacts = list(ContactPoint.objects.filter(service__slug=SLUG).values())

    out, _ = run_import(exported)

    assert f"({SLUG}): unchanged" in out
    assert list(ContactPoint.objects.filter(service__slug=SLUG).values()) == contacts


def test_publishing_and_last_checked_are_not_changed_by_an_import(exported):
    draft = Service.objects.filter(status="published").first()
    draft.status = "draft"
    draft.save()
    export(exported)
    changed(exported, draft.slug, publication_status="published", assured_date="2030-01-01")

    message = failed_import(exported)

    assert "publication_status: Publishing is done in the admin by a reviewer" in message
    assert "assured_date changes only when a check is logged" in message


def test_a_new_service_comes_in_as_a_draft_and_a_blank_self_referral_stays_unknown(exported):
    rows = read_rows(exported)
    new = dict.fromkeys(rows[0], "")
    new.update(
        slug="new-peer-group",
        name="New peer group",
        summary="A peer group.",
        kinds="peer-support",
        assured_date="2026-06-01",
        checked_by="Test curator",
        ages_confirmed="no",
        available_anywhere="no",
        open_24_hours="no",
        any_time="no",
        operating_status="running",
        self_harm_policy="unknown",
        sharing="unknown",
        cost="unknown",
        area_postcodes="tq1,  ex",
    )
    write_rows(exported, [*rows, new])

    out, _ = run_import(exported, "--user", member_of("curator").username)

    assert "(new-peer-group): new (a draft)" in out
    service = Service.objects.get(slug="new-peer-group")
    assert service.status == "draft"
    assert service.self_referral is None
    assert service.area_postcodes == "TQ1 EX"
    assert sorted(service.areas.values_list("code", flat=True)) == ["EX", "TQ1"]
    assert service.history.first().history_change_reason == "Imported from services.csv"


def test_a_blank_self_referral_is_never_taken_for_no(exported):
    unknown = Service.objects.filter(self_referral__isnull=True).first()
    rows = read_rows(exported)
    assert next(row for row in rows if row["slug"] == unknown.slug)["self_referral"] == ""
    changed(exported, SLUG, self_referral="")

    run_import(exported)

    assert Service.objects.get(slug=unknown.slug).self_referral is None
    assert Service.objects.get(slug=SLUG).self_referral is None


# A drama number (Ofcom keeps 020 7946 0xxx for fiction), never a real service's.
TEXT_AFTER_START = "44 20 7946 0000 out of hours"
ESCAPED = [("services.csv", start) for start in (*FORMULA_STARTS, "'")] + [
    # Not a carriage return: the workbook's XML turns one into a line feed, escaped or not.
    ("services.xlsx", start)
    for start in ("=", "+", "-", "@", "\t", "'")
]


@pytest.mark.parametrize(("name", "start"), ESCAPED)
def test_cells_a_spreadsheet_would_run_are_escaped_and_come_back_unchanged(tmp_path, name, start):
    text = start + TEXT_AFTER_START
    Service.objects.filter(slug=SLUG).update(hours_note=text)
    path = tmp_path / name
    export(path)

    assert exported_cell(path, "hours_note") == "'" + text
    out, _ = run_import(path)
    assert f"({SLUG}): unchanged" in out
    assert Service.objects.get(slug=SLUG).hours_note == text


@pytest.mark.parametrize("name", ["services.csv", "services.xlsx"])
def test_a_phone_number_starting_with_plus_is_exported_escaped_and_imports_unchanged(
    tmp_path, name
):
    phone = ContactPoint.objects.filter(service__slug=SLUG, method="phone").first()
    phone.value = "+44 20 7946 0000"
    phone.save()
    path = tmp_path / name
    export(path)

    assert exported_cell(path, "phones") == "'+44 20 7946 0000 (Call free)"
    out, _ = run_import(path)
    assert f"({SLUG}): unchanged" in out
    assert ContactPoint.objects.get(pk=phone.pk).value == "+44 20 7946 0000"


def exported_cell(path, column: str):
    if path.suffix == ".csv":
        return next(row for row in read_rows(path) if row["slug"] == SLUG)[column]
    rows = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    headers = next(rows)
    return next(row for row in rows if row[0] == SLUG)[headers.index(column)]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("services.txt", b"slug\n", "is not a .csv or .xlsx file"),
        ("services.csv", b"", "The first row must name the columns, with a slug column"),
        ("services.csv", b"name,summary\nA,B\n", "with a slug column"),
        ("services.csv", b"slug,colour\nx,red\n", "Columns we do not know: 'colour'"),
        ("services.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
        ("services.csv", b"\xff\xfe\x00bad", "is not in UTF-8"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_message(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    assert says in failed_import(path)


def test_a_missing_file_gets_a_clear_message(tmp_path):
    assert "There is no file at" in failed_import(tmp_path / "nowhere.csv")


def test_a_dry_run_saves_nothing(exported):
    changed(exported, SLUG, summary="Only checked.")
    out, _ = run_import(exported, "--dry-run")
    assert "Checked, nothing saved (dry run): 0 new, 1 updated" in out
    assert Service.objects.get(slug=SLUG).summary != "Only checked."


def test_an_export_to_another_kind_of_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"is not a \.csv or \.xlsx file"):
        call_command("export_services", str(tmp_path / "services.json"))


# The admin's import page: a preview, then confirm.


def test_a_curator_imports_in_the_admin_after_a_preview(client, exported):
    curator = member_of("curator")
    verified_login(client, curator)
    changed(exported, SLUG, summary="Changed in the admin.")
    with open(exported, "rb") as file:
        preview = client.post(
            reverse("admin:services_service_import"), {"import_file": file, "format": "0"}
        )
    assert preview.status_code == 200
    assert "Confirm import" in preview.content.decode()
    assert Service.objects.get(slug=SLUG).summary != "Changed in the admin."

    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    done = client.post(reverse("admin:services_service_process_import"), data)

    assert done.status_code == 302
    service = Service.objects.get(slug=SLUG)
    assert service.summary == "Changed in the admin."
    assert service.history.first().history_user == curator


def test_the_admin_preview_shows_row_errors_and_offers_no_confirm(client, exported):
    verified_login(client, member_of("curator"))
    changed(exported, SLUG, minimum_age="sixteen")
    with open(exported, "rb") as file:
        preview = client.post(
            reverse("admin:services_service_import"), {"import_file": file, "format": "0"}
        )
    html = preview.content.decode()
    assert "Write a whole number" in html
    assert "minimum_age" in html
    assert "Confirm import" not in html


def test_a_view_only_user_can_export_but_not_import(client):
    from django.contrib.auth.models import Permission

    viewer = member_of("curator", username="viewer")
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_service"))
    verified_login(client, viewer)
    assert client.get(reverse("admin:services_service_import")).status_code == 403
    assert client.get(reverse("admin:services_service_export")).status_code == 200


def test_an_import_keeps_the_day_of_the_last_check(exported):
    before = Service.objects.get(slug=SLUG).last_checked
    changed(exported, SLUG, summary="Another summary.")
    run_import(exported)
    assert Service.objects.get(slug=SLUG).last_checked == before
