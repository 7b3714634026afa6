"""The INM "Formato para solicitar trámite migratorio de estancia", field by field.

This is the online form (inm.gob.mx/tramites/publico/solicitud_estancia.html) that produces the
número de pieza and the printed, hand-signed solicitud an applicant takes to the appointment. The
copy sheet of the packet lists its fields in the form's order, under their exact INM labels, with
the applicant's value as the portal wants it.

The form is reference data in ``data/inm_form.json`` (the project never reads ../shared at run
time); this module only reads it. It carries both languages itself (label_en, format_hint_en/_es)
like the fixtures' _en/_es columns: the Spanish labels and option texts are the INM's own and must
never pass through translation. A field names the groups of the form it is shown for
(``FormSection``); which groups a procedure belongs to is its catalogue field ``form_sections``,
so no procedure is named here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Literal

Confidence = Literal["verified", "secondary", "unverified", "conflicting"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "inm_form.json"
_DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))

OUTPUT_SECTION: str = _DATA["output_section"]
_ESPECIFICA = "Especifica"

# --- The portal's two menus ---------------------------------------------------------------------

PORTAL_MENU_OPTIONS: tuple[str, ...] = tuple(_DATA["portal_menu_options"])

# "Obtener permiso de salida y regreso" has no key: the portal disables "Especifica" for it.
ESPECIFICA_OPTIONS: dict[str, tuple[str, ...]] = {
    menu: tuple(options) for menu, options in _DATA["especifica_options"].items()
}

# --- The fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    """One field of the INM estancia form.

    ``answer`` is the wizard answer ("step.field") that fills it, or None when no answer of ours
    does. ``options`` holds the INM's exact option texts; it is empty for free text and for the
    long INM catalogues (countries, nationalities, states, municipalities), which the partial
    tables below cover instead. ``required`` is None where the sources do not say; for a
    repeatable field it says whether each added row needs it. ``shown_for`` holds the groups of
    the form (``FormSection`` values) for which the form shows the field.
    """

    order: int
    section: str
    label_es: str
    label_en: str
    answer: str | None
    format_hint_en: str
    format_hint_es: str
    options: tuple[str, ...]
    required: bool | None
    repeatable: bool
    shown_for: frozenset[str]
    confidence: Confidence
    source_urls: tuple[str, ...]
    note_en: str = ""

    @property
    def is_inm_output(self) -> bool:
        """True for what the INM generates after the form is sent (pieza, password, the PDF)."""
        return self.section == OUTPUT_SECTION


FIELDS: tuple[FormField, ...] = tuple(
    FormField(
        **{
            **entry,
            "options": tuple(entry["options"]),
            "shown_for": frozenset(entry["shown_for"]),
            "source_urls": tuple(entry["source_urls"]),
        }
    )
    for entry in _DATA["fields"]
)

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(f.section for f in FIELDS))


def fields_for_sections(form_sections: Iterable[str]) -> list[FormField]:
    """The fields the form shows for a procedure in these groups of the form, in the form's order."""
    groups = frozenset(form_sections)
    return [f for f in FIELDS if f.shown_for & groups]


def _form_sections(slug: str) -> list[str]:
    from .catalogue_rows import procedure_by_slug

    procedure = procedure_by_slug(slug)
    return procedure.form_sections if procedure is not None else []


def fields_for(slug: str) -> list[FormField]:
    """The fields the form shows for the procedure ``slug``, in the form's order.

    Information pages, and any slug the catalogue does not know, get an empty list: they are not
    filed with this form.
    """
    return fields_for_sections(_form_sections(slug))


def copy_sheet_fields(slug: str) -> list[FormField]:
    """The fields an applicant copies into the portal for ``slug``, in the form's order.

    That is :func:`fields_for` without the fields no answer of ours fills (the authorised person,
    "Comentarios", which the packet gives as its own text), without what the INM generates, and
    without "Especifica" where the portal disables it (a procedure with no "Especifica" option).
    """
    from .catalogue_rows import procedure_by_slug

    procedure = procedure_by_slug(slug)
    no_especifica = procedure is not None and not procedure.portal_especifica
    return [
        f
        for f in fields_for(slug)
        if f.answer is not None and not f.is_inm_output and not (f.label_es == _ESPECIFICA and no_especifica)
    ]


def sections_for(slug: str) -> list[str]:
    """The section titles the form shows for ``slug``, in the form's order."""
    return list(dict.fromkeys(f.section for f in fields_for(slug)))


def format_date(d: date) -> str:
    """``d`` as the portal writes dates: dd/mm/aaaa."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# --- Values as the portal wants them ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PortalTable(Mapping[str, str]):
    """Our value → the portal's exact option text, read like a dict.

    ``partial`` means a value may be missing: the caller then shows "pick yours in the portal list"
    and flags the row. Every table here is partial: either the portal's list is longer than ours
    (countries, nationalities) or the texts come from one non-official mirror of the form, so a
    value of ours the portal words differently must not be presented as certain.
    """

    entries: Mapping[str, str]
    partial: bool
    confidence: Confidence
    source_urls: tuple[str, ...]
    note_en: str = ""

    def __post_init__(self) -> None:
        # A module-level table is shared by every request: a read-only copy keeps one caller from
        # changing what the next one renders.
        object.__setattr__(self, "entries", MappingProxyType(dict(self.entries)))

    def __getitem__(self, key: str) -> str:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _table(name: str) -> PortalTable:
    entry = _DATA["portal_tables"][name]
    return PortalTable(**{**entry, "source_urls": tuple(entry["source_urls"])})


# The nationalities and countries are spelt as the INM catalogue does (the mirror's
# catalogos-inm.ts), accents dropped where the INM drops them ("Britanica", "Canada"): the portal's
# list matches these texts, not correct Spanish. Adjectives are feminine ("nacionalidad").
SEX_OPTIONS = _table("sex_options")
MARITAL_STATUS_OPTIONS = _table("marital_status_options")
DOCUMENT_TYPE_OPTIONS = _table("document_type_options")
EMPLOYER_TYPE_OPTIONS = _table("employer_type_options")
NATIONALITY_ADJECTIVES = _table("nationality_adjectives")
COUNTRY_NAMES = _table("country_names")
