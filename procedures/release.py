"""The release digest: what this deploy's packets and pages are made from, hashed once at start-up.

Part of the packet version and of every cached fragment's key, so that a deploy that changes a
template, the packet's stylesheet, a translation or a rule never serves a PDF or a fragment made
by the code before it. It covers more than the packet strictly needs (every template, the app's
code): a deploy that changes neither only costs one new rendering of each PDF on its next download.
"""

from __future__ import annotations

import functools
import hashlib
import time
from importlib import metadata
from pathlib import Path

from django.conf import settings

# Relative to BASE_DIR: the templates (the packet's, its letters and partials among them), the
# app's code and its own templates, the packet's stylesheet (its only static file), the compiled translations.
RELEASE_FILES = (
    "templates/**/*.html",
    "procedures/**/*.py",
    "procedures/**/*.html",
    "static/css/packet.css",
    "locale/**/*.mo",
)
# What renders the PDF: a new WeasyPrint may lay the same packet out differently.
RELEASE_PACKAGES = ("django", "weasyprint")


def release_files(base: Path) -> list[Path]:
    return sorted({path for pattern in RELEASE_FILES for path in base.glob(pattern) if path.is_file()})


@functools.cache
def _digest(base: Path) -> str:
    digest = hashlib.sha256()
    for path in release_files(base):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for package in RELEASE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    return digest.hexdigest()[:16]


_computed_at = [0.0]


def release_digest() -> str:
    """The digest of this release, computed once per process (at start-up: ``apps.ready``).

    With DEBUG on it is computed again after a second, so a template edited under ``runserver``
    (which does not restart for templates) shows in the next PDF.
    """
    if settings.DEBUG and time.monotonic() - _computed_at[0] > 1.0:
        _digest.cache_clear()
        _computed_at[0] = time.monotonic()
    return _digest(Path(settings.BASE_DIR))
