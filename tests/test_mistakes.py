"""mistakes.py: which common mistakes show for which procedure and answers."""

from datetime import date

import pytest

from procedures.conditions import personalised_checklist, true_conditions
from procedures.fees import fees_owed
from procedures.mistakes import When, mistakes_for
from procedures.models import FeeSchedule, Mistake, Procedure
from procedures.situation import situation_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

TODAY = date(2026, 11, 27)
ADULT = {"given_names": "Ana", "surnames": "Ruiz", "birth_date": "1985-03-14"}
MINOR = {"given_names": "Lucía", "surnames": "Ruiz", "birth_date": "2012-05-05"}
TEMPORARY_CARD = {"current_document": "temporary_card", "card_expires": "2026-12-15", "years_requested": "1"}
VISA = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_record": "fmm",
    "entry_date": "2026-11-17",
}
STUDENT_VISA = {**VISA, "visa_type": "student"}
VISITOR = {"current_document": "visitor_fmm", "entry_date": "2026-10-01", "stay_until": "2027-03-29"}
SPOUSE = {"relationship": "spouse", "sponsor_status": "mexican", "foreign_certificates": "yes"}

# Shown everywhere: the form, the copies, the Comentarios box, the menus, the prevención.
EVERYWHERE = {
    "name_as_passport",
    "missing_copies",
    "not_signed_by_hand",
    "attachments_not_listed",
    "wrong_procedure",
    "prevencion_unanswered",
}


def shown(slug, **steps):
    procedure = Procedure.objects.get(slug=slug)
    steps.setdefault("applicant", ADULT)
    situation = situation_for(steps, procedure_slug=slug, today=TODAY)
    conditions = true_conditions(situation)
    fees = fees_owed(
        procedure.fee_links.select_related("schedule"),
        situation=situation,
        conditions=conditions,
        year=2026,
        card_schedules=FeeSchedule.objects.filter(key__in=["rt_card", "rp_card"]),
    )
    checklist = personalised_checklist(procedure.checklist_items.all(), [], conditions)
    mistakes = mistakes_for(
        procedure=procedure, situation=situation, conditions=conditions, fees=fees, checklist=checklist
    )
    return {mistake.key for mistake in mistakes}


CASES = [
    # slug, steps, shown beside EVERYWHERE
    (
        "notif_domicilio",
        {"status": TEMPORARY_CARD, "changes": {"change_date": "2026-11-01"}},
        {"late_or_combined_notice"},
    ),
    (
        "canje",
        {"status": VISA},
        {
            "entered_as_tourist",
            "wrong_payment_years",
            "travel_while_in_process",
            "canje_after_30_days",
            "photos_off_spec",
        },
    ),
    # A student pays no card fee: no payment mistake to make.
    (
        "canje",
        {"status": STUDENT_VISA},
        {"entered_as_tourist", "travel_while_in_process", "canje_after_30_days", "photos_off_spec"},
    ),
    (
        "renovacion",
        {"status": TEMPORARY_CARD},
        {
            "entered_as_tourist",
            "wrong_payment_years",
            "travel_while_in_process",
            "card_expired_or_too_early",
            "photos_off_spec",
        },
    ),
    # A visitor holds no residency to lose at the border; the card of the status granted is paid by years.
    (
        "cambio_rt_unidad_familiar",
        {"status": VISITOR, "family": SPOUSE},
        {"wrong_payment_years", "travel_while_in_process", "foreign_certificates"},
    ),
    # A work permit issues no card and charges no years.
    ("permiso_trabajo_empleador", {"status": TEMPORARY_CARD}, {"wrong_payment"}),
    # Free, and a card at the end.
    (
        "cambio_vrh_a_rp",
        {"status": {"current_document": "humanitarian_card", "card_expires": "2027-05-01"}},
        {"travel_while_in_process"},
    ),
    ("permiso_salida_regreso", {"status": TEMPORARY_CARD}, {"wrong_payment", "photos_off_spec"}),
]


@pytest.mark.parametrize(("slug", "steps", "extra"), CASES, ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)])
def test_the_mistakes_that_apply(slug, steps, extra):
    assert shown(slug, **steps) == EVERYWHERE | extra


def test_a_change_of_address_says_nothing_of_card_years_or_travelling_with_a_card_in_process():
    keys = shown("notif_domicilio", status=TEMPORARY_CARD, changes={"change_date": "2026-11-01"})
    assert "wrong_payment_years" not in keys
    assert "travel_while_in_process" not in keys


def test_a_minor_is_warned_about_who_signs():
    keys = shown("canje", applicant=MINOR, status=VISA)
    assert "signed_by_the_minor" in keys
    assert "signed_by_the_minor" not in shown("canje", status=VISA)


def test_every_mistake_names_a_condition_of_the_vocabulary_once():
    vocabulary = set(When.values)
    MISTAKES = list(Mistake.objects.all())
    assert all(mistake.when in vocabulary for mistake in MISTAKES)
    assert len({mistake.key for mistake in MISTAKES}) == len(MISTAKES)
    # Each condition of the vocabulary is used by some mistake.
    assert {mistake.when for mistake in MISTAKES} == vocabulary
