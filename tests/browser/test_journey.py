"""A whole journey in a real browser: help me choose, the wizard, the packet, the PDF, deletion."""

import re
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from procedures.models import Preparation

from .conftest import csp_violations, shot

# Dates relative to today: the server runs on the real clock here (a frozen clock would also
# freeze the expiry of the CSRF cookie the real browser keeps).
ENTRY_DAY = timezone.localdate() - timedelta(days=10)
ENTRY = ENTRY_DAY.isoformat()


def choose_canje(page, language):
    page.goto(f"{page.base}/{language}/choose/")
    page.check("input[name=document][value=resident_visa]")
    page.check("input[name=need][value=get_card]")
    page.click("form button[type=submit]")
    page.fill("input[name=entry_date]", ENTRY)
    page.check("input[name=admission][value=canje]")
    page.click("form button[type=submit]")
    expect(page.locator(".outcome")).to_contain_text("Canje de FMM por Tarjeta de Visitante o de Residente")


def test_english_journey_from_help_me_choose_to_deletion(page, settings):
    page.goto(f"{page.base}/en/")
    page.click("text=Help me choose")
    choose_canje(page, "en")
    page.check("#id_consent")
    page.click("text=Prepare for this procedure")
    expect(page.locator("h1")).to_have_text("About you")
    expect(page.locator(".private-link")).to_be_visible()

    # A validation error, shown beside the field and in a focused summary, then fixed.
    page.fill("#id_given_names", "María José 2")
    page.fill("#id_surnames", "Pérez O'Neill")
    page.check("#id_sex_1")
    page.fill("#id_birth_date", "1985-03-14")
    page.select_option("#id_nationality", "US")
    page.select_option("#id_marital_status", "married")
    page.select_option("#id_birth_country", "US")
    page.fill("#id_birth_state", "Texas")
    page.fill("#id_email", "maria@example.org")
    page.click("button.btn-primary")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_given_names_error")).to_contain_text("Use only letters")
    expect(page.locator("#id_surnames")).to_have_value("Pérez O'Neill")
    shot(page, "applicant-error", 360)
    page.fill("#id_given_names", "María José")
    page.click("button.btn-primary")

    expect(page.locator("h1")).to_have_text("Passport")
    page.fill("#id_passport_number", "X1234567")
    page.select_option("#id_passport_country", "US")
    page.fill("#id_passport_issued", "2020-01-15")
    page.fill("#id_passport_expires", "2030-01-14")
    page.click("button.btn-primary")

    expect(page.locator("h1")).to_have_text("Your immigration status")
    page.check("#id_current_document_0")  # JavaScript reveals the visa questions in place
    expect(page.locator("#id_visa_type")).to_be_visible()
    expect(page.locator("#id_card_expires")).to_be_hidden()
    page.select_option("#id_visa_type", "temporary")
    page.select_option("#id_admission", "canje")
    page.check("#id_entry_record_1")  # only a stamp: the letter says so
    page.fill("#id_entry_date", ENTRY)
    page.select_option("#id_years_requested", "2")
    page.click("button.btn-primary")

    expect(page.locator("h1")).to_have_text("Address in Mexico")
    page.fill("#id_postal_code", "45900")
    page.click("button[name=_refresh]")
    expect(page.locator("#id_municipality")).to_have_value("Chapala")
    page.fill("#id_street", "Av. Madero")
    page.fill("#id_exterior_number", "120")
    page.click("button.btn-primary")

    expect(page.locator("h1")).to_have_text("INM office")
    page.select_option("#id_office", "jal-guadalajara")
    page.click("button.btn-primary")

    expect(page.locator("h1")).to_have_text("Check your answers")
    shot(page, "review", 360)
    page.click("a[href$='/passport/?next=review']")
    page.fill("#id_passport_number", "Y7654321")
    page.click("text=Save and go back to the review")
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator("main")).to_contain_text("Y7654321")
    page.check("#id_confirm")
    page.click("text=Finish and see my packet")

    expect(page).to_have_url(re.compile(r"/en/packet/[\w-]+/$"))
    expect(page.locator("#copy-title")).to_be_visible()
    expect(page.locator(".copy-table")).to_contain_text("Estadounidense")
    expect(page.locator(".letter")).to_contain_text("en el sello de ingreso estampado en el pasaporte consta")
    shot(page, "packet", 360)
    shot(page, "packet", 1280)

    page.fill("#id_appointment_date", "2026-12-10")
    page.fill("#id_appointment_time", "09:30")
    page.select_option("#id_appointment_office", "jal-guadalajara")
    page.click("text=Record my appointment")
    expect(page.locator("#appointment-title")).to_be_visible()

    with page.expect_download() as download_info:
        page.click("text=Download the PDF")
    download = download_info.value
    assert download.suggested_filename.startswith("inmprep-canje-")
    assert Path(download.path()).read_bytes()[:4] == b"%PDF"

    page.click("text=Delete now")
    page.click("text=Yes, delete everything now")
    expect(page.locator("h1")).to_have_text("Your data was deleted")
    assert not Preparation.objects.exists()
    assert csp_violations(page) == []


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the keyboard")


def typed(day) -> str:
    """A date as typed into Chromium's date field: headless Chromium lays it out month first."""
    return day.strftime("%m%d%Y")


def submit(page):
    """Press Enter on the focused button or link and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def test_spanish_journey_by_keyboard_only(spanish_page):
    page = spanish_page
    page.goto(f"{page.base}/es/")
    tab_to(page, "a[href='/es/choose/']")
    submit(page)
    tab_to(page, "input[name=document][value=resident_visa]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=need]")
    page.keyboard.press("Space")  # the first need: get my card
    tab_to(page, "form button[type=submit]")
    submit(page)
    type_into(page, "input[name=entry_date]", typed(ENTRY_DAY))
    tab_to(page, "input[name=admission]")
    page.keyboard.press("Space")  # "Canje" and 30 days, the first option
    tab_to(page, "form button[type=submit]")
    submit(page)
    expect(page.locator(".outcome")).to_contain_text("Canje de FMM")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, ".start-form button[type=submit]")
    submit(page)

    expect(page.locator("h1")).to_have_text("Sus datos")
    type_into(page, "#id_given_names", "María José")
    type_into(page, "#id_surnames", "Pérez O'Neill")
    tab_to(page, "#id_sex_0")
    page.keyboard.press("ArrowDown")  # Femenino
    type_into(page, "#id_birth_date", typed(date(1985, 3, 14)))
    type_into(page, "#id_nationality", "Estados Unidos")
    type_into(page, "#id_marital_status", "Casad")
    type_into(page, "#id_birth_country", "Estados Unidos")
    type_into(page, "#id_birth_state", "Texas")
    type_into(page, "#id_email", "maria@example.org")
    tab_to(page, "button.btn-primary")
    submit(page)

    expect(page.locator("h1")).to_have_text("Pasaporte")
    type_into(page, "#id_passport_number", "X1234567")
    type_into(page, "#id_passport_country", "Estados Unidos")
    type_into(page, "#id_passport_issued", typed(date(2020, 1, 15)))
    type_into(page, "#id_passport_expires", typed(date(2030, 1, 14)))
    tab_to(page, "button.btn-primary")
    submit(page)

    expect(page.locator("h1")).to_have_text("Su condición de estancia")
    tab_to(page, "#id_current_document_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_visa_type")
    page.keyboard.press("ArrowDown")  # Residente temporal, the first choice
    # «Canje» y 30 días: already there, from help me choose (an arrow key would pick "visitor",
    # and the interruption page would say the canje may be refused).
    expect(page.locator("#id_admission")).to_have_value("canje")
    tab_to(page, "input[name=entry_record]")
    page.keyboard.press("Space")  # una FMM, the first option
    type_into(page, "#id_entry_date", typed(ENTRY_DAY))
    tab_to(page, "#id_years_requested")
    page.keyboard.press("ArrowDown")  # 1
    tab_to(page, "button.btn-primary")
    submit(page)

    expect(page.locator("h1")).to_have_text("Domicilio en México")
    type_into(page, "#id_postal_code", "45900")
    tab_to(page, "button[name=_refresh]")
    submit(page)
    expect(page.locator("#id_municipality")).to_have_value("Chapala")
    type_into(page, "#id_street", "Av. Madero")
    type_into(page, "#id_exterior_number", "120")
    tab_to(page, "button.btn-primary")
    submit(page)

    expect(page.locator("h1")).to_have_text("Oficina del INM")
    type_into(page, "#id_office", "Guadalajara")
    tab_to(page, "button.btn-primary")
    submit(page)

    expect(page.locator("h1")).to_have_text("Revise sus respuestas")
    tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    tab_to(page, "form button.btn-primary")
    submit(page)

    expect(page).to_have_url(re.compile(r"/es/packet/[\w-]+/$"))
    expect(page.locator("#copy-title")).to_have_text("Hoja de captura: sus respuestas para el formato del INM")
    preparation = Preparation.objects.get()
    assert preparation.status == "complete" and preparation.language == "es"
    assert preparation.answers["applicant"]["surnames"] == "Pérez O'Neill"
    assert preparation.office.code == "jal-guadalajara"
    shot(page, "packet-es", 360)
    assert csp_violations(page) == []
