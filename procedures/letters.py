"""Ready-to-sign letters (escritos libres) in formal Spanish, filled with the applicant's answers.

The wording is ours, as a Mexican immigration professional would write it; every letter carries
the elements CATALOGUE.md requires, and its version is printed at its foot so that staff know
which wording an applicant received. Letters are always in Spanish: they go to the INM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django_countries import countries

from . import inm_form
from .models import Letter, Procedure, State
from .situation import Address, Situation
from .vocabulary import CurrentDocument, Relationship, ReplacementReason

# Bump a letter's version whenever its wording changes.
LETTER_VERSIONS = {
    Letter.NOTIFICATION: "1.0 (2026-11-27)",
    Letter.FOUR_YEAR_REQUEST: "1.0 (2026-11-27)",
    Letter.FAMILY_STATEMENT: "1.0 (2026-11-27)",
    Letter.SELF_EMPLOYMENT_STATEMENT: "1.0 (2026-11-27)",
    Letter.LOSS_ACCOUNT: "1.0 (2026-11-27)",
}

MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

MARITAL_ES = {
    "single": ("soltero", "soltera"),
    "married": ("casado", "casada"),
    "free_union": ("en unión libre", "en unión libre"),
    "widowed": ("viudo", "viuda"),
    "divorced": ("divorciado", "divorciada"),
}
CARD_ES = {
    CurrentDocument.TEMPORARY_CARD: "tarjeta de residente temporal",
    CurrentDocument.STUDENT_CARD: "tarjeta de residente temporal estudiante",
    CurrentDocument.PERMANENT_CARD: "tarjeta de residente permanente",
    CurrentDocument.HUMANITARIAN_CARD: "tarjeta de visitante por razones humanitarias",
    CurrentDocument.VISITOR_CARD: "tarjeta de visitante",
    CurrentDocument.PROVISIONAL_DOCUMENT: "documento migratorio provisional",
}
WHAT_HAPPENED_ES = {
    ReplacementReason.LOST: ("se extravió", "se extravió"),
    ReplacementReason.STOLEN: ("me fue robada", "me fue robado"),
    ReplacementReason.LOST_ABROAD: ("se extravió o me fue robada en el extranjero", "se extravió o me fue robado"),
}


def spanish_date(day: date | None) -> str:
    """27 de noviembre de 2026."""
    if day is None:
        return "____________"
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def letter_name(procedure: Procedure, situation: Situation, conditions: frozenset[str]) -> str | None:
    """The letter this situation needs, if any (the family statement only for a couple)."""
    letter = procedure.letter
    if not letter:
        return None
    if letter == Letter.FAMILY_STATEMENT and not ({"spouse", "concubine"} & conditions):
        return None
    if letter == Letter.FOUR_YEAR_REQUEST and "route_four_years" not in conditions:
        # CATALOGUE.md: the request after four years is for the four-year route only.
        return None
    replacement = situation.replacement
    if letter == Letter.LOSS_ACCOUNT and replacement is not None and replacement.reason == ReplacementReason.DAMAGED:
        return None
    return letter


@dataclass(frozen=True)
class LetterParty:
    full_name: str
    nationality: str
    female: bool


def _nationality_es(code: str) -> str:
    if not code:
        return "____________"
    if code in inm_form.NATIONALITY_ADJECTIVES:
        return inm_form.NATIONALITY_ADJECTIVES[code].lower()
    from django.utils import translation

    with translation.override("es"):
        return f"del país {countries.name(code)}"


def _address(address: Address | None, states: dict[str, State]) -> str:
    """An address in one line, as Mexican letters write it."""
    if address is None:
        return ""
    state = states.get(address.state)
    pieces = [
        f"{address.street} {address.exterior_number}".strip(),
        f"interior {address.interior_number}" if address.interior_number else "",
        f"colonia {address.neighborhood}" if address.neighborhood else "",
        f"C.P. {address.postal_code}" if address.postal_code else "",
        address.municipality,
        state.name if state else "",
    ]
    return ", ".join(piece for piece in pieces if piece)


def letter_context(situation: Situation, *, procedure: Procedure, office, states: dict[str, State]) -> dict:
    """What every letter needs: parties, office, place and date, in Spanish."""
    applicant = situation.applicant
    female = applicant.is_female
    state = states.get(situation.address.state)
    place = ", ".join(p for p in (situation.address.municipality, state.name if state else "") if p) or (
        office.city if office else ""
    )
    change = situation.change
    family = situation.family
    employment = situation.employment
    replacement = situation.replacement
    residence = situation.temporary_residence
    reason = replacement.reason if replacement else ""
    return {
        "letter_version": LETTER_VERSIONS.get(procedure.letter, ""),
        "office": office,
        "full_name": applicant.full_name,
        "nationality": _nationality_es(applicant.nationality),
        "female": female,
        "nue": situation.document.nue,
        "place": place,
        "date": spanish_date(situation.today),
        "address": _address(situation.address, states),
        # Notifications
        "change": change.kind if change else "",
        "change_date": spanish_date(change.date if change else None),
        "old_address": _address(change.old_address, states) if change else "",
        "old_workplace": change.old_workplace if change else "",
        "new_workplace": employment.employer_name if employment else "",
        "old_marital": MARITAL_ES.get(change.old_marital_status if change else "", ("", ""))[female],
        "new_marital": MARITAL_ES.get(applicant.marital_status, ("", ""))[female],
        "old_nationality": _nationality_es(change.old_nationality if change else ""),
        "old_name": change.old_name if change else "",
        # Four years as temporary resident
        "resident_since": spanish_date(residence.since if residence else None),
        "card_expires": spanish_date(situation.document.card_expires),
        # Family statement
        "sponsor_name": family.sponsor_name if family else "",
        "married": bool(family and family.relationship == Relationship.SPOUSE),
        "union_date": spanish_date(family.union_date if family else None),
        # Self-employment
        "activity": employment.activity if employment else "",
        "rfc": employment.applicant_rfc if employment else "",
        # Loss or theft
        "card": CARD_ES.get(situation.document.kind, "documento migratorio"),
        "what_happened": WHAT_HAPPENED_ES.get(reason, ("se extravió", "se extravió"))[0],
        "event_date": spanish_date(replacement.event_date if replacement else None),
        "event_place": replacement.event_place if replacement else "",
        "police_reference": replacement.police_report_reference if replacement else "",
        "police_report": bool(replacement and replacement.police_report),
    }
