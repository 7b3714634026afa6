"""The wizard's steps, in order: each knows when it applies and which form asks it.

A small step engine of our own over the Preparation row (see DESIGN.md for why not
django-formtools). The answers of each step are saved on the row under the step's name; a step
is done when it has saved answers (an optional step saved empty counts as done).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import forms
from .answers import Answers
from .models import Procedure
from .situation import situation_for

REVIEW = "review"


@dataclass(frozen=True)
class Step:
    name: str
    title: str | Promise
    form_class: type[forms.StepForm]
    applies: Callable[[Procedure | None, Answers, date], bool]


def always(procedure, answers, today) -> bool:
    return True


def extra_step(name: str) -> Callable[[Procedure | None, Answers, date], bool]:
    def applies(procedure, answers, today) -> bool:
        return procedure is not None and name in procedure.extra_steps

    return applies


def applicant_is_minor(procedure, answers, today) -> bool:
    slug = procedure.slug if procedure is not None else ""
    return situation_for(answers, procedure_slug=slug, today=today).is_minor


STEPS: tuple[Step, ...] = (
    Step("procedure", _("Procedure"), forms.ProcedureStepForm, always),
    Step("applicant", _("About you"), forms.ApplicantStepForm, always),
    Step("passport", _("Passport"), forms.PassportStepForm, always),
    Step("status", _("Your immigration status"), forms.StatusStepForm, always),
    Step("address", _("Address in Mexico"), forms.AddressStepForm, always),
    Step("office", _("INM office"), forms.OfficeStepForm, always),
    Step("guardian", _("Who signs for the minor"), forms.GuardianStepForm, applicant_is_minor),
    Step("family", _("Your family tie"), forms.FamilyStepForm, extra_step("family")),
    Step("employment", _("Your work"), forms.EmploymentStepForm, extra_step("employment")),
    Step("changes", _("The change you report"), forms.ChangesStepForm, extra_step("changes")),
    Step("replacement", _("What happened to your card"), forms.ReplacementStepForm, extra_step("replacement")),
)
STEP_NAMES = tuple(step.name for step in STEPS)
BY_NAME = {step.name: step for step in STEPS}


def applicable_steps(procedure: Procedure | None, answers: Answers, today: date) -> list[Step]:
    """The steps that apply to these answers, in order (the procedure step always first)."""
    return [step for step in STEPS if step.applies(procedure, answers, today)]


def is_done(step: Step, answers: Answers) -> bool:
    return step.name in answers


def first_missing_step(procedure: Procedure | None, answers: Answers, today: date) -> Step | None:
    """The first step that applies and has no answers; None when every one is done."""
    return next((step for step in applicable_steps(procedure, answers, today) if not is_done(step, answers)), None)


def steps_before(name: str, procedure: Procedure | None, answers: Answers, today: date) -> list[Step]:
    steps = applicable_steps(procedure, answers, today)
    names = [step.name for step in steps]
    return steps[: names.index(name)] if name in names else steps


def next_step(name: str, procedure: Procedure | None, answers: Answers, today: date) -> Step | None:
    """The first step after ``name`` that applies and is not done yet; None when only review is left."""
    steps = applicable_steps(procedure, answers, today)
    names = [step.name for step in steps]
    later = steps[names.index(name) + 1 :] if name in names else steps
    return next((step for step in later if not is_done(step, answers)), None) or first_missing_step(
        procedure, answers, today
    )


def prefilled(name: str, answers: Answers) -> dict | None:
    """What a step not answered yet starts with: what "help me choose" already asked (saved under
    ``prefill`` when the preparation started), and, preparing for a family member, the sponsor."""
    values = dict((answers.get("prefill") or {}).get(name) or {})
    if name == "family":
        values.update(answers.get("family_copy") or {})
    return values or None


def answers_that_apply(procedure: Procedure | None, answers: Answers, today: date) -> dict:
    """The answers of the steps that apply now: what completion keeps."""
    names = {step.name for step in applicable_steps(procedure, answers, today)}
    return {name: value for name, value in answers.items() if name in names}
