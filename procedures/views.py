"""Thin views: load, call one rule or service, render."""

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
def root(request):
    """Send "/" to /en/ or /es/ by the browser's Accept-Language."""
    language = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when not (load balancers, benchmarks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001  (any database failure is "not healthy")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def home(request):
    return render(request, "procedures/home.html")
