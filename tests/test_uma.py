"""uma.py: the UMA in force on a day (it changes on 1 February) and the pensioner route's amounts."""

from datetime import date
from decimal import Decimal

import pytest

from procedures.models import Confidence, UmaValue
from procedures.uma import late_notification_fine, next_change_after, pensioner_thresholds, uma_in_force


def uma(year, daily, confidence=Confidence.VERIFIED):
    return UmaValue(year=year, daily_mxn=Decimal(daily), in_force_from=date(year, 2, 1), confidence=confidence)


# FACTS.md §2.3 and its corrections of 2026-12-01.
VALUES = [uma(2024, "108.57"), uma(2025, "113.14"), uma(2026, "117.31", Confidence.SECONDARY)]


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (date(2024, 1, 31), None),  # before the first value we have
        (date(2024, 2, 1), 2024),
        (date(2025, 1, 31), 2024),  # January still has last year's UMA
        (date(2025, 2, 1), 2025),  # the UMA changes on 1 February
        (date(2026, 1, 31), 2025),
        (date(2026, 2, 1), 2026),
        (date(2026, 12, 1), 2026),
        (date(2027, 1, 31), 2026),
        (date(2027, 2, 1), None),  # 2027's UMA is not known: never guessed from 2026's
    ],
)
def test_the_uma_in_force_on_a_day(on, year):
    found = uma_in_force(VALUES, on=on)
    assert (found.year if found else None) == year


@pytest.mark.parametrize(
    ("on", "income", "savings", "year"),
    [
        (date(2026, 12, 1), Decimal("58655.00"), Decimal("2932750.00"), 2026),
        # FACTS.md §2.4: about 56,570 a month or 2,828,500 at the 2025 UMA.
        (date(2026, 1, 15), Decimal("56570.00"), Decimal("2828500.00"), 2025),
    ],
)
def test_pensioner_thresholds_in_pesos(on, income, savings, year):
    thresholds = pensioner_thresholds(VALUES, on=on)
    assert thresholds.uma.year == year
    assert thresholds.monthly_income_days == 500 and thresholds.savings_days == 25_000
    assert thresholds.monthly_income_mxn == income
    assert thresholds.savings_mxn == savings


def test_without_the_uma_in_force_there_are_no_pesos():
    thresholds = pensioner_thresholds(VALUES, on=date(2027, 3, 1))
    assert thresholds.uma is None
    assert thresholds.monthly_income_mxn is None and thresholds.savings_mxn is None
    assert thresholds.last_known.year == 2026
    assert pensioner_thresholds([], on=date(2027, 3, 1)).last_known is None


@pytest.mark.parametrize(
    ("day", "change"),
    [
        (date(2026, 12, 1), date(2027, 2, 1)),
        (date(2026, 1, 31), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2027, 2, 1)),
    ],
)
def test_the_next_change(day, change):
    assert next_change_after(day) == change


@pytest.mark.django_db
def test_the_shipped_uma_values(catalogue):
    rows = {row.year: row for row in UmaValue.objects.all()}
    assert {year: str(row.daily_mxn) for year, row in rows.items()} == {
        2024: "108.57",
        2025: "113.14",
        2026: "117.31",
    }
    assert all(row.in_force_from == date(row.year, 2, 1) for row in rows.values())
    # 2026 rests on one source (El Universal): secondary, shown as not confirmed.
    assert rows[2026].confidence == Confidence.SECONDARY and rows[2026].last_verified is None
    assert rows[2026].sources == ["https://eluniversal.com.mx"]
    assert rows[2025].confidence == Confidence.VERIFIED and len(rows[2025].sources) == 2


@pytest.mark.django_db
def test_a_uma_comes_into_force_in_its_own_year():
    from django.core.exceptions import ValidationError

    value = UmaValue(year=2027, daily_mxn=Decimal("120.00"), in_force_from=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="comes into force in that year"):
        value.full_clean()


@pytest.mark.parametrize(
    ("on", "low", "high", "year"),
    [
        # Ley de Migración art. 158: 20 to 100 days of UMA.
        (date(2026, 12, 1), Decimal("2346.20"), Decimal("11731.00"), 2026),
        # FACTS.md §2.4: about 2,263–11,314 at the 2025 UMA.
        (date(2026, 1, 15), Decimal("2262.80"), Decimal("11314.00"), 2025),
    ],
)
def test_the_late_notification_fine_in_pesos(on, low, high, year):
    fine = late_notification_fine(VALUES, on=on)
    assert (fine.low_days, fine.high_days) == (20, 100)
    assert fine.uma.year == year
    assert (fine.low_mxn, fine.high_mxn) == (low, high)


def test_the_late_notification_fine_is_never_priced_at_an_older_uma():
    fine = late_notification_fine(VALUES, on=date(2027, 3, 1))
    assert fine.uma is None and fine.low_mxn is None and fine.high_mxn is None
    assert fine.last_known.year == 2026
