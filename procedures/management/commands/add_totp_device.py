"""Give a staff member a TOTP device for the two-factor sign-in, and show its QR code."""

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create a confirmed TOTP device for a staff user and print the QR code to scan in an authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator app")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff user named {username!r}.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Scan this with an authenticator app (or enter the link by hand) for {username}:")
        segno.make(device.config_url, error="m").terminal(out=self.stdout._out, compact=True)
        self.stdout.write(device.config_url)
