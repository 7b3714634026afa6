"""The branch steps: guardian, family, employment, changes, replacement; family copies."""

import pytest
import time_machine

from procedures.models import Preparation

from .wizard import ADDRESS, APPLICANT, NOW, OFFICE, PASSPORT, start, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

TEMPORARY = {"current_document": "temporary_card", "card_expires": "2027-06-01", "years_requested": "1", "nue": ""}
PERMANENT = {"current_document": "permanent_card", "card_expires": "", "nue": "98765432"}
# Entered on 1 October with 180 days: the entry day is the first, so the last is 29 March.
VISITOR = {"current_document": "visitor_fmm", "entry_date": "2026-10-01", "stay_until": "2027-03-29"}
CHILD = {**APPLICANT, "given_names": "Lucía", "birth_date": "2012-05-05", "marital_status": "single"}
GUARDIAN = {
    "guardian_name": "María José Pérez",
    "guardian_relationship": "mother",
    "guardian_document": "Pasaporte X1234567",
}
FAMILY_CHILD = {
    "relationship": "child",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "mexican",
    "sponsor_mexican_by_birth": "yes",
    "sponsor_document": "INE 1234567890123",
    "foreign_certificates": "yes",
    "union_date": "",
}
FAMILY_SPOUSE = {
    "relationship": "spouse",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "temporary",
    "sponsor_nationality": "CA",
    "sponsor_document": "Tarjeta de residente 123456",
    "foreign_certificates": "no",
    "union_date": "2020-06-20",
    "lives_together": "yes",
}
OLD_ADDRESS = {
    "change_date": "2026-10-15",
    "old_postal_code": "44100",
    "old_state": "14",
    "old_municipality": "Guadalajara",
    "old_neighborhood": "Centro",
    "old_street": "Av. Juárez",
    "old_exterior_number": "10",
    "old_interior_number": "",
}
EMPLOYER = {
    "employer_type": "company",
    "employer_rfc": "ABC010101AB1",
    "employer_file_number": "E-1234/2025",
    "employer_name": "Tequila Azul, S.A. de C.V.",
    "position": "Ingeniera",
}


def core(status, applicant=APPLICANT):
    return {"applicant": applicant, "passport": PASSPORT, "status": status, "address": ADDRESS, "office": OFFICE}


def valid_rfc(company=True):
    """An RFC whose check digit localflavor accepts (so that no warning is raised)."""
    from localflavor.mx.forms import MXRFCField

    base = "ABC010101AB" if company else "GOMC700101AB"
    for digit in "0123456789A":
        try:
            MXRFCField().clean(base + digit)
            return base + digit
        except Exception:  # noqa: BLE001, S112
            continue
    raise AssertionError("no check digit found")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_family_unity_for_a_minor_asks_the_guardian_and_the_family(client, language):
    preparation = walk(
        client,
        language,
        "cambio_rp_unidad_familiar",
        {**core(VISITOR, CHILD), "guardian": GUARDIAN, "family": FAMILY_CHILD},
    )
    assert set(preparation.answers) == {
        "procedure",
        "applicant",
        "passport",
        "status",
        "address",
        "office",
        "guardian",
        "family",
    }
    assert preparation.answers["guardian"]["guardian_relationship"] == "mother"
    assert "union_date" not in preparation.answers["family"]  # not a spouse
    assert preparation.answers["family"]["foreign_certificates"] == "yes"


@time_machine.travel(NOW, tick=False)
def test_family_unity_temporary_for_a_spouse(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": FAMILY_SPOUSE})
    assert preparation.answers["family"]["union_date"] == "2020-06-20"
    assert "guardian" not in preparation.answers


@time_machine.travel(NOW, tick=False)
def test_a_spouse_must_give_the_date_of_the_union(client):
    preparation, _ = start(client, "en", "cambio_rt_unidad_familiar")
    for step, data in core(VISITOR).items():
        client.post(url("wizard_step", "en", preparation.token, step), data)
    response = client.post(url("wizard_step", "en", preparation.token, "family"), {**FAMILY_SPOUSE, "union_date": ""})
    assert response.status_code == 200 and b"date of the marriage" in response.content


@time_machine.travel(NOW, tick=False)
def test_change_of_address_keeps_old_and_new_address(client):
    preparation = walk(client, "en", "notif_domicilio", {**core(TEMPORARY), "changes": OLD_ADDRESS})
    assert preparation.answers["changes"]["old_street"] == "Av. Juárez"
    assert preparation.answers["address"]["street"] == "Av. Madero"
    assert set(preparation.answers["changes"]) == set(OLD_ADDRESS)


@time_machine.travel(NOW, tick=False)
def test_change_of_workplace_asks_the_old_workplace_and_the_new_employer(client):
    rfc = valid_rfc()
    preparation = walk(
        client,
        "en",
        "notif_lugar_trabajo",
        {
            **core(PERMANENT),
            "employment": {"employment_kind": "employer", **EMPLOYER, "employer_rfc": rfc},
            "changes": {"change_date": "2026-11-01", "old_workplace": "Maquila del Norte"},
        },
    )
    assert preparation.answers["changes"] == {"change_date": "2026-11-01", "old_workplace": "Maquila del Norte"}
    assert preparation.answers["employment"]["employer_rfc"] == rfc
    assert "activity" not in preparation.answers["employment"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("reason", "police"),
    [("stolen", "yes"), ("lost_abroad", "no")],
)
def test_replacement(client, reason, police):
    status = {**TEMPORARY, "entry_date": "2026-11-10"} if reason == "lost_abroad" else TEMPORARY
    preparation = walk(
        client,
        "en",
        "reposicion",
        {
            **core(status),
            "replacement": {
                "reason": reason,
                "event_date": "2026-11-05",
                "event_place": "Toronto",
                "police_report": police,
            },
        },
    )
    assert preparation.answers["replacement"]["reason"] == reason
    assert ("entry_date" in preparation.answers["status"]) is (reason == "lost_abroad")


@time_machine.travel(NOW, tick=False)
def test_work_permit_with_an_employer_does_not_ask_the_kind(client):
    rfc = valid_rfc()
    preparation, _ = start(client, "en", "permiso_trabajo_empleador")
    for step, data in core(TEMPORARY).items():
        client.post(url("wizard_step", "en", preparation.token, step), data)
    page = client.get(url("wizard_step", "en", preparation.token, "employment")).content.decode()
    assert 'name="employment_kind"' not in page and 'name="activity"' not in page
    response = client.post(url("wizard_step", "en", preparation.token, "employment"), {**EMPLOYER, "employer_rfc": rfc})
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["employment"]["employment_kind"] == "employer"


@time_machine.travel(NOW, tick=False)
def test_work_permit_for_self_employment(client):
    rfc = valid_rfc(company=False)
    preparation = walk(
        client,
        "en",
        "permiso_trabajo_independiente",
        {
            **core(TEMPORARY),
            "employment": {"activity": "Clases de inglés", "activity_place": "en mi domicilio", "applicant_rfc": rfc},
        },
    )
    assert preparation.answers["employment"] == {
        "employment_kind": "self_employed",
        "activity": "Clases de inglés",
        "activity_place": "en mi domicilio",
        "applicant_rfc": rfc,
    }


EXPIRED = {"current_document": "expired_document", "card_expires": "2026-01-10", "nue": ""}


@time_machine.travel(NOW, tick=False)
def test_regularisation_with_an_employer(client):
    rfc = valid_rfc()
    preparation = walk(
        client,
        "en",
        "regularizacion_documento_vencido",
        {**core(EXPIRED), "employment": {"employment_kind": "employer", **EMPLOYER, "employer_rfc": rfc}},
    )
    assert preparation.answers["employment"]["employer_name"] == "Tequila Azul, S.A. de C.V."


@time_machine.travel(NOW, tick=False)
def test_regularisation_without_an_employer_leaves_the_optional_step_empty(client):
    preparation = walk(
        client, "en", "regularizacion_documento_vencido", {**core(EXPIRED), "employment": {"employment_kind": ""}}
    )
    assert preparation.answers["employment"] == {"employment_kind": ""}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("rfc", "employer_type", "message"),
    [
        ("ABC0101", "company", "has 12 characters"),
        ("ABC010101AB1", "individual", "has 13 characters"),  # a company's RFC for an individual
        ("ABC-010101", "company", "has 12 characters"),
    ],
)
def test_bad_rfc_format_is_an_error(client, rfc, employer_type, message):
    preparation, _ = start(client, "en", "permiso_trabajo_empleador")
    for step, data in core(TEMPORARY).items():
        client.post(url("wizard_step", "en", preparation.token, step), data)
    response = client.post(
        url("wizard_step", "en", preparation.token, "employment"),
        {**EMPLOYER, "employer_rfc": rfc, "employer_type": employer_type},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert 'name="confirm_employer_rfc"' not in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_rfc_check_digit_mismatch_is_a_warning_that_can_be_confirmed(client):
    good = valid_rfc()
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    preparation, _ = start(client, "en", "permiso_trabajo_empleador")
    for step, data in core(TEMPORARY).items():
        client.post(url("wizard_step", "en", preparation.token, step), data)
    step_url = url("wizard_step", "en", preparation.token, "employment")
    response = client.post(step_url, {**EMPLOYER, "employer_rfc": bad})
    assert response.status_code == 200 and b"check digit does not match" in response.content
    assert b'name="confirm_employer_rfc"' in response.content
    assert client.post(step_url, {**EMPLOYER, "employer_rfc": bad, "confirm_employer_rfc": "on"}).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_switching_from_a_family_procedure_to_canje_drops_the_family_answers_at_completion(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": FAMILY_SPOUSE})
    canje_status = {
        "current_document": "resident_visa",
        "visa_type": "temporary",
        "admission": "canje",
        "entry_record": "fmm",
        "entry_date": "2026-11-20",
        "years_requested": "1",
    }
    client.post(url("wizard_step", "en", preparation.token, "procedure"), {"procedure": "canje", "next": "review"})
    client.post(url("wizard_step", "en", preparation.token, "status"), {**canje_status, "next": "review"})
    preparation.refresh_from_db()
    assert "family" in preparation.answers  # kept while the applicant may still switch back
    Preparation.objects.filter(pk=preparation.pk).update(status="draft", completed_at=None)
    client.post(url("review", "en", preparation.token), {"confirm": "on"})
    preparation.refresh_from_db()
    assert preparation.status == "complete"
    assert "family" not in preparation.answers
    assert preparation.answers["status"]["visa_type"] == "temporary"


@time_machine.travel(NOW, tick=False)
def test_changing_the_procedure_sends_a_complete_preparation_back_to_draft(client):
    preparation = walk(
        client,
        "en",
        "canje",
        core(
            {
                "current_document": "resident_visa",
                "visa_type": "temporary",
                "admission": "canje",
                "entry_record": "fmm",
                "entry_date": "2026-11-17",
                "years_requested": "2",
            }
        ),
    )
    response = client.post(
        url("wizard_step", "en", preparation.token, "procedure"), {"procedure": "notif_domicilio", "next": "review"}
    )
    preparation.refresh_from_db()
    assert preparation.status == "draft" and preparation.completed_at is None
    assert "/changes/" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_prepare_for_a_family_member_copies_address_office_and_sponsor_only(client):
    first = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": FAMILY_SPOUSE})
    response = client.post(url("prepare_start", "en"), {"consent": "on", "from": first.token})
    assert response.status_code == 302
    second = Preparation.objects.exclude(pk=first.pk).get()
    assert second.answers["address"] == first.answers["address"]
    assert second.office == first.office
    assert "applicant" not in second.answers and "passport" not in second.answers
    assert second.answers["family_copy"] == {
        "sponsor_name": "Jorge Ramírez Soto",
        "sponsor_status": "temporary",
        "sponsor_nationality": "CA",
        "sponsor_document": "Tarjeta de residente 123456",
    }
    # The family step starts with the sponsor filled in.
    client.post(url("wizard_step", "en", second.token, "procedure"), {"procedure": "cambio_rt_unidad_familiar"})
    for step in ("applicant", "passport", "status"):
        data = {**CHILD} if step == "applicant" else core(VISITOR)[step]
        client.post(url("wizard_step", "en", second.token, step), data)
    client.post(url("wizard_step", "en", second.token, "guardian"), GUARDIAN)
    family_page = client.get(url("wizard_step", "en", second.token, "family")).content.decode()
    assert 'value="Jorge Ramírez Soto"' in family_page
