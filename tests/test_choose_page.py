""" "Help me choose" through the page, a test per row of the decision table, in both languages."""

import html
import re

import pytest
import time_machine
from django.utils import translation

from procedures.models import Preparation, Procedure

from .wizard import NOW, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

ROWS = [
    (1, "resident_visa", "get_card", {"entry_date": "2026-11-10", "admission": "canje"}, "canje"),
    (2, "temporary_card", "renew", {"card_expires": "2026-12-20"}, "renovacion"),
    (3, "permanent_card", "replace", {"where": "mexico", "card_valid": "yes"}, "reposicion"),
    (4, "student_card", "report_change", {"change": "address"}, "notif_domicilio"),
    (5, "temporary_card", "become_permanent", {"route": "four_years"}, "cambio_rt_a_rp"),
    (
        6,
        "visitor_fmm",
        "stay_through_family",
        {"relative_status": "mexican", "relationship": "child"},
        "cambio_rp_unidad_familiar",
    ),
    (7, "student_card", "work", {"job_offer": "yes"}, "cambio_rte_a_rt"),
    (8, "temporary_card", "work", {"employment": "self_employed"}, "permiso_trabajo_independiente"),
    (9, "humanitarian_card", "stay_as_resident", {"recognised": "yes"}, "cambio_vrh_a_rp"),
    (10, "permanent_card", "travel", {}, "permiso_salida_regreso"),
    (11, "visitor_fmm", "become_resident", {"relative_status": "none", "relationship": "none"}, None),
    (12, "no_valid_document", "stay_legally", {"family_tie": "yes"}, "regularizacion_vinculo_familiar"),
    (13, "approval_letter", "get_card", {}, None),
    (14, "employer", "register_employer", {}, "constancia_empleador"),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("row", "document", "need", "answers", "slug"), ROWS, ids=[f"row{r[0]}" for r in ROWS])
def test_each_row_through_the_page(client, language, row, document, need, answers, slug):
    choose_url = url("choose", language)
    assert client.get(choose_url).status_code == 200
    first = client.post(choose_url, {"document": document, "need": need})
    assert first.status_code == 200
    body = first.content.decode()
    if answers:
        # Only the follow-up questions of the matching row are asked.
        for name in answers:
            assert f'name="{name}"' in body
        assert body.count('name="_stage"') == 1
        final = client.post(choose_url, {"document": document, "need": need, "_stage": "follow_up", **answers})
        assert final.status_code == 200
        body = final.content.decode()
    assert 'class="outcome' in body
    if slug:
        procedure = Procedure.objects.get(slug=slug)
        assert procedure.name_es in body
        assert f'href="{url("procedure_detail", language, slug)}"' in body
        if procedure.has_wizard:
            assert f'name="procedure" value="{slug}"' in body  # the start button
    else:
        with translation.override(language):
            heading = translation.gettext("What to do")
        assert heading in body
        assert 'name="procedure"' not in body


@time_machine.travel(NOW, tick=False)
def test_the_answer_starts_the_wizard_with_the_procedure_chosen(client):
    body = client.post(url("choose", "en"), {"document": "permanent_card", "need": "travel"}).content.decode()
    assert f'action="{url("prepare_start", "en")}"' in body
    response = client.post(url("prepare_start", "en"), {"consent": "on", "procedure": "permiso_salida_regreso"})
    assert "/applicant/" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_missing_answers_show_errors(client):
    response = client.post(url("choose", "en"), {"document": "resident_visa"})
    assert response.status_code == 200 and b'id="error-summary"' in response.content
    follow = client.post(url("choose", "en"), {"document": "resident_visa", "need": "get_card", "_stage": "follow_up"})
    assert b'id="error-summary"' in follow.content and b'name="entry_date"' in follow.content


@time_machine.travel(NOW, tick=False)
def test_a_future_entry_date_is_refused(client):
    data = {
        "document": "resident_visa",
        "need": "get_card",
        "_stage": "follow_up",
        "entry_date": "2027-01-01",
        "admission": "canje",
    }
    assert b"cannot be in the future" in client.post(url("choose", "en"), data).content


def test_linked_from_home_and_catalogue(client, catalogue):
    assert url("choose", "en").encode() in client.get(url("home", "en")).content
    assert url("choose", "en").encode() in client.get(url("procedure_list", "en")).content


def hidden_inputs(body: str) -> dict[str, str]:
    form = body[body.index('class="start-form') :]
    form = form[: form.index("</form>")]
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_start_without_consent_shows_the_result_again_with_the_error(client, language):
    data = {"document": "resident_visa", "need": "get_card", "_stage": "follow_up", **ROWS[0][3]}
    body = client.post(url("choose", language), data).content.decode()
    carried = hidden_inputs(body)
    assert carried["choose.document"] == "resident_visa" and carried["choose.entry_date"] == "2026-11-10"
    carried.pop("csrfmiddlewaretoken", None)
    response = client.post(url("prepare_start", language), carried)  # no consent
    assert response.status_code == 200
    again = response.content.decode()
    assert 'class="outcome' in again and 'name="procedure" value="canje"' in again
    assert "<title>Error: " in again and 'href="#id_consent"' in again
    with translation.override(language):
        assert translation.gettext("To start, tick the box to accept the privacy notice.") in html.unescape(again)
    assert not Preparation.objects.exists()
    # Ticked this time: the preparation starts on the chosen procedure, its answers filled in.
    response = client.post(url("prepare_start", language), {**hidden_inputs(again), "consent": "on"})
    assert response.status_code == 302 and "/applicant/" in response["Location"]
    preparation = Preparation.objects.get()
    assert preparation.procedure.slug == "canje"
    assert preparation.answers["prefill"]["status"]["entry_date"] == "2026-11-10"


@time_machine.travel(NOW, tick=False)
def test_a_start_without_consent_from_home_stays_on_home(client):
    response = client.post(url("prepare_start", "en"), {})
    body = response.content.decode()
    assert response.status_code == 200 and 'class="outcome' not in body and 'href="#id_consent"' in body
