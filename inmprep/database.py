"""SQLite opened read-write, never created by opening it.

sqlite3 creates a missing file on first use, so a deleted or mistyped database came back as a
new, empty one that /healthz called healthy. At run time the file is opened with ``mode=rw``: a
missing file is an error (503). ``manage.py migrate`` creates it (procedures/management/
commands/migrate.py), so a fresh clone still sets itself up with ``make run``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

SQLITE_ENGINE = "django.db.backends.sqlite3"


def sqlite_read_write(database: dict) -> dict:
    """``database`` (a DATABASES entry) with a SQLite file opened ``mode=rw``; others unchanged."""
    name = str(database.get("NAME") or "")
    if database.get("ENGINE") != SQLITE_ENGINE or not name or name == ":memory:" or name.startswith("file:"):
        return database
    # Django opens SQLite with uri=True: a file: URI is read as one.
    return {**database, "NAME": f"file:{quote(str(Path(name).resolve()))}?mode=rw"}


def sqlite_file(name: str) -> Path | None:
    """The file of a SQLite database NAME (a path or a file: URI); None for an in-memory one."""
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    if name.startswith("file:"):
        return Path(unquote(name[len("file:") :].split("?", 1)[0]))
    return Path(name)
