"""`manage.py due_for_check`: the curators' queue as plain text, one line each, for a daily job.

Each line: the day it fell due (or will, or the task was opened), why, the service and
its slug, and details. Oldest first. Prints nothing when nothing is due, so a daily job's
mail stays empty on quiet days.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from services.curation.queue import queue


class Command(BaseCommand):
    help = (
        "List services overdue for a check, due within 30 days, or with an open task, "
        "oldest first, one line each."
    )

    def handle(self, *args, **options) -> None:
        items = queue(timezone.now())
        for item in items:
            self.stdout.write(item.line)
        if not items and options["verbosity"] > 1:
            self.stdout.write("Nothing is due for a check and no task is open.")
