"""Catalogue rows read on every request, kept in memory until the catalogue changes.

The wizard's selects list every state, office and procedure with a wizard; the review lists them
all at once, and every packet reads its procedure's checklist, fees and office. These rows change
only when staff edit the catalogue, which makes a new reference version in the database
(signals.py): each process reads them again on its first request after the change.
"""

from __future__ import annotations

import functools
import threading
from datetime import date, datetime

from django.db.models import Prefetch, Subquery

from .models import (
    PORTAL_HORIZON,
    BookingHorizon,
    ChecklistItem,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    NoticeKind,
    Office,
    OfficeNotice,
    Procedure,
    ProcedureFee,
    State,
    UmaValue,
)
from .signals import reference_version


def per_reference_version(load):
    """Memoise ``load(*key)`` (which returns rows already read) until the reference version changes."""
    lock = threading.Lock()
    memo: dict = {"version": None, "rows": {}}

    @functools.wraps(load)
    def rows(*key):
        version = reference_version()
        with lock:
            if memo["version"] != version:
                memo.update(version=version, rows={})
            if key in memo["rows"]:
                return memo["rows"][key]
        loaded = load(*key)
        with lock:
            if memo["version"] == version:
                memo["rows"][key] = loaded
        return loaded

    return rows


@per_reference_version
def wizard_procedures() -> tuple[Procedure, ...]:
    return tuple(Procedure.objects.active().with_wizard().order_by("position"))


@per_reference_version
def states() -> tuple[State, ...]:
    return tuple(State.objects.order_by("name"))


@per_reference_version
def active_offices() -> tuple[Office, ...]:
    """Every active office, by state and city, with the online office to use instead of it."""
    return tuple(Office.objects.active().select_related("nearest_online_office").order_by("state__name", "city"))


@per_reference_version
def procedures_by_id() -> dict[int, Procedure]:
    """Every procedure, active or not (a preparation keeps the procedure it was started for)."""
    return {procedure.pk: procedure for procedure in Procedure.objects.all()}


@per_reference_version
def offices_by_id() -> dict[int, Office]:
    """Every office, active or not, with its state and the online office to use instead of it."""
    return {office.pk: office for office in Office.objects.select_related("nearest_online_office", "state")}


def procedure_by_slug(slug: str) -> Procedure | None:
    """The procedure of this slug, active or not; None when the catalogue has none."""
    return procedures_by_slug().get(slug)


@per_reference_version
def procedures_by_slug() -> dict[str, Procedure]:
    return {procedure.slug: procedure for procedure in procedures_by_id().values()}


@per_reference_version
def mistakes() -> tuple[Mistake, ...]:
    """Every common mistake, in the table's order."""
    return tuple(Mistake.objects.order_by("position", "key"))


def offices_by_code() -> dict[str, Office]:
    return {office.code: office for office in offices_by_id().values()}


@per_reference_version
def checklist_items(procedure_id: int) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem.objects.filter(procedure_id=procedure_id).order_by("position"))


@per_reference_version
def general_rules() -> tuple[GeneralRule, ...]:
    return tuple(GeneralRule.objects.all())


@per_reference_version
def fee_links(procedure_id: int) -> tuple[ProcedureFee, ...]:
    """The procedure's fees, each with its schedule and the schedule's amounts, newest year first."""
    return tuple(
        ProcedureFee.objects.filter(procedure_id=procedure_id)
        .select_related("schedule")
        .prefetch_related(Prefetch("schedule__amounts", queryset=FeeAmount.objects.order_by("-year", "variant")))
    )


@per_reference_version
def card_schedules() -> tuple[FeeSchedule, ...]:
    """The temporary and permanent resident card fees, for "the card after approval"."""
    return tuple(FeeSchedule.objects.filter(key__in=["rt_card", "rp_card"]).prefetch_related("amounts"))


@per_reference_version
def non_working_periods() -> tuple[NonWorkingPeriod, ...]:
    """The INM's periods of general vacation staff entered (every office's and single offices')."""
    return tuple(NonWorkingPeriod.objects.order_by("starts_on", "key"))


@per_reference_version
def office_notices(office_id: int) -> tuple[OfficeNotice, ...]:
    """Every notice of an office, past ones too, by start date."""
    return tuple(OfficeNotice.objects.filter(office_id=office_id).order_by("starts_on"))


def current_notices(office_id: int, today: date) -> tuple[OfficeNotice, ...]:
    """The office's notices that have not ended by ``today`` (those still to come included)."""
    return tuple(notice for notice in office_notices(office_id) if notice.ends_on is None or notice.ends_on >= today)


def office_closures(office_id: int) -> tuple[OfficeNotice, ...]:
    """The office's notices of the closed kind, past ones too (a deadline may fall in them)."""
    return tuple(notice for notice in office_notices(office_id) if notice.kind == NoticeKind.CLOSED)


@per_reference_version
def booking_horizon() -> BookingHorizon | None:
    """How far ahead the INM portal offers slots; None when staff removed it."""
    return BookingHorizon.objects.filter(key=PORTAL_HORIZON).first()


@per_reference_version
def procedure_changed_at(procedure_id: int) -> datetime | None:
    """The last change staff (or a release) made to this procedure, its checklist or its fees."""

    def last(history):
        return Subquery(history.order_by("-history_date").values("history_date")[:1])

    fee_schedules = ProcedureFee.objects.filter(procedure_id=procedure_id).values("schedule_id")
    dates = (
        Procedure.objects.filter(pk=procedure_id)
        .values_list(
            last(Procedure.history.filter(id=procedure_id)),
            last(ChecklistItem.history.filter(procedure_id=procedure_id)),
            last(ProcedureFee.history.filter(procedure_id=procedure_id)),
            last(FeeAmount.history.filter(schedule_id__in=fee_schedules)),
        )
        .first()
    )
    return max((d for d in dates or () if d), default=None)


@per_reference_version
def uma_values() -> tuple[UmaValue, ...]:
    """Every year's UMA, for the pensioner route's thresholds."""
    return tuple(UmaValue.objects.all())
