"""`manage.py export_services PATH`: every service to a spreadsheet, .csv or .xlsx by its name.

The same columns as the admin's export; cells a spreadsheet would run as formulas start
with a quote. Importing the file back unchanged changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services.curation.spreadsheets import SpreadsheetError, export_services


class Command(BaseCommand):
    help = "Export every service to a spreadsheet: PATH ends in .csv or .xlsx."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="Where to write, ending in .csv or .xlsx.")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            count = export_services(path)
        except SpreadsheetError as problem:
            raise CommandError(str(problem)) from None
        except OSError as error:
            raise CommandError(f"{path} could not be written: {error.strerror}.") from None
        self.stdout.write(f"Exported {count} services to {path}.")
