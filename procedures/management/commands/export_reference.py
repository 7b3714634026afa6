"""Write the reference catalogue as staff have it, in the fixture format load_reference reads."""

from pathlib import Path

from django.core.management.base import BaseCommand

from procedures.reference import reference_export


class Command(BaseCommand):
    help = "Export the reference catalogue (states, procedures, items, rules, fees, offices) as fixtures."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Directory to write the fixture files into.")

    def handle(self, *args, directory: Path, **options):
        counts = reference_export(directory=directory)
        for name, count in counts.items():
            self.stdout.write(f"{name}.json: {count} rows")
