"""One timeline of what changed for a procedure: its own row, its checklist items, its fees (the
links, the schedules they point to and their yearly amounts), the general rules every packet
carries and the common mistakes it may warn of. Read from django-simple-history's tables, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import ChecklistItem, FeeAmount, FeeSchedule, GeneralRule, Mistake, Procedure, ProcedureFee

ACTIONS = {"+": _("added"), "~": _("changed"), "-": _("deleted")}
TIMELINE_LIMIT = 300


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineEntry:
    """One save of one row: when, who, why, and what changed."""

    when: datetime
    user: str
    kind: str  # the model's verbose name
    label: str
    action: str
    reason: str
    changes: tuple[Change, ...]
    url: str  # the row's history page (its revert links), or "" when the row is gone


def procedure_timeline(procedure: Procedure, *, limit: int = TIMELINE_LIMIT) -> list[TimelineEntry]:
    """The changes to ``procedure`` and to what its packet is made of, newest first."""
    # The fees it charges now, and those it charged (a link deleted since still has its history).
    schedule_ids = set(procedure.fee_links.values_list("schedule_id", flat=True)) | set(
        ProcedureFee.history.filter(procedure_id=procedure.pk).values_list("schedule_id", flat=True)
    )
    histories = [
        (Procedure, Procedure.history.filter(id=procedure.pk)),
        (ChecklistItem, ChecklistItem.history.filter(procedure_id=procedure.pk)),
        (ProcedureFee, ProcedureFee.history.filter(procedure_id=procedure.pk)),
        (FeeSchedule, FeeSchedule.history.filter(id__in=schedule_ids)),
        (FeeAmount, FeeAmount.history.filter(schedule_id__in=schedule_ids)),
        (GeneralRule, GeneralRule.history.all()),
        (Mistake, Mistake.history.filter(Q(procedure_id=procedure.pk) | Q(procedure_id__isnull=True))),
    ]
    keys = dict(FeeSchedule.objects.filter(pk__in=schedule_ids).values_list("pk", "key"))
    entries = []
    for model, records in histories:
        existing = set(model.objects.filter(pk__in=records.values("id")).values_list("pk", flat=True))
        previous = {}
        for record in records.select_related("history_user").order_by("id", "history_date", "history_id"):
            entries.append(_entry(model, record, previous.get(record.id), record.id in existing, keys))
            previous[record.id] = record
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entry(model, record, before, exists: bool, keys: dict[int, str]) -> TimelineEntry:
    changes: tuple[Change, ...] = ()
    if before is not None and record.history_type == "~":
        delta = record.diff_against(before, foreign_keys_are_objs=False)
        changes = tuple(
            Change(str(field.verbose_name), _shown(change.old, field), _shown(change.new, field))
            for change in delta.changes
            if change.field not in ("content_hash",)
            for field in [model._meta.get_field(change.field)]
        )
    try:
        url = reverse(f"admin:procedures_{model._meta.model_name}_history", args=[record.id]) if exists else ""
    except NoReverseMatch:
        url = ""
    user = record.history_user
    return TimelineEntry(
        when=record.history_date,
        user=user.get_username() if user else "",
        kind=str(model._meta.verbose_name),
        label=_label(model, record, keys),
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        reason=record.history_change_reason or "",
        changes=changes,
        url=url,
    )


def _label(model, record, keys: dict[int, str]) -> str:
    if model is ProcedureFee:
        return keys.get(record.schedule_id, "")
    if model is FeeAmount:
        return f"{keys.get(record.schedule_id, '')} {record.year} {record.variant}".strip()
    return record.slug if model is Procedure else record.key


def _shown(value, field) -> str:
    if value in (None, "", []):
        return "—"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return text if len(text) <= 300 else text[:299] + "…"
