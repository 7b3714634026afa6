from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig


class ProceduresConfig(AppConfig):
    # This module holds a second AppConfig (the task queue's, below): Django picks a module's
    # default config only when it is the one class there or is marked so.
    default = True
    name = "procedures"
    verbose_name = _("INM procedures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (register the system checks and signal handlers)
        from .release import release_digest

        release_digest()  # at start-up: what this release's packets are made from


class TaskQueueConfig(TasksAppConfig):
    """django_tasks_db under its own label (its tables and admin URLs stay), named for staff."""

    verbose_name = _("Task queue")

    def ready(self) -> None:
        super().ready()
        # django_tasks_db title-cases its model's names ("Task Results"), unlike every other
        # screen; set here for the same reason as the authenticator apps' names below.
        result = self.get_model("DBTaskResult")
        result._meta.verbose_name = _("task result")
        result._meta.verbose_name_plural = _("task results")


class AuthenticatorAppsConfig(TOTPAppConfig):
    """django-otp's TOTP devices, named for staff in both languages (its label and tables stay).

    django-otp names its app and model in English only (the index showed "OTP_TOTP" and "TOTP
    devices"). The model's names are set here rather than in a migration: they are not in its
    migration state (Django reads the Meta a model was declared with), so nothing is migrated.
    """

    verbose_name = _("Two-step sign-in")

    def ready(self) -> None:
        super().ready()
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("authenticator app")
        device._meta.verbose_name_plural = _("authenticator apps")
