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
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

# Django 6: from django.tasks import TaskResultStatus, task
from django_tasks import TaskResultStatus, task

from .deadlines import mexico_today
from .models import Preparation, PreparationStatus

logger = logging.getLogger(__name__)

RENDER_WINDOW = timedelta(hours=1)


class RenderOutcome(StrEnum):
    """What one run of the render task did: its stored result (no personal data)."""

    RENDERED = "rendered"
    CURRENT = "current"  # the stored PDF is the current packet's already
    LIMITED = "limited"  # this preparation had its renders for the hour; the download renders
    GONE = "gone"  # deleted or purged since the task was enqueued
    DRAFT = "draft"  # back to draft since (a change made a step apply that has no answers)


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
