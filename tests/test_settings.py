"""The settings module fails closed and reads the environment."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent


def settings_in(env: dict, expression: str) -> subprocess.CompletedProcess:
    """Import the settings in a clean process with only the given environment (no .env)."""
    clean = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "inmprep.settings", "INMPREP_DOTENV": "", **env}
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True)


def test_debug_is_off_unless_asked():
    result = settings_in({"SECRET_KEY": "x" * 50}, "settings.DEBUG")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_secret_key_is_required_when_debug_is_off():
    result = settings_in({}, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_a_secret_key():
    result = settings_in({"DEBUG": "1"}, "settings.DEBUG")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_sqlite_is_the_default_database():
    result = settings_in({"DEBUG": "1"}, "settings.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    result = settings_in(
        {"DEBUG": "1", "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/inmprep"},
        "settings.DATABASES['default']['ENGINE']",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_is_set_up_for_several_processes():
    options = "settings.DATABASES['default']['OPTIONS']"
    result = settings_in(
        {"DEBUG": "1"}, f"{options}['transaction_mode'], {options}['timeout'], {options}['init_command']"
    )
    assert result.stdout.strip() == "IMMEDIATE 20 PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    # An option in the URL wins; the others stay.
    result = settings_in(
        {"DEBUG": "1", "DATABASE_URL": "sqlite:////tmp/inmprep.sqlite3?timeout=5"},
        f"{options}['timeout'], {options}['transaction_mode']",
    )
    assert result.stdout.strip() == "5 IMMEDIATE"
    result = settings_in(
        {"DEBUG": "1", "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/inmprep"},
        "settings.DATABASES['default'].get('OPTIONS', {})",
    )
    assert result.stdout.strip() == "{}"


def test_production_has_no_allowed_hosts_until_given():
    result = settings_in({"SECRET_KEY": "x" * 50}, "settings.ALLOWED_HOSTS")
    assert result.stdout.strip() == "[]"
    result = settings_in(
        {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "inmprep.mx, www.inmprep.mx"}, "settings.ALLOWED_HOSTS"
    )
    assert result.stdout.strip() == "['inmprep.mx', 'www.inmprep.mx']"


def test_time_zone_and_languages():
    assert settings.TIME_ZONE == "America/Mexico_City"
    assert [code for code, _name in settings.LANGUAGES] == ["en", "es"]
    assert settings.USE_TZ and settings.USE_I18N


def test_production_check_requires_the_operator():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org", "INMPREP_DOTENV": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "inmprep.E002" in result.stderr


def test_warm_up_compiles_every_page_template_without_the_database():
    # No db fixture: any query here fails the test (gunicorn's master must not open a connection).
    from django.template import engines
    from django.template.loaders.cached import Loader

    from inmprep.warmup import warm_up

    engine = engines["django"].engine
    cached = next(loader for loader in engine.template_loaders if isinstance(loader, Loader))
    cached.reset()
    warm_up()
    names = {key.split("-")[0] for key in cached.get_template_cache}
    assert {"base.html", "procedures/wizard/applicant.html", "procedures/packet/_body.html"} <= names


def test_the_redis_cache_reuses_one_client_per_connection_pool():
    from procedures.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:1/0", {})  # no connection is made until a command
    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b") is client
    assert client.connection_pool.connection_kwargs["port"] == 1
    # The short timeouts of procedures.cache reach every connection.
    assert client.connection_pool.connection_kwargs["socket_timeout"] == 0.3
    assert client.connection_pool.connection_kwargs["socket_connect_timeout"] == 0.3
