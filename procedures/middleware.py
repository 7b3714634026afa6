"""Middleware: requests refused before anything reads them, the health check, the rate limit on
staff sign-in, and the 503 page when the database is away or read-only."""

import logging

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.utils import translation
from django.views.defaults import bad_request

from .ratelimits import over_limit, too_many_requests
from .signin import remember_known_client

logger = logging.getLogger(__name__)

# Request bodies: none of inmprep's forms takes files, and the longest form is a few KB.
MAX_BODY_BYTES = 256 * 1024


def refusal_status(meta: dict, path: str) -> int | None:
    """Why a request is refused before its body is read (an HTTP status), or None to serve it.

    - a NUL byte in the path or the query string: 400 (PostgreSQL cannot store or compare one);
    - a Content-Length above 256 KB, or one that is not a number: 413, 400;
    - a body without a Content-Length (chunked): 411, since its size is not known in advance;
    - multipart (files) anywhere but the staff admin: 415, since no applicant form takes files.
    """
    query = meta.get("QUERY_STRING", "")
    if "\x00" in path or "\x00" in query or "%00" in query:
        return 400
    length = meta.get("CONTENT_LENGTH") or ""
    if length:
        if not length.strip().isdigit():
            return 400
        if int(length) > MAX_BODY_BYTES:
            return 413
    elif meta.get("HTTP_TRANSFER_ENCODING"):
        return 411
    content_type = meta.get("CONTENT_TYPE", "").lower()
    if content_type.startswith("multipart/") and not path.startswith("/admin/"):
        return 415
    return None


class RequestLimitsMiddleware:
    """The first middleware: refuse what no page of the site accepts before anything reads the
    body (CSRF and the forms read request.POST), so that a 200 MB upload never reaches the disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        status = refusal_status(request.META, request.path_info)
        if status is None:
            return self.get_response(request)
        if status == 400:
            return bad_request(request, exception=None)
        with translation.override(translation.get_language_from_request(request, check_path=True)):
            response = render(request, "413.html", {"max_kb": MAX_BODY_BYTES // 1024}, status=status)
        # This response leaves before the other middleware: give it their headers too.
        from csp.middleware import CSPMiddleware

        chain = SecurityMiddleware(XFrameOptionsMiddleware(CSPMiddleware(lambda request: response)))
        return chain(request)


class HealthCheckMiddleware:
    """Answer /healthz first: before the host check and the HTTPS redirect, which a load balancer
    probing an app server by its address and over plain http would fail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            from .views import healthz

            return healthz(request)
        return self.get_response(request)


class AdminLoginRateLimitMiddleware:
    """Limit sign-in attempts to the staff admin per client address (wrong one-time codes too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_login = request.method == "POST" and request.path_info.startswith("/admin/login/")
        if is_login and over_limit(request, group="admin-login", rate=settings.INMPREP_LOGIN_RATE):
            return too_many_requests(request)
        response = self.get_response(request)
        if is_login:
            # A browser that signed in keeps its own backoff count for that account.
            remember_known_client(request, response)
        return response


class DatabaseUnavailableMiddleware:
    """A lost database gives a plain 503 page ("try again in a minute"), never a traceback.

    Answers already saved stay in the database; nothing is written while it is away.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            logger.warning("Database unavailable: %s", type(exception).__name__)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "60"
            return response
        return None


# SQLSTATE 25006: "cannot execute … in a read-only transaction" (a standby after a failover, or
# default_transaction_read_only): reads work, writes wait for the database to be writable again.
READ_ONLY_SQL_TRANSACTION = "25006"


def database_unavailable(exception: BaseException) -> bool:
    """True for a database that is away, or that refuses writes (read-only)."""
    from django.db import DatabaseError, InterfaceError, OperationalError

    if isinstance(exception, (OperationalError, InterfaceError)):
        return True
    cause = exception.__cause__
    return isinstance(exception, DatabaseError) and getattr(cause, "sqlstate", None) == READ_ONLY_SQL_TRANSACTION
