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

from . import catalogue_rows, forms
from .answers import Answers, answer
from .models import Preparation, Procedure
from .situation import situation_for

REVIEW = "review"


def no_needs(preparation: Preparation) -> dict:
    return {}


@dataclass(frozen=True)
class Step:
    """A step: when it applies, the form that asks it, and what that form needs (``needs``: the
    catalogue rows and the facts of the preparation it is given, as keyword arguments)."""

    name: str
    title: str | Promise
    form_class: type[forms.StepForm]
    applies: Callable[[Procedure | None, Answers, date], bool]
    needs: Callable[[Preparation], dict] = no_needs

    def form(self, preparation: Preparation, today: date, *, data=None, initial=None) -> forms.StepForm:
        """The step's form, bound to ``data`` or showing ``initial``."""
        return self.form_class(
            preparation=preparation, today=today, data=data, initial=initial, **self.needs(preparation)
        )

    def saved_answers(self, preparation: Preparation) -> list[dict]:
        """The step's saved answers as the review shows them (label and text), without a form."""
        values = preparation.answers.get(self.name) or {}
        return forms.saved_answers(self.form_class, values, **self.needs(preparation))


def always(procedure, answers, today) -> bool:
    return True


def extra_step(name: str) -> Callable[[Procedure | None, Answers, date], bool]:
    def applies(procedure, answers, today) -> bool:
        return procedure is not None and name in procedure.extra_steps

    return applies


def applicant_is_minor(procedure, answers, today) -> bool:
    slug = procedure.slug if procedure is not None else ""
    return situation_for(answers, procedure_slug=slug, today=today).is_minor


def _slug(preparation: Preparation) -> str | None:
    return preparation.procedure.slug if preparation.procedure else None


def procedure_needs(preparation: Preparation) -> dict:
    return {"procedures": catalogue_rows.wizard_procedures()}


def applicant_needs(preparation: Preparation) -> dict:
    return {"letters": bool(preparation.procedure and preparation.procedure.letter)}


def status_needs(preparation: Preparation) -> dict:
    return {"procedure_slug": _slug(preparation)}


def address_needs(preparation: Preparation) -> dict:
    return {"states": catalogue_rows.states()}


def office_needs(preparation: Preparation) -> dict:
    return {"offices": catalogue_rows.active_offices(), "home_state": answer(preparation.answers, "address.state")}


def employment_needs(preparation: Preparation) -> dict:
    procedure = preparation.procedure
    return {
        "procedure_slug": _slug(preparation),
        "optional": bool(procedure and "employment" in procedure.optional_steps),
    }


def changes_needs(preparation: Preparation) -> dict:
    return {"procedure_slug": _slug(preparation), "states": catalogue_rows.states()}


STEPS: tuple[Step, ...] = (
    Step("procedure", _("Procedure"), forms.ProcedureStepForm, always, procedure_needs),
    Step("applicant", _("About you"), forms.ApplicantStepForm, always, applicant_needs),
    Step("passport", _("Passport"), forms.PassportStepForm, always),
    Step("status", _("Your immigration status"), forms.StatusStepForm, always, status_needs),
    Step("address", _("Address in Mexico"), forms.AddressStepForm, always, address_needs),
    Step("office", _("INM office"), forms.OfficeStepForm, always, office_needs),
    Step("guardian", _("Who signs for the minor"), forms.GuardianStepForm, applicant_is_minor),
    Step("family", _("Your family tie"), forms.FamilyStepForm, extra_step("family")),
    Step("employment", _("Your work"), forms.EmploymentStepForm, extra_step("employment"), employment_needs),
    Step("changes", _("The change you report"), forms.ChangesStepForm, extra_step("changes"), changes_needs),
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
