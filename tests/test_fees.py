"""fees.py: every fee link and exemption, estimates, missing years and variants."""

from datetime import date
from decimal import Decimal

import pytest

from procedures.fees import amounts_for_year, fees_owed
from procedures.models import FeeSchedule, Procedure
from procedures.situation import situation_for

pytestmark = pytest.mark.django_db


def owed(slug, year=2026, conditions=("always",), **steps):
    procedure = Procedure.objects.get(slug=slug)
    return fees_owed(
        procedure.fee_links.select_related("schedule"),
        situation=situation_for(steps, procedure_slug=slug, today=date(year, 6, 1)),
        conditions=frozenset(conditions),
        year=year,
        card_schedules=FeeSchedule.objects.filter(key__in=["rt_card", "rp_card"]),
    )


def keys(lines):
    return [line.schedule.key for line in lines]


@pytest.mark.parametrize(
    ("visa", "years", "expected_key", "amount"),
    [
        ("visa_temporary", "1", "rt_card", "11140.74"),
        ("visa_temporary", "4", "rt_card", "25057.82"),
        ("visa_permanent", None, "rp_card", "13578.96"),
    ],
)
def test_canje_charges_the_card_of_the_visa(catalogue, visa, years, expected_key, amount):
    steps = {"status": {"years_requested": years}} if years else {}
    lines = owed("canje", conditions=("always", visa), **steps)
    assert keys(lines) == [expected_key]
    assert lines[0].total == Decimal(amount)
    assert lines[0].when == "at_filing"
    assert not lines[0].year_unconfirmed


def test_temporary_card_without_years_shows_every_variant(catalogue):
    (line,) = owed("canje", conditions=("always", "visa_temporary"))
    assert [amount.variant for amount in line.amounts] == ["1", "2", "3", "4"]
    assert line.total is None


def test_student_canje_is_exempt_from_the_card_fee(catalogue):
    (line,) = owed("canje", conditions=("always", "visa_student"))
    assert line.exempt_reason and "secondary source" in line.exempt_reason
    assert line.total == 0


def test_renewal_by_a_student_is_exempt(catalogue):
    lines = owed(
        "renovacion",
        conditions=("always", "not_minor_permanent"),
        status={"current_document": "student_card", "years_requested": "1"},
    )
    assert keys(lines) == ["rt_card"] and lines[0].exempt_reason and lines[0].total == 0


def test_renewal_of_a_temporary_card_pays_the_years_requested(catalogue):
    lines = owed(
        "renovacion",
        conditions=("always", "not_minor_permanent"),
        status={"current_document": "temporary_card", "years_requested": "2"},
    )
    assert lines[0].total == Decimal("16693.36") and not lines[0].exempt_reason


def test_renewal_of_a_minors_permanent_card_pays_the_permanent_card(catalogue):
    lines = owed("renovacion", conditions=("always", "minor_permanent"), status={"current_document": "permanent_card"})
    assert keys(lines) == ["rp_card"]


def test_change_of_status_pays_at_filing_and_the_card_after_approval(catalogue):
    lines = owed("cambio_rt_a_rp")
    assert [(line.schedule.key, line.when) for line in lines] == [
        ("cambio_condicion", "at_filing"),
        ("rp_card", "after_approval"),
    ]
    study = lines[0]
    assert study.is_estimate and study.year_unconfirmed  # 2026 amount derived by the inflation factor


@pytest.mark.parametrize("slug", ["cambio_vrh_a_rp", "cambio_vrh_a_rt", "regularizacion_razones_humanitarias"])
def test_humanitarian_procedures_are_free(catalogue, slug):
    (line,) = owed(slug)
    assert line.kind == "free" and line.total == 0 and not line.year_unconfirmed


@pytest.mark.parametrize("slug", ["notif_domicilio", "notif_nombre"])
def test_notifications_are_free(catalogue, slug):
    assert [line.kind for line in owed(slug)] == ["free"]


def test_regularisation_fine_has_no_amount_and_the_card_shows_both_options(catalogue):
    lines = owed("regularizacion_documento_vencido")
    assert [line.kind for line in lines] == ["amounts", "set_by_inm", "card_after_approval"]
    fine = lines[1]
    assert fine.total is None and fine.amounts == () and not fine.year_unconfirmed
    card = lines[2]
    assert [schedule.key for schedule, _ in card.card_options] == ["rt_card", "rp_card"]
    assert all(year.year_shown == 2026 for _, year in card.card_options)


def test_a_year_without_amounts_shows_the_last_known_year_flagged(catalogue):
    (line,) = owed("reposicion")
    assert line.year.year_shown == 2026 and not line.year.is_fallback
    lines_2030 = owed("reposicion", year=2030)
    assert lines_2030[0].year.is_fallback and lines_2030[0].year_unconfirmed
    assert lines_2030[0].year.year_shown < 2030


def test_a_link_whose_condition_is_false_is_not_charged(catalogue):
    assert owed("canje") == []  # no visa type answered: neither card link applies


def test_amounts_for_year_ignores_missing_amounts_and_later_years():
    from procedures.models import FeeAmount

    rows = [
        FeeAmount(year=2024, variant="", amount_mxn=Decimal("100")),
        FeeAmount(year=2025, variant="", amount_mxn=None),
        FeeAmount(year=2027, variant="", amount_mxn=Decimal("130")),
    ]
    shown = amounts_for_year(rows, 2026)
    assert shown.year_shown == 2024 and shown.is_fallback
    assert amounts_for_year(rows, 2027).year_shown == 2027
    assert amounts_for_year(rows, 2023).year_shown is None
