"""Django's Redis cache, failing open: the one place that handles a cache server away or hung.

Every call site uses the plain cache API (``cache.get``, ``set``, ``get_or_set``, ``{% cache %}``,
django-ratelimit). When Redis refuses, resets or does not answer, this backend logs a warning and
answers as a miss (``get`` returns the default, ``add`` False, ``incr`` raises ValueError as for a
missing key); nothing reaches the page. Connect and read timeouts are short, and after a failure
the server is skipped for a few seconds, so a hung server costs one timeout, not one per call.

The fail-open part overrides only the public cache API. One part leans on Django's internals:
``ReusedClientRedisCacheClient`` (see its docstring for why it stays, and what to check when
upgrading Django).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A cache answers in well under a millisecond on the same network: 0.3 s means it is not answering.
CONNECT_TIMEOUT = 0.3
READ_TIMEOUT = 0.3
# After a failure, every call counts as a miss for this long, then the server is tried again.
SKIP_AFTER_FAILURE = 10.0

# When each server may be tried again, by LOCATION. Django builds a cache object per thread: the
# state is shared by all of them, so one hung server costs one timeout per process, not per thread.
_skip_until: dict[str, float] = {}
_lock = threading.Lock()

FAILURES = (RedisError, OSError)


def reset_failures() -> None:
    """Forget past failures: every server is tried again on the next call (tests)."""
    with _lock:
        _skip_until.clear()


class ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool instead of one per call.

    Django builds a new ``redis.Redis`` for every cache call, and each one builds its table of
    response callbacks: about 0.1 ms, twice on every page of a preparation (the rate limit's
    ``add`` and ``incr``), a few per cent of the page (README, Performance). A client is safe to
    share: it takes a connection from its pool for each command, and the pool starts afresh in a
    forked worker.

    On a Django upgrade, check that ``RedisCacheClient.get_client(key, *, write)`` is still how
    the backend gets its client, that ``_get_connection_pool(write)`` and ``_client`` still exist,
    and that ``RedisCache`` still builds its client from ``self._class``;
    ``test_the_redis_cache_reuses_one_client_per_connection_pool`` fails when they do not.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """Django's Redis cache with short timeouts, every error counted as a miss, and a pause after one.

    OPTIONS may override ``socket_connect_timeout`` and ``socket_timeout`` (seconds).
    """

    def __init__(self, server, params):
        options = {"socket_connect_timeout": CONNECT_TIMEOUT, "socket_timeout": READ_TIMEOUT}
        options.update(params.get("OPTIONS") or {})
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)

    def _call(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < _skip_until.get(self._location, 0.0):
            return fallback
        try:
            return operation(*args, **kwargs)
        except FAILURES as error:
            with _lock:
                _skip_until[self._location] = time.monotonic() + SKIP_AFTER_FAILURE
            logger.warning(
                "Cache unreachable (%s: %s): counted as a miss, and skipped for %.0f s; rate limits are off meanwhile.",
                type(error).__name__,
                error,
                SKIP_AFTER_FAILURE,
            )
            return fallback

    def add(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._call(super().incr, missing, key, delta, version)
        if value is missing:
            # What a missing key answers: django-ratelimit then counts nothing (RATELIMIT_FAIL_OPEN).
            raise ValueError("the cache is unreachable")
        return value

    def set_many(self, data, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
