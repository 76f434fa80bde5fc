"""Curation's records: the append-only log of checks, the tasks checks raise, and the changes
readers suggest.

A save of a service is not a check. Only a Check row, made by checks.record_check, moves a
service's last_checked and checked_how (the answer readers see).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from services.curation.choices import (
    OUTCOMES_NEEDING_PARTS,
    CheckedPart,
    CheckMethod,
    CheckOutcome,
    ProposalStatus,
    SuggestionResolution,
    SuggestionTopic,
    TaskKind,
)
from services.models import Service


class AppendOnlyError(Exception):
    """A check, once recorded, is never changed or deleted: record another one instead."""


class CheckQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Checks are never changed: record another check.")

    def delete(self):
        raise AppendOnlyError("Checks are never deleted: record another check.")


def validate_parts(parts) -> None:
    """A list of CheckedPart values, each once."""
    if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
        raise ValidationError("Give the parts checked as a list.", code="invalid")
    unknown = sorted(set(parts) - set(CheckedPart.values))
    if unknown:
        raise ValidationError(
            "%(parts)s is not a part of a record.", params={"parts": ", ".join(unknown)}
        )
    if len(set(parts)) != len(parts):
        raise ValidationError("Each part is checked once.", code="repeated")


class Check(models.Model):
    """One check of one service, as it happened: when, how, what was checked, what was found.

    Append-only: a wrong entry is put right by recording another check, so the log stays
    a true account. Never the name of the person spoken to, only their role.
    """

    Method = CheckMethod
    Outcome = CheckOutcome
    Part = CheckedPart

    # PROTECT: a service with checks is withdrawn, not deleted, and its log is kept.
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField()
    method = models.CharField(max_length=16, choices=CheckMethod)
    outcome = models.CharField(max_length=16, choices=CheckOutcome)
    # A list of CheckedPart values. A JSON list, not a link table: seven fixed values, read
    # only with their check (a service's log is a handful of rows), never searched across
    # services; and it works alike on SQLite and PostgreSQL. validate_parts keeps it honest.
    parts = models.JSONField(default=list, blank=True, validators=[validate_parts])
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checks_recorded"
    )
    spoken_to_role = models.CharField(
        max_length=100,
        blank=True,
        help_text="The role of the person you spoke to, never their name: for example "
        "'duty manager' or 'volunteer coordinator'.",
    )
    note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-pk"]
        # No change or delete permission exists to be given: checks are append-only.
        default_permissions = ("add", "view")
        # Asked for as "curation.approve_change", whichever model declares it; reviewers
        # hold it (migrations/0002_roles.py). Suggested changes will be the first to need it.
        permissions = [("approve_change", "Can approve proposed changes and suggestions")]
        indexes = [models.Index(fields=["service", "-checked_on"], name="check_service_newest")]
        constraints = [
            models.CheckConstraint(
                name="check_method_is_known", condition=Q(method__in=CheckMethod.values)
            ),
            models.CheckConstraint(
                name="check_outcome_is_known", condition=Q(outcome__in=CheckOutcome.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} on {self.checked_on:%d %B %Y}: {self.get_outcome_display()}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Checks are never changed: record another check.")
        validate_parts(self.parts)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Checks are never deleted: record another check.")

    def clean(self) -> None:
        errors = {}
        if self.checked_on and self.checked_on > timezone.localdate():
            errors["checked_on"] = "A check cannot be in the future."
        parts = self.parts if isinstance(self.parts, list) else []
        if self.outcome in OUTCOMES_NEEDING_PARTS and not parts:
            errors["parts"] = "Say which parts of the record you checked."
        if self.outcome == CheckOutcome.COULD_NOT_REACH and parts:
            errors["parts"] = "Nothing was checked when they could not be reached."
        if errors:
            raise ValidationError(errors)

    @property
    def parts_checked(self) -> list[str]:
        """The parts checked, in words, in the choices' order."""
        labels = dict(CheckedPart.choices)
        return [labels[value] for value in CheckedPart.values if value in self.parts]


class Task(models.Model):
    """Something curators must follow up about one service, such as one they could not
    reach twice in a row."""

    Kind = TaskKind

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="curation_tasks")
    kind = models.CharField(max_length=16, choices=TaskKind)
    raised_by = models.ForeignKey(
        Check, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks_raised"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="curation_tasks_resolved",
    )

    class Meta:
        ordering = ["opened_at", "pk"]
        # Raised by checks, resolved by curators (or by a later check that reached them).
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "kind"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_task_of_a_kind_per_service",
            ),
            models.CheckConstraint(
                name="resolved_by_only_once_resolved",
                condition=Q(resolved_by__isnull=True) | Q(resolved_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ProposedChange(models.Model):
    """A change to what can hurt if it is wrong (contact details, crisis text, the self-harm
    policy, what happens if you tell them, going public), waiting for a second curator.

    The service itself keeps its last approved values, so the public goes on seeing them;
    the new values live here until a reviewer who did not propose them approves
    (approval.approve). `before` is what the public saw when it was proposed: the approver
    sees it beside `after`, and a proposal whose `before` no longer holds is not applied.
    """

    Status = ProposalStatus

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="proposals")
    # {field name: value} for the service's own fields, and "contact_points": [{...}, ...]
    # for its whole list of ways to get in touch, as JSON (approval.py writes both).
    before = models.JSONField()
    after = models.JSONField()
    reason = models.CharField(max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="changes_proposed"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ProposalStatus, default=ProposalStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        # Made by saving a service and decided through approval.py: never edited as a row.
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                name="proposal_status_is_known", condition=Q(status__in=ProposalStatus.values)
            ),
            # Nobody approves their own change.
            models.CheckConstraint(
                name="decided_by_someone_else",
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
            ),
            models.CheckConstraint(
                name="decided_exactly_when_not_pending",
                condition=Q(status=ProposalStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=ProposalStatus.PENDING) & Q(decided_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: change proposed on {self.proposed_at:%d %B %Y}"

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.PENDING


class Queue(Task):
    """The curators' queue, as an entry in the admin's list of curation pages.

    Not a table of its own: the queue is worked out when it is shown (queue.queue). A proxy
    gives it a place in the admin's index and a permission of its own to see it.
    """

    class Meta:
        proxy = True
        verbose_name = "curators' queue"
        verbose_name_plural = "curators' queue"
        default_permissions = ("view",)


# The most a reader's suggestion may say: room for a few opening times or a short account,
# small enough to read in the queue. The form says so; the database holds to it too.
SUGGESTION_MAX_CHARACTERS = 2000


class Suggestion(models.Model):
    """One change a reader suggested to one service's listing, from the public form.

    It never changes the directory itself: it waits in the curators' queue until a reviewer
    decides. The reply email, if given, is blanked after 30 days (suggestions.forget_old_emails).
    """

    Topic = SuggestionTopic
    Resolution = SuggestionResolution

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="suggestions")
    topic = models.CharField(max_length=16, choices=SuggestionTopic)
    details = models.TextField(max_length=SUGGESTION_MAX_CHARACTERS)
    email = models.EmailField(blank=True, help_text="Only for a reply. Blanked after 30 days.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolution = models.CharField(
        max_length=20, choices=SuggestionResolution, blank=True, verbose_name="decision"
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="A short note on what you did, for other curators."
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions_resolved",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        # Readers add them (through the form, not the admin); reviewers resolve them; an
        # administrator can delete one that holds what it should not (a name, say).
        default_permissions = ("view", "change", "delete")
        indexes = [
            # The queue: unresolved, oldest first.
            models.Index(
                fields=["created_at"],
                condition=Q(resolved_at__isnull=True),
                name="suggestion_open_oldest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="suggestion_topic_is_known", condition=Q(topic__in=SuggestionTopic.values)
            ),
            models.CheckConstraint(
                name="suggestion_details_fit",
                condition=LessThanOrEqual(Length("details"), SUGGESTION_MAX_CHARACTERS),
            ),
            # Resolved means decided: a date, a decision and who made it, all or none.
            models.CheckConstraint(
                name="suggestion_resolved_all_or_nothing",
                condition=Q(resolved_at__isnull=True, resolution="", resolved_by__isnull=True)
                | (
                    Q(resolved_at__isnull=False, resolved_by__isnull=False)
                    & Q(resolution__in=SuggestionResolution.values)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_topic_display()} ({self.created_at:%d %B %Y})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class RecentSender(models.Model):
    """One suggestion sent, under a scrambled code for where it came from, for the hourly limit.

    Never the address itself: the code is a keyed hash (suggestions.sender_code says how),
    and rows are deleted once they are older than the limit looks back.
    """

    code = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Nobody reads these, in the admin or anywhere else.
        default_permissions = ()
        indexes = [models.Index(fields=["code", "sent_at"], name="recent_sender_code_time")]

    def __str__(self) -> str:
        return f"A suggestion sent at {self.sent_at:%H:%M}"
