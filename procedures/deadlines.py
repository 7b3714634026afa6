"""Legal deadlines of the procedures. Pure functions of catalogue rows and the applicant's situation.

All deadlines are in calendar days (días naturales). The anchor day is day 0 and the last day
counts: a canje filed on entry + 30 is on time, on entry + 31 it is late. A change of status
from a visitor is filed while the visitor's authorised stay is valid: its last day is the last
day of the stay. "Today" is today in Mexico City, whatever the server's clock zone. These are the
law's days; the days an office attends (the last filing day, weekends, holidays, closures) are
``filing.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DeadlineRule, Procedure
from .situation import Situation
from .traits import traits_for

MEXICO_CITY = ZoneInfo("America/Mexico_City")


def _anchor(rule: str, situation: Situation) -> date | None:
    """The date each rule counts from (or, for the stay, ends on)."""
    if rule == DeadlineRule.DAYS_AFTER_ENTRY:
        return situation.document.entry_date
    if rule == DeadlineRule.WINDOW_BEFORE_EXPIRY:
        return situation.document.card_expires
    if rule == DeadlineRule.DAYS_AFTER_CHANGE:
        return situation.change.date if situation.change else None
    if rule == DeadlineRule.BEFORE_STAY_ENDS:
        return situation.stay.until if situation.stay else None
    return None


def last_day_after_entry(entry: date, days: int) -> date:
    """The last of ``days`` calendar days "contados a partir de su ingreso" (LM art. 59).

    No source says whether the day of entry is the first of them. Counting it gives the earlier
    last day, the one that cannot be late; the FMM's own days are counted that way too.
    """
    return entry + timedelta(days=days - 1)


def later_last_day_after_entry(entry: date, days: int) -> date:
    """The same last day counted from the day after entry: the other reading of LM art. 59. On
    that day the packet says neither "missed" nor "open", but that the count is unsure."""
    return entry + timedelta(days=days)


class DeadlineState(models.TextChoices):
    NO_DEADLINE = "no_deadline", gettext_lazy("No legal deadline")
    NOT_APPLICABLE = "not_applicable", gettext_lazy("No deadline in your case")
    UNKNOWN = "unknown", gettext_lazy("Date needed")
    NOT_OPEN = "not_open", gettext_lazy("Not open yet")
    OPEN = "open", gettext_lazy("Open")
    CLOSES_TODAY = "closes_today", gettext_lazy("Closes today")
    # Past the last day we count, not past the one of the other reading of the law (today).
    LAST_DAY_UNSURE = "last_day_unsure", gettext_lazy("Perhaps today, by the other count")
    MISSED = "missed", gettext_lazy("Missed")


@dataclass(frozen=True)
class Deadline:
    """Where an applicant stands against a procedure's deadline on a given day."""

    rule: str
    state: str
    basis: str = ""
    source: str = ""
    days: int | None = None
    anchor: date | None = None
    opens_on: date | None = None
    closes_on: date | None = None
    days_left: int | None = None
    advice: str = ""
    later_closes_on: date | None = None  # the last day by the other reading, where they differ

    @property
    def applies(self) -> bool:
        return self.state not in (DeadlineState.NO_DEADLINE, DeadlineState.NOT_APPLICABLE)


def mexico_today(now: datetime) -> date:
    """The date in Mexico City at the instant ``now`` (an aware datetime)."""
    return now.astimezone(MEXICO_CITY).date()


def long_date(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def deadline_for(procedure: Procedure, situation: Situation, *, conditions: frozenset[str]) -> Deadline:
    """The procedure's deadline for this situation on its day (a date in Mexico City)."""
    today = situation.today
    rule = procedure.deadline_rule
    if rule == DeadlineRule.NONE:
        return Deadline(rule=rule, state=DeadlineState.NO_DEADLINE)
    common = {"rule": rule, "basis": procedure.deadline_basis, "source": procedure.deadline_source}
    days = procedure.deadline_days
    applies = procedure.deadline_condition in conditions
    if rule == DeadlineRule.BEFORE_STAY_ENDS:
        # Only a visitor's FMM or stamp has an authorised stay; a card holder's change has none.
        applies = applies and situation.document.is_visitor_fmm
    if not applies:
        return Deadline(state=DeadlineState.NOT_APPLICABLE, days=days, **common)
    anchor = _anchor(rule, situation)
    if anchor is None:
        return Deadline(state=DeadlineState.UNKNOWN, days=days, **common)
    later = None
    if rule == DeadlineRule.WINDOW_BEFORE_EXPIRY:
        opens_on, closes_on = anchor - timedelta(days=days), anchor
    elif rule == DeadlineRule.BEFORE_STAY_ENDS:
        opens_on, closes_on = situation.document.entry_date, anchor
    elif rule == DeadlineRule.DAYS_AFTER_ENTRY:
        opens_on, closes_on = anchor, last_day_after_entry(anchor, days)
        later = later_last_day_after_entry(anchor, days)
    else:
        opens_on, closes_on = anchor, anchor + timedelta(days=days)
    if opens_on is not None and today < opens_on:
        state = DeadlineState.NOT_OPEN
    elif today < closes_on:
        state = DeadlineState.OPEN
    elif today == closes_on:
        state = DeadlineState.CLOSES_TODAY
    elif later is not None and today <= later:
        state = DeadlineState.LAST_DAY_UNSURE
    else:
        state = DeadlineState.MISSED
    deadline = Deadline(
        state=state,
        days=days,
        anchor=anchor,
        opens_on=opens_on,
        closes_on=closes_on,
        days_left=(closes_on - today).days if today <= closes_on else None,
        later_closes_on=later,
        **common,
    )
    return replace(deadline, advice=_advice(procedure.slug, deadline))


def _advice(slug: str, deadline: Deadline) -> str:
    """What to do when the window is not open yet, or has been missed."""
    if deadline.state == DeadlineState.NOT_OPEN:
        return _("The window opens on %(date)s: you cannot file before then, so book an appointment from that day.") % {
            "date": long_date(deadline.opens_on)
        }
    if deadline.state == DeadlineState.LAST_DAY_UNSURE:
        return _(
            "By the count we use, the day you entered being the first, your last day was %(last)s. Counted from "
            "the day after you entered, it is today, %(today)s: the law does not say which count the INM uses. "
            "Do not assume it is too late, and do not wait: today, call the INM (800 004 6264: Monday to Friday "
            "07:00-23:00, weekends 09:00-17:00) or go to the office and ask whether they still take your filing, "
            "and see an immigration professional."
        ) % {"last": long_date(deadline.closes_on), "today": long_date(deadline.later_closes_on)}
    if deadline.state != DeadlineState.MISSED:
        return ""
    if deadline.rule == DeadlineRule.DAYS_AFTER_CHANGE:
        return _(
            "The 90 days have passed. File the notice anyway as soon as you can: the INM may fine you between 20 "
            "and 100 days of UMA (Ley de Migración art. 158)."
        )
    if deadline.rule == DeadlineRule.BEFORE_STAY_ENDS:
        return _(
            "Your authorised stay as a visitor has ended: a change of status is no longer possible. What remains "
            "is a regularisation, which needs no appointment: you go in person to the INM office. A fine applies."
        )
    if traits_for(slug).expired_card_becomes:
        return _(
            "Your card has expired, so this procedure is no longer possible. What remains is a regularisation "
            "for an expired document (Regularización por tener documento vencido), which needs no appointment: "
            "you go in person to the INM office. A fine applies."
        )
    if traits_for(slug).visa_picks_card:
        # A canje: the resident visa is exchanged within 30 days of entry, or not at all.
        return _(
            "More than 30 days have passed since you entered Mexico: the visa can no longer be exchanged. See an "
            "immigration professional before doing anything else; you may need a new visa from a consulate."
        )
    return _("The deadline has passed. See an immigration professional before filing.")


def deadline_rule_text(procedure: Procedure) -> str:
    """The procedure's deadline rule in words, in the active language."""
    days = procedure.deadline_days
    if procedure.deadline_rule == DeadlineRule.DAYS_AFTER_ENTRY:
        return (
            _("Within %(days)d calendar days counted from the day you enter Mexico.") % {"days": days}
            + " "
            + _(
                "The day you enter counts as the first: the law does not say whether it does, and counting it "
                "gives the earlier last day."
            )
        )
    if procedure.deadline_rule == DeadlineRule.WINDOW_BEFORE_EXPIRY:
        return _("In the last %(days)d calendar days before your card expires: not earlier, and not after.") % {
            "days": days
        }
    if procedure.deadline_rule == DeadlineRule.DAYS_AFTER_CHANGE:
        return _("Within %(days)d calendar days after the change.") % {"days": days}
    if procedure.deadline_rule == DeadlineRule.BEFORE_STAY_ENDS:
        return _(
            "A visitor files while the authorised stay is valid: on or before the last day of the stay given on "
            "the FMM or entry stamp. After it, only a regularisation is possible."
        )
    return _("No legal deadline.")
