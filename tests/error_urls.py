"""The site's URLs and three views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from inmprep.urls import urlpatterns as site_urlpatterns


def crash(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a malformed request")


urlpatterns = [
    path("test-errors/crash/", crash),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    *site_urlpatterns,
]
