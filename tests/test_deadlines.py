"""deadlines.py: calendar-day windows, the last day, missed windows and Mexico City time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from procedures.deadlines import DeadlineState, deadline_for, deadline_rule_text, mexico_today
from procedures.models import Procedure
from procedures.situation import situation_for


def procedure(slug, rule, days=None, basis="", condition="always", source=""):
    return Procedure(
        slug=slug,
        deadline_rule=rule,
        deadline_days=days,
        deadline_basis=basis,
        deadline_condition=condition,
        deadline_source_en=source,
    )


CANJE = procedure("canje", "days_after_entry", 30, "legal", source="Ley de Migración art. 59")
RENOVACION = procedure("renovacion", "window_before_expiry", 30, "legal")
CAMBIO_RT_A_RP = procedure("cambio_rt_a_rp", "window_before_expiry", 30, "practice")
NOTIF = procedure("notif_domicilio", "days_after_change", 90, "legal", source="Ley de Migración arts. 63 and 158")
REPOSICION = procedure("reposicion", "days_after_entry", 30, "legal", condition="lost_abroad")
NONE = procedure("cambio_vrh_a_rp", "none")
STAY_CHANGE = procedure(
    "cambio_rt_unidad_familiar",
    "before_stay_ends",
    basis="unverified",
    source="Lineamientos; gob.mx INM sheets for cambio de condición de estancia",
)

ALWAYS = frozenset({"always"})


def deadline(proc, today, conditions=ALWAYS, **steps):
    return deadline_for(proc, situation_for(steps, procedure_slug=proc.slug, today=today), conditions=conditions)


@pytest.mark.parametrize(
    ("entry", "today", "state", "closes", "days_left"),
    [
        # The day of entry is day 1 of the 30: the earlier of the two readings of "contados a partir
        # de su ingreso" (LM art. 59), so the last day shown is never one day too late.
        ("2026-01-10", date(2026, 1, 10), "open", date(2026, 2, 8), 29),  # entry day is day 1
        ("2026-01-10", date(2026, 2, 7), "open", date(2026, 2, 8), 1),
        ("2026-01-10", date(2026, 2, 8), "closes_today", date(2026, 2, 8), 0),  # day 30 counts
        # Day 31 by our count is day 30 counted from the day after entry: neither missed nor open.
        ("2026-01-10", date(2026, 2, 9), "last_day_unsure", date(2026, 2, 8), None),
        ("2026-01-10", date(2026, 2, 10), "missed", date(2026, 2, 8), None),  # late by either count
        ("2028-01-31", date(2028, 2, 29), "closes_today", date(2028, 2, 29), 0),  # leap year: day 30 is Feb 29
        ("2027-01-31", date(2027, 3, 1), "closes_today", date(2027, 3, 1), 0),  # common year: Mar 1
        ("2026-12-15", date(2027, 1, 13), "closes_today", date(2027, 1, 13), 0),  # across the year end
    ],
)
def test_canje_deadline_is_30_days_after_entry(entry, today, state, closes, days_left):
    result = deadline(CANJE, today, status={"entry_date": entry})
    assert result.state == state
    assert result.closes_on == closes
    assert result.days_left == days_left
    assert result.basis == "legal" and result.source == "Ley de Migración art. 59"


def test_the_day_after_our_last_day_is_shown_as_unsure_not_as_missed():
    from procedures.flags import _deadline_flags

    today = date(2026, 2, 9)
    with translation.override("en"):
        result = deadline(CANJE, today, status={"entry_date": "2026-01-10"})
        situation = situation_for({"status": {"entry_date": "2026-01-10"}}, procedure_slug="canje", today=today)
        flags = _deadline_flags(result, situation)
    assert result.later_closes_on == date(2026, 2, 9)
    assert "your last day was Feb. 8, 2026" in result.advice and "it is today, Feb. 9, 2026" in result.advice
    assert "Do not assume it is too late" in result.advice and "800 004 6264" in result.advice
    assert [flag.code for flag in flags] == ["deadline_unsure_today"]
    assert "yesterday, Feb. 8, 2026, or it is today" in str(flags[0].message)


def test_missed_canje_says_to_see_a_professional():
    result = deadline(CANJE, date(2026, 3, 1), status={"entry_date": "2026-01-10"})
    assert result.state == DeadlineState.MISSED
    assert "professional" in result.advice


@pytest.mark.parametrize(
    ("expires", "today", "state", "opens"),
    [
        ("2026-06-30", date(2026, 5, 30), "not_open", date(2026, 5, 31)),  # one day before the window
        ("2026-06-30", date(2026, 5, 31), "open", date(2026, 5, 31)),  # expiry − 30 opens
        ("2026-06-30", date(2026, 6, 30), "closes_today", date(2026, 5, 31)),  # the expiry day counts
        ("2026-06-30", date(2026, 7, 1), "missed", date(2026, 5, 31)),
        ("2028-03-01", date(2028, 1, 31), "open", date(2028, 1, 31)),  # leap year: Mar 1 − 30 = Jan 31
        ("2027-03-01", date(2027, 1, 30), "open", date(2027, 1, 30)),
        ("2027-03-31", date(2027, 3, 1), "open", date(2027, 3, 1)),  # month ends
    ],
)
def test_renewal_window_is_the_last_30_days_of_the_card(expires, today, state, opens):
    result = deadline(RENOVACION, today, status={"card_expires": expires})
    assert result.state == state
    assert result.opens_on == opens
    assert result.closes_on == date.fromisoformat(expires)


def test_window_not_open_says_when_it_opens():
    with translation.override("en"):
        result = deadline(RENOVACION, date(2026, 5, 1), status={"card_expires": "2026-06-30"})
        assert result.state == DeadlineState.NOT_OPEN
        assert "May 31, 2026" in result.advice
        assert result.days_left == 60


@pytest.mark.parametrize("proc", [RENOVACION, CAMBIO_RT_A_RP])
def test_missed_renewal_is_a_regularisation_without_appointment(proc):
    result = deadline(proc, date(2026, 7, 1), status={"card_expires": "2026-06-30"})
    assert result.state == DeadlineState.MISSED
    assert "Regularización por tener documento vencido" in result.advice
    assert "no appointment" in result.advice


def test_cambio_rt_a_rp_window_is_office_practice():
    assert deadline(CAMBIO_RT_A_RP, date(2026, 6, 1), status={"card_expires": "2026-06-30"}).basis == "practice"


@pytest.mark.parametrize(
    ("change", "today", "state"),
    [
        ("2026-01-01", date(2026, 4, 1), "closes_today"),  # Jan 1 + 90 = Apr 1 (common year)
        ("2028-01-01", date(2028, 3, 31), "closes_today"),  # leap year: Mar 31
        ("2026-01-01", date(2026, 4, 2), "missed"),
        ("2026-01-01", date(2026, 1, 1), "open"),
    ],
)
def test_notifications_are_due_90_days_after_the_change(change, today, state):
    result = deadline(NOTIF, today, changes={"change_date": change})
    assert result.state == state


def test_missed_notification_mentions_the_fine():
    result = deadline(NOTIF, date(2026, 5, 1), changes={"change_date": "2026-01-01"})
    assert "20 and 100 days of UMA" in result.advice and "art. 158" in result.advice


def test_replacement_deadline_only_after_a_loss_abroad():
    lost_abroad = frozenset({"always", "lost_abroad"})
    result = deadline(REPOSICION, date(2026, 3, 1), lost_abroad, status={"entry_date": "2026-02-01"})
    assert result.state == DeadlineState.OPEN and result.closes_on == date(2026, 3, 2)
    in_mexico = deadline(REPOSICION, date(2026, 3, 1), frozenset({"always", "lost_or_stolen_in_mexico"}))
    assert in_mexico.state == DeadlineState.NOT_APPLICABLE and not in_mexico.applies


def test_no_deadline_and_missing_dates():
    assert deadline(NONE, date(2026, 1, 1)).state == DeadlineState.NO_DEADLINE
    assert not deadline(NONE, date(2026, 1, 1)).applies
    unknown = deadline(CANJE, date(2026, 1, 1))
    assert unknown.state == DeadlineState.UNKNOWN and unknown.applies
    assert deadline(CANJE, date(2026, 1, 1), status={"entry_date": "not a date"}).state == DeadlineState.UNKNOWN


VISITOR = {"current_document": "visitor_fmm", "entry_date": "2026-10-01", "stay_until": "2027-03-29"}


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        (date(2026, 10, 1), "open", 179),  # the day of entry
        (date(2027, 3, 28), "open", 1),
        (date(2027, 3, 29), "closes_today", 0),  # the last day of the stay counts
        (date(2027, 3, 30), "missed", None),  # the day after: only a regularisation
    ],
)
def test_a_visitors_change_of_status_is_due_by_the_last_day_of_the_stay(today, state, days_left):
    result = deadline(STAY_CHANGE, today, status=VISITOR)
    assert result.state == state
    assert result.opens_on == date(2026, 10, 1) and result.closes_on == date(2027, 3, 29)
    assert result.days_left == days_left
    assert result.days is None and result.basis == "unverified"


def test_missed_stay_says_only_a_regularisation_remains():
    result = deadline(STAY_CHANGE, date(2027, 4, 1), status=VISITOR)
    assert "regularisation" in result.advice and "no appointment" in result.advice and "fine" in result.advice


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ({"current_document": "visitor_fmm", "entry_date": "2026-10-01"}, DeadlineState.UNKNOWN),  # date needed
        ({"current_document": "student_card", "card_expires": "2027-01-01"}, DeadlineState.NOT_APPLICABLE),
        ({"current_document": "temporary_card", "stay_until": "2027-01-01"}, DeadlineState.NOT_APPLICABLE),
    ],
)
def test_only_a_visitor_has_a_stay_to_file_within(status, state):
    assert deadline(STAY_CHANGE, date(2026, 12, 1), status=status).state == state


@pytest.mark.parametrize(
    ("utc", "mexico_date"),
    [
        (datetime(2026, 11, 28, 5, 59, tzinfo=UTC), date(2026, 11, 27)),  # 23:59 in Mexico City
        (datetime(2026, 11, 28, 6, 0, tzinfo=UTC), date(2026, 11, 28)),  # midnight in Mexico City
        (datetime(2026, 1, 1, 3, 0, tzinfo=UTC), date(2025, 12, 31)),
        (datetime(2026, 1, 1, 0, 30, tzinfo=ZoneInfo("Europe/Madrid")), date(2025, 12, 31)),
    ],
)
def test_today_is_today_in_mexico_city(utc, mexico_date):
    assert mexico_today(utc) == mexico_date


@time_machine.travel(datetime(2026, 2, 10, 3, 0, tzinfo=UTC), tick=False)
def test_late_evening_in_mexico_city_is_still_the_last_day():
    # 03:00 UTC on Feb 10 is 21:00 on Feb 9 in Mexico City: the last day of a canje entered on Jan 11.
    today = mexico_today(datetime.now(UTC))
    assert deadline(CANJE, today, status={"entry_date": "2026-01-11"}).state == DeadlineState.CLOSES_TODAY


@pytest.mark.parametrize(
    ("proc", "english", "spanish"),
    [
        (CANJE, "Within 30 calendar days counted from the day you enter Mexico.", "contados a partir de su ingreso"),
        (RENOVACION, "In the last 30 calendar days before your card expires", "últimos 30 días naturales"),
        (NOTIF, "Within 90 calendar days after the change.", "90 días naturales siguientes al cambio"),
        (NONE, "No legal deadline.", "Sin plazo legal."),
        (STAY_CHANGE, "while the authorised stay is valid", "mientras su estancia autorizada esté vigente"),
    ],
)
def test_deadline_rule_in_words(proc, english, spanish):
    with translation.override("en"):
        assert english in deadline_rule_text(proc)
    with translation.override("es"):
        assert spanish in deadline_rule_text(proc)
