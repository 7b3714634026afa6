"""Good and bad inputs for each validator of the wizard: errors beside fields, values kept, nothing saved."""

import html
import re

import pytest
import time_machine

from procedures.models import Preparation

from .wizard import ADDRESS, APPLICANT, NOW, PASSPORT, start, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def at_step(client):
    """A canje preparation with the steps before ``step`` answered; returns the step's URL."""

    def go(step):
        preparation, _ = start(client, "en", "canje")
        order = ["applicant", "passport", "status", "address", "office"]
        done = {
            "applicant": APPLICANT,
            "passport": PASSPORT,
            "status": {"current_document": "temporary_card", "card_expires": "2026-12-15", "years_requested": "1"},
            "address": ADDRESS,
        }
        for name in order[: order.index(step)]:
            assert client.post(url("wizard_step", "en", preparation.token, name), done[name]).status_code == 302
        return preparation, url("wizard_step", "en", preparation.token, step)

    return go


def assert_rejected(client, preparation, step_url, data, field, message, kept):
    before = dict(Preparation.objects.get(pk=preparation.pk).answers)
    response = client.post(step_url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    assert 'id="error-summary"' in body
    assert f'href="#id_{field}' in body  # the summary links to the field
    assert f'id="id_{field}_error"' in body  # the error sits beside the field
    assert message in body
    for value in kept:
        assert value in body
    assert Preparation.objects.get(pk=preparation.pk).answers == before


BAD_APPLICANT = [
    ("given_names", "x" * 10_000, "Ensure this value has at most 200 characters"),
    ("given_names", "<script>alert(1)</script>", "Use only letters"),
    ("surnames", "Smith 😀", "Use only letters"),
    ("surnames", "O. Brien", "Use only letters"),
    ("given_names", "Jos3", "Use only letters"),
    ("birth_date", "2030-01-01", "must be in the past"),
    ("birth_date", "1850-01-01", "Check the year of birth"),
    ("birth_date", "31/02/1990", "Enter a real date, with day, month and year."),
    ("birth_date", "", "Enter your date of birth."),
    ("email", "maria@", "Enter an e-mail address in the right format, like name@example.com."),
    ("curp", "ABC", "exactly 18 letters and digits"),
    ("curp", "PEXM850314MNENRR99", "looks unusual"),  # the right shape, a wrong check digit: a warning
    ("nationality", "XX", "Select a valid choice"),
    ("sex", "other", "Select a valid choice"),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("field", "value", "message"), BAD_APPLICANT)
def test_bad_applicant_values(client, at_step, field, value, message):
    preparation, step_url = at_step("applicant")
    data = {**APPLICANT, field: value}
    kept = ['value="Texas"'] if field != "birth_state" else []
    assert_rejected(client, preparation, step_url, data, field, message, kept)


@time_machine.travel(NOW, tick=False)
def test_html_in_a_value_is_escaped_when_shown_again(client, at_step):
    preparation, step_url = at_step("applicant")
    body = client.post(step_url, {**APPLICANT, "given_names": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "names",
    [("Zoë Anne-Marie", "D'Souza"), ("Łukasz", "Wałęsa"), ("Андрей", "Смирнов"), ("美咲", "佐藤"), ("José", "Núñez")],
)
def test_names_in_any_script_are_accepted(client, at_step, names):
    preparation, step_url = at_step("applicant")
    response = client.post(step_url, {**APPLICANT, "given_names": names[0], "surnames": names[1]})
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["applicant"]["surnames"] == names[1]


@time_machine.travel(NOW, tick=False)
def test_an_unusual_curp_can_be_confirmed(client, at_step):
    preparation, step_url = at_step("applicant")
    unusual = {**APPLICANT, "curp": "PEXM850314MNENRR99"}
    body = client.post(step_url, unusual).content.decode()
    assert 'name="confirm_curp"' in body
    response = client.post(step_url, {**unusual, "confirm_curp": "on"})
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["applicant"]["curp"] == "PEXM850314MNENRR99"


@time_machine.travel(NOW, tick=False)
def test_a_valid_curp_needs_no_confirmation(client, at_step):
    preparation, step_url = at_step("applicant")
    response = client.post(step_url, {**APPLICANT, "curp": "gomc700101hnemrr00"})
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["applicant"]["curp"] == "GOMC700101HNEMRR00"


BAD_PASSPORT = [
    ("passport_expires", "2026-11-26", "This passport has expired"),
    ("passport_issued", "2026-12-01", "cannot be in the future"),
    ("passport_number", "AB", "Use 5 to 20 letters and digits"),
    ("passport_number", "X123<4567>", "Use 5 to 20 letters and digits"),
    ("passport_country", "", "Choose the country that issued your passport."),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("field", "value", "message"), BAD_PASSPORT)
def test_bad_passport_values(client, at_step, field, value, message):
    preparation, step_url = at_step("passport")
    data = {**PASSPORT, field: value}
    kept = ['value="X1234567"'] if field != "passport_number" else ['value="2030-01-14"']
    assert_rejected(client, preparation, step_url, data, field, message, kept)


BAD_ADDRESS = [
    ("postal_code", "ABCDE", "A Mexican postal code has 5 digits"),
    ("postal_code", "99999", "We do not know this postal code"),  # a warning with manual entry
    ("state", "09", "The postal code 45900 is in Jalisco, not in the state you chose"),  # a warning
    ("landline", "33-ABC", "Digits only"),
    ("street", "y" * 201, "at most 200 characters"),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("field", "value", "message"), BAD_ADDRESS)
def test_bad_address_values(client, at_step, field, value, message):
    preparation, step_url = at_step("address")
    error_field = "state" if field == "state" else field
    kept = ['value="Av. Madero"'] if field != "street" else ['value="45900"']
    assert_rejected(client, preparation, step_url, {**ADDRESS, field: value}, error_field, message, kept)


@time_machine.travel(NOW, tick=False)
def test_an_unknown_postal_code_is_accepted_once_confirmed(client, at_step):
    preparation, step_url = at_step("address")
    data = {**ADDRESS, "postal_code": "99999", "confirm_postal_code": "on"}
    assert client.post(step_url, data).status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["address"]["postal_code"] == "99999"


@time_machine.travel(NOW, tick=False)
def test_postal_code_lookup_fills_state_municipality_and_colonias_without_javascript(client, at_step):
    preparation, step_url = at_step("address")
    response = client.post(step_url, {"postal_code": "45900", "_refresh": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Chapala"' in body  # municipality
    assert '<option value="14" selected>' in body  # Jalisco
    assert '<option value="Chapala Centro">' in body  # the colonias, as suggestions
    assert 'id="error-summary"' not in body
    assert "address" not in Preparation.objects.get(pk=preparation.pk).answers


@time_machine.travel(NOW, tick=False)
def test_a_new_postal_code_replaces_the_state_municipality_and_colonia_of_the_old_one(client, at_step):
    preparation, step_url = at_step("address")
    typed = {**ADDRESS, "postal_code": "06700", "neighborhood": "Ajijic Centro", "_refresh": "1"}
    body = client.post(step_url, typed).content.decode()
    assert '<option value="09" selected>' in body  # Ciudad de México
    assert 'value="Cuauhtémoc"' in body and 'value="Roma Norte"' in body
    assert "Chapala" not in body.split('id="id_municipality"')[1][:300]
    assert 'value="Ajijic Centro"' not in body
    assert 'value="Av. Madero"' in body  # the street does not depend on the code
    assert 'data-lookup="found"' in body
    assert "Postal code 06700: colonia Roma Norte, Cuauhtémoc, Ciudad de México." in body


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("code", "outcome", "message"),
    [
        ("4590", "invalid", "“4590” is not a postal code: a Mexican postal code has 5 digits."),
        ("45999", "unknown", "We do not know the postal code 45999"),
        ("45900", "found", "Postal code 45900: colonia Chapala Centro, Chapala, Jalisco."),
    ],
)
def test_the_postal_code_look_up_says_what_it_found(client, at_step, code, outcome, message):
    preparation, step_url = at_step("address")
    body = client.post(step_url, {**ADDRESS, "postal_code": code, "_refresh": "1"}).content.decode()
    assert f'data-lookup="{outcome}"' in body
    assert message in html.unescape(body)
    if outcome == "unknown":
        assert 'value="Chapala"' in body  # typed by hand for a code we do not know: kept


@time_machine.travel(NOW, tick=False)
def test_the_postal_code_look_up_speaks_spanish(client, at_step):
    preparation, step_url = at_step("address")
    step_url = step_url.replace("/en/", "/es/")
    body = client.post(step_url, {**ADDRESS, "postal_code": "45999", "_refresh": "1"}).content.decode()
    assert "No conocemos el código postal 45999" in body


@time_machine.travel(NOW, tick=False)
def test_a_state_that_does_not_match_the_postal_code_is_kept_once_confirmed(client, at_step):
    preparation, step_url = at_step("address")
    body = client.post(step_url, {**ADDRESS, "state": "09"}).content.decode()
    assert 'name="confirm_state"' in body
    assert client.post(step_url, {**ADDRESS, "state": "09", "confirm_state": "on"}).status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["address"]["state"] == "09"


@time_machine.travel(NOW, tick=False)
def test_enter_in_the_address_form_saves_the_first_submit_button_has_no_name(client, at_step):
    preparation, step_url = at_step("address")
    body = client.get(step_url).content.decode()
    form = body[body.index('<form method="post" novalidate class="wizard-form">') :]
    first_button = re.search(r"<button [^>]*>", form)[0]
    assert 'type="submit"' in first_button and "name=" not in first_button
    assert form.index(first_button) < form.index('name="_refresh"')


BAD_STATUS = [
    (
        {
            "current_document": "resident_visa",
            "visa_type": "temporary",
            "admission": "canje",
            "entry_record": "fmm",
            "entry_date": "2026-12-01",
            "years_requested": "1",
        },
        "entry_date",
        "cannot be in the future",
    ),
    (
        {
            "current_document": "resident_visa",
            "admission": "canje",
            "entry_record": "fmm",
            "entry_date": "2026-11-01",
            "years_requested": "1",
        },
        "visa_type",
        "Choose the resident visa in your passport.",
    ),
    (
        {"current_document": "temporary_card", "years_requested": "1"},
        "card_expires",
        "Enter the expiry date of your card.",
    ),
    ({"current_document": "spaceship"}, "current_document", "Select a valid choice"),
]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("data", "field", "message"), BAD_STATUS)
def test_bad_status_values(client, at_step, data, field, message):
    preparation, step_url = at_step("status")
    assert_rejected(client, preparation, step_url, data, field, message, [])


@time_machine.travel(NOW, tick=False)
def test_status_asks_the_document_first_then_only_what_applies(client, at_step):
    preparation, step_url = at_step("status")
    first = client.get(step_url).content.decode()
    assert 'name="_refresh"' in first  # the "continue" round trip without JavaScript
    assert 'data-show-for="resident_visa"' in first
    after = client.post(step_url, {"current_document": "temporary_card", "_refresh": "1"}).content.decode()
    # The card questions are shown; the visa questions stay hidden.
    assert 'data-show-for="temporary_card student_card' in after
    visa_group = after.split('name="visa_type"')[0].rsplit('<div class="field-group"', 1)[1]
    assert "hidden" in visa_group
    assert "status" not in Preparation.objects.get(pk=preparation.pk).answers


@time_machine.travel(NOW, tick=False)
def test_answers_to_questions_that_do_not_apply_are_not_saved(client, at_step):
    preparation, step_url = at_step("status")
    data = {
        "current_document": "temporary_card",
        "card_expires": "2026-12-15",
        "years_requested": "1",
        "visa_type": "permanent",
        "admission": "visitor",
        "entry_date": "2026-01-01",
    }
    assert client.post(step_url, data).status_code == 302
    preparation.refresh_from_db()
    # A canje issues no new temporary card for a card already held: no years either.
    assert set(preparation.answers["status"]) == {"current_document", "card_expires"}


@time_machine.travel(NOW, tick=False)
def test_office_step_lists_the_address_state_first_and_says_when_not_online(client, at_step):
    preparation, step_url = at_step("office")
    body = client.get(step_url).content.decode()
    mine, others = body.split("Offices in other states")
    chapala = "Chapala — Oficina del INM en Chapala (Ribera de Chapala)"
    assert f"{chapala} (not on the online system: book at Guadalajara)" in mine
    assert "Offices in your state" in mine and "Mérida" in others
    assert client.post(step_url, {"office": "jal-chapala"}).status_code == 302  # allowed; flagged in the packet


@time_machine.travel(NOW, tick=False)
def test_an_unknown_office_is_rejected(client, at_step):
    preparation, step_url = at_step("office")
    assert_rejected(client, preparation, step_url, {"office": "xx-nowhere"}, "office", "Select a valid choice", [])


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("step", ["applicant", "passport", "status", "address", "office"])
def test_an_empty_post_is_never_a_server_error(client, at_step, step):
    preparation, step_url = at_step(step)
    response = client.post(step_url, {})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
