"""Working days of the INM: pure functions of dates and of the closures staff entered.

A day is not a working day (día inhábil) when it is a Saturday or a Sunday, a rest day set by law,
or inside a closure: a period of general vacation the INM publishes in the DOF (LFPA art. 28:
Holy Thursday and Friday, the year-end closure), or a closure of one office (an office notice of
the closed kind).

Rest days by law are the union of two lists, so that a day either law names is never counted as a
day to file on:

- LFPA art. 28 (the days that do not count for procedures before a federal authority): 1 January,
  5 February, 21 March, 1 and 5 May, 1 and 16 September, 20 November, 25 December, and 1 December
  every six years, when the federal executive changes hands (2018, 2024, 2030…);
- LFT art. 74 (statutory rest days): 1 January, the first Monday of February, the third Monday of
  March, 1 May, 16 September, the third Monday of November, 25 December, and 1 October every six
  years from 2024 (the day the president now takes office).

Counting a day that is in fact open as closed only moves the last filing day earlier, never past
what the law allows; the other mistake could cost an applicant their right to file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

LFPA = "LFPA art. 28"
LFT = "LFT art. 74"

# Fixed dates of LFPA art. 28 (and the ones LFT art. 74 shares).
LFPA_FIXED = ((1, 1), (2, 5), (3, 21), (5, 1), (5, 5), (9, 1), (9, 16), (11, 20), (12, 25))
LFT_FIXED = ((1, 1), (5, 1), (9, 16), (12, 25))
# (month, which Monday) of LFT art. 74 fr. II, III and VI.
LFT_MONDAYS = ((2, 1), (3, 3), (11, 3))
# Six-yearly days of the change of president: LFPA's 1 December, LFT's 1 October from 2024.
SEXENNIAL_FROM = 2018
SEXENNIAL_OCTOBER_FROM = 2024

# The longest stretch we look back or ahead for a working day: beyond that, our data is wrong
# (an office notice closed with no end date, say), and the caller says so.
SEARCH_LIMIT = 400


class ClosedBecause:
    """Why a day is not a working day."""

    WEEKEND = "weekend"
    REST_DAY = "rest_day"
    PERIOD = "period"  # a general vacation published in the DOF (all offices, or one)
    OFFICE_CLOSURE = "office_closure"  # an office notice of the closed kind


@dataclass(frozen=True)
class Closure:
    """A stretch of days an office does not attend: a DOF period or a notice of the office.

    ``ends_on`` None: closed from ``starts_on`` until further notice. ``label`` is already in the
    reader's language; ``confirmed`` is False when the source is not official.
    """

    starts_on: date
    ends_on: date | None
    kind: str  # ClosedBecause.PERIOD or ClosedBecause.OFFICE_CLOSURE
    label: str = ""
    confirmed: bool = True
    source: str = ""
    period_kind: str = ""  # for DOF periods: year_end, holy_week, other

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, start: date, end: date) -> bool:
        return self.starts_on <= end and (self.ends_on is None or start <= self.ends_on)


@dataclass(frozen=True)
class ClosedDay:
    """A day that is not a working day, and why (the first reason that applies)."""

    day: date
    because: str
    bases: tuple[str, ...] = ()  # for rest days: the laws that name the day
    closure: Closure | None = None


def nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def rest_days(year: int) -> dict[date, tuple[str, ...]]:
    """Every rest day by law in ``year``, with the laws that name it (weekends or not)."""
    days: dict[date, list[str]] = {}
    for month, day in LFPA_FIXED:
        days.setdefault(date(year, month, day), []).append(LFPA)
    if year >= SEXENNIAL_FROM and (year - SEXENNIAL_FROM) % 6 == 0:
        days.setdefault(date(year, 12, 1), []).append(LFPA)
    for month, day in LFT_FIXED:
        days.setdefault(date(year, month, day), []).append(LFT)
    for month, n in LFT_MONDAYS:
        days.setdefault(nth_monday(year, month, n), []).append(LFT)
    if year >= SEXENNIAL_OCTOBER_FROM and (year - SEXENNIAL_OCTOBER_FROM) % 6 == 0:
        days.setdefault(date(year, 10, 1), []).append(LFT)
    return {day: tuple(bases) for day, bases in sorted(days.items())}


def rest_day_bases(day: date) -> tuple[str, ...]:
    """The laws that make ``day`` a rest day; empty when it is none."""
    return rest_days(day.year).get(day, ())


def closed_day(day: date, closures: Iterable[Closure] = ()) -> ClosedDay | None:
    """Why ``day`` is not a working day at an office with these closures; None on a working day.

    Closures come first (they say the most: "closed for the holidays"), then rest days, then the
    weekend.
    """
    for closure in closures:
        if closure.covers(day):
            return ClosedDay(day, closure.kind, closure=closure)
    bases = rest_day_bases(day)
    if bases:
        return ClosedDay(day, ClosedBecause.REST_DAY, bases=bases)
    if day.weekday() >= 5:
        return ClosedDay(day, ClosedBecause.WEEKEND)
    return None


def is_working_day(day: date, closures: Iterable[Closure] = ()) -> bool:
    """Whether an INM office with these closures attends on ``day``."""
    return closed_day(day, tuple(closures)) is None


def last_working_day_on_or_before(day: date, closures: Sequence[Closure] = ()) -> date | None:
    """The last working day on or before ``day``; None if our data closes every day for a year."""
    closures = tuple(closures)
    for back in range(SEARCH_LIMIT):
        candidate = day - timedelta(days=back)
        if closed_day(candidate, closures) is None:
            return candidate
    return None


def first_working_day_on_or_after(day: date, closures: Sequence[Closure] = ()) -> date | None:
    """The first working day on or after ``day``; None if our data closes every day for a year."""
    closures = tuple(closures)
    for ahead in range(SEARCH_LIMIT):
        candidate = day + timedelta(days=ahead)
        if closed_day(candidate, closures) is None:
            return candidate
    return None


def working_days_between(start: date, end: date, closures: Sequence[Closure] = ()) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``).

    Counted like calendar days left: from today to tomorrow is one day, whatever today is.
    """
    closures = tuple(closures)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(offset), closures))


def closed_days_between(start: date, end: date, closures: Sequence[Closure] = ()) -> list[ClosedDay]:
    """Every day from ``start`` to ``end`` (both included) that is not a working day, and why."""
    closures = tuple(closures)
    found = []
    for offset in range((end - start).days + 1):
        closed = closed_day(start + timedelta(offset), closures)
        if closed is not None:
            found.append(closed)
    return found


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


# The year-end caution covers days from 15 December to 6 January (the closure was 19 December –
# 1 January in 2022: FACTS.md, corrections of 2026-12-01): the packet's deadline (filing.py) and a
# card's last working day (flags.py) are said with it.
YEAR_END_CAUTION = ((12, 15), (1, 6))


def year_end_caution_applies(day: date) -> bool:
    (start_month, start_day), (end_month, end_day) = YEAR_END_CAUTION
    return (day.month, day.day) >= (start_month, start_day) or (day.month, day.day) <= (end_month, end_day)


def holy_thursday_and_friday(year: int) -> tuple[date, date]:
    """Holy Thursday and Good Friday of ``year``: the days a DOF acuerdo usually declares
    non-working. Only a suggestion for staff, who enter the period with its acuerdo: this module
    never counts them by itself (FACTS.md: not confirmed for every year)."""
    easter = easter_sunday(year)
    return easter - timedelta(days=3), easter - timedelta(days=2)
