"""Common mistakes (FACTS.md §5), each shown only where it applies to the procedure and the answers.

The mistakes are catalogue rows staff edit (``models.Mistake``: a text in each language, a
condition of the closed vocabulary ``MistakeWhen``, optionally one procedure);
``mistake_conditions`` says which conditions hold for a preparation, from the procedure's traits,
the conditions of the answers, the situation, the fees owed and the checklist. A packet for a
notification of a new address says nothing of card years or of travelling while a card is in
process.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import catalogue_rows
from .conditions import Checklist
from .fees import FeeLine
from .models import DeadlineRule, FeeKind, Mistake, Procedure
from .models import MistakeWhen as When
from .situation import Situation
from .traits import traits_for
from .vocabulary import CurrentDocument

__all__ = ["Mistake", "When", "mistake_conditions", "mistakes_for"]

# Cards a resident holds: the card whose holder may be admitted as a tourist by mistake.
RESIDENT_CARDS = frozenset(
    {CurrentDocument.TEMPORARY_CARD, CurrentDocument.STUDENT_CARD, CurrentDocument.PERMANENT_CARD}
)


def mistake_conditions(
    *,
    procedure: Procedure,
    situation: Situation,
    conditions: frozenset[str],
    fees: Iterable[FeeLine] = (),
    checklist: Checklist | None = None,
) -> frozenset[str]:
    """The ``When`` conditions that hold for this preparation."""
    traits = traits_for(procedure.slug)
    document = situation.document.kind
    owed = [line for line in fees if line.owes and line.kind != FeeKind.SET_BY_INM]
    by_years = any(line.kind == FeeKind.CARD_AFTER_APPROVAL or line.schedule.key == "rt_card" for line in owed)
    held = {When.ALWAYS}
    held |= {name for name in (When.MINOR, When.FOREIGN_CERTIFICATES) if name in conditions}
    if by_years:
        held.add(When.OWES_CARD_BY_YEARS)
    elif owed:
        held.add(When.OWES_FEE)
    if traits.issues_card:
        held.add(When.CARD_IN_PROCESS)
    if document == CurrentDocument.RESIDENT_VISA:
        held |= {When.RESIDENT_ENTERS, When.RESIDENT_VISA}
    elif traits.issues_card and document in RESIDENT_CARDS:
        held.add(When.RESIDENT_ENTERS)
    if procedure.deadline_rule == DeadlineRule.WINDOW_BEFORE_EXPIRY and traits.expired_card_becomes:
        held.add(When.CARD_WINDOW)
    if traits.change_kind:
        held.add(When.NOTIFICATION)
    if checklist is not None and any("foto" in item.key for item in checklist.items):
        held.add(When.PHOTOS)
    return frozenset(held)


def mistakes_for(
    *,
    procedure: Procedure,
    situation: Situation,
    conditions: frozenset[str],
    fees: Iterable[FeeLine] = (),
    checklist: Checklist | None = None,
) -> list[Mistake]:
    """The common mistakes that apply to this procedure and these answers, in the catalogue's order."""
    held = mistake_conditions(
        procedure=procedure, situation=situation, conditions=conditions, fees=list(fees), checklist=checklist
    )
    return [
        mistake
        for mistake in catalogue_rows.mistakes()
        if mistake.when in held and mistake.procedure_id in (None, procedure.pk)
    ]
