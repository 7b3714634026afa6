"""Walking the wizard through the test client, as an applicant would."""

import html
import re

from django.urls import reverse
from django.utils import translation

from procedures.models import Preparation

# Frozen "now" for wizard tests: 11:00 in Mexico City on 27 November 2026.
NOW = "2026-11-27 17:00:00+00:00"

APPLICANT = {
    "given_names": "María José",
    "surnames": "Pérez O'Neill",
    "sex": "female",
    "birth_date": "1985-03-14",
    "nationality": "US",
    "marital_status": "married",
    "birth_country": "US",
    "birth_state": "Texas",
    "email": "maria@example.org",
    "curp": "",
}
PASSPORT = {
    "document_type": "passport",
    "passport_number": "X1234567",
    "passport_country": "US",
    "passport_issued": "2020-01-15",
    "passport_expires": "2030-01-14",
}
ADDRESS = {
    "postal_code": "45900",
    "state": "14",
    "municipality": "Chapala",
    "neighborhood": "Chapala Centro",
    "street": "Av. Madero",
    "exterior_number": "120",
    "interior_number": "",
    "landline_area_code": "",
    "landline": "",
}
OFFICE = {"office": "jal-guadalajara"}


def url(name, language, *args):
    with translation.override(language):
        return reverse(f"procedures:{name}", args=args)


def start(client, language="en", procedure=None, **extra):
    data = {"consent": "on", **extra}
    if procedure:
        data["procedure"] = procedure
    response = client.post(url("prepare_start", language), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    preparation = Preparation.objects.order_by("-id").first()
    return preparation, response["Location"]


def post_step(client, location, data):
    """POST a step at ``location``; returns the response."""
    path = location.split("?")[0]
    return client.post(path, data)


CONTINUE_RE = re.compile(r'href="([^"]+)" data-continue')


def continue_past_interruption(client, location):
    """Where "continue anyway" leads, when ``location`` is an interruption page; else ``location``."""
    if "/interruption/" not in location:
        return location
    response = client.get(location)
    assert response.status_code == 200, response.content.decode()[:3000]
    return html.unescape(CONTINUE_RE.search(response.content.decode())[1])


def walk(client, language, procedure, answers_by_step, *, via_procedure_step=False):
    """Start, answer each step the wizard asks in order, confirm the review; return the preparation.

    ``answers_by_step`` maps step name → POST data; asserting the wizard asks exactly those steps.
    """
    preparation, location = start(client, language, None if via_procedure_step else procedure)
    asked = []
    if via_procedure_step:
        assert "/procedure/" in location
    while "/review/" not in location:
        step = location.split("?")[0].rstrip("/").split("/")[-1]
        asked.append(step)
        data = {"procedure": procedure} if step == "procedure" else answers_by_step[step]
        response = post_step(client, location, data)
        assert response.status_code == 302, (step, response.content.decode()[:4000])
        location = continue_past_interruption(client, response["Location"])
    expected = [name for name in answers_by_step if name != "review"]
    assert [s for s in asked if s != "procedure"] == expected, asked
    response = client.post(location, {"confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == url("packet", language, preparation.token)
    preparation.refresh_from_db()
    return preparation
