"""Tokens never reach a log line, whatever form the path takes and whichever logger prints it."""

import logging
import os
import subprocess
import sys

import pytest

from procedures.logging import MaskTokensFormatter, mask_tokens

from .test_security import BASE_DIR

TOKEN = "hDuqI0oqk5-3L4cDrG5RRAEvnafjgcEI"
ENCODED = "".join(f"%{ord(char):02x}" for char in TOKEN)


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (f"GET /en/packet/{TOKEN}/pdf/ HTTP/1.1", "GET /en/packet/<token>/pdf/ HTTP/1.1"),
        (f"/es/prepare/{TOKEN}/address/?start=1", "/es/prepare/<token>/address/?start=1"),
        (
            f"https://inmprep.example.org/en/prepare/{TOKEN}/review/",
            "https://inmprep.example.org/en/prepare/<token>/review/",
        ),
        (f"/en/PACKET/{TOKEN}/", "/en/PACKET/<token>/"),
        # Percent-encoded token, prefix or slash: the server decodes them and serves the page.
        (f"GET /en/packet/{ENCODED}/ HTTP/1.1", "GET /en/packet/<token>/ HTTP/1.1"),
        (f"GET /en/packet/{TOKEN[:4]}%{ord(TOKEN[4]):02X}{TOKEN[5:]}/", "GET /en/packet/<token>/"),
        (f"/en/%70acket/{TOKEN}/", "/en/packet/<token>/"),
        (f"/en/packet%2F{TOKEN}%2Fpdf/", "/en/packet/<token>/pdf/"),
        # Encoded twice: still found.
        (f"/en/packet/%25{ord(TOKEN[0]):02X}{TOKEN[1:]}/", "/en/packet/<token>/"),
        # A traceback line, a repr.
        (f"  File ..., in view\nHttp404: '/en/packet/{TOKEN}/'", "  File ..., in view\nHttp404: '/en/packet/<token>/'"),
        # Nothing to mask: left as it was, escapes included.
        ("/en/prepare/", "/en/prepare/"),
        ("/en/procedures/%C3%A1/?q=a%20b", "/en/procedures/%C3%A1/?q=a%20b"),
        ("GET /healthz HTTP/1.1", "GET /healthz HTTP/1.1"),
    ],
)
def test_mask_tokens(line, masked):
    assert mask_tokens(line) == masked


def test_the_masking_formatter_masks_tracebacks_too():
    try:
        raise ValueError(f"bad path /en/packet/{TOKEN}/")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", (f"/en/prepare/{TOKEN}/",), sys.exc_info()
        )
    text = MaskTokensFormatter("%(message)s").format(record)
    assert "Traceback" in text and text.count("<token>") == 2 and TOKEN not in text


LOGGERS = """
import logging
import django
django.setup()
path = "/en/packet/%(token)s/appointment/"
encoded = "/en/packet/%(encoded)s/"
for name in ("django.request", "django.security.csrf", "django.server", "django.security.DisallowedHost",
             "django", "django.template", "procedures.views", "procedures", "gunicorn.error", "weasyprint", ""):
    logging.getLogger(name).error("Forbidden (CSRF cookie not set.): %%s", path)
    logging.getLogger(name).error("Not Found: " + encoded)
try:
    raise RuntimeError("while serving " + path)
except RuntimeError:
    logging.getLogger("procedures.packet").exception("Packet PDF failed")
print("done")
"""


@pytest.mark.parametrize("debug", ["0", "1"])
def test_every_logger_that_may_see_a_path_masks_the_token(debug):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "inmprep.settings",
        "INMPREP_DOTENV": "",
        "INMPREP_TESTING": "1",
        "DEBUG": debug,  # DEBUG adds Django's own console handler to "django": it must not print
    }
    result = subprocess.run(
        [sys.executable, "-c", LOGGERS % {"token": TOKEN, "encoded": ENCODED}],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert output.count("/en/packet/<token>/") >= 20  # every message did reach a handler
    assert "Traceback" in output and "RuntimeError: while serving /en/packet/<token>/appointment/" in output
    assert TOKEN not in output and ENCODED not in output
