"""Production settings, headers, two-factor staff sign-in, abuse limits, log privacy and retention."""

import logging
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from procedures.logging import gunicorn_logger_class, mask_tokens
from procedures.models import PacketPDF, Preparation, PreparationTombstone, token_digest

from .test_packet import CANJE, core
from .wizard import NOW, start, url, walk

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x7#kP2!vQz9@Lm4$Wn8^Rt1&Yb6*Hc3(Jd5)Fg0_Ks-Ue=Ai+Oq" * 2,
    "ALLOWED_HOSTS": "inmprep.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://inmprep.example.org",
    "DATABASE_URL": "postgres://inmprep:secret@127.0.0.1:5432/inmprep",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "INMPREP_OPERATOR_NAME": "Asociación Ejemplo, A.C.",
    "INMPREP_OPERATOR_ADDRESS": "Av. Juárez 1, Guadalajara",
    "INMPREP_OPERATOR_PRIVACY_EMAIL": "privacidad@example.org",
}


def manage(*args, env=None):
    clean = {"PATH": os.environ["PATH"], "INMPREP_DOTENV": "", **(env or {})}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )


# ----------------------------------------------------------------------------- settings


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_only_hsts_preload_is_silenced():
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021"]


@pytest.mark.parametrize("missing", ["INMPREP_OPERATOR_NAME", "REDIS_URL", "ALLOWED_HOSTS"])
def test_production_check_fails_without_what_production_needs(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "inmprep.E00" in result.stderr


def production_setting(expression, **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "inmprep.settings",
            "INMPREP_DOTENV": "",
            **PRODUCTION_ENV,
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("settings.SECURE_SSL_REDIRECT", "True"),
        ("settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
        ("settings.SECURE_HSTS_SECONDS", "31536000"),
        ("settings.SECURE_HSTS_PRELOAD", "False"),
        ("settings.SECURE_PROXY_SSL_HEADER", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("settings.DATABASES['default']['ENGINE']", "django.db.backends.postgresql"),
        ("settings.CACHES['default']['BACKEND']", "procedures.cache.RedisCache"),
        ("settings.CSRF_TRUSTED_ORIGINS", "['https://inmprep.example.org']"),
        ("settings.DATA_UPLOAD_MAX_MEMORY_SIZE", "262144"),
        ("settings.STORAGES['staticfiles']['BACKEND']", "whitenoise.storage.CompressedManifestStaticFilesStorage"),
    ],
)
def test_production_settings_from_the_environment(expression, expected):
    assert production_setting(expression) == expected


def test_the_local_profile_is_plain_http_on_loopback():
    local = {"INMPREP_LOCAL_PROFILE": "1", "ALLOWED_HOSTS": ""}
    assert production_setting("settings.SECURE_SSL_REDIRECT", **local) == "False"
    assert production_setting("settings.SESSION_COOKIE_SECURE", **local) == "False"
    assert production_setting("settings.ALLOWED_HOSTS", **local) == "['localhost', '127.0.0.1', '[::1]']"


@pytest.mark.django_db
def test_the_local_profile_says_so_on_every_page(client, settings):
    settings.LOCAL_PROFILE = True
    assert b"Local profile: plain HTTP on this computer" in client.get("/en/").content


# ----------------------------------------------------------------------------- headers


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_host_check_and_the_https_redirect(client, settings):
    settings.ALLOWED_HOSTS = ["inmprep.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.5").status_code == 200
    assert client.get("/en/", HTTP_HOST="10.0.0.5").status_code == 400
    redirect = client.get("/en/", HTTP_HOST="inmprep.example.org")
    assert redirect.status_code == 301 and redirect["Location"] == "https://inmprep.example.org/en/"


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_wizard_and_packet_pages_are_not_stored_or_indexed(client, catalogue):
    preparation = walk(client, "en", "canje", core(CANJE))
    for page in (
        url("packet", "en", preparation.token),
        url("review", "en", preparation.token),
        url("wizard_step", "en", preparation.token, "applicant"),
        url("packet_pdf", "en", preparation.token),
    ):
        response = client.get(page)
        assert "no-store" in response["Cache-Control"], page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_requests_above_256_kb_are_refused(client, catalogue):
    response = client.post(url("prepare_start", "en"), {"consent": "on", "padding": "x" * (260 * 1024)})
    assert response.status_code == 413
    assert not Preparation.objects.exists()


# ----------------------------------------------------------------------------- staff sign-in


@pytest.mark.django_db
def test_admin_requires_two_factor_when_debug_is_off(client, staff_user):
    client.force_login(staff_user)  # a password alone
    response = client.get("/admin/procedures/procedure/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_staff_sign_in_with_password_and_one_time_code(client, staff_user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    login = client.get("/admin/login/")
    assert b'name="otp_token"' in login.content
    wrong = client.post(
        "/admin/login/?next=/admin/", {"username": "staff", "password": "a-long-test-password", "otp_token": "000000"}
    )
    assert wrong.status_code == 200
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    right = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "staff",
            "password": "a-long-test-password",
            "otp_token": token,
            "otp_device": device.persistent_id,
        },
    )
    assert right.status_code == 302
    assert client.get("/admin/procedures/procedure/").status_code == 200


@pytest.mark.django_db
def test_add_totp_device_command(staff_user):
    out = StringIO()
    call_command("add_totp_device", "staff", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    assert staff_user.totpdevice_set.filter(confirmed=True).exists()


# ----------------------------------------------------------------------------- abuse limits


@pytest.fixture
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_starting_preparations_is_limited_per_address(client, catalogue, settings, fresh_limits):
    settings.INMPREP_START_RATE = "3/h"
    for _ in range(3):
        assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 302
    response = client.post(url("prepare_start", "en"), {"consent": "on"})
    assert response.status_code == 429 and b"Too many requests" in response.content
    assert Preparation.objects.count() == 3


@pytest.mark.django_db
def test_token_pages_are_limited_guesses_included(client, catalogue, settings, fresh_limits):
    settings.INMPREP_TOKEN_RATE = "5/m"
    preparation, location = start(client, "en", "canje")
    statuses = [client.get(f"/en/prepare/{'A' * 32}/applicant/").status_code for _ in range(4)]
    assert statuses == [404] * 4
    assert client.get(location).status_code == 200
    assert client.get(location).status_code == 429


@pytest.mark.django_db
def test_admin_login_attempts_are_limited(client, staff_user, settings, fresh_limits):
    settings.INMPREP_LOGIN_RATE = "3/m"
    for _ in range(3):
        assert client.post("/admin/login/", {"username": "staff", "password": "wrong"}).status_code == 200
    assert client.post("/admin/login/", {"username": "staff", "password": "wrong"}).status_code == 429


@pytest.mark.django_db
def test_malformed_and_unknown_tokens_get_the_same_404(client, catalogue):
    first = client.get("/en/packet/" + "B" * 32 + "/")
    second = client.get("/en/packet/<script>/")
    assert first.status_code == second.status_code == 404


# ----------------------------------------------------------------------------- logs


def test_tokens_are_masked_in_paths():
    token = "hDuqI0oqk5-3L4cDrG5RRAEvnafjgcEI"
    assert mask_tokens(f"GET /en/packet/{token}/pdf/ HTTP/1.1") == "GET /en/packet/<token>/pdf/ HTTP/1.1"
    assert mask_tokens(f"/es/prepare/{token}/address/?start=1") == "/es/prepare/<token>/address/?start=1"
    assert mask_tokens("/en/prepare/") == "/en/prepare/"


def test_gunicorn_access_log_masks_tokens():
    from gunicorn.config import Config

    token = "hDuqI0oqk5-3L4cDrG5RRAEvnafjgcEI"
    logger = gunicorn_logger_class()(Config())

    class Request:
        method, path, query, version, uri = "GET", f"/en/packet/{token}/", "", (1, 1), f"/en/packet/{token}/"
        headers = [("REFERER", f"https://x/en/prepare/{token}/review/")]

    class Response:
        status, sent, response_length = "200 OK", 10, 10
        headers = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/en/packet/{token}/",
        "PATH_INFO": f"/en/packet/{token}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://x/en/prepare/{token}/review/",
    }
    atoms = logger.atoms(Response(), Request(), environ, timedelta(seconds=0.01))
    assert token not in " ".join(str(value) for value in atoms.values())


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_no_applicant_value_or_token_is_ever_logged(client, catalogue, caplog, settings):
    settings.LOGGING_CONFIG = None
    with caplog.at_level(logging.DEBUG):
        preparation = walk(client, "en", "canje", core(CANJE))
        client.get(url("packet", "en", preparation.token))
        client.get(url("packet_pdf", "en", preparation.token))
        client.get(f"/en/packet/{preparation.token}x/")  # a 404, logged by Django
        client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
        client.get(url("packet", "en", preparation.token))  # a 410, logged by Django
    logged = caplog.text + "\n".join(str(record.__dict__) for record in caplog.records)
    assert "Not Found" in logged or "Gone" in logged  # Django did log the error responses
    values = [
        preparation.token,
        "Pérez O'Neill",
        "María José",
        "X1234567",
        "maria@example.org",
        "Av. Madero",
        "45900",
        "1985-03-14",
    ]
    for value in values:
        assert value not in logged, value


# ----------------------------------------------------------------------------- retention


@pytest.mark.django_db
def test_purge_deletes_expired_preparations_and_old_tombstones(catalogue):
    now = timezone.now()
    fresh = Preparation.objects.create(created_at=now - timedelta(days=2), expires_at=now + timedelta(days=5))
    old = Preparation.objects.create(created_at=now - timedelta(days=20), expires_at=now - timedelta(days=1))
    PacketPDF.objects.create(preparation=old, language="en", version="v", content=b"%PDF")
    PacketPDF.objects.create(preparation=old, language="es", version="v", content=b"%PDF")
    PreparationTombstone.objects.create(token_hash="a" * 64, reason="deleted", deleted_at=now - timedelta(days=91))
    PreparationTombstone.objects.create(token_hash="b" * 64, reason="deleted", deleted_at=now - timedelta(days=89))
    out = StringIO()
    call_command("purge_preparations", stdout=out)
    assert "Deleted 1 expired preparations; removed 1 old tombstones; 1 preparations kept." in out.getvalue()
    assert list(Preparation.objects.all()) == [fresh]
    assert not PacketPDF.objects.exists()
    assert PreparationTombstone.objects.filter(token_hash=token_digest(old.token), reason="expired").exists()
    assert not PreparationTombstone.objects.filter(token_hash="a" * 64).exists()


@pytest.mark.django_db
def test_admin_counts_preparations_without_personal_data(staff_client, catalogue):
    walk_client = staff_client
    page = walk_client.get(reverse("admin:procedures_preparation_counts"))
    assert page.status_code == 200
