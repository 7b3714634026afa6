"""gunicorn settings for inmprep (make serve, make serve-local)."""

import multiprocessing
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inmprep.settings")

from django.conf import settings  # noqa: E402  (the settings module alone: reads the environment)

from procedures.logging import gunicorn_logger_class  # noqa: E402

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two workers a core is the usual start for sync workers; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a PDF renders in about a second
graceful_timeout = 30
keepalive = 5
# WeasyPrint keeps caches: recycle workers now and then so memory stays flat.
max_requests = 1000
max_requests_jitter = 100
# Load the app (and warm it up, inmprep/warmup.py) once in the master: a recycled worker is a
# fork, ready at once, instead of importing Django again while the other worker carries the load.
preload_app = True
accesslog = "-"
errorlog = "-"
# The private token in /prepare/<token>/ and /packet/<token>/ never reaches the access or the
# error log; the access log shows the client's network, not its address.
logger_class = gunicorn_logger_class()
# X-Forwarded-Proto is believed from the proxies Django believes (BEHIND_PROXY, TRUSTED_PROXIES).
forwarded_allow_ips = ",".join(settings.TRUSTED_PROXIES) if settings.BEHIND_PROXY else ""
