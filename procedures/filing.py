"""The legal deadline as days an applicant can act on: pure functions of the deadline, the office's
closures and the portal's booking horizon.

``deadlines.py`` says what the law says (the legal last day, in calendar days). This module,
applied after it, says when to file and book at a given office:

- the **last filing day**: the last working day on or before the legal last day. It is never
  later: an extension our sources do not give would be a confident error that costs the right to
  file;
- the working days left until then, with the calendar days beside them;
- the **try to book by** date: the last filing day minus the portal's booking horizon (slots open
  about 21 days ahead): from that day every slot the portal shows is in time, and they go fast;
- the year-end caution: a legal last day from 15 December to 6 January while the year's closure
  of INM offices is not in our data yet.

It also checks a recorded appointment against those days. Flags are built here too, with the
codes listed in ``flags.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .deadlines import Deadline, DeadlineState
from .flags import Flag, Severity
from .models import Confidence, DeadlineRule, PeriodKind
from .workdays import (
    YEAR_END_CAUTION,
    ClosedBecause,
    ClosedDay,
    Closure,
    closed_day,
    closed_days_between,
    first_working_day_on_or_after,
    holy_thursday_and_friday,
    last_working_day_on_or_before,
    working_days_between,
    year_end_caution_applies,
)

SOON_WORKING_DAYS = 10
INM_PHONE = "800 004 6264"
# Holy Thursday and Good Friday are said when the last filing day is this close after them (or on
# them): federal offices usually close on them, but each year's acuerdo says so (FACTS.md: [U]).
HOLY_WEEK_CAUTION = timedelta(days=10)


# ----------------------------------------------------------------------------- dates in words


def weekday_date(day: date) -> str:
    """ "Friday 13 November 2026" / "viernes 13 de noviembre de 2026"."""
    return date_format(day, pgettext("date with weekday and year", "l j F Y"))


def weekday_day_month(day: date) -> str:
    """ "Monday 16 November" / "lunes 16 de noviembre"."""
    return date_format(day, pgettext("date with weekday, no year", "l j F"))


def day_month(day: date, *, with_year: bool = False) -> str:
    if with_year:
        return date_format(day, pgettext("day, month and year", "j F Y"))
    return date_format(day, pgettext("day and month", "j F"))


def date_range(start: date, end: date | None) -> str:
    """ "from 14 December to 2 January 2027", with both years when they differ."""
    if end is None:
        return _("from %(start)s until further notice") % {"start": day_month(start, with_year=True)}
    if start == end:
        return _("on %(day)s") % {"day": day_month(start, with_year=True)}
    first = day_month(start, with_year=start.year != end.year)
    return _("from %(start)s to %(end)s") % {"start": first, "end": day_month(end, with_year=True)}


def laws_text(bases: Sequence[str]) -> str:
    """ "LFPA art. 28 and LFT art. 74"."""
    if len(bases) == 1:
        return bases[0]
    return _("%(first)s and %(second)s") % {"first": ", ".join(bases[:-1]), "second": bases[-1]}


def _label(closure: Closure) -> str:
    return closure.label.strip().rstrip(".")


# ----------------------------------------------------------------------------- the calendar


@dataclass(frozen=True)
class Horizon:
    """How many days ahead the portal offers slots, and whether an official source says so."""

    days: int
    confirmed: bool = False
    note: str = ""


@dataclass(frozen=True)
class FilingCalendar:
    """Where an applicant stands against the days an office attends, on ``today``."""

    today: date
    legal_last_day: date | None = None
    last_filing_day: date | None = None
    first_filing_day: date | None = None  # windows: the first working day once it opens
    skipped: tuple[ClosedDay, ...] = ()  # closed days after the last filing day, to the legal last day
    working_days_left: int | None = None
    calendar_days_left: int | None = None
    try_to_book_by: date | None = None
    horizon: Horizon | None = None
    year_end_unpublished: bool = False
    previous_year_end: Closure | None = None  # the last year-end closure in our data, for the caution
    # If this year's closure falls on the same dates as that one: its span, the last working day
    # before it, and the working days left to then (None once it is past).
    year_end_if_as_before: tuple[date, date] | None = None
    year_end_safe_day: date | None = None
    year_end_safe_working_days: int | None = None
    # Holy Thursday and Good Friday just before (or on) the last filing day, while that year's
    # period is not entered, and the working day before them.
    holy_week_unpublished: tuple[date, date] | None = None
    holy_week_safe_day: date | None = None
    legally_missed: bool = False

    @property
    def applies(self) -> bool:
        return self.legal_last_day is not None

    @property
    def moved(self) -> bool:
        """The last filing day is before the legal last day (which is not a working day)."""
        return bool(self.skipped)

    @property
    def no_filing_day_left(self) -> bool:
        """The law still allows filing, but our data has the office closed every day until then."""
        if not self.applies or self.legally_missed:
            return False
        return self.last_filing_day is None or self.last_filing_day < self.today

    @property
    def open_to_file(self) -> bool:
        return self.applies and not self.legally_missed and not self.no_filing_day_left

    @property
    def files_today(self) -> bool:
        return self.open_to_file and self.last_filing_day == self.today

    @property
    def soon(self) -> bool:
        return self.open_to_file and self.working_days_left is not None and self.working_days_left <= SOON_WORKING_DAYS

    @property
    def book_now(self) -> bool:
        """The try-to-book-by day has come (or passed) and the deadline is still in reach."""
        return self.open_to_file and self.try_to_book_by is not None and self.today >= self.try_to_book_by

    @property
    def try_by_passed(self) -> bool:
        """The try-to-book-by day is behind us: the packet says "now", never a day already gone."""
        return self.try_to_book_by is not None and self.today > self.try_to_book_by

    @property
    def legal_last_day_closed(self) -> ClosedDay | None:
        return self.skipped[-1] if self.skipped and self.skipped[-1].day == self.legal_last_day else None

    @property
    def other_closures(self) -> tuple[ClosedDay, ...]:
        """The other reasons (rest days, closures, periods; not weekends) the filing day moves back,
        one per closure, nearest to the legal last day first."""
        seen, found = set(), []
        last = self.legal_last_day_closed
        for closed in reversed(self.skipped):
            if closed.because == ClosedBecause.WEEKEND or closed is last:
                continue
            key = closed.closure or closed.day
            if last is not None and last.closure is not None and closed.closure == last.closure:
                continue
            if key not in seen:
                seen.add(key)
                found.append(closed)
        return tuple(found)


def _year_end_span(day: date) -> tuple[date, date]:
    year = day.year if day.month == 12 else day.year - 1
    (start_month, start_day), (end_month, end_day) = YEAR_END_CAUTION
    return date(year, start_month, start_day), date(year + 1, end_month, end_day)


def _year_end_known(day: date, closures: Sequence[Closure]) -> bool:
    start, end = _year_end_span(day)
    return any(
        closure.kind == ClosedBecause.PERIOD
        and closure.period_kind == PeriodKind.YEAR_END
        and closure.overlaps(start, end)
        for closure in closures
    )


def _year_end_caution(legal: date, last: date | None, closures: Sequence[Closure]) -> bool:
    """A legal last day at the year end, the year's closure not entered, and a last filing day not
    already before the period (then the closure could not move it)."""
    if not year_end_caution_applies(legal) or _year_end_known(legal, closures):
        return False
    return last is None or last >= _year_end_span(legal)[0]


def _previous_year_end(legal: date, closures: Sequence[Closure]) -> Closure | None:
    start = _year_end_span(legal)[0]
    earlier = [
        closure
        for closure in closures
        if closure.period_kind == PeriodKind.YEAR_END and closure.ends_on is not None and closure.ends_on < start
    ]
    return max(earlier, key=lambda closure: closure.starts_on, default=None)


def _as_before(closure: Closure, legal: date) -> tuple[date, date]:
    """An earlier year-end closure's dates, moved to the year end of ``legal``."""
    start = _year_end_span(legal)[0]
    shift = start.year - closure.starts_on.year
    return closure.starts_on.replace(year=closure.starts_on.year + shift), closure.ends_on.replace(
        year=closure.ends_on.year + shift
    )


def _holy_week_caution(last: date | None, today: date, closures: Sequence[Closure]) -> tuple[date, date] | None:
    """Holy Thursday and Good Friday of the last filing day's year, when they fall from today to the
    last filing day, at most ``HOLY_WEEK_CAUTION`` before it, and no Holy Week period is entered."""
    if last is None:
        return None
    thursday, friday = holy_thursday_and_friday(last.year)
    if not (today <= friday and thursday <= last and last - friday <= HOLY_WEEK_CAUTION):
        return None
    entered = any(
        closure.kind == ClosedBecause.PERIOD
        and closure.period_kind == PeriodKind.HOLY_WEEK
        and closure.overlaps(thursday, friday)
        for closure in closures
    )
    return None if entered else (thursday, friday)


def filing_calendar(
    deadline: Deadline, *, today: date, closures: Sequence[Closure] = (), horizon: Horizon | None = None
) -> FilingCalendar:
    """The deadline's last filing day at an office with these closures, and the days around it."""
    closures = tuple(closures)
    if not deadline.applies or deadline.closes_on is None:
        return FilingCalendar(today=today)
    legal = deadline.closes_on
    last = last_working_day_on_or_before(legal, closures)
    first = None
    if deadline.opens_on is not None and deadline.rule == DeadlineRule.WINDOW_BEFORE_EXPIRY:
        first = first_working_day_on_or_after(deadline.opens_on, closures)
        if first is not None and last is not None and first > last:
            last = None  # a window with no working day in it
    skipped = tuple(closed_days_between(last + timedelta(days=1), legal, closures)) if last else ()
    working = calendar = None
    if last is not None and last >= today:
        working = working_days_between(today, last, closures)
        calendar = (last - today).days
    try_by = last - timedelta(days=horizon.days) if horizon and last else None
    unpublished = _year_end_caution(legal, last, closures)
    previous = _previous_year_end(legal, closures)
    as_before = safe = safe_working = None
    if unpublished and previous is not None and last is not None:
        span = _as_before(previous, legal)
        if span[0] <= last <= span[1]:
            # The last filing day would fall inside it: the day before it is the one to aim for.
            as_before = span
            safe = last_working_day_on_or_before(span[0] - timedelta(days=1), closures)
            if safe is not None and safe >= today:
                safe_working = working_days_between(today, safe, closures)
    holy_week = _holy_week_caution(last, today, closures)
    holy_safe = last_working_day_on_or_before(holy_week[0] - timedelta(days=1), closures) if holy_week else None
    return FilingCalendar(
        today=today,
        legal_last_day=legal,
        last_filing_day=last,
        first_filing_day=first,
        skipped=skipped,
        working_days_left=working,
        calendar_days_left=calendar,
        try_to_book_by=try_by,
        horizon=horizon,
        year_end_unpublished=unpublished,
        previous_year_end=previous,
        year_end_if_as_before=as_before,
        year_end_safe_day=safe,
        year_end_safe_working_days=safe_working,
        holy_week_unpublished=holy_week,
        holy_week_safe_day=holy_safe if holy_safe is not None and holy_safe >= today else None,
        legally_missed=deadline.state in (DeadlineState.MISSED, DeadlineState.LAST_DAY_UNSURE),
    )


# ----------------------------------------------------------------------------- in words


def _unconfirmed(text: str, closure: Closure) -> str:
    return text if closure.confirmed else _("%(text)s (not confirmed by an official source)") % {"text": text}


def why_closed(closed: ClosedDay, *, office_name: str) -> str:
    """The reason a day is not a working day, as the end of a sentence ("…, is a public holiday")."""
    if closed.because == ClosedBecause.WEEKEND:
        return _("falls on a weekend")
    if closed.because == ClosedBecause.REST_DAY:
        return _("is a public holiday under %(laws)s") % {"laws": laws_text(closed.bases)}
    closure = closed.closure
    span = date_range(closure.starts_on, closure.ends_on)
    if closed.because == ClosedBecause.PERIOD:
        text = _("falls in a period when the INM does not attend, %(span)s: %(name)s") % {
            "span": span,
            "name": _label(closure),
        }
    else:
        text = _("falls in a closure of %(office)s, %(span)s: %(text)s") % {
            "office": office_name,
            "span": span,
            "text": _label(closure),
        }
    return _unconfirmed(text, closure)


def also_closed(closed: ClosedDay, *, office_name: str) -> str:
    """Another reason the filing day moves back, as a clause of its own."""
    if closed.because == ClosedBecause.REST_DAY:
        return _("%(date)s is a public holiday too") % {"date": weekday_day_month(closed.day)}
    closure = closed.closure
    span = date_range(closure.starts_on, closure.ends_on)
    if closed.because == ClosedBecause.PERIOD:
        text = _("the INM does not attend %(span)s: %(name)s") % {"span": span, "name": _label(closure)}
    else:
        text = _("%(office)s is closed %(span)s: %(text)s") % {
            "office": office_name,
            "span": span,
            "text": _label(closure),
        }
    return _unconfirmed(text, closure)


def filing_reasons(filing: FilingCalendar, *, office_name: str) -> str:
    """Why the last filing day is before the legal last day, or "" when it is the legal last day."""
    if not filing.moved:
        return ""
    parts = []
    last = filing.legal_last_day_closed
    if last is not None:
        parts.append(
            _("the legal last day, %(date)s, %(why)s")
            % {"date": weekday_day_month(filing.legal_last_day), "why": why_closed(last, office_name=office_name)}
        )
    parts += [also_closed(closed, office_name=office_name) for closed in filing.other_closures]
    return "; ".join(parts)


def filing_headline(filing: FilingCalendar, *, office_name: str) -> str:
    """ "File by Friday 13 November 2026 (the legal last day, Monday 16 November, is a holiday)"."""
    if not filing.open_to_file:
        return ""
    reasons = filing_reasons(filing, office_name=office_name)
    if filing.files_today:
        text = _("File today, %(date)s: it is the last working day to file") % {
            "date": weekday_date(filing.last_filing_day)
        }
    else:
        text = _("File by %(date)s") % {"date": weekday_date(filing.last_filing_day)}
    return f"{text} ({reasons})." if reasons else f"{text}."


def days_left_text(filing: FilingCalendar) -> str:
    """ "8 working days left (12 calendar days)."""
    if filing.working_days_left is None or filing.files_today:
        return ""
    working = ngettext("%(count)d working day left", "%(count)d working days left", filing.working_days_left) % {
        "count": filing.working_days_left
    }
    calendar = ngettext("%(count)d calendar day", "%(count)d calendar days", filing.calendar_days_left) % {
        "count": filing.calendar_days_left
    }
    # Counted from tomorrow (workdays.working_days_between): said so, as today may be a working day too.
    return _("%(working)s after today (%(calendar)s).") % {"working": working, "calendar": calendar}


def year_end_as_before_text(filing: FilingCalendar, *, with_count: bool = True) -> str:
    """The last working day if this year's year-end closure, not yet published, has the dates of
    the last one in our data: the date the applicant can rely on either way. Without the count of
    working days left (``with_count=False``) for a calendar file, which is not read on one day only."""
    if filing.year_end_if_as_before is None or not filing.open_to_file:
        return ""
    start, end = filing.year_end_if_as_before
    words = {"year": filing.previous_year_end.starts_on.year, "span": date_range(start, end)}
    if filing.year_end_safe_working_days is None:
        return _(
            "If the INM closes at the year end on the same dates as in %(year)s (%(span)s), its offices may be "
            "closed now: call the INM (%(phone)s) before you go."
        ) % {**words, "phone": INM_PHONE}
    if filing.year_end_safe_day == filing.today:
        return _(
            "If the INM closes at the year end on the same dates as in %(year)s (%(span)s), today, %(date)s, is "
            "your last working day. File today if you can."
        ) % {**words, "date": weekday_date(filing.today)}
    if not with_count:
        return _(
            "If the INM closes at the year end on the same dates as in %(year)s (%(span)s), your last working day "
            "is %(date)s. File by then if you can."
        ) % {**words, "date": weekday_date(filing.year_end_safe_day)}
    return ngettext(
        "If the INM closes at the year end on the same dates as in %(year)s (%(span)s), your last working day "
        "is %(date)s: %(count)d working day left. File by then if you can.",
        "If the INM closes at the year end on the same dates as in %(year)s (%(span)s), your last working day "
        "is %(date)s: %(count)d working days left. File by then if you can.",
        filing.year_end_safe_working_days,
    ) % {**words, "date": weekday_date(filing.year_end_safe_day), "count": filing.year_end_safe_working_days}


def no_slot_advice(*, office_name: str, last_filing_day: date) -> str:
    """What to do when the portal shows no free slot before the last filing day."""
    return _(
        "If the portal shows no free slot, take a dated screenshot of each attempt (with the date and time "
        "visible) and keep them; then go early in the morning to the information desk of %(office)s, before "
        "%(date)s, with the screenshots and your documents."
    ) % {"office": office_name, "date": weekday_date(last_filing_day)}


def filing_rule_text(procedure) -> str:
    """What the procedure page says of the days to file on, the same rule the packet applies."""
    if procedure.deadline_rule == DeadlineRule.NONE:
        return ""
    return _(
        "When the last day is not a working day of the INM (a Saturday or Sunday, a public holiday under LFPA "
        "art. 28 or LFT art. 74, or a day the office is closed), your packet counts back to the last working day "
        "before it, for your office. That is the safe date: our sources do not say whether such a deadline moves "
        "on to the next working day, and a day early is never late."
    )


# ----------------------------------------------------------------------------- the calendar file


@dataclass(frozen=True)
class DeadlineReminders:
    """The deadline calendar file's reminders, in words: a week before the day to aim for and, on
    the try-to-book-by day, to book. An empty text or no day: that reminder is left out."""

    week_before: str = ""
    week_before_days: int = 7  # before the event (the last filing day)
    book_by_day: date | None = None
    book_by_text: str = ""


def deadline_reminders(
    filing: FilingCalendar, *, procedure_name: str, professional_first: bool = False
) -> DeadlineReminders:
    """What the calendar file reminds of, said as surely as the packet says it.

    A day to aim for before a year-end closure on the dates of the last one in our data (not confirmed) moves the week's
    reminder before that day. The booking reminder says "may" where the portal's horizon is not
    confirmed by an official source, and is left out where a professional must be seen before
    booking (flags.professional_first): the week's reminder then says to see one.
    """
    if not filing.open_to_file:
        return DeadlineReminders()
    today, last, safe = filing.today, filing.last_filing_day, filing.year_end_safe_day
    if professional_first:
        # No booking advice before the professional: the week's reminder is on the legal count alone.
        if last - timedelta(days=7) < today:
            return DeadlineReminders()
        return DeadlineReminders(
            week_before=_(
                "In a week, %(date)s, is the last day to file %(procedure)s, if it is your procedure. See an "
                "immigration professional before then."
            )
            % {"date": weekday_date(last), "procedure": procedure_name}
        )
    aim_year_end = safe is not None and safe >= today
    aim = safe if aim_year_end else last
    week_before = ""
    if aim - timedelta(days=7) >= today:
        week_before = (
            _(
                "In a week, %(date)s, is the last working day before a year-end closure on the dates of %(year)s, "
                "if the INM closes on those dates again (not confirmed). Is your appointment booked?"
            )
            % {"date": weekday_date(safe), "year": filing.previous_year_end.starts_on.year}
            if aim_year_end
            else _("In a week, %(date)s, is the last day to file %(procedure)s. Is your appointment booked?")
            % {"date": weekday_date(last), "procedure": procedure_name}
        )
    book_by_day, book_by_text = None, ""
    if filing.try_to_book_by is not None and filing.try_to_book_by >= today:
        book_by_day = filing.try_to_book_by
        words = {"date": weekday_date(last)}
        if filing.horizon is not None and filing.horizon.confirmed:
            book_by_text = (
                _("Book your INM appointment today: the portal now offers slots up to your last filing day, %(date)s.")
                % words
            )
        else:
            book_by_text = (
                _(
                    "Book your INM appointment today: the portal may now offer slots up to your last filing day, "
                    "%(date)s (not confirmed by an official source)."
                )
                % words
            )
        if aim_year_end:
            book_by_text += " " + _(
                "If you can, take one on or before %(safe)s, the last working day before a year-end closure on the "
                "dates of %(year)s (not confirmed)."
            ) % {"safe": weekday_date(safe), "year": filing.previous_year_end.starts_on.year}
    return DeadlineReminders(week_before, 7 + (last - aim).days, book_by_day, book_by_text)


# ----------------------------------------------------------------------------- flags


def filing_flags(filing: FilingCalendar, *, office_name: str) -> list[Flag]:
    """Flags of the calendar: no working day left, the deadline soon, book now, the year-end caution."""
    flags = []
    if filing.no_filing_day_left:
        flags.append(
            Flag(
                "no_filing_day_left",
                Severity.DANGER,
                _("The legal last day is %(date)s, but our data shows %(office)s closed every day until then.")
                % {"date": weekday_date(filing.legal_last_day), "office": office_name},
                _(
                    "Our data can be wrong. Call the INM (%(phone)s) today, and go to the office on the first day "
                    "it attends, no later than %(date)s."
                )
                % {"phone": INM_PHONE, "date": weekday_date(filing.legal_last_day)},
            )
        )
        return flags
    if not filing.open_to_file:
        return flags
    if filing.soon:
        flags.append(
            Flag(
                "deadline_soon",
                Severity.DANGER,
                ngettext(
                    "Only %(count)d working day left to file: the last filing day is %(date)s.",
                    "Only %(count)d working days left to file: the last filing day is %(date)s.",
                    filing.working_days_left,
                )
                % {"count": filing.working_days_left, "date": weekday_date(filing.last_filing_day)}
                if not filing.files_today
                else _("Today, %(date)s, is the last working day to file.")
                % {"date": weekday_date(filing.last_filing_day)},
                _("Book your appointment today.")
                + " "
                + no_slot_advice(office_name=office_name, last_filing_day=filing.last_filing_day),
            )
        )
    if filing.book_now:
        if filing.horizon.confirmed:
            message = _("Book now: the portal already offers slots up to your last filing day (%(date)s).")
        else:
            # The horizon comes from one unofficial source: say it may, not that it does.
            message = ngettext(
                "Book now: the portal may already offer slots up to your last filing day (%(date)s). It is said to "
                "offer slots about %(days)d day ahead (not confirmed by an official source).",
                "Book now: the portal may already offer slots up to your last filing day (%(date)s). It is said to "
                "offer slots about %(days)d days ahead (not confirmed by an official source).",
                filing.horizon.days,
            )
        flags.append(
            Flag(
                "book_now",
                Severity.WARNING,
                message % {"date": weekday_date(filing.last_filing_day), "days": filing.horizon.days},
                _("Slots go fast. Look in the portal every morning until you get one on or before %(date)s.")
                % {"date": weekday_date(filing.last_filing_day)}
                if filing.year_end_safe_day is None or filing.year_end_safe_day < filing.today
                else _(
                    "Slots go fast. Look in the portal every morning until you get one on or before %(safe)s, the "
                    "last working day before a year-end closure on the dates of %(year)s. Count on %(date)s only "
                    "once the INM confirms it does not close then."
                )
                % {
                    "safe": weekday_date(filing.year_end_safe_day),
                    "date": weekday_date(filing.last_filing_day),
                    "year": filing.previous_year_end.starts_on.year,
                },
            )
        )
    if filing.holy_week_unpublished and filing.open_to_file:
        thursday, friday = filing.holy_week_unpublished
        words = {"thursday": weekday_date(thursday), "friday": weekday_date(friday)}
        flags.append(
            Flag(
                "holy_week",
                Severity.WARNING,
                _(
                    "Holy Thursday and Good Friday (%(thursday)s and %(friday)s) fall in your last days to file: "
                    "federal offices usually close on them, but this year's acuerdo is not in our data yet (not "
                    "confirmed)."
                )
                % words,
                _("File by %(date)s, the working day before them, if you can.")
                % {"date": weekday_date(filing.holy_week_safe_day)}
                if filing.holy_week_safe_day
                else _("Call the INM (%(phone)s) before you go.") % {"phone": INM_PHONE},
            )
        )
    if filing.year_end_unpublished:
        before = filing.previous_year_end
        if before is not None:
            message = _(
                "Your legal last day (%(date)s) falls at the year end. INM offices have closed at the year end "
                "before, %(span)s; this year's dates are not in our data yet."
            ) % {
                "date": weekday_date(filing.legal_last_day),
                "span": _unconfirmed(date_range(before.starts_on, before.ends_on), before),
            }
        else:
            message = _(
                "Your legal last day (%(date)s) falls at the year end, when INM offices may close for some "
                "days; this year's dates are not in our data yet."
            ) % {"date": weekday_date(filing.legal_last_day)}
        flags.append(
            Flag(
                "year_end_closure",
                Severity.WARNING,
                message,
                _(
                    "If they close on the same dates this year, your last working day is %(safe)s: file by then "
                    "if you can, and check the dates with the INM (%(phone)s) before you rely on a later day."
                )
                % {"safe": weekday_date(filing.year_end_safe_day), "phone": INM_PHONE}
                if filing.year_end_safe_day is not None and filing.year_end_safe_day >= filing.today
                else _(
                    "File before 15 December if you can, and check the dates with the INM (%(phone)s) before you "
                    "rely on a day in that period."
                )
                % {"phone": INM_PHONE},
            )
        )
    return flags


@dataclass(frozen=True)
class AppointmentCheck:
    """What the packet questions about a recorded appointment (it is recorded in any case)."""

    day: date
    closed: ClosedDay | None = None
    after_deadline: bool = False
    before_window: date | None = None  # the day the window opens (or the change happened)
    before_entry: date | None = None  # the entry date, for deadlines counted from it


def appointment_check(
    day: date, *, filing: FilingCalendar, deadline: Deadline, closures: Sequence[Closure] = ()
) -> AppointmentCheck:
    """An appointment's day against the office's closures and the deadline's days."""
    before_window = before_entry = None
    if deadline.applies and deadline.opens_on is not None and day < deadline.opens_on:
        # A canje counts from the entry; a visitor's change of status opens with the stay, at entry too.
        if deadline.rule in (DeadlineRule.DAYS_AFTER_ENTRY, DeadlineRule.BEFORE_STAY_ENDS):
            before_entry = deadline.opens_on
        else:
            before_window = deadline.opens_on
    after = bool(
        filing.applies
        and not filing.legally_missed
        and (filing.last_filing_day is None or day > filing.last_filing_day)
    )
    return AppointmentCheck(
        day=day,
        closed=closed_day(day, tuple(closures)),
        after_deadline=after,
        before_window=before_window,
        before_entry=before_entry,
    )


def appointment_flags(check: AppointmentCheck, *, filing: FilingCalendar, deadline: Deadline, office_name: str):
    """Flags of a recorded appointment: after the deadline, before the window, on a closed day."""
    flags = []
    when = weekday_date(check.day)
    if check.after_deadline:
        if filing.last_filing_day is not None and filing.last_filing_day >= filing.today:
            suggestion = (
                _("Look in the portal now for a slot on or before %(date)s, and record the new one here.")
                % {"date": weekday_date(filing.last_filing_day)}
                + " "
                + no_slot_advice(office_name=office_name, last_filing_day=filing.last_filing_day)
            )
        else:
            suggestion = _("Call the INM (%(phone)s) today and ask what you can still do before %(date)s.") % {
                "phone": INM_PHONE,
                "date": weekday_date(filing.legal_last_day),
            }
        flags.append(
            Flag(
                "appointment_after_deadline",
                Severity.DANGER,
                _("Your appointment (%(when)s) is after your last filing day (%(date)s).")
                % {"when": when, "date": weekday_date(filing.last_filing_day or filing.legal_last_day)},
                suggestion,
            )
        )
    if check.before_entry is not None:
        flags.append(
            Flag(
                "appointment_before_entry",
                Severity.WARNING,
                _("Your appointment (%(when)s) is before the day you entered Mexico (%(date)s).")
                % {"when": when, "date": weekday_date(check.before_entry)},
                _("Check both dates: the date of entry on your FMM or stamp decides your deadline."),
            )
        )
    if check.before_window is not None:
        if deadline.rule == DeadlineRule.DAYS_AFTER_CHANGE:
            message = _("Your appointment (%(when)s) is before the date of the change (%(date)s).")
        else:
            message = _("Your appointment (%(when)s) is before your window opens (%(date)s).")
        flags.append(
            Flag(
                "appointment_before_window",
                Severity.DANGER,
                message % {"when": when, "date": weekday_date(check.before_window)},
                _(
                    "The office may refuse a filing made before then. Book a new slot on or after %(date)s, "
                    "and record it here."
                )
                % {"date": weekday_date(filing.first_filing_day or check.before_window)},
            )
        )
    if check.closed is not None and check.closed.because != ClosedBecause.WEEKEND:
        flags.append(
            Flag(
                "appointment_on_closed_day",
                Severity.WARNING,
                _("Your appointment is on %(when)s, a day our data shows %(office)s does not attend: it %(why)s.")
                % {"when": when, "office": office_name, "why": why_closed(check.closed, office_name=office_name)},
                _(
                    "Our data can be wrong: check the date on the portal's confirmation, and call the INM "
                    "(%(phone)s) before you go."
                )
                % {"phone": INM_PHONE},
            )
        )
    return flags


# ----------------------------------------------------------------------------- from the catalogue


def office_closures(office, *, periods: Sequence = (), notices: Sequence = (), spanish: bool = False) -> tuple:
    """The closures that hold at ``office``: the DOF periods for every office or for it, and its
    notices of the closed kind (rows of ``NonWorkingPeriod`` and ``OfficeNotice``), labelled in the
    reader's language."""
    office_id = getattr(office, "pk", None)
    closures = [
        Closure(
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            kind=ClosedBecause.PERIOD,
            label=period.name_es if spanish else period.name_en,
            confirmed=period.confidence == Confidence.VERIFIED,
            source=period.acuerdo,
            period_kind=period.kind,
        )
        for period in periods
        if period.office_id is None or period.office_id == office_id
    ]
    closures += [
        Closure(
            starts_on=notice.starts_on,
            ends_on=notice.ends_on,
            kind=ClosedBecause.OFFICE_CLOSURE,
            label=notice.text_es if spanish else notice.text_en,
        )
        for notice in notices
        if notice.office_id == office_id
    ]
    return tuple(sorted(closures, key=lambda closure: closure.starts_on))


def closures_ahead(closures: Sequence[Closure], *, today: date) -> tuple[Closure, ...]:
    """The closures not over yet, soonest first: what the packet shows beside the deadline."""
    return tuple(closure for closure in closures if closure.ends_on is None or closure.ends_on >= today)
