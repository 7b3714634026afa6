"""situation.py: the typed view of the answers, derived once, for every part the rules read."""

from datetime import date

import pytest

from procedures.situation import (
    add_years,
    four_years_end,
    situation_for,
    temporary_residence_on,
    whole_years,
    years_and_months,
)

TODAY = date(2026, 12, 1)


def situation(slug="canje", today=TODAY, **steps):
    return situation_for(steps, procedure_slug=slug, today=today)


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2023, 6, 1), 4, date(2027, 6, 1)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),  # leap year to leap year
        (date(2024, 2, 29), 2, date(2026, 3, 1)),  # no 29 February: complete on 1 March
        (date(2096, 2, 29), 4, date(2100, 3, 1)),  # 2100 is not a leap year
        (date(2024, 2, 29), -1, date(2023, 3, 1)),
        (date(2026, 12, 31), 1, date(2027, 12, 31)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (date(2023, 6, 1), date(2027, 6, 1), 4),
        (date(2023, 6, 1), date(2027, 5, 31), 3),
        (date(2026, 12, 20), date(2027, 6, 1), 0),
        (date(2024, 6, 1), date(2027, 6, 1), 3),
        (date(2024, 6, 5), date(2027, 6, 1), 2),  # a few days short of three years
        (date(2027, 6, 10), date(2027, 6, 1), 0),
        (date(2028, 7, 1), date(2027, 6, 1), -1),
        (date(2024, 2, 29), date(2026, 2, 28), 1),
        (date(2024, 2, 29), date(2026, 3, 1), 2),
    ],
)
def test_whole_years(start, end, years):
    assert whole_years(start, end) == years


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2023, 6, 1), date(2027, 1, 1), (3, 7)),  # the applicant: 3 years 7 months
        (date(2023, 6, 1), date(2026, 12, 1), (3, 6)),
        (date(2023, 6, 15), date(2026, 12, 14), (3, 5)),
        (date(2023, 6, 1), date(2023, 6, 1), (0, 0)),
        (date(2027, 1, 1), date(2026, 12, 1), (0, 0)),
    ],
)
def test_years_and_months(start, end, expected):
    assert years_and_months(start, end) == expected


# ----------------------------------------------------------------------------- time as a temporary resident


@pytest.mark.parametrize(
    ("since", "today", "card", "complete", "two", "left"),
    [
        # The four years end on resident_since + 4 years: complete on that day, not the day before.
        (date(2023, 6, 1), date(2027, 5, 31), date(2027, 6, 1), False, True, 0),
        (date(2023, 6, 1), date(2027, 6, 1), date(2027, 6, 1), True, True, 0),
        (date(2023, 6, 1), TODAY, date(2024, 6, 1), False, True, 3),
        (date(2025, 3, 10), TODAY, date(2026, 3, 10), False, False, 3),
        (date(2024, 12, 2), TODAY, None, False, False, None),  # two years tomorrow
        (date(2024, 12, 1), TODAY, None, False, True, None),  # two years today
        (date(2024, 2, 29), date(2028, 2, 28), None, False, True, None),
        (date(2024, 2, 29), date(2028, 2, 29), None, True, True, None),
    ],
)
def test_temporary_residence(since, today, card, complete, two, left):
    residence = temporary_residence_on(since, today=today, card_expires=card)
    assert residence.four_years_end == four_years_end(since) == add_years(since, 4)
    assert residence.four_years_complete is complete
    assert residence.two_years_complete is two
    assert residence.years_left_after_card == left


def test_time_held_is_read_from_resident_since_and_the_card():
    current = situation(
        "cambio_rt_a_rp",
        today=date(2027, 1, 1),
        status={
            "current_document": "temporary_card",
            "card_expires": "2027-06-01",
            "resident_since": "2023-06-01",
            "rt_to_rp_route": "four_years",
        },
    )
    residence = current.temporary_residence
    assert (residence.held_years, residence.held_months) == (3, 7)
    assert residence.four_years_end == date(2027, 6, 1)
    assert residence.years_left_after_card == 0
    assert current.document.rt_to_rp_route == "four_years"


# ----------------------------------------------------------------------------- the authorised stay


@pytest.mark.parametrize(
    ("today", "valid", "days_left"),
    [
        (date(2027, 3, 28), True, 1),
        (date(2027, 3, 29), True, 0),  # the last day of the stay still counts
        (date(2027, 3, 30), False, None),
    ],
)
def test_the_stay_is_valid_up_to_its_last_day(today, valid, days_left):
    current = situation(
        "cambio_rt_unidad_familiar",
        today=today,
        status={"current_document": "visitor_fmm", "entry_date": "2026-10-01", "stay_until": "2027-03-29"},
    )
    assert current.stay.until == date(2027, 3, 29)
    assert current.stay.entry_date == date(2026, 10, 1)
    assert current.stay.is_valid is valid
    assert current.stay.days_left == days_left
    assert current.document.is_visitor_fmm


def test_no_stay_without_its_last_day():
    assert situation("cambio_rt_unidad_familiar", status={"current_document": "visitor_fmm"}).stay is None


# ----------------------------------------------------------------------------- the applicant


@pytest.mark.parametrize(
    ("birth", "age", "minor"),
    [
        ("2008-12-01", 18, False),  # 18 today
        ("2008-12-02", 17, True),  # 18 tomorrow
        ("2008-02-29", 18, False),
        ("", None, False),
        ("not a date", None, False),
    ],
)
def test_age_and_minor(birth, age, minor):
    current = situation(applicant={"birth_date": birth, "given_names": "Ana", "surnames": "Ruiz Soto"})
    assert current.applicant.age == age
    assert current.is_minor is minor
    assert current.applicant.full_name == "Ana Ruiz Soto"


def test_the_guardian_of_a_minor():
    current = situation(
        applicant={"birth_date": "2012-05-05"},
        guardian={"guardian_name": "María Pérez", "guardian_relationship": "mother", "guardian_document": "X1"},
    )
    assert current.is_minor
    assert (current.guardian.name, current.guardian.relationship, current.guardian.document) == (
        "María Pérez",
        "mother",
        "X1",
    )
    assert situation().guardian is None


# ----------------------------------------------------------------------------- documents


def test_the_documents_and_their_dates():
    current = situation(
        "canje",
        status={
            "current_document": "resident_visa",
            "visa_type": "temporary",
            "admission": "canje",
            "entry_record": "fmm",
            "entry_date": "2026-11-20",
            "years_requested": "2",
        },
        passport={"passport_number": "X1234567", "passport_expires": "2030-01-14"},
    )
    document = current.document
    assert (document.kind, document.visa_type, document.admission) == ("resident_visa", "temporary", "canje")
    assert document.entry_date == date(2026, 11, 20)
    assert document.years_requested == 2
    assert document.card_expires is None and document.card_number == "" and document.nue == ""
    assert current.passport.expires == date(2030, 1, 14)
    assert current.temporary_residence is None


def test_card_number_and_nue_when_given():
    current = situation(
        "renovacion", status={"current_document": "temporary_card", "card_number": " TR123 ", "nue": "12345678"}
    )
    assert current.document.card_number == "TR123"
    assert current.document.nue == "12345678"
    assert current.document.is_card


@pytest.mark.parametrize("years", ["", "four", None, "2.5"])
def test_malformed_years_are_unknown(years):
    assert situation(status={"years_requested": years}).document.years_requested is None


def test_an_empty_preparation_has_a_situation():
    current = situation("renovacion", answers={})
    assert current.document.kind == ""
    assert current.applicant.age is None
    assert current.family is None and current.employment is None and current.replacement is None


# ----------------------------------------------------------------------------- family


@pytest.mark.parametrize(
    ("family", "by_birth", "nationality", "couple", "direct"),
    [
        ({"relationship": "child", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "yes"}, True, "MX", 0, 1),
        ({"relationship": "parent", "sponsor_status": "mexican", "sponsor_mexican_by_birth": "no"}, False, "MX", 0, 1),
        ({"relationship": "spouse", "sponsor_status": "mexican"}, None, "MX", 1, 0),
        # "Mexican by birth" means nothing for a foreign resident: not kept.
        ({"relationship": "child", "sponsor_status": "permanent", "sponsor_mexican_by_birth": "yes"}, None, "", 0, 1),
        ({"relationship": "concubine", "sponsor_status": "temporary", "sponsor_nationality": "CA"}, None, "CA", 1, 0),
    ],
)
def test_the_family_tie(family, by_birth, nationality, couple, direct):
    tie = situation("cambio_rp_unidad_familiar", family=family).family
    assert tie.sponsor_mexican_by_birth is by_birth
    assert tie.sponsor_nationality == nationality
    assert tie.is_couple is bool(couple)
    assert tie.is_direct_line is bool(direct)


@pytest.mark.parametrize(
    ("union", "years", "two_years_end"),
    [
        ("2024-12-01", 2, date(2026, 12, 1)),
        ("2024-12-02", 1, date(2026, 12, 2)),
        ("2024-02-29", 2, date(2026, 3, 1)),
        ("2027-01-01", 0, date(2029, 1, 1)),  # a future date (refused by the form) is never negative
    ],
)
def test_the_ties_start_and_length(union, years, two_years_end):
    tie = situation("cambio_rp_unidad_familiar", family={"relationship": "spouse", "union_date": union}).family
    assert tie.union_years == years
    assert tie.union_two_years_end == two_years_end


# ----------------------------------------------------------------------------- work, changes, replacement


@pytest.mark.parametrize(
    ("slug", "asked", "kind"),
    [
        ("permiso_trabajo_empleador", "", "employer"),  # fixed by the procedure
        ("permiso_trabajo_independiente", "employer", "self_employed"),  # the procedure wins
        ("cambio_rte_a_rt", "", "employer"),
        ("regularizacion_documento_vencido", "self_employed", "self_employed"),  # asked
        ("regularizacion_documento_vencido", "", ""),
        ("regularizacion_documento_vencido", "astronaut", ""),
    ],
)
def test_employment_kind_fixed_by_the_procedure_or_asked(slug, asked, kind):
    current = situation(slug, employment={"employment_kind": asked, "employer_name": "Tequila Azul"})
    assert current.employment.kind == kind
    assert current.employment.employer_name == "Tequila Azul"


def test_no_employment_where_nothing_says_it():
    assert situation("canje").employment is None


def test_a_change_of_address_keeps_the_old_address():
    current = situation(
        "notif_domicilio",
        changes={
            "change_date": "2026-10-15",
            "old_street": "Av. Juárez",
            "old_state": "14",
            "old_postal_code": "44100",
        },
    )
    change = current.change
    assert change.kind == "address" and change.date == date(2026, 10, 15)
    assert change.old_address.street == "Av. Juárez" and change.old_address.state == "14"


def test_the_kind_of_change_comes_from_the_procedure():
    assert situation("notif_estado_civil").change.kind == "marital_status"
    assert situation("notif_estado_civil", changes={"old_marital_status": "single"}).change.old_address is None
    assert situation("canje").change is None


def test_the_replacement():
    current = situation(
        "reposicion",
        replacement={"reason": "stolen", "event_date": "2026-11-05", "police_report": "yes"},
    )
    assert current.replacement.reason == "stolen"
    assert current.replacement.event_date == date(2026, 11, 5)
    assert current.replacement.police_report is True


def test_the_situation_is_frozen():
    current = situation()
    with pytest.raises(AttributeError):
        current.today = date(2000, 1, 1)
