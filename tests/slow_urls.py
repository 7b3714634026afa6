"""A test-only URLconf (INMPREP_URLCONF): the site, plus a view that outlasts gunicorn's worker
timeout under a token path, to see what gunicorn's error log prints then (tests/test_gunicorn.py)."""

import time

from django.http import HttpResponse
from django.urls import path

from inmprep.urls import urlpatterns as site_urlpatterns


def slow(request, token):
    time.sleep(60)
    return HttpResponse("too late")


urlpatterns = [path("en/packet/<str:token>/slow/", slow), *site_urlpatterns]
