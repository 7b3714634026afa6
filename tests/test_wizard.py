"""The core wizard through the test client: walks, resume, expiry, deletion, isolation."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from procedures.models import Preparation, PreparationTombstone

from .clients import FormClient
from .html import input_values
from .wizard import ADDRESS, APPLICANT, NOW, OFFICE, PASSPORT, start, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

CANJE_STATUS = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_record": "fmm",
    "entry_date": "2026-11-17",
    "years_requested": "2",
}
RENOVACION_STATUS = {
    "current_document": "temporary_card",
    "card_expires": "2026-12-15",
    "resident_since": "2024-12-15",
    "years_requested": "1",
    "nue": "",
}
RT_A_RP_STATUS = {
    "current_document": "temporary_card",
    "card_expires": "2026-12-20",
    "rt_to_rp_route": "four_years",
    "resident_since": "2022-10-01",
    "nue": "12345678",
}
VRH_STATUS = {"current_document": "humanitarian_card", "card_expires": "2027-05-01", "nue": ""}

CORE = ["applicant", "passport", "status", "address", "office"]


def core_answers(status):
    return {"applicant": APPLICANT, "passport": PASSPORT, "status": status, "address": ADDRESS, "office": OFFICE}


WALKS = [
    (
        "canje",
        CANJE_STATUS,
        {"current_document", "visa_type", "admission", "entry_record", "entry_date", "years_requested"},
    ),
    ("renovacion", RENOVACION_STATUS, {"current_document", "card_expires", "resident_since", "years_requested"}),
    ("cambio_rt_a_rp", RT_A_RP_STATUS, {"current_document", "card_expires", "rt_to_rp_route", "resident_since", "nue"}),
    ("cambio_vrh_a_rp", VRH_STATUS, {"current_document", "card_expires"}),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("slug", "status", "status_fields"), WALKS)
def test_walk_the_core_wizard(client, language, slug, status, status_fields):
    preparation = walk(client, language, slug, core_answers(status))
    assert preparation.status == "complete"
    assert preparation.procedure.slug == slug
    assert preparation.office.code == "jal-guadalajara"
    assert preparation.language == language
    assert set(preparation.answers) == {"procedure", *CORE}
    assert set(preparation.answers["status"]) == status_fields
    assert preparation.answers["applicant"]["surnames"] == "Pérez O'Neill"
    assert preparation.answers["passport"]["passport_number"] == "X1234567"
    assert preparation.answers["address"]["state"] == "14"
    assert preparation.completed_at is not None
    # Complete: 30 days after the last change.
    assert preparation.expires_at == timezone.now() + timedelta(days=30)
    packet = client.get(url("packet", language, preparation.token))
    assert packet.status_code == 200
    assert "Pérez O&#x27;Neill" in packet.content.decode()


@time_machine.travel(NOW, tick=False)
def test_walk_choosing_the_procedure_in_the_wizard(client):
    preparation = walk(client, "en", "canje", core_answers(CANJE_STATUS), via_procedure_step=True)
    assert preparation.answers["procedure"] == {"procedure": "canje"}


@time_machine.travel(NOW, tick=False)
def test_start_needs_consent(client):
    response = client.post(url("prepare_start", "en"), {})
    assert response.status_code == 200
    assert b"accept the privacy notice" in response.content
    assert not Preparation.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_start_from_a_procedure_page_skips_the_procedure_step(client):
    preparation, location = start(client, "en", "canje")
    assert location == url("wizard_step", "en", preparation.token, "applicant") + "?start=1"
    page = client.get(location).content.decode()
    assert "Save your private link" in page
    assert url("resume", "en", preparation.token) in page
    assert "<svg" in page  # the QR code, inline


@time_machine.travel(NOW, tick=False)
def test_unknown_procedure_cannot_be_started(client):
    response = client.post(url("prepare_start", "en"), {"consent": "on", "procedure": "visas"})
    assert response.status_code == 200
    assert not Preparation.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_token_is_unguessable_and_a_guess_is_404(client):
    preparation, _ = start(client, "en", "canje")
    assert len(preparation.token) >= 22
    assert str(preparation.pk) not in url("resume", "en", preparation.token).split("/")
    # One character off (never the token itself: a token may end in "Z").
    off_by_one = preparation.token[:-1] + ("Z" if preparation.token[-1] != "Z" else "Y")
    for guess in ("A" * 32, "x", "../../etc/passwd", str(preparation.pk), off_by_one):
        assert client.get(f"/en/prepare/{guess}/applicant/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_skipping_ahead_goes_to_the_first_missing_step(client):
    preparation, _ = start(client, "en", "canje")
    response = client.get(url("wizard_step", "en", preparation.token, "office"))
    assert response.status_code == 302
    assert response["Location"] == url("wizard_step", "en", preparation.token, "applicant")
    review = client.get(url("review", "en", preparation.token))
    assert review["Location"] == url("wizard_step", "en", preparation.token, "applicant")
    packet = client.get(url("packet", "en", preparation.token))
    assert packet.status_code == 302


@time_machine.travel(NOW, tick=False)
def test_unknown_step_is_404(client):
    preparation, _ = start(client, "en", "canje")
    assert client.get(f"/en/prepare/{preparation.token}/nonsense/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_resume_in_another_browser(client, django_user_model):
    preparation, location = start(client, "en", "canje")
    client.post(location.split("?")[0], APPLICANT)
    other = FormClient()
    response = other.get(url("resume", "en", preparation.token))
    assert response["Location"] == url("wizard_step", "en", preparation.token, "passport")
    page = other.get(url("wizard_step", "en", preparation.token, "applicant")).content.decode()
    assert 'value="María José"' in page


@time_machine.travel(NOW, tick=False)
def test_two_preparations_in_one_browser_stay_apart(client):
    first, location_1 = start(client, "en", "canje")
    second, location_2 = start(client, "en", "renovacion")
    client.post(location_1.split("?")[0], APPLICANT)
    client.post(location_2.split("?")[0], {**APPLICANT, "given_names": "Juan", "surnames": "Smith"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.answers["applicant"]["given_names"] == "María José"
    assert second.answers["applicant"]["given_names"] == "Juan"
    page = client.get(url("wizard_step", "en", second.token, "applicant")).content.decode()
    assert "María" not in page and 'value="Juan"' in page


@time_machine.travel(NOW, tick=False)
def test_back_link_keeps_saved_answers(client):
    preparation, location = start(client, "en", "canje")
    client.post(location.split("?")[0], APPLICANT)
    passport_page = client.get(url("wizard_step", "en", preparation.token, "passport")).content.decode()
    back = url("wizard_step", "en", preparation.token, "applicant")
    assert f'href="{back}"' in passport_page
    assert input_values(client.get(back).content.decode())["surnames"] == "Pérez O'Neill"


@time_machine.travel(NOW, tick=False)
def test_review_change_link_comes_back_to_review(client):
    preparation = walk(client, "en", "canje", core_answers(CANJE_STATUS))
    review = client.get(url("review", "en", preparation.token)).content.decode()
    change = url("wizard_step", "en", preparation.token, "passport") + "?next=review"
    assert change in review
    response = client.post(change, {**PASSPORT, "passport_number": "Y7654321", "next": "review"})
    assert response["Location"] == url("review", "en", preparation.token)
    preparation.refresh_from_db()
    assert preparation.answers["passport"]["passport_number"] == "Y7654321"
    assert preparation.status == "complete"


@time_machine.travel(NOW, tick=False)
def test_review_requires_the_names_confirmation(client):
    preparation, location = start(client, "en", "canje")
    for step, data in core_answers(CANJE_STATUS).items():
        response = client.post(url("wizard_step", "en", preparation.token, step), data)
        assert response.status_code == 302
    response = client.post(url("review", "en", preparation.token), {})
    assert response.status_code == 200
    assert b"Check your names against your passport" in response.content
    preparation.refresh_from_db()
    assert preparation.status == "draft"


@time_machine.travel(NOW, tick=False)
def test_expiry_draft_seven_days_and_extend_to_the_cap(client):
    preparation, _ = start(client, "en", "canje")
    assert preparation.expires_at == timezone.now() + timedelta(days=7)
    response = client.post(url("packet_extend", "en", preparation.token))
    preparation.refresh_from_db()
    assert preparation.expires_at == timezone.now() + timedelta(days=30)
    assert response.status_code == 302
    created = preparation.created_at
    for day in range(25, 176, 25):  # keep it alive, 30 more days at a time, until the cap
        with time_machine.travel(created + timedelta(days=day), tick=False):
            assert client.post(url("packet_extend", "en", preparation.token)).status_code == 302
    preparation.refresh_from_db()
    assert preparation.expires_at == created + timedelta(days=180)


@time_machine.travel(NOW, tick=False)
def test_gets_do_not_extend(client):
    preparation, location = start(client, "en", "canje")
    before = preparation.expires_at
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        client.get(location)
        client.get(url("resume", "en", preparation.token))
    preparation.refresh_from_db()
    assert preparation.expires_at == before


@time_machine.travel(NOW, tick=False)
def test_an_expired_link_answers_410_and_its_data_is_gone(client):
    preparation, location = start(client, "en", "canje")
    client.post(location.split("?")[0], APPLICANT)
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        response = client.get(url("resume", "en", preparation.token))
    assert response.status_code == 410
    assert b"expired" in response.content
    assert not Preparation.objects.filter(pk=preparation.pk).exists()
    assert PreparationTombstone.objects.get().reason == "expired"


@time_machine.travel(NOW, tick=False)
def test_delete_needs_confirmation_then_answers_410(client):
    preparation = walk(client, "en", "canje", core_answers(CANJE_STATUS))
    confirm = client.get(url("packet_delete", "en", preparation.token))
    assert confirm.status_code == 200 and b"Yes, delete everything now" in confirm.content
    client.post(url("packet_delete", "en", preparation.token), {})
    assert Preparation.objects.filter(pk=preparation.pk).exists()
    response = client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
    assert response.status_code == 200
    assert not Preparation.objects.filter(pk=preparation.pk).exists()
    tombstone = PreparationTombstone.objects.get()
    assert tombstone.reason == "deleted" and preparation.token not in tombstone.token_hash
    for page in ("packet", "resume", "review"):
        assert client.get(url(page, "en", preparation.token)).status_code == 410


@time_machine.travel(NOW, tick=False)
def test_switching_language_on_a_token_page_sets_the_preparations_language(client):
    preparation, location = start(client, "en", "canje")
    updated = preparation.updated_at
    client.get(url("wizard_step", "es", preparation.token, "applicant"))
    preparation.refresh_from_db()
    assert preparation.language == "es"
    assert preparation.updated_at == updated


@time_machine.travel(NOW, tick=False)
def test_wizard_pages_are_private(client):
    preparation, location = start(client, "en", "canje")
    response = client.get(location)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_mexico_date_is_used_for_today():
    # A sanity check of the frozen time used above: 17:00 UTC is 11:00 in Mexico City.
    with time_machine.travel(NOW, tick=False):
        assert timezone.localdate() == date(2026, 11, 27)
