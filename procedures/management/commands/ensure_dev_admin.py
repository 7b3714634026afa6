"""Create (or reset) the development admin login and print it. Refuses to run with DEBUG off."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the development admin user from DEV_ADMIN_PASSWORD (in .env) and print the login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for development only (DEBUG is off).")
        password = os.environ.get("DEV_ADMIN_PASSWORD")
        if not password:
            raise CommandError("DEV_ADMIN_PASSWORD is not set (scripts/setup.sh writes it to .env).")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not user.check_password(password):
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
        self.stdout.write(
            f"Development admin login: http://127.0.0.1:8000/admin/  user {USERNAME}  password {password}"
        )
