"""Delete expired preparations and their PDFs; run daily (see README, "Deploying")."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from procedures.services import preparations_purge


class Command(BaseCommand):
    help = "Delete expired preparations (leaving tombstones) and tombstones older than 90 days."

    def handle(self, *args, **options):
        counts = preparations_purge(now=timezone.now())
        self.stdout.write(
            f"Deleted {counts['expired']} expired preparations; removed {counts['tombstones_removed']} old "
            f"tombstones; {counts['kept']} preparations kept."
        )
