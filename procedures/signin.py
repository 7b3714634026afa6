"""Staff sign-in: one message for every failure, and failures that slow the next try.

- Every failed sign-in gets the same message and the same page, whether the account exists, the
  password was wrong, or the password was right and the one-time code wrong or missing: the
  page must not tell a guesser which half they got right. The password is never sent back.
- The one-time code is asked with the password, in one step. django-otp's own admin form checks
  the password first and then asks for a device, which tells that the password was right.
- Per account, consecutive failures make the next try wait: nothing for the first three, then
  2, 4, 8 … seconds, up to a minute. A try during the wait is refused unchecked and does not
  lengthen it. The account is never locked: a lockout would let anyone lock out the real admin.
  A browser that has signed in to the account before (a signed cookie says so) keeps a count of
  its own, so a stranger's guesses do not slow the real admin down.
- The per-address limit (``INMPREP_LOGIN_RATE``, AdminLoginRateLimitMiddleware) counts every try,
  wrong codes included.

django-otp's per-device throttling is off (``OTP_TOTP_THROTTLE_FACTOR = 0``): it doubles the
wait without a bound, so a few hundred wrong codes lock a device out for years.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

FREE_FAILURES = 3
MAX_DELAY_SECONDS = 60
# Failures are forgotten an hour after the last one.
FAILURES_KEPT_SECONDS = 3600
KNOWN_CLIENT_MAX_AGE = 180 * 24 * 3600
KNOWN_CLIENT_SALT = "inmprep.signin.known-client"


def backoff_delay(failures: int) -> int:
    """Seconds an account waits after ``failures`` consecutive failed sign-ins."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS)


def account_key(username: str) -> str:
    """The account as the counters name it: case-folded and hashed (usernames stay out of the cache)."""
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def known_client_cookie_name() -> str:
    # __Host-: set by this host only, over HTTPS, for the whole site (see the CSRF cookie).
    return "__Host-inmprep-signin" if settings.SESSION_COOKIE_SECURE else "inmprep-signin"


def known_client_id(request, account: str) -> str | None:
    """The id of this browser for ``account`` when it signed in to that account before."""
    value = request.COOKIES.get(known_client_cookie_name())
    if not value:
        return None
    try:
        data = signing.loads(value, salt=KNOWN_CLIENT_SALT, max_age=KNOWN_CLIENT_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("client") if data.get("account") == account else None


def remember_known_client(request, response) -> None:
    """After a sign-in, mark this browser as one the account has used (AdminLoginRateLimitMiddleware)."""
    account = getattr(request, "_inmprep_signed_in_account", None)
    if account is None:
        return
    client = known_client_id(request, account) or secrets.token_urlsafe(12)
    value = signing.dumps({"account": account, "client": client}, salt=KNOWN_CLIENT_SALT)
    response.set_cookie(
        known_client_cookie_name(),
        value,
        max_age=KNOWN_CLIENT_MAX_AGE,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _counter_key(request, account: str) -> str:
    client = known_client_id(request, account)
    return f"signin-failures:{account}:{client}" if client else f"signin-failures:{account}"


def _failures(key: str) -> tuple[int, float]:
    # A cache away answers a miss (procedures/cache.py): no backoff then, like the rate limits.
    return cache.get(key) or (0, 0.0)


def must_wait(request, username: str, *, now: float) -> bool:
    """True while this account (as seen from this browser) is waiting after failed sign-ins."""
    failures, last = _failures(_counter_key(request, account_key(username)))
    return now < last + backoff_delay(failures)


def record_failure(request, username: str, *, now: float) -> None:
    key = _counter_key(request, account_key(username))
    failures, _last = _failures(key)
    cache.set(key, (failures + 1, now), timeout=FAILURES_KEPT_SECONDS)


def record_success(request, username: str) -> None:
    account = account_key(username)
    cache.delete(_counter_key(request, account))
    request._inmprep_signed_in_account = account


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form: one message for every failure, per-account backoff, and with
    ``one_time_code`` the TOTP code checked in the same step as the password."""

    one_time_code = False

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "failed": _(
            "Sign-in failed: check your username and password, then try again. "
            "After several failed tries, each new try must wait a little longer (up to a minute)."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        now = time.time()
        if must_wait(self.request, username, now=now):
            # Refused without checking anything: the password is not tried during the wait.
            raise self.failed()
        if not (username and self.cleaned_data.get("password")):
            return self.cleaned_data  # "this field is required", the same for every account
        try:
            super().clean()
            if self.one_time_code:
                self.verify_one_time_code(self.user_cache)
        except forms.ValidationError:
            record_failure(self.request, username, now=now)
            raise self.failed() from None
        record_success(self.request, username)
        return self.cleaned_data

    def failed(self) -> forms.ValidationError:
        self.user_cache = None
        return forms.ValidationError(self.error_messages["failed"], code="failed")

    def verify_one_time_code(self, user) -> None:
        raise NotImplementedError


class OneTimeCodeInput(forms.TextInput):
    """A code is good once: a failed page never shows the one typed (nor, like the password, tells
    anything by what it sends back)."""

    def format_value(self, value):
        return None


class StaffOTPAuthenticationForm(StaffAuthenticationForm):
    """Password and one-time code together: the code is tried on the account's confirmed TOTP
    devices, so no device list is ever shown."""

    one_time_code = True
    otp_token = forms.CharField(
        label=_("One-time code"),
        max_length=8,
        required=False,
        widget=OneTimeCodeInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("The six digits your authenticator app shows for inmprep."),
    )

    error_messages = {
        **StaffAuthenticationForm.error_messages,
        "failed": _(
            "Sign-in failed: check your username, password and one-time code, then try again. "
            "After several failed tries, each new try must wait a little longer (up to a minute)."
        ),
    }

    def verify_one_time_code(self, user) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        code = (self.cleaned_data.get("otp_token") or "").strip()
        if not code.isdigit():
            raise forms.ValidationError("no code", code="otp")
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            if device.verify_token(code):
                # django-otp's user_logged_in handler records the device in the session.
                user.otp_device = device
                return
        raise forms.ValidationError("wrong code", code="otp")
