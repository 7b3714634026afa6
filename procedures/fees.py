"""Fees: what a preparation owes in a year. Pure functions of catalogue rows and the situation.

Amounts come from the Ley Federal de Derechos (LFD), updated every January. A year with no amount
yet is answered with the last known year, flagged; an amount derived by the inflation factor is
an estimate until staff confirm it; the fine of a regularisation has no amount, the INM sets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import FeeAmount, FeeKind, FeeSchedule, ProcedureFee
from .situation import Situation
from .traits import traits_for
from .vocabulary import CurrentDocument

# The card schedules a "card after approval" link stands for (whichever status is granted).
CARD_SCHEDULES = ("rt_card", "rp_card")

# The answers a fee link's ``variant_from`` may name, read from the situation.
VARIANT_ANSWERS = {
    "status.years_requested": lambda situation: situation.document.years_requested,
}


def fee_variant(variant_from: str, situation: Situation) -> str:
    """The variant an answer picks (e.g. "2" for a card of two years); empty when none is given."""
    read = VARIANT_ANSWERS.get(variant_from)
    value = read(situation) if read else None
    return "" if value in (None, "") else str(value)


@dataclass(frozen=True)
class YearAmounts:
    """The amounts of one fee schedule for the year asked, or for the last year that has any."""

    year_asked: int
    year_shown: int | None
    amounts: tuple[FeeAmount, ...] = field(default_factory=tuple)

    @property
    def is_fallback(self) -> bool:
        """True when the year asked has no amount and an earlier year is shown instead."""
        return self.year_shown is not None and self.year_shown != self.year_asked


def amounts_for_year(amounts: Iterable[FeeAmount], year: int) -> YearAmounts:
    """The amounts of ``year``; if it has none, those of the last earlier year with an amount.

    An amount no source gives stays missing: a row with no amount never counts as "known".
    """
    known = [amount for amount in amounts if amount.amount_mxn is not None and amount.year <= year]
    if not known:
        return YearAmounts(year_asked=year, year_shown=None)
    shown = max(amount.year for amount in known)
    rows = tuple(sorted((a for a in known if a.year == shown), key=lambda a: a.variant))
    return YearAmounts(year_asked=year, year_shown=shown, amounts=rows)


@dataclass(frozen=True)
class FeeLine:
    """One fee an applicant pays (or is told about), with what the packet needs to show it."""

    schedule: FeeSchedule
    when: str
    kind: str
    year: YearAmounts | None = None
    variant: str = ""
    exempt_reason: str = ""
    card_options: tuple[tuple[FeeSchedule, YearAmounts], ...] = ()

    @property
    def amounts(self) -> tuple[FeeAmount, ...]:
        """The amount for the applicant's variant, or every variant when no answer picks one."""
        if self.year is None:
            return ()
        if self.variant:
            return tuple(amount for amount in self.year.amounts if amount.variant == self.variant)
        return self.year.amounts

    @property
    def total(self) -> Decimal | None:
        """The amount to pay when there is exactly one; None when it is unknown or depends."""
        if self.kind == FeeKind.FREE or self.exempt_reason:
            return Decimal("0")
        amounts = self.amounts
        return amounts[0].amount_mxn if len(amounts) == 1 else None

    @property
    def is_estimate(self) -> bool:
        return any(amount.is_estimate for amount in self.amounts)

    @property
    def year_unconfirmed(self) -> bool:
        """The year asked has no confirmed amount: a fallback year or an estimate is shown."""
        if self.kind != FeeKind.AMOUNTS or self.exempt_reason:
            return False
        return self.year is None or self.year.year_shown is None or self.year.is_fallback or self.is_estimate


def fees_owed(
    links: Iterable[ProcedureFee],
    *,
    situation: Situation,
    conditions: frozenset[str],
    year: int,
    card_schedules: Iterable[FeeSchedule] = (),
) -> list[FeeLine]:
    """The fees of a procedure whose condition holds, for ``year``, in the links' order.

    ``card_schedules`` are the rt_card and rp_card schedules (with their amounts), shown for a
    "card after approval" link since the card depends on the status the INM grants.
    """
    cards = {schedule.key: schedule for schedule in card_schedules if schedule.key in CARD_SCHEDULES}
    student = _is_student(situation, conditions)
    lines = []
    for link in sorted(links, key=lambda link: link.position):
        if link.condition not in conditions:
            continue
        schedule = link.schedule
        if schedule.kind == FeeKind.CARD_AFTER_APPROVAL:
            options = tuple(
                (cards[key], amounts_for_year(cards[key].amounts.all(), year)) for key in CARD_SCHEDULES if key in cards
            )
            lines.append(FeeLine(schedule=schedule, when=link.when, kind=schedule.kind, card_options=options))
            continue
        if schedule.kind != FeeKind.AMOUNTS:
            lines.append(FeeLine(schedule=schedule, when=link.when, kind=schedule.kind))
            continue
        exempt = ""
        if student and schedule.key in CARD_SCHEDULES:
            exempt = _("Student residents pay no card fee for this procedure (one secondary source: confirm with INM).")
        variant = fee_variant(link.variant_from, situation) if link.variant_from else ""
        lines.append(
            FeeLine(
                schedule=schedule,
                when=link.when,
                kind=schedule.kind,
                year=amounts_for_year(schedule.amounts.all(), year),
                variant=variant,
                exempt_reason=exempt,
            )
        )
    charges_a_card = any(line.schedule.key in CARD_SCHEDULES for line in lines)
    if student and traits_for(situation.procedure_slug).visa_picks_card and not charges_a_card and "rt_card" in cards:
        # A student visa matches no card fee link of the canje: say why nothing is charged.
        lines.append(
            FeeLine(
                schedule=cards["rt_card"],
                when="at_filing",
                kind=FeeKind.AMOUNTS,
                year=amounts_for_year(cards["rt_card"].amounts.all(), year),
                exempt_reason=_(
                    "Student residents pay no card fee for the canje (one secondary source: confirm with INM)."
                ),
            )
        )
    return lines


def _is_student(situation: Situation, conditions: frozenset[str]) -> bool:
    traits = traits_for(situation.procedure_slug)
    if not traits.student_card_fee_exempt:
        return False
    if traits.visa_picks_card:
        return "visa_student" in conditions
    return situation.document.kind == CurrentDocument.STUDENT_CARD
