"""What the wizard and the rules know about each procedure, read from its catalogue row.

Rules and forms ask ``traits_for(slug)`` instead of comparing slugs. The knowledge itself lives in
the procedure's fields (staff edit it in admin; ``load_reference`` and ``export_reference`` carry
it). What stays in code is this one table of the procedures a rule points to by name: the
regularisations that take over when a stay or a card has run out, and the procedures a red flag
suggests instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # models imports conditions, which imports this module
    from .models import Procedure

# The procedures rules point to (flags.py): the one table of slugs in code.
REGULARISATION_EXPIRED_DOCUMENT = "regularizacion_documento_vencido"
REGULARISATION_FAMILY = "regularizacion_vinculo_familiar"
CHANGE_TO_PERMANENT = "cambio_rt_a_rp"
RENEWAL = "renovacion"
FAMILY_UNITY_TEMPORARY = "cambio_rt_unidad_familiar"


@dataclass(frozen=True)
class ProcedureTraits:
    """Procedure-specific behaviour of the status step and of the rules.

    The fields are the procedure's catalogue fields of the same names (``models.TRAIT_FIELDS``);
    each defaults to "nothing special", so a slug the catalogue lacks behaves as the plain case.
    """

    # --- the status step (DESIGN.md "status")
    # Documents after which the procedure issues a non-student temporary resident card: the
    # years asked for pick the card's fee (catalogue.yaml ``variant_from: status.years_requested``).
    years_requested_for: frozenset[str] = frozenset()
    # Where a visa decides the card (canje), the visa types that give a temporary card.
    years_requested_visas: frozenset[str] = frozenset()
    # Documents for which time held as a temporary resident decides something.
    resident_since_for: frozenset[str] = frozenset()
    # Changes of status from a visitor: the FMM's last day (stay_until) is the deadline.
    changes_status_from_visitor: bool = False
    # The basis of a change to permanent residence (four years, pensioner, points).
    asks_rt_to_rp_route: bool = False
    # The date of entry, even for a card holder (a replacement after a loss abroad).
    asks_entry_date: bool = False

    # --- the rules
    # The visa in the passport picks the card and its fee (visa_* conditions).
    visa_picks_card: bool = False
    # A renewal of a temporary card: the four years in all cap it (years_requested, renewal_cap).
    four_year_renewal: bool = False
    # Students pay no card fee (one secondary source: shown as not confirmed).
    student_card_fee_exempt: bool = False
    # Only a valid card can be replaced.
    replaces_a_valid_card: bool = False
    # The kind of work the procedure itself says (the employment step does not ask it).
    employment_kind: str = ""
    # The change a notification reports (its new value is the answer of its own step).
    change_kind: str = ""
    # A family-unity procedure, and the one to permanent residence.
    family_unity: bool = False
    family_unity_permanent: bool = False
    # What remains once the card expired in Mexico (the window is the card's last days).
    expired_card_becomes: str = ""
    # Checklist items an office asks for only sometimes (not on the INM's sheet): brought, but not
    # listed as attachments in the "Comentarios" text unless the officer takes them.
    items_if_asked: frozenset[str] = frozenset()
    # What remains once a visitor's stay ended, when there is no family tie (with one: the
    # regularisation through family ties; with neither: the one for an expired document).
    stay_expired_becomes: str = ""
    # The card fee may be halved under the 2026 decree (a HalfFee value; "" for none).
    half_fee: str = ""

    # --- after approval (the packet's "after the appointment")
    # The procedure ends with a card: fingerprints and photos, picking it up, its validity.
    issues_card: bool = False
    # After a canje: the CURP comes with the card, and a car on a temporary import permit is
    # notified to the SAT.
    first_card_in_mexico: bool = False


PLAIN = ProcedureTraits()


def traits_of(procedure: Procedure) -> ProcedureTraits:
    """The traits a procedure's catalogue row gives."""
    from .models import TRAIT_FIELDS, TRAIT_LIST_FIELDS

    values = {name: getattr(procedure, name) for name in TRAIT_FIELDS}
    for name in TRAIT_LIST_FIELDS:
        values[name] = frozenset(values[name] or ())
    return ProcedureTraits(**values)


def traits_for(slug: str | None) -> ProcedureTraits:
    """The traits of the procedure ``slug`` (the plain ones for a slug the catalogue lacks)."""
    from .catalogue_rows import procedure_by_slug

    procedure = procedure_by_slug(slug or "")
    if procedure is None:
        return PLAIN
    # Made once per row kept in memory (catalogue_rows: read again when the catalogue changes):
    # a step's form and its rules ask for them tens of times a request (the status step ninety).
    traits = procedure.__dict__.get("_traits")
    if traits is None:
        traits = procedure.__dict__["_traits"] = traits_of(procedure)
    return traits
