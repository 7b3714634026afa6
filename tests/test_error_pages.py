"""The site's own error pages, in the visitor's language, with DEBUG off."""

import pytest

from .clients import FormClient as Client
from .wizard import url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def failing_site(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)
    return client


def body(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("es", "Página no encontrada")],
)
def test_an_unknown_page_gets_the_sites_404_in_its_language(client, settings, language, heading):
    settings.DEBUG = False
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    page = body(response)
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-name"' in page  # the site's header, not Django's bare page
    assert '<meta name="robots" content="noindex">' in page
    assert "404" in page


def test_a_page_outside_the_language_prefixes_speaks_the_browsers_language(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 404
    assert "<h1>Página no encontrada</h1>" in body(response)


def test_an_unknown_private_link_gets_the_404_page(client, settings):
    settings.DEBUG = False
    response = client.get(url("packet", "es", "a" * 32))
    assert response.status_code == 404
    assert "enlace privado" in body(response)


def test_a_crash_gets_the_500_page_rendered_without_context(failing_site):
    response = failing_site.get("/test-errors/crash/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 500
    page = body(response)
    assert '<html lang="es">' in page
    assert "<h1>Lo sentimos, hay un problema con el servicio</h1>" in page
    # Rendered by django.views.defaults.server_error, without a request: the language switch
    # links to the other language's home page, and the footer names no operator.
    assert 'href="/en/" hreflang="en"' in page
    assert "Run by" not in page and "Operado por" not in page
    assert "Traceback" not in page and "a bug" not in page


def test_a_forbidden_page_gets_the_403_page(failing_site):
    response = failing_site.get("/test-errors/forbidden/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "<h1>You cannot open this page</h1>" in body(response)


def test_a_malformed_request_gets_the_400_page(failing_site):
    response = failing_site.get("/test-errors/suspicious/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "<h1>Your request could not be read</h1>" in body(response)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Your form could not be sent"), ("es", "No se pudieron enviar sus datos")],
)
def test_a_form_without_its_csrf_cookie_gets_the_sites_403_page(settings, language, heading):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post(url("prepare_start", language), {"consent": "on"})
    assert response.status_code == 403
    page = body(response)
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert "CSRF verification failed" not in page


def test_too_many_requests_and_gone_share_the_error_page(client, settings):
    settings.DEBUG = False
    settings.INMPREP_REPORT_RATE = "1/m"
    report = url("procedure_report", "es", "canje")
    client.post(report, {"message": "Falta un requisito."})
    response = client.post(report, {"message": "Falta un requisito."})
    assert response.status_code == 429
    assert "error-page" in body(response) and "429" in body(response)


def test_a_refused_body_gets_the_error_page_without_a_code(client):
    response = client.post(url("prepare_start", "es"), {"consent": "on", "filler": "x" * 300_000})
    assert response.status_code == 413
    page = body(response)
    assert "error-page" in page and "<h1>" in page and 'class="site-name"' in page
    assert "Código de error" not in page  # one page serves 411, 413 and 415
