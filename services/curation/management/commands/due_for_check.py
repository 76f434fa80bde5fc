"""`manage.py due_for_check`: the curators' queue as plain text, one line each, for a daily job.

Each line: the day it fell due (or will, the task was opened or the suggestion sent), why,
the service and its slug, and details. Oldest first. Prints nothing when nothing is due, so
a daily job's mail stays empty on quiet days.

Being the daily job, it also forgets what is kept only for a while (suggestions.py): reply
emails older than 30 days, and the scrambled codes behind the hourly limit.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from services.curation.queue import queue
from services.curation.suggestions import forget_what_is_kept_for_a_while


class Command(BaseCommand):
    help = (
        "List services overdue for a check, due within 30 days, with an open task or a "
        "suggestion not yet resolved, oldest first, one line each. Run it daily: it also "
        "deletes reply emails older than 30 days (as forget_old_suggestion_emails does)."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        # Silently: forgetting is routine, and the mail is kept for what needs doing.
        forget_what_is_kept_for_a_while(now=now)
        items = queue(now)
        for item in items:
            self.stdout.write(item.line)
        if not items and options["verbosity"] > 1:
            self.stdout.write("Nothing is due for a check and no task is open.")
