"""Recording a check, and what a check sets in motion.

The only code that writes a service's last_checked, checked_how and checked_by: a save in
the admin never does (they are read-only there).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from services.choices import HowGathered, ServiceStatus
from services.curation.choices import OUTCOMES_THAT_CHECK, CheckMethod, CheckOutcome, TaskKind
from services.curation.models import Check, Task
from services.models import Service
from services.provenance import newer_part_check, part_check

# Two "could not reach" in a row raise a task.
UNREACHABLE_TIMES_IN_A_ROW = 2


@transaction.atomic
def record_check(
    service: Service,
    *,
    checked_on: date,
    method: str,
    outcome: str,
    parts: Sequence[str],
    checked_by: AbstractBaseUser,
    spoken_to_role: str = "",
    note: str = "",
) -> Check:
    """Record one check of a service and keep the service in step with its log.

    Raises ValidationError for a check that cannot be right (a date in the future, parts
    not named, parts named for a service nobody reached)."""
    # Locked, so two curators recording checks at once see each other's (PostgreSQL; SQLite
    # writes one at a time anyway).
    service = Service.objects.select_for_update().get(pk=service.pk)
    check = Check(
        service=service,
        checked_on=checked_on,
        method=method,
        outcome=outcome,
        parts=list(parts),
        checked_by=checked_by,
        spoken_to_role=spoken_to_role.strip(),
        note=note.strip(),
    )
    check.full_clean()
    check.save()
    _keep_service_in_step(service, check)
    if outcome == CheckOutcome.COULD_NOT_REACH:
        _raise_task_when_unreachable_again(service, check)
    elif _reached_them(check):
        for task in Task.objects.filter(
            service=service, kind=TaskKind.UNREACHABLE, resolved_at__isnull=True
        ):
            resolve_task(task, resolved_by=checked_by)
    return check


def resolve_task(task: Task, *, resolved_by: AbstractBaseUser, now: datetime | None = None) -> None:
    if task.resolved_at is None:
        task.resolved_at = now or timezone.now()
        task.resolved_by = resolved_by
        task.save(update_fields=["resolved_at", "resolved_by"])


def how_gathered(method: str) -> HowGathered:
    """What readers are told about a check made this way: reading their website is still
    gathering from public pages; anything else is checking with the service."""
    if method == CheckMethod.WEBSITE:
        return HowGathered.PUBLIC_PAGES
    return HowGathered.WITH_SERVICE


def _keep_service_in_step(service: Service, check: Check) -> None:
    changed = []
    if check.outcome in OUTCOMES_THAT_CHECK and _is_newest_word(service, check):
        service.last_checked = check.checked_on
        service.checked_how = how_gathered(check.method)
        service.checked_by = _name_of(check.checked_by)
        changed += ["last_checked", "checked_how", "checked_by"]
    if check.outcome in OUTCOMES_THAT_CHECK:
        part_checks = dict(service.part_checks)
        for part in check.parts:
            if newer_part_check(part_checks.get(part), check.checked_on, check.method):
                part_checks[part] = part_check(check.checked_on, check.method)
        if part_checks != service.part_checks:
            service.part_checks = part_checks
            changed.append("part_checks")
    if check.outcome == CheckOutcome.CLOSED and service.status != ServiceStatus.WITHDRAWN:
        service.status = ServiceStatus.WITHDRAWN
        changed.append("status")
    if changed:
        service.save(update_fields=[*changed, "updated_at"])


def _is_newest_word(service: Service, check: Check) -> bool:
    """A check entered late never takes the date back; on the same day, a check with the
    service outranks a look at their website."""
    if check.checked_on != service.last_checked:
        return check.checked_on > service.last_checked
    return how_gathered(check.method) == HowGathered.WITH_SERVICE


def _reached_them(check: Check) -> bool:
    """Whether a check settles that they can be reached (or that there is no one to reach):
    their website alone does not."""
    if check.outcome == CheckOutcome.CLOSED:
        return True
    return check.outcome in OUTCOMES_THAT_CHECK and check.method != CheckMethod.WEBSITE


def _raise_task_when_unreachable_again(service: Service, check: Check) -> None:
    latest = (
        Check.objects.filter(service=service)
        .order_by("-checked_on", "-pk")
        .values_list("outcome", flat=True)[:UNREACHABLE_TIMES_IN_A_ROW]
    )
    if list(latest) != [CheckOutcome.COULD_NOT_REACH] * UNREACHABLE_TIMES_IN_A_ROW:
        return
    open_already = Task.objects.filter(
        service=service, kind=TaskKind.UNREACHABLE, resolved_at__isnull=True
    ).exists()
    if not open_already:
        Task.objects.create(service=service, kind=TaskKind.UNREACHABLE, raised_by=check)


def _name_of(user: AbstractBaseUser) -> str:
    """Who checked, for curators (readers are never shown it)."""
    full_name = getattr(user, "get_full_name", lambda: "")()
    limit = Service._meta.get_field("checked_by").max_length
    return (full_name or user.get_username())[:limit]
