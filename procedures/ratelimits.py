"""Rate limits per client address (django-ratelimit over the "default" cache: Redis in production).

When the cache is unreachable the site keeps working without limits: the cache backend counts the
failure as a miss and logs a warning (procedures/cache.py), and ``RATELIMIT_FAIL_OPEN`` lets a
request through when its count is missing. Losing rate limiting for a while is better than
refusing every applicant.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from inmprep.proxies import client_address


def client_ip(request) -> str:
    """The client's address (django-ratelimit's RATELIMIT_IP_META_KEY): behind the proxy, the
    right-most X-Forwarded-For entry that is not a trusted proxy (inmprep/proxies.py)."""
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        behind_proxy=settings.BEHIND_PROXY,
        trusted_proxies=settings.TRUSTED_PROXIES,
    )


def over_limit(request, *, group: str, rate: str, method: str | tuple = ("POST",)) -> bool:
    """Count this request against ``group``; True when the client address is over ``rate``."""
    return is_ratelimited(request, group=group, key="ip", rate=rate, method=method, increment=True)


def too_many_requests(request):
    """The friendly 429 page."""
    return render(request, "429.html", status=429)
