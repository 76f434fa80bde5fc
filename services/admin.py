"""The curators' workspace: keep records right, and see what is overdue for a re-check."""

from django import forms
from django.contrib import admin
from django.db.models import Exists, Max, OuterRef, Subquery
from django.utils import timezone
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from services.curation.admin import CheckInline, log_a_check_link
from services.curation.spreadsheets import ServiceResource
from services.geocoding import place_venue
from services.models import (
    SOURCES_GO_OUT_OF_DATE_AFTER_YEARS,
    AccessFeature,
    Audience,
    ContactPoint,
    Format,
    Kind,
    OpeningTime,
    Organisation,
    ReferralRoute,
    Service,
    Source,
    Venue,
    out_of_date_before,
)


class VenueForm(forms.ModelForm):
    """A venue with a postcode and no coordinates is placed on the map as it is saved."""

    class Meta:
        model = Venue
        fields = ["name", "address", "postcode", "latitude", "longitude", "wheelchair_note"]

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode") or ""
        if not postcode:
            return cleaned
        typed = cleaned.get("latitude") is not None or cleaned.get("longitude") is not None
        # Only a venue without coordinates is looked up: every save cleans every venue, and
        # the online geocoder must not be asked again and again about one already placed.
        cleaned["postcode"], coordinates = place_venue(
            cleaned.get("address", ""), postcode, look_up=not typed
        )
        if coordinates:
            cleaned["latitude"], cleaned["longitude"] = coordinates
        return cleaned


class VenueInline(admin.StackedInline):
    model = Venue
    form = VenueForm
    extra = 0


class ContactPointInline(admin.TabularInline):
    model = ContactPoint
    extra = 0


class OpeningTimeInline(admin.TabularInline):
    model = OpeningTime
    extra = 0


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


class NewestSourceFilter(admin.SimpleListFilter):
    """Records whose newest dated source is old (readers are told it may be out of date), and
    records whose sources give no date (nobody can tell)."""

    title = "newest source"
    parameter_name = "newest_source"
    OLD = "old"
    UNDATED = "undated"

    def lookups(self, request, model_admin):
        return [
            (self.OLD, f"Newest source more than {SOURCES_GO_OUT_OF_DATE_AFTER_YEARS} years old"),
            (self.UNDATED, "No source gives a date"),
        ]

    def queryset(self, request, queryset):
        dated = Source.objects.filter(service=OuterRef("pk"), published_on__isnull=False)
        if self.value() == self.OLD:
            recent = dated.filter(published_on__gte=out_of_date_before(timezone.now()))
            return queryset.filter(Exists(dated), ~Exists(recent))
        if self.value() == self.UNDATED:
            return queryset.filter(~Exists(dated))
        return queryset


@admin.register(Service)
class ServiceAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ServiceResource]
    list_display = [
        "name",
        "organisation",
        "status",
        "operating_status",
        "self_harm_policy",
        "self_referral",
        "last_checked",
        "newest_source",
    ]
    list_filter = [
        "status",
        "operating_status",
        NewestSourceFilter,
        "kinds",
        "self_harm_policy",
        "self_referral",
        "last_checked",
        "checked_how",
        "cost",
    ]
    search_fields = ["name", "summary", "organisation__name", "slug"]
    date_hierarchy = "last_checked"
    ordering = ["last_checked", "name"]  # the oldest checks first: they are the ones to redo
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    filter_horizontal = [
        "kinds",
        "formats",
        "audiences",
        "also_supports",
        "access_features",
        "referral_routes",
    ]
    inlines = [ContactPointInline, OpeningTimeInline, VenueInline, SourceInline, CheckInline]
    log_a_check = log_a_check_link

    def get_readonly_fields(self, request, obj=None):
        # A save is not a check: only a logged check (curation) moves these. A new record
        # gives the day and who gathered its facts; it starts as gathered from public pages.
        checked = ["last_checked", "checked_by"] if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *checked, "checked_how", "log_a_check"]

    def get_changeform_initial_data(self, request):
        return {
            "last_checked": timezone.localdate(),
            **super().get_changeform_initial_data(request),
        }

    def get_queryset(self, request):
        # A subquery, not a join: the list keeps one row per service, whatever else it filters.
        newest = (
            Source.objects.filter(service=OuterRef("pk"))
            .order_by()
            .values("service")
            .annotate(newest=Max("published_on"))
            .values("newest")
        )
        return super().get_queryset(request).annotate(newest_source_on=Subquery(newest))

    @admin.display(description="Newest source", ordering="newest_source_on", empty_value="No date")
    def newest_source(self, obj: Service):
        return obj.newest_source_on

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        obj.set_area_codes(form.cleaned_data.get("area_postcodes", obj.area_postcodes))

    fieldsets = [
        (
            "How sure are we?",
            {
                "fields": [
                    ("last_checked", "checked_how", "log_a_check"),
                    "checked_by",
                    "status",
                    "operating_status",
                    "unconfirmed",
                    "research_notes",
                ]
            },
        ),
        (
            "What is it?",
            {
                "fields": [
                    "name",
                    "slug",
                    "organisation",
                    "sector",
                    "kinds",
                    "summary",
                    "description",
                    "website",
                ]
            },
        ),
        (
            "Will it take me?",
            {
                "fields": [
                    ("min_age", "max_age", "ages_confirmed"),
                    "age_note",
                    "audiences",
                    "also_supports",
                    "who_for",
                    "available_anywhere",
                    ("area_name", "area_postcodes"),
                    "gp_registration_area",
                    "other_conditions",
                ]
            },
        ),
        (
            "How do I get in?",
            {
                "fields": [
                    "self_referral",
                    "referral_routes",
                    "referral_note",
                    "route_in",
                    "first_contact",
                    ("waiting_time", "waiting_time_reported"),
                ]
            },
        ),
        (
            "Does ongoing self-harm matter?",
            {
                "fields": [
                    ("self_harm_policy", "self_harm_policy_weeks"),
                    "self_harm_policy_qualifier",
                    "self_harm_policy_wording",
                    "self_harm_policy_source",
                    "curator_note",
                ]
            },
        ),
        ("What happens if I tell them?", {"fields": ["sharing", "sharing_note"]}),
        ("When is it open?", {"fields": [("open_24_hours", "any_time"), "hours_note"]}),
        (
            "Can I get there and use it?",
            {
                "fields": [
                    "formats",
                    ("cost", "cost_note"),
                    "access_features",
                    "languages",
                    "access_note",
                    "usage_limits",
                ]
            },
        ),
        ("Things to know", {"fields": ["status_note"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]


@admin.register(Kind, Format, Audience, AccessFeature, ReferralRoute)
class TagAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
