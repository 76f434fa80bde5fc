"""Spreadsheets in and out: the directory as CSV or XLSX, and a spreadsheet of changes back.

One row per service, matched on its slug, with the columns named in services/hsds.py. An
import changes a service's own fields and tags, all rows or none: a row that fails stops
the whole import, and every failure is reported with its row and column. What it refuses:

- changes to existing services' fields that need a second curator's approval
  (NEEDS_APPROVAL): those are made in the admin, where they are sent for approval;
- publishing: a reviewer publishes in the admin; new services come in as drafts;
- moving "last checked": a save is not a check (only a logged check moves it).

Contact points, opening times and venues are exported to be read, and never imported.
Every change an import makes is kept in the services' history, with who imported which file.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path, PurePath

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import Error, Result

from services.choices import (
    ContactMethod,
    Cost,
    HowGathered,
    OperatingStatus,
    Sector,
    SelfHarmPolicy,
    ServiceStatus,
    Sharing,
)
from services.curation.approval import SENSITIVE_FIELDS
from services.hsds import SERVICE_COLUMNS, Column
from services.models import TAG_MODELS, TAG_RELATIONS, Organisation, Service

# Fields of an existing service whose changes need a second curator's approval
# (approval.SENSITIVE_FIELDS), so an import refuses them and sends curators to the admin,
# where a change is proposed and a reviewer sees it beside what the public sees now.
# Contact points it never touches.
NEEDS_APPROVAL: tuple[str, ...] = tuple(sorted(SENSITIVE_FIELDS))

# Only a logged check moves these (services/curation/checks.py); a new service gives its own.
MOVED_BY_CHECKS = ("last_checked", "checked_how", "checked_by")

# A cell starting with one of these is run as a formula by spreadsheet programs (a phone
# number such as +44 ... included), so exports put a single quote in front. Cells that
# already start with a quote get one too, so an import can always take exactly one off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

CHOICES = {
    "status": ServiceStatus,
    "sector": Sector,
    "operating_status": OperatingStatus,
    "self_harm_policy": SelfHarmPolicy,
    "sharing": Sharing,
    "cost": Cost,
    "checked_how": HowGathered,
}
YES_NO_FIELDS = ("ages_confirmed", "available_anywhere", "open_24_hours", "any_time")
WHOLE_NUMBER_FIELDS = ("min_age", "max_age", "self_harm_policy_weeks")
COLUMN_OF_FIELD = {column.field: column.name for column in SERVICE_COLUMNS if column.field}
LIST_SEPARATOR = "; "
# The history's change reason holds at most this many characters.
CHANGE_REASON_LENGTH = 100


class SpreadsheetError(ValueError):
    """Something wrong with the file as a whole (not one row), in words for curators."""


def escape_formula(value):
    """A cell as exported: text a spreadsheet would run as a formula gets a quote in front."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def unescape_formula(value):
    """A cell as imported: the quote an export put in front is taken off again."""
    if isinstance(value, str) and value.startswith(QUOTE):
        return value[1:]
    return value


# Widgets: each reads a cell and writes one, with a message that says what to write.


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed into a text cell: 2024, not 2024.0
        return super().clean(value, row, **kwargs)


class YesNoWidget(widgets.Widget):
    """yes, no, or (where the field can be unknown) blank. A blank is never taken for no."""

    YES = ("yes", "y", "true", "1")
    NO = ("no", "n", "false", "0")

    def __init__(self, *, unknown_allowed: bool):
        super().__init__()
        self.unknown_allowed = unknown_allowed

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if _is_blank(value):
            if self.unknown_allowed:
                return None
            raise ValueError("Write yes or no.")
        word = str(value).strip().casefold()
        if word in self.YES:
            return True
        if word in self.NO:
            return False
        if self.unknown_allowed:
            raise ValueError(
                f"Write yes or no, or leave it empty if it is not known (not {value!r})."
            )
        raise ValueError(f"Write yes or no (not {value!r}).")

    def render(self, value, obj=None, **kwargs):
        return {True: "yes", False: "no"}.get(value, "")


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError("Write a whole number, such as 16, or leave it empty.")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = str(value).strip()
        if text.isdigit():
            return int(text)
        raise ValueError(f"Write a whole number, such as 16, or leave it empty (not {value!r}).")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class DayWidget(widgets.Widget):
    FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        if isinstance(value, datetime):  # a date cell of a spreadsheet
            return value.date()
        if isinstance(value, date):
            return value
        for day_format in self.FORMATS:
            try:
                return datetime.strptime(str(value).strip(), day_format).date()
            except ValueError:
                continue
        raise ValueError(f"Write the date as year-month-day, such as 2026-06-01 (not {value!r}).")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else value.isoformat()


class MomentWidget(widgets.Widget):
    """A moment, written in UK time as text (spreadsheets keep no time zones)."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return timezone.localtime(value).isoformat(timespec="seconds")


class ChoiceWidget(widgets.Widget):
    """One of a fixed set of codes, written as the code (as the export writes it)."""

    def __init__(self, choices, *, blank_allowed: bool = False):
        super().__init__()
        self.values = [str(value) for value in choices.values]
        self.blank_allowed = blank_allowed

    def clean(self, value, row=None, **kwargs):
        code = "" if _is_blank(value) else str(value).strip()
        if code in self.values or (self.blank_allowed and not code):
            return code
        allowed = ", ".join(value or "(empty)" for value in self.values)
        raise ValueError(f"{value!r} is not one of ours. Write one of: {allowed}.")

    def render(self, value, obj=None, **kwargs):
        return value or ""


class OrganisationWidget(widgets.ForeignKeyWidget):
    """An organisation by its exact name; it must be in the directory already."""

    def __init__(self):
        super().__init__(Organisation, field="name")

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        name = str(value).strip()
        try:
            return Organisation.objects.get(name=name)
        except Organisation.DoesNotExist:
            raise ValueError(
                f"No organisation is called {name!r}. Check the spelling against an export, "
                "or add the organisation in the admin first."
            ) from None


class TagsWidget(widgets.ManyToManyWidget):
    """Tags as slugs separated by semicolons, each from the vocabulary."""

    def __init__(self, model, *, required: bool):
        super().__init__(model, separator=LIST_SEPARATOR, field="slug")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        typed = [] if _is_blank(value) else str(value).replace(",", ";").split(";")
        slugs = [slug.strip() for slug in typed if slug.strip()]
        found = {tag.slug: tag for tag in self.model.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        plural = self.model._meta.verbose_name_plural
        if unknown:
            known = ", ".join(self.model.objects.values_list("slug", flat=True)[:12])
            raise ValueError(
                f"{', '.join(map(repr, unknown))}: not in the list of {plural}. "
                f"Use slugs from that list in the admin, such as: {known}."
            )
        if self.required and not slugs:
            raise ValueError(f"Name at least one of the {plural}, by its slug.")
        return [found[slug] for slug in dict.fromkeys(slugs)]


def _widget_for(column: Column) -> widgets.Widget:
    field = column.field
    if field in TAG_MODELS:
        return TagsWidget(TAG_MODELS[field], required=field == "kinds")
    if field in CHOICES:
        # A new service may leave these empty: it starts as a draft gathered from public
        # pages. An existing one may not (the model says so, in the row's errors).
        return ChoiceWidget(CHOICES[field], blank_allowed=field in ("status", "checked_how"))
    if field == "self_referral":
        return YesNoWidget(unknown_allowed=True)
    if field in YES_NO_FIELDS:
        return YesNoWidget(unknown_allowed=False)
    if field in WHOLE_NUMBER_FIELDS:
        return WholeNumberWidget()
    if field == "last_checked":
        return DayWidget()
    if field == "updated_at":
        return MomentWidget()
    if field == "organisation":
        return OrganisationWidget()
    return TextWidget()


def _field_for(column: Column) -> fields.Field:
    # Columns put together from other rows, and the record's own timestamp, are read-only.
    read_only = column.field is None or column.field == "updated_at"
    return fields.Field(
        attribute=column.field,
        column_name=column.name,
        widget=_widget_for(column),
        readonly=read_only,
    )


class FileError(Error):
    """A problem with the whole file: its message is for curators, with no traceback."""

    @property
    def traceback(self):
        if isinstance(self.error, SpreadsheetError):
            return ""
        return super().traceback


class ServiceResourceBase(resources.ModelResource):
    """What ServiceResource does; its fields are made from services.hsds (below)."""

    class Meta:
        model = Service
        fields = tuple(column.name for column in SERVICE_COLUMNS)
        import_id_fields = ("slug",)
        # All rows or none: a failing row rolls back every other (see import_data).
        use_transactions = True
        # A row that changes nothing is not saved, so it adds no history.
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True

    def get_error_result_class(self):
        return FileError

    # Export

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organisation").prefetch_related(
            *TAG_RELATIONS, "contact_points", "opening_times", "venues"
        )

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def dehydrate_phones(self, service: Service) -> str:
        return _contacts(service, {ContactMethod.PHONE})

    def dehydrate_email(self, service: Service) -> str:
        return _contacts(service, {ContactMethod.EMAIL})

    def dehydrate_other_contacts(self, service: Service) -> str:
        others = set(ContactMethod) - {ContactMethod.PHONE, ContactMethod.EMAIL}
        return _contacts(service, others, with_method=True)

    def dehydrate_schedules(self, service: Service) -> str:
        return LIST_SEPARATOR.join(
            f"{slot} ({slot.note})" if slot.note else str(slot)
            for slot in service.opening_times.all()
        )

    def dehydrate_service_at_locations(self, service: Service) -> str:
        return LIST_SEPARATOR.join(
            ", ".join(
                part
                for part in (venue.name, *venue.address.splitlines(), venue.postcode)
                if part.strip()
            )
            for venue in service.venues.all()
        )

    # Import

    def get_queryset(self):
        return Service.objects.select_related("organisation")

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # Nothing is saved when any row fails, whoever calls: the admin's confirm step
        # does not ask for this itself.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def before_import(self, dataset, **kwargs):
        headers = [
            "" if header is None else str(header).strip() for header in dataset.headers or []
        ]
        if "slug" not in headers:
            raise SpreadsheetError(
                "The first row must name the columns, with a slug column: start from an "
                "export, which has them."
            )
        ours = {column.name for column in SERVICE_COLUMNS}
        unknown = [header for header in headers if header and header not in ours]
        if unknown:
            raise SpreadsheetError(
                f"Columns we do not know: {', '.join(map(repr, unknown))}. Check their "
                "spelling against an export, or delete them."
            )
        unnamed = [place for place, header in enumerate(headers) if not header]
        if any(not _is_blank(row[place]) for row in dataset for place in unnamed):
            raise SpreadsheetError(
                "A column with something in it has no name in the first row: name it, as "
                "an export does, or delete it."
            )
        duplicated = [name for name, times in Counter(headers).items() if name and times > 1]
        if duplicated:
            raise SpreadsheetError(
                f"Columns named twice: {', '.join(map(repr, duplicated))}. Keep one of each."
            )
        dataset.headers = headers
        slugs = Counter(unescape_formula(row[headers.index("slug")]) for row in dataset)
        twice = sorted(str(slug) for slug, times in slugs.items() if times > 1 and slug)
        if twice:
            raise SpreadsheetError(
                f"More than one row for: {', '.join(twice)}. Keep one row per service."
            )

    def import_row(self, row, instance_loader, **kwargs):
        for name, value in row.items():
            row[name] = unescape_formula(value)
        row_result = super().import_row(row, instance_loader, **kwargs)
        # For reports: a row that failed has no object to name it by.
        row_result.slug = str(row.get("slug") or "").strip()
        return row_result

    def import_instance(self, instance, row, **kwargs):
        new = instance.pk is None
        before = {column.field: getattr(instance, column.field) for column in _plain_columns()}
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Tags are saved after the row (save_m2m); they are read and checked now, with the rest.
        tags_before = {} if new else _tag_slugs(instance)
        tags_after = {}
        for field in self.get_import_fields():
            if field.attribute in TAG_MODELS and field.column_name in row:
                try:
                    tags_after[field.attribute] = {tag.slug for tag in field.clean(row)}
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
        if instance.area_postcodes:
            # In the form set_area_codes keeps, so "tq1" for "TQ1" is no change.
            instance.area_postcodes = " ".join(instance.area_codes)
        changed = [
            field for field, value in before.items() if getattr(instance, field) != value
        ] + [field for field, slugs in tags_after.items() if slugs != tags_before.get(field, set())]
        for field, message in _refusals(instance, new, before, changed, kwargs.get("user")):
            errors.setdefault(field, []).append(message)
        self._changed_columns = [COLUMN_OF_FIELD[field] for field in changed]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(_for_curators(error)) from None

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = kwargs.get("user")
        file_name = PurePath(str(kwargs.get("file_name") or "a spreadsheet")).name
        instance._change_reason = f"Imported from {file_name}"[:CHANGE_REASON_LENGTH]

    def do_instance_save(self, instance, is_create):
        # A new service is saved now (its history begins "created"); an existing one is
        # saved once, after its tags (save_m2m), so its one new version holds them.
        if is_create:
            instance.save(force_insert=True)

    def save_m2m(self, instance, row, **kwargs):
        instance.skip_history_when_saving = True
        try:
            super().save_m2m(instance, row, **kwargs)
            # The area rows search matches on (see ServiceAdmin.save_model).
            instance.set_area_codes(instance.area_postcodes)
        finally:
            del instance.skip_history_when_saving
        instance.save()

    def after_import_row(self, row, row_result, **kwargs):
        row_result.changed_columns = getattr(self, "_changed_columns", [])
        self._changed_columns = []


def _plain_columns() -> list[Column]:
    return [
        column
        for column in SERVICE_COLUMNS
        if column.field is not None and column.field not in TAG_MODELS
    ]


def _tag_slugs(service: Service) -> dict[str, set[str]]:
    return {
        relation: set(getattr(service, relation).values_list("slug", flat=True))
        for relation in TAG_MODELS
    }


def _refusals(instance: Service, new: bool, before: dict, changed: list[str], user):
    """What this row may not do, as (field, message) pairs."""
    status = instance.status
    if new:
        if user is not None and not user.has_perm("services.add_service"):
            yield (
                "slug",
                (
                    "There is no service with this slug, and you cannot add services. Check "
                    "the slug against an export, or ask an administrator."
                ),
            )
        if status not in ("", ServiceStatus.DRAFT):
            yield (
                "status",
                (
                    "A new service comes in as a draft: leave this empty or write draft. A "
                    "reviewer publishes it in the admin."
                ),
            )
        instance.status = ServiceStatus.DRAFT
        if instance.checked_how not in ("", HowGathered.PUBLIC_PAGES):
            yield (
                "checked_how",
                (
                    "A new service starts as gathered from public pages: leave this empty. "
                    "Log a check in the admin to record one with the service."
                ),
            )
        instance.checked_how = HowGathered.PUBLIC_PAGES
        return
    if status == ServiceStatus.PUBLISHED and before["status"] != ServiceStatus.PUBLISHED:
        yield (
            "status",
            (
                "Publishing is done in the admin by a reviewer: leave this as it was, and ask "
                "a reviewer to publish the service."
            ),
        )
    for field in changed:
        column = COLUMN_OF_FIELD[field]
        if field in NEEDS_APPROVAL:
            yield (
                field,
                (
                    f"Changes to {column} need a second curator's approval: make this change "
                    "in the admin, where it is sent for approval."
                ),
            )
        if field in MOVED_BY_CHECKS:
            yield (
                field,
                (
                    f"{column} changes only when a check is logged (a save is not a check): put "
                    'back what the export said, and use "Log a check" on the service\'s page.'
                ),
            )


# Django's own messages, where a curator needs to know what to write instead.
PLAINER = {
    "blank": "Fill in this cell: every service needs one.",
    "null": "Fill in this cell: every service needs one.",
    "invalid": None,  # widgets' and validators' own words say what to write
}
CONSTRAINTS = {
    "min_age_not_above_max_age": (
        "min_age",
        "minimum_age is above maximum_age: check the two ages.",
    ),
    "weeks_given_exactly_when_policy_excludes_recent": (
        "self_harm_policy_weeks",
        "Give the number of weeks when self_harm_policy is excludes_recent, and only then.",
    ),
    "recent_self_harm_rule_keeps_its_qualifier": (
        "self_harm_policy_qualifier",
        "When self_harm_policy is excludes_recent, say what kind of recent self-harm, as the "
        "source says it.",
    ),
    "not_both_24_hours_and_any_time": (
        "open_24_hours",
        "open_24_hours and any_time cannot both be yes: choose one.",
    ),
}


def _for_curators(error: ValidationError) -> dict[str, list[str]]:
    """A row's errors keyed by column name, in words that say what to do."""
    found: dict[str, list[str]] = {}
    for field, problems in error.error_dict.items():
        for problem in problems:
            messages = problem.messages if isinstance(problem, ValidationError) else [problem]
            code = getattr(problem, "code", None)
            for message in messages:
                column, text = _column_and_message(field, code, str(message))
                found.setdefault(column, []).append(text)
    return found


def _column_and_message(field: str, code: str | None, message: str) -> tuple[str, str]:
    if field == NON_FIELD_ERRORS:
        for name, (constrained, text) in CONSTRAINTS.items():
            if name in message:
                return COLUMN_OF_FIELD[constrained], text
        return NON_FIELD_ERRORS, message
    return COLUMN_OF_FIELD.get(field, field), PLAINER.get(code) or message


def _contacts(service: Service, methods: set[str], *, with_method: bool = False) -> str:
    """Contact points as one cell: "0800 123 456 (Helpline)"; read, never imported."""
    written = []
    for contact in service.contact_points.all():
        if contact.method not in methods:
            continue
        text = contact.value
        if with_method:
            text = f"{contact.get_method_display()}: {text}"
        if contact.keyword:
            text += f", send {contact.keyword}"
        notes = [note for note in (contact.label, contact.hours_note) if note]
        if contact.for_professionals:
            notes.append("for professionals")
        if notes:
            text += f" ({', '.join(notes)})"
        written.append(text)
    return LIST_SEPARATOR.join(written)


# The fields come from services.hsds, so the columns cannot drift from the API's names.
ServiceResource = type(
    "ServiceResource",
    (ServiceResourceBase,),
    {
        "__module__": __name__,
        "__doc__": "Services as spreadsheet rows, one per service, matched on slug.",
        **{column.name: _field_for(column) for column in SERVICE_COLUMNS},
    },
)


# Files: what the management commands read and write.

SPREADSHEET_FORMATS = {".csv": CSV, ".xlsx": XLSX}
# With a byte-order mark, so Excel reads a CSV's accents and pound signs as UTF-8.
CSV_ENCODING = "utf-8-sig"


def format_for(path: Path):
    """The file format its name says (.csv or .xlsx), or SpreadsheetError."""
    try:
        return SPREADSHEET_FORMATS[path.suffix.casefold()](encoding=CSV_ENCODING)
    except KeyError:
        raise SpreadsheetError(
            f"{path.name} is not a .csv or .xlsx file: save it as CSV or as an Excel "
            "workbook (.xlsx)."
        ) from None


def export_services(path: Path) -> int:
    """Write every service to a spreadsheet at this path; returns how many."""
    file_format = format_for(path)
    dataset = ServiceResource().export(
        Service.objects.order_by("name", "pk"),
        force_native_type=isinstance(file_format, XLSX),
    )
    data = file_format.export_data(dataset)
    if isinstance(data, str):
        data = data.encode(CSV_ENCODING)
    path.write_bytes(data)
    return len(dataset)


def read_spreadsheet(path: Path) -> tablib.Dataset:
    """The rows of a .csv or .xlsx file, or SpreadsheetError saying what is wrong."""
    file_format = format_for(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpreadsheetError(f"There is no file at {path}.") from None
    except OSError as error:
        raise SpreadsheetError(f"{path} could not be read: {error.strerror}.") from None
    if isinstance(file_format, CSV):
        try:
            text = data.decode(CSV_ENCODING)
        except UnicodeDecodeError:
            raise SpreadsheetError(
                f'{path.name} is not in UTF-8: save it again as "CSV UTF-8".'
            ) from None
        try:
            return file_format.create_dataset(text)
        except tablib.InvalidDimensions:
            raise SpreadsheetError(
                f"Some rows of {path.name} have more cells than the first row has column "
                "names: name every column, or delete the extra cells."
            ) from None
    try:
        return file_format.create_dataset(data)
    except Exception:  # openpyxl raises many kinds of error for a file it cannot read
        raise SpreadsheetError(
            f"{path.name} could not be read as an Excel workbook: open it in a spreadsheet "
            "program and save it again as .xlsx."
        ) from None


def import_services(path: Path, *, user=None, dry_run: bool = False) -> Result:
    """Import a spreadsheet of changes: every row or none. The result says, row by row,
    what was new, updated or unchanged, and what failed."""
    dataset = read_spreadsheet(path)
    return ServiceResource().import_data(dataset, dry_run=dry_run, user=user, file_name=path.name)
