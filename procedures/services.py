"""Writes that touch the reference catalogue or several rows: called by admin and views."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from . import catalogue_rows, steps
from .answers import answer
from .models import (
    COMPLETE_LIFETIME,
    DRAFT_LIFETIME,
    MAXIMUM_LIFETIME,
    TOMBSTONE_LIFETIME,
    Confidence,
    FeeAmount,
    FeeSchedule,
    Office,
    Preparation,
    PreparationStatus,
    PreparationTombstone,
    ProblemReport,
    Procedure,
    ReferenceFact,
    TombstoneReason,
    token_digest,
)
from .signals import remember_reference_version
from .tasks import packet_pdf_enqueue, task_results_prune

logger = logging.getLogger(__name__)

# What a token looks like (URL-safe base64); anything else is unknown without a database query.
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@transaction.atomic
def reference_mark_verified(
    *, checked: Iterable[tuple[ReferenceFact, str]], on: date, user, note: str, reason: str
) -> int:
    """Record that a staff member checked each fact against the source given with it, on ``on``.

    Each fact becomes verified by ``user`` with ``note``; its source is added to its sources. One
    ``bulk_update_with_history`` per model (``.update()`` writes no history), then a new
    reference version: bulk updates send no ``post_save``, which would otherwise tell packets.
    """
    by_model: dict[type, list[ReferenceFact]] = {}
    for fact, source in checked:
        fact.confidence = Confidence.VERIFIED
        fact.last_verified, fact.verified_by, fact.verification_note = on, user, note
        if source not in fact.sources:
            fact.sources = [*fact.sources, source]
        if isinstance(fact, FeeAmount):
            fact.is_estimate = False  # a checked amount is no longer an estimate
        by_model.setdefault(type(fact), []).append(fact)
    fields = ["confidence", "last_verified", "verified_by", "verification_note", "sources"]
    count = 0
    for model, facts in by_model.items():
        model_fields = [*fields, "is_estimate"] if model is FeeAmount else fields
        bulk_update_with_history(facts, model, model_fields, default_user=user, default_change_reason=reason)
        count += len(facts)
    # bulk_update goes through the reference rows' update(), which makes a new reference version.
    return count


@transaction.atomic
def fee_year_open(
    *, schedule: FeeSchedule, from_year: int, factor: Decimal, reason: str = ""
) -> tuple[list[FeeAmount], list[str]]:
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
        estimate._change_reason = reason or f"opened {to_year} from {from_year} × {factor}"
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


# ----------------------------------------------------------------------------- preparations


class PreparationGone(Exception):
    """The link was valid once: the preparation was deleted or has expired (410)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def preparation_for_token(token: str, *, now: datetime, page_language: str | None = None) -> Preparation:
    """The preparation of a private link; 404 for an unknown link, PreparationGone for a dead one.

    An expired preparation found here is deleted at once (its tombstone says it expired). With
    ``page_language``, the packet page stored in that language comes with it, for the packet view
    (``stored_page_version`` and ``stored_page_html``, None when there is none).
    """
    if not TOKEN_RE.match(token or ""):
        raise Http404
    # The reference version comes with the row: one round trip for both, on every page of a
    # preparation (the catalogue rows below and every cached fragment need it); so does the
    # packet's stored page on the packet page (a second query was a tenth of its time).
    preparation = Preparation.objects.for_token(token, page_language=page_language)
    if preparation is None:
        tombstone = PreparationTombstone.objects.filter(token_hash=token_digest(token)).first()
        if tombstone is not None:
            raise PreparationGone(tombstone.reason)
        raise Http404
    if preparation.expires_at <= now:
        preparation_delete(preparation=preparation, reason=TombstoneReason.EXPIRED, now=now)
        raise PreparationGone(TombstoneReason.EXPIRED)
    remember_reference_version(preparation.reference_version)
    with_catalogue_rows(preparation)
    return preparation


def with_catalogue_rows(preparation: Preparation) -> Preparation:
    """Give the preparation its procedure and office from the rows kept in memory (a join of
    three wide tables on every page costs more than the page's one query otherwise)."""
    if preparation.procedure_id is not None:
        procedure = catalogue_rows.procedures_by_id().get(preparation.procedure_id)
        if procedure is not None:
            preparation.procedure = procedure
    if preparation.office_id is not None:
        office = catalogue_rows.offices_by_id().get(preparation.office_id)
        if office is not None:
            preparation.office = office
    return preparation


def expiry_after_change(preparation: Preparation, *, now: datetime) -> datetime:
    """When a preparation expires after a change (DESIGN.md "Expiry").

    A draft lives 7 days after its last change, a complete one 30 days after its last change or
    after the recorded appointment, whichever is later; a longer life already granted ("keep 30
    more days") is kept; never past 180 days after creation.
    """
    if preparation.status == PreparationStatus.COMPLETE:
        candidates = [now + COMPLETE_LIFETIME]
        appointment = answer_datetime(preparation.answers, "appointment.appointment_at")
        if appointment:
            candidates.append(appointment + COMPLETE_LIFETIME)
        expires = max(candidates)
    else:
        expires = now + DRAFT_LIFETIME
    if preparation.expires_at:
        expires = max(expires, preparation.expires_at)
    return min(expires, preparation.created_at + MAXIMUM_LIFETIME)


def answer_datetime(answers, key: str) -> datetime | None:
    value = answer(answers, key)
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def preparation_start(
    *,
    language: str,
    now: datetime,
    procedure: Procedure | None = None,
    family_of: Preparation | None = None,
    prefill: dict[str, dict[str, str]] | None = None,
) -> Preparation:
    """Create a preparation (the applicant gave consent), optionally with the procedure chosen.

    ``family_of``: preparing for a family member copies the address, office and sponsor of a
    complete preparation, never its passport or names. ``prefill``: answers "help me choose"
    already has, by step; the wizard shows them filled in (they are not answers until the
    applicant saves the step, and completion drops them).
    """
    answers = {}
    if prefill:
        answers["prefill"] = {step: dict(values) for step, values in prefill.items() if values}
    office = None
    if procedure is not None:
        answers["procedure"] = {"procedure": procedure.slug}
    if family_of is not None and family_of.status == PreparationStatus.COMPLETE:
        for step in ("address", "office"):
            if step in family_of.answers:
                answers[step] = dict(family_of.answers[step])
        office = family_of.office
        family = family_of.answers.get("family") or {}
        if family:
            answers["family_copy"] = {key: family[key] for key in FAMILY_COPIED if key in family}
    return Preparation.objects.create(
        procedure=procedure,
        office=office,
        answers=answers,
        language=language,
        created_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )


# What "prepare for a family member" carries over from the family step: who the sponsor is.
FAMILY_COPIED = (
    "sponsor_name",
    "sponsor_status",
    "sponsor_mexican_by_birth",
    "sponsor_nationality",
    "sponsor_document",
)


@transaction.atomic
def preparation_save_step(
    *, preparation: Preparation, step: str, values: dict, now: datetime, today: date
) -> Preparation:
    """Save one step's answers, with a row lock so that two tabs cannot interleave their writes.

    Changing the procedure or the office also updates the row's links. A complete preparation
    stays complete, unless a step that now applies has no answers: then it is a draft again.
    """
    locked = (
        # Its procedure and office from the rows in memory: joining those wide tables costs more
        # than the rest of the save.
        with_catalogue_rows(Preparation.objects.select_for_update().get(pk=preparation.pk))
    )
    answers = dict(locked.answers)
    answers[step] = values
    if step == "procedure":
        locked.procedure = Procedure.objects.get(slug=values["procedure"])
    if step == "office":
        locked.office = Office.objects.get(code=values["office"])
    locked.answers = answers
    if locked.status == PreparationStatus.COMPLETE and steps.first_missing_step(locked.procedure, answers, today):
        locked.status = PreparationStatus.DRAFT
        locked.completed_at = None
    locked.expires_at = expiry_after_change(locked, now=now)
    locked.save()
    if locked.status == PreparationStatus.COMPLETE:
        # The applicant changed a complete preparation: its packet follows.
        packet_pdf_enqueue(preparation=locked)
    return locked


@transaction.atomic
def preparation_complete(*, preparation: Preparation, now: datetime, today: date) -> Preparation:
    """Finish the wizard: drop the answers of steps that no longer apply, mark it complete.

    Idempotent: a second "complete" (a double click) finds it complete and changes nothing.
    """
    locked = (
        # Its procedure and office from the rows in memory: joining those wide tables costs more
        # than the rest of the save.
        with_catalogue_rows(Preparation.objects.select_for_update().get(pk=preparation.pk))
    )
    if locked.status == PreparationStatus.COMPLETE:
        return locked
    if steps.first_missing_step(locked.procedure, locked.answers, today) is not None:
        raise ValueError("a step that applies has no answers")
    kept = steps.answers_that_apply(locked.procedure, locked.answers, today)
    for extra in ("appointment", "review"):
        if extra in locked.answers:
            kept[extra] = locked.answers[extra]
    locked.answers = kept
    locked.status = PreparationStatus.COMPLETE
    locked.completed_at = now
    locked.expires_at = expiry_after_change(locked, now=now)
    locked.save()
    # Rendered by the worker while the applicant reads the packet page.
    packet_pdf_enqueue(preparation=locked)
    return locked


def preparation_extend(*, preparation: Preparation, now: datetime) -> Preparation:
    """ "Keep 30 more days": now + 30 days, drafts too, never past 180 days after creation."""
    preparation.expires_at = min(now + COMPLETE_LIFETIME, preparation.created_at + MAXIMUM_LIFETIME)
    Preparation.objects.filter(pk=preparation.pk).update(expires_at=preparation.expires_at)
    if preparation.status == PreparationStatus.COMPLETE:
        packet_pdf_enqueue(preparation=preparation)  # the packet says until when it is kept
    return preparation


@transaction.atomic
def preparation_delete(*, preparation: Preparation, reason: str, now: datetime) -> None:
    """Delete a preparation and its PDFs (every language), leaving a tombstone for 90 days.

    Nothing of it is in any cache: the packet's personal parts are rendered on every view.
    """
    PreparationTombstone.objects.update_or_create(
        token_hash=token_digest(preparation.token), defaults={"reason": reason, "deleted_at": now}
    )
    preparation.delete()


def preparation_set_language(*, preparation: Preparation, language: str) -> None:
    """The language of its PDF and calendar files follows the last language used on its pages."""
    if preparation.language != language:
        preparation.language = language
        # Not a change of the answers: the expiry and the PDF cache key stay as they are.
        Preparation.objects.filter(pk=preparation.pk).update(language=language)


@transaction.atomic
def preparation_record_appointment(
    *, preparation: Preparation, when: datetime, office_code: str, pieza: str, now: datetime
) -> Preparation:
    """Record (or change) the booked appointment: the packet shows it, and the expiry follows it.

    ``when`` is aware, on the office's clock: it is kept with the office's zone.
    """
    locked = Preparation.objects.select_for_update(of=("self",)).get(pk=preparation.pk)
    answers = dict(locked.answers)
    answers["appointment"] = {
        "appointment_at": when.isoformat(),
        "time_zone": str(when.tzinfo),
        "appointment_office": office_code,
        "pieza": pieza,
    }
    locked.answers = answers
    locked.expires_at = expiry_after_change(locked, now=now)
    locked.save()
    packet_pdf_enqueue(preparation=locked)  # the appointment is printed in the packet
    return locked


@transaction.atomic
def preparation_remove_appointment(*, preparation: Preparation, now: datetime) -> Preparation:
    """Forget the recorded appointment (booked by mistake, or cancelled). The expiry already granted stays."""
    locked = Preparation.objects.select_for_update(of=("self",)).get(pk=preparation.pk)
    if "appointment" in locked.answers:
        answers = dict(locked.answers)
        del answers["appointment"]
        locked.answers = answers
        locked.expires_at = expiry_after_change(locked, now=now)
        locked.save()
        packet_pdf_enqueue(preparation=locked)
    return locked


def preparations_purge(*, now: datetime) -> dict[str, int]:
    """Delete expired preparations (and their PDFs), leaving tombstones; drop tombstones past 90
    days, and task results past a day."""
    expired = 0
    for preparation in Preparation.objects.filter(expires_at__lte=now).only("pk", "token").iterator():
        preparation_delete(preparation=preparation, reason=TombstoneReason.EXPIRED, now=now)
        expired += 1
    old, _ = PreparationTombstone.objects.filter(deleted_at__lt=now - TOMBSTONE_LIFETIME).delete()
    return {
        "expired": expired,
        "tombstones_removed": old,
        "kept": Preparation.objects.count(),
        "task_results_removed": task_results_prune(now=now),
    }
