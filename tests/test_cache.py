"""The caches: no personal data in them, and a cache server away or hung costs a page nothing.

The failing server is real: a port nobody listens on (refused), and a tiny socket server that
accepts connections and never answers (hung, as Redis under SIGSTOP).
"""

import logging
import pickle
import socket
import threading
import time

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from procedures import cache as cache_module
from procedures.cache import RedisCache
from procedures.models import token_digest

from .servers import free_port
from .test_packet import CANJE, core
from .wizard import NOW, url, walk

# ----------------------------------------------------------------------------- servers that fail


class SilentServer:
    """Accepts every connection and never answers, like a hung Redis."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        self.listener.settimeout(0.1)
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)  # held open, never read, never answered

    def stop(self):
        self.stopped.set()
        self.thread.join()
        for connection in self.connections:
            connection.close()
        self.listener.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def hung_redis(silent_server):
    return f"redis://127.0.0.1:{silent_server.port}/0"


@pytest.fixture
def refused_redis():
    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


@pytest.fixture(params=["refused", "hung"])
def redis_away(request):
    return request.getfixturevalue(f"{request.param}_redis")


def redis_settings(settings, location):
    """The production shape: Redis for the default cache, the process's memory for fragments."""
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "procedures.cache.RedisCache", "LOCATION": location}}


# ----------------------------------------------------------------------------- the backend


def test_a_server_away_is_a_miss_for_every_call(redis_away, caplog):
    cache = RedisCache(redis_away, {})
    with caplog.at_level(logging.WARNING, logger="procedures.cache"):
        assert cache.get("key", "default") == "default"
        assert cache.set("key", "value") is None
        assert cache.add("key", "value") is False
        assert cache.get_or_set("key", lambda: "computed") == "computed"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.delete("key") is False
        assert cache.has_key("key") is False
        with pytest.raises(ValueError):
            cache.incr("key")
    # One failure (one short timeout at most), then the server is skipped: not one timeout per call.
    assert caplog.text.count("Cache unreachable") == 1


def test_the_timeouts_are_short(hung_redis):
    """What a hung server can cost a page is one of these (timings themselves are in bench/)."""
    cache = RedisCache(hung_redis, {})
    pool = cache._cache._get_connection_pool(write=False)
    assert pool.connection_kwargs["socket_connect_timeout"] == 0.3
    assert pool.connection_kwargs["socket_timeout"] == 0.3


def test_a_hung_server_is_asked_once(silent_server):
    cache = RedisCache(f"redis://127.0.0.1:{silent_server.port}/0", {})
    for _ in range(20):
        assert cache.get("key") is None
    assert len(silent_server.connections) == 1  # one timeout, then skipped


def test_the_server_is_tried_again_after_the_pause(refused_redis, monkeypatch):
    monkeypatch.setattr(cache_module, "SKIP_AFTER_FAILURE", 0.05)
    cache = RedisCache(refused_redis, {})
    calls = []
    real = cache_module.django_redis.RedisCache.get

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cache_module.django_redis.RedisCache, "get", counted)
    cache.get("key")
    cache.get("key")
    assert len(calls) == 1  # skipped while paused
    time.sleep(0.1)
    cache.get("key")
    assert len(calls) == 2


@pytest.mark.postgres_only
def test_a_real_redis_answers_through_the_backend():
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("answered", "yes")
    assert cache.get("answered") == "yes"
    assert cache.add("counter", 1) is True
    assert cache.incr("counter") == 2


def test_the_cache_tag_renders_with_the_server_away(settings, redis_away):
    from django.template import engines

    redis_settings(settings, redis_away)
    template = engines["django"].from_string("{% load cache %}{% cache 60 greeting %}hello{% endcache %}")
    assert template.render({}) == "hello"


# ----------------------------------------------------------------------------- pages


PAGES = ["/en/", "/en/procedures/", "/en/procedures/canje/", "/en/offices/", "/es/offices/", "/en/privacy/"]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_pages_answer_with_the_cache_server_away(client, catalogue, settings, redis_away, caplog):
    """Every page answers, and the whole walk meets the failing server once: one short timeout
    (test_the_timeouts_are_short) is all it costs. The time itself is measured in bench/."""
    preparation = walk(client, "en", "canje", core(CANJE))
    redis_settings(settings, redis_away)
    token = preparation.token
    with caplog.at_level(logging.WARNING, logger="procedures.cache"):
        for path in [*PAGES, f"/en/prepare/{token}/status/", f"/en/prepare/{token}/review/", f"/en/packet/{token}/"]:
            assert client.get(path).status_code == 200, path
        response = client.post(f"/en/prepare/{token}/passport/", {**core(CANJE)["passport"], "next": "review"})
        assert response.status_code == 302
        assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 302
    assert caplog.text.count("Cache unreachable") == 1


@pytest.mark.django_db
def test_rate_limits_fail_open_when_the_cache_is_away(client, catalogue, settings, refused_redis, caplog):
    settings.INMPREP_START_RATE = "1/h"
    redis_settings(settings, refused_redis)
    with caplog.at_level(logging.WARNING, logger="procedures.cache"):
        statuses = [client.post(url("prepare_start", "en"), {"consent": "on"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 302]
    assert "rate limits are off" in caplog.text


@pytest.mark.django_db
def test_without_fail_open_a_cache_that_misses_would_refuse_everyone(client, catalogue, settings, refused_redis):
    # Why RATELIMIT_FAIL_OPEN is set: django-ratelimit refuses a request whose count it cannot read.
    settings.RATELIMIT_FAIL_OPEN = False
    redis_settings(settings, refused_redis)
    assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 429


@pytest.mark.django_db
def test_staff_sign_in_works_with_the_cache_away(client, staff_user, settings, redis_away, caplog):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .test_signin import code, sign_in

    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    settings.INMPREP_LOGIN_RATE = "1000/m"
    redis_settings(settings, redis_away)
    # A wrong password and then the right one: no backoff without its counter, and no error.
    assert sign_in(client, password="wrong-password-123").status_code == 200
    with caplog.at_level(logging.WARNING, logger="procedures.cache"):
        assert sign_in(client, otp_token=code(device)).status_code == 302
    assert caplog.text.count("Cache unreachable") <= 1  # at most one short timeout


@pytest.mark.django_db
def test_rate_limits_still_count_with_the_cache_up(client, catalogue, settings):
    settings.INMPREP_START_RATE = "2/h"
    statuses = [client.post(url("prepare_start", "en"), {"consent": "on"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


# ----------------------------------------------------------------------------- no personal data


def cached_text(alias: str) -> str:
    """Every key and value in a cache, as text to search (LocMem in this process, or Redis)."""
    cache = caches[alias]
    pieces = []
    if isinstance(cache, LocMemCache):
        for key, value in list(cache._cache.items()):
            pieces += [key, repr(pickle.loads(value))]
    elif isinstance(cache, RedisCache):
        client = cache._cache.get_client(None)
        keys = client.keys("*")
        for key, value in zip(keys, client.mget(keys) if keys else [], strict=True):
            pieces.append(key.decode())
            try:
                pieces.append(repr(cache._cache._serializer.loads(value)))
            except Exception:  # noqa: BLE001  (a raw counter or foreign value: search its bytes)
                pieces.append(value.decode(errors="replace"))
    else:
        raise AssertionError(f"cannot read a {type(cache).__name__}")
    return "\n".join(pieces)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_no_answer_reaches_any_cache(client, catalogue):
    preparation = walk(client, "en", "canje", core(CANJE))
    token = preparation.token
    # A recorded appointment is personal too: the packet shows it, and its form is filled with it.
    appointment = {"appointment_date": "2026-12-10", "appointment_time": "09:35", "pieza": "PZ-7319-4482"}
    recorded = client.post(f"/en/packet/{token}/appointment/", {**appointment, "appointment_office": "jal-guadalajara"})
    assert recorded.status_code == 302
    for path in [
        *PAGES,
        *(f"/en/prepare/{token}/{step}/" for step in ("applicant", "passport", "status", "address", "office")),
        f"/en/prepare/{token}/review/",
        f"/en/packet/{token}/",
        f"/es/packet/{token}/",
        f"/en/packet/{token}/pdf/",
        f"/en/packet/{token}/deadline.ics",
        f"/en/packet/{token}/appointment.ics",
    ]:
        assert client.get(path).status_code == 200, path
    personal = [
        "María José",
        "Mar&#xED;a",
        "Pérez O'Neill",
        "Pérez O&#x27;Neill",
        "X1234567",
        "maria@example.org",
        "14/03/1985",
        "1985-03-14",
        "Av. Madero",
        "45900",
        "Chapala Centro",
        "PZ-7319-4482",
        "2026-12-10",
        "09:35",
        token,
        token_digest(token),
    ]
    texts = {alias: cached_text(alias) for alias in ("default", "fragments")}
    assert "rl:" in texts["default"] and "Chapala" in texts["fragments"]  # the scan sees what is cached
    assert "PZ-7319-4482" in client.get(f"/en/packet/{token}/").content.decode()  # and the page shows it
    for alias, text in texts.items():
        for value in personal:
            assert value not in text, (alias, value)
