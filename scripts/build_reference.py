#!/usr/bin/env python3
"""Build inmprep's reference-data fixtures from the shared research files.

Reads ``catalogue.yaml`` and ``reference/*.yaml`` from the shared folder (``--shared``, by default
``../shared`` beside the repository) and writes, in Django's JSON serialisation with natural keys:

    procedures/fixtures/states.json
    procedures/fixtures/procedures.json
    procedures/fixtures/checklist_items.json
    procedures/fixtures/general_rules.json
    procedures/fixtures/fees.json
    procedures/fixtures/offices.json
    procedures/fixtures/uma_values.json
    procedures/fixtures/calendar.json

The project never reads the shared folder at run time: the JSON files are the committed output,
and this script is how they were made. Output is deterministic (same input, same bytes).

Where the research leaves a judgment to make (free-text conditions, English or Spanish wording the
reference lacks, office codes, estimates the second pass gives only in prose), the decision is an
explicit table below, with the reason beside it. Facts the reference does not give are not added.

Usage: .venv/bin/python scripts/build_reference.py [--shared PATH] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "procedures" / "fixtures"

# The date the shipped sources were checked (DESIGN.md): only verified facts carry it.
LAST_VERIFIED = "2026-11-27"

CONFIDENCES = ("verified", "secondary", "unverified", "conflicting")

# The closed vocabulary of procedures/conditions.py, repeated so the script runs without Django.
CONDITIONS = {
    "always",
    "minor",
    "minor_15_17",
    "minor_permanent",
    "not_minor_permanent",
    "spouse",
    "concubine",
    "child_or_parent",
    "sibling",
    "sponsor_mexican",
    "sponsor_foreign_resident",
    "foreign_certificates",
    "entered_with_fmm",
    "holds_humanitarian_card",
    "holds_provisional_document",
    "damaged",
    "lost_or_stolen_in_mexico",
    "lost_abroad",
    "with_employer",
    "self_employed",
    "route_four_years",
    "route_pensioner",
    "route_points",
    "visa_temporary",
    "visa_permanent",
    "visa_student",
}

# ============================================================================ sources

# Sources the reference cites outside the ``sources:`` maps of procedures.yaml and
# procedures_list.yaml (FACTS2.md gives them in prose, some without the scheme).
EXTRA_SOURCES = {
    # FACTS2 §1.1: the gestor app that mirrors INM's estancia form (procedures_list calls it form_mirror).
    "form_mirror": "https://github.com/shuitrongom/Migracion_Segura_MX",
    # FACTS2 §4: exit and re-entry permit.
    "citylaws_salida": "https://citylaws.com.mx/en/abogado-migratorio/permiso-de-salida-y-regreso",
    "bizqro_salida": "https://bizqro.com/docs/visa-exit-re-entry-permit.html",
    # FACTS2 §5.1: RMF 2024 rule 7.1, the official inflation factor 1.0432.
    "rmf_2024_factor": "https://normatividad.chavezaranda.com/resolucion-2023/titulo-7-derechos/",
    # FACTS2 §2: INM call centre and headquarters (official Economía eRegulations page).
    "eregulations_inm": "https://ventanillaunica.economia.gob.mx/procedure/296/step/923?l=en",
}


def load_source_map(reference: dict, plist: dict) -> dict[str, list[str]]:
    """One map from every source key to its URLs (a key may stand for several URLs)."""
    mapping: dict[str, list[str]] = {}
    for key, value in reference["sources"].items():
        mapping[key] = [value]
    for key, value in plist["meta"]["sources"].items():
        urls = value if isinstance(value, list) else [value]
        urls = [u for u in urls if u.startswith("http")]
        if urls:
            mapping.setdefault(key, urls)
    for key, value in EXTRA_SOURCES.items():
        mapping[key] = [value]
    return mapping


class Sources:
    def __init__(self, mapping: dict[str, list[str]]):
        self.mapping = mapping

    def urls(self, *refs) -> list[str]:
        """Resolve source keys (or URLs, or lists of either) to URLs, de-duplicated in order."""
        out: list[str] = []
        for ref in refs:
            if ref is None:
                continue
            items = ref if isinstance(ref, list | tuple) else [ref]
            for item in items:
                if item is None:
                    continue
                if item.startswith(("http://", "https://")):
                    resolved = [item]
                elif item in self.mapping:
                    resolved = self.mapping[item]
                else:
                    raise SystemExit(f"unknown source key: {item!r}")
                for url in resolved:
                    if url not in out:
                        out.append(url)
        return out


def stamp(confidence: str) -> str | None:
    """The date of verification, which only a verified fact carries."""
    if confidence not in CONFIDENCES:
        raise SystemExit(f"unknown confidence: {confidence!r}")
    return LAST_VERIFIED if confidence == "verified" else None


def row(model: str, fields: dict) -> dict:
    return {"model": f"procedures.{model}", "fields": fields}


# ============================================================================ states

# INEGI's catalogue of the 32 federal entities (Marco Geoestadístico). The reference has no state
# file: codes and SEPOMEX spellings are INEGI's and SEPOMEX's published catalogues; the INM spelling
# is the one offices.yaml uses for each state.
# code: (common name, INM spelling, SEPOMEX spelling)
STATES = {
    "01": ("Aguascalientes", "Aguascalientes", "Aguascalientes"),
    "02": ("Baja California", "Baja California", "Baja California"),
    "03": ("Baja California Sur", "Baja California Sur", "Baja California Sur"),
    "04": ("Campeche", "Campeche", "Campeche"),
    "05": ("Coahuila", "Coahuila", "Coahuila de Zaragoza"),
    "06": ("Colima", "Colima", "Colima"),
    "07": ("Chiapas", "Chiapas", "Chiapas"),
    "08": ("Chihuahua", "Chihuahua", "Chihuahua"),
    "09": ("Ciudad de México", "Ciudad de México", "Ciudad de México"),
    "10": ("Durango", "Durango", "Durango"),
    "11": ("Guanajuato", "Guanajuato", "Guanajuato"),
    "12": ("Guerrero", "Guerrero", "Guerrero"),
    "13": ("Hidalgo", "Hidalgo", "Hidalgo"),
    "14": ("Jalisco", "Jalisco", "Jalisco"),
    "15": ("Estado de México", "Estado de México", "México"),
    "16": ("Michoacán", "Michoacán", "Michoacán de Ocampo"),
    "17": ("Morelos", "Morelos", "Morelos"),
    "18": ("Nayarit", "Nayarit", "Nayarit"),
    "19": ("Nuevo León", "Nuevo León", "Nuevo León"),
    "20": ("Oaxaca", "Oaxaca", "Oaxaca"),
    "21": ("Puebla", "Puebla", "Puebla"),
    "22": ("Querétaro", "Querétaro", "Querétaro"),
    "23": ("Quintana Roo", "Quintana Roo", "Quintana Roo"),
    "24": ("San Luis Potosí", "San Luis Potosí", "San Luis Potosí"),
    "25": ("Sinaloa", "Sinaloa", "Sinaloa"),
    "26": ("Sonora", "Sonora", "Sonora"),
    "27": ("Tabasco", "Tabasco", "Tabasco"),
    "28": ("Tamaulipas", "Tamaulipas", "Tamaulipas"),
    "29": ("Tlaxcala", "Tlaxcala", "Tlaxcala"),
    "30": ("Veracruz", "Veracruz", "Veracruz de Ignacio de la Llave"),
    "31": ("Yucatán", "Yucatán", "Yucatán"),
    "32": ("Zacatecas", "Zacatecas", "Zacatecas"),
}

# Office codes start with a short state abbreviation (the usual Mexican ones), one per INEGI code.
STATE_ABBREVIATIONS = {
    "01": "ags",
    "02": "bc",
    "03": "bcs",
    "04": "camp",
    "05": "coah",
    "06": "col",
    "07": "chis",
    "08": "chih",
    "09": "cdmx",
    "10": "dgo",
    "11": "gto",
    "12": "gro",
    "13": "hgo",
    "14": "jal",
    "15": "mex",
    "16": "mich",
    "17": "mor",
    "18": "nay",
    "19": "nl",
    "20": "oax",
    "21": "pue",
    "22": "qro",
    "23": "qroo",
    "24": "slp",
    "25": "sin",
    "26": "son",
    "27": "tab",
    "28": "tamps",
    "29": "tlax",
    "30": "ver",
    "31": "yuc",
    "32": "zac",
}


def state_code(name: str) -> str:
    for code, spellings in STATES.items():
        if name in spellings:
            return code
    raise SystemExit(f"unknown state: {name!r}")


def build_states() -> list[dict]:
    return [
        row("state", {"code": code, "name": name, "name_inm": inm, "name_sepomex": sepomex})
        for code, (name, inm, sepomex) in sorted(STATES.items())
    ]


# ============================================================================ procedures

# Catalogue slugs whose entry in procedures.yaml has another slug.
REFERENCE_SLUGS = {"visas": "visas_inm"}
# The same for procedures_list.yaml's excluded list.
LIST_SLUGS = {"constancia_empleador": "constancia_inscripcion_empleador"}

# Spanish names for the entries catalogue.yaml leaves without an "Especifica" wording: the four
# information pages (names asked for in the brief) and the exit and re-entry permit, which has its
# own "¿Qué deseas hacer?" option and no "Especifica" list (FACTS2 §1.2), named as procedures.yaml does.
NAME_ES_WITHOUT_ESPECIFICA = {
    "permiso_salida_regreso": "Permiso de salida y regreso",
    "regularizacion_programa_especial": "Regularización por programa especial",
    "visas": "Visas (unidad familiar, oferta de empleo, razones humanitarias)",
    "constancia_empleador": "Constancia de Inscripción del Empleador",
    "actualizacion_constancia_empleador": "Actualización de la Constancia de Inscripción del Empleador",
}

# official_name_es where catalogue.yaml gives none. Only names that are official or official-style
# (a gob.mx ficha, the Lineamientos wording FACTS.md §1 quotes) are used; procedures.yaml's
# descriptive names ("Permiso para trabajar (con empleador)") and names that differ from name_es
# only by an article are left out ("").
OFFICIAL_NAME_ES = {
    "cambio_rt_unidad_familiar": "Cambio de condición de estancia a residente temporal por vínculo familiar",
    "cambio_a_visitante_razones_humanitarias": "Cambio a visitante por razones humanitarias",
    "cambio_vrh_a_rp": "Cambio de visitante por razones humanitarias a residente permanente",
    "cambio_vrh_a_rt": "Cambio de visitante por razones humanitarias a residente temporal",
    "cambio_rte_a_rt": "Cambio de residente temporal estudiante a residente temporal",
    # gob.mx ficha INM794.
    "regularizacion_vinculo_familiar": "Regularización de situación migratoria por vínculo familiar",
    "regularizacion_documento_vencido": (
        "Regularización de situación migratoria por documento vencido o por realizar actividades no autorizadas"
    ),
    "visas": "Solicitud de visa (unidad familiar, oferta de empleo, razones humanitarias)",
}

# What each procedure is for, in plain words, from FACTS.md, FACTS2.md and procedures.yaml.
# Formal Spanish (usted) and INM's own terms.
SUMMARIES = {
    "canje": (
        "Exchanges the resident visa a Mexican consulate put in your passport for a residence card, "
        "after you enter Mexico. File within 30 days of entry, or the visa is void.",
        "Permite canjear la visa de residente expedida por una oficina consular mexicana por la tarjeta de "
        "residente, después de ingresar a México. Debe presentarse dentro de los 30 días naturales siguientes "
        "a su ingreso; de lo contrario, la visa pierde su validez.",
    ),
    "renovacion": (
        "Renews a temporary (or student) resident card for more years, up to four years in total as a "
        "temporary resident. File only when the card has 30 days or less of validity left.",
        "Permite renovar la tarjeta de residente temporal (o de residente temporal estudiante) por más años, "
        "hasta un máximo de cuatro años en total como residente temporal. Solo puede presentarse cuando a la "
        "tarjeta le quedan 30 días naturales o menos de vigencia.",
    ),
    "ampliacion_tarjeta_visitante": (
        "Extends a visitor card, used mainly by humanitarian visitors and visitors with a work permit. "
        "Whether it can be booked online is not confirmed.",
        "Permite ampliar la vigencia de la tarjeta de visitante; la utilizan principalmente los visitantes por "
        "razones humanitarias y los visitantes con permiso para trabajar. No está confirmado que pueda "
        "agendarse cita en línea.",
    ),
    "reposicion": (
        "Replaces a residence or visitor card that was lost, stolen or damaged; the card must still be valid. "
        "If it was lost abroad, first get a replacement visa at a Mexican consulate, then file within 30 days "
        "of entering Mexico.",
        "Permite reponer el documento migratorio en caso de pérdida, robo o deterioro; el documento debe seguir "
        "vigente. Si se extravió en el extranjero, primero obtenga una visa de reposición en un consulado "
        "mexicano y presente el trámite dentro de los 30 días siguientes a su ingreso a México.",
    ),
    "expedicion_por_acuerdo": (
        "Issues the residence card when the INM grants the condición de estancia by an approval (acuerdo). "
        "A non-official source ties it to cases such as the end of a diplomatic posting; details are not "
        "confirmed.",
        "Permite obtener la tarjeta de residente cuando el INM otorga la condición de estancia por acuerdo. "
        "Una fuente no oficial la relaciona con casos como el término de una comisión diplomática; los "
        "detalles no están confirmados.",
    ),
    "cambio_rp_unidad_familiar": (
        "Changes your condición de estancia to permanent resident through a family tie with a Mexican or a "
        "permanent resident. Spouses and common-law partners start as temporary residents: they file this "
        "after two years as temporary residents and two years of the tie.",
        "Permite cambiar su condición de estancia a residente permanente por su vínculo familiar con una persona "
        "mexicana o con una persona residente permanente. Los cónyuges y concubinos inician como residentes "
        "temporales: lo presentan después de dos años como residentes temporales y dos años del vínculo.",
    ),
    "cambio_rt_unidad_familiar": (
        "Changes a visitor or a student temporary resident to temporary resident through a family tie with a "
        "Mexican or a foreign resident.",
        "Permite cambiar la condición de visitante o de residente temporal estudiante a residente temporal por "
        "un vínculo familiar con una persona mexicana o con una persona extranjera residente.",
    ),
    "cambio_a_visitante_razones_humanitarias": (
        "Changes your condición de estancia to visitor for humanitarian reasons. It is free; whether it can "
        "be booked online is not confirmed.",
        "Permite cambiar su condición de estancia a visitante por razones humanitarias. Es gratuito; no está "
        "confirmado que pueda agendarse cita en línea.",
    ),
    "cambio_vrh_a_rp": (
        "Changes a humanitarian visitor to permanent resident once COMAR recognises refugee status or "
        "complementary protection, the SRE grants political asylum, or statelessness is determined. It is free.",
        "Permite cambiar la condición de visitante por razones humanitarias a residente permanente una vez que "
        "la COMAR reconoce la condición de refugiado o la protección complementaria, la SRE otorga asilo "
        "político o se determina la condición de apátrida. Es gratuito.",
    ),
    "cambio_vrh_a_rt": (
        "Changes a humanitarian visitor to temporary resident when a temporary-residence basis now applies, "
        "for example formal employment.",
        "Permite cambiar la condición de visitante por razones humanitarias a residente temporal cuando ahora "
        "se cumple un supuesto de residencia temporal, por ejemplo un empleo formal.",
    ),
    "cambio_rte_a_rt": (
        "Changes a student temporary resident to temporary resident, typically on a job offer from an "
        "employer registered with the INM.",
        "Permite cambiar la condición de residente temporal estudiante a residente temporal, normalmente con "
        "una oferta de empleo de un empleador inscrito ante el INM.",
    ),
    "cambio_rt_a_rp": (
        "Changes a temporary resident to permanent resident after four consecutive years, as a pensioner or "
        "retiree with the required income or savings, or through the points system.",
        "Permite cambiar la condición de residente temporal a residente permanente después de cuatro años "
        "consecutivos, como pensionado o jubilado con los ingresos o ahorros requeridos, o mediante el "
        "sistema de puntos.",
    ),
    "regularizacion_vinculo_familiar": (
        "Puts in order the stay of a person in Mexico without a valid document who has a family tie with a "
        "Mexican or a resident. It is filed in person without an appointment, and a fine set by the INM is "
        "added.",
        "Permite regularizar la situación migratoria de la persona que se encuentra en México sin documento "
        "vigente y tiene un vínculo familiar con una persona mexicana o residente. Se presenta personalmente "
        "sin cita, y se suma la multa que fija el INM.",
    ),
    "regularizacion_razones_humanitarias": (
        "Puts an irregular stay in order on humanitarian grounds. It is free and filed in person without an "
        "appointment; details are not confirmed.",
        "Permite regularizar la situación migratoria por razones humanitarias. Es gratuito y se presenta "
        "personalmente sin cita; los detalles no están confirmados.",
    ),
    "regularizacion_documento_vencido": (
        "Puts your stay in order when your document expired while you were in Mexico, or when you worked "
        "without permission. It is filed in person without an appointment and takes three payments: the study "
        "fee, a fine set by the INM and, if approved, the card.",
        "Permite regularizar su situación migratoria cuando su documento venció estando en México o cuando "
        "realizó actividades no autorizadas. Se presenta personalmente sin cita e implica tres pagos: el "
        "derecho por el estudio de la solicitud, la multa que fija el INM y, si se aprueba, la tarjeta.",
    ),
    "regularizacion_programa_especial": (
        "Regularisation through a special programme that the INM opens from time to time (facilitators call "
        "it 'RNE'). Its official name and legal basis are not confirmed: ask at the office.",
        "Regularización mediante un programa especial que el INM abre en ciertos periodos (los gestores lo "
        "llaman «RNE»). Su nombre oficial y su fundamento legal no están confirmados: consulte en la oficina.",
    ),
    "notif_domicilio": (
        "Notifies the INM that your address changed. Notify within 90 days of the change; it is free, and "
        "each type of change is filed separately.",
        "Permite notificar al INM el cambio de domicilio. Debe notificarse dentro de los 90 días siguientes al "
        "cambio; es gratuito y cada tipo de cambio se presenta por separado.",
    ),
    "notif_lugar_trabajo": (
        "Notifies the INM that your workplace changed. Notify within 90 days of the change; it is free, and "
        "each type of change is filed separately.",
        "Permite notificar al INM el cambio de lugar de trabajo. Debe notificarse dentro de los 90 días "
        "siguientes al cambio; es gratuito y cada tipo de cambio se presenta por separado.",
    ),
    "notif_estado_civil": (
        "Notifies the INM that your marital status changed. Notify within 90 days of the change; it is free, "
        "and each type of change is filed separately.",
        "Permite notificar al INM el cambio de estado civil. Debe notificarse dentro de los 90 días siguientes "
        "al cambio; es gratuito y cada tipo de cambio se presenta por separado.",
    ),
    "notif_nacionalidad": (
        "Notifies the INM that your nationality changed. Notify within 90 days of the change; it is free, and "
        "each type of change is filed separately.",
        "Permite notificar al INM el cambio de nacionalidad. Debe notificarse dentro de los 90 días siguientes "
        "al cambio; es gratuito y cada tipo de cambio se presenta por separado.",
    ),
    "notif_nombre": (
        "Notifies the INM that your name changed. Notify within 90 days of the change; it is free, and each "
        "type of change is filed separately.",
        "Permite notificar al INM el cambio de nombre. Debe notificarse dentro de los 90 días siguientes al "
        "cambio; es gratuito y cada tipo de cambio se presenta por separado.",
    ),
    "permiso_trabajo_empleador": (
        "Authorises a temporary or student resident to work for an employer, on a job offer from an employer "
        "registered with the INM. Get it before you start paid work.",
        "Autoriza a la persona residente temporal o residente temporal estudiante a trabajar para un empleador, "
        "con una oferta de empleo de un empleador inscrito ante el INM. Debe obtenerse antes de iniciar la "
        "actividad remunerada.",
    ),
    "permiso_trabajo_independiente": (
        "Authorises a temporary or student resident to work on their own account. You state the activity "
        "and where you carry it out, and show your RFC registration.",
        "Autoriza a la persona residente temporal o residente temporal estudiante a realizar actividades por "
        "cuenta propia. Se manifiestan la ocupación y el lugar donde se desarrollará, y se acredita la "
        "inscripción en el RFC.",
    ),
    "permiso_salida_regreso": (
        "Lets you leave Mexico and come back, for up to 60 days, while an INM procedure is pending. File it at "
        "the office where the pending procedure was filed.",
        "Permite salir de México y regresar, por un plazo de hasta 60 días, mientras tiene un trámite pendiente "
        "ante el INM. Se presenta en la misma oficina donde se inició el trámite pendiente.",
    ),
    "visas": (
        "Visas for family unity, a job offer or humanitarian reasons are requested from the INM or issued by "
        "Mexican consulates, without an appointment in the online system. Sources disagree on whether "
        "family-unity visas are bookable.",
        "Las visas por unidad familiar, oferta de empleo o razones humanitarias se solicitan ante el INM o las "
        "expiden los consulados mexicanos, sin cita en el sistema en línea. Las fuentes no coinciden sobre si "
        "las visas por unidad familiar pueden agendarse.",
    ),
    "constancia_empleador": (
        "Registers with the INM an employer that hires foreigners (Constancia de Inscripción del Empleador). "
        "It is not booked in the online system.",
        "Inscribe ante el INM al empleador que contrata a personas extranjeras (Constancia de Inscripción del "
        "Empleador). No se agenda en el sistema de citas en línea.",
    ),
    "actualizacion_constancia_empleador": (
        "Updates an employer's registration with the INM. An expat law firm says it must be updated every "
        "year with the acknowledgement of the annual tax return.",
        "Actualiza la Constancia de Inscripción del Empleador ante el INM. Según un despacho especializado, "
        "debe actualizarse cada año con el acuse de la declaración anual.",
    ),
}

# catalogue.yaml's who_may_file, in formal Spanish.
WHO_MAY_FILE_ES = {
    "canje": (
        "Personas que ingresaron a México con una visa de residente (temporal, temporal estudiante o permanente) "
        "expedida por un consulado mexicano y que fueron admitidas con una FMM marcada para canje."
    ),
    "renovacion": (
        "Titulares de una tarjeta de residente temporal (o de residente temporal estudiante) vigente a la que le "
        "quedan 30 días o menos de vigencia; las tarjetas de residente permanente de menores de edad también "
        "se renuevan."
    ),
    "ampliacion_tarjeta_visitante": (
        "Titulares de una tarjeta de visitante (por ejemplo, de visitante por razones humanitarias) cuya "
        "vigencia puede ampliarse."
    ),
    "reposicion": "El documento migratorio que se repone debe seguir vigente.",
    "expedicion_por_acuerdo": (
        "Personas a quienes el INM otorgó la residencia mediante acuerdo; los detalles no están confirmados."
    ),
    "cambio_rp_unidad_familiar": (
        "Cónyuge o concubino(a) después de dos años como residente temporal y dos años del vínculo; hijo(a), "
        "padre o madre de una persona mexicana o de una persona residente permanente."
    ),
    "cambio_rt_unidad_familiar": (
        "Visitantes o residentes temporales estudiantes con un vínculo familiar con una persona mexicana o con "
        "una persona extranjera residente."
    ),
    "cambio_a_visitante_razones_humanitarias": (
        "Víctimas o testigos de delitos, solicitantes de asilo o de la condición de refugiado y otros casos "
        "humanitarios; los detalles no están confirmados."
    ),
    "cambio_vrh_a_rp": (
        "Visitantes por razones humanitarias a quienes se reconoció la condición de refugiado, se otorgó "
        "protección complementaria o asilo político, o se determinó la condición de apátrida."
    ),
    "cambio_vrh_a_rt": (
        "Visitantes por razones humanitarias que ahora cumplen un supuesto de residencia temporal (por ejemplo, "
        "un empleo formal); los detalles no están confirmados."
    ),
    "cambio_rte_a_rt": (
        "Residentes temporales estudiantes con una oferta de empleo de un empleador que cuenta con Constancia "
        "de Inscripción del Empleador."
    ),
    "cambio_rt_a_rp": (
        "Cuatro años consecutivos como residente temporal; o pensionado o jubilado que acredita los ingresos o "
        "ahorros requeridos; o el sistema de puntos."
    ),
    "regularizacion_vinculo_familiar": (
        "Personas en México sin documento migratorio vigente, con un vínculo familiar con una persona mexicana "
        "o residente."
    ),
    "regularizacion_razones_humanitarias": (
        "Casos humanitarios sin documento migratorio vigente; los detalles no están confirmados."
    ),
    "regularizacion_documento_vencido": (
        "Personas cuyo documento venció estando en México o que trabajaron sin permiso."
    ),
    "regularizacion_programa_especial": (
        "Solo mientras el INM tenga vigente un programa especial; consulte en la oficina."
    ),
    "notif_domicilio": "Residentes temporales, residentes temporales estudiantes o residentes permanentes.",
    "notif_lugar_trabajo": "Residentes temporales, residentes temporales estudiantes o residentes permanentes.",
    "notif_estado_civil": "Residentes temporales, residentes temporales estudiantes o residentes permanentes.",
    "notif_nacionalidad": "Residentes temporales, residentes temporales estudiantes o residentes permanentes.",
    "notif_nombre": "Residentes temporales, residentes temporales estudiantes o residentes permanentes.",
    "permiso_trabajo_empleador": (
        "Residentes temporales o residentes temporales estudiantes con una oferta de empleo de un empleador "
        "inscrito (personas de 15 a 17 años, con los permisos que exige la normatividad laboral)."
    ),
    "permiso_trabajo_independiente": (
        "Residentes temporales o residentes temporales estudiantes que trabajan por cuenta propia y están "
        "inscritos en el RFC."
    ),
    "permiso_salida_regreso": (
        "Personas con un trámite pendiente ante el INM que deben viajar al extranjero y regresar."
    ),
    "visas": "Las tramitan los consulados o el INM a solicitud; no se agenda cita en el sistema en línea.",
    "constancia_empleador": "Empleadores que contratan a personas extranjeras.",
    "actualizacion_constancia_empleador": "Empleadores que ya están inscritos.",
}

INM829 = "https://www.gob.mx/tramites/ficha/notificacion-de-cambios-al-inm-por-parte-de-extranjeros-residentes/INM829"

# Sources for procedures procedures.yaml does not have, from procedures_list.yaml and FACTS2.md.
PROCEDURE_EXTRA_SOURCES = {
    # Named in the 2021 INM bulletin (procedures_list candidates; FACTS.md §0).
    "ampliacion_tarjeta_visitante": ["inm_2021_bulletin", "form_mirror"],
    "expedicion_por_acuerdo": ["inm_2021_bulletin", "form_mirror"],
    # FACTS2 §4: what the permit is, where to file it, how long it lasts.
    "permiso_salida_regreso": ["citylaws_salida", "bizqro_salida", "form_mirror"],
    # procedures_list: excluded by inference from gpexpat and mrg; free per INM 2026 (unotv).
    "regularizacion_razones_humanitarias": ["gpexpat", "mrg", "unotv_2026", "form_mirror"],
    "cambio_a_visitante_razones_humanitarias": ["form_mirror", "lineamientos_art37"],
    # FACTS.md §2.4: gob.mx INM829 covers every notification; procedures.yaml puts the ficha on the
    # first one only (the others share its deadline through YAML anchors).
    "notif_lugar_trabajo": [INM829],
    "notif_estado_civil": [INM829],
    "notif_nacionalidad": [INM829],
    "notif_nombre": [INM829],
}

# Confidence of each procedure row (its existence, name and online status).
# Confirmed: procedures_list.yaml's overall_tag (verified for all 16: several agreeing sources).
# Candidates: unverified (brief). The rest: the tag of the source of the "no appointment" fact.
PROCEDURE_CONFIDENCE = {
    # gpexpat alone says they need no appointment (secondary); INM794 is an official ficha.
    "regularizacion_vinculo_familiar": "secondary",
    "regularizacion_documento_vencido": "secondary",
    # procedures_list: the exclusion is an inference.
    "regularizacion_razones_humanitarias": "unverified",
    # Official name and legal basis not verified; only expat and facilitator sites mention it.
    "regularizacion_programa_especial": "secondary",
    # procedures_list: gpexpat (no appointment) against Mondaq ("family visas" among the 18).
    "visas": "conflicting",
    # procedures_list: gpexpat and Mondaq agree (verified).
    "constancia_empleador": "verified",
    # procedures_list: gpexpat only.
    "actualizacion_constancia_empleador": "secondary",
}


# Deadlines catalogue.yaml does not give yet (it says "none" for these procedures). FACTS.md,
# corrections of 2026-12-01: "Changes of status from a visitor must be filed while the visitor's
# authorised stay is valid; after it only a regularisation is possible, with a fine" [S: Lineamientos;
# gob.mx INM sheets for cambio de condición]. One secondary report: the basis is "unverified", shown
# as not confirmed. The rule reads the last day of the stay (status.stay_until); it counts no days.
# These are the changes of status a visitor files (Lineamientos Art. 37: to RP and to RT by family
# bond, to humanitarian visitor; FACTS.md §1 and §2.4).
DEADLINE_OVERLAY = {
    slug: {
        "rule": "before_stay_ends",
        "basis": "unverified",
        "source": "Lineamientos; gob.mx INM sheets for cambio de condición de estancia",
    }
    for slug in ("cambio_rp_unidad_familiar", "cambio_rt_unidad_familiar", "cambio_a_visitante_razones_humanitarias")
}
# Rules that end on a date the applicant gives instead of counting days.
RULES_WITHOUT_DAYS = {"none", "before_stay_ends"}

# What a deadline rests on, where catalogue.yaml says "legal" for a rule no law states. A requirement
# sheet or an official page is official, but it is cited as what it is, never as the law:
# - renovacion: the window is inferred from gob.mx INM820's "vigencia de hasta treinta días
#   naturales" (FACTS.md §2.4 Renovación, [V] inferred): the requirement sheet, not a law.
# - reposicion: "apply at INM within 30 days" of entry comes from the consulates' pages (FACTS.md §2.4
#   Reposición: consulmex Toronto, embamex Canada [V]): official guidance, not a law.
DEADLINE_BASIS_CORRECTIONS = {"renovacion": "sheet", "reposicion": "guidance"}

# catalogue.yaml's deadline sources (English) → (English shown, Spanish shown). The same source in
# the packet's language: a Spanish packet never shows the English string. Every source needs one.
DEADLINE_SOURCES = {
    "Ley de Migración art. 59": ("Ley de Migración art. 59", "Ley de Migración, art. 59"),
    "gob.mx INM820 (card with up to 30 days of validity left)": (
        "gob.mx INM820 (card with up to 30 days of validity left)",
        "gob.mx, ficha INM820 (tarjeta con hasta 30 días naturales de vigencia)",
    ),
    "consulate guidance: apply within 30 days of entry with the replacement visa": (
        "Mexican consulates (Toronto; embassy in Canada): apply within 30 days of entry with the replacement visa",
        "Consulados de México (Toronto; embajada en Canadá): presentar el trámite dentro de los 30 días "
        "siguientes al ingreso con la visa de reposición",
    ),
    "many offices accept it only in the last 30 days of the card": (
        "many offices accept it only in the last 30 days of the card",
        "muchas oficinas lo reciben solo en los últimos 30 días de vigencia de la tarjeta",
    ),
    "Ley de Migración arts. 63 and 158": ("Ley de Migración arts. 63 and 158", "Ley de Migración, arts. 63 y 158"),
    "Lineamientos; gob.mx INM sheets for cambio de condición de estancia": (
        "Lineamientos; gob.mx INM sheets for cambio de condición de estancia",
        "Lineamientos; fichas del INM en gob.mx para el cambio de condición de estancia",
    ),
}


def deadline_sources(source: str) -> tuple[str, str]:
    """The deadline's source in English and in Spanish."""
    if not source:
        return "", ""
    if source not in DEADLINE_SOURCES:
        raise SystemExit(f"deadline source {source!r} has no Spanish: add it to DEADLINE_SOURCES")
    return DEADLINE_SOURCES[source]


# "Who may file" corrected by FACTS.md, corrections of 2026-12-01: a spouse or partner changes to
# permanent residence after two years as a temporary resident (not two years of marriage), with a
# tie of two years (the statement both sign, FACTS.md §2.4).
WHO_MAY_FILE_EN = {
    "cambio_rp_unidad_familiar": (
        "Spouse or concubine after two years as a temporary resident and two years of the tie; child or parent "
        "of a Mexican or of a permanent resident."
    ),
}


# Letters catalogue.yaml does not name yet. Every escrito the checklist names is prepared in the
# packet, or it is not listed (issue 18):
# - canje: "Escrito libre de solicitud" (procedures.yaml, immtomx_canje [S]: offices commonly ask for
#   a Spanish request letter; FACTS.md §2.4 Canje). Not on INM811's list, but harmless and asked for:
#   prepared as the canje request.
# - regularizacion_vinculo_familiar: its evidence of the tie names "escrito firmado por el solicitante
#   y su cónyuge" (gob.mx INM794 FAQ [V]; FACTS.md §2.4 "Regularización por vínculo familiar": "tie
#   evidence, for example a spouse statement"): the family statement, for a couple.
LETTER_OVERLAY = {
    "canje": "canje_request",
    "regularizacion_vinculo_familiar": "family_statement",
}


def procedure_reference_sources(ref: dict | None) -> list:
    """Source keys of a procedures.yaml entry: its own, its ficha, deadline, eligibility and fees."""
    if ref is None:
        return []
    keys: list = [ref.get("source"), ref.get("sources"), ref.get("gobmx_ficha")]
    deadline = ref.get("deadline") or {}
    keys.append(deadline.get("source"))
    for note in ref.get("eligibility_notes") or []:
        keys.append(note.get("source"))
    for fee in ref.get("fees") or []:
        keys.append(fee.get("source"))
    return keys


def procedure_list_sources(slug: str, plist: dict) -> list:
    keys: list = []
    for entry in plist["procedures"]:
        if entry["slug"] == slug:
            keys += [ev["source"] for ev in entry.get("evidence") or []]
    for entry in plist["excluded_at_relaunch"]:
        if entry["slug"] == LIST_SLUGS.get(slug, slug):
            source = entry["source"]
            if isinstance(source, str) and not source.startswith("inference"):
                keys.append(source)
            elif isinstance(source, list):
                keys += source
    return keys


def build_procedures(catalogue: dict, reference: dict, plist: dict, src: Sources) -> list[dict]:
    by_slug = {p["slug"]: p for p in reference["procedures"]}
    list_tags = {p["slug"]: p["overall_tag"] for p in plist["procedures"]}
    rows = []
    for position, entry in enumerate(catalogue["procedures"], start=1):
        slug = entry["slug"]
        ref = by_slug.get(REFERENCE_SLUGS.get(slug, slug))
        online = entry["online"]
        deadline = {**entry["deadline"], **DEADLINE_OVERLAY.get(slug, {})}
        rule = deadline["rule"]
        name_es = entry["especifica"] or NAME_ES_WITHOUT_ESPECIFICA[slug]
        official = entry.get("official_name_es") or OFFICIAL_NAME_ES.get(slug, "")
        if official == name_es:
            official = ""
        if online == "candidate":
            confidence = "unverified"
        elif online == "confirmed":
            confidence = list_tags[slug]
        else:
            confidence = PROCEDURE_CONFIDENCE[slug]
        sources = src.urls(
            *procedure_reference_sources(ref),
            *procedure_list_sources(slug, plist),
            *PROCEDURE_EXTRA_SOURCES.get(slug, []),
        )
        summary_en, summary_es = SUMMARIES[slug]
        basis = "" if rule == "none" else DEADLINE_BASIS_CORRECTIONS.get(slug, deadline["basis"])
        source_en, source_es = deadline_sources("" if rule == "none" else deadline.get("source", ""))
        fields = {
            "slug": slug,
            "name_es": name_es,
            "official_name_es": official,
            "name_en": entry["name_en"],
            "summary_en": summary_en,
            "summary_es": summary_es,
            "who_may_file_en": WHO_MAY_FILE_EN.get(slug, entry["who_may_file"]),
            "who_may_file_es": WHO_MAY_FILE_ES[slug],
            "portal_menu": entry["menu"] or "",
            "portal_especifica": entry["especifica"] or "",
            "online_status": online,
            "needs_appointment": online in ("confirmed", "candidate"),
            "has_wizard": bool(entry["wizard"]),
            "extra_steps": list(entry.get("extra_steps") or []),
            "optional_steps": list(entry.get("optional_steps") or []),
            "deadline_rule": rule,
            "deadline_days": None if rule in RULES_WITHOUT_DAYS else deadline["days"],
            "deadline_basis": basis,
            "deadline_condition": deadline.get("condition", "always"),
            "deadline_source_en": source_en,
            "deadline_source_es": source_es,
            "letter": LETTER_OVERLAY.get(slug, entry.get("letter") or ""),
            "active": True,
            "position": position,
            "sources": sources,
            "confidence": confidence,
            "last_verified": stamp(confidence),
        }
        assert fields["deadline_condition"] in CONDITIONS
        rows.append(row("procedure", fields))
    return rows


# ============================================================================ checklist items

# The reference's free-text conditions mapped onto the closed vocabulary. A condition naming two
# vocabulary entries yields one item per entry (the first keeps the reference key, the others get
# the suffix of ITEM_KEY_SUFFIX): a checklist item has one condition, and the union must hold.
# An optional item, or a condition with no entry, becomes "always" with its text saying "if …".
APPLIES_WHEN = {
    None: ["always"],
    "cónyuge": ["spouse"],
    "concubino/a": ["concubine"],
    "cónyuge o concubino/a": ["spouse", "concubine"],
    "padre, madre o hijo": ["child_or_parent"],
    "15 a 17 años": ["minor_15_17"],
    "robo o extravío en el exterior": ["lost_abroad"],
    "robo o extravío en territorio nacional": ["lost_or_stolen_in_mexico"],
    # The police report: FACTS.md §2.4 says offices want it "for a loss in Mexico"; a loss abroad
    # takes the police report to the consulate for the replacement visa, not to the INM window.
    "robo o extravío": ["lost_or_stolen_in_mexico"],
    "deterioro parcial o destrucción": ["damaged"],
    "vía cuatro años": ["route_four_years"],
    "vía pensionado o jubilado": ["route_pensioner"],
    "vía sistema de puntos": ["route_points"],
    # INM820's special cases: both holders need proof that the basis still holds.
    "titular de documento provisional o visitante por razones humanitarias": [
        "holds_humanitarian_card",
        "holds_provisional_document",
    ],
    # Optional: kept for everyone, the text says "if you ever had one".
    "si tuvo condición de estancia (opcional)": ["always"],
    # INM820 asks for the passport when documented with an FMM, but the reference advises bringing
    # it always: kept for everyone, the help text explains.
    "INM820 requires it when documented with an FMM; in practice always bring it": ["always"],
}

ITEM_KEY_SUFFIX = {"concubine": "concubino", "holds_provisional_document": "documento_provisional"}

# Items that cannot be stored as items: "comparecencia" (appear in person; INM records an acta de
# hechos) brings no document (0 originals, 0 copies), which ChecklistItem's constraint forbids. Its
# fact is kept in the help of the item for the same case (the police report), with its sources.
FOLD_INTO = {("reposicion", "comparecencia"): "denuncia_policial"}

# The Formato Básico is brought filled in: gob.mx INM820 asks for it "debidamente llenado" (FACTS.md,
# corrections of 2026-12-01 [V]). The checklist, the glossary and the booking steps say the same.
FORMATO_BASICO_HELP = (
    "Bring it already filled in: the INM asks for it “debidamente llenado” (gob.mx INM820).",
    "Llévelo ya llenado: el INM lo pide «debidamente llenado» (gob.mx, ficha INM820).",
)
# Sources added to an item for what its help cites.
ITEM_SOURCES_ADDED = {
    ("canje", "formato_basico"): ["gobmx_inm820"],
    ("reposicion", "formato_basico"): ["gobmx_inm820"],
    ("cambio_rp_unidad_familiar", "formato_basico_fotos"): ["gobmx_inm820"],
}

# Help texts (notes of the reference, and conditions kept as advice) in both languages.
ITEM_HELP = {
    ("canje", "fmm"): (
        "Some airports stamp the passport instead of issuing a paper FMM. It should show 30 days and 'canje'.",
        "Algunos aeropuertos sellan el pasaporte en lugar de expedir una FMM impresa. Debe indicar 30 días y «canje».",
    ),
    ("renovacion", "documento_migratorio_vigente"): (
        "INM820 asks for the original; in practice offices keep a copy of both sides.",
        "La ficha INM820 pide el original; en la práctica las oficinas conservan una copia de ambos lados.",
    ),
    ("renovacion", "pasaporte"): (
        "INM820 requires it when you are documented with an FMM; in practice always bring it.",
        "La ficha INM820 lo exige cuando se está documentado con FMM; en la práctica, llévelo siempre.",
    ),
    ("cambio_rt_a_rp", "tarjeta_rt"): (
        "gob.mx asks for the original; an older copy of the ficha asks for the original and a copy.",
        "gob.mx pide el original; una versión anterior de la ficha pide original y copia.",
    ),
    **dict.fromkeys(
        (
            ("canje", "formato_basico"),
            ("renovacion", "formato_basico"),
            ("reposicion", "formato_basico"),
            ("cambio_rp_unidad_familiar", "formato_basico_fotos"),
        ),
        FORMATO_BASICO_HELP,
    ),
    ("reposicion", "denuncia_policial"): (
        "For a loss or theft in Mexico you also appear in person before the INM, which records your account "
        "in an 'acta de hechos'.",
        "En caso de robo o extravío en territorio nacional, también debe comparecer personalmente ante la "
        "autoridad migratoria, que lo asienta en un acta de hechos.",
    ),
}

# FACTS2 §4 gives the exit and re-entry permit's documents [S, citylaws]; the first pass lists them
# without a source [U]. Second pass wins: the items it confirms become secondary with its source,
# and the two it adds (photo, urgency statement) are added in its order. The passport stays as the
# first pass has it (unverified): FACTS2 does not mention it either way.
SALIDA_REGRESO_CONFIRMED = {"formato_solicitud", "comprobante_tramite", "pago_derechos"}
SALIDA_REGRESO_ADDED = [
    (
        "pasaporte",
        {
            "key": "fotografia",
            "text_en": "1 colour photo, tipo infantil",
            "text_es": "Una fotografía a color tipo infantil",
            "help_en": (
                "2.5 x 3.0 cm, front view, white background, forehead and ears uncovered, no earrings, no glasses."
            ),
            "help_es": (
                "2.5 x 3.0 cm, de frente, fondo blanco, frente y orejas descubiertas, sin aretes, sin anteojos."
            ),
            "originals": 1,
            "copies": 0,
            "source": ["citylaws_salida"],
            "confidence": "secondary",
        },
    ),
    (
        "pago_derechos",
        {
            "key": "escrito_causa_urgente",
            "text_en": "If the trip is urgent: a written statement giving the force-majeure reason",
            "text_es": "Si el viaje es urgente: escrito en el que manifieste la causa de fuerza mayor",
            "originals": 1,
            "copies": 0,
            "source": ["citylaws_salida"],
            "confidence": "secondary",
        },
    ),
]


# Escritos the checklist named but no letter is for (issue 18): not listed.
# - renovacion/carta_solicitud: gob.mx INM820 [V] gives the renewal's requirements and asks for no
#   letter; the only source for one is a single blog (canafrican [S], "generated on the INM
#   micrositio"). FACTS.md §2.4 Renovación lists none.
ITEMS_DROPPED = {("renovacion", "carta_solicitud")}

# What the checklist says of the canje's two office-practice items (FACTS.md §2.4 Canje: "Offices
# commonly also ask for a Spanish request letter and proof of address" [S, immigrationtomexico.mx];
# neither is on the INM's list): the letter is in the packet; the proof of address is brought, and
# handed over if the officer asks (the "Comentarios" text does not list it: traits.items_if_asked).
ITEM_OVERLAY = {
    ("canje", "carta_solicitud"): {
        "text_en": "Request letter in Spanish (in this packet; many offices ask for it)",
        "help_en": "Not on the INM's list of requirements; many offices ask for it. Sign it by hand.",
        "help_es": "No figura en la lista de requisitos del INM; muchas oficinas lo piden. Fírmelo de puño y letra.",
    },
    ("canje", "comprobante_domicilio"): {
        "help_en": (
            "Not on the INM's list of requirements; many offices ask for it. Bring it, and hand it over if the "
            "officer asks."
        ),
        "help_es": (
            "No figura en la lista de requisitos del INM; muchas oficinas lo piden. Llévelo y entréguelo si se lo "
            "solicitan."
        ),
    },
}


def photo_help(spec: dict) -> tuple[str, str]:
    """The photo spec of procedures.yaml (gob.mx INM820), in both languages."""
    en = (
        f"{spec['count']} photos, {spec['size_cm']} cm: two front view and one right profile; white background. "
        f"{spec['rules_en']}"
    )
    es = (
        f"Tres fotografías de {spec['size_cm']} cm: dos de frente y una de perfil derecho; fondo {spec['background']}. "
        f"{spec['rules_es']}"
    )
    return en, es


def reference_items(slug: str, ref: dict | None) -> list[dict]:
    items = [dict(item) for item in (ref or {}).get("checklist") or []]
    if slug == "permiso_salida_regreso":
        for item in items:
            if item["key"] in SALIDA_REGRESO_CONFIRMED:
                item["source"] = ["citylaws_salida"]
                item["confidence"] = "secondary"
        for after, added in SALIDA_REGRESO_ADDED:
            index = next(i for i, item in enumerate(items) if item["key"] == after)
            items.insert(index + 1, dict(added))
    return items


def build_checklist_items(catalogue: dict, reference: dict, src: Sources) -> list[dict]:
    by_slug = {p["slug"]: p for p in reference["procedures"]}
    photo_specs = reference["photo_specs"]
    rows = []
    for entry in catalogue["procedures"]:
        slug = entry["slug"]
        items = reference_items(slug, by_slug.get(REFERENCE_SLUGS.get(slug, slug)))
        folded: dict[str, list[dict]] = {}
        for item in items:
            target = FOLD_INTO.get((slug, item["key"]))
            if target:
                folded.setdefault(target, []).append(item)
        position = 0
        for item in items:
            if (slug, item["key"]) in FOLD_INTO or (slug, item["key"]) in ITEMS_DROPPED:
                continue
            applies_when = item.get("applies_when")
            if applies_when not in APPLIES_WHEN:
                raise SystemExit(f"{slug}/{item['key']}: no mapping for applies_when {applies_when!r}")
            help_en, help_es = item.get("help_en", ""), item.get("help_es", "")
            if (slug, item["key"]) in ITEM_HELP:
                help_en, help_es = ITEM_HELP[(slug, item["key"])]
            elif item.get("note"):
                raise SystemExit(f"{slug}/{item['key']}: the note needs ITEM_HELP in both languages")
            if item.get("photo_spec"):
                photo_en, photo_es = photo_help(photo_specs[item["photo_spec"]])
                help_en = f"{help_en} {photo_en}".strip()
                help_es = f"{help_es} {photo_es}".strip()
            source_keys = [item.get("source")] + [f.get("source") for f in folded.get(item["key"], [])]
            source_keys += ITEM_SOURCES_ADDED.get((slug, item["key"]), [])
            confidence = item["confidence"]
            if item["originals"] <= 0 and item["copies"] <= 0:
                raise SystemExit(f"{slug}/{item['key']}: brings nothing")
            for index, condition in enumerate(APPLIES_WHEN[applies_when]):
                assert condition in CONDITIONS
                key = item["key"] if index == 0 else f"{item['key']}_{ITEM_KEY_SUFFIX[condition]}"
                position += 1
                fields = {
                    "procedure": [slug],
                    "key": key,
                    "text_en": item["text_en"],
                    "text_es": item["text_es"],
                    "help_en": help_en,
                    "help_es": help_es,
                    "originals": item["originals"],
                    "copies": item["copies"],
                    "condition": condition,
                    "position": position,
                    "sources": src.urls(*source_keys),
                    "confidence": confidence,
                    "last_verified": stamp(confidence),
                }
                fields.update(ITEM_OVERLAY.get((slug, key), {}))
                rows.append(row("checklistitem", fields))
    keys = [(r["fields"]["procedure"][0], r["fields"]["key"]) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate checklist keys"
    assert set(ITEM_OVERLAY) <= set(keys), "ITEM_OVERLAY names an item that is not built"
    return rows


# ============================================================================ general rules

# procedures.yaml meta.general_rules, then the rules FACTS.md §2.1 and FACTS2 §7 add for every
# filing (CATALOGUE.md lists the hand signature among the general rules). Photos and the Formato
# Básico are not general rules: they are items of the procedures that issue a card.
EXTRA_GENERAL_RULES = [
    {
        "key": "hand_signature",
        "text_en": "Fill in the application form online, print it and sign it by hand (firma autógrafa).",
        "text_es": (
            "El formato para solicitar trámite migratorio de estancia se llena electrónicamente, se imprime y se "
            "firma de forma autógrafa."
        ),
        "source": ["inm_sheet_27en", "gobmx_inm820", "gobmx_inm823"],
        "confidence": "verified",
    },
    {
        # FACTS.md tags the e5cinco steps [V] but cites a SAT leaflet without a URL; the only citable
        # sources are the form mirror (no cash; card or bank) and canafrican (card on site, Mérida):
        # both non-official, hence secondary.
        "key": "fee_payment",
        "text_en": (
            "Pay the fee through the e5cinco scheme: print the help sheet (hoja de ayuda) from the INM site, pay "
            "at a bank or online, and keep the bank receipt with its digital seal. The INM does not take cash; "
            "some offices accept card payment on site."
        ),
        "text_es": (
            "El pago de derechos se realiza mediante el esquema e5cinco: imprima la hoja de ayuda desde el portal "
            "del INM, pague en el banco o en línea y conserve el recibo bancario con sello digital. El INM no "
            "recibe efectivo; algunas oficinas aceptan el pago con tarjeta."
        ),
        "source": ["form_mirror", "canafrican"],
        "confidence": "secondary",
    },
]

GENERAL_RULE_CONDITIONS = {"minors_signature": "minor", "foreign_documents": "foreign_certificates"}


def build_general_rules(reference: dict, src: Sources) -> list[dict]:
    rows = []
    seen: set[str] = set()
    for rule in [*reference["meta"]["general_rules"], *EXTRA_GENERAL_RULES]:
        if rule["key"] in seen:  # de-duplicated by key: the first one wins
            continue
        seen.add(rule["key"])
        confidence = rule["confidence"]
        fields = {
            "key": rule["key"],
            "text_en": rule["text_en"],
            "text_es": rule["text_es"],
            "condition": GENERAL_RULE_CONDITIONS.get(rule["key"], "always"),
            "position": len(rows) + 1,
            "sources": src.urls(rule.get("source")),
            "confidence": confidence,
            "last_verified": stamp(confidence),
        }
        rows.append(row("generalrule", fields))
    return rows


# ============================================================================ fees

# The schedules catalogue.yaml names, with what procedures.yaml (and FACTS.md §2.2) says of each.
# The LFD article mapping is verified (DOF Anexo 19 of 2012–2018; the 2025 decree amends exactly
# art. 8 fr. I, VI a–d and VII).
ANEXO19 = ["dof_anexo19_2015", "dof_anexo19_2018mod"]
FEE_SCHEDULES = {
    "rt_card": {
        "kind": "amounts",
        "legal_basis": "LFD art. 8 fr. VI a)–d)",
        "concept_en": "Receipt, review and issue of the immigration document: temporary resident (1 to 4 years)",
        "source": [*ANEXO19, "amcp_lfd_decree_2025"],
        "confidence": "verified",
    },
    "rp_card": {
        "kind": "amounts",
        "legal_basis": "LFD art. 8 fr. VII",
        "concept_en": "Receipt, review and issue of the immigration document: permanent resident",
        "source": [*ANEXO19, "amcp_lfd_decree_2025"],
        "confidence": "verified",
    },
    "cambio_condicion": {
        "kind": "amounts",
        "legal_basis": "LFD art. 9",
        "concept_en": (
            "Receipt and review of the application and, where applicable, authorisation of a change of "
            "condición de estancia"
        ),
        "source": ANEXO19,
        "confidence": "verified",
    },
    "regularizacion": {
        "kind": "amounts",
        "legal_basis": "LFD art. 10",
        "concept_en": (
            "Receipt and review of the application and, where applicable, regularisation of the immigration status"
        ),
        "source": ANEXO19,
        "confidence": "verified",
    },
    "reposicion": {
        "kind": "amounts",
        "legal_basis": "LFD art. 8, último párrafo",
        "concept_en": "Replacement of an immigration document",
        "concept_es": "Reposición de documento migratorio",
        "source": ANEXO19,
        "confidence": "verified",
    },
    "permiso_trabajo": {
        "kind": "amounts",
        "legal_basis": "LFD art. 13 fr. III",
        "concept_en": "Authorisation to carry out paid activities (temporary resident / student temporary resident)",
        "source": ANEXO19,
        "confidence": "verified",
    },
    "permiso_salida_regreso": {
        "kind": "amounts",
        "legal_basis": "LFD art. 13 fr. II",
        "concept_en": "Exit and re-entry permit",
        "source": ANEXO19,
        "confidence": "verified",
    },
    "free": {
        # One schedule for every free procedure: notifications are free [V] (knr, INM829 FAQ, INM 2026
        # list), humanitarian procedures are free [S] (unotv quoting INM): the weaker tag, since a
        # procedure's fee link carries no confidence of its own.
        "kind": "free",
        "legal_basis": "",
        "concept_en": "No fee",
        "concept_es": "Sin pago de derechos",
        "source": ["knr", "gobmx_inm829_faq", "unotv_2026"],
        "confidence": "secondary",
    },
    "fine": {
        # INM sheet 17-es "primer pago / segundo pago / tercer pago"; INM794 FAQ asks for the proof.
        "kind": "set_by_inm",
        "legal_basis": "Ley de Migración art. 145",
        "concept_en": "Fine set by the INM (Ley de Migración art. 145); no amount is published",
        "concept_es": "Multa que fija el INM (Ley de Migración, art. 145); no hay un monto publicado",
        "source": ["gobmx_inm794_faq", "inm_sheet_17es", "kompass_2024"],
        "confidence": "verified",
    },
    "card_after_approval": {
        "kind": "card_after_approval",
        "legal_basis": "LFD art. 8 fr. VI o VII",
        "concept_en": (
            "Card fee of the condición de estancia granted: temporary resident (rt_card) or permanent resident "
            "(rp_card), paid after approval"
        ),
        "concept_es": (
            "Derecho por la expedición de la tarjeta de la condición de estancia otorgada: residente temporal "
            "(fr. VI) o residente permanente (fr. VII), que se paga después de la aprobación"
        ),
        "source": ["inm_sheet_17es", "kompass_2024"],
        "confidence": "verified",
    },
}

RT_VARIANTS = {"a": "1", "b": "2", "c": "3", "d": "4"}

# Notes of procedures.yaml that concern one variant only.
VARIANT_NOTES = {("rt_card", "2024"): {"4": "kompass shows 11,985 for 4 years; Fragomen 11,984."}}

# Amounts procedures.yaml gives that are derived arithmetically, not read in a source: estimates,
# cited to the sources of the amount they are derived from (rp_card 2025 = half of 2026).
DERIVED = {("rp_card", "2025"): ["fragomen_2026", "amcp_lfd_decree_2025"]}

ESTIMATE_NOTE = (
    "Estimate: derived by the official inflation factor (FACTS2 §5.2: chain from the 2019 Anexo 19 amounts, "
    "checked against the 2026 INM list within 1 peso). Anexo 19 may differ by ±1 peso; confirm against the "
    "DOF Anexo 19 of {year}."
)
ESTIMATE_SOURCES = ["dof_anexo19_2018mod", "kompass_2024", "rmf_2024_factor"]

# FACTS2 §5.2: estimates for the years the first pass lacks (or estimated less precisely).
# Second pass wins over procedures.yaml's "estimate: 1780" for 2025 (FACTS2: ≈1,779).
# (schedule, year): (amount, note suffix)
FACTS2_ESTIMATES = {
    ("cambio_condicion", "2025"): ("1779", ""),
    ("cambio_condicion", "2026"): ("1847", ""),
    ("regularizacion", "2025"): ("1779", ""),
    ("regularizacion", "2026"): ("1847", ""),
    ("reposicion", "2024"): ("1640", ""),
    ("reposicion", "2025"): ("1715", ""),
    # FACTS2 gives "≈4,000–4,001" (2019 chain 3,999.7; 3,835 × 1.0432 = 4,000.7).
    ("permiso_trabajo", "2024"): ("4000", " FACTS2 gives ≈4,000–4,001."),
    ("permiso_trabajo", "2025"): ("4182", ""),
    ("permiso_salida_regreso", "2024"): ("545", ""),
    ("permiso_salida_regreso", "2025"): ("569", ""),
    ("permiso_salida_regreso", "2026"): ("591", ""),
}

# FACTS2 §5.1–5.2 corrections of first-pass rows.
FACTS2_CORRECTIONS = {
    # The 2019 Anexo 19 amount to the cent (DOF 21 Dec 2018).
    ("reposicion", "2019"): {"amount": "1277.01"},
    # Not a conflict: the INM 2026 list (one outlet, unotv) matches the inflation chain (1,779.5).
    ("reposicion", "2026"): {
        "confidence": "secondary",
        "note": "INM 2026 list as reported by unotv (one outlet); matches the inflation-factor chain (1,779.5).",
    },
    ("permiso_trabajo", "2026"): {
        "note": "INM 2026 list as reported by unotv (one outlet); matches the inflation-factor chain (4,340)."
    },
}

YEARS_REQUIRED = ("2024", "2025", "2026")


def money(value) -> str | None:
    if value is None:
        return None
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def fee_amount_rows(reference: dict, src: Sources) -> list[dict]:
    schedules = reference["fee_schedules"]
    out = []
    for key in FEE_SCHEDULES:
        if FEE_SCHEDULES[key]["kind"] != "amounts":
            continue
        years = {str(y): dict(v) for y, v in (schedules[key].get("amounts") or {}).items()}
        for year in YEARS_REQUIRED:
            years.setdefault(year, {"amount": None, "confidence": "unverified"})
        for year, data in sorted(years.items()):
            data.update(FACTS2_CORRECTIONS.get((key, year), {}))
            variants = (
                {RT_VARIANTS[letter]: data[letter] for letter in RT_VARIANTS}
                if key == "rt_card"
                else {"": data.get("amount")}
            )
            for variant, amount in variants.items():
                confidence = data["confidence"]
                note = data.get("note", "")
                if (key, year) in VARIANT_NOTES:
                    note = VARIANT_NOTES[(key, year)].get(variant, "")
                sources = src.urls(data.get("source"))
                is_estimate = False
                if (key, year) in DERIVED:
                    is_estimate, confidence = True, "unverified"
                    sources = src.urls(DERIVED[(key, year)])
                    note = f"Estimate: {note}" if note else "Estimate."
                if amount is None and (key, year) in FACTS2_ESTIMATES:
                    amount, extra = FACTS2_ESTIMATES[(key, year)]
                    is_estimate, confidence = True, "unverified"
                    note = ESTIMATE_NOTE.format(year=year) + extra
                    sources = src.urls(ESTIMATE_SOURCES)
                if is_estimate and confidence == "verified":
                    raise SystemExit(f"{key} {year}: an estimate cannot be verified")
                if amount is None:
                    # A missing amount stays missing and unconfirmed.
                    is_estimate, confidence = False, "unverified"
                fields = {
                    "schedule": [key],
                    "year": int(year),
                    "variant": variant,
                    "amount_mxn": money(amount),
                    "is_estimate": is_estimate,
                    "note": note,
                    "sources": sources,
                    "confidence": confidence,
                    "last_verified": stamp(confidence),
                }
                out.append(row("feeamount", fields))
    out.sort(key=lambda r: (r["fields"]["schedule"][0], r["fields"]["year"], r["fields"]["variant"]))
    return out


def build_fees(catalogue: dict, reference: dict, src: Sources) -> list[dict]:
    named = list(catalogue["fee_schedules"])
    if sorted(named) != sorted(FEE_SCHEDULES):
        raise SystemExit(f"fee schedules differ from catalogue.yaml: {sorted(named)}")
    schedules = reference["fee_schedules"]
    out = []
    for key in sorted(FEE_SCHEDULES):
        spec = FEE_SCHEDULES[key]
        concept_es = spec.get("concept_es") or schedules[key]["concept_es"]
        if key == "rt_card":
            concept_es += " (1 a 4 años)"
        fields = {
            "key": key,
            "kind": spec["kind"],
            "legal_basis": spec["legal_basis"],
            "concept_en": spec["concept_en"],
            "concept_es": concept_es,
            "sources": src.urls(spec["source"]),
            "confidence": spec["confidence"],
            "last_verified": stamp(spec["confidence"]),
        }
        out.append(row("feeschedule", fields))
    out += fee_amount_rows(reference, src)
    for entry in catalogue["procedures"]:
        seen = set()
        for position, fee in enumerate(entry["fees"], start=1):
            condition = fee.get("condition", "always")
            assert condition in CONDITIONS
            natural = (fee["schedule"], condition)
            if natural in seen:
                raise SystemExit(f"{entry['slug']}: links {natural} twice")
            seen.add(natural)
            fields = {
                "procedure": [entry["slug"]],
                "schedule": [fee["schedule"]],
                "condition": condition,
                "when": fee["when"],
                "variant_from": fee.get("variant_from", ""),
                "position": position,
            }
            out.append(row("procedurefee", fields))
    return out


# ============================================================================ offices

# City strings of the reference → (code slug, plain city name). Others: the text before any
# parenthesis, slugified. Short, familiar slugs where the reference gives a long official name.
OFFICE_CITIES = {
    "Ciudad de México (Av. Homero 1832, Col. Los Morales Polanco, Miguel Hidalgo, 11510)": (
        "ciudad-de-mexico",
        "Ciudad de México",
    ),
    "San Patricio Melaque (Cihuatlán)": ("melaque", "San Patricio Melaque"),
    "Nuevo Vallarta (Bahía de Banderas)": ("nuevo-vallarta", "Nuevo Vallarta"),
    "Nuevo Vallarta": ("nuevo-vallarta", "Nuevo Vallarta"),
    "Playa del Carmen (Solidaridad)": ("playa-del-carmen", "Playa del Carmen"),
    "Santa María Huatulco": ("huatulco", "Santa María Huatulco"),
    "Huatulco": ("huatulco", "Santa María Huatulco"),
    "Guanajuato (capital)": ("guanajuato", "Guanajuato"),
    "Playas de Rosarito": ("rosarito", "Playas de Rosarito"),
    "Acapulco de Juárez": ("acapulco", "Acapulco de Juárez"),
    "Oaxaca de Juárez": ("oaxaca", "Oaxaca de Juárez"),
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def office_city(raw: str) -> tuple[str, str]:
    if raw in OFFICE_CITIES:
        return OFFICE_CITIES[raw]
    plain = raw.split("(")[0].strip()
    return slugify(plain), plain


# What offices2.yaml gives per office, beyond names and flags: addresses, hours, phones (only where a
# source states them) and the notes, in both languages. Keyed by office code.
# Every address names who gives it and when (address_source, address_as_of): addresses move, and an
# applicant must know how old ours is. Hours are written in each language (a Spanish packet shows no
# "Mon–Fri").
OFFICE_DETAILS = {
    "bc-tijuana": {
        "note_en": "The state head is quoted from Tijuana in the press; the formal seat (Tijuana or Mexicali) is "
        "not verified. On the 2021 online-booking pilot.",
        "note_es": "La prensa cita al titular estatal desde Tijuana; no está verificada la sede formal (Tijuana o "
        "Mexicali). Formó parte del piloto de citas en línea de 2021.",
    },
    "bcs-la-paz": {
        "note_en": "Street address, hours and phone not found in the sources.",
        "note_es": "No se encontraron en las fuentes el domicilio, el horario ni el teléfono.",
    },
    "chis-tuxtla-gutierrez": {
        "note_en": "The seat may be Tapachula; not verified. A sub-delegation in Ciudad Hidalgo was reported (2019).",
        "note_es": "La sede podría ser Tapachula; no está verificado. Se reportó una subdelegación en Ciudad "
        "Hidalgo (2019).",
    },
    "cdmx-ciudad-de-mexico": {
        "address": "Av. Homero 1832, Col. Los Morales Polanco, Alcaldía Miguel Hidalgo, C.P. 11510",
        # offices2.yaml: the eRegulations page, "last modified 09/01/2025".
        "address_source": "ventanillaunica.economia.gob.mx (eRegulations)",
        "address_as_of": "2025",
        # The call centre (800 004 6264) is in every packet's office section already.
        "phone": "+52 55 5387 2400",
        "note_en": "INM headquarters (official address); that the Mexico City filing windows are here comes from a "
        "secondary source. Headquarters unit hours Mon–Fri 09:00–18:00; filing-window hours not found. "
        "Older filing address: Av. Ejército Nacional 862, Col. Los Morales Sección Palmas (2014).",
        "note_es": "Oficinas centrales del INM (domicilio oficial); que las ventanillas de trámites de la Ciudad de "
        "México estén aquí proviene de una fuente secundaria. Horario de la unidad central: lunes a viernes de "
        "09:00 a 18:00; no se encontró el horario de ventanillas. Domicilio anterior de trámites: Av. Ejército "
        "Nacional 862, Col. Los Morales Sección Palmas (2014).",
        "sources": ["eregulations_inm"],
    },
    "col-colima": {
        "note_en": "Street address, hours and phone not found in the sources.",
        "note_es": "No se encontraron en las fuentes el domicilio, el horario ni el teléfono.",
    },
    "gto-leon": {
        "note_en": "The seat may be the city of Guanajuato; not verified. On the 2021 online-booking pilot. Street "
        "address, hours and phone not found in the sources.",
        "note_es": "La sede podría ser la ciudad de Guanajuato; no está verificado. Formó parte del piloto de citas "
        "en línea de 2021. No se encontraron en las fuentes el domicilio, el horario ni el teléfono.",
    },
    "gro-acapulco": {
        "note_en": "Seat taken from the header of an internal INM Guerrero application published in a public code "
        "repository (no URL in the reference).",
        "note_es": "Sede tomada del encabezado de una aplicación interna del INM en Guerrero publicada en un "
        "repositorio de código público (la referencia no da la dirección web).",
    },
    "jal-guadalajara": {
        "address": "Palacio Federal, planta baja, Guadalajara",
        # FACTS.md corrections of 2026-12-01: the address rests on a 2014 article; show its date.
        "address_source": "Guadalajara Reporter",
        "address_as_of": "2014",
        "note_en": "Puerto Vallarta files are sent here for approval (2024). In 2022 Guadalajara gave appointments "
        "only in person. Moved to the ground floor of the Palacio Federal in 2014 (14 windows). Street address "
        "unconfirmed: the Palacio Federal is reported at Av. Alcalde 500, Col. Centro.",
        "note_es": "Los expedientes de Puerto Vallarta se envían aquí para su autorización (2024). En 2022 "
        "Guadalajara daba citas solo en persona. Se mudó a la planta baja del Palacio Federal en 2014 (14 "
        "ventanillas). Domicilio sin confirmar: el Palacio Federal se ubica, según una fuente, en Av. Alcalde "
        "500, Col. Centro.",
    },
    "mor-cuernavaca": {
        "note_en": "The source confirms the office and its head, not the city.",
        "note_es": "La fuente confirma la oficina y a su titular, no la ciudad.",
    },
    "nay-tepic": {
        "note_en": "Street address, hours and phone not found in the sources.",
        "note_es": "No se encontraron en las fuentes el domicilio, el horario ni el teléfono.",
    },
    "oax-oaxaca": {
        # FACTS.md corrections of 2026-12-01 [S: La Jornada 2022]; offices2.yaml's location description
        # (federal highway 175, about 3 km outside the city) rests on two outlets [V].
        "address": "San Antonio de la Cal, junto a la carretera federal 175 Oaxaca–Puerto Ángel",
        "address_source": "La Jornada",
        "address_as_of": "2022",
        "note_en": "In San Antonio de la Cal, by federal highway 175 (Oaxaca–Puerto Ángel), about 3 km outside "
        "Oaxaca city; street number not found.",
        "note_es": "En San Antonio de la Cal, junto a la carretera federal 175 (Oaxaca–Puerto Ángel), a unos 3 km "
        "de la ciudad de Oaxaca; no se encontró el número.",
        "sources": ["https://www.jornada.com.mx"],
    },
    "qro-queretaro": {
        "address": "Calle Pino Suárez, Santiago de Querétaro",
        "address_source": "elmitotequeretaro.com",
        "address_as_of": "2025",
        "note_en": "Street number not found.",
        "note_es": "No se encontró el número exterior.",
    },
    "qroo-cancun": {
        "note_en": "State seat; on the 2021 online-booking pilot. Filing-office street address not found.",
        "note_es": "Sede estatal; formó parte del piloto de citas en línea de 2021. No se encontró el domicilio de "
        "la oficina de trámites.",
    },
    "sin-culiacan": {
        "note_en": "The seat may be Mazatlán; not verified. The Héroes Paisanos modules (Mazatlán and Los Mochis "
        "airports, Culiacán, Guamúchil) are seasonal information desks, not filing offices.",
        "note_es": "La sede podría ser Mazatlán; no está verificado. Los módulos Héroes Paisanos (aeropuertos de "
        "Mazatlán y Los Mochis, Culiacán, Guamúchil) son módulos de información temporales, no oficinas de "
        "trámites.",
    },
    "son-hermosillo": {
        "note_en": "Street address, hours and phone not found in the sources.",
        "note_es": "No se encontraron en las fuentes el domicilio, el horario ni el teléfono.",
    },
    "ver-veracruz": {
        "note_en": "The seat may be Xalapa; not verified.",
        "note_es": "La sede podría ser Xalapa; no está verificado.",
    },
    "yuc-merida": {
        "address": "Avenida Colón, Mérida",
        # offices2.yaml gives the posts, not their dates.
        "address_source": "lawsonsyucatan.com",
        "hours_en": "Mon–Fri 09:00–15:00",
        "hours_es": "Lunes a viernes, de 09:00 a 15:00",
        "note_en": "In a converted colonial mansion on Avenida Colón (number not found). A queue forms before "
        "08:30–09:00 and staff sort visitors by procedure at the door. Accepted card payment on site (2023). "
        "Being remodelled; 200–300 procedures a day.",
        "note_es": "En una casona colonial adaptada sobre la Avenida Colón (no se encontró el número). Se forma una "
        "fila antes de las 08:30–09:00 y el personal organiza a las personas por tipo de trámite en la entrada. "
        "Aceptaba pago con tarjeta en la oficina (2023). En remodelación; de 200 a 300 trámites al día.",
    },
    "jal-chapala": {
        "hours_en": "Mon–Fri 09:00–13:00 (front desk)",
        "hours_es": "Lunes a viernes, de 09:00 a 13:00 (ventanilla)",
        "note_en": "Not on the online appointment system (reported): book your appointment at the Guadalajara "
        "office. It still took in-person appointments in autumn 2024. Permanent branch since April 2011; staff "
        "commute from Guadalajara, so opening can be late. Hours from 2012–2013 sources; street address not found.",
        "note_es": "No aparece en el sistema de citas en línea (reportado): agende su cita en la oficina de "
        "Guadalajara. En otoño de 2024 todavía daba citas en persona. Oficina permanente desde abril de 2011; el "
        "personal viaja desde Guadalajara, por lo que puede abrir tarde. Horario de fuentes de 2012–2013; no se "
        "encontró el domicilio.",
    },
    "jal-melaque": {
        "note_en": "Reported as not listed in the online appointment system: book your appointment at the "
        "Guadalajara office. In the municipality of Cihuatlán.",
        "note_es": "Se reporta que no aparece en el sistema de citas en línea: agende su cita en la oficina de "
        "Guadalajara. En el municipio de Cihuatlán.",
    },
    "jal-puerto-vallarta": {
        "hours_en": "Opens at 09:00 (often about 09:30)",
        "hours_es": "Abre a las 09:00 (a menudo hacia las 09:30)",
        "note_en": "Near the maritime (cruise-ship) terminal; street address not found. Opening often slips to "
        "about 09:30; 4 windows, 2 staffed (2024); about 80 visitors a day in low season. Since mid-2024 files "
        "go to Guadalajara for approval (up to 20 business days).",
        "note_es": "Cerca de la terminal marítima (cruceros); no se encontró el domicilio. Suele abrir hacia las "
        "09:30; 4 ventanillas, 2 atendidas (2024); unas 80 personas al día en temporada baja. Desde mediados de "
        "2024 los expedientes se envían a Guadalajara para su autorización (hasta 20 días hábiles).",
    },
    "nay-nuevo-vallarta": {
        "address": "Los Cocoteros 55, Paradise Village, Nuevo Vallarta",
        "address_source": "amigosdebucerias.org",
        "address_as_of": "c. 2015",
        "note_en": "Address from a c.2015 source, not re-confirmed.",
        "note_es": "Domicilio tomado de una fuente de alrededor de 2015, sin confirmar.",
    },
    "qroo-playa-del-carmen": {
        "address": "Av. Constituyentes esq. Av. 95 (Mz 5, Lt 2, Col. Ejidal), C.P. 77710, Playa del Carmen, "
        "Q. Roo; planta baja",
        "address_source": "immigrationtomexico.mx; everythingplayadelcarmen.com",
        "address_as_of": "2021–2023",
        "hours_en": "Procedures Mon–Fri 09:00–13:00; card pick-up 15:30–16:30",
        "hours_es": "Trámites: lunes a viernes, de 09:00 a 13:00; entrega de tarjetas: de 15:30 a 16:30",
        "note_en": "Online-only booking here since October 2024. Since about June 2025 slots vanish in seconds and "
        "are resold by facilitators (1,000–3,000 MXN); the INM opened an internal investigation. Waiting is "
        "outdoors under tents; no phones inside; waits of 1.5–3 hours reported.",
        "note_es": "Aquí solo se atiende con cita en línea desde octubre de 2024. Desde junio de 2025, "
        "aproximadamente, las citas se agotan en segundos y gestores las revenden (1,000–3,000 MXN); el INM "
        "abrió una investigación interna. Se espera al aire libre bajo carpas; no se permiten teléfonos dentro; "
        "se reportan esperas de 1.5 a 3 horas.",
    },
    "chis-tapachula": {
        "address": "Fraccionamiento Las Vegas, Tapachula",
        "address_source": "EFE (udgtv.com)",
        "address_as_of": "c. 2019",
        "note_en": "Oficina de Regulación Migratoria Zona Sur; mostly serves regularisation of migrants in "
        "transit. A temporary card-delivery office opened in Col. Centro (c.2019). Street number not found.",
        "note_es": "Oficina de Regulación Migratoria Zona Sur; atiende sobre todo la regularización de personas "
        "migrantes en tránsito. Se abrió una oficina temporal de entrega de tarjetas en la Col. Centro "
        "(c. 2019). No se encontró el número.",
    },
    "yuc-progreso": {
        "note_en": "2017: small walk-in office, only for residents with a coastal (beach) address; Mérida handles "
        "the rest.",
        "note_es": "2017: oficina pequeña sin cita, solo para residentes con domicilio en la costa; Mérida atiende "
        "a los demás.",
    },
    "bc-rosarito": {
        "address": "Palacio Municipal, Playas de Rosarito",
        "address_source": "Ayuntamiento de Playas de Rosarito",
        "address_as_of": "c. 2010",
        "hours_en": "Mon–Fri 08:00–13:00",
        "hours_es": "Lunes a viernes, de 08:00 a 13:00",
        "phone": "+52 661 612 7262; +52 661 612 7263",
        "note_en": "Inside City Hall. Old sources (c.2010–2013): it may have moved or closed.",
        "note_es": "Dentro del Palacio Municipal. Fuentes antiguas (c. 2010–2013): pudo haberse mudado o cerrado.",
    },
}

# Office names with an English or explanatory aside in the reference: the name is shown in both
# languages, so the aside moves to the notes.
OFFICE_NAMES = {
    "bc-rosarito": "Oficina del INM en Rosarito",  # "(inside City Hall)": in the note
    "gto-guanajuato": "Oficina del INM en Guanajuato",  # "(capital)"
}

NOT_CONFIRMED_NOTE = (
    "No address, hours or phone found in the sources; that a filing office exists here is not confirmed.",
    "No se encontraron domicilio, horario ni teléfono en las fuentes; no está confirmado que aquí exista una "
    "oficina de trámites.",
)
OTHER_OFFICE_NOTE = (
    "Named as another INM office in the state; not confirmed.",
    "Mencionada como otra oficina del INM en el estado; no confirmada.",
)

# Offices the reference tags only in a note ("Existence of a filing office here not confirmed").
NOT_CONFIRMED_MARK = "Existence of a filing office here not confirmed"

# The IANA zone of each office: the tz database's zone1970.tab, rows for MX ("America/Mazatlan:
# Baja California Sur, Nayarit (most areas), Sinaloa"; "America/Bahia_Banderas: Bahía de Banderas";
# "America/Matamoros: Coahuila, Nuevo León, Tamaulipas (US border)"; "America/Ciudad_Juarez:
# Chihuahua (US border - west)"…). By state, then the offices in a zone of their own. Elsewhere
# Mexico City's: the other zones of central Mexico (Monterrey, Merida, Chihuahua) keep its clock.
TIME_ZONE_SOURCE = "https://data.iana.org/time-zones/tzdb/zone1970.tab"
DEFAULT_TIME_ZONE = "America/Mexico_City"
STATE_TIME_ZONES = {
    "02": "America/Tijuana",  # Baja California
    "03": "America/Mazatlan",  # Baja California Sur
    "18": "America/Mazatlan",  # Nayarit (most areas: Tepic)
    "23": "America/Cancun",  # Quintana Roo
    "25": "America/Mazatlan",  # Sinaloa
    "26": "America/Hermosillo",  # Sonora
}
OFFICE_TIME_ZONES = {
    "chih-ciudad-juarez": "America/Ciudad_Juarez",  # US daylight saving
    "nay-nuevo-vallarta": "America/Bahia_Banderas",  # Nuevo Vallarta is in Bahía de Banderas
    "tamps-matamoros": "America/Matamoros",  # US daylight saving, as the three below
    "tamps-nuevo-laredo": "America/Matamoros",
    "tamps-reynosa": "America/Matamoros",
}


def office_time_zone(code: str, state: str) -> str:
    return OFFICE_TIME_ZONES.get(code) or STATE_TIME_ZONES.get(state) or DEFAULT_TIME_ZONE


# Online booking: how sure we are, and who says so (shown beside it). A source is named by its sites
# and year, the same words in both languages.
# offices2.yaml meta.relaunch_scope: the September 2024 relaunch covered "all 32 states" [secondary:
# gpexpat, Mondaq]: each state office.
RELAUNCH_BOOKING = ("secondary", "gpexpatservices.com; mondaq.com (2024)")
# Sub-offices with a booking status of their own (offices2.yaml sub_offices: sources and tags).
SUB_OFFICE_BOOKING = {
    "jal-chapala": ("secondary", "gpexpatservices.com; mexicorelocationguide.com (2024)"),
    "jal-melaque": ("secondary", "gpexpatservices.com (2024)"),
    # Online-only booking locally from October 2024 (riviera-maya-news 2025, one outlet).
    "qroo-playa-del-carmen": ("secondary", "riviera-maya-news.com (2025)"),
}
# Sub-offices on the INM's 2021 online pilot (FACTS.md §0, the pilot's offices [V]; FACTS.md
# corrections of 2026-12-01: Puerto Vallarta and San Miguel de Allende were in it [S]) whose current
# status no source gives: the pilot is secondary evidence that they are on the online system.
PILOT_BOOKING = ("secondary", "periodicoenfoque.com.mx; mugsnoticias.com.mx (2021)")
PILOT_NOTE = (
    "On the INM's 2021 online-appointment pilot: secondary evidence that it is on the online system; check "
    "that it is in the portal's list.",
    "Formó parte del piloto de citas en línea del INM de 2021: indicio secundario de que está en el sistema en "
    "línea; verifique que aparezca en la lista del portal.",
)
UNKNOWN_BOOKING = ("unverified", "")

# Codes of the offices applicants of non-bookable offices book at (brief: Chapala and Melaque →
# Guadalajara; any other office that is not bookable → its state office).
BOOKING_FALLBACK = {"jal-chapala": "jal-guadalajara", "jal-melaque": "jal-guadalajara"}


def office_urls(src: Sources, *values) -> list[str]:
    """Office sources: URLs only (offices.yaml has one prose source, Guerrero's, kept in its note)."""
    urls = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.startswith("http"):
                urls.append(item)
    return src.urls(urls)


def require_details(code: str, entry: dict, details: dict) -> None:
    """Every note, address, hours or phone of the reference must be carried (or consciously dropped)."""
    given = [f for f in ("note", "note_new", "address", "hours", "phone", "location_description") if entry.get(f)]
    if given and code not in details:
        raise SystemExit(f"{code}: the reference gives {given}; add it to OFFICE_DETAILS")


def booking(value) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")


def build_offices(offices1: dict, offices2: dict, src: Sources) -> list[dict]:
    first = {o["state"]: o for o in offices1["state_offices"]}
    office_details = {code: dict(details) for code, details in OFFICE_DETAILS.items()}
    offices: dict[str, dict] = {}
    seat_city: dict[str, str] = {}
    for entry in offices2["state_offices"]:
        code = state_code(entry["state"])
        slug, city = office_city(entry["city"])
        office_code = f"{STATE_ABBREVIATIONS[code]}-{slug}"
        seat_city[code] = office_code
        old = first.get(entry["state"], {})
        require_details(office_code, entry, OFFICE_DETAILS)
        confidence = entry["seat_confidence"]
        offices[office_code] = {
            "code": office_code,
            "state": [code],
            "kind": "state_office",
            "name": entry["office_name"],
            "city": city,
            "online_booking": booking(entry["online_booking"]),
            "online_booking_evidence": RELAUNCH_BOOKING if entry["online_booking"] is True else UNKNOWN_BOOKING,
            "sources": office_urls(src, old.get("source"), entry.get("source"), entry.get("sources_new")),
            "confidence": confidence,
            "other_offices": entry.get("other_offices") or [],
        }
    assert len(offices) == 32, "one state office per state"

    merged: list[str] = []
    for entry in offices2["sub_offices"]:
        code = state_code(entry["state"])
        slug, city = office_city(entry["city"])
        office_code = f"{STATE_ABBREVIATIONS[code]}-{slug}"
        urls = office_urls(src, entry.get("source"))
        if office_code == seat_city[code]:
            # Same city as the state office: merged into it (sources; notes are in OFFICE_DETAILS).
            target = offices[office_code]
            target["sources"] = src.urls(target["sources"], urls)
            merged.append(f"{office_code} ← {entry['office_name']}")
            continue
        confidence = entry["confidence"]
        if NOT_CONFIRMED_MARK in (entry.get("note") or ""):
            office_details.setdefault(office_code, {"note_en": NOT_CONFIRMED_NOTE[0], "note_es": NOT_CONFIRMED_NOTE[1]})
        require_details(office_code, entry, office_details)
        online = booking(entry["online_booking"])
        evidence = SUB_OFFICE_BOOKING.get(office_code, UNKNOWN_BOOKING)
        if online == "unknown" and entry.get("on_2021_pilot"):
            online, evidence = "yes", PILOT_BOOKING
            urls = src.urls(urls, offices2["meta"]["pilot_2021_source"])
            details = office_details.setdefault(office_code, {})
            for index, language in enumerate(("en", "es")):
                note = details.get(f"note_{language}", "")
                details[f"note_{language}"] = f"{note} {PILOT_NOTE[index]}".strip()
        if online != "unknown" and evidence == UNKNOWN_BOOKING:
            raise SystemExit(f"{office_code}: say what its online booking rests on (SUB_OFFICE_BOOKING)")
        offices[office_code] = {
            "code": office_code,
            "state": [code],
            "kind": "sub_office",
            "name": OFFICE_NAMES.get(office_code, entry["office_name"]),
            "city": city,
            "online_booking": online,
            "online_booking_evidence": evidence,
            "sources": urls,
            "confidence": confidence,
        }

    # Other offices the state entries name with a city, not yet listed: local offices of unknown
    # booking status, unverified (no source speaks of them).
    for office in list(offices.values()):
        for raw in office.get("other_offices", []):
            slug, city = office_city(raw)
            abbreviation = office["code"].split("-")[0]
            other_code = f"{abbreviation}-{slug}"
            if other_code in offices:
                continue
            offices[other_code] = {
                "code": other_code,
                "state": office["state"],
                "kind": "sub_office",
                "name": f"Oficina del INM en {city}",
                "city": city,
                "online_booking": "unknown",
                "online_booking_evidence": UNKNOWN_BOOKING,
                "sources": [],
                "confidence": "unverified",
            }
            office_details.setdefault(other_code, {"note_en": OTHER_OFFICE_NOTE[0], "note_es": OTHER_OFFICE_NOTE[1]})

    rows = []
    for office in offices.values():
        details = office_details.get(office["code"], {})
        online = office["online_booking"]
        fallback = None
        if online == "no":
            fallback = BOOKING_FALLBACK.get(office["code"], seat_city[office["state"][0]])
        confidence = office["confidence"]
        booking_confidence, booking_source = office["online_booking_evidence"]
        if details.get("address") and not details.get("address_source"):
            raise SystemExit(f"{office['code']}: an address needs its source (address_source)")
        if bool(details.get("hours_en")) != bool(details.get("hours_es")):
            raise SystemExit(f"{office['code']}: opening hours in both languages")
        fields = {
            "code": office["code"],
            "state": office["state"],
            "kind": office["kind"],
            "name": office["name"],
            "city": office["city"],
            "address": details.get("address", ""),
            "address_source": details.get("address_source", ""),
            "address_as_of": details.get("address_as_of", ""),
            "hours_en": details.get("hours_en", ""),
            "hours_es": details.get("hours_es", ""),
            "phone": details.get("phone", ""),
            "online_booking": online,
            "online_booking_confidence": booking_confidence,
            "online_booking_source": booking_source,
            "nearest_online_office": [fallback] if fallback else None,
            "note_en": details.get("note_en", ""),
            "note_es": details.get("note_es", ""),
            "time_zone": office_time_zone(office["code"], office["state"][0]),
            "active": True,
            "sources": src.urls(office["sources"], details.get("sources")),
            "confidence": confidence,
            "last_verified": stamp(confidence),
        }
        if online == "yes":
            assert fields["nearest_online_office"] is None
        rows.append(row("office", fields))
    unused = set(office_details) - set(offices)
    if unused:
        raise SystemExit(f"OFFICE_DETAILS for unknown offices: {sorted(unused)}")
    unknown_zones = set(OFFICE_TIME_ZONES) - set(offices)
    if unknown_zones:
        raise SystemExit(f"OFFICE_TIME_ZONES for unknown offices: {sorted(unknown_zones)}")
    # State offices first within a state, so a fallback is loaded before the offices pointing at it.
    rows.sort(key=lambda r: (r["fields"]["state"][0], r["fields"]["kind"] != "state_office", r["fields"]["code"]))
    print("merged offices:", *merged, sep="\n  ", file=sys.stderr)
    return rows


# ============================================================================ UMA

# FACTS.md §2.3 (daily UMA, in force from 1 February) and its corrections of 2026-12-01. The
# reference names the news sites, not the articles: the sources are the sites it names. 2026 rests
# on one site: §2.3 tags it verified, the corrections "S" (one secondary source); the later,
# stricter tag wins.
UMA_VALUES = (
    # year, daily MXN, confidence, sources
    ("2024", "108.57", "verified", ["https://elcoahuilense.com", "https://themexiconetwork.com"]),
    ("2025", "113.14", "verified", ["https://ojoaguila.com", "https://eldiariodesonora.com.mx"]),
    ("2026", "117.31", "secondary", ["https://eluniversal.com.mx"]),
)
UMA_NOTES = {
    "2026": "One source (El Universal); FACTS.md corrections of 2026-12-01 tag it secondary.",
}


def build_uma_values() -> list[dict]:
    rows = []
    for year, daily, confidence, sources in UMA_VALUES:
        rows.append(
            row(
                "umavalue",
                {
                    "year": int(year),
                    "daily_mxn": daily,
                    "in_force_from": f"{year}-02-01",
                    "note": UMA_NOTES.get(year, ""),
                    "sources": sources,
                    "confidence": confidence,
                    "last_verified": stamp(confidence),
                },
            )
        )
    return rows


# ============================================================================ the calendar

# Periods of general vacation of the INM (LFPA art. 28, published by acuerdo in the DOF). Only the
# ones the reference gives with dates: FACTS.md, "Corrections and additions, 2026-12-01", Non-working
# days ("19 Dec 2022 – 1 Jan 2023 [S: ems-ir.com]"; "about two weeks in 2020" has no dates, so it is
# not entered). The acuerdo itself is not named there: empty until staff enter it. Holy Thursday and
# Friday are [U] there: staff enter them each year with their acuerdo.
NON_WORKING_PERIODS = [
    {
        "key": "inm-2022-year-end",
        "kind": "year_end",
        "starts_on": "2022-12-19",
        "ends_on": "2023-01-01",
        "office": None,
        "name_en": "Year-end closure of INM offices",
        "name_es": "Periodo vacacional de fin de año del INM",
        "acuerdo": "",
        "sources": ["https://ems-ir.com"],
        "confidence": "secondary",
    },
]

# The portal's booking horizon: FACTS.md, "Corrections and additions, 2026-12-01", Booking lead
# time ("about 21 days ahead; in Quintana Roo they go within minutes. [S: beglobals.com
# 'understanding the new appointment rules' 2025]").
BOOKING_HORIZONS = [
    {
        "key": "inm-portal",
        "days": 21,
        "note_en": (
            "The INM portal offers slots about 21 days ahead; in Quintana Roo they go within minutes (beglobals.com, "
            "“Understanding the new appointment rules”, 2025)."
        ),
        "note_es": (
            "El portal del INM ofrece citas con unos 21 días de anticipación; en Quintana Roo se agotan en minutos "
            "(beglobals.com, «Understanding the new appointment rules», 2025)."
        ),
        "sources": ["https://beglobals.com"],
        "confidence": "secondary",
    },
]


def build_calendar(offices: list[dict]) -> list[dict]:
    codes = {office["fields"]["code"] for office in offices}
    rows = []
    for period in NON_WORKING_PERIODS:
        if period["office"] is not None and period["office"] not in codes:
            raise SystemExit(f"NON_WORKING_PERIODS: unknown office {period['office']!r}")
        if period["ends_on"] < period["starts_on"]:
            raise SystemExit(f"NON_WORKING_PERIODS: {period['key']} ends before it starts")
        fields = {**period, "office": [period["office"]] if period["office"] else None}
        fields["last_verified"] = stamp(period["confidence"])
        rows.append(row("nonworkingperiod", fields))
    for horizon in BOOKING_HORIZONS:
        rows.append(row("bookinghorizon", {**horizon, "last_verified": stamp(horizon["confidence"])}))
    return rows


# ============================================================================ Spanish review

# Corrections from the Spanish review of the fixtures (formal usted, INM terms, faithful to the
# English). They are applied after the rows are built, so they win over the reference and over the
# tables above. Keyed by (model, *natural key) → {field: corrected text}. Every entry must match a
# row, name an existing text field and change it: otherwise the build fails, so the table cannot
# silently rot (an entry the sources already satisfy must be removed).
# "Días" in a deadline are calendar days (procedures/deadlines.py), hence "días naturales".
NOTIF_SUMMARY_ES = (
    "Permite notificar al INM el cambio de {what}. Debe notificarse dentro de los 90 días naturales siguientes al "
    "cambio; es gratuito y cada tipo de cambio se presenta por separado."
)
SPANISH_REVIEW: dict[tuple[str, ...], dict[str, str]] = {
    # ---------------------------------------------------------------- procedures
    ("procedure", "cambio_vrh_a_rt"): {
        "summary_es": (
            "Permite cambiar la condición de visitante por razones humanitarias a residente temporal cuando ahora "
            "se cumple alguno de los supuestos para ser residente temporal, por ejemplo un empleo formal."
        ),
        "who_may_file_es": (
            "Visitantes por razones humanitarias que ahora cumplen alguno de los supuestos para ser residente "
            "temporal (por ejemplo, un empleo formal); los detalles no están confirmados."
        ),
    },
    ("procedure", "renovacion"): {
        "who_may_file_es": (
            "Titulares de una tarjeta de residente temporal (o de residente temporal estudiante) vigente a la que "
            "le quedan 30 días naturales o menos de vigencia; las tarjetas de residente permanente de personas "
            "menores de edad también se renuevan."
        ),
    },
    ("procedure", "reposicion"): {
        "summary_es": (
            "Permite reponer el documento migratorio en caso de pérdida, robo o deterioro; el documento debe "
            "seguir vigente. Si se extravió en el extranjero, primero obtenga una visa de reposición en un "
            "consulado mexicano y presente el trámite dentro de los 30 días naturales siguientes a su ingreso a "
            "México."
        ),
    },
    ("procedure", "notif_domicilio"): {"summary_es": NOTIF_SUMMARY_ES.format(what="domicilio")},
    ("procedure", "notif_lugar_trabajo"): {"summary_es": NOTIF_SUMMARY_ES.format(what="lugar de trabajo")},
    ("procedure", "notif_estado_civil"): {"summary_es": NOTIF_SUMMARY_ES.format(what="estado civil")},
    ("procedure", "notif_nacionalidad"): {"summary_es": NOTIF_SUMMARY_ES.format(what="nacionalidad")},
    ("procedure", "notif_nombre"): {"summary_es": NOTIF_SUMMARY_ES.format(what="nombre")},
    # ---------------------------------------------------------------- checklist items
    ("checklistitem", "renovacion", "documento_migratorio_vigente"): {
        "text_es": (
            "FMM, tarjeta de residente, tarjeta de visitante o documento provisional vigente, al que le queden "
            "treinta días naturales o menos de vigencia"
        ),
    },
    ("checklistitem", "reposicion", "denuncia_policial"): {
        "help_es": (
            "En caso de robo o extravío en territorio nacional, también debe comparecer personalmente ante la "
            "autoridad migratoria, que asienta su declaración en un acta de hechos."
        ),
    },
    ("checklistitem", "cambio_rt_unidad_familiar", "formato_solicitud"): {
        "help_en": "For a minor, the mother, father or guardian signs.",
        "help_es": "Si la persona solicitante es menor de edad, lo firma su madre, su padre o su tutor(a).",
    },
    ("checklistitem", "cambio_vrh_a_rp", "formato_solicitud"): {
        "text_es": "Formato para solicitar trámite migratorio de estancia, impreso y con firma autógrafa",
    },
    ("checklistitem", "cambio_vrh_a_rt", "formato_solicitud"): {
        "text_es": "Formato para solicitar trámite migratorio de estancia, impreso y con firma autógrafa",
    },
    ("checklistitem", "permiso_salida_regreso", "formato_solicitud"): {
        "text_es": "Formato para solicitar trámite migratorio de estancia, impreso y con firma autógrafa",
    },
    ("checklistitem", "cambio_vrh_a_rt", "tarjeta_vrh"): {
        "text_es": "Tarjeta de visitante por razones humanitarias y pasaporte o documento de identidad y viaje",
    },
    ("checklistitem", "cambio_vrh_a_rt", "soporte"): {
        "text_es": "Documentos que acrediten el nuevo supuesto (oferta de empleo, vínculo familiar, etc.)",
    },
    ("checklistitem", "cambio_rt_a_rp", "escrito_cuatro_anios"): {
        "text_es": (
            "Escrito bajo protesta de decir verdad en el que solicita el cambio por haber transcurrido cuatro años "
            "como residente temporal, con su NUE"
        ),
    },
    # The thresholds are those text_en states (12 months, 25,000 UMA days; 6 months, 500 UMA days a month).
    ("checklistitem", "cambio_rt_a_rp", "solvencia_pensionado"): {
        "help_es": (
            "Cuentas: saldo promedio mensual equivalente a 25,000 días de UMA en los últimos 12 meses. Ingresos o "
            "pensión: equivalentes a 500 días de UMA mensuales en los últimos 6 meses."
        ),
    },
    ("checklistitem", "notif_domicilio", "comprobante_domicilio"): {
        "help_en": "It need not be in your name.",
        "help_es": "No es necesario que esté a su nombre.",
    },
    ("checklistitem", "notif_estado_civil", "acta_estado_civil"): {
        "text_es": (
            "Acta de matrimonio, sentencia de divorcio con fecha en que causó ejecutoria o acta de defunción del "
            "cónyuge (extranjera: apostillada o legalizada y traducida)"
        ),
    },
    ("checklistitem", "notif_nacionalidad", "prueba_nacionalidad"): {
        "text_es": (
            "Pasaporte de la nueva nacionalidad, certificado de nacionalidad o carta de naturalización; en caso de "
            "doble nacionalidad, indique cuál desea que se registre"
        ),
    },
    ("checklistitem", "permiso_salida_regreso", "escrito_causa_urgente"): {
        "text_es": (
            "Escrito en el que se manifiesta la causa de fuerza mayor del viaje urgente (solo si el viaje es urgente)"
        ),
    },
    # ---------------------------------------------------------------- general rules
    ("generalrule", "name_as_passport"): {
        "text_es": (
            "Escriba los nombres y apellidos completos exactamente como aparecen en el documento de identidad que "
            "presente."
        ),
    },
    ("generalrule", "minors_signature"): {
        "text_es": (
            "Si la persona solicitante es menor de 18 años, el formato lo firma la madre, el padre o quien ejerza la "
            "patria potestad, la tutela o la curatela."
        ),
    },
    ("generalrule", "resolution_time"): {
        "text_es": (
            "Resolución en un plazo no mayor a 20 días hábiles (negativa ficta); prevención con 10 días hábiles para "
            "subsanar; si no se subsana, se desecha el trámite (arts. 128 y 130 LM)."
        ),
    },
    ("generalrule", "fee_payment"): {
        "text_es": (
            "El pago de derechos se realiza mediante el esquema e5cinco: imprima la hoja de ayuda desde el portal "
            "del INM, pague en el banco o en línea y conserve el comprobante de pago del banco con sello digital. "
            "El INM no recibe efectivo; algunas oficinas aceptan el pago con tarjeta en la propia oficina."
        ),
    },
    ("generalrule", "list_attachments_in_comments"): {
        "text_es": (
            "Relacione y anote los documentos que se adjunten en el apartado «Comentarios» del formato de solicitud."
        ),
    },
    ("generalrule", "hand_signature"): {
        "text_es": (
            "El formato para solicitar trámite migratorio de estancia se llena electrónicamente, se imprime y se "
            "firma de puño y letra (firma autógrafa)."
        ),
    },
    ("generalrule", "originals_and_copies"): {
        "text_es": (
            "Presente el trámite en original y los anexos en copia simple; si requiere acuse de recibo, adjunte una "
            "copia adicional (art. 15-A, fr. I, LFPA)."
        ),
    },
    # ---------------------------------------------------------------- fees
    ("feeschedule", "card_after_approval"): {
        "concept_es": (
            "Derecho por la expedición de la tarjeta de la condición de estancia otorgada: residente temporal "
            "(fr. VI) o residente permanente (fr. VII), que se paga después de la autorización"
        ),
    },
    # ---------------------------------------------------------------- offices
    ("office", "bc-tijuana"): {
        "note_es": (
            "Según la prensa, el titular estatal despacha en Tijuana; no está verificada la sede formal (Tijuana o "
            "Mexicali). Formó parte del piloto de citas en línea de 2021."
        ),
    },
    ("office", "jal-chapala"): {
        "note_es": (
            "No aparece en el sistema de citas en línea (según reportes): agende su cita en la oficina de "
            "Guadalajara. En otoño de 2024 todavía daba citas en persona. Oficina permanente desde abril de 2011; "
            "el personal viaja desde Guadalajara, por lo que puede abrir tarde. Horario de fuentes de 2012–2013; no "
            "se encontró el domicilio."
        ),
    },
    ("office", "sin-culiacan"): {
        "note_es": (
            "La sede podría ser Mazatlán; no está verificado. Los módulos Héroes Paisanos (aeropuertos de Mazatlán y "
            "Los Mochis, Culiacán, Guamúchil) son módulos de información de temporada, no oficinas de trámites."
        ),
    },
    ("office", "gro-acapulco"): {
        "note_es": (
            "Sede tomada del encabezado de un sistema interno del INM en Guerrero publicado en un repositorio de "
            "código público (la referencia no da la dirección web)."
        ),
    },
}


def natural_key(model_row: dict) -> tuple[str, ...]:
    """(model, *natural key) of a built row, as SPANISH_REVIEW spells it."""
    model = model_row["model"].removeprefix("procedures.")
    fields = model_row["fields"]
    if model == "procedure":
        return (model, fields["slug"])
    if model == "checklistitem":
        return (model, fields["procedure"][0], fields["key"])
    if model in ("generalrule", "feeschedule"):
        return (model, fields["key"])
    if model in ("office", "state"):
        return (model, fields["code"])
    return (model,)  # fee amounts and fee links carry no reviewed text


def apply_spanish_review(tables: dict[str, list[dict]]) -> None:
    """Overwrite the reviewed fields in place; fail on an entry that matches no row or changes nothing."""
    used: set[tuple[str, ...]] = set()
    for rows in tables.values():
        for model_row in rows:
            key = natural_key(model_row)
            corrections = SPANISH_REVIEW.get(key)
            if corrections is None:
                continue
            if key in used:
                raise SystemExit(f"SPANISH_REVIEW: {key} matches more than one row")
            used.add(key)
            fields = model_row["fields"]
            for name, text in corrections.items():
                if not isinstance(fields.get(name), str):
                    raise SystemExit(f"SPANISH_REVIEW: {key} has no text field {name!r}")
                if fields[name] == text:
                    raise SystemExit(f"SPANISH_REVIEW: {key} {name} already reads so; remove the entry")
                fields[name] = text
    unused = sorted(set(SPANISH_REVIEW) - used)
    if unused:
        raise SystemExit(f"SPANISH_REVIEW: entries matching no row: {unused}")


# ============================================================================ main


def dump(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def build(shared: Path) -> dict[str, str]:
    reference_dir = shared / "reference"

    def load(path: Path) -> dict:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    catalogue = load(shared / "catalogue.yaml")
    reference = load(reference_dir / "procedures.yaml")
    plist = load(reference_dir / "procedures_list.yaml")
    offices1 = load(reference_dir / "offices.yaml")
    offices2 = load(reference_dir / "offices2.yaml")
    src = Sources(load_source_map(reference, plist))

    if len(catalogue["procedures"]) != 27:
        raise SystemExit("catalogue.yaml should list 27 procedures")
    missing = {p["slug"] for p in catalogue["procedures"]} - set(SUMMARIES)
    if missing:
        raise SystemExit(f"no summary for {sorted(missing)}")

    tables = {
        "states.json": build_states(),
        "procedures.json": build_procedures(catalogue, reference, plist, src),
        "checklist_items.json": build_checklist_items(catalogue, reference, src),
        "general_rules.json": build_general_rules(reference, src),
        "fees.json": build_fees(catalogue, reference, src),
        "offices.json": build_offices(offices1, offices2, src),
        "uma_values.json": build_uma_values(),
    }
    tables["calendar.json"] = build_calendar(tables["offices.json"])
    apply_spanish_review(tables)
    return {name: dump(rows) for name, rows in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default: ../shared)"
    )
    parser.add_argument("--check", action="store_true", help="fail if the fixtures differ from a fresh build")
    args = parser.parse_args(argv)

    outputs = build(args.shared.resolve())
    stale = []
    for name, content in outputs.items():
        path = FIXTURES / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)} ({len(json.loads(content))} objects)")
    if stale:
        print("out of date:", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
