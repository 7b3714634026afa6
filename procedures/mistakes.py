"""Common mistakes (FACTS.md §5), each shown only where it applies to the procedure and the answers.

One table: each mistake names one condition of a small closed vocabulary (``When``), and
``mistake_conditions`` says which of them hold for a preparation, from the procedure's traits,
the conditions of the answers, the situation, the fees owed and the checklist. A packet for a
notification of a new address says nothing of card years or of travelling while a card is in
process. (The table is meant to become catalogue rows staff edit: a text and a condition each.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .conditions import Checklist, Condition
from .fees import FeeLine
from .models import DeadlineRule, FeeKind, Procedure
from .situation import Situation
from .traits import traits_for
from .vocabulary import CurrentDocument

# Cards a resident holds: the card whose holder may be admitted as a tourist by mistake.
RESIDENT_CARDS = frozenset(
    {CurrentDocument.TEMPORARY_CARD, CurrentDocument.STUDENT_CARD, CurrentDocument.PERMANENT_CARD}
)


class When:
    """When a mistake applies (the closed vocabulary of the table's conditions)."""

    ALWAYS = "always"
    MINOR = Condition.MINOR.value  # the applicant is under 18 today
    FOREIGN_CERTIFICATES = Condition.FOREIGN_CERTIFICATES.value  # foreign certificates are filed
    OWES_FEE = "owes_fee"  # something is paid, and no card is paid by years
    OWES_CARD_BY_YEARS = "owes_card_by_years"  # a temporary resident card is paid, by its years
    CARD_IN_PROCESS = "card_in_process"  # the procedure ends with a card
    RESIDENT_ENTERS = "resident_enters"  # a resident visa, or a resident card that is being renewed or replaced
    RESIDENT_VISA = "resident_visa"  # the canje's 30 days after entry
    CARD_WINDOW = "card_window"  # filed in the card's last days; past them only a regularisation
    NOTIFICATION = "notification"  # a notice of a change, within 90 days
    PHOTOS = "photos"  # the checklist asks for photos


@dataclass(frozen=True)
class Mistake:
    key: str
    when: str
    text: str | Promise


MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        "name_as_passport",
        When.ALWAYS,
        _("Names not exactly as in the passport: type every given name and surname as printed, no initials."),
    ),
    Mistake(
        "entered_as_tourist",
        When.RESIDENT_ENTERS,
        _(
            "Entering Mexico as a tourist while holding residency: at the border show your card or visa and make "
            "sure the FMM or stamp does not say visitor or 180 days."
        ),
    ),
    Mistake(
        "wrong_payment_years",
        When.OWES_CARD_BY_YEARS,
        _(
            "Wrong payment: the wrong concept, the wrong number of years, or last year's amount. Check the bank "
            "receipt against the hoja de ayuda at the bank window."
        ),
    ),
    Mistake(
        "wrong_payment",
        When.OWES_FEE,
        _(
            "Wrong payment: the wrong concept or last year's amount. Check the bank receipt against the hoja de "
            "ayuda at the bank window."
        ),
    ),
    Mistake(
        "missing_copies",
        When.ALWAYS,
        _("Missing copies: annexes go as simple copies, originals are shown; bring one extra copy for the acuse."),
    ),
    Mistake("not_signed_by_hand", When.ALWAYS, _("A form not signed by hand (firma autógrafa).")),
    Mistake(
        "signed_by_the_minor",
        When.MINOR,
        _("A minor's form signed by the minor instead of the mother, the father or the guardian."),
    ),
    Mistake("attachments_not_listed", When.ALWAYS, _("Attachments not listed in the “Comentarios” box of the form.")),
    Mistake(
        "wrong_procedure",
        When.ALWAYS,
        _("The wrong procedure picked in “¿Qué deseas hacer?” and “Especifica”: pick exactly the options below."),
    ),
    Mistake(
        "prevencion_unanswered",
        When.ALWAYS,
        _("Not answering a prevención within 10 business days: the filing is dismissed."),
    ),
    Mistake(
        "foreign_certificates",
        When.FOREIGN_CERTIFICATES,
        _(
            "Foreign certificates without an apostille (or a consular legalisation) and a Spanish translation, or "
            "with the apostille detached from the document."
        ),
    ),
    Mistake(
        "travel_while_in_process",
        When.CARD_IN_PROCESS,
        _(
            "Travelling while the card is in process without a permiso de salida y regreso: "
            "you may come back as a tourist."
        ),
    ),
    Mistake(
        "canje_after_30_days",
        When.RESIDENT_VISA,
        _("Missing the 30 days after entry: the visa becomes void and you start again at a consulate."),
    ),
    Mistake(
        "card_expired_or_too_early",
        When.CARD_WINDOW,
        _(
            "Letting the card expire in Mexico (then only a regularisation is possible), "
            "or filing more than 30 days early."
        ),
    ),
    Mistake(
        "photos_off_spec",
        When.PHOTOS,
        _(
            "Photos off-spec: 2.5 × 3 cm, white background, forehead and ears uncovered, no glasses or earrings, "
            "not instant or home-printed."
        ),
    ),
    Mistake(
        "late_or_combined_notice",
        When.NOTIFICATION,
        _("Notifying after 90 days (a fine of 20 to 100 UMA days), or several changes in one filing: one per change."),
    ),
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
    """The common mistakes that apply to this procedure and these answers, in the table's order."""
    held = mistake_conditions(
        procedure=procedure, situation=situation, conditions=conditions, fees=list(fees), checklist=checklist
    )
    return [mistake for mistake in MISTAKES if mistake.when in held]
