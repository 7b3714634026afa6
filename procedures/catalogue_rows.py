"""Catalogue rows the wizard reads on every request, kept in memory until the catalogue changes.

The wizard's selects list every state, every office and every procedure with a wizard; the
review lists them all at once. They change only when staff edit the catalogue, which bumps the
reference version (signals.py), so each worker reads them again only then.
"""

from __future__ import annotations

import functools
import threading

from .models import Office, Procedure, State
from .signals import reference_version


def per_reference_version(load):
    """Memoise ``load()`` (a tuple of rows) until the reference version changes."""
    lock = threading.Lock()
    memo: dict = {}

    @functools.wraps(load)
    def rows() -> tuple:
        version = reference_version()
        with lock:
            if memo.get("version") == version:
                return memo["rows"]
        loaded = tuple(load())
        with lock:
            memo.update(version=version, rows=loaded)
        return loaded

    return rows


@per_reference_version
def wizard_procedures():
    return Procedure.objects.active().with_wizard().order_by("position")


@per_reference_version
def states():
    return State.objects.order_by("name")


@per_reference_version
def active_offices():
    """Every active office, by state and city, with the online office to use instead of it."""
    return Office.objects.active().select_related("nearest_online_office").order_by("state__name", "city")
