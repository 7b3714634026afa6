"""filing.py: the last filing day, days left, booking by, and the appointment, at one office."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import translation

from procedures.appointments import local_appointment, office_zone, today_at
from procedures.deadlines import deadline_for
from procedures.filing import (
    Horizon,
    appointment_check,
    appointment_flags,
    days_left_text,
    deadline_reminders,
    filing_calendar,
    filing_flags,
    filing_headline,
    office_closures,
    year_end_as_before_text,
)
from procedures.models import NonWorkingPeriod, Office, OfficeNotice, Procedure
from procedures.situation import situation_for
from procedures.workdays import ClosedBecause, Closure

CANJE = Procedure(
    slug="canje",
    deadline_rule="days_after_entry",
    deadline_days=30,
    deadline_basis="legal",
    deadline_condition="always",
)
RENOVACION = Procedure(
    slug="renovacion",
    deadline_rule="window_before_expiry",
    deadline_days=30,
    deadline_basis="legal",
    deadline_condition="always",
)
NOTIF = Procedure(
    slug="notif_domicilio",
    deadline_rule="days_after_change",
    deadline_days=90,
    deadline_basis="legal",
    deadline_condition="always",
)
STAY_CHANGE = Procedure(
    slug="cambio_rt_unidad_familiar",
    deadline_rule="before_stay_ends",
    deadline_basis="unverified",
    deadline_condition="always",
)
ALWAYS = frozenset({"always"})
TODAY = date(2026, 11, 27)  # a Friday
PORTAL = Horizon(days=21)
OFFICE = "Oficina de Representación del INM en Jalisco"

HOLIDAYS_CLOSURE = Closure(
    date(2026, 12, 14), date(2027, 1, 2), ClosedBecause.OFFICE_CLOSURE, "Closed for the holidays."
)
HOLY_WEEK_2027 = Closure(
    date(2027, 3, 25),
    date(2027, 3, 26),
    ClosedBecause.PERIOD,
    "Holy Thursday and Good Friday",
    period_kind="holy_week",
)
YEAR_END_2026 = Closure(
    date(2026, 12, 19), date(2027, 1, 3), ClosedBecause.PERIOD, "Year-end closure", period_kind="year_end"
)


def legal(procedure, answers, today):
    """The procedure's legal deadline (deadlines.py) for these answers on ``today``."""
    return deadline_for(
        procedure, situation_for(answers, procedure_slug=procedure.slug, today=today), conditions=ALWAYS
    )


def canje_due(legal_last_day: date, today=TODAY):
    entry = date.fromordinal(legal_last_day.toordinal() - 29)  # the day of entry is day 1 of 30
    return legal(CANJE, {"status": {"entry_date": entry.isoformat()}}, today)


def calendar(legal_last_day, closures=(), today=TODAY, horizon=PORTAL):
    return filing_calendar(canje_due(legal_last_day, today), today=today, closures=closures, horizon=horizon)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("legal", "closures", "last", "headline"),
    [
        (
            date(2026, 12, 16),
            (),
            date(2026, 12, 16),
            "File by Wednesday 16 December 2026.",
        ),
        (
            date(2027, 1, 31),  # a Sunday
            (),
            date(2027, 1, 29),
            "File by Friday 29 January 2027 (the legal last day, Sunday 31 January, falls on a weekend).",
        ),
        (
            date(2026, 12, 25),  # Christmas
            (),
            date(2026, 12, 24),
            "File by Thursday 24 December 2026 (the legal last day, Friday 25 December, is a public holiday "
            "under LFPA art. 28 and LFT art. 74).",
        ),
        (
            date(2026, 12, 25),  # inside a staff closure of the office
            (HOLIDAYS_CLOSURE,),
            date(2026, 12, 11),
            f"File by Friday 11 December 2026 (the legal last day, Friday 25 December, falls in a closure of "
            f"{OFFICE}, from 14 December 2026 to 2 January 2027: Closed for the holidays).",
        ),
        (
            date(2027, 3, 26),  # Good Friday, with the Holy Week period staff entered
            (HOLY_WEEK_2027,),
            date(2027, 3, 24),
            "File by Wednesday 24 March 2027 (the legal last day, Friday 26 March, falls in a period when the "
            "INM does not attend, from 25 March to 26 March 2027: Holy Thursday and Good Friday).",
        ),
        (
            date(2027, 3, 26),  # Good Friday without it: never computed as a rest day
            (),
            date(2027, 3, 26),
            "File by Friday 26 March 2027.",
        ),
        (
            date(2027, 3, 22),  # Monday after a Sunday 21 March; 15 March 2027 is the LFT Monday
            (),
            date(2027, 3, 22),
            "File by Monday 22 March 2027.",
        ),
    ],
)
def test_last_filing_day_and_headline(legal, closures, last, headline):
    filing = calendar(legal, closures)
    assert filing.legal_last_day == legal
    assert filing.last_filing_day == last
    assert filing.last_filing_day <= filing.legal_last_day  # never later than the law allows
    assert filing_headline(filing, office_name=OFFICE) == headline


def test_the_briefs_example_a_monday_holiday():
    filing = calendar(date(2026, 11, 16), today=date(2026, 11, 2))
    assert filing_headline(filing, office_name=OFFICE) == (
        "File by Friday 13 November 2026 (the legal last day, Monday 16 November, is a public holiday under "
        "LFT art. 74)."
    )


def test_other_closures_before_the_legal_last_day_are_named_too():
    # 25 Dec is a holiday, and the year-end period covers the days before it.
    filing = calendar(date(2026, 12, 25), (YEAR_END_2026,))
    assert filing.last_filing_day == date(2026, 12, 18)
    headline = filing_headline(filing, office_name=OFFICE)
    assert "the legal last day, Friday 25 December, falls in a period when the INM does not attend" in headline
    assert headline.count("Year-end closure") == 1  # one closure, named once


def test_days_left_are_working_days_with_calendar_days_beside():
    filing = calendar(date(2026, 12, 25))
    assert (filing.working_days_left, filing.calendar_days_left) == (19, 27)
    assert days_left_text(filing) == "19 working days left after today (27 calendar days)."
    one = calendar(date(2026, 11, 30))
    assert days_left_text(one) == "1 working day left after today (3 calendar days)."


@pytest.mark.parametrize(
    ("legal", "closures", "today", "codes"),
    [
        (date(2026, 12, 25), (), TODAY, ["year_end_closure"]),  # 19 working days, booking opens 3 Dec
        (date(2026, 12, 25), (HOLIDAYS_CLOSURE,), TODAY, ["deadline_soon", "book_now"]),  # files before 15 Dec
        (date(2026, 12, 1), (), TODAY, ["deadline_soon", "book_now"]),  # 4 calendar days left
        (date(2027, 1, 6), (YEAR_END_2026,), TODAY, []),  # this year's closure entered: no caution
        (date(2027, 1, 7), (), TODAY, []),  # past the caution's window
        (date(2026, 12, 15), (), TODAY, ["book_now", "year_end_closure"]),  # try to book by 24 Nov: passed
        (date(2027, 2, 10), (), TODAY, []),
        (date(2027, 2, 10), (), date(2027, 1, 20), ["book_now"]),  # on the try-to-book-by day itself
        (date(2026, 11, 29), (), date(2026, 11, 28), ["no_filing_day_left"]),  # Saturday; legal last day Sunday
        (date(2026, 11, 20), (), TODAY, []),  # legally missed: deadlines.py's deadline_missed says it
    ],
)
def test_calendar_flags(legal, closures, today, codes):
    filing = calendar(legal, closures, today=today)
    assert [flag.code for flag in filing_flags(filing, office_name=OFFICE)] == codes


def test_deadline_soon_says_what_to_do_when_no_slot_is_free():
    filing = calendar(date(2026, 12, 1))
    (soon, book_now) = filing_flags(filing, office_name=OFFICE)
    assert soon.severity == "danger"
    assert soon.message == "Only 2 working days left to file: the last filing day is Tuesday 1 December 2026."
    assert "dated screenshot of each attempt" in soon.suggestion
    assert f"information desk of {OFFICE}" in soon.suggestion
    assert "acuse" not in soon.suggestion  # no claim about what a receipt does for the stay


def test_ten_working_days_is_soon_eleven_is_not():
    # From Friday 27 Nov: ten working days reach Friday 11 Dec, eleven Monday 14 Dec.
    assert calendar(date(2026, 12, 11)).soon
    assert not calendar(date(2026, 12, 14)).soon


@pytest.mark.parametrize(
    ("horizon", "says"),
    [
        # One unofficial source for the horizon: the flag says the slots may be open, and why.
        (
            PORTAL,
            "Book now: the portal may already offer slots up to your last filing day (Friday 18 December 2026). "
            "It is said to offer slots about 21 days ahead (not confirmed by an official source).",
        ),
        (
            Horizon(days=1),
            "Book now: the portal may already offer slots up to your last filing day (Friday 18 December 2026). "
            "It is said to offer slots about 1 day ahead (not confirmed by an official source).",
        ),
        (
            Horizon(days=21, confirmed=True),
            "Book now: the portal already offers slots up to your last filing day (Friday 18 December 2026).",
        ),
    ],
)
def test_book_now_says_may_when_the_horizon_is_not_confirmed(horizon, says):
    today = date(2026, 12, 18) if horizon.days == 1 else TODAY
    filing = calendar(date(2026, 12, 18), horizon=horizon, today=today)
    (book_now,) = [flag for flag in filing_flags(filing, office_name=OFFICE) if flag.code == "book_now"]
    assert book_now.message == says


def test_try_to_book_by_is_the_last_filing_day_minus_the_horizon():
    filing = calendar(date(2026, 12, 25))
    assert filing.try_to_book_by == date(2026, 12, 3)
    assert calendar(date(2026, 12, 25), horizon=None).try_to_book_by is None


@pytest.mark.parametrize(
    ("legal_last_day", "book_now", "passed"),
    [
        (date(2026, 12, 25), False, False),  # try by Thursday 3 December: ahead
        (date(2026, 12, 18), True, False),  # try by Friday 27 November: today, not gone
        (date(2026, 12, 15), True, True),  # try by Tuesday 24 November: gone, so the packet says "now"
    ],
)
def test_a_try_to_book_by_day_already_gone_is_said_as_now(legal_last_day, book_now, passed):
    filing = calendar(legal_last_day)
    assert (filing.book_now, filing.try_by_passed) == (book_now, passed)


def test_last_filing_day_today():
    filing = calendar(date(2026, 11, 29))  # Sunday; today is the Friday before
    assert filing.files_today and filing.working_days_left == 0
    assert filing_headline(filing, office_name=OFFICE).startswith(
        "File today, Friday 27 November 2026: it is the last working day to file (the legal last day"
    )
    assert days_left_text(filing) == ""
    assert [flag.code for flag in filing_flags(filing, office_name=OFFICE)] == ["deadline_soon", "book_now"]


def test_renewal_window_opens_on_the_first_working_day():
    # Card expires Monday 1 March 2027: the window opens Saturday 30 January; Monday 1 February is a rest day.
    deadline = legal(RENOVACION, {"status": {"card_expires": "2027-03-01"}}, TODAY)
    filing = filing_calendar(deadline, today=TODAY, horizon=PORTAL)
    assert filing.first_filing_day == date(2027, 2, 2)
    assert filing.last_filing_day == date(2027, 3, 1)


def test_no_deadline_no_calendar():
    deadline = legal(CANJE, {}, TODAY)  # no entry date yet
    filing = filing_calendar(deadline, today=TODAY)
    assert not filing.applies and filing.last_filing_day is None
    assert filing_flags(filing, office_name=OFFICE) == []


# ----------------------------------------------------------------------------- the appointment


def codes_for(appointment_day, deadline, closures=()):
    filing = filing_calendar(deadline, today=TODAY, closures=closures, horizon=PORTAL)
    check = appointment_check(appointment_day, filing=filing, deadline=deadline, closures=closures)
    return [flag.code for flag in appointment_flags(check, filing=filing, deadline=deadline, office_name=OFFICE)]


@pytest.mark.parametrize(
    ("day", "closures", "codes"),
    [
        (date(2026, 12, 10), (), []),
        (date(2027, 1, 5), (), ["appointment_after_deadline"]),  # canje due on Christmas
        (date(2026, 12, 24), (), []),  # the last filing day itself
        (date(2026, 12, 25), (), ["appointment_after_deadline", "appointment_on_closed_day"]),
        (date(2026, 12, 15), (HOLIDAYS_CLOSURE,), ["appointment_after_deadline", "appointment_on_closed_day"]),
        (date(2026, 11, 24), (), ["appointment_before_entry"]),  # entered on 25 November
    ],
)
def test_canje_appointment_flags(day, closures, codes):
    assert codes_for(day, canje_due(date(2026, 12, 25)), closures) == codes


def test_appointment_after_the_deadline_says_what_to_do():
    deadline = canje_due(date(2026, 12, 25))
    filing = filing_calendar(deadline, today=TODAY, horizon=PORTAL)
    check = appointment_check(date(2027, 1, 5), filing=filing, deadline=deadline)
    (flag,) = appointment_flags(check, filing=filing, deadline=deadline, office_name=OFFICE)
    assert flag.severity == "danger"
    assert flag.message == (
        "Your appointment (Tuesday 5 January 2027) is after your last filing day (Thursday 24 December 2026)."
    )
    assert "slot on or before Thursday 24 December 2026" in flag.suggestion and "screenshot" in flag.suggestion


def test_renewal_booked_before_its_window_opens():
    deadline = legal(RENOVACION, {"status": {"card_expires": "2027-03-01"}}, TODAY)
    assert codes_for(date(2027, 1, 15), deadline) == ["appointment_before_window"]
    assert codes_for(date(2027, 2, 1), deadline) == ["appointment_on_closed_day"]  # after it opens, a rest day
    assert codes_for(date(2027, 2, 2), deadline) == []


def test_notification_booked_before_the_change():
    deadline = legal(NOTIF, {"changes": {"change_date": "2026-12-01"}}, TODAY)
    assert codes_for(date(2026, 11, 30), deadline) == ["appointment_before_window"]


# ----------------------------------------------------------------------------- offices and their zones


@pytest.mark.parametrize(
    ("zone", "wall", "utc"),
    [
        ("America/Cancun", time(9, 30), datetime(2026, 12, 10, 14, 30, tzinfo=UTC)),  # Quintana Roo, UTC−5
        ("America/Mazatlan", time(9, 30), datetime(2026, 12, 10, 16, 30, tzinfo=UTC)),  # Tepic, UTC−7
        ("America/Bahia_Banderas", time(9, 30), datetime(2026, 12, 10, 15, 30, tzinfo=UTC)),  # Nuevo Vallarta
        ("America/Mexico_City", time(9, 30), datetime(2026, 12, 10, 15, 30, tzinfo=UTC)),
        ("America/Tijuana", time(9, 30), datetime(2026, 12, 10, 17, 30, tzinfo=UTC)),
        ("America/Hermosillo", time(9, 30), datetime(2026, 12, 10, 16, 30, tzinfo=UTC)),
    ],
)
def test_appointments_on_the_offices_clock(zone, wall, utc):
    office = Office(code="x", time_zone=zone)
    assert local_appointment(date(2026, 12, 10), wall, office_zone(office)).astimezone(UTC) == utc


def test_border_cities_follow_us_daylight_saving():
    # 5 April 2027: the US is on daylight time, the rest of Mexico is not (since 2022).
    matamoros = local_appointment(date(2027, 4, 5), time(9, 30), office_zone(Office(time_zone="America/Matamoros")))
    juarez = local_appointment(date(2027, 4, 5), time(9, 30), office_zone(Office(time_zone="America/Ciudad_Juarez")))
    mexico = local_appointment(date(2027, 4, 5), time(9, 30), office_zone(Office(time_zone="America/Mexico_City")))
    assert matamoros.astimezone(UTC).hour == 14 and juarez.astimezone(UTC).hour == 15
    assert mexico.astimezone(UTC).hour == 15
    winter = local_appointment(date(2027, 1, 5), time(9, 30), office_zone(Office(time_zone="America/Matamoros")))
    assert winter.astimezone(UTC).hour == 15


@pytest.mark.parametrize(
    ("zone", "today"),
    [
        ("America/Cancun", date(2026, 12, 2)),  # 00:30 in Cancún
        ("America/Mexico_City", date(2026, 12, 1)),  # 23:30
        ("America/Mazatlan", date(2026, 12, 1)),  # 22:30 in Tepic
    ],
)
def test_today_on_the_offices_clock(zone, today):
    now = datetime(2026, 12, 2, 5, 30, tzinfo=UTC)
    assert today_at(office_zone(Office(time_zone=zone)), now) == today


def test_closures_hold_for_every_office_or_only_for_theirs():
    cancun, tepic = Office(pk=1, code="qroo-cancun"), Office(pk=2, code="nay-tepic")
    periods = [
        NonWorkingPeriod(
            key="all", kind="year_end", starts_on=date(2026, 12, 21), ends_on=date(2027, 1, 1), name_en="All"
        ),
        NonWorkingPeriod(
            key="qroo",
            kind="other",
            starts_on=date(2026, 12, 7),
            ends_on=date(2026, 12, 8),
            office_id=1,
            name_en="Hurricane",
            confidence="verified",
        ),
    ]
    notices = [OfficeNotice(office_id=2, starts_on=date(2026, 12, 3), ends_on=date(2026, 12, 3), text_en="Closed")]
    at_cancun = office_closures(cancun, periods=periods, notices=notices)
    at_tepic = office_closures(tepic, periods=periods, notices=notices)
    assert [c.label for c in at_cancun] == ["Hurricane", "All"]
    assert [c.label for c in at_tepic] == ["Closed", "All"]
    assert [c.confirmed for c in at_cancun] == [True, False]  # the shared period is not verified
    # A canje due on Tuesday 8 December: Cancún files by Friday 4, Tepic on the day.
    deadline = canje_due(date(2026, 12, 8))
    assert filing_calendar(deadline, today=TODAY, closures=at_cancun).last_filing_day == date(2026, 12, 4)
    assert filing_calendar(deadline, today=TODAY, closures=at_tepic).last_filing_day == date(2026, 12, 8)


def test_spanish_headline():
    with translation.override("es"):
        filing = calendar(date(2026, 12, 25))
        assert filing_headline(filing, office_name=OFFICE) == (
            "Presente su trámite a más tardar el jueves 24 de diciembre de 2026 (el último día del plazo legal, "
            "viernes 25 de diciembre, es día inhábil según LFPA art. 28 y LFT art. 74)."
        )
        assert days_left_text(filing) == "Quedan 19 días hábiles sin contar hoy (27 días naturales)."


def test_the_year_end_caution_cites_the_last_closure_in_our_data():
    shipped_2022 = Closure(
        date(2022, 12, 19),
        date(2023, 1, 1),
        ClosedBecause.PERIOD,
        "Year-end closure",
        confirmed=False,
        period_kind="year_end",
    )
    (flag,) = filing_flags(calendar(date(2026, 12, 28), (shipped_2022,)), office_name=OFFICE)
    assert flag.code == "year_end_closure"
    assert flag.message == (
        "Your legal last day (Monday 28 December 2026) falls at the year end. INM offices have closed at the year "
        "end before, from 19 December 2022 to 1 January 2023 (not confirmed by an official source); this year's "
        "dates are not in our data yet."
    )
    assert "If they close on the same dates this year, your last working day is Friday 18 December 2026" in (
        flag.suggestion
    )
    (without,) = filing_flags(calendar(date(2026, 12, 28)), office_name=OFFICE)
    assert "may close for some days" in without.message
    assert "File before 15 December if you can" in without.suggestion  # no earlier closure to go by


@pytest.mark.parametrize(
    ("legal_last_day", "today", "text"),
    [
        # Monday 28 December: inside 19 December - 1 January, as in 2022. Nov 30 to Dec 18: 15 working days.
        (
            date(2026, 12, 28),
            TODAY,
            "If the INM closes at the year end on the same dates as in 2022 (from 19 December 2026 to 1 January "
            "2027), your last working day is Friday 18 December 2026: 15 working days left. File by then if you "
            "can.",
        ),
        (date(2026, 12, 28), date(2026, 12, 18), "today, Friday 18 December 2026, is your last working day."),
        (date(2026, 12, 28), date(2026, 12, 21), "its offices may be closed now: call the INM (800 004 6264)"),
        (date(2026, 12, 16), TODAY, ""),  # the last filing day is before that span: nothing to add
        (date(2027, 1, 5), TODAY, ""),  # Tuesday 5 January: after it
    ],
)
def test_a_year_end_last_day_also_gives_the_day_before_a_closure_like_the_last_one(legal_last_day, today, text):
    shipped_2022 = Closure(
        date(2022, 12, 19), date(2023, 1, 1), ClosedBecause.PERIOD, "Year-end", confirmed=False, period_kind="year_end"
    )
    result = year_end_as_before_text(calendar(legal_last_day, (shipped_2022,), today=today))
    assert (text in result) if text else result == ""


@pytest.mark.parametrize(
    ("legal_last_day", "closures", "raised", "safe"),
    [
        # Easter 2027 is 28 March: Holy Thursday and Good Friday are 25 and 26 March.
        (date(2027, 3, 29), (), True, date(2027, 3, 24)),  # a Monday, three days after
        (date(2027, 3, 26), (), True, date(2027, 3, 24)),  # Good Friday itself, not entered as closed
        (date(2027, 4, 9), (), False, None),  # two weeks after: the caution is for the last days
        (date(2027, 3, 20), (), False, None),  # before them
        (date(2027, 3, 29), (HOLY_WEEK_2027,), False, None),  # the period entered: the days are closed
    ],
)
def test_holy_week_is_said_when_it_falls_in_the_last_days_to_file(legal_last_day, closures, raised, safe):
    filing = calendar(legal_last_day, closures)
    assert (filing.holy_week_unpublished == (date(2027, 3, 25), date(2027, 3, 26))) is raised
    assert filing.holy_week_safe_day == safe
    flags = {flag.code: flag for flag in filing_flags(filing, office_name=OFFICE)}
    assert ("holy_week" in flags) is raised
    if raised:
        assert "Thursday 25 March 2027 and Friday 26 March 2027" in flags["holy_week"].message
        assert "not confirmed" in flags["holy_week"].message
        assert (
            flags["holy_week"].suggestion == "File by Wednesday 24 March 2027, the working day before them, if you can."
        )


SHIPPED_2022 = Closure(
    date(2022, 12, 19), date(2023, 1, 1), ClosedBecause.PERIOD, "Year-end", confirmed=False, period_kind="year_end"
)


@pytest.mark.parametrize(
    ("legal_last_day", "closures", "horizon", "professional", "week", "days", "book_by", "book_text"),
    [
        # 16 December, a plain day: its try-to-book-by day (25 November) has gone, the packet says "now".
        # Then 28 December, with a horizon of 14 days from one unofficial source ("may"), or confirmed.
        (
            date(2026, 12, 16),
            (),
            PORTAL,
            False,
            "In a week, Wednesday 16 December 2026, is the last day",
            7,
            None,
            "",
        ),
        (
            date(2026, 12, 28),
            (),
            Horizon(days=14),
            False,
            "is the last day to file",
            7,
            date(2026, 12, 14),
            "the portal may now offer slots up to your last filing day, Monday 28 December 2026 (not confirmed",
        ),
        (
            date(2026, 12, 28),
            (),
            Horizon(days=14, confirmed=True),
            False,
            "is the last day to file",
            7,
            date(2026, 12, 14),
            "the portal now offers slots up to your last filing day, Monday 28 December 2026.",
        ),
        # 28 December inside a closure on 2022's dates: aim for Friday 18, 10 days before the event.
        (
            date(2026, 12, 28),
            (SHIPPED_2022,),
            Horizon(days=14),
            False,
            "In a week, Friday 18 December 2026, is the last working day before a year-end closure",
            17,
            date(2026, 12, 14),
            "take one on or before Friday 18 December 2026",
        ),
        # A professional first (admitted as a visitor): no booking reminder, the week's says so.
        (
            date(2026, 12, 28),
            (SHIPPED_2022,),
            Horizon(days=14),
            True,
            "In a week, Monday 28 December 2026, is the last day to file Canje, if it is your procedure. See an "
            "immigration professional",
            7,
            None,
            "",
        ),
        # Five days left: no week's reminder; the try-to-book-by day has gone (said as "now" in the packet).
        (date(2026, 12, 2), (), PORTAL, False, "", 7, None, ""),
    ],
)
def test_the_calendar_files_reminders_say_what_the_packet_says(
    legal_last_day, closures, horizon, professional, week, days, book_by, book_text
):
    filing = calendar(legal_last_day, closures, horizon=horizon)
    reminders = deadline_reminders(filing, procedure_name="Canje", professional_first=professional)
    assert (week in reminders.week_before) if week else reminders.week_before == ""
    assert reminders.week_before_days == days
    assert reminders.book_by_day == book_by
    assert (book_text in reminders.book_by_text) if book_text else reminders.book_by_text == ""


def test_a_visitors_change_of_status_ends_with_the_stay():
    # The stay ends on Sunday 20 December: file by Friday 18; booked before the entry: questioned.
    answers = {"status": {"current_document": "visitor_fmm", "entry_date": "2026-11-20", "stay_until": "2026-12-20"}}
    deadline = legal(STAY_CHANGE, answers, TODAY)
    filing = filing_calendar(deadline, today=TODAY, horizon=PORTAL)
    assert filing.last_filing_day == date(2026, 12, 18)
    assert codes_for(date(2026, 11, 19), deadline) == ["appointment_before_entry"]
    assert codes_for(date(2026, 12, 21), deadline) == ["appointment_after_deadline"]


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        (
            {
                "appointment_at": "2026-12-10T09:30:00-07:00",
                "time_zone": "America/Hermosillo",
                "appointment_office": "x",
            },
            ("2026-12-10", "09:30", "x"),
        ),
        # Recorded before zones (Mexico City time), as the migration leaves none.
        ({"appointment_at": "2026-12-10T09:30:00-06:00", "appointment_office": "y"}, ("2026-12-10", "09:30", "y")),
        ({"appointment_at": "not a date", "appointment_office": "x"}, None),
        ({}, None),
    ],
)
def test_the_situation_reads_the_recorded_appointment_on_its_offices_clock(recorded, expected):
    answers = {"appointment": recorded} if recorded else {}
    appointment = situation_for(answers, procedure_slug="canje", today=TODAY).appointment
    if expected is None:
        assert appointment is None
    else:
        assert (appointment.day.isoformat(), appointment.at.strftime("%H:%M"), appointment.office_code) == expected
