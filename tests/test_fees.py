"""fees.py: every fee link and exemption, estimates, missing years and variants."""

from datetime import date
from decimal import Decimal

import pytest

from procedures.fees import amounts_for_year, fee_date, fees_owed, fees_to_pay, half_fee_note
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


@pytest.mark.parametrize(
    ("visa", "years", "basis"),
    [
        # LFD art. 8 fr. VI: a) up to one year ... d) four years (procedures.yaml, fee_schedules.rt_card).
        ("visa_temporary", "1", "LFD art. 8 fr. VI a), hasta un año"),
        ("visa_temporary", "3", "LFD art. 8 fr. VI c), tres años"),
        ("visa_temporary", "4", "LFD art. 8 fr. VI d), cuatro años"),
        ("visa_temporary", None, "LFD art. 8 fr. VI a)–d)"),  # no years given: every variant shown
        ("visa_permanent", None, "LFD art. 8 fr. VII"),
    ],
)
def test_the_legal_basis_names_the_inciso_of_the_years_requested(catalogue, visa, years, basis):
    steps = {"status": {"years_requested": years}} if years else {}
    (line,) = owed("canje", conditions=("always", visa), **steps)
    assert line.legal_basis == basis


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


# ----------------------------------------------------------------------------- the year that counts


@pytest.mark.parametrize(
    ("appointment", "opens", "on", "reason"),
    [
        (date(2027, 1, 12), None, date(2027, 1, 12), "appointment"),  # paid for the filing at the appointment
        (date(2026, 12, 3), date(2026, 12, 20), date(2026, 12, 3), "appointment"),  # the appointment wins
        (None, date(2027, 1, 5), date(2027, 1, 5), "window_opens"),  # cannot file before the window opens
        (None, date(2026, 11, 1), date(2026, 12, 1), "today"),  # the window is open: today
        (None, None, date(2026, 12, 1), "today"),
    ],
)
def test_the_fee_date_is_the_appointment_or_the_first_day_to_file(appointment, opens, on, reason):
    found = fee_date(today=date(2026, 12, 1), appointment_on=appointment, window_opens_on=opens)
    assert (found.on, found.reason, found.year) == (on, reason, on.year)


def test_an_appointment_in_a_year_without_amounts_shows_the_last_known_year(catalogue):
    (line,) = owed("canje", year=2027, conditions=("always", "visa_temporary"), status={"years_requested": "1"})
    assert line.is_fallback and line.year_unconfirmed and not line.is_confirmed
    assert (line.asked_year, line.shown_year) == (2027, 2026)
    assert line.total == Decimal("11140.74")  # the full 2026 amount, flagged


def test_a_card_after_approval_in_a_year_without_amounts_is_flagged(catalogue):
    card = owed("regularizacion_documento_vencido", year=2027)[2]
    assert card.is_fallback and card.year_unconfirmed and not card.is_confirmed
    assert (card.asked_year, card.shown_year) == (2027, 2026)


@pytest.mark.parametrize(
    ("slug", "conditions", "confirmed"),
    [
        ("canje", ("always", "visa_temporary"), True),  # 2026 card amounts: verified
        ("permiso_trabajo_empleador", ("always",), False),  # 4,341: one outlet (secondary)
        ("reposicion", ("always",), False),  # 1,780: one outlet (secondary)
    ],
)
def test_a_fee_is_confirmed_only_when_every_amount_shown_is_verified(catalogue, slug, conditions, confirmed):
    assert owed(slug, conditions=conditions)[0].is_confirmed is confirmed


def test_an_estimate_is_not_confirmed(catalogue):
    study, card = owed("cambio_rt_a_rp")
    assert study.is_estimate and not study.is_confirmed
    assert card.is_confirmed


@pytest.mark.parametrize(
    ("slug", "schedule", "year", "expected"),
    [
        ("cambio_rt_unidad_familiar", "rt_card", 2026, "family unity"),
        ("cambio_rp_unidad_familiar", "rp_card", 2026, "family unity"),
        ("regularizacion_vinculo_familiar", "card_after_approval", 2026, "family unity"),
        ("cambio_rte_a_rt", "rt_card", 2026, "job offer in Mexico"),
        ("canje", "rt_card", 2026, "If your residence rests on family unity or on a job offer"),
        ("renovacion", "rp_card", 2027, "If your residence rests on family unity or on a job offer"),
        ("cambio_rt_unidad_familiar", "cambio_condicion", 2026, None),  # the study fee: not in the decree
        ("cambio_rt_unidad_familiar", "rt_card", 2025, None),  # before the decree
        ("cambio_rt_a_rp", "rp_card", 2026, None),  # four years, pensioner or points: not in the decree
        ("reposicion", "reposicion", 2026, None),
    ],
)
def test_the_2026_decree_is_a_note_beside_the_card_fee(slug, schedule, year, expected):
    note = half_fee_note(slug, schedule, year)
    if expected is None:
        assert note is None
    else:
        assert expected in note.text and "confirm at the office before paying" in note.text
        assert note.confidence == "secondary" and note.sources


def test_the_decree_never_changes_the_amount_to_pay(catalogue):
    study, card = owed("cambio_rt_unidad_familiar", status={"years_requested": "1"})
    assert card.half_fee is not None and study.half_fee is None
    assert [amount.amount_mxn for amount in card.amounts][0] == Decimal("11140.74")


@pytest.mark.parametrize(
    ("slug", "conditions", "to_pay"),
    [
        ("notif_domicilio", ("always",), False),
        ("cambio_vrh_a_rp", ("always",), False),
        ("canje", ("always", "visa_student"), False),  # exempt
        ("canje", ("always", "visa_temporary"), True),
        ("regularizacion_documento_vencido", ("always",), True),
    ],
)
def test_how_to_pay_only_where_something_is_owed(catalogue, slug, conditions, to_pay):
    assert fees_to_pay(owed(slug, conditions=conditions)) is to_pay
