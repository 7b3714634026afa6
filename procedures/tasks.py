"""Background tasks: the packet PDF, rendered by the task worker before the applicant asks for it.

Django's tasks API through its backport, with the queue in the site's own database
(django_tasks_db; ``manage.py db_worker`` runs it, ``make worker`` in the foreground). When the
project reaches Django 6, the imports move to Django itself: ``from django.tasks import
TaskResultStatus, task`` for the ``django_tasks`` one below, ``django_tasks`` leaves
INSTALLED_APPS and requirements.txt, its logger in settings.LOGGING is named ``django.tasks``, and
django-tasks-db stays (without its ``[compat]`` extra; admin.py's imports of it do not change).

A task carries the preparation's primary key, never its token: task arguments are stored in
the queue table, and the tasks admin shows them (to superusers only). A download never waits for
the worker: when the stored PDF is not current, the download renders it (``packet.packet_pdf``).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Django 6: from django.tasks import TaskResultStatus, task
from django_tasks import TaskResultStatus, task

from .deadlines import mexico_today
from .models import Preparation, PreparationStatus

logger = logging.getLogger(__name__)

RENDER_WINDOW = timedelta(hours=1)


class RenderOutcome(models.TextChoices):
    """What one run of the render task did: its stored result (no personal data), and the words
    the task queue's screens show for it."""

    RENDERED = "rendered", _("rendered and stored")
    CURRENT = "current", _("already current: nothing rendered")
    # This preparation had its renders for the hour; its download renders the PDF itself.
    LIMITED = "limited", _("hourly limit reached: the download renders it")
    GONE = "gone", _("preparation deleted: nothing rendered")  # deleted or purged since enqueued
    # Back to draft since (a change made a step apply that has no answers).
    DRAFT = "draft", _("preparation back to draft: nothing rendered")


def render_allowed(preparation_id: int) -> bool:
    """Count one worker render of this preparation; False when it had INMPREP_PDF_RENDERS_PER_HOUR
    in the last hour.

    The times of its renders live in the cache (Redis in production, shared by every worker),
    read against the site's clock. Without a cache the worker renders (fails open), as the
    site's rate limits do.
    """
    key = f"pdf-renders:{preparation_id}"
    now = timezone.now().timestamp()
    window = RENDER_WINDOW.total_seconds()
    try:
        recent = [at for at in cache.get(key) or [] if at > now - window]
        if len(recent) >= settings.INMPREP_PDF_RENDERS_PER_HOUR:
            return False
        cache.set(key, [*recent, now], timeout=int(window))
    except Exception:  # noqa: BLE001  (a cache that is away: no limit)
        return True
    return True


@task()
def packet_pdf_render(preparation_id: int) -> str:
    """Render and store the PDF of a complete preparation in its language, unless it is current.

    Run by the worker after the applicant completes a preparation or changes a complete one.
    Exits without rendering when the stored PDF is already the current packet version's, when
    the preparation is gone or a draft again, and past the hourly limit of renders.
    """
    from .packet import packet_pdf, packet_pdf_is_current
    from .services import with_catalogue_rows

    preparation = Preparation.objects.filter(pk=preparation_id).first()
    if preparation is None:
        return RenderOutcome.GONE
    if preparation.status != PreparationStatus.COMPLETE:
        return RenderOutcome.DRAFT
    preparation = with_catalogue_rows(preparation)
    now = timezone.now()
    today = mexico_today(now)
    if packet_pdf_is_current(preparation, language=preparation.language, today=today):
        return RenderOutcome.CURRENT
    if not render_allowed(preparation_id):
        return RenderOutcome.LIMITED
    packet_pdf(preparation, today=today, now=now)
    return RenderOutcome.RENDERED


# What staff read for each task in the task queue's screens (its function's name is for code),
# and for each result it can return.
TASK_LABELS = {packet_pdf_render.module_path: _("Render the packet PDF")}
TASK_OUTCOMES = {packet_pdf_render.module_path: RenderOutcome}


def task_label(task_path: str) -> str:
    """The task's name for staff; a task this project does not know by its function's name."""
    return str(TASK_LABELS.get(task_path) or task_path.rpartition(".")[2])


def outcome_label(task_path: str, return_value) -> str | None:
    """What a finished task returned, in words; None when it returned nothing (it failed, or has
    not run yet). A value its task does not list (an older release's) is shown as it is."""
    if return_value is None:
        return None
    outcomes = TASK_OUTCOMES.get(task_path)
    if outcomes is None or return_value not in outcomes.values:
        return str(return_value)
    return str(outcomes(return_value).label)


def render_waiting(preparation_id: int) -> bool:
    """Whether a render of this preparation is already waiting in the database queue: it reads
    the preparation when it runs, so it covers a later change too (an applicant going through
    the review page saves several steps in a row). Other backends keep no queue to ask."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(packet_pdf_render.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=packet_pdf_render.module_path,
        args_kwargs={"args": [preparation_id], "kwargs": {}},
    ).exists()


def packet_pdf_enqueue(*, preparation: Preparation) -> None:
    """Have the worker render this preparation's PDF once the current transaction commits.

    After the commit, so that the worker never reads the preparation as it was before. A queue
    that cannot take the task (a database error) costs nothing but time: the download renders.
    """
    preparation_id = preparation.pk

    def enqueue() -> None:
        try:
            if not render_waiting(preparation_id):
                packet_pdf_render.enqueue(preparation_id)
        except DatabaseError:
            logger.warning("Could not enqueue the packet PDF render; the download will render it.")

    transaction.on_commit(enqueue)


def task_queue_state() -> dict:
    """The queue as staff see it on the admin index: tasks waiting, running, failed in the last
    day, and when the oldest waiting one was enqueued (a worker that is away shows here)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    since = timezone.now() - timedelta(days=1)
    return {
        "waiting": waiting.count(),
        "oldest_waiting_at": oldest,
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "failed_today": DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, finished_at__gte=since).count(),
    }


def task_results_prune(*, now) -> int:
    """Delete task results finished more than INMPREP_TASK_RETENTION_HOURS ago (a day), and tasks
    enqueued as long ago that never finished (a worker that was away, or stopped mid-render):
    their packet has moved on since, and its download renders it. Returns how many went."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    cutoff = now - timedelta(hours=settings.INMPREP_TASK_RETENTION_HOURS)
    old = Q(finished_at__lte=cutoff) | Q(finished_at__isnull=True, enqueued_at__lte=cutoff)
    deleted, _ = DBTaskResult.objects.filter(old).delete()
    return deleted
