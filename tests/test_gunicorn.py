"""A real gunicorn (gunicorn.conf.py) with a real SQLite database: what its logs print when a
worker times out on a token path or a request line is malformed, and what it does with bodies
the site refuses.

The server runs with INMPREP_TESTING so that static files need no collectstatic (24 s here);
everything else is as ``make serve``: the same gunicorn.conf.py, logger class and middleware.
"""

import contextlib
import socket
import sqlite3
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from .servers import AppServer, app_environment, manage

TOKEN = "hDuqI0oqk5-3L4cDrG5RRAEvnafjgcEI"
# The same path with every token character percent-encoded: gunicorn decodes it and Django
# serves it as the plain path.
ENCODED_TOKEN = "".join(f"%{ord(char):02X}" for char in TOKEN)

pytestmark = pytest.mark.sqlite_only  # its own SQLite file: the same on both runs


def send(port: int, data: bytes, timeout: float = 30, rest: bytes = b"") -> bytes:
    """Send raw bytes, return everything the server answers until it closes the connection.

    ``rest`` is sent after the answer has been read, as a client still uploading would; a server
    that refused the request early may have closed the connection by then.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(data)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
        with contextlib.suppress(OSError):
            connection.sendall(rest)
    return b"".join(chunks)


def get(port: int, path: str, *headers: str, method: str = "GET") -> bytes:
    head = "".join(f"{header}\r\n" for header in headers)
    return send(port, f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}Connection: close\r\n\r\n".encode())


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


@pytest.fixture(scope="module")
def server():
    with tempfile.TemporaryDirectory(prefix="inmprep-gunicorn-") as directory:
        database = Path(directory, "db.sqlite3")
        log = Path(directory, "gunicorn.log")
        env = app_environment(
            f"sqlite:///{database}",
            INMPREP_LOCAL_PROFILE="0",
            INMPREP_TESTING="1",
            INMPREP_URLCONF="tests.slow_urls",
            GUNICORN_TIMEOUT="2",
            BEHIND_PROXY="1",
            TRUSTED_PROXIES="127.0.0.1,::1",
            LOG_LEVEL="INFO",
        )
        manage(env, "migrate", "--no-input", "-v0")
        app = AppServer(env, log=log)
        try:
            yield app, database, log
        finally:
            app.stop()


def preparations(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT COUNT(*) FROM procedures_preparation").fetchone()[0]


def test_tokens_are_masked_in_a_real_gunicorns_access_and_error_logs(server):
    app, _, log = server
    # A page of a preparation, through the proxy: the access log and Django's request log.
    assert status_of(get(app.port, f"/en/packet/{TOKEN}/", "X-Forwarded-For: 198.51.100.77")) == 404
    # The same path percent-encoded, served like the plain one.
    assert status_of(get(app.port, f"/en/packet/{ENCODED_TOKEN}/")) == 404
    assert status_of(get(app.port, f"/en/%70acket/{TOKEN}%2Fpdf/")) == 404
    # Malformed request lines (no version; a raw byte in the path): gunicorn's error log quotes them.
    assert status_of(send(app.port, f"GET /en/packet/{TOKEN}/\r\nHost: x\r\n\r\n".encode())) == 400
    raw_byte = f"GET /en/prepare/{TOKEN}/\u00e9/ HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    assert status_of(send(app.port, raw_byte)) == 400
    # A worker timeout on a token path: the error log names the request it was serving.
    referred = get(app.port, f"/es/prepare/{TOKEN}/applicant/?start=1", f"Referer: http://x/en/packet/{TOKEN}/")
    assert status_of(referred) == 404
    started = time.monotonic()
    answer = get(app.port, f"/en/packet/{TOKEN}/slow/")
    assert status_of(answer) in (0, 500) and time.monotonic() - started < 20
    # The timed-out worker is replaced: the server answers again.
    deadline = time.monotonic() + 20
    while status_of(get(app.port, "/healthz")) != 200:
        assert time.monotonic() < deadline, "no worker came back after the timeout"
        time.sleep(0.3)

    text = log.read_text()
    # The events did reach the log (so that their masking means something)...
    assert "WORKER TIMEOUT" in text
    assert "Error handling request GET /en/packet/<token>/slow/" in text
    assert "Invalid request from ip=127.0.0.1: Invalid HTTP request line: 'GET /en/packet/<token>/'" in text
    assert "Invalid HTTP request line: 'GET /en/prepare/<token>/" in text
    assert "Not Found: /en/packet/<token>/" in text
    assert '"GET /en/packet/<token>/ HTTP/1.1" 404' in text
    # ...and the token is in none of them, in any form.
    for form in (TOKEN, ENCODED_TOKEN, quote(TOKEN), TOKEN.lower(), TOKEN[:16]):
        assert form not in text, form
    # The access log shows the client's network behind the proxy, not its address nor the proxy's.
    assert "198.51.100.0 - " in text and "198.51.100.77" not in text


def test_a_1_mb_multipart_upload_is_refused_by_a_real_gunicorn_and_creates_nothing(server):
    app, database, _ = server
    before = preparations(database)
    boundary = "BoUnDaRy"
    part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="consent"\r\n\r\non\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = part + b"x" * (1024 * 1024) + f"\r\n--{boundary}--\r\n".encode()
    head = (
        "POST /en/prepare/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    # The answer comes before the upload is over: nothing waits for (or reads) the megabyte.
    answer = send(app.port, head + body[:16384], rest=body[16384:])
    assert status_of(answer) == 413
    assert b"We could not accept this request" in answer
    assert preparations(database) == before


def test_a_chunked_upload_cannot_slip_past_the_limit(server):
    app, database, _ = server
    before = preparations(database)
    chunk = b"consent=on&padding=" + b"x" * (512 * 1024)
    body = f"{len(chunk):X}\r\n".encode() + chunk + b"\r\n0\r\n\r\n"
    head = (
        b"POST /en/prepare/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    assert status_of(send(app.port, head + body[:16384], rest=body[16384:])) == 411
    assert preparations(database) == before


def test_head_answers_200_on_a_real_gunicorn(server):
    app, _, _ = server
    for path in ("/healthz", "/en/", "/robots.txt"):
        answer = get(app.port, path, method="HEAD")
        assert status_of(answer) == 200, path
        assert answer.split(b"\r\n\r\n", 1)[1] == b"", path  # headers only
