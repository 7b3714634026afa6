"""flags.py: every red flag raised when it should be, and not otherwise."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from procedures.conditions import Checklist
from procedures.deadlines import deadline_for
from procedures.fees import FeeDate, FeeDateReason, FeeLine, YearAmounts
from procedures.flags import red_flags
from procedures.models import ChecklistItem, FeeAmount, FeeSchedule, Office, Procedure, State
from procedures.situation import situation_for

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


def situation(procedure, today=TODAY, **steps):
    return situation_for(steps, procedure_slug=procedure.slug, today=today)


def flags_for(
    procedure,
    today=TODAY,
    conditions=frozenset({"always"}),
    office=None,
    fees=(),
    checklist=None,
    fee_date=None,
    **steps,
):
    current = situation(procedure, today, **steps)
    deadline = deadline_for(procedure, current, conditions=conditions)
    return red_flags(
        procedure=procedure,
        situation=current,
        deadline=deadline,
        fees=fees,
        checklist=checklist,
        office=office,
        fee_date=fee_date,
    )


def codes(procedure, **kwargs):
    return [flag.code for flag in flags_for(procedure, **kwargs)]


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
    flags = flags_for(RENOVACION, status={"card_expires": "2026-11-01"})
    assert flags[0].code == "deadline_missed" and flags[0].severity == "danger"
    assert "Regularización" in flags[0].suggestion


def test_window_not_open_yet():
    assert "window_not_open" in codes(RENOVACION, status={"card_expires": "2027-06-01"})
    assert "window_not_open" not in codes(RENOVACION, status={"card_expires": "2026-12-20"})
    assert "deadline_missed" not in codes(RENOVACION, status={"card_expires": "2026-12-20"})


# ----------------------------------------------------------------------------- offices


def test_office_not_bookable_names_the_bookable_one():
    with translation.override("en"):
        (flag,) = [f for f in flags_for(CANJE, office=CHAPALA) if f.code == "office_not_bookable"]
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


@pytest.mark.parametrize(
    ("procedure", "visa_type", "years", "raised"),
    [
        (CANJE, "temporary", "2", True),  # a first card is usually for one year (FACTS.md §2.4)
        (CANJE, "temporary", "4", True),
        (CANJE, "temporary", "1", False),
        (CANJE, "permanent", "", False),  # a permanent card has no term to pay for
        (RENOVACION, "", "3", False),  # a renewal is not the first card
    ],
)
def test_more_than_a_year_for_a_first_temporary_card(procedure, visa_type, years, raised):
    status = {"current_document": "resident_visa", "visa_type": visa_type, "admission": "canje", "entry_record": "fmm"}
    if procedure is RENOVACION:
        status = {"current_document": "temporary_card", "card_expires": "2026-12-20"}
    status["entry_date"] = "2026-11-20"
    status["years_requested"] = years
    found = [flag for flag in flags_for(procedure, status=status) if flag.code == "first_card_term"]
    assert bool(found) == raised
    if raised:
        (flag,) = found
        assert flag.severity == "warning"
        assert (
            f"You ask for {years} years. A first temporary resident card is usually issued for 1 year" in flag.message
        )
        assert "not confirmed by an official source" in flag.message
        assert f"Before you pay the fee for {years} years, ask the office" in flag.suggestion


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


def fee_line(is_estimate=False, year_shown=2026, amount="100", year_asked=2026):
    schedule = FeeSchedule(key="x", kind="amounts")
    amounts = (FeeAmount(year=year_shown, variant="", amount_mxn=Decimal(amount), is_estimate=is_estimate),)
    return FeeLine(
        schedule=schedule,
        when="at_filing",
        kind="amounts",
        year=YearAmounts(year_asked=year_asked, year_shown=year_shown, amounts=amounts),
    )


@pytest.mark.parametrize(
    ("line", "raised"),
    [(fee_line(), False), (fee_line(is_estimate=True), True), (fee_line(year_shown=2025), True)],
)
def test_fee_year_unconfirmed(line, raised):
    assert ("fee_year_unconfirmed" in codes(CANJE, fees=[line])) is raised


@pytest.mark.parametrize(
    ("fee_date", "expected"),
    [
        (
            FeeDate(date(2027, 1, 12), FeeDateReason.APPOINTMENT),
            "No fee amounts are published yet for 2027, the year of your appointment: the packet shows the 2026 "
            "amounts.",
        ),
        (
            FeeDate(date(2027, 1, 5), FeeDateReason.WINDOW_OPENS),
            "No fee amounts are published yet for 2027, the year you can first file: the packet shows the 2026 "
            "amounts.",
        ),
        (None, "No fee amounts are published yet for 2027: the packet shows the 2026 amounts."),
    ],
)
def test_a_year_without_amounts_is_said_with_the_day_it_comes_from(fee_date, expected):
    with translation.override("en"):
        (flag,) = flags_for(CANJE, fees=[fee_line(year_shown=2026, year_asked=2027)], fee_date=fee_date)
    assert flag.code == "fee_year_unconfirmed"
    assert flag.message == expected
    assert "updated every January" in flag.suggestion


def test_an_estimate_is_said_to_be_one():
    (flag,) = flags_for(CANJE, fees=[fee_line(is_estimate=True)])
    assert flag.message == "At least one fee amount is not confirmed for this year: it is an estimate."


def test_a_window_not_open_says_its_date_once():
    (flag,) = flags_for(RENOVACION, status={"card_expires": "2027-02-01"})
    assert flag.code == "window_not_open"
    assert (flag.message + flag.suggestion).count("Jan. 2, 2027") == 1


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
        (flag,) = flags_for(CANJE, office=CHAPALA)
    assert "Según reportes, la Oficina del INM en Chapala" in flag.message
    assert "no aparece en el sistema de citas en línea del INM (sin confirmar)" in flag.message


# ----------------------------------------------------------------------------- time as a temporary resident

RT_A_RP = Procedure(
    slug="cambio_rt_a_rp",
    deadline_rule="window_before_expiry",
    deadline_days=30,
    deadline_basis="practice",
    online_status="confirmed",
    needs_appointment=True,
)


def four_years(today, card="2027-06-01", since="2023-06-01", route="four_years"):
    status = {"current_document": "temporary_card", "card_expires": card, "resident_since": since}
    status["rt_to_rp_route"] = route
    return flags_for(RT_A_RP, today=today, status=status)


@pytest.mark.parametrize(
    ("today", "card", "expected"),
    [
        # Four years from 1 June 2023 end on 1 June 2027; the card expires that day; offices take the
        # filing in its last 30 days, from 2 May 2027.
        (date(2026, 12, 1), "2027-06-01", ["not_yet_eligible"]),  # 3 years 6 months
        (date(2027, 1, 1), "2027-06-01", ["not_yet_eligible"]),  # the 3 years 7 months
        (date(2027, 5, 1), "2027-06-01", ["not_yet_eligible"]),  # the day before the window opens
        (date(2027, 5, 2), "2027-06-01", []),  # the window opens
        (date(2027, 6, 1), "2027-06-01", []),  # the four years end: the last day
        (date(2027, 6, 2), "2027-06-01", ["deadline_missed"]),
        # A card that outlasts the four years: its own last 30 days.
        (date(2027, 5, 10), "2027-06-10", ["not_yet_eligible"]),
        (date(2027, 5, 11), "2027-06-10", []),
        # A card that ends a little before the four years: 30 days before the four years end.
        (date(2027, 4, 25), "2027-05-20", ["not_yet_eligible"]),
        (date(2027, 5, 2), "2027-05-20", []),
        # A card that does not reach the four years: renew first, whatever the day.
        (date(2026, 12, 20), "2027-01-15", ["not_yet_eligible"]),
    ],
)
def test_four_year_route_before_its_filing_opens(today, card, expected):
    found = [flag.code for flag in four_years(today, card) if flag.code in ("not_yet_eligible", "deadline_missed")]
    assert found == expected
    # Never both the eligibility flag and the window's own flag: one says both dates.
    assert not {"not_yet_eligible", "window_not_open"} <= {flag.code for flag in four_years(today, card)}


def test_not_yet_eligible_gives_both_dates_and_never_blocks():
    with translation.override("en"):
        (flag,) = [f for f in four_years(date(2026, 12, 1)) if f.code == "not_yet_eligible"]
    assert flag.severity == "danger"
    assert "June 1, 2023" in flag.message and "3 years and 6 months" in flag.message
    assert "June 1, 2027" in flag.message  # the four years are complete
    assert "May 2, 2027" in flag.suggestion  # filing opens
    assert "office practice" in flag.suggestion and "true only from June 1, 2027" in flag.suggestion


def test_a_card_that_does_not_reach_the_four_years_points_to_the_renewal():
    (flag,) = [f for f in four_years(date(2026, 12, 20), card="2027-01-15") if f.code == "not_yet_eligible"]
    assert flag.points_to == "renovacion"
    assert "Renew your card first" in flag.suggestion


def test_other_routes_are_not_counted_in_years():
    codes_found = {flag.code for flag in four_years(date(2026, 12, 1), route="pensioner")}
    assert "not_yet_eligible" not in codes_found and "window_not_open" in codes_found


@pytest.mark.parametrize(
    ("since", "card", "document", "expected"),
    [
        ("2023-06-01", "2027-06-01", "temporary_card", "renewal_cap"),  # four years end on the expiry day
        ("2023-06-01", "2027-09-01", "temporary_card", "renewal_cap"),
        ("2023-06-01", "2027-05-31", "temporary_card", "renewal_under_a_year"),  # one day left
        ("2023-06-02", "2027-06-01", "temporary_card", "renewal_under_a_year"),
        ("2023-06-01", "2026-06-01", "temporary_card", None),  # one whole year left
        ("2023-06-01", "2027-06-01", "student_card", None),  # a student's years are not counted
    ],
)
def test_renewal_cap(since, card, document, expected):
    found = codes(
        RENOVACION,
        today=date(2026, 5, 15),
        status={"current_document": document, "card_expires": card, "resident_since": since},
    )
    renewal = [code for code in found if code.startswith("renewal")]
    assert renewal == ([expected] if expected else [])


def test_renewal_cap_points_to_permanent_residence():
    (flag,) = [
        f
        for f in flags_for(
            RENOVACION,
            today=date(2027, 5, 15),
            status={"current_document": "temporary_card", "card_expires": "2027-06-01", "resident_since": "2023-06-01"},
        )
        if f.code == "renewal_cap"
    ]
    assert flag.severity == "danger" and flag.points_to == "cambio_rt_a_rp"


# ----------------------------------------------------------------------------- a visitor's stay

RT_FAMILY_STAY = Procedure(
    slug="cambio_rt_unidad_familiar",
    deadline_rule="before_stay_ends",
    deadline_basis="unverified",
    online_status="confirmed",
    needs_appointment=True,
)
HUMANITARIAN_STAY = Procedure(
    slug="cambio_a_visitante_razones_humanitarias",
    deadline_rule="before_stay_ends",
    deadline_basis="unverified",
    online_status="candidate",
    needs_appointment=True,
)
STAY = {"current_document": "visitor_fmm", "entry_date": "2026-06-03", "stay_until": "2026-11-29"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 28), []),
        (date(2026, 11, 29), []),  # the last day of the stay: still on time
        (date(2026, 11, 30), ["stay_expired"]),
    ],
)
def test_stay_expired_the_day_after_the_stay_ends(today, expected):
    found = codes(RT_FAMILY_STAY, today=today, status=STAY, family={"relationship": "spouse"})
    assert [code for code in found if code in ("stay_expired", "deadline_missed")] == expected


@pytest.mark.parametrize(
    ("procedure", "family", "regularisation"),
    [
        (RT_FAMILY_STAY, {"relationship": "spouse", "sponsor_status": "mexican"}, "regularizacion_vinculo_familiar"),
        # Not answered yet (the status step comes first): a family-unity change is through a tie.
        (RT_FAMILY_STAY, None, "regularizacion_vinculo_familiar"),
        (RT_FAMILY_STAY, {"sponsor_name": "Jorge Ramírez Soto"}, "regularizacion_documento_vencido"),  # no tie
        (HUMANITARIAN_STAY, None, "regularizacion_razones_humanitarias"),
    ],
)
def test_stay_expired_points_to_the_regularisation_that_fits(procedure, family, regularisation):
    steps = {"status": STAY, **({"family": family} if family else {})}
    with translation.override("en"):
        (flag,) = [f for f in flags_for(procedure, today=date(2026, 12, 1), **steps) if f.code == "stay_expired"]
    assert flag.severity == "danger"
    assert flag.points_to == regularisation
    assert "Nov. 29, 2026" in flag.message
    assert "regularisation" in flag.suggestion and "fine" in flag.suggestion


def test_a_card_holders_change_has_no_stay_to_expire():
    student = {"current_document": "student_card", "card_expires": "2027-08-01"}
    assert "stay_expired" not in codes(RT_FAMILY_STAY, today=date(2026, 12, 1), status=student)


# ----------------------------------------------------------------------------- family routes


def rp_family(today=date(2026, 12, 1), **steps):
    return codes(RP_FAMILY, today=today, **steps)


SPOUSE_OF_A_MEXICAN = {"relationship": "spouse", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "yes"}


@pytest.mark.parametrize(
    ("status", "union", "expected"),
    [
        # A visitor spouse starts as a temporary resident.
        ({"current_document": "visitor_fmm", "stay_until": "2027-01-01"}, "2015-01-01", {"spouse_starts_temporary"}),
        # Two years as a temporary resident and a tie of two years: nothing to flag.
        ({"current_document": "temporary_card", "resident_since": "2024-12-01"}, "2015-01-01", set()),
        # One year short of either, or of both: each one missing is flagged.
        (
            {"current_document": "temporary_card", "resident_since": "2024-12-02"},
            "2015-01-01",
            {"temporary_residence_under_two_years"},
        ),
        (
            {"current_document": "temporary_card", "resident_since": "2022-01-01"},
            "2024-12-02",
            {"family_tie_too_recent"},
        ),
        (
            {"current_document": "temporary_card", "resident_since": "2025-06-01"},
            "2025-06-01",
            {"temporary_residence_under_two_years", "family_tie_too_recent"},
        ),
    ],
)
def test_spouse_route_to_permanent_residence(status, union, expected):
    family = {**SPOUSE_OF_A_MEXICAN, "union_date": union}
    spouse_codes = {"spouse_starts_temporary", "temporary_residence_under_two_years", "family_tie_too_recent"}
    assert set(rp_family(status=status, family=family)) & spouse_codes == expected


def spouse_flags_on_4_december(status):
    """The flags of a spouse of a Mexican (married since 2015) asking for permanent residence."""
    with translation.override("en"):
        return flags_for(
            RP_FAMILY,
            today=date(2026, 12, 4),
            status=status,
            family={**SPOUSE_OF_A_MEXICAN, "union_date": "2015-01-01"},
        )


@pytest.mark.parametrize(
    ("card_expires", "raised", "says"),
    [
        # Sunday 20 December: the last working day is Friday 18, at the year end.
        ("2026-12-20", True, ("by Dec. 18, 2026", "It falls at the year end", "not confirmed")),
        ("2027-01-12", True, ("by Jan. 12, 2027", "not confirmed")),  # a Tuesday, 42 days ahead: no year-end note
        ("2027-01-20", False, ()),  # more than 45 days ahead
        ("2026-11-30", False, ()),  # already expired: the expired-card rules say what remains
    ],
)
def test_a_card_that_expires_soon_is_said_for_a_procedure_without_a_deadline(card_expires, raised, says):
    status = {"current_document": "temporary_card", "resident_since": "2024-06-01", "card_expires": card_expires}
    flags = spouse_flags_on_4_december(status)
    found = [flag for flag in flags if flag.code == "file_while_card_valid"]
    assert bool(found) is raised
    for text in says:
        assert text in found[0].message + " " + found[0].suggestion
    if raised:
        assert ("It falls at the year end" in found[0].suggestion) is ("It falls at the year end" in says)


def test_a_card_expiring_before_the_two_years_says_renew_first_not_file():
    status = {"current_document": "temporary_card", "resident_since": "2025-12-20", "card_expires": "2026-12-20"}
    flags = spouse_flags_on_4_december(status)
    by_code = {flag.code: flag for flag in flags}
    under = by_code["temporary_residence_under_two_years"]
    assert "do not file this change now, renew your card first" in under.suggestion
    assert under.points_to == "renovacion"
    assert "file_while_card_valid" not in by_code  # "file before it expires" would contradict it


def test_spouse_flags_give_the_days_the_two_years_end():
    with translation.override("en"):
        flags = flags_for(
            RP_FAMILY,
            today=date(2026, 12, 1),
            status={"current_document": "temporary_card", "resident_since": "2025-06-01"},
            family={**SPOUSE_OF_A_MEXICAN, "union_date": "2025-03-10"},
        )
    by_code = {flag.code: flag for flag in flags}
    assert "June 1, 2027" in by_code["temporary_residence_under_two_years"].message
    assert "March 10, 2027" in by_code["family_tie_too_recent"].message
    visitor = flags_for(
        RP_FAMILY,
        status={"current_document": "visitor_fmm"},
        family={**SPOUSE_OF_A_MEXICAN, "union_date": "2015-01-01"},
    )
    (starts,) = [flag for flag in visitor if flag.code == "spouse_starts_temporary"]
    assert starts.points_to == "cambio_rt_unidad_familiar" and starts.severity == "danger"


@pytest.mark.parametrize(
    ("family", "raised"),
    [
        ({"relationship": "child", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "yes"}, False),
        ({"relationship": "parent", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "yes"}, False),
        ({"relationship": "child", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "no"}, True),
        ({"relationship": "child", "sponsor_status": "mexican"}, True),  # not known
        ({"relationship": "parent", "sponsor_status": "permanent"}, True),
    ],
)
def test_direct_line_of_a_mexican_by_birth_or_sources_differ(family, raised):
    found = rp_family(status={"current_document": "visitor_fmm"}, family=family)
    assert ("family_route_sources_differ" in found) is raised
    # The change to temporary residence is the safer path itself: nothing to say there.
    assert "family_route_sources_differ" not in codes(RT_FAMILY, family=family)


def test_sources_differ_says_so_and_shows_the_safer_path():
    with translation.override("en"):
        (flag,) = [
            f
            for f in flags_for(
                RP_FAMILY,
                family={"relationship": "child", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "no"},
            )
            if f.code == "family_route_sources_differ"
        ]
    assert flag.severity == "warning"
    assert "not by birth" in flag.message and "differ" in flag.message
    assert "safer path" in flag.suggestion and flag.points_to == "cambio_rt_unidad_familiar"


def test_flags_never_block_the_packet():
    # Every flag is advice: the function returns them, it raises nothing, whatever the answers.
    flags = flags_for(
        RP_FAMILY,
        status={"current_document": "visitor_fmm", "stay_until": "2020-01-01"},
        family={"relationship": "sibling", "sponsor_status": "temporary", "union_date": "2026-11-01"},
    )
    assert {"sponsor_is_temporary_resident", "sibling_tie"} <= {flag.code for flag in flags}
