"""Plain helpers that make reference rows for tests, with sensible defaults."""

import functools
import json
from datetime import date
from decimal import Decimal

from procedures.models import (
    BookingHorizon,
    ChecklistItem,
    Confidence,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    OfficeNotice,
    OnlineBooking,
    Preparation,
    ProblemReport,
    Procedure,
    ProcedureFee,
    State,
    UmaValue,
)
from procedures.reference import FIXTURES_DIR


def make_state(code="14", name="Jalisco", **fields) -> State:
    fields.setdefault("name_inm", name)
    fields.setdefault("name_sepomex", name)
    return State.objects.create(code=code, name=name, **fields)


@functools.cache
def shipped_knowledge() -> dict[str, dict]:
    """What the shipped catalogue knows of each procedure (its traits and form sections), by slug."""
    from procedures.models import TRAIT_FIELDS

    rows = json.loads((FIXTURES_DIR / "procedures.json").read_text(encoding="utf-8"))
    names = (*TRAIT_FIELDS, "form_sections")
    return {row["fields"]["slug"]: {name: row["fields"][name] for name in names} for row in rows}


@functools.cache
def _shipped_rows() -> dict[str, dict]:
    rows = json.loads((FIXTURES_DIR / "procedures.json").read_text(encoding="utf-8"))
    return {row["fields"]["slug"]: row["fields"] for row in rows}


def shipped_procedure(slug: str) -> Procedure | None:
    """The shipped procedure ``slug`` as an unsaved row (None for a slug the catalogue lacks)."""
    fields = _shipped_rows().get(slug)
    if fields is None:
        return None
    concrete = {field.name for field in Procedure._meta.concrete_fields}
    return Procedure(**{name: value for name, value in fields.items() if name in concrete})


def make_procedure(slug="canje", **fields) -> Procedure:
    """A procedure row; a shipped slug knows what the shipped catalogue knows of it (its traits)."""
    defaults = {
        **shipped_knowledge().get(slug, {}),
        "name_es": "Canje de FMM por Tarjeta de Visitante o de Residente",
        "name_en": "Exchange of a resident visa for a residence card (canje)",
        "online_status": "confirmed",
        "portal_menu": "Canjear o reponer documento migratorio",
        "portal_especifica": "Canje de FMM por Tarjeta de Visitante o de Residente",
        "deadline_rule": "days_after_entry",
        "deadline_days": 30,
        "deadline_basis": "legal",
        "confidence": Confidence.VERIFIED,
        "last_verified": date(2026, 11, 27),
    }
    defaults.update(fields)
    return Procedure.objects.create(slug=slug, **defaults)


def make_item(procedure, key="pasaporte", **fields) -> ChecklistItem:
    defaults = {"text_en": "Valid passport", "text_es": "Pasaporte vigente", "originals": 1, "copies": 1}
    defaults.update(fields)
    return ChecklistItem.objects.create(procedure=procedure, key=key, **defaults)


def make_rule(key="originals_and_copies", **fields) -> GeneralRule:
    defaults = {"text_en": "Originals and simple copies.", "text_es": "Originales y copias simples."}
    defaults.update(fields)
    return GeneralRule.objects.create(key=key, **defaults)


def make_mistake(key="name_as_passport", **fields) -> Mistake:
    defaults = {
        "text_en": "Names not exactly as in the passport.",
        "text_es": "Nombres que no coinciden con el pasaporte.",
    }
    defaults.update(fields)
    return Mistake.objects.create(key=key, **defaults)


def make_schedule(key="rt_card", **fields) -> FeeSchedule:
    defaults = {
        "legal_basis": "LFD art. 8 fr. VI",
        "concept_en": "Temporary resident card",
        "concept_es": "Expedición del documento migratorio: residente temporal",
    }
    defaults.update(fields)
    return FeeSchedule.objects.create(key=key, **defaults)


def make_amount(schedule, year=2026, variant="1", amount="11140.74", **fields) -> FeeAmount:
    return FeeAmount.objects.create(
        schedule=schedule, year=year, variant=variant, amount_mxn=Decimal(amount) if amount else None, **fields
    )


def make_fee_link(procedure, schedule, **fields) -> ProcedureFee:
    return ProcedureFee.objects.create(procedure=procedure, schedule=schedule, **fields)


def make_office(state, code="jal-guadalajara", **fields) -> Office:
    defaults = {
        "name": "Oficina de Representación del INM en Jalisco",
        "city": "Guadalajara",
        "online_booking": OnlineBooking.YES,
    }
    defaults.update(fields)
    return Office.objects.create(code=code, state=state, **defaults)


def make_notice(office, **fields) -> OfficeNotice:
    defaults = {
        "text_en": "Closed for a holiday.",
        "text_es": "Cerrado por día festivo.",
        "starts_on": date(2026, 12, 12),
    }
    defaults.update(fields)
    return OfficeNotice.objects.create(office=office, **defaults)


def make_report(procedure=None, office=None, **fields) -> ProblemReport:
    defaults = {"message": "The fee looks out of date."}
    defaults.update(fields)
    return ProblemReport.objects.create(procedure=procedure, office=office, **defaults)


def make_preparation(procedure=None, **fields) -> Preparation:
    return Preparation.objects.create(procedure=procedure, **fields)


def make_uma(year=2026, daily="117.31", **fields) -> UmaValue:
    defaults = {"in_force_from": date(year, 2, 1), "confidence": Confidence.SECONDARY}
    defaults.update(fields)
    return UmaValue.objects.create(year=year, daily_mxn=Decimal(daily), **defaults)


def make_period(key="dof-2026-year-end", **fields) -> NonWorkingPeriod:
    defaults = {
        "kind": "year_end",
        "starts_on": date(2026, 12, 19),
        "ends_on": date(2027, 1, 3),
        "name_en": "Year-end closure of INM offices",
        "name_es": "Periodo vacacional de fin de año del INM",
        "acuerdo": "Acuerdo por el que se da a conocer el periodo vacacional (DOF 15/12/2026)",
    }
    defaults.update(fields)
    return NonWorkingPeriod.objects.create(key=key, **defaults)


def make_horizon(key="inm-portal", days=21, **fields) -> BookingHorizon:
    return BookingHorizon.objects.create(key=key, days=days, **fields)
