"""The UMA (Unidad de Medida y Actualización) in force on a day, and the amounts stated in it.

The UMA of a year is in force from its ``in_force_from`` (1 February) until the next year's
value takes over; a year we have no value for is unknown, never guessed from an older one (the
UMA rises every year, so an old value would understate a threshold). Pure functions of UMA rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import UmaValue

# The UMA changes every year on 1 February (FACTS.md §2.3).
CHANGES_ON = (2, 1)
# Pensioner route of the change to permanent residence (gob.mx INM823; FACTS.md §2.4): a net
# monthly income of 500 days of UMA over the last six months, or savings or investments
# averaging 25,000 days of UMA over the last twelve months.
PENSIONER_MONTHLY_INCOME_DAYS = 500
PENSIONER_SAVINGS_DAYS = 25_000


def next_change_after(day: date) -> date:
    """The next 1 February after ``day`` (when a new UMA comes into force)."""
    this_year = date(day.year, *CHANGES_ON)
    return this_year if day < this_year else date(day.year + 1, *CHANGES_ON)


def uma_in_force(values: Iterable[UmaValue], *, on: date) -> UmaValue | None:
    """The UMA in force on ``on``: the latest value already in force, unless a newer year should
    have replaced it (its 1 February has passed) and we do not have that year yet."""
    started = [value for value in values if value.in_force_from <= on]
    if not started:
        return None
    current = max(started, key=lambda value: value.in_force_from)
    if on >= date(current.in_force_from.year + 1, *CHANGES_ON):
        return None
    return current


@dataclass(frozen=True)
class PensionerThresholds:
    """What the pensioner route asks for, in days of UMA and, when the UMA is known, in pesos."""

    on: date
    monthly_income_days: int
    savings_days: int
    uma: UmaValue | None
    last_known: UmaValue | None  # the latest value we have, when the one in force is unknown
    next_change: date

    @property
    def monthly_income_mxn(self) -> Decimal | None:
        return self.uma.daily_mxn * self.monthly_income_days if self.uma else None

    @property
    def savings_mxn(self) -> Decimal | None:
        return self.uma.daily_mxn * self.savings_days if self.uma else None


def pensioner_thresholds(values: Iterable[UmaValue], *, on: date) -> PensionerThresholds:
    """The pensioner route's income and savings on ``on``, from the UMA in force that day."""
    values = list(values)
    uma = uma_in_force(values, on=on)
    last_known = None if uma else max(values, key=lambda value: value.in_force_from, default=None)
    return PensionerThresholds(
        on=on,
        monthly_income_days=PENSIONER_MONTHLY_INCOME_DAYS,
        savings_days=PENSIONER_SAVINGS_DAYS,
        uma=uma,
        last_known=last_known,
        next_change=next_change_after(on),
    )


# A notice of a change filed after the 90 days (or never) is fined 20 to 100 days of UMA (Ley de
# Migración art. 158; FACTS.md §2.4 Notificaciones and its corrections of 2026-12-01).
LATE_NOTIFICATION_FINE_DAYS = (20, 100)


@dataclass(frozen=True)
class FineInUma:
    """A fine stated in days of UMA and, when the UMA in force is known, in pesos."""

    on: date
    low_days: int
    high_days: int
    uma: UmaValue | None
    last_known: UmaValue | None  # the latest value we have, when the one in force is unknown

    @property
    def low_mxn(self) -> Decimal | None:
        return self.uma.daily_mxn * self.low_days if self.uma else None

    @property
    def high_mxn(self) -> Decimal | None:
        return self.uma.daily_mxn * self.high_days if self.uma else None


def late_notification_fine(values: Iterable[UmaValue], *, on: date) -> FineInUma:
    """The late-notification fine on ``on``, in pesos at the UMA in force that day (never at an
    older UMA: a year we lack is said to be unknown)."""
    values = list(values)
    uma = uma_in_force(values, on=on)
    last_known = None if uma else max(values, key=lambda value: value.in_force_from, default=None)
    low, high = LATE_NOTIFICATION_FINE_DAYS
    return FineInUma(on=on, low_days=low, high_days=high, uma=uma, last_known=last_known)
