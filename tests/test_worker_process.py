"""The web server and the task worker as ``make run`` starts them (scripts/with_worker.sh), in
processes of their own over one SQLite file: the worker renders the PDF that the first download
serves; when the worker stops, the site goes on and downloads render; stopping the command stops
both.

``make run`` itself also sets the machine up (scripts/setup.sh) and serves on port 8000; this runs
the same last line on a free port, with DEBUG on as make run's .env has it.
"""

import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .servers import BASE_DIR, PYTHON, Browser, free_port, manage, token_in
from .test_pdf import flat, pdf_text
from .test_resilience import begin, post_step

pytestmark = pytest.mark.sqlite_only  # its own SQLite file: the same on both runs


def stored_pdfs(database: Path) -> list[bytes]:
    with sqlite3.connect(database) as connection:
        return [bytes(row[0]) for row in connection.execute("SELECT content FROM procedures_packetpdf")]


def task_outcomes(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return list(connection.execute("SELECT status, return_value FROM django_tasks_database_dbtaskresult"))


def complete(browser: Browser, base: str) -> str:
    """A canje preparation completed over HTTP; its token."""
    token = token_in(begin(browser, base))
    for step in ("applicant", "passport", "status", "address", "office"):
        post_step(browser, base, token, step)
    status, _, location = browser.request(f"{base}/en/prepare/{token}/review/", {"confirm": "on"})
    assert status == 302 and "/packet/" in location
    return token


def session_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_runs_server_and_worker_render_the_first_pdf_survive_the_worker_and_stop_together():
    with tempfile.TemporaryDirectory(prefix="inmprep-worker-") as directory:
        database = Path(directory, "db.sqlite3")
        log_path = Path(directory, "run.log")
        env = {
            "PATH": os.environ["PATH"],
            "INMPREP_DOTENV": "",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "INFO",
        }
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_reference")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(log_path, "wb") as log:
            command = ["scripts/with_worker.sh", PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"]
            process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 (loopback)
                    break
                except OSError:
                    assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                    time.sleep(0.3)

            browser = Browser()
            token = complete(browser, base)

            deadline = time.monotonic() + 60
            while not stored_pdfs(database):  # the worker renders while the applicant reads the packet
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.2)
            assert task_outcomes(database) == [("SUCCESSFUL", '"rendered"')]
            (rendered,) = stored_pdfs(database)
            with browser.opener.open(f"{base}/en/packet/{token}/pdf/", timeout=30) as response:
                assert response.status == 200
                content = response.read()
            assert content == rendered  # served from the worker's render
            assert "Pérez O'Neill" in flat(pdf_text(content))

            # The worker stops (a crash, an operator): the site goes on, and the download renders.
            worker = subprocess.run(
                ["pgrep", "-P", str(process.pid), "-f", "db_worker"], capture_output=True, text=True
            )
            os.kill(int(worker.stdout.split()[0]), signal.SIGTERM)
            deadline = time.monotonic() + 30
            while "The task worker stopped" not in log_path.read_text():
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.2)
            other = complete(browser, base)
            with browser.opener.open(f"{base}/en/packet/{other}/pdf/", timeout=60) as response:
                assert response.status == 200
                assert "Pérez O'Neill" in flat(pdf_text(response.read()))
            assert task_outcomes(database)[-1] == ("READY", None)  # waiting for a worker
            assert len(stored_pdfs(database)) == 2
        finally:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
            deadline = time.monotonic() + 15
            while session_alive(process.pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            alive = session_alive(process.pid)
            if alive:
                os.killpg(process.pid, signal.SIGKILL)
        assert not alive, "the server or the worker outlived make run"
        output = log_path.read_text()
        assert "Starting worker" in output and "state=SUCCESSFUL" in output
        assert token not in output and other not in output
