"""Staff's authenticator apps (django-otp's TOTP devices) in admin: seen and deleted, never made.

A device is made with ``manage.py add_totp_device USERNAME``, which shows its QR code once, on
the terminal of whoever set it up. Here a superuser sees whose devices there are, when each was
last used, and deletes one (a lost or replaced phone); the secret key and the QR code, which
would let a second phone make the same codes, are never shown (``OTP_ADMIN_HIDE_SENSITIVE_DATA``
hides the key; this screen shows neither). django-otp's screen and model names are English
only, and its field help texts are plain strings: this screen names everything itself.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import display_for_value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .admin import SuperusersOnlyMixin  # imported from the end of admin.py, where it is defined

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(SuperusersOnlyMixin, TOTPDeviceAdmin):
    list_display = ["staff_member", "device_name", "added", "last_used", "in_use"]
    list_filter = []
    search_help_text = _("Search by user name or email address.")
    readonly_fields = ["staff_member", "device_name", "in_use", "added", "last_used", "failed_codes"]
    fieldsets = [
        (None, {"fields": ["staff_member", "device_name", "in_use"]}),
        (_("Use"), {"fields": ["added", "last_used", "failed_codes"]}),
    ]

    def get_list_display(self, request):
        return self.list_display

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets

    def get_urls(self):
        # Without the parent's QR code and configuration pages: only the list, view and delete.
        return admin.ModelAdmin.get_urls(self)

    @admin.display(description=_("staff member"), ordering="user__username")
    def staff_member(self, device):
        return device.user.get_username()

    @admin.display(description=_("name of the device"), ordering="name")
    def device_name(self, device):
        return device.name

    @admin.display(description=_("in use"), boolean=True, ordering="confirmed")
    def in_use(self, device):
        return device.confirmed

    @admin.display(description=pgettext_lazy("authenticator app", "added"), ordering="created_at")
    def added(self, device):
        return self._shown(device.created_at)

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device):
        return self._shown(device.last_used_at)

    @admin.display(description=_("wrong codes since the last right one"))
    def failed_codes(self, device):
        return device.throttling_failure_count

    def _shown(self, moment):
        # A read-only field from a method is shown as str(value) on the change page (an ISO stamp
        # in UTC, "None"): formatted here as the list shows it, in local time and the language.
        return display_for_value(moment, self.get_empty_value_display())

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
