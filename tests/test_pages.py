"""Every public page, in both languages: its language, one h1, no inline code, nothing from another host."""

import pytest
from django.urls import reverse
from django.utils import translation

from .html import page_facts

pytestmark = pytest.mark.django_db

# Public pages by URL name and arguments; later issues add theirs here.
PUBLIC_PAGES = [
    ("procedures:home", {}),
    ("procedures:procedure_list", {}),
    ("procedures:procedure_detail", {"slug": "canje"}),
    ("procedures:procedure_detail", {"slug": "regularizacion_documento_vencido"}),
    ("procedures:procedure_detail", {"slug": "visas"}),
    ("procedures:procedure_detail", {"slug": "constancia_empleador"}),
    ("procedures:procedure_report", {"slug": "canje"}),
    ("procedures:office_list", {}),
    ("procedures:office_report", {"code": "jal-chapala"}),
    ("procedures:privacy", {}),
]


def page_url(name, kwargs, language):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_page_has_its_language_and_one_h1(client, catalogue, name, kwargs, language):
    url = page_url(name, kwargs, language)
    assert url.startswith(f"/{language}/")
    response = client.get(url)
    assert response.status_code == 200
    facts = page_facts(response.content)
    assert facts.html_lang == language
    assert facts.h1_count == 1
    assert facts.inline_scripts == 0 and facts.inline_styles == 0
    assert facts.external_urls == []


def test_spanish_home_is_in_spanish(client):
    body = client.get("/es/").content.decode()
    assert "Prepárese para su cita en el INM" in body
    assert "Get ready for your INM appointment" not in body


def test_language_switch_keeps_the_page(client):
    body = client.get("/en/").content.decode()
    assert 'href="/es/"' in body
    body = client.get("/es/").content.decode()
    assert 'href="/en/"' in body


@pytest.mark.parametrize(("accept", "expected"), [("es-MX,es;q=0.9", "/es/"), ("en-US,en;q=0.9", "/en/"), ("", "/en/")])
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_skip_link_targets_main(client):
    body = client.get("/en/").content.decode()
    assert 'href="#main"' in body and 'id="main"' in body


def test_unprefixed_page_redirects_to_the_language_prefix(client, catalogue):
    response = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/procedures/"
