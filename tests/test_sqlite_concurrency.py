"""SQLite under concurrent writes: ten applicants' tabs saving one step at the same moment.

A file database (the in-memory test database has no locks to wait on) behind gunicorn with ten
workers, as ``make serve-local`` runs without DATABASE_URL. Without WAL, IMMEDIATE transactions
and a busy timeout, some of these saves answer 503 ("database is locked").
"""

import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest

from .servers import AppServer, Browser, app_environment, manage, token_in
from .test_packet import CANJE, core

STEPS = core(CANJE)


@pytest.fixture(scope="module")
def sqlite_site():
    with tempfile.TemporaryDirectory(prefix="inmprep-sqlite-") as directory:
        database = Path(directory) / "db.sqlite3"
        # The test settings' plain static storage: no collectstatic (half a minute) for this test.
        env = app_environment(f"sqlite:///{database}", INMPREP_TESTING="1")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_reference")
        server = AppServer(env, workers=10)
        try:
            yield server, database
        finally:
            server.stop()


@pytest.mark.sqlite_only
def test_ten_parallel_saves_of_one_step_all_succeed(sqlite_site):
    server, database = sqlite_site
    browser = Browser()
    assert browser.request(server.base + "/en/procedures/canje/")[0] == 200
    status, _, location = browser.request(server.base + "/en/prepare/", {"consent": "on", "procedure": "canje"})
    assert status == 302
    token = token_in(location)
    step = f"{server.base}/en/prepare/{token}/applicant/"
    tabs = [Browser() for _ in range(10)]
    for tab in tabs:
        assert tab.request(step)[0] == 200  # each tab has its CSRF cookie
    barrier = threading.Barrier(len(tabs))
    statuses = [None] * len(tabs)

    def save(number: int) -> None:
        barrier.wait()
        data = {**STEPS["applicant"], "given_names": f"Tab {'ABCDEFGHIJ'[number]}"}
        statuses[number] = tabs[number].request(step, data)[0]

    threads = [threading.Thread(target=save, args=(number,)) for number in range(len(tabs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 10
    with sqlite3.connect(database) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
        (answers,) = connection.execute(
            "SELECT answers FROM procedures_preparation WHERE token = ?", (token,)
        ).fetchone()
    assert mode == "wal"
    assert any(f'"given_names": "Tab {letter}"' in answers for letter in "ABCDEFGHIJ")
