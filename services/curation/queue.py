"""The curators' queue: what needs a check or a decision, oldest first.

One list for the admin's "Curators' queue" page and for `manage.py due_for_check` (a daily
job), so the two never disagree. The due rules themselves are services.freshness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services import freshness
from services.curation.models import Suggestion, Task
from services.models import Service

# "Due soon": due within this many days.
DUE_SOON_DAYS = 30

OVERDUE = "overdue"
DUE_SOON = "due soon"
TASK = "task"
SUGGESTION = "suggestion"


@dataclass(frozen=True)
class QueueItem:
    """One thing to do about one service."""

    reason: str  # OVERDUE, DUE_SOON, TASK or SUGGESTION
    since: date  # the day it fell due (or will), the task was opened or the suggestion sent
    service_id: int
    service_name: str
    service_slug: str
    detail: str
    task_id: int | None = None
    suggestion_id: int | None = None

    @property
    def line(self) -> str:
        """The item as one line of plain text."""
        return (
            f"{self.since.isoformat()}  {self.reason:<8}  "
            f"{self.service_name} [{self.service_slug}]: {self.detail}"
        )


def queue(now: datetime) -> list[QueueItem]:
    """Everything in the queue, oldest first (then by service name)."""
    today = freshness.uk_today(now)
    items = [item for builder in QUEUE_BUILDERS for item in builder(today)]
    return sorted(items, key=lambda item: (item.since, item.service_name.casefold(), item.reason))


def due_for_check(today: date) -> list[QueueItem]:
    """Published services overdue for a check, or due within DUE_SOON_DAYS.

    The database narrows them to those checked long enough ago to be due by then on the
    shortest interval; freshness.due_on then decides for each, with its kinds. Two
    queries, whatever the size of the directory."""
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    shortest = min(freshness.CRISIS_AND_NATIONAL_LINES_EVERY_MONTHS, freshness.OTHERS_EVERY_MONTHS)
    candidates = Service.objects.published().filter(
        last_checked__lte=freshness.latest_day_months_before(horizon, shortest)
    )
    rows = list(
        candidates.order_by().values_list(
            "pk", "name", "slug", "last_checked", "available_anywhere"
        )
    )
    if not rows:
        return []
    kinds: dict[int, set[str]] = defaultdict(set)
    links = Service.kinds.through.objects.filter(service__in=candidates.values("pk"))
    for service_id, slug in links.values_list("service_id", "kind_id"):
        kinds[service_id].add(slug)
    items = []
    for pk, name, slug, last_checked, anywhere in rows:
        record = freshness.Record(last_checked, frozenset(kinds[pk]), anywhere)
        due = freshness.due_on(record)
        if due > horizon:
            continue
        detail = (
            f"last checked {_day(last_checked)}, due every {freshness.due_every(record)} months"
        )
        items.append(QueueItem(OVERDUE if due < today else DUE_SOON, due, pk, name, slug, detail))
    return items


def open_tasks(today: date) -> list[QueueItem]:
    """Tasks nobody has resolved yet, such as services nobody could reach twice in a row."""
    tasks = Task.objects.filter(resolved_at__isnull=True).select_related("service")
    return [
        QueueItem(
            TASK,
            freshness.uk_today(task.opened_at),
            task.service_id,
            task.service.name,
            task.service.slug,
            task.get_kind_display(),
            task_id=task.pk,
        )
        for task in tasks
    ]


def open_suggestions(today: date) -> list[QueueItem]:
    """Changes readers suggested that no reviewer has resolved yet.

    The detail is the topic only, never the reader's words: the daily job's list may travel
    by email, and the words can hold anything. Curators read them in the admin."""
    suggestions = Suggestion.objects.filter(resolved_at__isnull=True).select_related("service")
    return [
        QueueItem(
            SUGGESTION,
            freshness.uk_today(suggestion.created_at),
            suggestion.service_id,
            suggestion.service.name,
            suggestion.service.slug,
            f"suggested: {suggestion.get_topic_display().lower()}",
            suggestion_id=suggestion.pk,
        )
        for suggestion in suggestions
    ]


# Each returns the queue items of one kind.
QUEUE_BUILDERS: tuple[Callable[[date], list[QueueItem]], ...] = (
    due_for_check,
    open_tasks,
    open_suggestions,
)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
