"""Fees: what a preparation owes in a year. Pure functions of catalogue rows and the situation.

Amounts come from the Ley Federal de Derechos (LFD), updated every January: the year that counts
is the year of the filing (``fee_date``: the appointment, or the first day the applicant can
file). A year with no amount yet is answered with the last known year, flagged; an amount derived
by the inflation factor is an estimate until staff confirm it; the fine of a regularisation has
no amount, the INM sets it. A card fee the 2026 decree may halve carries a note beside the full
amount, never a halved amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Confidence, FeeAmount, FeeKind, FeeSchedule, HalfFee, ProcedureFee
from .situation import Situation
from .traits import traits_for
from .vocabulary import CurrentDocument

# The card schedules a "card after approval" link stands for (whichever status is granted).
CARD_SCHEDULES = ("rt_card", "rp_card")

# The answers a fee link's ``variant_from`` may name, read from the situation.
VARIANT_ANSWERS = {
    "status.years_requested": lambda situation: situation.document.years_requested,
}


# ----------------------------------------------------------------------------- the year that counts


class FeeDateReason:
    APPOINTMENT = "appointment"  # the recorded appointment: the day of the filing
    WINDOW_OPENS = "window_opens"  # no appointment, and the window opens later: its first day
    TODAY = "today"  # no appointment: today, the earliest day of a filing


@dataclass(frozen=True)
class FeeDate:
    """The day whose year's amounts the packet shows, and why that day."""

    on: date
    reason: str

    @property
    def year(self) -> int:
        return self.on.year


def fee_date(*, today: date, appointment_on: date | None = None, window_opens_on: date | None = None) -> FeeDate:
    """The day the applicant pays: the appointment's day when one is recorded (fees are paid for
    the filing); else the first day they can file, today or the day their window opens."""
    if appointment_on is not None:
        return FeeDate(appointment_on, FeeDateReason.APPOINTMENT)
    if window_opens_on is not None and window_opens_on > today:
        return FeeDate(window_opens_on, FeeDateReason.WINDOW_OPENS)
    return FeeDate(today, FeeDateReason.TODAY)


# ----------------------------------------------------------------------------- the 2026 decree

# The decree of the DOF of 7 November 2025 doubles the resident-card fees from 1 January 2026 and
# halves them for family unity and a job offer in Mexico (FACTS.md §0 and the corrections of
# 2026-12-01 [S: unotv.com 2026-01-25; El Economista]). It amends LFD art. 8 fr. VI and VII (the
# cards): the note goes beside those fees only. How the window applies it is not yet clear, so it
# is never the amount to pay, and it stays secondary until the DOF text is read.
HALF_FEE_FROM_YEAR = 2026
HALF_FEE_SCHEDULES = frozenset({"rt_card", "rp_card", "card_after_approval"})
HALF_FEE_SOURCES = ("https://www.unotv.com", "https://www.eleconomista.com.mx")
HALF_FEE_TEXTS = {
    HalfFee.FAMILY_UNITY: gettext_lazy(
        "May be reduced by half for family unity (decree published in the DOF on 7 November 2025): confirm at "
        "the office before paying."
    ),
    HalfFee.JOB_OFFER: gettext_lazy(
        "May be reduced by half for a job offer in Mexico (decree published in the DOF on 7 November 2025): "
        "confirm at the office before paying."
    ),
    HalfFee.IF_RESIDENCE_RESTS_ON_EITHER: gettext_lazy(
        "If your residence rests on family unity or on a job offer in Mexico, it may be reduced by half (decree "
        "published in the DOF on 7 November 2025): confirm at the office before paying."
    ),
}


@dataclass(frozen=True)
class HalfFeeNote:
    """The decree's reduction, shown beside the full amount: a note, not an amount."""

    text: str
    confidence: str = Confidence.SECONDARY
    sources: tuple[str, ...] = HALF_FEE_SOURCES


def half_fee_note(slug: str, schedule_key: str, year: int) -> HalfFeeNote | None:
    """The decree's note for this procedure's card fee in ``year``, if it may apply."""
    basis = traits_for(slug).half_fee
    if not basis or schedule_key not in HALF_FEE_SCHEDULES or year < HALF_FEE_FROM_YEAR:
        return None
    return HalfFeeNote(text=str(HALF_FEE_TEXTS[basis]))


# ----------------------------------------------------------------------------- fee lines


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


# A schedule whose article ends in "a)–d)" gives one amount per card term, in that order (the LFD's
# incisos, in its own words: the concept printed on the payment sheet does not name the term).
INCISOS_SPAN = "a)–d)"
VARIANT_INCISOS = {"1": "a), hasta un año", "2": "b), dos años", "3": "c), tres años", "4": "d), cuatro años"}


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
    half_fee: HalfFeeNote | None = None

    @property
    def amounts(self) -> tuple[FeeAmount, ...]:
        """The amount for the applicant's variant, or every variant when no answer picks one."""
        if self.year is None:
            return ()
        if self.variant:
            return tuple(amount for amount in self.year.amounts if amount.variant == self.variant)
        return self.year.amounts

    @property
    def legal_basis(self) -> str:
        """The schedule's article, narrowed to the applicant's inciso where one variant is shown:
        LFD art. 8 fr. VI gives a temporary card's fee by years, a) up to one year to d) four years
        (../shared/reference/procedures.yaml, fee_schedules.rt_card)."""
        basis = self.schedule.legal_basis
        inciso = VARIANT_INCISOS.get(self.variant)
        if inciso and basis.endswith(INCISOS_SPAN) and len(self.amounts) == 1:
            return basis.removesuffix(INCISOS_SPAN) + inciso
        return basis

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
    def is_confirmed(self) -> bool:
        """Every amount shown is verified (and the year shown is the year asked): else the line
        carries "not confirmed" wherever it appears."""
        if self.kind == FeeKind.CARD_AFTER_APPROVAL:
            years = [year for _schedule, year in self.card_options]
            return all(year_is_confirmed(year) for year in years)
        if self.kind != FeeKind.AMOUNTS or self.exempt_reason:
            return True
        return self.year is not None and year_is_confirmed(self.year, self.amounts)

    @property
    def card_choices(self) -> tuple[tuple[FeeSchedule, YearAmounts, bool], ...]:
        """Each card the INM may grant, its amounts and whether they are confirmed."""
        return tuple((schedule, year, year_is_confirmed(year)) for schedule, year in self.card_options)

    @property
    def asked_year(self) -> int | None:
        """The year whose amounts were asked for (the year of the filing)."""
        if self.year is not None:
            return self.year.year_asked
        return next((year.year_asked for _schedule, year in self.card_options), None)

    @property
    def shown_year(self) -> int | None:
        """The year the amounts shown belong to (the last known one when the year asked has none)."""
        if self.kind == FeeKind.CARD_AFTER_APPROVAL:
            return max((year.year_shown for _schedule, year in self.card_options if year.year_shown), default=None)
        return self.year.year_shown if self.year else None

    @property
    def is_fallback(self) -> bool:
        """The year asked has no amounts yet: an earlier year's are shown."""
        if self.kind == FeeKind.CARD_AFTER_APPROVAL:
            return any(year.is_fallback for _schedule, year in self.card_options)
        return (
            self.kind == FeeKind.AMOUNTS and not self.exempt_reason and self.year is not None and self.year.is_fallback
        )

    @property
    def owes(self) -> bool:
        """Something is paid for this line (now or after approval): the packet says how to pay."""
        return not self.exempt_reason and self.kind != FeeKind.FREE

    @property
    def year_unconfirmed(self) -> bool:
        """The year asked has no confirmed amount: a fallback year or an estimate is shown."""
        if self.kind == FeeKind.CARD_AFTER_APPROVAL:
            return self.is_fallback
        if self.kind != FeeKind.AMOUNTS or self.exempt_reason:
            return False
        return self.year is None or self.year.year_shown is None or self.year.is_fallback or self.is_estimate


def year_is_confirmed(year: YearAmounts, amounts: Iterable[FeeAmount] | None = None) -> bool:
    """The year shown is the year asked, and every amount shown is verified (not an estimate)."""
    amounts = tuple(year.amounts if amounts is None else amounts)
    if year.year_shown is None or year.is_fallback or not amounts:
        return False
    return all(amount.confidence == Confidence.VERIFIED and not amount.is_estimate for amount in amounts)


def fees_to_pay(lines: Iterable[FeeLine]) -> bool:
    """Whether anything is owed: only then does the packet say how to pay."""
    return any(line.owes for line in lines)


def payment_times(lines: Iterable[FeeLine]) -> frozenset[str]:
    """When the owed fees are paid (``FeeWhen``): at filing, after approval, or both. A card fee
    paid after the resolution must not be paid before the appointment with the others."""
    return frozenset(line.when for line in lines if line.owes)


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
            lines.append(
                FeeLine(
                    schedule=schedule,
                    when=link.when,
                    kind=schedule.kind,
                    card_options=options,
                    half_fee=half_fee_note(situation.procedure_slug, schedule.key, year),
                )
            )
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
                half_fee=None if exempt else half_fee_note(situation.procedure_slug, schedule.key, year),
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
