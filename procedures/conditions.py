"""The closed vocabulary of conditions (see CATALOGUE.md).

Checklist items, fee links, general rules and deadlines name one of these. A condition is
true or false for a preparation; ``true_conditions`` derives the true ones from its situation,
and ``personalised_checklist`` keeps the items and general rules whose condition holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .situation import Situation
from .traits import traits_for
from .vocabulary import (
    CurrentDocument,
    EmploymentKind,
    EntryRecord,
    Relationship,
    ReplacementReason,
    RtToRpRoute,
    VisaType,
)


class Condition(models.TextChoices):
    ALWAYS = "always", _("Always")
    MINOR = "minor", _("Applicant under 18")
    MINOR_15_17 = "minor_15_17", _("Applicant aged 15 to 17")
    MINOR_PERMANENT = "minor_permanent", _("Minor holding a permanent resident card")
    NOT_MINOR_PERMANENT = "not_minor_permanent", _("Not a minor holding a permanent resident card")
    SPOUSE = "spouse", _("Spouse")
    CONCUBINE = "concubine", _("Common-law partner (concubinato)")
    CHILD_OR_PARENT = "child_or_parent", _("Child or parent")
    SIBLING = "sibling", _("Sibling")
    SPONSOR_MEXICAN = "sponsor_mexican", _("Family member is Mexican")
    SPONSOR_FOREIGN_RESIDENT = "sponsor_foreign_resident", _("Family member is a foreign resident")
    FOREIGN_CERTIFICATES = "foreign_certificates", _("Civil certificates issued abroad")
    ENTERED_WITH_FMM = "entered_with_fmm", _("Entered with an FMM")
    HOLDS_HUMANITARIAN_CARD = "holds_humanitarian_card", _("Holds a humanitarian visitor card")
    HOLDS_PROVISIONAL_DOCUMENT = "holds_provisional_document", _("Holds a provisional document")
    DAMAGED = "damaged", _("Card damaged")
    LOST_OR_STOLEN_IN_MEXICO = "lost_or_stolen_in_mexico", _("Card lost or stolen in Mexico")
    LOST_ABROAD = "lost_abroad", _("Card lost or stolen abroad")
    WITH_EMPLOYER = "with_employer", _("Works for an employer")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    ROUTE_FOUR_YEARS = "route_four_years", _("Four years as temporary resident")
    ROUTE_PENSIONER = "route_pensioner", _("Pensioner or retiree")
    ROUTE_POINTS = "route_points", _("Points system")
    VISA_TEMPORARY = "visa_temporary", _("Temporary resident visa")
    VISA_PERMANENT = "visa_permanent", _("Permanent resident visa")
    VISA_STUDENT = "visa_student", _("Student resident visa")


# ----------------------------------------------------------------------------- deriving them

WITH_FMM = {CurrentDocument.VISITOR_FMM, CurrentDocument.RESIDENT_VISA}
ROUTES = {
    RtToRpRoute.FOUR_YEARS: Condition.ROUTE_FOUR_YEARS,
    RtToRpRoute.PENSIONER: Condition.ROUTE_PENSIONER,
    RtToRpRoute.POINTS: Condition.ROUTE_POINTS,
}
VISAS = {
    VisaType.TEMPORARY: Condition.VISA_TEMPORARY,
    VisaType.PERMANENT: Condition.VISA_PERMANENT,
    VisaType.STUDENT: Condition.VISA_STUDENT,
}
REPLACEMENTS = {
    ReplacementReason.DAMAGED: Condition.DAMAGED,
    ReplacementReason.LOST: Condition.LOST_OR_STOLEN_IN_MEXICO,
    ReplacementReason.STOLEN: Condition.LOST_OR_STOLEN_IN_MEXICO,
    ReplacementReason.LOST_ABROAD: Condition.LOST_ABROAD,
}
RELATIONSHIPS = {
    Relationship.SPOUSE: Condition.SPOUSE,
    Relationship.CONCUBINE: Condition.CONCUBINE,
    Relationship.CHILD: Condition.CHILD_OR_PARENT,
    Relationship.PARENT: Condition.CHILD_OR_PARENT,
    Relationship.SIBLING: Condition.SIBLING,
}


def true_conditions(situation: Situation) -> frozenset[str]:
    """The conditions of the closed vocabulary that hold for this situation on its day.

    Conditions tied to one kind of procedure (the route to permanent residence, the visa of a
    canje) hold only for it (``traits.py``).
    """
    traits = traits_for(situation.procedure_slug)
    true = {Condition.ALWAYS}
    age = situation.applicant.age
    document = situation.document
    if situation.is_minor:
        true.add(Condition.MINOR)
        if age >= 15:
            true.add(Condition.MINOR_15_17)
    if situation.is_minor and document.kind == CurrentDocument.PERMANENT_CARD:
        true.add(Condition.MINOR_PERMANENT)
    else:
        true.add(Condition.NOT_MINOR_PERMANENT)

    family = situation.family
    if family is not None:
        if family.relationship in RELATIONSHIPS:
            true.add(RELATIONSHIPS[family.relationship])
        if family.sponsor_is_mexican:
            true.add(Condition.SPONSOR_MEXICAN)
        elif family.sponsor_is_foreign_resident:
            true.add(Condition.SPONSOR_FOREIGN_RESIDENT)
        if family.foreign_certificates:
            true.add(Condition.FOREIGN_CERTIFICATES)

    if document.kind in WITH_FMM:
        true.add(Condition.ENTERED_WITH_FMM)
    if document.kind == CurrentDocument.HUMANITARIAN_CARD:
        true.add(Condition.HOLDS_HUMANITARIAN_CARD)
    if document.kind == CurrentDocument.PROVISIONAL_DOCUMENT:
        true.add(Condition.HOLDS_PROVISIONAL_DOCUMENT)

    if situation.replacement is not None and situation.replacement.reason in REPLACEMENTS:
        true.add(REPLACEMENTS[situation.replacement.reason])

    kind = situation.employment.kind if situation.employment else ""
    if kind == EmploymentKind.EMPLOYER:
        true.add(Condition.WITH_EMPLOYER)
    elif kind == EmploymentKind.SELF_EMPLOYED:
        true.add(Condition.SELF_EMPLOYED)

    if traits.asks_rt_to_rp_route and document.rt_to_rp_route in ROUTES:
        true.add(ROUTES[document.rt_to_rp_route])
    if traits.visa_picks_card and document.visa_type in VISAS:
        true.add(VISAS[document.visa_type])
    return frozenset(str(condition) for condition in true)


@dataclass(frozen=True)
class Checklist:
    """What one applicant brings: the procedure's items that apply, and the general rules."""

    items: tuple
    rules: tuple

    @property
    def has_unconfirmed(self) -> bool:
        return any(item.confidence != "verified" for item in self.items)


def personalised_checklist(
    items: Iterable, rules: Iterable, conditions: frozenset[str], *, fees_owed: bool = True
) -> Checklist:
    """The items whose condition holds, in order, and the general rules that apply, once each.

    Photos come only from the procedure's own items: a general rule never adds them again. How to
    pay is said only where something is owed (``fees_owed``): a free notice has no payment rule.
    """
    applying_items = tuple(
        sorted((item for item in items if item.condition in conditions), key=lambda item: (item.position, item.key))
    )
    seen: set[str] = set()
    applying_rules = []
    for rule in sorted(rules, key=lambda rule: (rule.position, rule.key)):
        if rule.condition not in conditions or rule.key in seen or _is_about_photos(rule):
            continue
        if not fees_owed and _is_about_payment(rule):
            continue
        seen.add(rule.key)
        applying_rules.append(rule)
    return Checklist(items=applying_items, rules=tuple(applying_rules))


@dataclass(frozen=True)
class ItemNote:
    """A note beside a checklist item; ``replaces_count``: the applicant has none of it to hand in,
    so the item's count of originals and copies is not shown."""

    text: str
    replaces_count: bool = False


def item_notes(situation: Situation, checklist: Checklist) -> dict[str, ItemNote]:
    """A note for an item whose wording does not fit the applicant's case, by item key.

    The INM's list names the FMM; an applicant admitted with a stamp in the passport has no paper
    FMM to hand in (the Comentarios list says so too: comments._fmm), so "1 original" would be wrong.
    """
    notes = {}
    keys = {item.key for item in checklist.items}
    if "fmm" in keys and situation.document.entry_record == EntryRecord.STAMP:
        notes["fmm"] = ItemNote(
            str(
                _(
                    "You were given a stamp in your passport, not a paper FMM: for you this item is the passport "
                    "page with the stamp. Bring the passport, and a simple copy of that page in case the office "
                    "asks for one (our sources do not say); there is no FMM to hand in."
                )
            ),
            replaces_count=True,
        )
    return notes


def _is_about_photos(rule) -> bool:
    return "photo" in rule.key or "fotograf" in rule.key


def _is_about_payment(rule) -> bool:
    return "fee" in rule.key or "pago" in rule.key
