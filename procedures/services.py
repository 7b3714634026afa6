"""Writes that touch the reference catalogue or several rows: called by admin and views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Confidence, FeeAmount, FeeSchedule, Office, ProblemReport, Procedure, ReferenceFact


@transaction.atomic
def reference_mark_verified(*, facts: Iterable[ReferenceFact], on: date) -> int:
    """Record that staff checked these facts' sources today: verified, checked on ``on``.

    Each row is saved on its own so that its history records who checked it and when.
    """
    count = 0
    for fact in facts:
        fact.confidence = Confidence.VERIFIED
        fact.last_verified = on
        if isinstance(fact, FeeAmount):
            # A checked amount is no longer an estimate.
            fact.is_estimate = False
        fact._change_reason = "marked verified"
        fact.save()
        count += 1
    return count


@transaction.atomic
def fee_year_open(*, schedule: FeeSchedule, from_year: int, factor: Decimal) -> tuple[list[FeeAmount], list[str]]:
    """Open year N+1 of a fee from year N by a factor (the LFD's official inflation factor).

    The new amounts are estimates, not confirmed, until staff check the published LFD. A
    variant with no amount in year N stays missing; a variant already present in N+1 is kept.
    Returns the created amounts and the variants skipped, with the reason.
    """
    to_year = from_year + 1
    created, skipped = [], []
    existing = set(schedule.amounts.filter(year=to_year).values_list("variant", flat=True))
    for source in schedule.amounts.filter(year=from_year).order_by("variant"):
        label = source.variant or "—"
        if source.variant in existing:
            skipped.append(_("%(variant)s: %(year)s already has an amount") % {"variant": label, "year": to_year})
            continue
        if source.amount_mxn is None:
            skipped.append(_("%(variant)s: no amount in %(year)s") % {"variant": label, "year": from_year})
            continue
        amount = (source.amount_mxn * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        estimate = FeeAmount(
            schedule=schedule,
            year=to_year,
            variant=source.variant,
            amount_mxn=amount,
            is_estimate=True,
            confidence=Confidence.UNVERIFIED,
            note=_("Estimated from %(year)s × %(factor)s; confirm with the published LFD.")
            % {"year": from_year, "factor": factor},
        )
        estimate._change_reason = "opened from previous year"
        estimate.save()
        created.append(estimate)
    return created, skipped


def problem_report_create(
    *, message: str, email: str = "", language: str, procedure: Procedure | None = None, office: Office | None = None
) -> ProblemReport:
    """File a "report a problem with this information" in the staff queue."""
    return ProblemReport.objects.create(
        procedure=procedure, office=office, message=message.strip(), email=email.strip(), language=language
    )
