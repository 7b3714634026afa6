"""An office that is not on the online system (Chapala, Melaque): the office to book at instead,
with its address, hours and sources, wherever the applicant meets it. And the offices page."""

import re

import pytest
import time_machine

from procedures.models import Office

from .test_packet import CANJE, core, section
from .test_wizard_branches import EXPIRED
from .wizard import NOW, start, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

CHAPALA = {"office": "jal-chapala"}


def note_for(body: str, code: str) -> str:
    """The office step's note for ``code``: its opening tag and content."""
    match = re.search(rf'<div data-office-note="{code}"[^>]*>.*?</div>\s*(?=<div data-office-note|</div>)', body, re.S)
    assert match, code
    return match.group(0)


def office_step(client, answers):
    preparation, _ = start(client, "en", "canje")
    for step in ("applicant", "passport", "status", "address"):
        assert client.post(url("wizard_step", "en", preparation.token, step), answers[step]).status_code == 302
    return preparation, url("wizard_step", "en", preparation.token, "office")


@time_machine.travel(NOW, tick=False)
def test_the_office_step_shows_the_online_office_for_a_saved_office_off_the_system(client):
    answers = core(CANJE)
    preparation, step = office_step(client, answers)
    assert client.post(step, CHAPALA).status_code == 302
    body = client.get(step).content.decode()
    chapala = note_for(body, "jal-chapala")
    assert "hidden" not in chapala.split(">", 1)[0]
    assert 'Book your appointment at <span lang="es">Oficina de Representación del INM en Jalisco</span>' in chapala
    assert "Palacio Federal, planta baja, Guadalajara" in chapala
    assert "Its opening hours are not in our sources: call the INM on 800 004 6264" in chapala
    assert "theguadalajarareporter.com" in chapala  # the sources of the address
    # Melaque's note is there for JavaScript to reveal, hidden.
    assert "hidden" in note_for(body, "jal-melaque").split(">", 1)[0]


@time_machine.travel(NOW, tick=False)
def test_without_javascript_check_this_office_shows_the_note_by_a_round_trip(client):
    preparation, step = office_step(client, core(CANJE))
    response = client.post(step, {"office": "jal-melaque", "_refresh": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "hidden" not in note_for(body, "jal-melaque").split(">", 1)[0]
    assert "hidden" in note_for(body, "jal-chapala").split(">", 1)[0]
    preparation.refresh_from_db()
    assert "office" not in preparation.answers  # a check, not a save


@time_machine.travel(NOW, tick=False)
def test_a_bookable_office_shows_no_note(client):
    preparation, step = office_step(client, core(CANJE))
    body = client.post(step, {"office": "jal-guadalajara", "_refresh": "1"}).content.decode()
    assert 'data-office-note="jal-chapala" hidden' in body and 'data-office-note="jal-melaque" hidden' in body
    assert 'data-office-note="jal-guadalajara"' not in body


@time_machine.travel(NOW, tick=False)
def test_the_packet_names_the_online_office_on_the_cover_in_the_booking_steps_and_the_office_section(client):
    preparation = walk(client, "en", "canje", core(CANJE, office=CHAPALA))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    cover = section(body, "packet-title")
    assert "Book and go to" in cover
    assert "Oficina de Representación del INM en Jalisco</span>, Guadalajara: Palacio Federal, planta baja" in cover
    assert "not confirmed" in cover  # the address rests on one 2014 article
    booking = section(body, "booking-title")
    assert 'choose <span lang="es">Oficina de Representación del INM en Jalisco</span> (Guadalajara)' in booking
    office = section(body, "office-title")
    assert "Palacio Federal, planta baja, Guadalajara" in office
    assert office.count("800 004 6264") == 2  # the unknown hours, said once, and the call centre line
    assert "Av. Alcalde 500" in office  # the street address, with the note that it is unconfirmed
    assert "Your local office:" in office and "Mon–Fri 09:00–13:00 (front desk)" in office
    assert "not found in our sources" not in body


@time_machine.travel(NOW, tick=False)
def test_the_pdf_carries_the_online_office_too(client):
    from .test_pdf import download, flat, pdf_text

    preparation = walk(client, "es", "canje", core(CANJE, office=CHAPALA))
    _, content = download(client, preparation, "es")
    text = flat(pdf_text(content))
    assert "Agende y acuda a" in text
    assert "Palacio Federal, planta baja, Guadalajara" in text
    assert "El horario de esta oficina no está en nuestras fuentes" in text


@time_machine.travel(NOW, tick=False)
def test_an_in_person_procedure_at_an_office_off_the_system_is_not_sent_to_book_elsewhere(client):
    preparation = walk(
        client,
        "en",
        "regularizacion_documento_vencido",
        {**core(EXPIRED, office=CHAPALA), "employment": {"employment_kind": ""}},
    )
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "Book and go to" not in body
    assert "online-office" not in body
    office = section(body, "office-title")
    assert "Its street address is not in our sources" in office


def test_the_offices_page_is_grouped_by_state_collapsed_and_leaves_unknown_fields_out(client):
    body = client.get(url("office_list", "en")).content.decode()
    assert body.count('<details class="state-offices"') == 32
    assert '<details class="state-offices" id="state-14">' in body  # collapsed: no "open"
    assert body.count('<article class="office"') == Office.objects.active().count()
    assert "not found in our sources" not in body
    with_address = Office.objects.active().exclude(address="").count()
    assert body.count("<dt>Address</dt>") == with_address
    assert "call the INM on 800 004 6264" in body
    assert "4 offices" in body  # Jalisco's summary


def test_the_offices_page_sends_an_office_off_the_system_to_the_online_one(client):
    body = client.get(url("office_list", "es")).content.decode()
    chapala = body[body.index('id="office-jal-chapala"') :]
    chapala = chapala[: chapala.index("</article>")]
    assert "Agende en: Oficina de Representación del INM en Jalisco (Guadalajara)." in chapala
    assert 'href="#office-jal-guadalajara"' in chapala
