"""The packet and its PDF, read back as text: the second stage, fees as the window charges them,
the corrected facts and the mistakes that apply (issue 19)."""

import html
import re

import pytest
import time_machine

from .test_packet import CANJE, core, section
from .test_pdf import download, flat, pdf_text
from .test_wizard_branches import OLD_ADDRESS, TEMPORARY, VISITOR, valid_rfc
from .wizard import NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

SPOUSE = {
    "relationship": "spouse",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "mexican",
    "sponsor_mexican_by_birth": "yes",
    "sponsor_document": "INE 1234567890123",
    "foreign_certificates": "no",
    "union_date": "2020-06-20",
    "lives_together": "yes",
}
RENEWAL = {
    "current_document": "temporary_card",
    "card_expires": "2026-12-15",
    "resident_since": "2024-12-15",
    "years_requested": "1",
}
NOTICE = {**core(TEMPORARY), "changes": OLD_ADDRESS}
WORK = {
    "employer_type": "company",
    "employer_rfc": "RFC",
    "employer_file_number": "E-1234/2025",
    "employer_name": "Tequila Azul, S.A. de C.V.",
    "position": "Ingeniera",
}


def text(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded, spaces collapsed."""
    fragment = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def packet(client, preparation, language="en"):
    return client.get(url("packet", language, preparation.token)).content.decode()


def part(body, title_id):
    return text(section(body, title_id))


def article(body):
    return text(body[body.index('<article class="packet">') : body.index("</article>")])


def record_appointment(client, preparation, day, language="en"):
    response = client.post(
        url("packet_appointment", language, preparation.token),
        {"appointment_date": day, "appointment_time": "09:30", "appointment_office": "jal-guadalajara", "pieza": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def pdf(client, preparation, language="en"):
    _, content = download(client, preparation, language)
    return flat(pdf_text(content))


# ----------------------------------------------------------------------------- 1. after the appointment


@time_machine.travel(NOW, tick=False)
def test_after_a_canje_the_second_stage_with_the_curp_and_the_vehicle_notice(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    record_appointment(client, preparation, "2026-12-10")
    after = part(packet(client, preparation), "after-title")
    for expected in [
        "Download the resolution (oficio) from the INM portal with your número de pieza and your contraseña",
        "allow pop-ups",
        "the INM takes your fingerprints and photos",
        "Pick up your card at the office",
        "The card's validity runs from the day it is issued",
        "Your CURP (Clave Única de Registro de Población) is assigned with your card",
        "Our sources differ on when the 15 days start",
        # form_fields.yaml tags the contraseña "conflicting": the packet says so, it does not pick one.
        "The sources differ on where the contraseña comes from",
        "your filing at the appointment on Dec. 10, 2026: send it by Dec. 25, 2026",
        "not confirmed",
    ]:
        assert expected in after, expected
    # The canje paid its card at filing: nothing is paid at the card stage.
    assert "card fee is paid at this stage" not in after
    document = pdf(client, preparation)
    for expected in ["allow pop-ups", "Pick up your card", "CURP", "Our sources differ", "send it by Dec. 25, 2026"]:
        assert expected in document, expected


@time_machine.travel(NOW, tick=False)
def test_a_notice_has_no_card_stage(client):
    preparation = walk(client, "en", "notif_domicilio", NOTICE)
    after = part(packet(client, preparation), "after-title")
    assert "Download the resolution (oficio)" in after
    for absent in ["fingerprints", "Pick up your card", "validity", "CURP", "import permit"]:
        assert absent not in after, absent
    document = pdf(client, preparation)
    assert "Download the resolution" in document and "Pick up your card" not in document


@time_machine.travel(NOW, tick=False)
def test_a_change_of_status_pays_the_card_at_the_card_stage(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    after = part(packet(client, preparation), "after-title")
    assert "The card fee is paid at this stage (see “Fees”, after approval)" in after
    assert "CURP" not in after and "import permit" not in after


# ----------------------------------------------------------------------------- 2. fees


@time_machine.travel(NOW, tick=False)
def test_the_2026_decree_is_a_note_beside_the_full_amount(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    body = packet(client, preparation)
    fees = part(body, "fees-title")
    assert "1 year: $11,140.74 MXN" in fees  # the full amount, never halved
    assert "$5,570.37" not in fees
    note = "May be reduced by half for family unity (decree published in the DOF on 7 November 2025): confirm at "
    assert note in fees
    # The note carries its confidence (secondary: not confirmed).
    assert re.search(r'class="fee-note">[^<]*<span class="badge not-confirmed">', section(body, "fees-title"))
    document = pdf(client, preparation)
    assert "May be reduced by half for family unity" in document and "$11,140.74 MXN" in document


@time_machine.travel(NOW, tick=False)
def test_the_late_notification_fine_in_pesos_beside_the_uma(client):
    preparation = walk(client, "en", "notif_domicilio", NOTICE)
    fees = part(packet(client, preparation), "fees-title")
    assert "20 to 100 days of UMA (Ley de Migración art. 158)" in fees
    assert "$2,346.20 MXN to $11,731.00 MXN at the UMA of 2026, $117.31 MXN a day" in fees
    document = pdf(client, preparation)
    assert "$2,346.20 MXN to $11,731.00 MXN" in document and "art. 158" in document


@time_machine.travel(NOW, tick=False)
def test_a_fee_that_is_not_confirmed_says_so_in_the_packet_the_pdf_and_the_procedure_page(client):
    answers = {**core(TEMPORARY), "employment": {**WORK, "employer_rfc": valid_rfc()}}
    preparation = walk(client, "en", "permiso_trabajo_empleador", answers)
    fees = part(packet(client, preparation), "fees-title")
    assert "Amounts for 2026: $4,341.00 MXN not confirmed" in fees  # one outlet (secondary)
    assert "Amounts for 2026: $4,341.00 MXN not confirmed" in pdf(client, preparation)
    page = text(client.get(url("procedure_detail", "en", "permiso_trabajo_empleador")).content.decode())
    assert "Amounts for 2026: $4,341.00 MXN not confirmed" in page


@time_machine.travel(NOW, tick=False)
def test_an_estimate_is_not_confirmed_and_every_fee_shows_its_year(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    fees = part(packet(client, preparation), "fees-title")
    assert "Amounts for 2026: $1,847.00 MXN (estimate) not confirmed" in fees
    assert fees.count("Amounts for 2026") == 3  # the section's year, then each of its two fees
    assert "no appointment is recorded, so the packet uses today's date (Nov. 27, 2026)" in fees
    page = text(client.get(url("procedure_detail", "en", "cambio_rt_unidad_familiar")).content.decode())
    assert "Amounts for 2026: $1,847.00 MXN (estimate) not confirmed" in page
    assert "May be reduced by half for family unity" in page


@time_machine.travel(NOW, tick=False)
def test_an_appointment_in_a_year_without_amounts_says_so_and_raises_the_flag(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    record_appointment(client, preparation, "2027-01-12")
    body = packet(client, preparation)
    fees = part(body, "fees-title")
    assert "Amounts for 2027, the year of your appointment (Jan. 12, 2027)." in fees
    assert "Amounts for 2026: 2 years: $16,693.36 MXN" in fees
    assert "No amount confirmed for 2027 yet: these are the 2026 amounts." in fees
    flag = re.search(r'<li class="flag[^"]*" data-flag="fee_year_unconfirmed">(.*?)</li>', body, flags=re.S)
    assert flag
    assert "No fee amounts are published yet for 2027, the year of your appointment: the packet shows the 2026" in (
        text(flag.group(1))
    )
    document = pdf(client, preparation)
    assert "No fee amounts are published yet for 2027, the year of your appointment" in document
    assert "Amounts for 2027, the year of your appointment" in document


@time_machine.travel(NOW, tick=False)
def test_an_appointment_in_time_answers_the_booking_advice(client):
    # Entered on 3 November (day 1): the last filing day is 2 December, and the portal's 21 days have come.
    # (Time is frozen: each packet is read once, after its appointment is recorded, as the packet
    # cache keys on the preparation's updated_at.)
    answers = core({**CANJE, "entry_date": "2026-11-03"})
    body = packet(client, walk(client, "en", "canje", answers))
    assert 'data-flag="book_now"' in body and "Try to book by" in part(body, "deadline-title")
    # The try-to-book-by day (11 November) is gone: the packet says "now", not a day already past. The horizon is not
    # confirmed: "may have offered".
    deadline = text(part(body, "deadline-title"))
    assert "Now. Since Wednesday 11 November 2026 the portal may have offered slots" in deadline
    assert "Wednesday 11 November 2026." not in deadline
    booked = walk(client, "en", "canje", answers)
    record_appointment(client, booked, "2026-12-01")
    body = packet(client, booked)
    assert 'data-flag="book_now"' not in body and 'data-flag="deadline_soon"' not in body
    assert "Try to book by" not in part(body, "deadline-title")
    assert "Book now" not in pdf(client, booked)
    # An appointment after the last filing day leaves the advice standing, with the flag that says rebook.
    late = walk(client, "en", "canje", answers)
    record_appointment(client, late, "2026-12-09")
    body = packet(client, late)
    assert 'data-flag="appointment_after_deadline"' in body and 'data-flag="book_now"' in body


@time_machine.travel(NOW, tick=False)
def test_an_appointment_this_year_raises_no_fee_flag(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    record_appointment(client, preparation, "2026-12-10")
    body = packet(client, preparation)
    assert 'data-flag="fee_year_unconfirmed"' not in body
    assert "Amounts for 2026, the year of your appointment (Dec. 10, 2026)." in part(body, "fees-title")


@time_machine.travel(NOW, tick=False)
def test_a_window_that_opens_next_year_uses_its_first_day(client):
    status = {**RENEWAL, "card_expires": "2027-01-25", "resident_since": "2025-01-25"}
    preparation = walk(client, "en", "renovacion", core(status))
    body = packet(client, preparation)
    fees = part(body, "fees-title")
    assert "Amounts for 2026: no appointment is recorded, so the packet uses the first day you can file" in fees
    assert "(Dec. 26, 2026)" in fees


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("slug", "answers", "to_pay"),
    [("notif_domicilio", NOTICE, False), ("canje", core(CANJE), True)],
)
def test_how_to_pay_only_where_something_is_owed(client, slug, answers, to_pay):
    preparation = walk(client, "en", slug, answers)
    body = packet(client, preparation)
    assert ("How to pay" in part(body, "fees-title")) is to_pay
    # The general rule about e5cinco follows it.
    assert ("e5cinco scheme" in part(body, "checklist-title")) is to_pay
    assert ("How to pay" in pdf(client, preparation)) is to_pay


# ----------------------------------------------------------------------------- 3. facts


@time_machine.travel(NOW, tick=False)
def test_the_formato_basico_is_brought_filled_in_in_the_checklist_glossary_and_booking_steps(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    body = packet(client, preparation)
    said = "bring it already filled in"
    # The canje's own list asks for it "debidamente llenado" (dcubanos); INM820 is the renewal's sheet.
    assert "list of requirements asks for it “debidamente llenado”." in part(body, "checklist-title")
    assert "INM820" not in part(body, "checklist-title")
    assert said in part(body, "booking-title")
    assert said in part(body, "glossary-title")
    assert "filled in at the office" not in article(body)
    document = pdf(client, preparation).lower()
    assert document.count("already filled in") >= 3


@time_machine.travel(NOW, tick=False)
def test_the_glossary_says_only_what_fits_the_procedure(client):
    canje = part(packet(client, walk(client, "en", "canje", core(CANJE))), "glossary-title")
    assert "For a canje it must say “canje” and 30 days." in canje
    assert "Formato Básico" in canje
    family = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    glossary = part(packet(client, family), "glossary-title")
    assert "Forma Migratoria Múltiple" in glossary
    # Neither a canje's FMM nor a Formato Básico the checklist does not ask for.
    assert "canje" not in glossary and "Formato Básico" not in glossary
    assert "Formato Básico" not in pdf(client, family)


@time_machine.travel(NOW, tick=False)
def test_the_nue_is_one_fact_in_the_glossary_and_the_status_step(client):
    fact = "It is printed on your residence card; one source (from about 2015) says on the front."
    preparation = walk(client, "en", "notif_domicilio", NOTICE)
    assert fact in part(packet(client, preparation), "glossary-title")
    step = text(client.get(url("wizard_step", "en", preparation.token, "status")).content.decode())
    assert fact in step
    assert "back of your card" not in step


@time_machine.travel(NOW, tick=False)
def test_a_requirement_sheet_is_cited_as_the_sheet_never_as_the_law(client):
    preparation = walk(client, "en", "renovacion", core(RENEWAL))
    deadline = part(packet(client, preparation), "deadline-title")
    assert "INM requirement sheet: gob.mx INM820 (card with up to 30 days of validity left)." in deadline
    assert "Set by law" not in deadline
    page = text(client.get(url("procedure_detail", "en", "renovacion")).content.decode())
    assert "INM requirement sheet: gob.mx INM820" in page and "Set by law" not in page
    assert "INM requirement sheet: gob.mx INM820" in pdf(client, preparation)


@time_machine.travel(NOW, tick=False)
def test_the_consulates_thirty_days_are_official_guidance_not_the_law(client):
    page = text(client.get(url("procedure_detail", "en", "reposicion")).content.decode())
    assert "Official guidance: Mexican consulates (Toronto; embassy in Canada)" in page
    assert "Set by law" not in page


@time_machine.travel(NOW, tick=False)
def test_an_office_address_carries_its_source_and_date(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    office = part(packet(client, preparation), "office-title")
    assert "Palacio Federal, planta baja, Guadalajara" in office
    assert "Address as given by Guadalajara Reporter (2014): check it before you go." in office
    assert "Guadalajara Reporter (2014): check it before you go" in pdf(client, preparation)
    offices = text(client.get(url("office_list", "en")).content.decode())
    assert "Address as given by Guadalajara Reporter (2014): check it before you go." in offices


@time_machine.travel(NOW, tick=False)
def test_oaxacas_office_is_in_san_antonio_de_la_cal_by_highway_175(client):
    preparation = walk(client, "en", "canje", {**core(CANJE), "office": {"office": "oax-oaxaca"}})
    office = part(packet(client, preparation), "office-title")
    assert "San Antonio de la Cal, junto a la carretera federal 175 Oaxaca–Puerto Ángel" in office
    assert "Address as given by La Jornada (2022): check it before you go." in office


@time_machine.travel(NOW, tick=False)
def test_puerto_vallarta_is_on_the_online_system_by_secondary_evidence(client):
    preparation = walk(client, "en", "canje", {**core(CANJE), "office": {"office": "jal-puerto-vallarta"}})
    body = packet(client, preparation)
    office = part(body, "office-title")
    assert "Bookable online · not confirmed · source: periodicoenfoque.com.mx; mugsnoticias.com.mx (2021)" in office
    assert "On the INM's 2021 online-appointment pilot: secondary evidence" in office
    assert 'data-flag="office_booking_unknown"' not in body
    offices = text(client.get(url("office_list", "en")).content.decode())
    assert offices.count("periodicoenfoque.com.mx; mugsnoticias.com.mx (2021)") >= 2  # and San Miguel de Allende


# English words a Spanish packet must not show (office hours, deadline sources, fixed texts).
ENGLISH = re.compile(
    r"\b(the|and|of|only|many|offices|accept|with|from|your|card|Mon|Fri|Opens|pick-up|call centre|source|days)\b"
)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("slug", "answers", "spanish"),
    [
        ("canje", {**core(CANJE), "office": {"office": "jal-chapala"}}, "Lunes a viernes, de 09:00 a 13:00"),
        ("canje", {**core(CANJE), "office": {"office": "jal-puerto-vallarta"}}, "Abre a las 09:00"),
        ("canje", {**core(CANJE), "office": {"office": "qroo-playa-del-carmen"}}, "entrega de tarjetas"),
        (
            "cambio_rt_a_rp",
            core(
                {
                    "current_document": "temporary_card",
                    "card_expires": "2026-12-20",
                    "rt_to_rp_route": "four_years",
                    "resident_since": "2022-10-01",
                }
            ),
            "muchas oficinas lo reciben solo en los últimos 30 días de vigencia de la tarjeta",
        ),
        ("notif_domicilio", NOTICE, "Ley de Migración, arts. 63 y 158"),
        ("renovacion", core(RENEWAL), "Ficha de requisitos del INM: gob.mx, ficha INM820"),
    ],
)
def test_no_english_is_left_in_a_spanish_packet(client, slug, answers, spanish):
    preparation = walk(client, "es", slug, answers)
    shown = article(packet(client, preparation, "es"))
    assert spanish in shown
    assert not ENGLISH.findall(shown), ENGLISH.findall(shown)
    document = pdf(client, preparation, "es")
    assert spanish in document
    assert not ENGLISH.findall(document), ENGLISH.findall(document)


def clauses(flag_text: str) -> list[str]:
    """The sentences and clauses of a flag ("Dec. 3" is not the end of a sentence)."""
    return [piece.strip(" .").lower() for piece in re.split(r"[:;]\s+|\.\s+(?=[A-Z])", flag_text) if piece.strip(" .")]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("slug", "answers"),
    [
        ("renovacion", core({**RENEWAL, "card_expires": "2027-02-01"})),  # the window is not open yet
        ("renovacion", core({**RENEWAL, "card_expires": "2026-11-01"})),  # missed
        ("canje", core({**CANJE, "entry_date": "2026-09-01"})),  # missed
        ("notif_domicilio", {**NOTICE, "changes": {**OLD_ADDRESS, "change_date": "2026-06-01"}}),  # missed
        ("cambio_rt_unidad_familiar", {**core({**VISITOR, "stay_until": "2026-11-01"}), "family": SPOUSE}),
        ("canje", {**core(CANJE), "office": {"office": "jal-chapala"}}),
    ],
)
def test_no_sentence_is_repeated_inside_a_red_flag(client, slug, answers):
    preparation = walk(client, "en", slug, answers)
    body = packet(client, preparation)
    flags = re.findall(r'<li class="flag[^"]*" data-flag="[^"]+">(.*?)</li>', body, flags=re.S)
    assert flags
    for flag in flags:
        said = clauses(text(flag))
        assert len(said) == len(set(said)), text(flag)


# ----------------------------------------------------------------------------- 4. common mistakes


@time_machine.travel(NOW, tick=False)
def test_a_change_of_address_packet_shows_only_the_mistakes_that_apply(client):
    preparation = walk(client, "en", "notif_domicilio", NOTICE)
    mistakes = part(packet(client, preparation), "mistakes-title")
    assert "the wrong number of years" not in mistakes
    assert "Travelling while the card is in process" not in mistakes
    assert "Entering Mexico as a tourist" not in mistakes
    assert "Notifying after 90 days" in mistakes
    document = pdf(client, preparation)
    assert "wrong number of years" not in document and "Travelling while the card is in process" not in document


@time_machine.travel(NOW, tick=False)
def test_a_canje_packet_warns_about_years_travel_and_the_border(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    mistakes = part(packet(client, preparation), "mistakes-title")
    for expected in [
        "the wrong number of years",
        "Travelling while the card is in process",
        "Entering Mexico as a tourist",
        "Missing the 30 days after entry",
        "Photos off-spec",
    ]:
        assert expected in mistakes, expected
    assert "Notifying after 90 days" not in mistakes
