"""When the reference catalogue changes, packets must notice: a new version makes every cached
page and value keyed on the old one stale."""

import logging
import threading
import time

from django.core.cache import cache
from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import models

logger = logging.getLogger(__name__)
REFERENCE_MODELS = (
    models.BookingHorizon,
    models.ChecklistItem,
    models.FeeAmount,
    models.FeeSchedule,
    models.GeneralRule,
    models.NonWorkingPeriod,
    models.Office,
    models.OfficeNotice,
    models.Procedure,
    models.ProcedureFee,
    models.State,
    models.UmaValue,
)


VERSION_KEY = "reference-version"
# Read once a request (a page may ask for it ten times), kept per thread for runserver's threads.
_read = threading.local()


def reference_version() -> str:
    """A value that changes whenever the reference catalogue does: part of every cached page's key."""
    version = getattr(_read, "version", None)
    if version is None:
        # With the cache away this is a fresh version each time: nothing stale is ever served.
        version = str(cache.get_or_set(VERSION_KEY, lambda: str(time.time_ns()), timeout=None))
        _read.version = version
    return version


@receiver(request_started, dispatch_uid="reference-version-per-request")
def forget_reference_version(**kwargs) -> None:
    """Each request reads the version anew: another worker may have changed the catalogue."""
    _read.version = None


def reference_changed(sender, **kwargs):
    new_reference_version()
    # Again once the change is committed: a worker that read the old rows between the save and
    # the commit must not keep them under the new version.
    transaction.on_commit(new_reference_version)


def new_reference_version() -> None:
    version = _read.version = str(time.time_ns())
    cache.set(VERSION_KEY, version, timeout=None)


for model in REFERENCE_MODELS:
    receiver(post_save, sender=model, dispatch_uid=f"reference-saved-{model.__name__}")(reference_changed)
    receiver(post_delete, sender=model, dispatch_uid=f"reference-deleted-{model.__name__}")(reference_changed)
