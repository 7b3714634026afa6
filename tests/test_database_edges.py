"""The database's edges: read-only (a standby after a failover) gives 503 like a lost one, and
/healthz says so; a missing SQLite file is an error, never a new empty database."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.db import connection

from inmprep.database import sqlite_file, sqlite_read_write
from procedures.models import Preparation

from .test_packet import CANJE, core
from .wizard import APPLICANT, NOW, start, url, walk

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("database", "name"),
    [
        (
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/inmprep/db.sqlite3"},
            "file:/srv/inmprep/db.sqlite3?mode=rw",
        ),
        (
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/a b#?.sqlite3"},
            "file:/tmp/a%20b%23%3F.sqlite3?mode=rw",
        ),
        ({"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}, ":memory:"),
        ({"ENGINE": "django.db.backends.sqlite3", "NAME": "file:x?mode=ro"}, "file:x?mode=ro"),
        ({"ENGINE": "django.db.backends.postgresql", "NAME": "inmprep"}, "inmprep"),
    ],
)
def test_sqlite_is_opened_read_write_never_created(database, name):
    assert sqlite_read_write(database)["NAME"] == name


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("file:/tmp/a%20b%23%3F.sqlite3?mode=rw", "/tmp/a b#?.sqlite3"),
        ("/srv/db.sqlite3", "/srv/db.sqlite3"),
        ("file:memorydb_default?mode=memory&cache=shared", None),
        (":memory:", None),
    ],
)
def test_sqlite_file(name, path):
    found = sqlite_file(name)
    assert (str(found) if found else None) == path


HEALTH = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code, response.content.decode().strip())
"""


def run(*args, database: Path, code: str | None = None) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "INMPREP_DOTENV": "",
        "INMPREP_TESTING": "1",
        "DJANGO_SETTINGS_MODULE": "inmprep.settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_a_missing_sqlite_file_is_an_error_until_migrate_creates_it():
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory, "db.sqlite3")
        # At run time: unavailable, and the file is not created behind our back.
        assert run(database=database, code=HEALTH).stdout.strip() == "503 database unavailable"
        loading = run("load_reference", database=database)
        assert loading.returncode != 0 and "unable to open database file" in loading.stderr
        assert not database.exists()
        # An empty file (created by mistake) answers queries but has no tables: not healthy either.
        database.touch()
        assert run(database=database, code=HEALTH).stdout.strip() == "503 database no tables"
        database.unlink()
        # migrate creates the file on a fresh clone, as make run needs.
        migrating = run("migrate", "--no-input", database=database)
        assert migrating.returncode == 0, migrating.stderr
        assert f"Created the SQLite database {database}." in migrating.stdout
        assert run(database=database, code=HEALTH).stdout.strip() == "200 ok"


@pytest.fixture
def read_only_database(transactional_db):
    """The database refusing writes, as a PostgreSQL standby or a read-only SQLite does."""
    if connection.vendor == "postgresql":
        on, off = "SET default_transaction_read_only = on", "SET default_transaction_read_only = off"
    else:
        on, off = "PRAGMA query_only = ON", "PRAGMA query_only = OFF"

    def switch(read_only: bool):
        with connection.cursor() as cursor:
            cursor.execute(on if read_only else off)

    yield switch
    switch(False)


@time_machine.travel(NOW, tick=False)
def test_a_read_only_database_gives_503_on_writes_and_healthz_says_so(client, catalogue, read_only_database):
    complete = walk(client, "en", "canje", core(CANJE))
    draft, location = start(client, "en", "canje")
    step = location.split("?")[0]
    assert client.get("/healthz").status_code == 200

    read_only_database(True)
    health = client.get("/healthz")
    assert health.status_code == 503 and health.content == b"database read-only\n"
    assert client.head("/healthz").status_code == 503
    # Reads still work: an applicant can open a packet during a failover...
    assert client.get(url("packet", "en", complete.token)).status_code == 200
    # ...and a save is a "back in a minute" page, not a 500.
    saving = client.post(step, APPLICANT)
    assert saving.status_code == 503 and b"Back in a minute" in saving.content
    assert saving["Retry-After"] == "60"
    assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 503

    read_only_database(False)
    assert client.get("/healthz").status_code == 200
    assert Preparation.objects.count() == 2
    draft.refresh_from_db()
    assert "applicant" not in draft.answers


@pytest.mark.postgres_only
def test_postgresql_read_only_error_is_sqlstate_25006_and_counts_as_unavailable(read_only_database):
    from django.db import DatabaseError

    from procedures.middleware import database_unavailable

    read_only_database(True)
    with pytest.raises(DatabaseError) as raised:
        Preparation.objects.create()
    assert raised.value.__cause__.sqlstate == "25006"
    assert database_unavailable(raised.value)
