from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
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
