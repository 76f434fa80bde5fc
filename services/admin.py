"""The curators' workspace: keep records right, and see what is overdue for a re-check."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Max, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from services.curation import approval
from services.curation.admin import CheckInline, log_a_check_link, waiting_for_approval_links
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


class CuratedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, where restoring a version is a change like any other: only
    someone who may change the record may restore one (its own view lets anyone who may see
    the history post a version back, and keeps the form editable for them)."""

    def revert_disabled(self, request, obj=None) -> bool:
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class ServiceForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Why this change",
        required=False,
        max_length=100,
        help_text="Kept in the history with your change, and shown to whoever approves it: "
        "for example 'New number on their website, 3 March 2026'.",
    )

    class Meta:
        model = Service
        # The admin chooses the fields (ServiceAdmin.fieldsets); this form adds one.
        fields = "__all__"  # noqa: DJ007


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
class ServiceAdmin(ImportExportMixin, CuratedHistoryAdmin):
    resource_classes = [ServiceResource]
    form = ServiceForm
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
    waiting_for_approval = waiting_for_approval_links

    # The service's own versions (simple-history), then those of the rows that belong to it.
    object_history_template = "admin/services/service/object_history.html"
    PARTS_WITH_HISTORY = {
        "Way to get in touch": ContactPoint,
        "Opening time": OpeningTime,
        "Venue": Venue,
        "Source": Source,
    }
    PART_HISTORY_SHOWN = 100

    def history_view(self, request, object_id, extra_context=None):
        if not re.fullmatch(r"[0-9]+", str(object_id)):
            raise Http404("No service has that id.")  # simple-history's own view fails on it
        records = []
        for part, model in self.PARTS_WITH_HISTORY.items():
            for record in (
                model.history.filter(service_id=object_id)
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[: self.PART_HISTORY_SHOWN]
            ):
                record.part = part
                previous = record.prev_record
                record.changes = (
                    record.diff_against(previous).changes
                    if previous and record.history_type == "~"
                    else []
                )
                records.append(record)
        records.sort(key=lambda record: (record.history_date, record.history_id), reverse=True)
        context = {"part_history": records[: self.PART_HISTORY_SHOWN], **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def get_readonly_fields(self, request, obj=None):
        # A save is not a check: only a logged check (curation) moves these. A new record
        # gives the day and who gathered its facts; it starts as gathered from public pages.
        checked = ["last_checked", "checked_by"] if obj is not None else []
        return [
            *super().get_readonly_fields(request, obj),
            *checked,
            "checked_how",
            "log_a_check",
            "waiting_for_approval",
        ]

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

    # Saving: what can hurt if wrong waits for a second curator (curation/approval.py);
    # the rest publishes on save. The service keeps its last approved values meanwhile.

    def save_model(self, request, obj, form, change):
        # Locked until the save ends (the admin saves in a transaction), so an approval
        # committed meanwhile is neither undone nor missed.
        current = Service.objects.select_for_update().get(pk=obj.pk) if change else None
        if current is not None and getattr(request, "restoring_a_version", False):
            # A version restores what curators wrote, never when or how it was checked:
            # only a logged check moves those.
            for name in ("last_checked", "checked_how", "checked_by", "part_checks"):
                setattr(obj, name, getattr(current, name))
        request.waiting_for_approval = {
            "fields": approval.held_back(current, obj),
            "contact_points": None,
            "was_public": current is not None and approval.is_public(current),
        }
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        obj._history_user = request.user
        obj.save_with_area_codes()
        if getattr(request, "restoring_a_version", False):
            self._propose_what_waits(request, form)

    def save_formset(self, request, form, formset, change):
        waiting = getattr(request, "waiting_for_approval", None)
        if formset.model is ContactPoint and waiting and waiting["was_public"]:
            if formset.has_changed():
                waiting["contact_points"] = approval.contact_points_proposed(formset.forms)
            # Nothing saved: the admin's log of this save reads these.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._propose_what_waits(request, form)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version saves the service without its inlines or save_related: what
        # waits is proposed as the service is saved (save_model).
        request.restoring_a_version = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _propose_what_waits(self, request, form):
        waiting = request.waiting_for_approval
        if not waiting["fields"] and waiting["contact_points"] is None:
            return
        proposal = approval.propose(
            form.instance,
            fields=waiting["fields"],
            contact_points=waiting["contact_points"],
            proposed_by=request.user,
            reason=form.cleaned_data.get("change_reason", ""),
        )
        if proposal is not None:
            names = ", ".join(line.name for line in approval.differences(proposal))
            self.message_user(
                request,
                f"Waiting for a reviewer to approve: {names}. Until then the public sees the "
                "last approved version.",
                messages.WARNING,
            )

    fieldsets = [
        (
            "How sure are we?",
            {
                "fields": [
                    "change_reason",
                    "waiting_for_approval",
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
class OrganisationAdmin(CuratedHistoryAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]


@admin.register(Kind, Format, Audience, AccessFeature, ReferralRoute)
class TagAdmin(CuratedHistoryAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
