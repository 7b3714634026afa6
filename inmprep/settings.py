"""inmprep settings: one module, read from the environment.

Runs on SQLite with no configuration; fails closed: DEBUG is off unless asked, and a real
SECRET_KEY is required when it is off. ``make run`` writes a local ``.env`` with DEBUG on.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from inmprep.database import sqlite_read_write
from inmprep.proxies import DEFAULT_TRUSTED_PROXIES, trusted_networks

BASE_DIR = Path(__file__).resolve().parent.parent


def read_dotenv(path: Path) -> None:
    """Load KEY=value lines from a local .env; the real environment wins."""
    if not path.is_file():
        return
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


# INMPREP_DOTENV names another file, or none when empty (the settings tests use that).
read_dotenv(Path(os.environ.get("INMPREP_DOTENV", BASE_DIR / ".env")))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list; an empty variable counts as unset."""
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
TESTING = env_bool("INMPREP_TESTING")
# The local profile (make serve-local): production code over plain http on loopback, for
# benchmarks and demos. Every page says so.
LOCAL_PROFILE = env_bool("INMPREP_LOCAL_PROFILE")
PRODUCTION = not (DEBUG or TESTING or LOCAL_PROFILE)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"  # noqa: S105

LOOPBACK_HOSTS = "localhost,127.0.0.1,[::1]"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else LOOPBACK_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "simple_history",
    "django_otp",
    "procedures.apps.AuthenticatorAppsConfig",  # django_otp's TOTP devices, with translated names
    "django_countries",
    # Django's tasks API (the backport until Django 6's django.tasks) and its database backend.
    "django_tasks",
    "procedures.apps.TaskQueueConfig",  # django_tasks_db, with a translated name
    "procedures",
]

MIDDLEWARE = [
    # Refuses bodies above 256 KB (413), multipart (415) and NUL bytes (400) before anything reads them.
    "procedures.middleware.RequestLimitsMiddleware",
    # Answers /healthz before the host check and the HTTPS redirect (load balancers probe by IP).
    "procedures.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "procedures.middleware.AdminLoginRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "procedures.middleware.DatabaseUnavailableMiddleware",
]

# The benchmark adds a bare view beside the site's URLs (bench/urls.py).
ROOT_URLCONF = os.environ.get("INMPREP_URLCONF") or "inmprep.urls"
WSGI_APPLICATION = "inmprep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "procedures.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite: a missing file is an error, not a new empty database; migrate creates it (inmprep/database.py).
DATABASES["default"] = sqlite_read_write(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several processes (gunicorn's workers, the task worker): readers never wait for
    # a writer (WAL), a transaction takes the write lock when it begins (IMMEDIATE), so two
    # writers queue instead of failing with "database is locked", and a writer waits up to 20 s
    # for the lock. WAL keeps the database consistent with synchronous=NORMAL; a power cut may
    # lose the last commits, never the file. Options in DATABASE_URL's query string win.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, neither holding personal data (a packet's page and PDF are kept beside its
# preparation: PacketPage, PacketPDF). "default" holds the rate-limit counters: Redis in
# production, shared by every app server; a per-process memory cache otherwise. Redis failing open
# (procedures/cache.py): with it away or hung, a call costs at most 0.3 s, then the cache is skipped
# for 10 s and the site works without rate limits. "fragments" holds the rendered procedure page
# sections and offices list, the same for everyone, in each process's memory, keyed by the
# reference version, the release, the language and the day.
REDIS_URL = os.environ.get("REDIS_URL", "")
if TESTING and REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Each test worker gets a Redis database of its own: a test that clears the cache must not
    # clear the counters or cached pages of a test running beside it.
    REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{int(os.environ['PYTEST_XDIST_WORKER'][2:]) + 1}"
CACHES = {
    "default": (
        {"BACKEND": "procedures.cache.RedisCache", "LOCATION": REDIS_URL, "TIMEOUT": 300}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "inmprep"}
    ),
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "inmprep-fragments",
        "TIMEOUT": 86400,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# A cache that fails open answers a count as missing: the limiter then lets the request through
# (django-ratelimit would otherwise refuse everyone while Redis is away).
RATELIMIT_FAIL_OPEN = True

# Background work: the packet PDF is rendered by a task worker (manage.py db_worker; make worker),
# its queue a table of the same database, so there is no other server to run. Tests use the same
# backend; those that run tasks at once say so.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker renders at most this many PDFs an hour for one preparation; past it, a change is
# rendered when the PDF is downloaded. Task results (and tasks left waiting) are kept a day.
INMPREP_PDF_RENDERS_PER_HOUR = int(os.environ.get("INMPREP_PDF_RENDERS_PER_HOUR", "10"))
INMPREP_TASK_RETENTION_HOURS = int(os.environ.get("INMPREP_TASK_RETENTION_HOURS", "24"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Hashing passwords slowly protects real accounts; tests only need it to work.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Languages: English and Spanish, both under a prefix (/en/, /es/).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Mexico_City"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Widgets through Jinja2, a third of the time of Django templates (procedures/renderers.py).
FORM_RENDERER = "procedures.renderers.FormRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Headers. No inline script or style anywhere, admin included; the token never leaves the site
# (same-origin rather than no-referrer, which makes browsers send "Origin: null" and fail CSRF).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# HTTPS. In production: redirect to https (not /healthz), secure cookies, HSTS for a year.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
if CSRF_COOKIE_SECURE:
    # __Host-: the browser keeps the cookie only as set by this very host over HTTPS, for the
    # whole site (Path=/, no Domain: Django's defaults), so a sibling subdomain cannot plant one.
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_NAME = "__Host-sessionid"
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a reverse proxy (nginx, a load balancer), which terminates TLS and says so in
# X-Forwarded-Proto, and names the client in X-Forwarded-For. The client address (rate limits,
# logs) is read from X-Forwarded-For only for requests from TRUSTED_PROXIES (addresses or
# networks, loopback by default), which also feeds gunicorn's forwarded_allow_ips
# (inmprep/proxies.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY", PRODUCTION)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
try:
    trusted_networks(TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload: submitting the domain to the browsers' preload lists is a one-way decision
    # for the operator to take (SECURE_HSTS_PRELOAD=1), not a default of this code.
    "security.W021",
]

# Requests above 256 KB are refused with 413 before their body is read (RequestLimitsMiddleware);
# Django's own limits stay as a second line. A long field below that gets its max_length error.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# The organisation that runs the site, named in the privacy notice (aviso de privacidad).
INMPREP_OPERATOR_NAME = os.environ.get("INMPREP_OPERATOR_NAME", "")
INMPREP_OPERATOR_ADDRESS = os.environ.get("INMPREP_OPERATOR_ADDRESS", "")
INMPREP_OPERATOR_PRIVACY_EMAIL = os.environ.get("INMPREP_OPERATOR_PRIVACY_EMAIL", "")

# "Report a problem": at most this many reports per client address (django-ratelimit, over the
# "default" cache: Redis in production).
RATELIMIT_USE_CACHE = "default"
# The client's address behind the proxy, not the proxy's (procedures/ratelimits.py).
RATELIMIT_IP_META_KEY = "procedures.ratelimits.client_ip"
INMPREP_REPORT_RATE = os.environ.get("INMPREP_REPORT_RATE", "10/m")
# Per client address. A benchmark or load test may raise them (and must say so).
INMPREP_START_RATE = os.environ.get("INMPREP_START_RATE", "20/h")
INMPREP_TOKEN_RATE = os.environ.get("INMPREP_TOKEN_RATE", "300/m")
INMPREP_LOGIN_RATE = os.environ.get("INMPREP_LOGIN_RATE", "10/m")

# Staff sign-in: procedures/signin.py slows failed tries per account, with a bound; django-otp's
# own throttle doubles without one (a lockout), so it is off.
OTP_TOTP_THROTTLE_FACTOR = 0
# A device's secret key is never shown again once made (procedures/device_admin.py).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# The INM's booking portal, printed in every packet.
INM_PORTAL_URL = "https://www.inm.gob.mx/spublic/portal/inmex.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Tokens are masked in the record (for any handler added later) and in the formatted line
    # (tracebacks, messages built before logging): procedures/logging.py.
    "filters": {
        "mask_tokens": {"()": "procedures.logging.MaskTokensFilter"},
        "no_traceback": {"()": "procedures.logging.NoTracebackFilter"},
    },
    "formatters": {"masked": {"()": "procedures.logging.MaskTokensFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"], "formatter": "masked"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every Django logger through the masked handler: Django's default one for "django"
        # (DEBUG only) would print django.security.csrf's "Forbidden: <path>" unmasked.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Django logs every 4xx/5xx with its path: mask the token before any handler sees it.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False, "filters": ["mask_tokens"]},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False, "filters": ["mask_tokens"]},
        # SQL parameters hold applicant data: never log queries, whatever LOG_LEVEL says.
        "django.db.backends": {"level": "WARNING"},
        # The task worker: a failed task is one line; its traceback stays in the task result
        # (superusers only), since an exception's message may quote a packet's answers.
        "django_tasks": {"level": "INFO", "filters": ["no_traceback"]},
        "django_tasks_db": {"level": "INFO", "filters": ["no_traceback"]},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
