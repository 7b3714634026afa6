"""Delete expired preparations and their PDFs, and day-old task results; run daily (README, "Deploying")."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from procedures.services import preparations_purge


class Command(BaseCommand):
    help = "Delete expired preparations (leaving tombstones), tombstones past 90 days, task results past a day."

    def handle(self, *args, **options):
        counts = preparations_purge(now=timezone.now())
        self.stdout.write(
            f"Deleted {counts['expired']} expired preparations; removed {counts['tombstones_removed']} old "
            f"tombstones; {counts['kept']} preparations kept. Removed {counts['task_results_removed']} task results "
            "older than a day."
        )
