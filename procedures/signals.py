"""The reference version: any change to the reference catalogue gives it a new value.

It lives in the database (``models.ReferenceVersion``, one row), so every process and server
agrees on it, whatever the cache. The reference models are every concrete subclass of
``models.ReferenceRow`` (``LoadedRow`` and ``ReferenceFact`` are ones): a new kind of reference
data joins by subclassing it, with nothing to list here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps as installed_apps
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import ReferenceRow, ReferenceVersion


def reference_models(registry=installed_apps) -> tuple[type[ReferenceRow], ...]:
    """Every concrete reference model: the models whose changes make a new reference version."""
    return tuple(model for model in registry.get_models() if issubclass(model, ReferenceRow))


# Read once a request (a page asks for it several times), per thread for runserver's threads.
# Outside a request (a task worker, a command) it is read from the database every time.
_read = threading.local()


def reference_version() -> str:
    """A value that changes whenever the reference catalogue does: part of every cached thing's key."""
    if not getattr(_read, "in_request", False):
        return ReferenceVersion.current()
    if _read.version is None:
        _read.version = ReferenceVersion.current()
    return _read.version


@contextmanager
def one_reference_version() -> Iterator[None]:
    """Read the version once for a unit of work: every request does (a page asks for it several
    times); a task of a worker may too. Outside one, each read goes to the database."""
    _read.in_request, _read.version = True, None
    try:
        yield
    finally:
        _read.in_request, _read.version = False, None


@receiver(request_started, dispatch_uid="reference-version-request-started")
def _request_started(**kwargs) -> None:
    # Each request reads the version anew: another process may have changed the catalogue.
    _read.in_request, _read.version = True, None


@receiver(request_finished, dispatch_uid="reference-version-request-finished")
def _request_finished(**kwargs) -> None:
    _read.in_request, _read.version = False, None


def remember_reference_version(value: str | None) -> None:
    """Use ``value``, read with another query of this request, as the request's reference version
    (unless the request has read it already)."""
    if value and getattr(_read, "in_request", False) and _read.version is None:
        _read.version = value


def forget_reference_version() -> None:
    """Read the version from the database again on its next use."""
    _read.version = None


def new_reference_version(*, using: str | None = None) -> str:
    """Give the reference version a new value (any change to the catalogue does it by itself)."""
    value = ReferenceVersion.bump(using=using)
    _read.version = None
    return value


def _before_write(sender, using, **kwargs) -> None:
    # Inside a transaction, take the version row's lock before the row's own: every transaction
    # that changes the catalogue then waits on the same first lock, so two of them cannot
    # deadlock. The new value becomes visible with the change, at commit.
    if connections[using].in_atomic_block:
        new_reference_version(using=using)


def _after_write(sender, using, **kwargs) -> None:
    # Without a transaction the change is already committed: a new version now, never before it
    # (a process reading the new version must find the new rows).
    if not connections[using].in_atomic_block:
        new_reference_version(using=using)


for _model in reference_models():
    _name = _model._meta.label_lower
    pre_save.connect(_before_write, sender=_model, dispatch_uid=f"reference-version-pre-save-{_name}")
    pre_delete.connect(_before_write, sender=_model, dispatch_uid=f"reference-version-pre-delete-{_name}")
    post_save.connect(_after_write, sender=_model, dispatch_uid=f"reference-version-post-save-{_name}")
    post_delete.connect(_after_write, sender=_model, dispatch_uid=f"reference-version-post-delete-{_name}")
