"""`manage.py forget_old_suggestion_emails`: delete what readers' suggestions keep only for a
while. due_for_check does the same as part of the daily job; this is for running it alone."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from services.curation.suggestions import forget_what_is_kept_for_a_while


class Command(BaseCommand):
    help = (
        "Delete the reply emails of suggestions sent more than 30 days ago, and the "
        "scrambled codes behind the hourly limit once they are over an hour old. Run it "
        "daily (due_for_check does this too): /privacy/ promises both."
    )

    def handle(self, *args, **options) -> None:
        emails, codes = forget_what_is_kept_for_a_while(now=timezone.now())
        if emails or options["verbosity"] > 1:
            self.stdout.write(f"Deleted {emails} reply emails older than 30 days.")
        if options["verbosity"] > 1:
            self.stdout.write(f"Deleted {codes} codes older than an hour.")
