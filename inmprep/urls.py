from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from procedures import views
from procedures.signin import StaffAuthenticationForm, StaffOTPAuthenticationForm

# One message for every failed sign-in, and per-account backoff (procedures/signin.py).
admin.site.login_form = StaffAuthenticationForm
admin.site.login_template = "admin/staff_login.html"
if not settings.DEBUG:
    # Staff sign in with a password and a one-time code (TOTP); make run's development login
    # (DEBUG on) keeps the password alone.
    from django_otp.admin import OTPAdminSite

    admin.site.__class__ = OTPAdminSite
    admin.site.login_form = StaffOTPAuthenticationForm

admin.site.site_header = _("inmprep staff")
admin.site.site_title = _("inmprep staff")
admin.site.index_title = _("Reference catalogue and preparations")

urlpatterns = [
    path("", views.root, name="root"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("procedures.urls")),
    prefix_default_language=True,
)
