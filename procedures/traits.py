"""What the wizard and the rules know about each procedure that the catalogue does not hold yet.

One table, here and nowhere else: rules and forms ask ``traits_for(slug)`` instead of comparing
slugs. A later step moves these traits into catalogue fields staff can edit; until then a new
behaviour for a procedure is a new field of ``ProcedureTraits`` and a value in ``TRAITS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import CurrentDocument, EmploymentKind, VisaType

ANY_DOCUMENT = frozenset(CurrentDocument.values)

# Regularisations (no appointment) that take over when a stay or a card has run out.
REGULARISATION_EXPIRED_DOCUMENT = "regularizacion_documento_vencido"
REGULARISATION_FAMILY = "regularizacion_vinculo_familiar"
REGULARISATION_HUMANITARIAN = "regularizacion_razones_humanitarias"
CHANGE_TO_PERMANENT = "cambio_rt_a_rp"
RENEWAL = "renovacion"
FAMILY_UNITY_TEMPORARY = "cambio_rt_unidad_familiar"


class HalfFee:
    """Why a card fee may be halved under the 2026 decree (DOF 7 Nov 2025): family unity, a job
    offer in Mexico, or whichever of them the residence rests on (unknown to us: say it as an if)."""

    FAMILY_UNITY = "family_unity"
    JOB_OFFER = "job_offer"
    IF_RESIDENCE_RESTS_ON_EITHER = "either"


@dataclass(frozen=True)
class ProcedureTraits:
    """Procedure-specific behaviour of the status step and of the rules.

    Every field defaults to "nothing special", so a procedure absent from ``TRAITS`` behaves as
    the plain case.
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

# Every procedure that ends with a card: the changes of status and regularisations issue the card
# of the status granted, the others renew, replace or issue one (FACTS.md §2.1 "Photos").
TRAITS: dict[str, ProcedureTraits] = {
    "canje": ProcedureTraits(
        years_requested_for=frozenset({CurrentDocument.RESIDENT_VISA}),
        years_requested_visas=frozenset({VisaType.TEMPORARY}),
        visa_picks_card=True,
        student_card_fee_exempt=True,
        # Proof of address: not on INM811's list (FACTS.md §2.4 Canje); "offices commonly also ask"
        # for it (immigrationtomexico.mx, one secondary source).
        items_if_asked=frozenset({"comprobante_domicilio"}),
        half_fee=HalfFee.IF_RESIDENCE_RESTS_ON_EITHER,
        issues_card=True,
        first_card_in_mexico=True,
    ),
    "renovacion": ProcedureTraits(
        # A student card renews as a student card: no years, no card fee.
        years_requested_for=frozenset({CurrentDocument.TEMPORARY_CARD}),
        resident_since_for=frozenset({CurrentDocument.TEMPORARY_CARD}),
        four_year_renewal=True,
        student_card_fee_exempt=True,
        expired_card_becomes=REGULARISATION_EXPIRED_DOCUMENT,
        half_fee=HalfFee.IF_RESIDENCE_RESTS_ON_EITHER,
        issues_card=True,
    ),
    "ampliacion_tarjeta_visitante": ProcedureTraits(
        expired_card_becomes=REGULARISATION_EXPIRED_DOCUMENT, issues_card=True
    ),
    "reposicion": ProcedureTraits(asks_entry_date=True, replaces_a_valid_card=True, issues_card=True),
    "expedicion_por_acuerdo": ProcedureTraits(issues_card=True),
    "cambio_rp_unidad_familiar": ProcedureTraits(
        # A spouse needs two years as a temporary resident first (FACTS.md corrections 2026-12-01).
        resident_since_for=frozenset({CurrentDocument.TEMPORARY_CARD}),
        changes_status_from_visitor=True,
        family_unity=True,
        family_unity_permanent=True,
        half_fee=HalfFee.FAMILY_UNITY,
        issues_card=True,
    ),
    "cambio_rt_unidad_familiar": ProcedureTraits(
        changes_status_from_visitor=True, family_unity=True, half_fee=HalfFee.FAMILY_UNITY, issues_card=True
    ),
    "cambio_a_visitante_razones_humanitarias": ProcedureTraits(
        changes_status_from_visitor=True, stay_expired_becomes=REGULARISATION_HUMANITARIAN, issues_card=True
    ),
    "cambio_vrh_a_rp": ProcedureTraits(issues_card=True),
    "cambio_vrh_a_rt": ProcedureTraits(issues_card=True),
    "cambio_rte_a_rt": ProcedureTraits(
        years_requested_for=frozenset({CurrentDocument.STUDENT_CARD}),
        employment_kind=EmploymentKind.EMPLOYER,
        half_fee=HalfFee.JOB_OFFER,
        issues_card=True,
    ),
    "cambio_rt_a_rp": ProcedureTraits(
        resident_since_for=ANY_DOCUMENT,
        asks_rt_to_rp_route=True,
        expired_card_becomes=REGULARISATION_EXPIRED_DOCUMENT,
        issues_card=True,
    ),
    "regularizacion_vinculo_familiar": ProcedureTraits(
        family_unity=True, half_fee=HalfFee.FAMILY_UNITY, issues_card=True
    ),
    "regularizacion_documento_vencido": ProcedureTraits(issues_card=True),
    "regularizacion_razones_humanitarias": ProcedureTraits(issues_card=True),
    "notif_domicilio": ProcedureTraits(change_kind="address"),
    "notif_lugar_trabajo": ProcedureTraits(change_kind="workplace"),
    "notif_estado_civil": ProcedureTraits(change_kind="marital_status"),
    "notif_nacionalidad": ProcedureTraits(change_kind="nationality"),
    "notif_nombre": ProcedureTraits(change_kind="name"),
    "permiso_trabajo_empleador": ProcedureTraits(employment_kind=EmploymentKind.EMPLOYER),
    "permiso_trabajo_independiente": ProcedureTraits(employment_kind=EmploymentKind.SELF_EMPLOYED),
}


def traits_for(slug: str | None) -> ProcedureTraits:
    """The traits of a procedure (the plain ones for a procedure the table does not name)."""
    return TRAITS.get(slug or "", PLAIN)
