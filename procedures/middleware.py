"""Middleware: the health check, and the rate limit on staff sign-in."""

import logging

from django.conf import settings
from django.shortcuts import render

from .ratelimits import over_limit, too_many_requests

logger = logging.getLogger(__name__)


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
    """Limit sign-in attempts to the staff admin per client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_login = request.method == "POST" and request.path_info.startswith("/admin/login/")
        if is_login and over_limit(request, group="admin-login", rate=settings.INMPREP_LOGIN_RATE):
            return too_many_requests(request)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A lost database gives a plain 503 page ("try again in a minute"), never a traceback.

    Answers already saved stay in the database; nothing is written while it is away.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.warning("Database unavailable: %s", type(exception).__name__)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "60"
            return response
        return None
