"""`manage.py import_services PATH [--dry-run] [--user USERNAME]`: a spreadsheet of changes.

Prints what each row did (new, updated with the columns it changed, unchanged) and every
row's errors. All rows or none: when any row fails, nothing is saved and the command exits
with an error. --user names who made the changes, in the services' history.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.management.base import BaseCommand, CommandError
from import_export.results import RowResult

from services.curation.spreadsheets import SpreadsheetError, import_services

# The first service is on the spreadsheet's second row, under the column names.
FIRST_SERVICE_ROW = 2
SAID = {
    RowResult.IMPORT_TYPE_NEW: "new (a draft)",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
}


class Command(BaseCommand):
    help = (
        "Import a spreadsheet of changes to services (.csv or .xlsx). Nothing is saved if "
        "any row fails."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The spreadsheet, ending in .csv or .xlsx.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, and save nothing."
        )
        parser.add_argument(
            "--user", help="The username the changes are recorded under in the history."
        )

    def handle(self, *args, path: Path, dry_run: bool, user: str | None, **options) -> None:
        who = _user_named(user) if user else None
        try:
            result = import_services(path, user=who, dry_run=dry_run)
        except SpreadsheetError as problem:
            raise CommandError(str(problem)) from None

        if result.base_errors:
            for error in result.base_errors:
                self.stderr.write(str(error.error))
            raise CommandError("Nothing was saved: correct the file and import it again.")
        failed = {}
        for number, errors in result.row_errors():
            failed[number] = [f"something went wrong: {error.error}" for error in errors]
        for row in result.invalid_rows:
            failed[row.number] = [
                message if column == NON_FIELD_ERRORS else f"{column}: {message}"
                for column, messages in row.error_dict.items()
                for message in messages
            ]
        for number, row_result in enumerate(result.rows, 1):
            where = f"Row {number + FIRST_SERVICE_ROW - 1} ({row_result.slug or 'no slug'})"
            if number in failed:
                for message in failed[number]:
                    self.stderr.write(f"{where}: {message}")
                continue
            said = SAID.get(row_result.import_type, row_result.import_type)
            changed = getattr(row_result, "changed_columns", [])
            if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE and changed:
                said += f": {', '.join(changed)}"
            self.stdout.write(f"{where}: {said}")

        if result.has_errors() or result.has_validation_errors():
            raise CommandError("Nothing was saved: correct the rows above and import again.")
        totals = result.totals
        summary = (
            f"{totals[RowResult.IMPORT_TYPE_NEW]} new, {totals[RowResult.IMPORT_TYPE_UPDATE]} "
            f"updated, {totals[RowResult.IMPORT_TYPE_SKIP]} unchanged."
        )
        self.stdout.write(("Checked, nothing saved (dry run): " if dry_run else "") + summary)


def _user_named(username: str):
    try:
        user = get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"There is no user called {username!r}.") from None
    if not user.has_perm("services.change_service"):
        raise CommandError(f"{username} may not change services, so cannot import.")
    return user
