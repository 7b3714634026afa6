"""letters.py, claims.py and comments.py: what each escrito says, who signs it, and that it says
only what is true for the answers on its date. Pure functions: no database."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procedures.claims import PREDICATES, Claim, holds
from procedures.comments import comments_for
from procedures.conditions import true_conditions
from procedures.letters import letter_for
from procedures.models import Procedure, State
from procedures.situation import situation_for
from procedures.vocabulary import CurrentDocument

TODAY = date(2026, 12, 1)
STATES = {
    "09": State(code="09", name="Ciudad de México", name_inm="Ciudad de México", name_sepomex="Ciudad de México"),
    "14": State(code="14", name="Jalisco", name_inm="Jalisco", name_sepomex="Jalisco"),
}
GUADALAJARA = SimpleNamespace(state_id="14", city="Guadalajara")
CHAPALA = SimpleNamespace(state_id="14", city="Chapala")  # a local office: its state's titular
CDMX = SimpleNamespace(state_id="09", city="Ciudad de México")

PROCEDURES = {
    "notif_domicilio": ("notification", "Notificación de cambio de domicilio", ""),
    "notif_estado_civil": ("notification", "Notificación de cambio de estado civil", ""),
    "notif_lugar_trabajo": ("notification", "Notificación de cambio de lugar de trabajo", ""),
    "notif_nacionalidad": ("notification", "Notificación de cambio de nacionalidad", ""),
    "notif_nombre": ("notification", "Notificación de cambio de nombre", ""),
    "cambio_rt_a_rp": ("four_year_request", "Cambio de condición de residente temporal a residente permanente", ""),
    "cambio_rp_unidad_familiar": (
        "family_statement",
        "Cambio de condición a residente permanente por unidad familiar",
        "Cambio de condición de estancia a residente permanente por vínculo familiar",
    ),
    "cambio_rt_unidad_familiar": (
        "family_statement",
        "Cambio de condición a residente temporal por unidad familiar",
        "",
    ),
    "regularizacion_vinculo_familiar": ("family_statement", "Regularización por unidad familiar", ""),
    "permiso_trabajo_independiente": (
        "self_employment_statement",
        "Obtener permiso para trabajar (actividades independientes/autoempleo)",
        "",
    ),
    "reposicion": ("loss_account", "Reposición de documento migratorio por pérdida, robo o deterioro", ""),
    "canje": ("canje_request", "Canje de FMM por Tarjeta de Visitante o de Residente", ""),
}


def procedure(slug: str) -> Procedure:
    letter, name_es, official = PROCEDURES[slug]
    return Procedure(slug=slug, letter=letter, name_es=name_es, official_name_es=official)


def item(key, text_es="", originals=1, copies=1, text_en=""):
    return SimpleNamespace(key=key, text_es=text_es or key, text_en=text_en or key, originals=originals, copies=copies)


ADULT = {
    "given_names": "María José",
    "surnames": "Pérez O'Neill",
    "sex": "female",
    "birth_date": "1985-03-14",
    "nationality": "US",
    "marital_status": "married",
    "email": "maria@example.org",
}
MINOR = {**ADULT, "given_names": "Lucía", "birth_date": "2012-05-05", "marital_status": "single"}
PASSPORT = {"document_type": "passport", "passport_number": "X1234567"}
ADDRESS = {
    "postal_code": "45900",
    "state": "14",
    "municipality": "Chapala",
    "neighborhood": "Chapala Centro",
    "street": "Av. Madero",
    "exterior_number": "120",
}
TEMPORARY_CARD = {
    "current_document": "temporary_card",
    "card_expires": "2027-06-01",
    "card_number": "A00012345",
    "nue": "12345678",
}
GUARDIAN = {
    "guardian_name": "María José Pérez",
    "guardian_relationship": "mother",
    "guardian_document": "Pasaporte X7654321",
}


def answers(status=None, applicant=None, **steps):
    return {
        "applicant": applicant or ADULT,
        "passport": PASSPORT,
        "status": status or TEMPORARY_CARD,
        "address": ADDRESS,
        **steps,
    }


def letter(slug, values, *, today=TODAY, office=GUADALAJARA, keys=frozenset()):
    situation = situation_for(values, procedure_slug=slug, today=today)
    return letter_for(
        situation,
        procedure=procedure(slug),
        office=office,
        states=STATES,
        conditions=true_conditions(situation),
        checklist_keys=keys,
    )


def flat(text):
    return " ".join(text.split())


# ----------------------------------------------------------------------------- every letter's elements

NOTICE = {"change_date": "2026-10-15", "old_street": "Av. Juárez", "old_exterior_number": "10", "old_state": "14"}
FAMILY = {
    "relationship": "spouse",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "mexican",
    "sponsor_mexican_by_birth": "yes",
    "sponsor_document": "INE 1234567890123",
    "union_date": "2020-06-20",
    "lives_together": "yes",
    "foreign_certificates": "no",
}
CASES = {
    "notif_domicilio": (
        answers(changes=NOTICE),
        ["Domicilio anterior: Av. Juárez 10", "Domicilio actual: Av. Madero 120", "15 de octubre de 2026"],
    ),
    "notif_estado_civil": (
        answers(changes={"change_date": "2026-10-15", "old_marital_status": "single"}),
        ["Estado civil anterior: soltera.", "Estado civil actual: casada."],
    ),
    "notif_nacionalidad": (
        answers(changes={"change_date": "2026-10-15", "old_nationality": "CA"}),
        ["Nacionalidad anterior: canadiense.", "Nacionalidad actual: estadounidense."],
    ),
    "notif_nombre": (
        answers(changes={"change_date": "2026-10-15", "old_name": "María José Pérez"}),
        ["Nombre anterior: María José Pérez.", "Nombre actual: María José Pérez O'Neill."],
    ),
    "cambio_rt_a_rp": (
        answers({**TEMPORARY_CARD, "rt_to_rp_route": "four_years", "resident_since": "2022-06-01"}),
        ["residente temporal desde el 1 de junio de 2022", "cumplí cuatro años consecutivos", "artículo 54"],
    ),
    "cambio_rt_unidad_familiar": (
        answers(family=FAMILY),
        [
            "Jorge Ramírez Soto, de nacionalidad mexicana, quien se identifica con INE 1234567890123",
            "contrajimos matrimonio el 20 de junio de 2020",
            "hacemos vida en común en el domicilio conyugal",
        ],
    ),
    "permiso_trabajo_independiente": (
        answers(
            employment={
                "activity": "Clases de inglés",
                "activity_place": "en mi domicilio",
                "applicant_rfc": "PEOM850314AB1",
            }
        ),
        ["consisten en clases de inglés", "se llevarán a cabo en mi domicilio", "con la clave PEOM850314AB1"],
    ),
    "reposicion": (
        answers(
            replacement={
                "reason": "stolen",
                "event_date": "2026-11-05",
                "event_place": "Chapala, Jal.",
                "police_report": "yes",
                "police_report_reference": "CI-JAL-2026-1234",
            }
        ),
        ["sufrí el robo de mi tarjeta de residente temporal número A00012345", "con número CI-JAL-2026-1234"],
    ),
    "canje": (
        answers(
            {
                "current_document": "resident_visa",
                "visa_type": "temporary",
                "admission": "canje",
                "entry_record": "fmm",
                "entry_date": "2026-11-17",
                "years_requested": "2",
            }
        ),
        [
            "el 17 de noviembre de 2026 ingresé al territorio nacional",
            "y que en la Forma Migratoria Múltiple (FMM) consta la anotación «canje».",
            "con vigencia de dos años",
        ],
    ),
}
# What every escrito carries (LFPA art. 15; FACTS.md corrections of 2026-12-01).
EVERY_LETTER = [
    "Chapala, Jalisco, a 1 de diciembre de 2026.",
    "C. Titular de la Oficina de Representación del INM en Jalisco",
    "María José Pérez O'Neill",
    "de nacionalidad estadounidense",
    "con pasaporte número X1234567",
    "señalando como domicilio para oír y recibir notificaciones el ubicado en Av. Madero 120, colonia Chapala Centro, "
    "C.P. 45900, Chapala, Jalisco",
    "Atentamente,",
]


@pytest.mark.parametrize("slug", list(CASES))
def test_every_letter_carries_the_elements_of_an_escrito(slug):
    values, own = CASES[slug]
    made = letter(slug, values)
    text = flat(made.text_es)
    for element in [*EVERY_LETTER, *own]:
        assert element in text, element
    if values["status"]["current_document"] == "temporary_card":
        assert "titular de la tarjeta de residente temporal número A00012345" in text
        assert "con número único de extranjero (NUE) 12345678" in text
    # Every escrito ends with its petition ("Por lo expuesto, … solicito"), then the signature.
    assert made.paragraphs[-1].role == "petition" and made.paragraphs[-1].es.startswith("Por lo expuesto")
    assert made.signatures
    assert "inmprep" not in text.lower() and "versión" not in text


@pytest.mark.parametrize("slug", [s for s in CASES if s not in ("canje",)])
def test_sworn_letters_say_bajo_protesta_only_before_the_facts(slug):
    made = letter(slug, CASES[slug][0])
    protest = [p for p in made.paragraphs if "bajo protesta de decir verdad" in p.es]
    assert protest and all(p.role == "protest" for p in protest)


def test_the_addressee_is_the_titular_of_the_state_of_the_chosen_office():
    values = CASES["notif_domicilio"][0]
    assert letter("notif_domicilio", values, office=CHAPALA).addressee.endswith("del INM en Jalisco")
    assert letter("notif_domicilio", values, office=CDMX).addressee == (
        "C. Titular de la Oficina de Representación del INM en la Ciudad de México"
    )


def test_without_a_card_number_or_nue_the_letter_says_only_what_it_knows():
    status = {"current_document": "permanent_card", "card_expires": ""}
    text = flat(letter("notif_domicilio", answers(status, changes=NOTICE)).text_es)
    assert "titular de una tarjeta de residente permanente," in text
    assert "NUE" not in text and "número A" not in text


def test_an_email_for_notices_only_when_the_applicant_accepts_it():
    without = flat(letter("notif_domicilio", answers(changes=NOTICE)).text_es)
    assert "correo electrónico" not in without and "maria@example.org" not in without
    accepted = answers(applicant={**ADULT, "email_notices": True}, changes=NOTICE)
    text = flat(letter("notif_domicilio", accepted).text_es)
    assert (
        "artículo 35 de la Ley Federal de Procedimiento Administrativo, acepto expresamente que las notificaciones "
        "relativas a este trámite se realicen por correo electrónico en la dirección maria@example.org." in text
    )


def test_the_family_statement_gives_the_sponsor_and_is_signed_by_both():
    foreign = {
        **FAMILY,
        "sponsor_status": "permanent",
        "sponsor_nationality": "CA",
        "sponsor_document": "Tarjeta de residente permanente 987654",
    }
    made = letter("cambio_rt_unidad_familiar", answers(family=foreign))
    text = flat(made.text_es)
    assert (
        "Jorge Ramírez Soto, de nacionalidad canadiense, quien se identifica con tarjeta de residente permanente 987654"
        in text
    )
    assert "Quienes suscribimos" in text and "comparecemos" in text
    assert [s.name for s in made.signatures] == ["María José Pérez O'Neill", "Jorge Ramírez Soto"]
    # A Mexican sponsor's nationality goes without asking.
    assert "de nacionalidad mexicana" in flat(letter("cambio_rt_unidad_familiar", answers(family=FAMILY)).text_es)


def test_the_translation_names_each_country_as_english_does():
    with translation.override("en"):
        made = letter(
            "cambio_rt_unidad_familiar",
            answers(family={**FAMILY, "sponsor_status": "permanent", "sponsor_nationality": "CA"}),
        )
    intro = made.paragraphs[0].en
    assert "María José Pérez O'Neill, a national of the United States of America, with passport number" in intro
    assert "Jorge Ramírez Soto, a national of Canada, identified by INE 1234567890123" in intro
    assert made.paragraphs[-1].en.startswith("We therefore ask that this statement be received")


def test_a_couple_that_does_not_live_together_declares_no_marital_address():
    made = letter("cambio_rt_unidad_familiar", answers(family={**FAMILY, "lives_together": "no"}))
    assert "vida en común" not in made.text_es
    assert [w.claim for w in made.withheld] == [Claim.LIVE_TOGETHER]
    assert "you do not both live at the address" in made.withheld[0].why


@pytest.mark.parametrize(
    ("union", "two_years"),
    [("2024-12-01", True), ("2024-12-02", False), ("2026-06-01", False)],
)
def test_the_permanent_family_statement_says_two_years_of_the_tie_only_when_they_are(union, two_years):
    made = letter("cambio_rp_unidad_familiar", answers(family={**FAMILY, "union_date": union}))
    assert ("ha subsistido durante los dos años anteriores" in made.text_es) is two_years
    assert (Claim.TIE_TWO_YEARS in made.asserts) is two_years
    assert (Claim.TIE_TWO_YEARS in {w.claim for w in made.withheld}) is not two_years


def test_a_regularisation_through_family_ties_gets_the_statement_for_a_couple_only():
    assert letter("regularizacion_vinculo_familiar", answers(family=FAMILY)).kind == "family_statement"
    child = {**FAMILY, "relationship": "child", "union_date": ""}
    assert letter("regularizacion_vinculo_familiar", answers(family=child)) is None


# ----------------------------------------------------------------------------- the four years


FOUR_YEARS = {**TEMPORARY_CARD, "rt_to_rp_route": "four_years", "resident_since": "2023-06-01"}


@pytest.mark.parametrize(
    ("today", "complete"),
    [
        (date(2027, 1, 1), False),  # 3 years 7 months: the applicant
        (date(2027, 5, 31), False),  # the day before
        (date(2027, 6, 1), True),  # the day the four years complete
        (date(2027, 6, 1) + timedelta(days=0), True),
    ],
)
def test_the_four_year_letter_states_the_four_years_only_from_the_day_they_complete(today, complete):
    status = {**FOUR_YEARS, "card_expires": "2027-06-20"}
    made = letter("cambio_rt_a_rp", answers(status), today=today)
    text = flat(made.text_es)
    assert "residente temporal desde el 1 de junio de 2023" in text
    assert ("cumplí cuatro años consecutivos" in text) is complete
    assert "cuatro años" not in text.replace("cumplí cuatro años", "") or complete
    assert (Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT in made.asserts) is complete
    if not complete:
        (withheld,) = made.withheld
        assert withheld.claim == Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT
        assert "Not true yet" in withheld.why and "June 1, 2027" in withheld.why
        assert "soy residente temporal desde el 1 de junio de 2023, y que mi tarjeta" in text


def test_a_leap_day_resident_completes_four_years_on_the_leap_day_and_two_on_1_march():
    status = {**FOUR_YEARS, "resident_since": "2024-02-29", "card_expires": "2028-03-20"}
    assert (
        Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT
        not in letter("cambio_rt_a_rp", answers(status), today=date(2028, 2, 28)).asserts
    )
    assert (
        Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT
        in letter("cambio_rt_a_rp", answers(status), today=date(2028, 2, 29)).asserts
    )


def test_an_expired_card_is_not_a_temporary_resident_now():
    status = {**FOUR_YEARS, "resident_since": "2020-01-01", "card_expires": "2026-11-01"}
    text = flat(letter("cambio_rt_a_rp", answers(status)).text_es)
    assert "soy residente temporal" not in text and "cumplí cuatro años" not in text
    assert "obtuve la condición de residente temporal el 1 de enero de 2020" in text
    assert "venció el 1 de noviembre de 2026" in text


# ----------------------------------------------------------------------------- a minor's letters


@pytest.mark.parametrize("slug", ["notif_domicilio", "cambio_rt_a_rp", "reposicion", "canje"])
def test_a_minors_letter_is_made_and_signed_by_the_guardian_in_representation(slug):
    values, _ = CASES[slug]
    values = {**values, "applicant": MINOR, "guardian": GUARDIAN}
    made = letter(slug, values)
    text = flat(made.text_es)
    assert made.signed_by_guardian
    assert "por mi propio derecho" not in text
    assert (
        "María José Pérez, en mi carácter de madre y en representación de mi hija Lucía Pérez O'Neill, menor de edad"
        in text
    )
    assert "identificándome con pasaporte X7654321" in text
    (signature,) = made.signatures
    assert signature.name == "María José Pérez"
    assert signature.caption_es == "En representación de la menor Lucía Pérez O'Neill"


def test_a_legal_guardian_signs_in_exercise_of_the_guardianship():
    values = {
        **CASES["notif_domicilio"][0],
        "applicant": {**MINOR, "sex": "male", "given_names": "Mateo"},
        "guardian": {**GUARDIAN, "guardian_relationship": "legal_guardian", "guardian_name": "Ana Ruiz"},
    }
    made = letter("notif_domicilio", values)
    text = flat(made.text_es)
    assert (
        "Ana Ruiz, en ejercicio de la tutela y en representación del menor Mateo Pérez O'Neill, menor de edad" in text
    )
    assert "del registro migratorio del menor." in text
    assert " de el " not in text
    assert made.signatures[0].caption_es == "En representación del menor Mateo Pérez O'Neill"


def test_a_minors_family_statement_is_signed_by_the_guardian_and_the_sponsor():
    values = {**answers(family=FAMILY), "applicant": MINOR, "guardian": GUARDIAN}
    made = letter("cambio_rt_unidad_familiar", values)
    text = flat(made.text_es)
    assert "Lucía Pérez O'Neill y Jorge Ramírez Soto contrajeron matrimonio" in text
    assert [s.name for s in made.signatures] == ["María José Pérez", "Jorge Ramírez Soto"]
    assert "por mi propio derecho" not in text


CANJE_VISA = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_date": "2026-11-17",
    "years_requested": "1",
}


@pytest.mark.parametrize(
    ("entry_record", "letter_says", "comentarios_says"),
    [
        (
            "fmm",
            "y que en la Forma Migratoria Múltiple (FMM) consta la anotación «canje».",
            "2. Forma Migratoria Múltiple (FMM) con la anotación «canje», original.",
        ),
        (
            "stamp",
            "y que en el sello de ingreso estampado en el pasaporte consta la anotación «canje».",
            "2. Sello de ingreso con la anotación «canje», en el pasaporte (no se entregó FMM impresa).",
        ),
        # Answers saved before the question was asked: the letter cannot say which one.
        (
            "",
            "y que en la Forma Migratoria Múltiple (FMM) o en el sello de ingreso, según corresponda, consta",
            "2. Forma Migratoria Múltiple (FMM) con la anotación «canje», original.",
        ),
    ],
)
def test_the_canje_letter_and_comentarios_name_what_the_officer_gave(entry_record, letter_says, comentarios_says):
    values = answers({**CANJE_VISA, "entry_record": entry_record})
    text = flat(letter("canje", values).text_es)
    assert letter_says in text
    if entry_record:
        assert "según corresponda" not in text
    lines = comments("canje", values, [item("pasaporte_visa"), item("fmm", copies=0)]).text_es.splitlines()
    assert lines[2] == comentarios_says
    if entry_record == "stamp":
        assert "Forma Migratoria" not in text


def test_a_stamp_without_canje_is_named_without_claiming_it():
    values = answers({**CANJE_VISA, "admission": "unknown", "entry_record": "stamp"})
    lines = comments("canje", values, [item("pasaporte_visa"), item("fmm", copies=0)]).text_es.splitlines()
    assert lines[2] == "2. Sello de ingreso, en el pasaporte (no se entregó FMM impresa)."


# ----------------------------------------------------------------------------- Comentarios


def comments(slug, values, items, *, today=TODAY):
    situation = situation_for(values, procedure_slug=slug, today=today)
    made = letter_for(
        situation,
        procedure=procedure(slug),
        office=GUADALAJARA,
        states=STATES,
        conditions=true_conditions(situation),
        checklist_keys=frozenset(i.key for i in items),
    )
    return comments_for(items, situation=situation, letter=made)


def test_comentarios_names_this_applicants_documents_with_their_numbers():
    items = [
        item("formato_solicitud", originals=1, copies=0),
        item("pasaporte"),
        item("tarjeta_residente"),
        item("carta_bajo_protesta", copies=0),
    ]
    text = comments("notif_domicilio", answers(changes=NOTICE), items).text_es
    assert text.splitlines() == [
        "Se anexan los siguientes documentos:",
        "1. Pasaporte No. X1234567, original y copia.",
        "2. Tarjeta de residente temporal No. A00012345, original y copia.",
        "3. Escrito de notificación de cambio de domicilio, bajo protesta de decir verdad, original.",
    ]


@pytest.mark.parametrize(
    ("route", "today", "opening"),
    [
        (
            "four_years",
            date(2027, 6, 1),
            "por haberse cumplido cuatro años consecutivos como residente temporal "
            "(residente temporal desde el 1 de junio de 2023).",
        ),
        (
            "four_years",
            date(2027, 5, 31),
            "por la vía de cuatro años como residente temporal; residente temporal desde el 1 de junio de 2023.",
        ),
        ("pensioner", TODAY, "como pensionado o jubilado"),
        ("points", TODAY, "por el sistema de puntos"),
    ],
)
def test_comentarios_states_the_route_to_permanent_residence(route, today, opening):
    status = {**FOUR_YEARS, "rt_to_rp_route": route, "card_expires": "2027-06-20"}
    text = comments("cambio_rt_a_rp", answers(status), [item("pasaporte")], today=today).text_es
    first = text.splitlines()[0]
    assert first.startswith(
        "Se solicita el cambio de condición de estancia de residente temporal a residente permanente"
    )
    assert opening in first


def test_comentarios_lists_the_loss_account_and_leaves_out_a_report_never_made():
    replacement = {"reason": "lost", "event_date": "2026-11-05", "event_place": "Chapala", "police_report": "no"}
    result = comments("reposicion", answers(replacement=replacement), [item("pasaporte"), item("denuncia_policial")])
    assert "denuncia" not in result.text_es
    assert result.text_es.splitlines()[-1].startswith("2. Escrito de relación de hechos")
    assert any("You said you did not report" in note for note in result.not_listed)
    # The letter does not say it was reported either.
    made = letter("reposicion", answers(replacement=replacement), keys=frozenset({"denuncia_policial"}))
    assert "Se presentó" not in made.text_es


@pytest.mark.parametrize(
    ("reason", "what"),
    [("lost", "el extravío"), ("stolen", "el robo"), ("lost_abroad", "el extravío o robo")],
)
def test_the_loss_account_and_its_comentarios_line_name_what_happened(reason, what):
    replacement = {"reason": reason, "event_date": "2026-11-05", "event_place": "Chapala", "police_report": "no"}
    result = comments("reposicion", answers(replacement=replacement), [item("pasaporte")])
    line = result.text_es.splitlines()[-1]
    assert line.startswith(f"2. Escrito de relación de hechos sobre {what} del documento migratorio")
    assert "la pérdida" not in line
    made = letter("reposicion", answers(replacement=replacement))
    assert what in made.text_es


def test_comentarios_leaves_out_what_an_office_asks_for_only_sometimes():
    status = {
        "current_document": "resident_visa",
        "visa_type": "temporary",
        "admission": "canje",
        "entry_record": "fmm",
        "entry_date": "2026-11-17",
        "years_requested": "1",
    }
    result = comments(
        "canje",
        answers(status),
        [
            item("pasaporte_visa"),
            item("carta_solicitud", copies=0),
            item("comprobante_domicilio", text_en="Proof of address"),
        ],
    )
    assert result.text_es.splitlines()[1:] == [
        "1. Pasaporte No. X1234567, con la visa de residente temporal, original y copia.",
        "2. Escrito libre de solicitud de canje, original.",
    ]
    assert any("Proof of address" in note for note in result.not_listed)


def test_comentarios_never_lists_an_escrito_that_is_not_prepared():
    items = [item("carta_bajo_protesta", copies=0), item("escrito_causa_urgente", copies=0)]
    result = comments("notif_domicilio", answers(changes=NOTICE), items)
    assert result.text_es.count("Escrito") == 1 and "causa" not in result.text_es
    assert "Only you can write it" in result.not_listed[0]
    # The four-year request is prepared for the four-year route only.
    status = {**FOUR_YEARS, "rt_to_rp_route": "pensioner"}
    result = comments("cambio_rt_a_rp", answers(status), [item("escrito_cuatro_anios", copies=0)])
    assert "Escrito" not in result.text_es and "It is not prepared in this packet" in result.not_listed[0]


# ----------------------------------------------------------------------------- only true claims

# The phrases that assert each claim, in the letters and the Comentarios text. The property below
# checks them against the answers with its own arithmetic, not with claims.py.
MARKERS = {
    "four_years": ("cumplí cuatro años", "cumplió cuatro años", "por haberse cumplido cuatro años"),
    "resident_now": ("soy residente temporal", "es residente temporal"),
    "two_years": ("ha subsistido durante los dos años",),
    "together": ("hacemos vida en común", "hacen vida en común"),
    "canje": ("consta la anotación «canje»", "con la anotación «canje»"),
    "report": ("Se presentó", "Constancia de la denuncia"),
    "rfc": ("en el Registro Federal de Contribuyentes con la clave",),
    "email": ("por correo electrónico",),
    "own_right": ("por mi propio derecho",),
}
ITEMS = [item(key) for key in ("pasaporte", "fmm", "tarjeta_rt", "denuncia_policial", "escrito_cuatro_anios")]

dates = st.dates(min_value=date(2016, 1, 1), max_value=date(2031, 12, 31))
yes_no = st.sampled_from(["yes", "no", ""])


def plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def around(draw, today: date, before: int, after: int, *, years: int = 0) -> str:
    """A date near ``today`` (or none); with ``years``, often within days of that many years before
    it: the claims turn on periods that complete close to the letter's date."""
    if draw(st.integers(0, 9)) == 0:
        return ""
    if years and draw(st.booleans()):
        return (plus_years(today, -years) + timedelta(days=draw(st.integers(-3, 3)))).isoformat()
    return (today + timedelta(days=draw(st.integers(-before, after)))).isoformat()


@st.composite
def generated(draw, slug):
    today = draw(dates)
    adult = draw(st.booleans())
    birth = today - timedelta(days=draw(st.integers(20 * 365, 80 * 365) if adult else st.integers(1, 19 * 365)))
    applicant = {
        **ADULT,
        "sex": draw(st.sampled_from(["female", "male", ""])),
        "birth_date": birth.isoformat(),
        "email_notices": draw(st.booleans()),
        "nationality": draw(st.sampled_from(["US", "CA", "BF", "MX", ""])),
    }
    documents = ["temporary_card", "temporary_card", "student_card", *CurrentDocument.values]
    status = {
        "current_document": draw(st.sampled_from(documents)),
        "visa_type": draw(st.sampled_from(["temporary", "permanent", "student", ""])),
        "admission": draw(st.sampled_from(["canje", "visitor", "unknown", ""])),
        "entry_date": around(draw, today, 60, 0),
        "card_expires": around(draw, today, 60, 400),
        "card_number": draw(st.sampled_from(["", "A00012345"])),
        "nue": draw(st.sampled_from(["", "12345678"])),
        "rt_to_rp_route": draw(st.sampled_from(["four_years", "four_years", "pensioner", "points", ""])),
        # Four years as a temporary resident complete some days before or after the letter's date.
        "resident_since": around(draw, today, 5 * 366, 0, years=4),
        "years_requested": draw(st.sampled_from(["1", "2", "4", ""])),
    }
    return (
        slug,
        today,
        {
            "applicant": applicant,
            "passport": PASSPORT,
            "status": status,
            "address": ADDRESS,
            "guardian": GUARDIAN if draw(st.booleans()) else {},
            "family": {
                **FAMILY,
                "relationship": draw(st.sampled_from(["spouse", "concubine", "child"])),
                "sponsor_status": draw(st.sampled_from(["mexican", "temporary", "permanent"])),
                "union_date": around(draw, today, 3 * 366, 0, years=2),
                "lives_together": draw(yes_no),
            },
            "employment": {
                "activity": "Clases",
                "activity_place": "Chapala",
                "applicant_rfc": draw(st.sampled_from(["", "PEOM850314AB1"])),
            },
            "changes": {"change_date": around(draw, today, 200, 0), "old_name": "Ana"},
            "replacement": {
                "reason": draw(st.sampled_from(["lost", "stolen", "damaged", "lost_abroad"])),
                "event_date": around(draw, today, 60, 0),
                "event_place": "Chapala",
                "police_report": draw(yes_no),
            },
        },
    )


def truths(values: dict, today: date) -> dict[str, bool]:
    """Each marker's truth for the answers, worked out here from the raw answers."""
    status, family = values["status"], values["family"]
    birth = date.fromisoformat(values["applicant"]["birth_date"])
    minor = plus_years(birth, 18) > today
    expires = status["card_expires"]
    resident_now = status["current_document"] in ("temporary_card", "student_card") and (
        not expires or date.fromisoformat(expires) >= today
    )
    since = status["resident_since"]
    union = family["union_date"]
    return {
        "four_years": bool(since) and plus_years(date.fromisoformat(since), 4) <= today and resident_now,
        "resident_now": resident_now,
        "two_years": bool(union) and plus_years(date.fromisoformat(union), 2) <= today,
        "together": family["relationship"] in ("spouse", "concubine") and family["lives_together"] == "yes",
        "canje": status["current_document"] == "resident_visa" and status["admission"] == "canje",
        "report": values["replacement"]["police_report"] == "yes",
        "rfc": bool(values["employment"]["applicant_rfc"]),
        "email": values["applicant"]["email_notices"],
        "own_right": not minor,
    }


@pytest.mark.parametrize("slug", list(PROCEDURES))
@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_letter_asserts_what_is_false_for_its_answers(slug, data):
    slug, today, values = data.draw(generated(slug))
    situation = situation_for(values, procedure_slug=slug, today=today)
    made = letter_for(
        situation,
        procedure=procedure(slug),
        office=GUADALAJARA,
        states=STATES,
        conditions=true_conditions(situation),
        checklist_keys=frozenset(i.key for i in ITEMS),
    )
    result = comments_for(ITEMS, situation=situation, letter=made)
    # What the letter and the text declare they assert holds on their date ...
    for claim in (made.asserts if made else set()) | result.asserts:
        assert holds(claim, situation), claim
    if made:
        assert not (made.asserts & {w.claim for w in made.withheld})
    # ... and no phrase asserting a claim appears unless the answers make it true.
    true = truths(values, today)
    text = flat((made.text_es if made else "") + "\n" + result.text_es)
    for marker, phrases in MARKERS.items():
        if any(phrase in text for phrase in phrases):
            assert true[marker], (marker, text)
    # "bajo protesta de decir verdad" opens only the paragraphs of facts.
    if made:
        for paragraph in made.paragraphs:
            if "bajo protesta de decir verdad" in paragraph.es:
                assert paragraph.role == "protest"
        if made.signed_by_guardian:
            assert "por mi propio derecho" not in text


def test_every_claim_has_a_predicate_and_a_reason():
    from procedures.claims import why_not

    situation = situation_for({}, procedure_slug="cambio_rt_a_rp", today=TODAY)
    assert set(PREDICATES) == set(Claim)
    for claim in Claim:
        assert not holds(claim, situation)
        assert why_not(claim, situation).startswith(("Not stated", "Not true yet"))
