"""workdays.py: every rest day by law 2026–2031, closures, and counting working days."""

from datetime import date

import pytest

from procedures.workdays import (
    LFPA,
    LFT,
    ClosedBecause,
    Closure,
    closed_day,
    easter_sunday,
    first_working_day_on_or_after,
    holy_thursday_and_friday,
    is_working_day,
    last_working_day_on_or_before,
    rest_days,
    working_days_between,
)

# Written out by hand from LFPA art. 28 and LFT art. 74 (not computed): the Mondays of February,
# March and November, the six-yearly 1 October (LFT, from 2024) and 1 December (LFPA, 2018, 2024,
# 2030…). Where a Monday falls on a fixed date (20 Nov 2028, 5 Feb 2029) both laws name it.
REST_DAYS = {
    2026: [
        "01-01", "02-02", "02-05", "03-16", "03-21", "05-01", "05-05", "09-01", "09-16", "11-16", "11-20", "12-25",
    ],
    2027: [
        "01-01", "02-01", "02-05", "03-15", "03-21", "05-01", "05-05", "09-01", "09-16", "11-15", "11-20", "12-25",
    ],
    2028: ["01-01", "02-05", "02-07", "03-20", "03-21", "05-01", "05-05", "09-01", "09-16", "11-20", "12-25"],
    2029: ["01-01", "02-05", "03-19", "03-21", "05-01", "05-05", "09-01", "09-16", "11-19", "11-20", "12-25"],
    2030: [
        "01-01", "02-04", "02-05", "03-18", "03-21", "05-01", "05-05", "09-01", "09-16", "10-01", "11-18", "11-20",
        "12-01", "12-25",
    ],
    2031: [
        "01-01", "02-03", "02-05", "03-17", "03-21", "05-01", "05-05", "09-01", "09-16", "11-17", "11-20", "12-25",
    ],
}  # fmt: skip


@pytest.mark.parametrize("year", list(REST_DAYS))
def test_every_rest_day_from_2026_to_2031(year):
    expected = [date.fromisoformat(f"{year}-{day}") for day in REST_DAYS[year]]
    assert list(rest_days(year)) == expected


@pytest.mark.parametrize(
    ("day", "bases"),
    [
        (date(2026, 5, 5), (LFPA,)),  # Batalla de Puebla: LFPA only
        (date(2026, 9, 1), (LFPA,)),
        (date(2026, 11, 20), (LFPA,)),  # the LFT's day is the third Monday, 16 Nov
        (date(2026, 11, 16), (LFT,)),
        (date(2026, 12, 25), (LFPA, LFT)),
        (date(2030, 10, 1), (LFT,)),  # change of president, LFT from 2024
        (date(2030, 12, 1), (LFPA,)),  # LFPA's six-yearly 1 December
        (date(2024, 12, 1), (LFPA,)),
        (date(2024, 10, 1), (LFT,)),
        (date(2028, 11, 20), (LFPA, LFT)),  # the third Monday of November is the 20th
    ],
)
def test_each_rest_day_names_its_law(day, bases):
    assert rest_days(day.year)[day] == bases


@pytest.mark.parametrize("day", [date(2027, 10, 1), date(2027, 12, 1), date(2026, 12, 1), date(2029, 10, 1)])
def test_the_six_yearly_days_only_in_their_years(day):
    assert day not in rest_days(day.year)
    assert is_working_day(day) is (day.weekday() < 5)


@pytest.mark.parametrize(
    ("day", "because"),
    [
        (date(2026, 11, 28), ClosedBecause.WEEKEND),  # a Saturday
        (date(2026, 11, 29), ClosedBecause.WEEKEND),
        (date(2026, 11, 16), ClosedBecause.REST_DAY),
        (date(2026, 11, 27), None),  # a Friday
        (date(2026, 12, 24), None),  # Christmas Eve is not a rest day by law
    ],
)
def test_why_a_day_is_closed(day, because):
    closed = closed_day(day)
    assert (closed.because if closed else None) == because


CLOSED_FOR_THE_HOLIDAYS = Closure(date(2026, 12, 14), date(2027, 1, 2), ClosedBecause.OFFICE_CLOSURE, "Closed")
HOLY_WEEK_2027 = Closure(
    date(2027, 3, 25), date(2027, 3, 26), ClosedBecause.PERIOD, "Holy week", period_kind="holy_week"
)


@pytest.mark.parametrize(
    ("day", "closures", "expected"),
    [
        (date(2026, 11, 16), (), date(2026, 11, 13)),  # Monday holiday → Friday
        (date(2026, 2, 1), (), date(2026, 1, 30)),  # a Sunday → Friday
        (date(2026, 12, 25), (), date(2026, 12, 24)),  # Christmas → the 24th
        (date(2026, 12, 25), (CLOSED_FOR_THE_HOLIDAYS,), date(2026, 12, 11)),  # inside the office's closure
        (date(2027, 1, 2), (CLOSED_FOR_THE_HOLIDAYS,), date(2026, 12, 11)),
        (date(2027, 3, 26), (), date(2027, 3, 26)),  # Good Friday is not computed as a rest day
        (date(2027, 3, 26), (HOLY_WEEK_2027,), date(2027, 3, 24)),  # the staff-entered period counts
        (date(2026, 11, 27), (), date(2026, 11, 27)),  # a working day is its own last working day
    ],
)
def test_last_working_day_on_or_before(day, closures, expected):
    assert last_working_day_on_or_before(day, closures) == expected


def test_a_closure_without_end_closes_every_day_after_it():
    closed = Closure(date(2026, 12, 1), None, ClosedBecause.OFFICE_CLOSURE, "Moved, no date given")
    assert last_working_day_on_or_before(date(2027, 6, 1), (closed,)) == date(2026, 11, 30)
    assert first_working_day_on_or_after(date(2026, 12, 1), (closed,)) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 30), date(2027, 2, 2)),  # Saturday; Monday 1 Feb 2027 is the Constitution's rest day
        (date(2026, 11, 27), date(2026, 11, 27)),
    ],
)
def test_first_working_day_on_or_after(day, expected):
    assert first_working_day_on_or_after(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "closures", "count"),
    [
        (date(2026, 11, 27), date(2026, 12, 1), (), 2),  # Mon 30 Nov, Tue 1 Dec
        (date(2026, 11, 27), date(2026, 11, 27), (), 0),
        (date(2026, 11, 27), date(2026, 12, 24), (), 19),
        (date(2026, 11, 27), date(2026, 12, 11), (CLOSED_FOR_THE_HOLIDAYS,), 10),
        (date(2026, 11, 6), date(2026, 11, 20), (), 8),  # 16 and 20 November are rest days
        (date(2026, 12, 1), date(2026, 11, 27), (), 0),  # end before start
    ],
)
def test_working_days_between(start, end, closures, count):
    assert working_days_between(start, end, closures) == count


@pytest.mark.parametrize(
    ("year", "easter", "thursday", "friday"),
    [
        (2026, date(2026, 4, 5), date(2026, 4, 2), date(2026, 4, 3)),
        (2027, date(2027, 3, 28), date(2027, 3, 25), date(2027, 3, 26)),
        (2028, date(2028, 4, 16), date(2028, 4, 13), date(2028, 4, 14)),
        (2029, date(2029, 4, 1), date(2029, 3, 29), date(2029, 3, 30)),
        (2030, date(2030, 4, 21), date(2030, 4, 18), date(2030, 4, 19)),
        (2031, date(2031, 4, 13), date(2031, 4, 10), date(2031, 4, 11)),
    ],
)
def test_holy_week_dates_for_the_staff_helper(year, easter, thursday, friday):
    assert easter_sunday(year) == easter
    assert holy_thursday_and_friday(year) == (thursday, friday)
    assert is_working_day(thursday) and is_working_day(friday)  # never by themselves
