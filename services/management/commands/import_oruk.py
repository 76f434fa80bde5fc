"""manage.py import_oruk PATH: another directory's Open Referral feed, saved to disk, into
draft services for curators to check (services/api/feed.py does the work; docs/import-oruk.md
says what goes where)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services.api.feed import FeedError, import_records, read_records


class Command(BaseCommand):
    help = (
        "Import an Open Referral UK (HSDS 3.0) feed saved to disk as draft services: a page "
        "of /services?full=true, a directory of pages, ndjson, or one service. Nothing is "
        "published, and published services are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .json or .ndjson file, or a directory of them.")
        parser.add_argument(
            "--source",
            help="What to call the feed in each record's source (default: the file's name).",
        )

    def handle(self, *args, path: str, source: str | None = None, **options):
        where = Path(path)
        try:
            records = read_records(where)
        except FeedError as error:
            raise CommandError(str(error)) from None
        outcomes = import_records(records, source=source or where.name, today=date.today())
        for outcome in outcomes:
            said = f"{outcome.action}: {outcome.name or '(no name)'}"
            if outcome.id:
                said += f" ({outcome.id})"
            if outcome.reason:
                said += f": {outcome.reason}"
            self.stdout.write(self.style.ERROR(said) if outcome.action == "skipped" else said)
            self.stdout.write(f"  from {outcome.where}")
            for note in outcome.notes:
                self.stdout.write(f"  - {note}")
        count = dict.fromkeys(("created", "updated", "left", "skipped"), 0)
        for outcome in outcomes:
            count[outcome.action] += 1
        self.stdout.write(
            f"{count['created']} created, {count['updated']} updated as drafts; "
            f"{count['left']} left as they are (not drafts); {count['skipped']} skipped. "
            "A reviewer publishes drafts in the admin."
        )
        if count["skipped"]:
            raise CommandError(
                f"{count['skipped']} of {len(outcomes)} records could not be imported "
                "(see above); the others were."
            )
