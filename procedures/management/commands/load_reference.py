"""Bring the reference catalogue in step with the shipped fixtures, keeping staff edits."""

from pathlib import Path

from django.core.management.base import BaseCommand

from procedures.reference import FIXTURES_DIR, reference_load


class Command(BaseCommand):
    help = (
        "Add missing reference rows, update rows whose content still equals what was last loaded, "
        "and list the rows staff changed (left alone unless --update)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Overwrite rows staff changed, too.")
        parser.add_argument("--directory", type=Path, default=FIXTURES_DIR, help="Where the fixtures are.")

    def handle(self, *args, update=False, directory=FIXTURES_DIR, **options):
        report = reference_load(directory=directory, force=update)
        self.stdout.write(
            f"Reference data: {len(report.created)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept_staff_edits)} changed by staff and kept."
        )
        if report.kept_staff_edits:
            self.stdout.write("Rows changed by staff (run with --update to overwrite them):")
            for label in report.kept_staff_edits:
                self.stdout.write(f"  {label}")
