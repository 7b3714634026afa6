"""Django's Redis cache, with one Redis client per connection pool instead of one per call."""

from django.core.cache.backends import redis


class ReusedClientRedisCacheClient(redis.RedisCacheClient):
    """Django makes a new ``redis.Redis`` for every cache call, and each one builds its table of
    about 170 response callbacks: a wizard page makes three calls (the reference version and the
    rate limit), and that was a tenth of its time. A client is safe to share: it takes a
    connection from its pool for each command, and the pool starts afresh in a forked worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
