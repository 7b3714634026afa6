"""inm_form.py: the INM form's fields as the generated data gives them, and what each procedure is shown."""

from datetime import date

import pytest

from procedures.inm_form import (
    COUNTRY_NAMES,
    DATA_FILE,
    DOCUMENT_TYPE_OPTIONS,
    EMPLOYER_TYPE_OPTIONS,
    ESPECIFICA_OPTIONS,
    FIELDS,
    MARITAL_STATUS_OPTIONS,
    NATIONALITY_ADJECTIVES,
    PORTAL_MENU_OPTIONS,
    SEX_OPTIONS,
    copy_sheet_fields,
    fields_for,
    format_date,
    sections_for,
)
from procedures.models import FormSection, Procedure

from .makers import shipped_knowledge

# The shipped catalogue says which groups of the form each procedure belongs to.
SHIPPED = shipped_knowledge()
WIZARD_SLUGS = sorted(slug for slug, known in SHIPPED.items() if known["form_sections"])
INFO_PAGE_SLUGS = sorted(slug for slug, known in SHIPPED.items() if not known["form_sections"])
GROUPS = ("EXP", "CAM", "REG", "NOT", "PERM")
in_catalogue = pytest.mark.usefixtures("catalogue")

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


def test_fields_are_numbered_in_the_forms_order():
    assert [f.order for f in FIELDS] == list(range(1, len(FIELDS) + 1))
    assert FIELDS[0].label_es == "¿Qué deseas hacer?"
    assert FIELDS[1].label_es == "Especifica"
    assert FIELDS[0].options == PORTAL_MENU_OPTIONS


def test_every_wizard_procedure_belongs_to_exactly_one_group_of_the_form():
    for slug in WIZARD_SLUGS:
        sections = SHIPPED[slug]["form_sections"]
        assert "ALL" in sections
        assert len([group for group in GROUPS if group in sections]) == 1, slug
        assert set(sections) <= set(FormSection.values)
    assert len(WIZARD_SLUGS) == 23


def test_every_field_is_shown_for_a_group_of_the_form():
    assert all(f.shown_for and f.shown_for <= set(FormSection.values) for f in FIELDS)


@in_catalogue
@pytest.mark.parametrize("slug", WIZARD_SLUGS)
def test_every_wizard_procedure_gets_the_applicant_block(slug):
    shown = fields_for(slug)
    assert {f.answer for f in shown} >= APPLICANT_ANSWERS
    assert APPLICANT_SECTION in sections_for(slug)
    assert sections_for(slug)[0] == "Tipo de trámite"
    assert sections_for(slug)[-1] == OUTPUT_SECTION


@in_catalogue
@pytest.mark.parametrize("slug", INFO_PAGE_SLUGS)
def test_info_pages_get_no_fields(slug):
    assert fields_for(slug) == []
    assert copy_sheet_fields(slug) == []
    assert sections_for(slug) == []


@in_catalogue
def test_canje_shows_the_postal_code_but_not_the_employer_type():
    assert "Código postal" in labels(fields_for("canje"))
    assert "Tipo de persona" not in labels(fields_for("canje"))


@in_catalogue
@pytest.mark.parametrize("slug", ["permiso_trabajo_empleador", "regularizacion_documento_vencido"])
def test_employer_block_is_shown_for_work_with_employer_and_expired_document(slug):
    assert EMPLOYER_SECTION in sections_for(slug)
    assert {"employment.employer_type", "employment.employer_rfc", "employment.employer_file_number"} <= {
        f.answer for f in copy_sheet_fields(slug)
    }


@in_catalogue
@pytest.mark.parametrize("slug", ["permiso_trabajo_independiente", "cambio_rte_a_rt", "notif_lugar_trabajo", "canje"])
def test_employer_block_is_hidden_elsewhere(slug):
    assert EMPLOYER_SECTION not in sections_for(slug)


@in_catalogue
@pytest.mark.parametrize("slug", [s for s in WIZARD_SLUGS if "NOT" in SHIPPED[s]["form_sections"]])
def test_notifications_do_not_show_the_address_block(slug):
    assert ADDRESS_SECTION not in sections_for(slug)
    assert "address.postal_code" not in {f.answer for f in fields_for(slug)}


@in_catalogue
@pytest.mark.parametrize("slug", [s for s in WIZARD_SLUGS if "NOT" not in SHIPPED[s]["form_sections"]])
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


@in_catalogue
def test_every_catalogue_especifica_is_a_portal_option_under_its_menu_and_back():
    procedures = Procedure.objects.filter(slug__in=WIZARD_SLUGS)
    catalogue = {(p.portal_menu, p.portal_especifica) for p in procedures if p.portal_especifica}
    portal = {(menu, esp) for menu, options in ESPECIFICA_OPTIONS.items() for esp in options}
    assert catalogue == portal
    assert {p.portal_menu for p in procedures} == set(PORTAL_MENU_OPTIONS)
    assert set(FIELDS[1].options) == {esp for _, esp in portal}


@in_catalogue
def test_salida_y_regreso_has_no_especifica_to_copy():
    assert "Obtener permiso de salida y regreso" not in ESPECIFICA_OPTIONS
    assert "Especifica" in labels(fields_for("permiso_salida_regreso"))
    assert "Especifica" not in labels(copy_sheet_fields("permiso_salida_regreso"))
    assert "Especifica" in labels(copy_sheet_fields("permiso_trabajo_empleador"))


@in_catalogue
@pytest.mark.parametrize("slug", WIZARD_SLUGS)
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


def test_the_form_is_generated_data_that_names_no_procedure():
    data = DATA_FILE.read_text(encoding="utf-8")
    assert not [slug for slug in SHIPPED if f'"{slug}"' in data]
