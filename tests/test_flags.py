"""flags.py: every red flag raised when it should be, and not otherwise."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from procedures.conditions import Checklist
from procedures.deadlines import deadline_for
from procedures.fees import FeeLine, YearAmounts
from procedures.flags import red_flags
from procedures.models import ChecklistItem, FeeAmount, FeeSchedule, Office, Procedure, State

TODAY = date(2026, 11, 27)

CANJE = Procedure(
    slug="canje",
    deadline_rule="days_after_entry",
    deadline_days=30,
    deadline_basis="legal",
    online_status="confirmed",
    needs_appointment=True,
)
RENOVACION = Procedure(
    slug="renovacion",
    deadline_rule="window_before_expiry",
    deadline_days=30,
    deadline_basis="legal",
    online_status="confirmed",
    needs_appointment=True,
)
REPOSICION = Procedure(slug="reposicion", deadline_rule="none", online_status="confirmed", needs_appointment=True)
RP_FAMILY = Procedure(
    slug="cambio_rp_unidad_familiar", deadline_rule="none", online_status="confirmed", needs_appointment=True
)
RT_FAMILY = Procedure(
    slug="cambio_rt_unidad_familiar", deadline_rule="none", online_status="confirmed", needs_appointment=True
)
REGULARISATION = Procedure(
    slug="regularizacion_documento_vencido", deadline_rule="none", online_status="no", needs_appointment=False
)
CANDIDATE = Procedure(
    slug="expedicion_por_acuerdo", deadline_rule="none", online_status="candidate", needs_appointment=True
)

JALISCO = State(code="14", name="Jalisco")
GUADALAJARA = Office(
    code="jal-guadalajara",
    name="Oficina de Representación del INM en Jalisco",
    city="Guadalajara",
    state=JALISCO,
    online_booking="yes",
)
CHAPALA = Office(
    code="jal-chapala",
    name="Oficina del INM en Chapala",
    city="Chapala",
    state=JALISCO,
    online_booking="no",
    nearest_online_office=GUADALAJARA,
)
VALLARTA = Office(
    code="jal-puerto-vallarta",
    name="Oficina del INM en Puerto Vallarta",
    city="Puerto Vallarta",
    state=JALISCO,
    online_booking="unknown",
)


def codes(procedure, today=TODAY, conditions=frozenset({"always"}), office=None, fees=(), checklist=None, **steps):
    deadline = deadline_for(procedure, steps, today=today, conditions=conditions)
    flags = red_flags(
        procedure=procedure,
        answers=steps,
        today=today,
        deadline=deadline,
        fees=fees,
        checklist=checklist,
        office=office,
    )
    return [flag.code for flag in flags]


# ----------------------------------------------------------------------------- passport


@pytest.mark.parametrize(
    ("expires", "expected"),
    [
        ("2026-11-26", "passport_expired"),
        ("2026-12-10", "passport_expires_before_deadline"),  # the canje closes on Dec 20
        ("2027-03-01", "passport_expires_soon"),
        ("2027-06-01", None),  # more than six months away
    ],
)
def test_passport_flags(expires, expected):
    found = codes(CANJE, status={"entry_date": "2026-11-20"}, passport={"passport_expires": expires})
    passport = [code for code in found if code.startswith("passport")]
    assert passport == ([expected] if expected else [])


# ----------------------------------------------------------------------------- deadline


def test_missed_window_is_a_danger_flag_with_advice():
    deadline = deadline_for(
        RENOVACION, {"status": {"card_expires": "2026-11-01"}}, today=TODAY, conditions=frozenset({"always"})
    )
    flags = red_flags(
        procedure=RENOVACION, answers={"status": {"card_expires": "2026-11-01"}}, today=TODAY, deadline=deadline
    )
    assert flags[0].code == "deadline_missed" and flags[0].severity == "danger"
    assert "Regularización" in flags[0].suggestion


def test_window_not_open_yet():
    assert "window_not_open" in codes(RENOVACION, status={"card_expires": "2027-06-01"})
    assert "window_not_open" not in codes(RENOVACION, status={"card_expires": "2026-12-20"})
    assert "deadline_missed" not in codes(RENOVACION, status={"card_expires": "2026-12-20"})


# ----------------------------------------------------------------------------- offices


def test_office_not_bookable_names_the_bookable_one():
    with translation.override("en"):
        deadline = deadline_for(CANJE, {}, today=TODAY, conditions=frozenset({"always"}))
        (flag,) = [
            f
            for f in red_flags(procedure=CANJE, answers={}, today=TODAY, deadline=deadline, office=CHAPALA)
            if f.code == "office_not_bookable"
        ]
    assert "Chapala" in flag.message and "Guadalajara" in flag.suggestion


def test_bookable_office_raises_nothing_and_unknown_booking_is_info():
    assert "office_not_bookable" not in codes(CANJE, office=GUADALAJARA)
    assert "office_booking_unknown" in codes(CANJE, office=VALLARTA)
    assert "office_booking_unknown" not in codes(CANJE, office=GUADALAJARA)


def test_in_person_procedures_ignore_online_booking():
    assert "office_not_bookable" not in codes(REGULARISATION, office=CHAPALA)


def test_office_in_another_state_than_the_address():
    assert "office_in_another_state" in codes(CANJE, office=GUADALAJARA, address={"state": "09"})
    assert "office_in_another_state" not in codes(CANJE, office=GUADALAJARA, address={"state": "14"})


# ----------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("document", "admission", "expected"),
    [
        ("resident_visa", "visitor", "admitted_as_visitor"),
        ("resident_visa", "unknown", "admission_unknown"),
        ("resident_visa", "canje", None),
        ("visitor_fmm", "visitor", None),
    ],
)
def test_admission_flags(document, admission, expected):
    found = codes(CANJE, status={"current_document": document, "admission": admission, "entry_date": "2026-11-20"})
    admissions = [code for code in found if code.startswith("admi")]
    assert admissions == ([expected] if expected else [])


def test_replacing_an_expired_card():
    assert "replaced_card_expired" in codes(REPOSICION, status={"card_expires": "2026-11-26"})
    assert "replaced_card_expired" not in codes(REPOSICION, status={"card_expires": "2026-11-27"})
    assert "replaced_card_expired" not in codes(RENOVACION, status={"card_expires": "2026-11-26"})


# ----------------------------------------------------------------------------- eligibility


@pytest.mark.parametrize(
    ("procedure", "sponsor", "raised"),
    [
        (RP_FAMILY, "temporary", True),
        (RP_FAMILY, "permanent", False),
        (RP_FAMILY, "mexican", False),
        (RT_FAMILY, "temporary", False),
    ],
)
def test_family_unity_through_a_temporary_resident(procedure, sponsor, raised):
    assert ("sponsor_is_temporary_resident" in codes(procedure, family={"sponsor_status": sponsor})) is raised


@pytest.mark.parametrize(
    ("relationship", "union", "raised"),
    [
        ("spouse", "2025-01-01", True),
        ("spouse", "2024-11-28", True),  # two years tomorrow
        ("spouse", "2024-11-27", False),  # two years today
        ("concubine", "2025-06-01", True),
        ("child", "2025-06-01", False),
    ],
)
def test_spouse_tie_shorter_than_two_years(relationship, union, raised):
    found = codes(RP_FAMILY, family={"relationship": relationship, "union_date": union})
    assert ("family_tie_too_recent" in found) is raised
    assert "family_tie_too_recent" not in codes(RT_FAMILY, family={"relationship": relationship, "union_date": union})


def test_sibling_is_flagged_for_family_unity():
    assert "sibling_tie" in codes(RT_FAMILY, family={"relationship": "sibling"})
    assert "sibling_tie" not in codes(RT_FAMILY, family={"relationship": "parent"})


# ----------------------------------------------------------------------------- catalogue facts


def fee_line(is_estimate=False, year_shown=2026, amount="100"):
    schedule = FeeSchedule(key="x", kind="amounts")
    amounts = (FeeAmount(year=year_shown, variant="", amount_mxn=Decimal(amount), is_estimate=is_estimate),)
    return FeeLine(
        schedule=schedule,
        when="at_filing",
        kind="amounts",
        year=YearAmounts(year_asked=2026, year_shown=year_shown, amounts=amounts),
    )


@pytest.mark.parametrize(
    ("line", "raised"),
    [(fee_line(), False), (fee_line(is_estimate=True), True), (fee_line(year_shown=2025), True)],
)
def test_fee_year_unconfirmed(line, raised):
    assert ("fee_year_unconfirmed" in codes(CANJE, fees=[line])) is raised


@pytest.mark.parametrize(
    ("confidences", "raised"),
    [(("verified",), False), (("verified", "secondary"), True), ((), True)],
)
def test_requirement_not_confirmed(confidences, raised):
    items = tuple(ChecklistItem(key=f"k{n}", confidence=c) for n, c in enumerate(confidences))
    assert ("requirement_not_confirmed" in codes(CANJE, checklist=Checklist(items=items, rules=()))) is raised


def test_candidate_procedure_is_flagged():
    assert "online_booking_not_confirmed" in codes(CANDIDATE)
    assert "online_booking_not_confirmed" not in codes(CANJE)


def test_no_answers_raise_no_flags():
    assert codes(CANJE) == []


def test_danger_flags_come_first():
    found = codes(
        CANJE,
        office=VALLARTA,
        status={"current_document": "resident_visa", "admission": "visitor", "entry_date": "2026-11-20"},
    )
    assert found[0] == "admitted_as_visitor" and found[-1] == "office_booking_unknown"


def test_flags_are_translated():
    with translation.override("es"):
        deadline = deadline_for(CANJE, {}, today=TODAY, conditions=frozenset({"always"}))
        (flag,) = red_flags(procedure=CANJE, answers={}, today=TODAY, deadline=deadline, office=CHAPALA)
    assert "no está en el sistema de citas en línea" in flag.message
