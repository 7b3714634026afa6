from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig


def name_model(config: AppConfig, model_name: str, singular, plural) -> None:
    """Give a third-party model names for staff in both languages, at start-up.

    Its names are not in its migration state (Django reads the Meta a model was declared with),
    so nothing is migrated, and the app keeps its label, tables and admin URLs.
    """
    model = config.get_model(model_name)
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural


class ProceduresConfig(AppConfig):
    # This module holds two more AppConfigs (the task queue's and the sign-in devices', below):
    # Django picks a module's default config only when it is the one class there or is marked so.
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
        # django_tasks_db title-cases its model's names ("Task Results"), unlike every other screen.
        name_model(self, "DBTaskResult", _("task result"), _("task results"))


class AuthenticatorAppsConfig(TOTPAppConfig):
    """django-otp's TOTP devices, named for staff in both languages (its label and tables stay).

    django-otp names its app and model in English only (the index showed "OTP_TOTP" and "TOTP
    devices").
    """

    verbose_name = _("Two-step sign-in")

    def ready(self) -> None:
        super().ready()
        name_model(self, "TOTPDevice", _("authenticator app"), _("authenticator apps"))
