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
from .answers import answer, answer_date
from .models import Letter, Preparation, State
from .vocabulary import CHANGE_BY_PROCEDURE, CurrentDocument, Relationship, ReplacementReason

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


def letter_name(preparation: Preparation, conditions: frozenset[str]) -> str | None:
    """The letter this preparation needs, if any (the family statement only for a couple)."""
    letter = preparation.procedure.letter
    if not letter:
        return None
    if letter == Letter.FAMILY_STATEMENT and not ({"spouse", "concubine"} & conditions):
        return None
    if letter == Letter.LOSS_ACCOUNT and answer(preparation.answers, "replacement.reason") == ReplacementReason.DAMAGED:
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


def _address(values: dict, prefix: str, states: dict[str, State]) -> str:
    """An address in one line, as Mexican letters write it (fields named as the address step's)."""

    def part(name):
        return values.get(f"{prefix}{name}") or ""

    state = states.get(part("state"))
    pieces = [
        f"{part('street')} {part('exterior_number')}".strip(),
        f"interior {part('interior_number')}" if part("interior_number") else "",
        f"colonia {part('neighborhood')}" if part("neighborhood") else "",
        f"C.P. {part('postal_code')}" if part("postal_code") else "",
        part("municipality"),
        state.name if state else "",
    ]
    return ", ".join(piece for piece in pieces if piece)


def letter_context(preparation: Preparation, *, office, states: dict[str, State], today: date) -> dict:
    """What every letter needs: parties, office, place and date, in Spanish."""
    answers = preparation.answers
    applicant = answers.get("applicant", {})
    female = applicant.get("sex") == "female"
    municipality = answer(answers, "address.municipality", "")
    state = states.get(answer(answers, "address.state", ""))
    place = ", ".join(p for p in (municipality, state.name if state else "") if p) or (office.city if office else "")
    changes = answers.get("changes", {})
    change = CHANGE_BY_PROCEDURE.get(preparation.procedure.slug, "")
    marital = applicant.get("marital_status", "")
    reason = answer(answers, "replacement.reason", "")
    document = answer(answers, "status.current_document", "")
    return {
        "letter_version": LETTER_VERSIONS.get(preparation.procedure.letter, ""),
        "office": office,
        "full_name": f"{applicant.get('given_names', '')} {applicant.get('surnames', '')}".strip(),
        "nationality": _nationality_es(applicant.get("nationality", "")),
        "female": female,
        "nue": answer(answers, "status.nue", ""),
        "place": place,
        "date": spanish_date(today),
        "address": _address(answers.get("address", {}), "", states),
        # Notifications
        "change": change,
        "change_date": spanish_date(answer_date(answers, "changes.change_date")),
        "old_address": _address(changes, "old_", states) if change == "address" else "",
        "old_workplace": changes.get("old_workplace", ""),
        "new_workplace": answer(answers, "employment.employer_name", ""),
        "old_marital": MARITAL_ES.get(changes.get("old_marital_status", ""), ("", ""))[female],
        "new_marital": MARITAL_ES.get(marital, ("", ""))[female],
        "old_nationality": _nationality_es(changes.get("old_nationality", "")),
        "old_name": changes.get("old_name", ""),
        # Four years as temporary resident
        "resident_since": spanish_date(answer_date(answers, "status.resident_since")),
        "card_expires": spanish_date(answer_date(answers, "status.card_expires")),
        # Family statement
        "sponsor_name": answer(answers, "family.sponsor_name", ""),
        "married": answer(answers, "family.relationship", "") == Relationship.SPOUSE,
        "union_date": spanish_date(answer_date(answers, "family.union_date")),
        # Self-employment
        "activity": answer(answers, "employment.activity", ""),
        "rfc": answer(answers, "employment.applicant_rfc", ""),
        # Loss or theft
        "card": CARD_ES.get(document, "documento migratorio"),
        "what_happened": WHAT_HAPPENED_ES.get(reason, ("se extravió", "se extravió"))[0],
        "event_date": spanish_date(answer_date(answers, "replacement.event_date")),
        "event_place": answer(answers, "replacement.event_place", ""),
        "police_reference": answer(answers, "replacement.police_report_reference", ""),
        "police_report": answer(answers, "replacement.police_report", "") == "yes",
    }
