"""The review shows the saved answers from the steps' field definitions, without building a form.

Each row must be the one the step's built form gives (its fields after ``__init__``, their
choices): compared here for the sample applicant of every procedure, in both languages, and with
stale answers of every other procedure mixed in, which the forms that drop fields must hide.
"""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from procedures import forms, steps
from procedures.models import Procedure
from procedures.packet import sample_answers, sample_preparation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 17, tzinfo=UTC)


def rows_of_built_form(step, preparation) -> list[tuple[str, str]]:
    """What the review showed before: the step's form built with what it needs, its fields read."""
    values = preparation.answers.get(step.name) or {}
    form = step.form(preparation, TODAY, initial=values)
    return [
        (str(field.label), forms.answer_text(field, values[name]))
        for name, field in form.fields.items()
        if not name.startswith("confirm_") and name in values
    ]


def rows_of_review(step, preparation) -> list[tuple[str, str]]:
    return [(str(row["label"]), row["value"]) for row in step.saved_answers(preparation)]


def every_answer() -> dict:
    """Each step's answers of every procedure's sample applicant, merged: values a form of another
    procedure asks (an e-mail opt-in, an employment kind, another change's old value)."""
    merged: dict = {}
    for procedure in Procedure.objects.filter(has_wizard=True):
        for step, values in sample_answers(procedure, today=TODAY).items():
            if isinstance(values, dict):
                merged.setdefault(step, {}).update(values)
    return merged


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("stale", [False, True], ids=["own answers", "with other procedures' answers"])
def test_the_review_rows_are_those_of_the_built_forms(language, stale):
    procedures = list(Procedure.objects.filter(has_wizard=True))
    assert len(procedures) > 5
    merged = every_answer() if stale else None
    compared = 0
    with translation.override(language):
        for procedure in procedures:
            preparation = sample_preparation(procedure, now=NOW, today=TODAY, language=language)
            if merged:
                preparation.answers = {**preparation.answers, **{k: v for k, v in merged.items() if k != "procedure"}}
            for step in steps.applicable_steps(procedure, preparation.answers, TODAY):
                review = rows_of_review(step, preparation)
                assert review == rows_of_built_form(step, preparation), (procedure.slug, step.name)
                compared += len(review)
    assert compared > 100


def test_the_review_names_a_country_a_state_and_an_office_and_builds_no_form(client, monkeypatch):
    import time_machine

    from .test_packet import CANJE, core
    from .wizard import NOW as WIZARD_NOW
    from .wizard import url, walk

    with time_machine.travel(WIZARD_NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CANJE))
        built = []
        real_init = forms.StepForm.__init__

        def counting(self, *args, **kwargs):
            built.append(type(self).__name__)
            real_init(self, *args, **kwargs)

        monkeypatch.setattr(forms.StepForm, "__init__", counting)
        page = client.get(url("review", "en", preparation.token)).content.decode()
    assert built == ["ReviewForm"]  # the confirmation box only
    born = date_format(date(1985, 3, 14), "DATE_FORMAT")
    for text in ("United States of America", "Jalisco", "Guadalajara", born, "Nacionalidad actual"):
        assert text in page, text
    assert ">US<" not in page and ">14<" not in page and "jal-guadalajara" not in page  # texts, not codes
