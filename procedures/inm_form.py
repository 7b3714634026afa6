"""The INM "Formato para solicitar trámite migratorio de estancia", field by field.

This is the online form (inm.gob.mx/tramites/publico/solicitud_estancia.html) that produces the
número de pieza and the printed, hand-signed solicitud an applicant takes to the appointment. The
copy sheet of the packet lists its fields in the form's order, under their exact INM labels, with
the applicant's value as the portal wants it.

The table is reference data kept as Python because the project never reads ../shared at run time.
It carries both languages itself (label_en, format_hint_en/_es) like the fixtures' _en/_es columns:
the Spanish labels and option texts are the INM's own and must never pass through translation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

Confidence = Literal["verified", "secondary", "unverified", "conflicting"]

# --- Procedures ---------------------------------------------------------------------------------

# Only the procedures that run the wizard (catalogue.yaml, in its order) are filed with this form;
# the four information pages (visas, constancia_empleador, actualizacion_constancia_empleador,
# regularizacion_programa_especial) have no solicitud, so no slug of theirs appears here.
WIZARD_SLUGS: tuple[str, ...] = (
    "canje",
    "renovacion",
    "ampliacion_tarjeta_visitante",
    "reposicion",
    "expedicion_por_acuerdo",
    "cambio_rp_unidad_familiar",
    "cambio_rt_unidad_familiar",
    "cambio_a_visitante_razones_humanitarias",
    "cambio_vrh_a_rp",
    "cambio_vrh_a_rt",
    "cambio_rte_a_rt",
    "cambio_rt_a_rp",
    "regularizacion_vinculo_familiar",
    "regularizacion_razones_humanitarias",
    "regularizacion_documento_vencido",
    "notif_domicilio",
    "notif_lugar_trabajo",
    "notif_estado_civil",
    "notif_nacionalidad",
    "notif_nombre",
    "permiso_trabajo_empleador",
    "permiso_trabajo_independiente",
    "permiso_salida_regreso",
)


def _with_prefix(prefix: str) -> frozenset[str]:
    return frozenset(slug for slug in WIZARD_SLUGS if slug.startswith(prefix))


# form_fields.yaml names procedures by group code, and the employer block by procedure name; our
# slugs are what answers and URLs carry, so each code is resolved here once.
SHOWN_FOR_CODES: dict[str, frozenset[str]] = {
    "ALL": frozenset(WIZARD_SLUGS),
    "EXP": frozenset({"renovacion", "ampliacion_tarjeta_visitante", "canje", "reposicion", "expedicion_por_acuerdo"}),
    "CAM": _with_prefix("cambio_"),
    "REG": _with_prefix("regularizacion_"),
    "NOT": _with_prefix("notif_"),
    "PERM": frozenset({"permiso_trabajo_empleador", "permiso_trabajo_independiente", "permiso_salida_regreso"}),
    "permiso para trabajar con empleador": frozenset({"permiso_trabajo_empleador"}),
    "regularización por documento vencido": frozenset({"regularizacion_documento_vencido"}),
}

# --- Sources ------------------------------------------------------------------------------------

_SOURCES: dict[str, str] = {
    # The mirror's entry names two files after the URL; the repository is the citable address.
    "mirror": "https://github.com/shuitrongom/Migracion_Segura_MX",
    "gpexpat": "https://gpexpatservices.com/inm-online-appointment-system-returns-2024",
    "itm_2021": "https://immigrationtomexico.mx/new-immigration-online-appointment-system-playa-del-carmen/",
    "mrg": "https://mexicorelocationguide.com/changes-to-inm-appointments/",
    "nmdn": "https://newmexicodigitalnews.com/online-appointments-at-mexicos-immigration-offices/",
    "inm_sheet_27en": "https://es.scribd.com/document/704002314/27-en",
    "inm_sheet_17es": (
        "https://arietiform.com/application/nph-tsq.cgi/en/20/https/es.scribd.com/document/696100700/17-es"
    ),
    "oncenoticias": (
        "https://oncenoticias.digital/tramites-y-servicios/"
        "como-se-obtiene-un-permiso-de-trabajo-para-laborar-en-mexico/190791/"
    ),
    "asesqro_status": "https://www.asesoriamigratoriaqro.com/renovacion-temporal-inm",
    "rolly_2010": "https://rollybrook.com/inm-form-1.htm",
    "amigosbuc_2015": "http://amigosdebucerias.org/change-of-address-procedure-2/",
    "inm_faq_2016": (
        "http://www.gob.mx/inm/documentos/preguntas-frecuentes-para-notificar-cambios-al-inm-de-los-extranjeros-residentes"
    ),
    # form_fields.yaml cites this one by site name only (not in meta.sources), so the site is all we can link.
    "livinglakechapala": "https://livinglakechapala.com",
}

# --- The portal's two menus ---------------------------------------------------------------------

PORTAL_MENU_OPTIONS: tuple[str, ...] = (
    "Extender la estancia",
    "Canjear o reponer documento migratorio",
    "Cambiar condición de estancia",
    "Regularizar situación migratoria",
    "Notificar cambios (residentes temporales y permanentes)",
    "Obtener permiso para trabajar",
    "Obtener permiso de salida y regreso",
)

# "Obtener permiso de salida y regreso" has no key: the portal disables "Especifica" for it.
ESPECIFICA_OPTIONS: dict[str, tuple[str, ...]] = {
    "Extender la estancia": (
        "Expedición de Tarjeta de Residente por Renovación",
        "Expedición de Tarjeta de Visitante por Ampliación",
    ),
    "Canjear o reponer documento migratorio": (
        "Canje de FMM por Tarjeta de Visitante o de Residente",
        "Reposición de documento migratorio por pérdida, robo o deterioro",
        "Expedición de Tarjeta de Residente cuando se otorga la condición por acuerdo",
    ),
    "Cambiar condición de estancia": (
        "Cambio de condición a residente permanente por unidad familiar",
        "Cambio de condición a residente temporal por unidad familiar",
        "Cambio de condición a visitante por razones humanitarias",
        "Cambio de condición de visitante por razones humanitarias a residente permanente",
        "Cambio de condición de visitante por razones humanitarias a residente temporal",
        "Cambio de condición de residente temporal estudiante a residente temporal",
        "Cambio de condición de residente temporal a residente permanente",
    ),
    "Regularizar situación migratoria": (
        "Regularización por unidad familiar",
        "Regularización por razones humanitarias",
        "Regularización por tener documento vencido o por realizar actividades no autorizadas",
    ),
    "Notificar cambios (residentes temporales y permanentes)": (
        "Notificación de cambio de lugar de trabajo",
        "Notificación de cambio de domicilio",
        "Notificación de cambio de nacionalidad",
        "Notificación de cambio de estado civil",
        "Notificación de cambio de nombre",
    ),
    "Obtener permiso para trabajar": (
        "Obtener permiso para trabajar con empleador",
        "Obtener permiso para trabajar (actividades independientes/autoempleo)",
    ),
}

# The portal shows "Especifica" disabled for these (their menu option has no sub-list), so the copy
# sheet has nothing to tell the applicant there.
_NO_ESPECIFICA: frozenset[str] = frozenset({"permiso_salida_regreso"})

# --- The fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    """One field of the INM estancia form.

    ``answer`` is the wizard answer ("step.field") that fills it, or None when no answer of ours
    does. ``options`` holds the INM's exact option texts; it is empty for free text and for the
    long INM catalogues (countries, nationalities, states, municipalities), which the partial
    tables below cover instead. ``required`` is None where the sources do not say; for a
    repeatable field it says whether each added row needs it. ``shown_for`` holds the slugs of the
    procedures for which the form shows the field.
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


_TIPO = "Tipo de trámite"
_ESPECIFICA = "Especifica"
_EXTRANJERO = "Datos del extranjero (conforme a pasaporte o documento de identidad)"
_NACIMIENTO = "Lugar de nacimiento"
_DOCUMENTO = "Pasaporte o documento con el que se identifica el extranjero"
_DOMICILIO = "Domicilio del extranjero en México"
_EMPLEADOR = "Datos del empleador"
_CORREO = "Correo electrónico para notificar al promovente"
_AUTORIZADA = "En su caso, persona autorizada para tramitar, oír o recibir notificaciones"
_COMENTARIOS = "Comentarios"
OUTPUT_SECTION = "Resultado (generado por el INM)"

_ADDRESS_FOR = ("PERM", "EXP", "REG", "CAM")
_EMPLOYER_FOR = ("permiso para trabajar con empleador", "regularización por documento vencido")

_DATE_EN = "dd/mm/aaaa (day/month/year)"
_DATE_ES = "dd/mm/aaaa"
_LIST_EN = "Choose from the list"
_LIST_ES = "Elija de la lista"


def _field(
    order: int,
    section: str,
    label_es: str,
    label_en: str,
    answer: str | None,
    hint_en: str,
    hint_es: str,
    *,
    required: bool | None,
    confidence: Confidence = "secondary",
    sources: tuple[str, ...] = ("mirror",),
    shown_for: tuple[str, ...] = ("ALL",),
    options: tuple[str, ...] = (),
    repeatable: bool = False,
    note_en: str = "",
) -> FormField:
    return FormField(
        order=order,
        section=section,
        label_es=label_es,
        label_en=label_en,
        answer=answer,
        format_hint_en=hint_en,
        format_hint_es=hint_es,
        options=options,
        required=required,
        repeatable=repeatable,
        shown_for=frozenset().union(*(SHOWN_FOR_CODES[code] for code in shown_for)),
        confidence=confidence,
        source_urls=tuple(_SOURCES[key] for key in sources),
        note_en=note_en,
    )


# The persona autorizada rows have no answer key: the block is optional, naming someone to act and
# receive notices for you is a decision made in the portal, and our guardian step only feeds the
# signature and the letters (DESIGN.md marks it as ours).
_AUTHORISED_NOTE = "Optional block; a row is only saved with the portal's 'Agregar persona' button."

FIELDS: tuple[FormField, ...] = (
    _field(
        1,
        _TIPO,
        "¿Qué deseas hacer?",
        "What do you want to do?",
        "procedure.procedure",
        _LIST_EN,
        _LIST_ES,
        options=PORTAL_MENU_OPTIONS,
        required=True,
        confidence="verified",
        sources=("mirror", "inm_sheet_27en", "oncenoticias"),
        note_en=(
            "Older pages show the label as '¿Qué desea hacer?' (formal); the exact wording is conflicting. "
            "'Regularizar situación migratoria' and 'Obtener permiso de salida y regreso' are mirror-only."
        ),
    ),
    _field(
        2,
        _TIPO,
        _ESPECIFICA,
        "Specify",
        "procedure.procedure",
        "Choose from the list (depends on the previous answer)",
        "Elija de la lista (depende de la respuesta anterior)",
        options=tuple(option for options in ESPECIFICA_OPTIONS.values() for option in options),
        required=True,
        note_en=(
            "Some older pages call it 'Seleccione'. Not required, and disabled in the mirror, for "
            "'Obtener permiso de salida y regreso', which has no sub-list."
        ),
    ),
    _field(
        3,
        _EXTRANJERO,
        "Clave Única de Registro de Población (CURP)",
        "CURP (Mexican population ID)",
        "applicant.curp",
        "18 characters, capitals; leave empty if you have none",
        "18 caracteres, mayúsculas; déjelo en blanco si no la tiene",
        required=False,
        note_en="Optional: most first-time applicants have no CURP yet.",
    ),
    _field(
        4,
        _EXTRANJERO,
        "Nombre(s)",
        "Given name(s)",
        "applicant.given_names",
        "Exactly as in the passport",
        "Tal como en el pasaporte",
        required=True,
        confidence="verified",
        sources=("mirror", "rolly_2010"),
        note_en="Exactly as in the passport (INM sheet 17-es).",
    ),
    _field(
        5,
        _EXTRANJERO,
        "Apellido(s)",
        "Surname(s)",
        "applicant.surnames",
        "All surnames in one field, as in the passport",
        "Todos los apellidos en un campo, como en el pasaporte",
        required=True,
        sources=("mirror", "rolly_2010"),
        note_en="One field for all surnames (mirror and the 2010 form), not 'Primer/Segundo apellido'.",
    ),
    _field(
        6,
        _EXTRANJERO,
        "Sexo",
        "Sex",
        "applicant.sex",
        _LIST_EN,
        _LIST_ES,
        options=("Masculino", "Femenino"),
        required=True,
    ),
    _field(
        7,
        _EXTRANJERO,
        "Fecha de nacimiento",
        "Date of birth",
        "applicant.birth_date",
        _DATE_EN,
        _DATE_ES,
        required=True,
        note_en="Date picker; the dd/mm/aaaa display is assumed.",
    ),
    _field(
        8,
        _EXTRANJERO,
        "Nacionalidad actual",
        "Current nationality",
        "applicant.nationality",
        "Choose from the list: a nationality adjective, e.g. Estadounidense",
        "Elija de la lista: gentilicio, p. ej. Estadounidense",
        required=True,
        confidence="verified",
        sources=("mirror", "rolly_2010"),
    ),
    _field(
        9,
        _EXTRANJERO,
        "Estado civil actual",
        "Current marital status",
        "applicant.marital_status",
        _LIST_EN,
        _LIST_ES,
        options=("Soltero", "Casado", "Unión libre", "Viudo", "Divorciado"),
        required=False,
        note_en="The mirror shows no asterisk; INM may require it.",
    ),
    _field(
        10,
        _NACIMIENTO,
        "País de nacimiento",
        "Country of birth",
        "applicant.birth_country",
        "Choose from the list: a country name, e.g. Estados Unidos de America",
        "Elija de la lista: nombre del país, p. ej. Estados Unidos de America",
        required=True,
    ),
    _field(
        11,
        _NACIMIENTO,
        "Estado, provincia o departamento",
        "State / province / department of birth",
        "applicant.birth_state",
        "Free text",
        "Texto libre",
        required=True,
    ),
    _field(
        12,
        _DOCUMENTO,
        "Documento de identificación",
        "Identity document type",
        "passport.document_type",
        _LIST_EN,
        _LIST_ES,
        options=("Pasaporte", "Documento de identidad y viaje"),
        required=True,
    ),
    _field(
        13,
        _DOCUMENTO,
        "Número de documento",
        "Document number",
        "passport.passport_number",
        "As printed in the document",
        "Como aparece en el documento",
        required=True,
    ),
    _field(
        14,
        _DOCUMENTO,
        "País de expedición",
        "Issuing country",
        "passport.passport_country",
        "Choose from the list: a country name",
        "Elija de la lista: nombre del país",
        required=True,
    ),
    _field(
        15,
        _DOCUMENTO,
        "Fecha de expedición",
        "Issue date",
        "passport.passport_issued",
        _DATE_EN,
        _DATE_ES,
        required=False,
    ),
    _field(
        16,
        _DOCUMENTO,
        "Fecha de vencimiento",
        "Expiry date",
        "passport.passport_expires",
        _DATE_EN,
        _DATE_ES,
        required=False,
    ),
    _field(
        17,
        _DOMICILIO,
        "Código postal",
        "Postal code",
        "address.postal_code",
        "5 digits",
        "5 dígitos",
        required=True,
        shown_for=_ADDRESS_FOR,
        note_en=(
            "The mirror hides this block for notifications; the change-of-address letter carries the new "
            "address instead (INM FAQ). The 5-digit format is unverified."
        ),
    ),
    _field(
        18,
        _DOMICILIO,
        "Estado",
        "State",
        "address.state",
        "Choose from the list (32 states)",
        "Elija de la lista (32 entidades)",
        required=True,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        19,
        _DOMICILIO,
        "Municipio o Alcaldía",
        "Municipality / borough",
        "address.municipality",
        "Choose from the list (depends on Estado)",
        "Elija de la lista (depende del Estado)",
        required=True,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        20,
        _DOMICILIO,
        "Colonia",
        "Neighbourhood (colonia)",
        "address.neighborhood",
        "Free text",
        "Texto libre",
        required=True,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        21,
        _DOMICILIO,
        "Calle",
        "Street",
        "address.street",
        "Street name; avoid '#'",
        "Nombre de la calle; sin '#'",
        required=True,
        shown_for=_ADDRESS_FOR,
        note_en="Older advice: avoid '#' in the address (rollybrook).",
    ),
    _field(
        22,
        _DOMICILIO,
        "Número exterior",
        "Street number",
        "address.exterior_number",
        "Free text",
        "Texto libre",
        required=True,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        23,
        _DOMICILIO,
        "Número interior",
        "Apartment / unit",
        "address.interior_number",
        "Optional",
        "Opcional",
        required=False,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        24,
        _DOMICILIO,
        "Lada",
        "Area code",
        "address.landline_area_code",
        "Digits only; optional",
        "Solo dígitos; opcional",
        required=False,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        25,
        _DOMICILIO,
        "Teléfono fijo",
        "Landline",
        "address.landline",
        "Digits only; optional",
        "Solo dígitos; opcional",
        required=False,
        shown_for=_ADDRESS_FOR,
    ),
    _field(
        26,
        _EMPLEADOR,
        "Tipo de persona",
        "Employer type",
        "employment.employer_type",
        "Física: an individual; Moral: a company",
        "Física o Moral",
        options=("Física", "Moral"),
        required=True,
        shown_for=_EMPLOYER_FOR,
        note_en="Form hint: 'Si presenta oferta de empleo, proporcione los datos del empleador.'",
    ),
    _field(
        27,
        _EMPLEADOR,
        "Registro Federal de Contribuyentes (RFC)",
        "Employer tax ID (RFC)",
        "employment.employer_rfc",
        "13 characters (Física) or 12 (Moral), capitals",
        "13 caracteres (física) o 12 (moral), mayúsculas",
        required=True,
        shown_for=_EMPLOYER_FOR,
    ),
    _field(
        28,
        _EMPLEADOR,
        "Número expediente",
        "Employer's INM file number (from the Constancia de Inscripción del Empleador)",
        "employment.employer_file_number",
        "As on the employer's Constancia de Inscripción",
        "Como en la Constancia de Inscripción del Empleador",
        required=True,
        shown_for=_EMPLOYER_FOR,
    ),
    _field(
        29,
        _CORREO,
        "Correo electrónico",
        "E-mail for notices about the procedure",
        "applicant.email",
        "An address you read: INM notices arrive here",
        "Un correo que usted revise: ahí llegan las notificaciones",
        required=True,
        note_en="Section help text (paraphrased): notices about your procedure will be sent to this address.",
    ),
    _field(
        30,
        _CORREO,
        "Correo electrónico (confirmación)",
        "Confirm e-mail",
        "applicant.email",
        "The same e-mail again",
        "El mismo correo otra vez",
        required=True,
        note_en="Must equal 'Correo electrónico'.",
    ),
    _field(
        31,
        _AUTORIZADA,
        "Clave Única de Registro de Población (CURP)",
        "Authorised person's CURP",
        None,
        "18 characters",
        "18 caracteres",
        required=False,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    _field(
        32,
        _AUTORIZADA,
        "Nombre(s)",
        "Authorised person's given name(s)",
        None,
        "Free text",
        "Texto libre",
        required=True,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    _field(
        33,
        _AUTORIZADA,
        "Apellido(s)",
        "Authorised person's surname(s)",
        None,
        "Free text",
        "Texto libre",
        required=True,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    _field(
        34,
        _AUTORIZADA,
        "Nacionalidad actual",
        "Authorised person's nationality",
        None,
        _LIST_EN,
        _LIST_ES,
        required=True,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    _field(
        35,
        _AUTORIZADA,
        "Tipo de documento de identificación",
        "Authorised person's ID type",
        None,
        _LIST_EN,
        _LIST_ES,
        required=False,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    _field(
        36,
        _AUTORIZADA,
        "Número de documento",
        "Authorised person's ID number",
        None,
        "Free text",
        "Texto libre",
        required=False,
        repeatable=True,
        note_en=_AUTHORISED_NOTE,
    ),
    # No answer key: the packet builds this text from the checklist (the attachments), so it has its
    # own section in the packet rather than a row of the copy sheet.
    _field(
        37,
        _COMENTARIOS,
        "Comentarios",
        "Comments",
        None,
        "Free text: list every attached document",
        "Texto libre: relacione cada documento anexo",
        required=False,
        confidence="verified",
        sources=("mirror", "inm_sheet_27en"),
        note_en=(
            "INM sheets: list every attached document here; for RT→RP after 4 years, state that basis here (INM823)."
        ),
    ),
    _field(
        38,
        OUTPUT_SECTION,
        "Número de pieza",
        "Application reference number",
        None,
        "Assigned by INM; write it down",
        "Lo asigna el INM; anótelo",
        required=None,
        confidence="verified",
        sources=("mirror", "livinglakechapala"),
    ),
    _field(
        39,
        OUTPUT_SECTION,
        "Contraseña / clave",
        "Password for status checks",
        None,
        "Keep it: needed to check the status",
        "Consérvela: sirve para consultar el estado del trámite",
        required=None,
        confidence="conflicting",
        sources=("mirror", "asesqro_status"),
        note_en=(
            "Mirror: 'la clave que generó el INM'. asesoriamigratoriaqro (2025): 'the password you set in your "
            "original application'. Older sources: handed out by the office."
        ),
    ),
    _field(
        40,
        OUTPUT_SECTION,
        "Solicitud (PDF para imprimir)",
        "Printable application; sign by hand (parent or guardian signs for minors)",
        None,
        "PDF: print it and sign by hand",
        "PDF: imprímalo y fírmelo de puño y letra",
        required=True,
        confidence="verified",
        sources=("mirror", "inm_sheet_27en"),
    ),
)

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(f.section for f in FIELDS))


def fields_for(slug: str) -> list[FormField]:
    """The fields the form shows for the procedure ``slug``, in the form's order.

    Information pages, and any slug the form does not know, get an empty list: they are not filed
    with this form.
    """
    return [f for f in FIELDS if slug in f.shown_for]


def copy_sheet_fields(slug: str) -> list[FormField]:
    """The fields an applicant copies into the portal for ``slug``, in the form's order.

    That is :func:`fields_for` without the fields no answer of ours fills (the authorised person,
    "Comentarios", which the packet gives as its own text) and without what the INM generates.
    """
    return [
        f
        for f in fields_for(slug)
        if f.answer is not None and not f.is_inm_output and not (f.label_es == _ESPECIFICA and slug in _NO_ESPECIFICA)
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


_MIRROR = (_SOURCES["mirror"],)

SEX_OPTIONS = PortalTable(
    {"male": "Masculino", "female": "Femenino"}, partial=True, confidence="secondary", source_urls=_MIRROR
)

MARITAL_STATUS_OPTIONS = PortalTable(
    {
        "single": "Soltero",
        "married": "Casado",
        "free_union": "Unión libre",
        "widowed": "Viudo",
        "divorced": "Divorciado",
    },
    partial=True,
    confidence="secondary",
    source_urls=_MIRROR,
)

DOCUMENT_TYPE_OPTIONS = PortalTable(
    {"passport": "Pasaporte", "identity_and_travel": "Documento de identidad y viaje"},
    partial=True,
    confidence="secondary",
    source_urls=_MIRROR,
)

EMPLOYER_TYPE_OPTIONS = PortalTable(
    {"individual": "Física", "company": "Moral"}, partial=True, confidence="secondary", source_urls=_MIRROR
)

# The spellings are the INM catalogue's as the mirror copies it (catalogos-inm.ts), accents dropped
# where the INM drops them ("Britanica"): the portal's list matches these texts, not correct Spanish.
# Adjectives are feminine because they agree with "nacionalidad".
NATIONALITY_ADJECTIVES = PortalTable(
    {
        "US": "Estadounidense",
        "CA": "Canadiense",
        "GB": "Britanica",
        "CO": "Colombiana",
        "VE": "Venezolana",
        "CU": "Cubana",
        "HN": "Hondureña",
        "GT": "Guatemalteca",
        "SV": "Salvadoreña",
        "NI": "Nicaragüense",
        "HT": "Haitiana",
        "CN": "China",
        "ES": "Española",
        "AR": "Argentina",
        "FR": "Francesa",
        "DE": "Alemana",
        "IT": "Italiana",
        "BR": "Brasileña",
        "PE": "Peruana",
        "CL": "Chilena",
        "KR": "De La Republica de Corea",
        "JP": "Japonesa",
        "IN": "India",
        "EC": "Ecuatoriana",
        "RU": "Rusa",
        "NL": "Neerlandesa",
    },
    partial=True,
    confidence="secondary",
    source_urls=_MIRROR,
    note_en="The most common nationalities only; for the rest, pick yours in the portal list.",
)

# Same source and same rule as the nationalities: the INM writes "Estados Unidos de America" and
# "Canada" without accents, and some countries by their official long names (Venezuela, Russia, Korea).
COUNTRY_NAMES = PortalTable(
    {
        "US": "Estados Unidos de America",
        "CA": "Canada",
        "GB": "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "CO": "Colombia",
        "VE": "Republica Bolivariana de Venezuela",
        "CU": "Cuba",
        "HN": "Honduras",
        "GT": "Guatemala",
        "SV": "El Salvador",
        "NI": "Nicaragua",
        "HT": "Haiti",
        "CN": "China",
        "ES": "España",
        "AR": "Argentina",
        "FR": "Francia",
        "DE": "Alemania",
        "IT": "Italia",
        "BR": "Brasil",
        "PE": "Peru",
        "CL": "Chile",
        "KR": "Republica de Corea",
        "JP": "Japon",
        "IN": "India",
        "EC": "Ecuador",
        "RU": "Federacion De Rusia",
        "NL": "Paises Bajos",
    },
    partial=True,
    confidence="secondary",
    source_urls=_MIRROR,
    note_en="The most common countries only; for the rest, pick yours in the portal list.",
)
