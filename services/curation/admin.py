"""Curation in the admin: log checks, see a service's log, resolve tasks and readers'
suggestions, and the queue.

Checks are logged through "Add check" (from a service's page, the "Log a check" link),
which goes through checks.record_check. Nobody can change or delete a check.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from services.curation import approval
from services.curation.checks import record_check, resolve_task
from services.curation.choices import CheckedPart, ProposalStatus, SuggestionResolution
from services.curation.models import Check, ProposedChange, Queue, Suggestion, Task
from services.curation.queue import queue
from services.curation.suggestions import resolve_suggestion
from services.models import Service


class CheckForm(forms.ModelForm):
    parts = forms.MultipleChoiceField(
        label="What you checked",
        choices=CheckedPart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Check
        fields = ["service", "checked_on", "method", "outcome", "parts", "spoken_to_role", "note"]


class AppendOnly:
    """Checks are a log: added, read, never changed or deleted, whoever asks."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="What was checked")
    def what_was_checked(self, check: Check) -> str:
        return _parts_in_words(check)


@admin.register(Check)
class CheckAdmin(AppendOnly, admin.ModelAdmin):
    form = CheckForm
    list_display = ["checked_on", "service", "method", "outcome", "checked_by"]
    list_filter = ["outcome", "method", "checked_on"]
    list_select_related = ["service", "checked_by"]
    search_fields = ["service__name", "service__slug", "note"]
    date_hierarchy = "checked_on"
    autocomplete_fields = ["service"]
    readonly_fields = ["what_was_checked", "checked_by", "recorded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return CheckForm.Meta.fields
        # A recorded check, shown read-only, with its parts in words.
        return [
            "service",
            "checked_on",
            "method",
            "outcome",
            "what_was_checked",
            "spoken_to_role",
            "note",
            "checked_by",
            "recorded_at",
        ]

    def get_changeform_initial_data(self, request):
        return {"checked_on": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        recorded = record_check(
            data["service"],
            checked_on=data["checked_on"],
            method=data["method"],
            outcome=data["outcome"],
            parts=data["parts"],
            checked_by=request.user,
            spoken_to_role=data["spoken_to_role"],
            note=data["note"],
        )
        # The admin goes on with the object it was given (to log the addition and redirect).
        obj.pk, obj._state, obj.checked_by = recorded.pk, recorded._state, request.user

    def response_add(self, request, obj, post_url_continue=None):
        # Back to the service, whose page shows its log and what the check changed.
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        super().response_add(request, obj, post_url_continue)  # for its message
        return HttpResponseRedirect(reverse("admin:services_service_change", args=[obj.service_id]))


class CheckInline(AppendOnly, admin.TabularInline):
    """A service's log of checks, newest first, read-only (ServiceAdmin shows it)."""

    model = Check
    verbose_name_plural = "Checks, newest first"
    fields = ["checked_on", "method", "outcome", "what_was_checked", "spoken_to_role", "checked_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("checked_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _parts_in_words(check: Check) -> str:
    return ", ".join(check.parts_checked) or "Nothing"


@admin.display(description="Checks")
def log_a_check_link(model_admin, service: Service) -> str:
    """For ServiceAdmin: a link to log a check of this service (a save is not a check)."""
    if service is None or service.pk is None:
        return "Save the service first, then log a check."
    url = reverse("admin:curation_check_add") + f"?service={service.pk}"
    return format_html('<a href="{}">Log a check</a> (only a check moves "last checked")', url)


@admin.display(description="Waiting for approval")
def waiting_for_approval_links(model_admin, service: Service) -> str:
    """For ServiceAdmin: changes to this service a reviewer has not yet decided, so that
    nobody proposes the same change twice or wonders why the public page has not changed."""
    if service is None or service.pk is None:
        return "Nothing"
    waiting = list(service.proposals.filter(status=ProposalStatus.PENDING).order_by("pk"))
    if not waiting:
        return "Nothing"
    return format_html_join(
        format_html("<br>"),
        '<a href="{}">Proposed by {} on {}</a>',
        (
            (
                reverse("admin:curation_proposedchange_change", args=[proposal.pk]),
                proposal.proposed_by.get_username(),
                f"{proposal.proposed_at:%d %B %Y}",
            )
            for proposal in waiting
        ),
    )


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["service", "kind", "opened_at", "resolved_at", "resolved_by"]
    list_filter = ["kind", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["service", "resolved_by"]
    search_fields = ["service__name", "service__slug"]
    readonly_fields = ["service", "kind", "raised_by", "opened_at", "resolved_at", "resolved_by"]
    actions = ["resolve"]

    def has_add_permission(self, request) -> bool:
        return False  # checks raise tasks

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Mark the selected tasks as resolved", permissions=["change"])
    def resolve(self, request, queryset) -> None:
        now = timezone.now()
        open_tasks = list(queryset.filter(resolved_at__isnull=True))
        for task in open_tasks:
            resolve_task(task, resolved_by=request.user, now=now)
        self.message_user(request, f"Resolved {len(open_tasks)}.", messages.SUCCESS)


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    """Changes waiting for a second curator: those waiting first, oldest first. A reviewer
    who did not propose one sees old and new side by side, and approves or rejects it."""

    list_display = ["service", "status", "proposed_by", "proposed_at", "what_changes"]
    list_filter = ["status"]
    list_select_related = ["service", "proposed_by"]
    search_fields = ["service__name", "service__slug"]

    def get_queryset(self, request):
        waiting_first = Case(
            When(status=ProposalStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return super().get_queryset(request).order_by(waiting_first, "proposed_at", "pk")

    def has_add_permission(self, request) -> bool:
        return False  # proposed by saving a service

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # decided through approve and reject below, never edited

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="What it changes")
    def what_changes(self, proposal: ProposedChange) -> str:
        return ", ".join(
            line.name for line in approval.differences(proposal) if line.now != line.proposed
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        if proposal is None or not self.has_view_permission(request, proposal):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, proposal)
        context = {
            **self.admin_site.each_context(request),
            "title": "Change waiting for approval" if proposal.is_pending else "Change decided",
            "opts": self.model._meta,
            "proposal": proposal,
            "differences": approval.differences(proposal),
            "may_decide": approval.may_decide(request.user, proposal),
            "own": request.user.pk == proposal.proposed_by_id,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/curation/proposedchange.html", context)

    def _decide(self, request, proposal: ProposedChange):
        note = request.POST.get("note", "")
        try:
            if "_approve" in request.POST:
                approval.approve(proposal, approved_by=request.user, note=note)
                self.message_user(
                    request, f"Approved: {proposal.service} now shows it.", messages.SUCCESS
                )
            else:
                approval.reject(proposal, rejected_by=request.user, note=note)
                self.message_user(
                    request,
                    f"Not approved: {proposal.service} keeps what the public sees now.",
                    messages.SUCCESS,
                )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:curation_proposedchange_changelist"))


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    """The curators' queue: overdue, due soon and open tasks, oldest first."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Curators' queue",
            "opts": self.model._meta,
            "items": queue(timezone.now()),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/curation/queue.html", context)


class DecisionForm(forms.ModelForm):
    """A reviewer's decision on a reader's suggestion, made after correcting the record (or
    not) themselves: the suggestion never changes it."""

    resolution = forms.ChoiceField(
        label="Decision", choices=SuggestionResolution.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Suggestion
        fields = ["resolution", "note"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """Readers' suggestions, unresolved first, oldest first. Curators read them; reviewers
    (curation.approve_change) resolve them. What the reader sent is shown as text, escaped,
    and never edited."""

    form = DecisionForm
    list_display = ["created_at", "service", "topic", "opening_words", "decision"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "topic", "resolution"]
    list_select_related = ["service"]
    search_fields = ["service__name", "service__slug"]
    ordering = [F("resolved_at").desc(nulls_first=True), "created_at", "pk"]
    actions = ["mark_not_about_the_listing"]
    SENT = ["service", "topic", "details", "reply_email", "created_at"]
    DECIDED = ["resolution", "note", "resolved_at", "resolved_by"]

    def has_add_permission(self, request) -> bool:
        return False  # readers send them, through the form on each service page

    def has_change_permission(self, request, obj=None) -> bool:
        # A decision, once made, stands: a resolved suggestion is only read.
        if obj is not None and not obj.is_open:
            return False
        return super().has_change_permission(request, obj)

    def has_approve_permission(self, request) -> bool:
        return request.user.has_perm("curation.approve_change")

    def may_decide(self, request, suggestion: Suggestion | None) -> bool:
        return (
            suggestion is not None
            and suggestion.is_open
            and self.has_approve_permission(request)
            and self.has_change_permission(request, suggestion)
        )

    def get_fields(self, request, obj=None):
        if self.may_decide(request, obj):
            return [*self.SENT, "resolution", "note"]
        return [*self.SENT, *self.DECIDED]

    def get_readonly_fields(self, request, obj=None):
        if self.may_decide(request, obj):
            return self.SENT
        return [*self.SENT, *self.DECIDED]

    def save_model(self, request, obj, form, change) -> None:
        if not self.may_decide(request, obj):
            raise PermissionDenied
        resolve_suggestion(
            obj,
            resolution=form.cleaned_data["resolution"],
            note=form.cleaned_data["note"],
            resolved_by=request.user,
            now=timezone.now(),
        )

    @admin.display(description="Their words")
    def opening_words(self, suggestion: Suggestion) -> str:
        return Truncator(suggestion.details).chars(80)

    @admin.display(description="Reply email")
    def reply_email(self, suggestion: Suggestion) -> str:
        return suggestion.email or "None: not given, or deleted after 30 days"

    @admin.display(description="Decision")
    def decision(self, suggestion: Suggestion) -> str:
        return suggestion.get_resolution_display() or "Waiting"

    @admin.action(
        description="Resolve the selected: not about the listing (spam or unrelated)",
        permissions=["approve"],
    )
    def mark_not_about_the_listing(self, request, queryset) -> None:
        now = timezone.now()
        open_ones = list(queryset.filter(resolved_at__isnull=True))
        for suggestion in open_ones:
            resolve_suggestion(
                suggestion,
                resolution=SuggestionResolution.NOT_ABOUT_LISTING,
                note="",
                resolved_by=request.user,
                now=now,
            )
        self.message_user(request, f"Resolved {len(open_ones)}.", messages.SUCCESS)
