"""The packet page: for each walked procedure, the right INM labels, items, fees, deadline and flags."""

import re

import pytest
import time_machine
from django.utils import timezone, translation

from procedures.models import Preparation, Procedure
from procedures.packet import masculine_option_hint

from .test_wizard_branches import (
    EMPLOYER,
    EXPIRED,
    FAMILY_CHILD,
    FAMILY_SPOUSE,
    GUARDIAN,
    OLD_ADDRESS,
    TEMPORARY,
    VISITOR,
    valid_rfc,
)
from .wizard import ADDRESS, APPLICANT, NOW, OFFICE, PASSPORT, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

CHILD = {**APPLICANT, "given_names": "Lucía", "birth_date": "2012-05-05", "marital_status": "single"}
CANJE = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_record": "fmm",
    "entry_date": "2026-11-17",
    "years_requested": "2",
}


def core(status, applicant=APPLICANT, office=OFFICE):
    return {"applicant": applicant, "passport": PASSPORT, "status": status, "address": ADDRESS, "office": office}


CASES = {
    "canje": dict(
        answers=core(CANJE),
        labels_in=["Apellido(s)", "Código postal", "Nacionalidad actual", "Fecha de nacimiento"],
        values_in=[
            "Pérez O&#x27;Neill",
            "Estadounidense",
            "14/03/1985",
            "Canje de FMM por Tarjeta de Visitante o de Residente",
        ],
        labels_out=["Tipo de persona", "Número expediente"],
        items_in=["Valid passport with the Mexican visa", "3 photos, tipo infantil"],
        items_out=[],
        fees=["LFD art. 8 fr. VI", "2 years: $16,693.36 MXN"],
        fees_out=["LFD art. 8 fr. VII"],
        deadline="File by Wednesday 16 December 2026.",
        flags_out=["admitted as a visitor", "is not on the INM"],
    ),
    "renovacion": dict(
        answers=core(
            {
                "current_document": "temporary_card",
                "card_expires": "2026-12-15",
                "resident_since": "2024-12-15",
                "years_requested": "1",
            }
        ),
        labels_in=["Código postal", "Fecha de vencimiento"],
        values_in=["Extender la estancia", "Expedición de Tarjeta de Residente por Renovación"],
        labels_out=["Tipo de persona"],
        items_in=["3 photos, tipo infantil"],
        items_out=["Proof that the basis of your status still holds"],
        fees=["LFD art. 8 fr. VI", "1 year: $11,140.74 MXN"],
        fees_out=[],
        deadline="File by Tuesday 15 December 2026.",
        flags_out=["window opens"],
    ),
    "cambio_rt_a_rp": dict(
        answers=core(
            {
                "current_document": "temporary_card",
                "card_expires": "2026-12-20",
                "rt_to_rp_route": "four_years",
                "resident_since": "2022-10-01",
            }
        ),
        labels_in=["Código postal"],
        values_in=["Cambiar condición de estancia"],
        labels_out=["Tipo de persona"],
        items_in=["Letter requesting the change because 4 years as RT have passed"],
        items_out=["Bank/investment statements", "Documents proving the points-system indicators"],
        fees=["LFD art. 9", "estimate", "LFD art. 8 fr. VII", "after approval"],
        fees_out=[],
        deadline="File by Friday 18 December 2026 (the legal last day, Sunday 20 December, falls on a weekend).",
        flags_out=["sponsor"],
    ),
    "cambio_vrh_a_rp": dict(
        answers=core({"current_document": "humanitarian_card", "card_expires": "2027-05-01"}),
        labels_in=["Código postal"],
        values_in=["Cambio de condición de visitante por razones humanitarias a residente permanente"],
        labels_out=[],
        items_in=[],
        items_out=[],
        fees=["Free: no fee."],
        fees_out=["LFD art."],
        deadline="No legal deadline for this procedure in your case.",
        flags_out=["deadline passed"],
    ),
    "cambio_rp_unidad_familiar": dict(
        answers={**core(VISITOR, CHILD), "guardian": GUARDIAN, "family": FAMILY_CHILD},
        labels_in=["Código postal"],
        values_in=["Lucía"],
        labels_out=["Tipo de persona"],
        items_in=[
            "Birth certificate proving the parent/child link",
            "Foreign civil documents must carry an apostille",
            "For applicants under 18 the form is signed by the mother, father or legal guardian",
        ],
        items_out=["Marriage certificate", "Proof of concubinage"],
        fees=["LFD art. 9", "LFD art. 8 fr. VII"],
        fees_out=[],
        deadline="File by Monday 29 March 2027.",
        flags_out=["yours is a temporary resident", "two years of the tie"],
    ),
    "notif_domicilio": dict(
        answers={**core(TEMPORARY), "changes": OLD_ADDRESS},
        labels_in=["Apellido(s)"],
        values_in=["Notificación de cambio de domicilio"],
        labels_out=["Código postal", "Número exterior", "Tipo de persona"],
        items_in=["Recent utility bill for the new address"],
        items_out=[],
        fees=["Free: no fee."],
        fees_out=["LFD art."],
        deadline="File by Wednesday 13 January 2027.",
        flags_out=["90 days have passed"],
    ),
    "reposicion": dict(
        answers={
            **core(TEMPORARY),
            "replacement": {
                "reason": "stolen",
                "event_date": "2026-11-05",
                "event_place": "Chapala, Jal.",
                "police_report": "yes",
                "police_report_reference": "CI-JAL-2026-1234",
            },
        },
        labels_in=["Código postal"],
        values_in=["Reposición de documento migratorio por pérdida, robo o deterioro"],
        labels_out=["Tipo de persona"],
        items_in=["Police report of loss or theft"],
        items_out=["The damaged card", "FMM and the replacement visa you travelled with"],
        fees=["LFD art. 8, último párrafo"],
        fees_out=[],
        deadline="No legal deadline for this procedure in your case.",
        flags_out=["The card you want to replace expired"],
    ),
    "permiso_trabajo_empleador": dict(
        answers={**core(TEMPORARY), "employment": {**EMPLOYER, "employer_rfc": "RFC"}},
        labels_in=["Tipo de persona", "Registro Federal de Contribuyentes (RFC)", "Número expediente"],
        values_in=["Moral", "E-1234/2025"],
        labels_out=[],
        items_in=["Job-offer letter on letterhead"],
        items_out=["Labour-law permits for minors"],
        fees=["LFD art. 13 fr. III"],
        fees_out=[],
        deadline="No legal deadline for this procedure in your case.",
        flags_out=[],
    ),
    "regularizacion_documento_vencido": dict(
        answers={**core(EXPIRED, office={"office": "jal-chapala"}), "employment": {"employment_kind": ""}},
        labels_in=["Código postal", "Tipo de persona"],
        values_in=["Regularización por tener documento vencido o por realizar actividades no autorizadas"],
        labels_out=[],
        items_in=[],
        items_out=[],
        fees=["LFD art. 10", "A fine the INM sets when it resolves", "The card of the status the INM grants you"],
        fees_out=[],
        deadline="No legal deadline for this procedure in your case.",
        flags_out=["is not on the INM"],  # no appointment: an office off the online system is fine
    ),
}


def section(body, title_id):
    start = body.index(f'id="{title_id}"')
    end = body.find("</section>", start)
    return body[start:end]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("slug", list(CASES))
def test_packet_shows_what_the_rules_return(client, slug):
    case = CASES[slug]
    answers = dict(case["answers"])
    if "employment" in answers and answers["employment"].get("employer_rfc") == "RFC":
        answers["employment"] = {**answers["employment"], "employer_rfc": valid_rfc()}
    preparation = walk(client, "en", slug, answers)
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    copy = section(body, "copy-title")
    for label in case["labels_in"]:
        assert f">{label}</span>" in copy, label
    for label in case["labels_out"]:
        assert f">{label}</span>" not in copy, label
    for value in case["values_in"]:
        assert value in body, value
    checklist = section(body, "checklist-title")
    for text in case["items_in"]:
        assert text in checklist, text
    for text in case["items_out"]:
        assert text not in checklist, text
    fees = section(body, "fees-title")
    for text in case["fees"]:
        assert text in fees, text
    for text in case["fees_out"]:
        assert text not in fees, text
    assert case["deadline"] in section(body, "deadline-title")
    for text in case["flags_out"]:
        assert text not in body, text


@time_machine.travel(NOW, tick=False)
def test_red_flags_that_apply_are_shown(client):
    status = {**CANJE, "admission": "visitor"}
    preparation = walk(client, "en", "canje", core(status, office={"office": "jal-chapala"}))
    flags = section(client.get(url("packet", "en", preparation.token)).content.decode(), "flags-title")
    assert "admitted as a visitor" in flags
    # One secondary source says Chapala is off the system: the packet says "reported".
    assert "is reported not to be on the INM&#x27;s online booking system (not confirmed)" in flags
    assert "Oficina de Representación del INM en Jalisco (Guadalajara)" in flags


@pytest.mark.parametrize(
    ("office", "address", "shown"),
    [
        # Lives in Chapala, books in Guadalajara: the Chapala sub-office is named too.
        ("jal-guadalajara", ADDRESS, "jal-chapala"),
        # Chose Chapala itself: the packet shows it already (and Guadalajara as the bookable one).
        ("jal-chapala", ADDRESS, None),
        # Lives in Guadalajara: no other office there.
        ("jal-guadalajara", {**ADDRESS, "municipality": "Guadalajara", "postal_code": "44100"}, None),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_an_office_in_the_applicants_municipality_is_named_beside_the_chosen_one(client, office, address, shown):
    answers = {**core(CANJE, office={"office": office}), "address": address}
    preparation = walk(client, "en", "canje", answers)
    section_html = section(client.get(url("packet", "en", preparation.token)).content.decode(), "office-title")
    found = re.search(r'data-office-in-municipality="([^"]+)"', section_html)
    assert (found.group(1) if found else None) == shown
    if shown:
        assert "Also in your municipality, Chapala:" in section_html
        assert "It still took in-person appointments in autumn 2024" in section_html  # its own note, sourced


@time_machine.travel(NOW, tick=False)
def test_a_spouse_whose_card_expires_soon_is_told_to_file_while_it_is_valid(client):
    # No legal deadline for a card holder's change to permanent residence, but it is filed while the card
    # is valid: Sunday 20 December, so by Friday 18 (procedures.yaml, secondary).
    status = {"current_document": "temporary_card", "card_expires": "2026-12-20", "resident_since": "2024-06-01"}
    family = {**FAMILY_SPOUSE, "sponsor_status": "mexican", "sponsor_mexican_by_birth": "yes"}
    family.pop("sponsor_nationality")
    preparation = walk(client, "en", "cambio_rp_unidad_familiar", {**core(status), "family": family})
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    flags = section(body, "flags-title")
    assert 'data-flag="file_while_card_valid"' in flags
    assert "by Dec. 18, 2026, its last working day" in flags and "It falls at the year end" in flags
    # The Formato Básico and photos are not on our sources' list for this procedure: brought in case,
    # not declared as attached in the Comentarios text.
    comments = re.search(r'<pre class="comments-text" id="comments-text" lang="es">(.*?)</pre>', body, re.S).group(1)
    assert "Formato básico y tres fotografías" not in comments
    assert "Formato básico y tres fotografías" in section(body, "checklist-title")
    assert "Our sources do not list it for this procedure: bring it" in body


@pytest.mark.parametrize(("admission", "professional_first"), [("visitor", True), ("canje", False)])
@time_machine.travel(NOW, tick=False)
def test_admitted_as_a_visitor_the_packet_says_see_a_professional_and_never_book_now(
    client, admission, professional_first
):
    # Entered on 3 November: the last day is 2 December, a few working days away, past "try to book by".
    status = {**CANJE, "admission": admission, "entry_date": "2026-11-03"}
    preparation = walk(client, "en", "canje", core(status))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    flags, deadline = section(body, "flags-title"), section(body, "deadline-title")
    assert "working days left to file" in flags  # the time left is said either way
    assert ("See an immigration professional today, before you book" in flags) is professional_first
    assert ("Book your appointment today." in flags) is not professional_first
    assert ("Book now" in flags) is not professional_first
    assert ("Try to book by" in deadline) is not professional_first
    booking = section(body, "booking-title")
    assert ("data-professional-first" in booking) is professional_first
    assert ("book only once they confirm that this is your procedure" in booking) is professional_first


@pytest.mark.parametrize(("entry_record", "noted"), [("stamp", True), ("fmm", False)])
@time_machine.travel(NOW, tick=False)
def test_an_entry_stamp_holder_is_told_the_fmm_item_is_the_stamped_passport_page(client, entry_record, noted):
    preparation = walk(client, "en", "canje", core({**CANJE, "entry_record": entry_record}))
    checklist = section(client.get(url("packet", "en", preparation.token)).content.decode(), "checklist-title")
    assert "Forma Migratoria Múltiple (FMM) válida y vigente" in checklist  # the INM's own wording stays
    assert ('data-item-note="fmm"' in checklist) is noted
    assert ("for you this item is the passport page with the stamp" in checklist) is noted
    fmm_item = re.search(r'<li>\s*<input type="checkbox" id="check-fmm".*?</li>', checklist, re.S).group(0)
    assert ("1 original" in fmm_item) is not noted  # a stamp holder has no paper FMM to hand in


@pytest.mark.parametrize(("entry", "moved"), [("2026-11-20", True), ("2026-11-17", False)])
@time_machine.travel(NOW, tick=False)
def test_a_last_day_moved_back_from_a_weekend_says_the_rule_is_ours_not_the_laws(client, entry, moved):
    # Entered on 20 November: day 30 is Saturday 19 December, so the packet says Friday 18.
    preparation = walk(client, "en", "canje", core({**CANJE, "entry_date": entry}))
    deadline = section(client.get(url("packet", "en", preparation.token)).content.decode(), "deadline-title")
    assert ("File by Friday 18 December 2026" in deadline) is moved
    assert ("data-moved-back" in deadline) is moved
    assert ("our sources do not say whether such a deadline moves on" in deadline) is moved


@time_machine.travel(NOW, tick=False)
def test_a_local_office_off_the_system_shows_what_its_sources_say_and_its_in_person_appointments(client):
    preparation = walk(client, "en", "canje", core(CANJE, office={"office": "jal-chapala"}))
    office = section(client.get(url("packet", "en", preparation.token)).content.decode(), "office-title")
    assert "is reported not to be on the INM's online booking system." in office
    assert "Book your appointment at" in office and "Oficina de Representación del INM en Jalisco" in office
    note = re.search(r'<p class="office-note small" data-local-office-note>(.*?)</p>', office, re.S).group(1)
    assert "It still took in-person appointments in autumn 2024" in note
    assert "gpexpatservices.com" in office  # the local office's sources


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_fee_concept_is_the_spanish_of_the_payment_sheet(client, language):
    # The e5cinco sheet and the bank receipt print the concept in Spanish: that is what to match.
    preparation = walk(client, language, "canje", core(CANJE))
    fees = section(client.get(url("packet", language, preparation.token)).content.decode(), "fees-title")
    assert (
        '<strong lang="es">Recepción, estudio y expedición del documento migratorio: residente temporal</strong> '
        "(LFD art. 8 fr. VI b), dos años)" in fees  # two years asked for: the LFD's inciso names the term
    )
    english = "Receipt, review and issue of the immigration document: temporary resident<"
    assert (english in fees) == (language == "en")


@time_machine.travel(NOW, tick=False)
def test_more_than_a_year_asked_for_a_first_card_is_flagged_before_paying(client):
    preparation = walk(client, "en", "canje", core(CANJE))  # two years asked for
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    flags = section(body, "flags-title")
    assert 'data-flag="first_card_term"' in flags
    assert "A first temporary resident card is usually issued for 1 year" in flags
    one_year = walk(client, "en", "canje", core({**CANJE, "years_requested": "1"}))
    assert 'data-flag="first_card_term"' not in client.get(url("packet", "en", one_year.token)).content.decode()


@pytest.mark.parametrize(
    ("value", "sex", "hint"),
    [
        ("Casado", "female", "the list gives only the masculine form: pick “Casado”"),
        ("Viudo", "female", "the list gives only the masculine form: pick “Viudo”"),
        ("Unión libre", "female", ""),  # the same for both
        ("Casado", "male", ""),
        ("", "female", ""),
    ],
)
def test_a_woman_is_told_the_marital_status_list_is_masculine(value, sex, hint):
    with translation.override("en"):
        assert masculine_option_hint(value, sex) == hint


@time_machine.travel(NOW, tick=False)
def test_the_copy_sheet_says_which_masculine_option_a_woman_picks(client):
    preparation = walk(client, "es", "canje", core(CANJE))  # María José, casada
    copy = section(client.get(url("packet", "es", preparation.token)).content.decode(), "copy-title")
    assert "Elija de la lista (la lista solo viene en masculino: elija «Casado»)" in copy


@time_machine.travel(NOW, tick=False)
def test_the_letter_says_it_is_dated_today_and_how_to_date_it_otherwise(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    letter = section(client.get(url("packet", "en", preparation.token)).content.decode(), "letter-title")
    assert "It is dated today, Nov. 27, 2026. Sign it on the day it is dated" in letter
    assert "a 27 de noviembre de 2026." in client.get(url("packet", "en", preparation.token)).content.decode()


@pytest.mark.parametrize(
    ("slug", "answers", "option", "unsure"),
    [
        # One unofficial mirror of the form gives the canje's wording (FACTS2.md §1.2: S).
        ("canje", core(CANJE), "Canje de FMM por Tarjeta de Visitante o de Residente", True),
        # The renewal's is on the INM's own requirement sheet too (V).
        ("renovacion", CASES["renovacion"]["answers"], "Expedición de Tarjeta de Residente por Renovación", False),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_an_especifica_wording_from_one_unofficial_source_is_shown_unsure(client, slug, answers, option, unsure):
    preparation = walk(client, "en", slug, answers)
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    copy, booking = section(body, "copy-title"), section(body, "booking-title")
    row = re.search(r'<th scope="row"><span lang="es">Especifica</span>.*?</tr>', copy, re.S).group(0)
    assert option in row and option in booking
    note = "This wording comes from one unofficial copy of the form (not confirmed)"
    assert (note in row) is unsure
    assert ("Pick yours in the portal" in row) is False  # the note says more than the generic line
    assert ("data-especifica-unsure" in booking) is unsure
    page = client.get(f"/en/procedures/{slug}/").content.decode()
    assert ("data-especifica-unsure" in page) is unsure


@time_machine.travel(NOW, tick=False)
def test_a_canje_one_day_past_our_count_is_not_called_missed(client):
    """Entered on 28 October: 26 November is day 30 counting the day of entry, 27 November (today)
    counting from the day after. The packet says so, and says what to do today."""
    preparation = walk(client, "en", "canje", core({**CANJE, "entry_date": "2026-10-28"}))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    deadline = section(body, "deadline-title")
    assert "Yesterday or today: the last day was Thursday 26 November 2026 by the count we use" in deadline
    assert "Missed" not in deadline and "can no longer be exchanged" not in body
    assert "Do not assume it is too late" in deadline
    assert "or it is today, by the other count" in body  # the flag at the top


@pytest.mark.parametrize(("lives_together", "declares_address"), [("yes", True), ("no", False)])
@time_machine.travel(NOW, tick=False)
def test_a_couple_that_does_not_live_together_is_told_and_nothing_names_a_marital_address(
    client, lives_together, declares_address
):
    family = {**FAMILY_SPOUSE, "lives_together": lives_together}
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": family})
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    letter = body[body.index('id="letter-title"') : body.index('id="checklist-title"')]
    assert ("domicilio conyugal" in letter) is declares_address  # subject, title and statement
    assert ("domicilio conyugal" in section(body, "copy-title")) is declares_address  # the Comentarios list
    assert ("Not stated: a marital address" in section(body, "letter-title")) is not declares_address


@pytest.mark.parametrize(
    ("slug", "answers", "after_approval"),
    [
        ("canje", core(CANJE), False),  # the card fee is paid at filing
        ("cambio_rt_unidad_familiar", {**core(VISITOR), "family": FAMILY_SPOUSE}, True),  # the card, after approval
    ],
)
@time_machine.travel(NOW, tick=False)
def test_how_to_pay_keeps_a_fee_due_after_approval_out_of_what_is_paid_before_the_appointment(
    client, slug, answers, after_approval
):
    preparation = walk(client, "en", slug, answers)
    fees = section(client.get(url("packet", "en", preparation.token)).content.decode(), "fees-title")
    how = fees[fees.index("How to pay") :]
    assert ("data-pay-after-approval" in how) is after_approval
    assert ("Do not pay the fees marked “after approval” now" in how) is after_approval
    assert ("for each fee marked “at filing”" in how) is after_approval
    assert "Pay at a bank, or online, before your appointment." in how  # both have a fee at filing


@time_machine.travel(NOW, tick=False)
def test_booking_steps_portal_link_and_qr(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    booking = section(body, "booking-title")
    assert '<a href="https://www.inm.gob.mx/spublic/portal/inmex.html" rel="noreferrer">' in booking
    assert "<svg" in booking
    assert "Canjear o reponer documento migratorio" in booking
    assert "Appointments are free." in booking


@time_machine.travel(NOW, tick=False)
def test_in_person_procedure_says_go_in_person_with_hours(client):
    preparation = walk(
        client,
        "en",
        "regularizacion_documento_vencido",
        {**core(EXPIRED, office={"office": "jal-chapala"}), "employment": {"employment_kind": ""}},
    )
    booking = section(client.get(url("packet", "en", preparation.token)).content.decode(), "booking-title")
    assert "Go in person: no appointment" in booking
    assert "09:00" in booking  # Chapala's hours, from the reference
    assert "inmex.html" not in booking


@time_machine.travel(NOW, tick=False)
def test_comments_text_lists_this_applicants_attachments_in_spanish(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    copy = section(body, "copy-title")
    text = copy[copy.index('class="comments-text"') :].split("</pre>")[0]
    assert text.split(">", 1)[1].splitlines() == [
        "Se anexan los siguientes documentos:",
        "1. Pasaporte No. X1234567, con la visa de residente temporal, original y copia.",
        "2. Forma Migratoria Múltiple (FMM) con la anotación «canje», original.",
        "3. Formato básico debidamente llenado, original.",
        "4. Tres fotografías tipo infantil.",
        "5. Comprobante de pago de derechos, original.",
        "6. Escrito libre de solicitud de canje, original.",
    ]
    # Not the requirement sheet's generic wording, nor the form itself, nor what is filed only if asked.
    assert "documento de identidad y viaje vigente" not in text and "Formato para solicitar" not in text
    assert "Comprobante de domicilio" not in text
    assert "Not in the list: “Proof of address in Mexico (asked for by many offices)”" in copy
    # Its translation, headed as what the applicant signs.
    assert "What you are signing" in copy
    assert "1. Passport No. X1234567, with the resident visa, original and copy." in copy


@time_machine.travel(NOW, tick=False)
def test_spanish_packet_is_fully_spanish(client):
    preparation = walk(client, "es", "canje", core(CANJE))
    body = client.get(url("packet", "es", preparation.token)).content.decode()
    assert "Exchange of a resident visa" not in body
    assert "Pasaporte o documento de identidad y viaje vigente" in body
    assert "Plazo legal" in body and "Lista de documentos" in body


@time_machine.travel(NOW, tick=False)
def test_private_link_is_on_screen_only(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    packet_part = body[body.index('<article class="packet">') : body.index("</article>")]
    printable = re.sub(r'<p class="screen-only">.*?</p>', "", packet_part, flags=re.S)
    assert preparation.token not in printable
    tools = body[body.index("</article>") :]
    assert url("resume", "en", preparation.token) in tools


@time_machine.travel(NOW, tick=False)
def test_record_the_appointment(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    response = client.post(
        url("packet_appointment", "en", preparation.token),
        {
            "appointment_date": "2026-12-10",
            "appointment_time": "09:30",
            "appointment_office": "jal-guadalajara",
            "pieza": "ABC-12345",
        },
    )
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["appointment"]["pieza"] == "ABC-12345"
    # Kept until 30 days after the appointment (later than 30 days after this change).
    assert preparation.expires_at.date().isoformat() == "2027-01-09"
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    appointment = section(body, "appointment-title")
    assert "Thursday 10 December 2026, at 09:30" in appointment and "ABC-12345" in appointment
    assert "Arrive 10 minutes early." in appointment


@time_machine.travel(NOW, tick=False)
def test_a_bad_appointment_shows_errors(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    response = client.post(
        url("packet_appointment", "en", preparation.token),
        {"appointment_date": "2030-01-01", "appointment_time": "25:00"},
    )
    assert response.status_code == 200
    assert b"Check the date" in response.content and b"Enter the time as hours:minutes" in response.content
    preparation.refresh_from_db()
    assert "appointment" not in preparation.answers


@time_machine.travel(NOW, tick=False)
def test_names_and_text_are_escaped(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    answers = dict(preparation.answers)
    answers["applicant"] = {
        **answers["applicant"],
        "given_names": '<script>alert("x")</script>',
        "surnames": 'O\'Brien & "Sons"',
        "birth_state": "<b>Texas</b>",
    }
    Preparation.objects.filter(pk=preparation.pk).update(answers=answers)
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "O&#x27;Brien &amp; &quot;Sons&quot;" in body
    assert "<b>Texas</b>" not in body


@time_machine.travel(NOW, tick=False)
def test_packet_says_when_staff_changed_a_requirement_afterwards(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "Updated on" not in body
    with time_machine.travel(timezone.now() + timezone.timedelta(days=2), tick=False):
        item = Procedure.objects.get(slug="canje").checklist_items.get(key="fmm")
        item.text_en = "FMM marked canje (30 days)"
        item.save()
        body = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "Updated on Nov. 29, 2026" in body
    assert "FMM marked canje (30 days)" in body


@time_machine.travel(NOW, tick=False)
def test_the_packet_follows_changes_of_the_answers(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert "X1234567" in client.get(url("packet", "en", preparation.token)).content.decode()
    with time_machine.travel("2026-11-27 18:00:00+00:00", tick=False):
        client.post(
            url("wizard_step", "en", preparation.token, "passport"),
            {**core(CANJE)["passport"], "passport_number": "Q5555555", "next": "review"},
        )
        body = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "Q5555555" in body and "X1234567" not in body


@time_machine.travel(NOW, tick=False)
def test_every_copy_sheet_value_and_the_comentarios_text_have_a_copy_button(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    sheet = section(body, "copy-title")
    values = re.findall(r'<span class="copy-text" id="([\w-]+)">([^<]+)</span>', sheet)
    targets = re.findall(r'data-copy-target="([\w-]+)"', sheet)
    assert len(values) >= 20 and "Pérez O&#x27;Neill" in [value for _, value in values]
    # One button for each value, and one for the Comentarios text; none for an empty value.
    assert targets == [target for target, _ in values] + ["comments-text"]
    assert '<pre class="comments-text" id="comments-text" lang="es">' in sheet
    # Hidden in the markup: only copy.js shows them, where the browser can copy.
    buttons = re.findall(r"<button [^>]*data-copy-target[^>]*>", sheet)
    assert buttons and all(" hidden" in button for button in buttons)
    assert 'data-copy-name="Apellido(s)"' in sheet
    assert '<script src="/static/js/copy.js" defer></script>' in body


@time_machine.travel(NOW, tick=False)
def test_the_printable_packet_has_no_copy_buttons(client):
    from django.template.loader import render_to_string

    from procedures.deadlines import mexico_today
    from procedures.packet import packet_context

    preparation = walk(client, "en", "canje", core(CANJE))
    now = timezone.now()
    context = packet_context(preparation, today=mexico_today(now), now=now)
    html = render_to_string("procedures/packet/pdf.html", {**context, "pdf": True})
    assert "copy-button" not in html and "data-copy-target" not in html
    assert 'id="comments-text"' in html


# Answers that share a procedure and an office but not all that the packet shows: the fee variant
# (years), a student's exemption, a minor's signature and checklist, another office.
PACKET_CASES = {
    **{slug: case["answers"] for slug, case in CASES.items()},
    "canje one year": core({**CANJE, "years_requested": "1"}),
    "canje student": core({**CANJE, "visa_type": "student", "years_requested": "1"}),
    "canje minor": {**core(CANJE, CHILD), "guardian": GUARDIAN},
    "canje in Chapala": core(CANJE, office={"office": "jal-chapala"}),
}


@time_machine.travel(NOW, tick=False)
def test_a_stored_packet_page_is_the_packet_rendered_anew(client):
    """The page of each applicant, served from its stored body, equals the same packet rendered
    anew: the body is kept per preparation, so nothing of one applicant reaches another's."""
    from procedures.models import PacketPage

    preparations = []
    for name, answers in PACKET_CASES.items():
        answers = dict(answers)
        if answers.get("employment", {}).get("employer_rfc") == "RFC":
            answers["employment"] = {**answers["employment"], "employer_rfc": valid_rfc()}
        preparations.append(walk(client, "en", name.split()[0], answers))

    def bodies(language):
        pages = [client.get(url("packet", language, p.token)).content.decode() for p in preparations]
        return [page[page.index('<article class="packet">') : page.index("</article>")] for page in pages]

    for language in ("en", "es"):
        first = bodies(language)
        assert PacketPage.objects.filter(language=language).count() == len(preparations)
        stored = bodies(language)
        PacketPage.objects.all().delete()
        fresh = bodies(language)
        for name, one, other, new in zip(PACKET_CASES, first, stored, fresh, strict=True):
            assert one == other == new, (language, name)
        assert len(set(fresh)) == len(preparations)  # each applicant's own packet
