"""Interruption pages: a flag that could get the applicant turned away, at the step that raises it."""

from datetime import date

import pytest
import time_machine

from procedures.interruptions import interrupting_flags, new_interruptions
from procedures.models import Preparation, Procedure

from .test_flags import CANJE, RENOVACION, RT_FAMILY_STAY, STAY
from .wizard import ADDRESS, APPLICANT, OFFICE, PASSPORT, start, url, walk

DECEMBER = "2026-12-01 17:00:00+00:00"
TODAY = date(2026, 12, 1)

LAPSED_CANJE = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_record": "fmm",
    "entry_date": "2026-10-01",  # 61 days before 1 December
    "years_requested": "2",
}
ON_TIME_CANJE = {**LAPSED_CANJE, "entry_date": "2026-11-20"}
VISITOR_CANJE = {**ON_TIME_CANJE, "admission": "visitor"}
CAPPED = {"current_document": "temporary_card", "card_expires": "2026-12-20", "resident_since": "2022-12-20"}


def codes(procedure, status, **steps):
    answers = {"status": status, **steps}
    return [flag.code for flag in interrupting_flags(procedure=procedure, answers=answers, today=TODAY)]


@pytest.mark.parametrize(
    ("procedure", "status", "expected"),
    [
        (CANJE, LAPSED_CANJE, ["deadline_missed"]),
        (CANJE, ON_TIME_CANJE, []),
        (CANJE, VISITOR_CANJE, ["admitted_as_visitor"]),
        (RENOVACION, {**CAPPED, "years_requested": "1"}, ["renewal_cap"]),
        (RENOVACION, {**CAPPED, "resident_since": "2024-12-20", "years_requested": "1"}, []),
        (RT_FAMILY_STAY, STAY, ["stay_expired"]),
        (RT_FAMILY_STAY, {**STAY, "stay_until": "2026-12-29"}, []),
    ],
)
def test_interrupting_flags_are_the_blocking_ones_the_answers_raise(procedure, status, expected):
    assert codes(procedure, status) == expected


def test_no_procedure_no_interruption():
    assert interrupting_flags(procedure=None, answers={"status": LAPSED_CANJE}, today=TODAY) == []


def test_a_flag_interrupts_once_at_the_step_that_raised_it():
    raised = interrupting_flags(procedure=CANJE, answers={"status": LAPSED_CANJE}, today=TODAY)
    assert [flag.code for flag in new_interruptions(before=[], after=raised)] == ["deadline_missed"]
    assert new_interruptions(before=raised, after=raised) == []


def test_a_lapsed_renewal_points_to_the_regularisation_of_an_expired_document():
    (flag,) = interrupting_flags(
        procedure=RENOVACION,
        answers={"status": {"current_document": "temporary_card", "card_expires": "2026-11-20"}},
        today=TODAY,
    )
    assert flag.code == "deadline_missed" and flag.points_to == "regularizacion_documento_vencido"


# ----------------------------------------------------------------------------- the pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


def at_status(client, slug, language="en"):
    preparation, _ = start(client, language, slug)
    for step, data in (("applicant", APPLICANT), ("passport", PASSPORT)):
        assert client.post(url("wizard_step", language, preparation.token, step), data).status_code == 302
    return preparation, url("wizard_step", language, preparation.token, "status")


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lapsed_canje_is_interrupted_at_the_status_step(client, language):
    preparation, status_url = at_status(client, "canje", language)
    response = client.post(status_url, LAPSED_CANJE)
    interruption = url("wizard_interruption", language, preparation.token, "status")
    assert response.status_code == 302 and response["Location"] == interruption
    page = client.get(interruption).content.decode()
    assert 'data-flag="deadline_missed"' in page
    if language == "en":
        assert "<title>Check this before you go on · inmprep</title>" in page
        assert "the visa can no longer be exchanged" in page and "Continue anyway" in page
    else:
        assert "<title>Revise esto antes de continuar · inmprep</title>" in page
        assert "la visa ya no puede canjearse" in page and "Continuar de todos modos" in page
    address = url("wizard_step", language, preparation.token, "address")
    assert f'href="{address}" data-continue' in page
    assert f'href="{status_url}"' in page  # change my answers
    # Continue anyway: the next step, and the flag does not interrupt again.
    assert client.get(address).status_code == 200
    response = client.post(address, ADDRESS)
    assert response["Location"] == url("wizard_step", language, preparation.token, "office")


@time_machine.travel(DECEMBER, tick=False)
def test_a_canje_on_time_is_not_interrupted(client):
    preparation, status_url = at_status(client, "canje")
    response = client.post(status_url, ON_TIME_CANJE)
    assert response["Location"] == url("wizard_step", "en", preparation.token, "address")


@time_machine.travel(DECEMBER, tick=False)
def test_a_lapsed_canje_still_gets_its_packet_with_the_flag(client):
    preparation = walk(
        client,
        "en",
        "canje",
        {"applicant": APPLICANT, "passport": PASSPORT, "status": LAPSED_CANJE, "address": ADDRESS, "office": OFFICE},
    )
    assert preparation.status == "complete"
    assert 'data-flag="deadline_missed"' in client.get(url("packet", "en", preparation.token)).content.decode()


@time_machine.travel(DECEMBER, tick=False)
def test_a_change_from_the_review_that_raises_a_flag_is_interrupted_and_leads_back_to_the_review(client):
    preparation = walk(
        client,
        "en",
        "canje",
        {"applicant": APPLICANT, "passport": PASSPORT, "status": ON_TIME_CANJE, "address": ADDRESS, "office": OFFICE},
    )
    status_url = url("wizard_step", "en", preparation.token, "status")
    response = client.post(status_url, {**LAPSED_CANJE, "next": "review"})
    interruption = url("wizard_interruption", "en", preparation.token, "status") + "?next=review"
    assert response["Location"] == interruption
    page = client.get(interruption).content.decode()
    assert f'href="{url("review", "en", preparation.token)}" data-continue' in page
    assert f'href="{status_url}?next=review"' in page


@time_machine.travel(DECEMBER, tick=False)
def test_a_renewal_past_the_four_years_offers_permanent_residence_and_keeps_the_answers(client):
    preparation, status_url = at_status(client, "renovacion")
    response = client.post(status_url, {**CAPPED, "years_requested": "1"})
    page = client.get(response["Location"]).content.decode()
    assert 'data-flag="renewal_cap"' in page and 'data-switch-to="cambio_rt_a_rp"' in page
    # "Prepare for this procedure instead": the same preparation, another procedure, answers kept.
    procedure_url = url("wizard_step", "en", preparation.token, "procedure")
    assert 'name="then" value="status"' in page
    response = client.post(procedure_url, {"procedure": "cambio_rt_a_rp", "then": "status"})
    # Back to the status step, whose questions differ for the new procedure (the route to it).
    assert response["Location"] == status_url
    assert 'name="rt_to_rp_route"' in client.get(status_url).content.decode()
    preparation = Preparation.objects.get(pk=preparation.pk)
    assert preparation.procedure.slug == "cambio_rt_a_rp"
    assert preparation.answers["applicant"]["surnames"] == APPLICANT["surnames"]


@time_machine.travel(DECEMBER, tick=False)
def test_the_interruption_page_of_a_step_not_answered_is_404_and_without_a_flag_leads_on(client):
    preparation, status_url = at_status(client, "canje")
    assert client.get(url("wizard_interruption", "en", preparation.token, "status")).status_code == 404
    assert client.get(url("wizard_interruption", "en", preparation.token, "nonsense")).status_code == 404
    client.post(status_url, ON_TIME_CANJE)
    response = client.get(url("wizard_interruption", "en", preparation.token, "status"))
    assert response.status_code == 302
    assert response["Location"] == url("wizard_step", "en", preparation.token, "address")


def test_the_interruption_page_of_an_unknown_token_is_404(client):
    assert client.get(url("wizard_interruption", "en", "x" * 43, "status")).status_code == 404


def test_a_family_unity_change_after_the_stay_points_to_the_regularisation_through_family_ties():
    # The status step comes before the family step: the tie is the procedure's own premise.
    (flag,) = interrupting_flags(procedure=RT_FAMILY_STAY, answers={"status": STAY}, today=TODAY)
    assert flag.code == "stay_expired" and flag.points_to == "regularizacion_vinculo_familiar"


@time_machine.travel(DECEMBER, tick=False)
def test_an_expired_stay_offers_the_regularisation_through_family_ties(client):
    preparation, status_url = at_status(client, "cambio_rt_unidad_familiar")
    response = client.post(status_url, STAY)
    page = client.get(response["Location"]).content.decode()
    assert 'data-flag="stay_expired"' in page
    assert 'data-switch-to="regularizacion_vinculo_familiar"' in page


@time_machine.travel(DECEMBER, tick=False)
def test_a_procedure_that_fits_without_a_wizard_is_linked_to_its_page(client):
    fits = Procedure.objects.get(slug="regularizacion_vinculo_familiar")
    # Only an information page has no wizard (a constraint): staff turned it into one.
    fits.online_status, fits.has_wizard, fits.needs_appointment = "info", False, False
    fits.save()
    preparation, status_url = at_status(client, "cambio_rt_unidad_familiar")
    response = client.post(status_url, STAY)
    page = client.get(response["Location"]).content.decode()
    assert 'data-flag="stay_expired"' in page
    assert url("procedure_detail", "en", "regularizacion_vinculo_familiar") in page
    assert "data-switch-to" not in page  # nothing to prepare online for it
