"""What /healthz checks: that the database answers, holds the site's tables and accepts writes,
all without writing anything (a load balancer probes every few seconds)."""

from __future__ import annotations

import os

from django.db import connection

from inmprep.database import sqlite_file

from .models import Preparation


def database_problem() -> str | None:
    """Why the database cannot serve the site now ("unavailable", "no tables", "read-only"), or None.

    - A real table, not just a connection: an empty database (a SQLite file created by mistake,
      a PostgreSQL database never migrated) answers ``SELECT 1`` but serves nothing.
    - Writes accepted: a PostgreSQL standby after a failover, or ``default_transaction_read_only``,
      answers reads and refuses every save (SQLSTATE 25006); a SQLite file or folder without
      write permission, or ``PRAGMA query_only``, likewise.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001  (any database failure is "not healthy")
        return "unavailable"
    try:
        # No row matches (ids start at 1): the query only needs the table to exist.
        Preparation.objects.filter(pk=0).exists()
    except Exception:  # noqa: BLE001
        return "no tables"
    try:
        if _read_only():
            return "read-only"
    except Exception:  # noqa: BLE001
        return "unavailable"
    return None


def _read_only() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On for a hot standby (pg_is_in_recovery) and under default_transaction_read_only.
            cursor.execute("SELECT current_setting('transaction_read_only')")
            return cursor.fetchone()[0] == "on"
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only")
            if cursor.fetchone()[0]:
                return True
            path = sqlite_file(str(connection.settings_dict["NAME"]))
            # SQLite writes its journal beside the file: the folder must be writable too.
            return path is not None and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    return False
