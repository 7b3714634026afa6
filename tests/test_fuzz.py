"""Fuzzing every step form and every public POST: never a 500, never an invalid answer saved.

A CI profile keeps it deterministic: derandomised, about 50 examples a form, no deadline.
"""

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedures import steps
from procedures.models import Preparation

from .clients import FormClient
from .test_packet import CANJE, core
from .wizard import NOW, start, url

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

# Random text of every kind: unicode, control characters, markup, huge values, empty values.
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=190, max_size=220),
    st.text(min_size=2000, max_size=3000),
    st.sampled_from(["", " ", "<script>alert(1)</script>", "2026-13-45", "99999", "ABCDE", "∞", "null", "\x00"]),
)

STEP_FIELDS = {
    "applicant": list(core(CANJE)["applicant"]),
    "passport": list(core(CANJE)["passport"]),
    "status": list(CANJE),
    "address": list(core(CANJE)["address"]),
    "office": ["office"],
    "procedure": ["procedure"],
}


def fields_for(step):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(STEP_FIELDS[step], values))


def assert_saved_answers_are_valid(preparation, step):
    """What was saved must be what the step's own form accepts."""
    saved = preparation.answers.get(step)
    if saved is None:
        return
    data = {key: ("" if value is None else value) for key, value in saved.items()}
    form = steps.BY_NAME[step].form(preparation, preparation.created_at.date(), data=data)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("step", list(STEP_FIELDS))
@time_machine.travel(NOW, tick=False)
def test_fuzz_every_step(step):
    client = FormClient()
    preparation, _ = start(client, "en", "canje")
    order = ["applicant", "passport", "status", "address", "office"]
    if step in order:
        for earlier in order[: order.index(step)]:
            client.post(url("wizard_step", "en", preparation.token, earlier), core(CANJE)[earlier])
    target = url("wizard_step", "en", preparation.token, step)

    @given(data=fields_for(step))
    def post(data):
        response = client.post(target, data)
        assert response.status_code in (200, 302), response.status_code
        fresh = Preparation.objects.get(pk=preparation.pk)
        assert_saved_answers_are_valid(fresh, step)

    post()


@time_machine.travel(NOW, tick=False)
def test_fuzz_public_posts():
    client = FormClient()

    @given(message=values, email=values, document=values, need=values, consent=values, procedure=values)
    def post(message, email, document, need, consent, procedure):
        assert client.post(
            url("procedure_report", "en", "canje"), {"message": message, "email": email}
        ).status_code in (200, 302, 429)
        assert (
            client.post(
                url("choose", "es"), {"document": document, "need": need, "_stage": "follow_up", "entry_date": message}
            ).status_code
            == 200
        )
        assert client.post(url("prepare_start", "en"), {"consent": consent, "procedure": procedure}).status_code in (
            200,
            302,
            429,
        )

    post()


@time_machine.travel(NOW, tick=False)
def test_fuzz_the_appointment_and_the_review():
    from .wizard import walk

    client = FormClient()
    preparation = walk(client, "en", "canje", core(CANJE))

    @given(day=values, time=values, office=values, pieza=values, confirm=values)
    def post(day, time, office, pieza, confirm):
        response = client.post(
            url("packet_appointment", "en", preparation.token),
            {"appointment_date": day, "appointment_time": time, "appointment_office": office, "pieza": pieza},
        )
        assert response.status_code in (200, 302)
        assert client.post(url("review", "en", preparation.token), {"confirm": confirm}).status_code in (200, 302)
        fresh = Preparation.objects.get(pk=preparation.pk)
        appointment = fresh.answers.get("appointment")
        if appointment:
            assert appointment["appointment_office"] and len(appointment["pieza"]) <= 40

    post()
