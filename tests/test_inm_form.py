from datetime import date

import pytest

from procedures.inm_form import (
    COUNTRY_NAMES,
    DOCUMENT_TYPE_OPTIONS,
    EMPLOYER_TYPE_OPTIONS,
    ESPECIFICA_OPTIONS,
    FIELDS,
    MARITAL_STATUS_OPTIONS,
    NATIONALITY_ADJECTIVES,
    PORTAL_MENU_OPTIONS,
    SECTIONS,
    SEX_OPTIONS,
    SHOWN_FOR_CODES,
    WIZARD_SLUGS,
    copy_sheet_fields,
    fields_for,
    format_date,
    sections_for,
)

# catalogue.yaml, copied here because tests never read ../shared: slug → (menu, especifica) of the
# 23 procedures that run the wizard.
WIZARD_PROCEDURES = {
    "canje": ("Canjear o reponer documento migratorio", "Canje de FMM por Tarjeta de Visitante o de Residente"),
    "renovacion": ("Extender la estancia", "Expedición de Tarjeta de Residente por Renovación"),
    "ampliacion_tarjeta_visitante": ("Extender la estancia", "Expedición de Tarjeta de Visitante por Ampliación"),
    "reposicion": (
        "Canjear o reponer documento migratorio",
        "Reposición de documento migratorio por pérdida, robo o deterioro",
    ),
    "expedicion_por_acuerdo": (
        "Canjear o reponer documento migratorio",
        "Expedición de Tarjeta de Residente cuando se otorga la condición por acuerdo",
    ),
    "cambio_rp_unidad_familiar": (
        "Cambiar condición de estancia",
        "Cambio de condición a residente permanente por unidad familiar",
    ),
    "cambio_rt_unidad_familiar": (
        "Cambiar condición de estancia",
        "Cambio de condición a residente temporal por unidad familiar",
    ),
    "cambio_a_visitante_razones_humanitarias": (
        "Cambiar condición de estancia",
        "Cambio de condición a visitante por razones humanitarias",
    ),
    "cambio_vrh_a_rp": (
        "Cambiar condición de estancia",
        "Cambio de condición de visitante por razones humanitarias a residente permanente",
    ),
    "cambio_vrh_a_rt": (
        "Cambiar condición de estancia",
        "Cambio de condición de visitante por razones humanitarias a residente temporal",
    ),
    "cambio_rte_a_rt": (
        "Cambiar condición de estancia",
        "Cambio de condición de residente temporal estudiante a residente temporal",
    ),
    "cambio_rt_a_rp": (
        "Cambiar condición de estancia",
        "Cambio de condición de residente temporal a residente permanente",
    ),
    "regularizacion_vinculo_familiar": ("Regularizar situación migratoria", "Regularización por unidad familiar"),
    "regularizacion_razones_humanitarias": (
        "Regularizar situación migratoria",
        "Regularización por razones humanitarias",
    ),
    "regularizacion_documento_vencido": (
        "Regularizar situación migratoria",
        "Regularización por tener documento vencido o por realizar actividades no autorizadas",
    ),
    "notif_domicilio": (
        "Notificar cambios (residentes temporales y permanentes)",
        "Notificación de cambio de domicilio",
    ),
    "notif_lugar_trabajo": (
        "Notificar cambios (residentes temporales y permanentes)",
        "Notificación de cambio de lugar de trabajo",
    ),
    "notif_estado_civil": (
        "Notificar cambios (residentes temporales y permanentes)",
        "Notificación de cambio de estado civil",
    ),
    "notif_nacionalidad": (
        "Notificar cambios (residentes temporales y permanentes)",
        "Notificación de cambio de nacionalidad",
    ),
    "notif_nombre": (
        "Notificar cambios (residentes temporales y permanentes)",
        "Notificación de cambio de nombre",
    ),
    "permiso_trabajo_empleador": ("Obtener permiso para trabajar", "Obtener permiso para trabajar con empleador"),
    "permiso_trabajo_independiente": (
        "Obtener permiso para trabajar",
        "Obtener permiso para trabajar (actividades independientes/autoempleo)",
    ),
    "permiso_salida_regreso": ("Obtener permiso de salida y regreso", None),
}
WITH_ESPECIFICA = [(slug, menu, esp) for slug, (menu, esp) in WIZARD_PROCEDURES.items() if esp is not None]
INFO_PAGE_SLUGS = [
    "visas",
    "constancia_empleador",
    "actualizacion_constancia_empleador",
    "regularizacion_programa_especial",
]

# DESIGN.md "Fields": the answers that carry an INM label, with that label (procedure.procedure
# fills the two menus; applicant.email also fills the confirmation).
INM_LABEL_BY_ANSWER = {
    "procedure.procedure": {"¿Qué deseas hacer?", "Especifica"},
    "applicant.curp": {"Clave Única de Registro de Población (CURP)"},
    "applicant.given_names": {"Nombre(s)"},
    "applicant.surnames": {"Apellido(s)"},
    "applicant.sex": {"Sexo"},
    "applicant.birth_date": {"Fecha de nacimiento"},
    "applicant.nationality": {"Nacionalidad actual"},
    "applicant.marital_status": {"Estado civil actual"},
    "applicant.birth_country": {"País de nacimiento"},
    "applicant.birth_state": {"Estado, provincia o departamento"},
    "applicant.email": {"Correo electrónico", "Correo electrónico (confirmación)"},
    "passport.document_type": {"Documento de identificación"},
    "passport.passport_number": {"Número de documento"},
    "passport.passport_country": {"País de expedición"},
    "passport.passport_issued": {"Fecha de expedición"},
    "passport.passport_expires": {"Fecha de vencimiento"},
    "address.postal_code": {"Código postal"},
    "address.state": {"Estado"},
    "address.municipality": {"Municipio o Alcaldía"},
    "address.neighborhood": {"Colonia"},
    "address.street": {"Calle"},
    "address.exterior_number": {"Número exterior"},
    "address.interior_number": {"Número interior"},
    "address.landline_area_code": {"Lada"},
    "address.landline": {"Teléfono fijo"},
    "employment.employer_type": {"Tipo de persona"},
    "employment.employer_rfc": {"Registro Federal de Contribuyentes (RFC)"},
    "employment.employer_file_number": {"Número expediente"},
}

APPLICANT_SECTION = "Datos del extranjero (conforme a pasaporte o documento de identidad)"
ADDRESS_SECTION = "Domicilio del extranjero en México"
EMPLOYER_SECTION = "Datos del empleador"
EMAIL_SECTION = "Correo electrónico para notificar al promovente"
OUTPUT_SECTION = "Resultado (generado por el INM)"
APPLICANT_ANSWERS = {
    "applicant.curp",
    "applicant.given_names",
    "applicant.surnames",
    "applicant.sex",
    "applicant.birth_date",
    "applicant.nationality",
    "applicant.marital_status",
}


def labels(fields):
    return [f.label_es for f in fields]


def test_sections_are_in_the_forms_order():
    assert SECTIONS == (
        "Tipo de trámite",
        APPLICANT_SECTION,
        "Lugar de nacimiento",
        "Pasaporte o documento con el que se identifica el extranjero",
        ADDRESS_SECTION,
        EMPLOYER_SECTION,
        EMAIL_SECTION,
        "En su caso, persona autorizada para tramitar, oír o recibir notificaciones",
        "Comentarios",
        OUTPUT_SECTION,
    )
    assert SECTIONS.index("Comentarios") > SECTIONS.index(EMAIL_SECTION)


def test_fields_are_numbered_in_the_forms_order():
    assert [f.order for f in FIELDS] == list(range(1, 41))
    assert FIELDS[0].label_es == "¿Qué deseas hacer?"
    assert FIELDS[1].label_es == "Especifica"


def test_all_means_the_23_wizard_procedures_in_catalogue_order():
    assert tuple(WIZARD_PROCEDURES) == WIZARD_SLUGS
    assert SHOWN_FOR_CODES["ALL"] == set(WIZARD_PROCEDURES)


def test_every_wizard_procedure_belongs_to_exactly_one_group():
    groups = [SHOWN_FOR_CODES[code] for code in ("EXP", "CAM", "REG", "NOT", "PERM")]
    assert sorted(slug for group in groups for slug in group) == sorted(WIZARD_PROCEDURES)


@pytest.mark.parametrize("slug", sorted(WIZARD_PROCEDURES))
def test_every_wizard_procedure_gets_the_applicant_block(slug):
    shown = fields_for(slug)
    assert {f.answer for f in shown} >= APPLICANT_ANSWERS
    assert APPLICANT_SECTION in sections_for(slug)
    assert sections_for(slug)[0] == "Tipo de trámite"
    assert sections_for(slug)[-1] == OUTPUT_SECTION


@pytest.mark.parametrize("slug", INFO_PAGE_SLUGS)
def test_info_pages_get_no_fields(slug):
    assert fields_for(slug) == []
    assert copy_sheet_fields(slug) == []
    assert sections_for(slug) == []


def test_canje_shows_the_postal_code_but_not_the_employer_type():
    assert "Código postal" in labels(fields_for("canje"))
    assert "Tipo de persona" not in labels(fields_for("canje"))


@pytest.mark.parametrize("slug", ["permiso_trabajo_empleador", "regularizacion_documento_vencido"])
def test_employer_block_is_shown_for_work_with_employer_and_expired_document(slug):
    assert EMPLOYER_SECTION in sections_for(slug)
    assert {"employment.employer_type", "employment.employer_rfc", "employment.employer_file_number"} <= {
        f.answer for f in copy_sheet_fields(slug)
    }


@pytest.mark.parametrize("slug", ["permiso_trabajo_independiente", "cambio_rte_a_rt", "notif_lugar_trabajo", "canje"])
def test_employer_block_is_hidden_elsewhere(slug):
    assert EMPLOYER_SECTION not in sections_for(slug)


@pytest.mark.parametrize("slug", [s for s in WIZARD_PROCEDURES if s.startswith("notif_")])
def test_notifications_do_not_show_the_address_block(slug):
    assert ADDRESS_SECTION not in sections_for(slug)
    assert "address.postal_code" not in {f.answer for f in fields_for(slug)}


@pytest.mark.parametrize("slug", [s for s in WIZARD_PROCEDURES if not s.startswith("notif_")])
def test_other_procedures_show_the_address_block(slug):
    assert ADDRESS_SECTION in sections_for(slug)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f"{f.order}")
def test_every_answer_key_is_a_design_field_with_that_inm_label(field):
    if field.answer is not None:
        assert field.label_es in INM_LABEL_BY_ANSWER[field.answer]


def test_every_design_field_with_an_inm_label_fills_a_form_field():
    assert {f.answer for f in FIELDS if f.answer} == set(INM_LABEL_BY_ANSWER)


def test_both_email_fields_take_the_applicants_email():
    email_fields = [f for f in FIELDS if f.section == EMAIL_SECTION]
    assert [f.answer for f in email_fields] == ["applicant.email", "applicant.email"]


def test_authorised_person_and_output_fields_have_no_answer():
    for f in FIELDS:
        if f.section in {"En su caso, persona autorizada para tramitar, oír o recibir notificaciones", OUTPUT_SECTION}:
            assert f.answer is None
    assert all(f.repeatable == f.section.startswith("En su caso") for f in FIELDS)


def test_portal_menu_has_the_seven_options_in_order():
    assert PORTAL_MENU_OPTIONS == (
        "Extender la estancia",
        "Canjear o reponer documento migratorio",
        "Cambiar condición de estancia",
        "Regularizar situación migratoria",
        "Notificar cambios (residentes temporales y permanentes)",
        "Obtener permiso para trabajar",
        "Obtener permiso de salida y regreso",
    )
    assert FIELDS[0].options == PORTAL_MENU_OPTIONS
    assert set(ESPECIFICA_OPTIONS) <= set(PORTAL_MENU_OPTIONS)


@pytest.mark.parametrize(("slug", "menu", "especifica"), WITH_ESPECIFICA)
def test_catalogue_especifica_is_a_portal_option_under_its_menu(slug, menu, especifica):
    assert menu in PORTAL_MENU_OPTIONS
    assert especifica in ESPECIFICA_OPTIONS[menu]
    assert especifica in FIELDS[1].options


def test_every_portal_especifica_option_is_a_catalogue_procedure():
    portal = {(menu, esp) for menu, options in ESPECIFICA_OPTIONS.items() for esp in options}
    assert portal == {(menu, esp) for _, menu, esp in WITH_ESPECIFICA}


def test_salida_y_regreso_has_no_especifica_to_copy():
    assert "Obtener permiso de salida y regreso" not in ESPECIFICA_OPTIONS
    assert "Especifica" in labels(fields_for("permiso_salida_regreso"))
    assert "Especifica" not in labels(copy_sheet_fields("permiso_salida_regreso"))
    assert "Especifica" in labels(copy_sheet_fields("permiso_trabajo_empleador"))


@pytest.mark.parametrize("slug", sorted(WIZARD_PROCEDURES))
def test_copy_sheet_excludes_output_and_unanswered_fields(slug):
    sheet = copy_sheet_fields(slug)
    assert sheet
    assert all(f.answer is not None for f in sheet)
    assert OUTPUT_SECTION not in {f.section for f in sheet}
    assert not {"Número de pieza", "Contraseña / clave", "Solicitud (PDF para imprimir)", "Comentarios"} & set(
        labels(sheet)
    )
    assert [f.order for f in sheet] == sorted(f.order for f in sheet)
    assert set(sheet) <= set(fields_for(slug))


def test_sources_and_confidence_come_from_the_reference():
    assert all(f.confidence in {"verified", "secondary", "unverified", "conflicting"} for f in FIELDS)
    assert all(f.source_urls and all(u.startswith(("https://", "http://")) for u in f.source_urls) for f in FIELDS)
    by_label = {(f.section, f.label_es): f for f in FIELDS}
    assert by_label[(OUTPUT_SECTION, "Contraseña / clave")].confidence == "conflicting"
    assert by_label[(APPLICANT_SECTION, "Nombre(s)")].confidence == "verified"
    assert by_label[(OUTPUT_SECTION, "Número de pieza")].required is None


@pytest.mark.parametrize(
    ("table", "ours", "portal"),
    [
        (SEX_OPTIONS, "male", "Masculino"),
        (SEX_OPTIONS, "female", "Femenino"),
        (MARITAL_STATUS_OPTIONS, "single", "Soltero"),
        (MARITAL_STATUS_OPTIONS, "married", "Casado"),
        (MARITAL_STATUS_OPTIONS, "free_union", "Unión libre"),
        (MARITAL_STATUS_OPTIONS, "widowed", "Viudo"),
        (MARITAL_STATUS_OPTIONS, "divorced", "Divorciado"),
        (DOCUMENT_TYPE_OPTIONS, "passport", "Pasaporte"),
        (DOCUMENT_TYPE_OPTIONS, "identity_and_travel", "Documento de identidad y viaje"),
        (EMPLOYER_TYPE_OPTIONS, "individual", "Física"),
        (EMPLOYER_TYPE_OPTIONS, "company", "Moral"),
        (NATIONALITY_ADJECTIVES, "US", "Estadounidense"),
        (NATIONALITY_ADJECTIVES, "CA", "Canadiense"),
        (NATIONALITY_ADJECTIVES, "GB", "Britanica"),
        (COUNTRY_NAMES, "US", "Estados Unidos de America"),
        (COUNTRY_NAMES, "CA", "Canada"),
    ],
)
def test_values_render_as_the_portal_writes_them(table, ours, portal):
    assert table[ours] == portal
    assert table.partial


@pytest.mark.parametrize(
    ("table", "label"),
    [
        (SEX_OPTIONS, "Sexo"),
        (MARITAL_STATUS_OPTIONS, "Estado civil actual"),
        (DOCUMENT_TYPE_OPTIONS, "Documento de identificación"),
        (EMPLOYER_TYPE_OPTIONS, "Tipo de persona"),
    ],
)
def test_option_tables_use_only_the_fields_options(table, label):
    (field,) = [f for f in FIELDS if f.label_es == label and f.answer]
    assert tuple(table.values()) == field.options


def test_country_and_nationality_tables_cover_the_same_countries():
    assert set(NATIONALITY_ADJECTIVES) == set(COUNTRY_NAMES)
    assert len(COUNTRY_NAMES) >= 25
    assert NATIONALITY_ADJECTIVES.get("ZZ") is None


def test_portal_tables_are_read_only():
    with pytest.raises(TypeError):
        SEX_OPTIONS.entries["other"] = "Otro"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 3), "03/02/2026"),
        (date(1987, 12, 31), "31/12/1987"),
    ],
)
def test_format_date_is_dd_mm_aaaa(day, expected):
    assert format_date(day) == expected
