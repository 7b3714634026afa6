"""Error messages that say what to do, in both languages; "Error: " in the title; a summary on every form."""

import pytest
import time_machine
from django import forms
from django.utils import translation

from procedures import forms as site_forms
from procedures import steps
from procedures.choose import Question
from procedures.error_messages import REQUIRED, REQUIRED_CHOICE, REQUIRED_TEXT

from .test_packet import CANJE, core
from .wizard import NOW, start, url, walk


def every_form():
    """An instance of every form an applicant fills in, with every optional step field there."""
    built = [step.form_class() for step in steps.STEPS]
    built += [site_forms.StatusStepForm(procedure_slug=slug) for slug in ("canje", "renovacion", "cambio_rt_a_rp")]
    built += [site_forms.ChangesStepForm(procedure_slug=slug) for slug in ("notif_domicilio", "notif_cambio_nombre")]
    built += [site_forms.EmploymentStepForm(procedure_slug="cambio_rt_a_rp")]
    built += [
        site_forms.ProblemReportForm(),
        site_forms.ChooseForm(),
        site_forms.AppointmentForm(),
        site_forms.StartForm(),
        site_forms.ReviewForm(),
    ]
    return built


# Never required, whatever the answers: they need no message of their own.
OPTIONAL = [
    "AddressStepForm.interior_number",
    "AddressStepForm.landline",
    "AddressStepForm.landline_area_code",
    "ApplicantStepForm.curp",
    "AppointmentForm.pieza",
    "ChangesStepForm.old_interior_number",
    "ReplacementStepForm.police_report_reference",
    "StartForm.from",
    "StatusStepForm.card_number",
    "StatusStepForm.nue",
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_field_says_only_that_it_is_required(language):
    generic = []
    with translation.override(language):
        django_required = str(forms.Field.default_error_messages["required"])
        for form in every_form():
            for name, field in form.fields.items():
                message = str(field.error_messages["required"])
                if message in (django_required, str(REQUIRED_CHOICE), str(REQUIRED_TEXT)) and not name.startswith(
                    "confirm_"
                ):
                    generic.append(f"{type(form).__name__}.{name}")
    assert sorted(set(generic)) == OPTIONAL


def test_the_follow_up_questions_of_help_me_choose_have_their_own_messages():
    from procedures import choose

    questions = [value for value in vars(choose).values() if isinstance(value, Question)]
    assert len(questions) > 8
    assert [question.name for question in questions if question.name not in REQUIRED] == []


def test_a_date_field_names_a_real_date_and_an_email_its_format():
    form = site_forms.ApplicantStepForm(data={"birth_date": "31/02/1990", "email": "maria@"})
    assert form.errors["birth_date"] == ["Enter a real date, with day, month and year."]
    assert form.errors["email"] == ["Enter an e-mail address in the right format, like name@example.com."]
    assert form.errors["given_names"] == ["Enter your given names, as in your passport."]


def test_the_messages_speak_spanish():
    with translation.override("es"):
        form = site_forms.ApplicantStepForm(data={"birth_date": "31/02/1990"})
        assert form.errors["given_names"] == ["Escriba su nombre o nombres, como en su pasaporte."]
        assert form.errors["birth_date"] == ["Escriba una fecha real, con día, mes y año."]
        form = site_forms.AppointmentForm(data={})
        assert form.errors["appointment_date"] == ["Escriba la fecha de su cita."]


@pytest.mark.django_db
@pytest.mark.usefixtures("catalogue")
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("language", "prefix"), [("en", "Error: "), ("es", "Error: ")])
def test_a_page_sent_back_with_errors_says_so_in_its_title(client, language, prefix):
    preparation, location = start(client, language, "canje")
    page = client.post(location.split("?")[0], {}).content.decode()
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title.startswith(prefix) and len(title) > len(prefix) + 5
    assert 'id="error-summary"' in page and "autofocus" in page.split('id="error-summary"')[1][:200]
    # Without errors: no prefix.
    page = client.get(location).content.decode()
    assert "<title>Error" not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("catalogue")
@time_machine.travel(NOW, tick=False)
def test_the_appointment_and_report_forms_have_an_error_summary_first_and_the_title_prefix(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    page = client.post(url("packet_appointment", "en", preparation.token), {}).content.decode()
    assert page.index('id="error-summary"') < page.index('class="screen-only packet-tools"')
    assert "<title>Error: " in page
    assert 'href="#id_appointment_date">' in page and "Enter the date of your appointment." in page
    page = client.post(url("procedure_report", "en", "canje"), {}).content.decode()
    assert "<title>Error: " in page and 'id="error-summary"' in page
    assert "Describe what is wrong or out of date." in page
