"""Real servers for the resilience tests: a throwaway PostgreSQL cluster, gunicorn app servers,
and a small HTTP client with cookies and CSRF, as a browser would post the wizard's forms."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin() -> Path:
    return sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]


def as_postgres(*command) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary directory, on a free loopback port."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="inmprep-pg-"))
        self.data = self.dir / "data"
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.data, "postgres")
        self.port = free_port()
        subprocess.run(
            as_postgres(
                str(pg_bin() / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            check=True,
            capture_output=True,
        )

    def start(self):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        subprocess.run(
            as_postgres(
                str(pg_bin() / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-o",
                options,
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self):
        subprocess.run(
            as_postgres(str(pg_bin() / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"),
            capture_output=True,
        )

    def create_database(self, name: str):
        subprocess.run(
            as_postgres(str(pg_bin() / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name),
            check=True,
            capture_output=True,
        )

    def sql(self, database: str, statement: str) -> None:
        subprocess.run(
            as_postgres(
                str(pg_bin() / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                statement,
            ),
            check=True,
            capture_output=True,
        )

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def app_environment(database_url: str, redis_url: str = "", static_root: str = "", **extra) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "INMPREP_DOTENV": "",
        "DEBUG": "0",
        "INMPREP_LOCAL_PROFILE": "1",
        "SECRET_KEY": "resilience-tests-only-" + "k" * 40,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "0",
        **extra,
    }
    return {key: value for key, value in env.items() if value != ""}


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=300)


def prepare_database(env: dict) -> None:
    """Migrate, load the reference and collect static files, as make serve-local does."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_reference")
    manage(env, "collectstatic", "--no-input", "-v0")


class AppServer:
    """gunicorn in the local profile on a free loopback port.

    ``log``: a file for gunicorn's access and error logs (both discarded otherwise).
    ``healthy``: wait for /healthz to answer 200; otherwise only for the port to accept.
    """

    def __init__(self, env: dict, workers: int = 1, log: Path | None = None, healthy: bool = True):
        self.port = free_port()
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.log = open(log, "ab") if log else None  # noqa: SIM115 (closed in stop)
        output = self.log or subprocess.DEVNULL
        self.process = subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", "inmprep.wsgi"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=output,
            stderr=output,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if healthy:
                    urllib.request.urlopen(self.base + "/healthz", timeout=2)  # noqa: S310 (loopback)
                else:
                    socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the app server did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.log:
            self.log.close()


class Browser:
    """Cookies and CSRF like a browser; GET and POST against one or more app servers."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one request; POSTs carry the CSRF token."""
        body = None
        if data is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(url, data=body)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def token_in(location: str) -> str:
    return re.search(r"/(?:prepare|packet)/([\w-]+)/", location).group(1)
