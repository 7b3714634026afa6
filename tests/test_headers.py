"""Security headers on public and admin pages, and the health check."""

import pytest

pytestmark = pytest.mark.django_db


def assert_strict_csp(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_public_page_headers(client):
    response = client.get("/en/")
    assert_strict_csp(response)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_page_headers(staff_client):
    response = staff_client.get("/admin/procedures/procedure/")
    assert response.status_code == 200
    assert_strict_csp(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_login_page_headers(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_strict_csp(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
