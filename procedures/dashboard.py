"""What staff should look at first, on the admin's index: each line a count and a link to the
filtered list that shows those rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    STALE_AFTER,
    BookingHorizon,
    ChecklistItem,
    Confidence,
    FeeAmount,
    FeeKind,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    OfficeNotice,
    PeriodKind,
    ProblemReport,
    Procedure,
    ReportStatus,
    UmaValue,
)

FACT_MODELS = (
    Procedure,
    ChecklistItem,
    GeneralRule,
    Mistake,
    FeeSchedule,
    FeeAmount,
    Office,
    NonWorkingPeriod,
    BookingHorizon,
    UmaValue,
)
BILINGUAL_MODELS = (
    Procedure,
    ChecklistItem,
    GeneralRule,
    Mistake,
    FeeSchedule,
    Office,
    OfficeNotice,
    NonWorkingPeriod,
    BookingHorizon,
)


@dataclass(frozen=True)
class DashboardLine:
    text: str
    count: int
    url: str
    urgent: bool = False


@dataclass(frozen=True)
class DashboardSection:
    title: str
    lines: tuple[DashboardLine, ...]
    all_clear: str


def what(model, count: int) -> str:
    """The model's name, singular for one."""
    return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)


def changelist(model, **params) -> str:
    url = reverse(f"admin:procedures_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def unconfirmed_amounts(year: int):
    """Amounts of ``year`` that are given but not confirmed (not verified, or estimates)."""
    return FeeAmount.objects.filter(year=year, amount_mxn__isnull=False).filter(
        ~Q(confidence=Confidence.VERIFIED) | Q(is_estimate=True)
    )


def schedules_missing_year(year: int):
    """Fees with yearly amounts that have no amount at all for ``year``."""
    given = FeeAmount.objects.filter(year=year, amount_mxn__isnull=False).values("schedule_id")
    return FeeSchedule.objects.filter(kind=FeeKind.AMOUNTS).exclude(pk__in=given)


def offices_without_contact():
    return Office.objects.active().filter(Q(address="") | Q(hours_en="", hours_es=""))


def missing_periods(today: date) -> list[tuple[PeriodKind, int]]:
    """The DOF periods staff have not entered yet: this year's year-end closure, and next year's
    Holy Week and year-end closure (the INM publishes each acuerdo before the period)."""
    wanted = [
        (PeriodKind.YEAR_END, today.year),
        (PeriodKind.HOLY_WEEK, today.year + 1),
        (PeriodKind.YEAR_END, today.year + 1),
    ]
    return [
        (kind, year)
        for kind, year in wanted
        if not NonWorkingPeriod.objects.filter(kind=kind, office__isnull=True, starts_on__year=year).exists()
    ]


def dashboard_sections(*, today: date, queue_depth: int | None = None) -> list[DashboardSection]:
    """The staff dashboard, as of ``today`` (Mexico City's date)."""
    from .admin import holy_week_link, year_end_link

    sections = []
    stale = [
        DashboardLine(
            ngettext(
                "%(count)d %(what)s not verified in %(days)d days",
                "%(count)d %(what)s not verified in %(days)d days",
                count,
            )
            % {
                "count": count,
                "what": what(model, count),
                "days": STALE_AFTER.days,
            },
            count,
            changelist(model, not_verified_since=str(STALE_AFTER.days)),
        )
        for model in FACT_MODELS
        if (count := model.objects.needing_verification(today).count())
    ]
    sections.append(
        DashboardSection(_("Facts to verify"), tuple(stale), _("Every fact was verified in the last 180 days."))
    )

    fees = []
    for year in (today.year, today.year + 1):
        days = (date(year, 1, 1) - today).days
        when = (
            ngettext("in force from 1 January, in %(days)d day", "in force from 1 January, in %(days)d days", days)
            % {"days": days}
            if days > 0
            else _("in force now")
        )
        unconfirmed = unconfirmed_amounts(year).count()
        missing = schedules_missing_year(year).count()
        urgent = 0 < days <= 45
        if unconfirmed:
            fees.append(
                DashboardLine(
                    ngettext(
                        "%(year)d: %(count)d fee amount not confirmed (%(when)s)",
                        "%(year)d: %(count)d fee amounts not confirmed (%(when)s)",
                        unconfirmed,
                    )
                    % {"year": year, "count": unconfirmed, "when": when},
                    unconfirmed,
                    changelist(FeeAmount, year=str(year), confirmed="no"),
                    urgent,
                )
            )
        if missing:
            fees.append(
                DashboardLine(
                    ngettext(
                        "%(year)d: %(count)d fee without an amount (%(when)s)",
                        "%(year)d: %(count)d fees without an amount (%(when)s)",
                        missing,
                    )
                    % {"year": year, "count": missing, "when": when},
                    missing,
                    changelist(FeeSchedule, missing_year=str(year)),
                    urgent,
                )
            )
    sections.append(DashboardSection(_("Fees"), tuple(fees), _("This year's and next year's fees are confirmed.")))

    work = []
    reports = ProblemReport.objects.filter(status__in=[ReportStatus.NEW, ReportStatus.IN_PROGRESS]).count()
    if reports:
        work.append(
            DashboardLine(
                ngettext("%(count)d open problem report", "%(count)d open problem reports", reports)
                % {"count": reports},
                reports,
                changelist(ProblemReport, status="open"),
                True,
            )
        )
    for model in BILINGUAL_MODELS:
        count = model.objects.exclude(stale_translations=[]).count()
        if count:
            work.append(
                DashboardLine(
                    ngettext(
                        "%(count)d %(what)s with a translation to update",
                        "%(count)d %(what)s with a translation to update",
                        count,
                    )
                    % {"count": count, "what": what(model, count)},
                    count,
                    changelist(model, translations="stale"),
                )
            )
    offices = offices_without_contact().count()
    if offices:
        work.append(
            DashboardLine(
                ngettext(
                    "%(count)d office without an address or hours",
                    "%(count)d offices without an address or hours",
                    offices,
                )
                % {"count": offices},
                offices,
                changelist(Office, contact="incomplete"),
            )
        )
    for kind, year in missing_periods(today):
        text = (
            _("Holy Week %(year)d not entered (DOF acuerdo)")
            if kind == PeriodKind.HOLY_WEEK
            else _("Year-end closure %(year)d not entered (DOF acuerdo)")
        ) % {"year": year}
        url = holy_week_link(year)["url"] if kind == PeriodKind.HOLY_WEEK else year_end_link(year)
        work.append(DashboardLine(text, 1, url, kind == PeriodKind.YEAR_END and year == today.year))
    if queue_depth:
        work.append(
            DashboardLine(
                ngettext(
                    "%(count)d packet PDF waiting to be rendered",
                    "%(count)d packet PDFs waiting to be rendered",
                    queue_depth,
                )
                % {"count": queue_depth},
                queue_depth,
                "",
                queue_depth > 50,
            )
        )
    sections.append(DashboardSection(_("To do"), tuple(work), _("Nothing else waits.")))
    return sections
