"""The forms at GOV.UK grade, in Chromium, with and without JavaScript, by keyboard: visible focus
and targets, error summaries that take focus, the postal code look-up, the interruption page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from procedures.models import Preparation

from ..test_packet import CANJE, core
from ..wizard import ADDRESS, APPLICANT, PASSPORT, start, url, walk
from .conftest import CSP_LISTENER, csp_violations, shot
from .test_accessibility import serious_violations

# The live server runs on the real clock (see test_journey.py): a canje 60 days after entry lapsed.
LAPSED_ENTRY = (timezone.localdate() - timedelta(days=60)).isoformat()
BLACK_RING = "rgb(11, 12, 12)"


@pytest.fixture(params=["js", "no-js"])
def any_page(request, browser, live_server, transactional_db, catalogue):
    """A desktop page, with JavaScript and without (everything must work both ways)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=request.param == "js")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.base = live_server.url
    page.javascript = request.param == "js"
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
        return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow}; }"""
    )


def assert_visible_focus(page, selector: str) -> None:
    tab_to(page, selector)
    ring = focus_ring(page)
    # A 3 px outline and, inside it, a near-black ring: 21:1 against white, whatever the control.
    assert ring["outline"] == "solid" and ring["width"] >= 3, (selector, ring)
    assert BLACK_RING in ring["shadow"], (selector, ring)


def test_focus_is_visible_on_a_button_a_link_a_radio_and_a_checkbox(any_page):
    page = any_page
    page.goto(page.base + url("choose", "en"))
    assert_visible_focus(page, "input[type=radio][name=document]")
    assert_visible_focus(page, "form button[type=submit]")
    page.goto(page.base + url("home", "en"))
    assert_visible_focus(page, "a[href$='/procedures/']")
    assert_visible_focus(page, "input[type=checkbox][name=consent]")
    assert_visible_focus(page, ".start-form button[type=submit]")
    assert csp_violations(page) == []


def test_radios_and_checkboxes_are_at_least_24_pixels(page):
    page.goto(page.base + url("choose", "en"))
    box = page.locator("input[type=radio][name=document]").first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    page.goto(page.base + url("home", "en"))
    box = page.locator("input[type=checkbox][name=consent]").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24


def test_the_error_summary_takes_focus_after_a_failed_wizard_step(any_page, client):
    page = any_page
    preparation, location = start(client, "en", "canje")
    page.goto(page.base + location)
    tab_to(page, "button.btn-primary")
    page.keyboard.press("Enter")  # submitted empty
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.title().startswith("Error: ")
    expect(page.locator("#error-summary")).to_contain_text("Enter your date of birth.")
    expect(page.locator("#id_birth_date_error")).to_contain_text("Enter your date of birth.")
    # The summary's link goes to the field.
    page.click("#error-summary a[href='#id_given_names']")
    expect(page.locator("#id_given_names")).to_be_focused()
    if page.javascript:
        assert serious_violations(page) == []
    for width in (360, 1280):
        shot(page, f"step-errors-en-{page.javascript and 'js' or 'nojs'}", width)
    assert csp_violations(page) == []


def test_the_error_summary_takes_focus_after_a_failed_appointment(any_page, client):
    page = any_page
    preparation = walk(client, "en", "canje", core(CANJE))
    page.goto(page.base + url("packet", "en", preparation.token))
    page.click("#record-title ~ form button[type=submit]")  # nothing entered
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Enter the date of your appointment.")
    assert page.title().startswith("Error: ")


def test_the_spanish_step_with_errors(browser, live_server, transactional_db, catalogue, client):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="es-MX")
    page = context.new_page()
    preparation, location = start(client, "es", "canje")
    page.goto(live_server.url + location)
    page.click("button.btn-primary")
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.title().startswith("Error: ")
    expect(page.locator("#error-summary")).to_contain_text("Escriba su fecha de nacimiento.")
    page.base = live_server.url
    shot(page, "step-errors-es", 360)
    shot(page, "step-errors-es", 1280)
    context.close()


def at_address(client, language="en"):
    preparation, _ = start(client, language, "canje")
    for step, data in (("applicant", APPLICANT), ("passport", PASSPORT), ("status", CANJE)):
        client.post(url("wizard_step", language, preparation.token, step), data)
    return preparation, url("wizard_step", language, preparation.token, "address")


def test_a_new_postal_code_replaces_the_address_that_depends_on_it_and_enter_saves(any_page, client):
    page = any_page
    preparation, address = at_address(client)
    page.goto(page.base + address)
    page.fill("#id_postal_code", "45920")
    page.click("button[name=_refresh]")
    expect(page.locator("#lookup-result")).to_contain_text(
        "Postal code 45920: colonia Ajijic Centro, Chapala, Jalisco."
    )
    expect(page.locator("#id_municipality")).to_have_value("Chapala")
    expect(page.locator("#id_neighborhood")).to_have_value("Ajijic Centro")
    page.fill("#id_postal_code", "06700")
    page.click("button[name=_refresh]")
    expect(page.locator("#id_state")).to_have_value("09")
    expect(page.locator("#id_municipality")).to_have_value("Cuauhtémoc")
    expect(page.locator("#id_neighborhood")).to_have_value("Roma Norte")
    expect(page.locator("#lookup-result")).to_contain_text("Postal code 06700")
    if page.javascript:
        assert serious_violations(page) == []
    # A code we do not know, and one that is not a code: said, not silent.
    page.fill("#id_postal_code", "45999")
    page.click("button[name=_refresh]")
    expect(page.locator("#lookup-result")).to_contain_text("We do not know the postal code 45999")
    page.fill("#id_postal_code", "4590")
    page.click("button[name=_refresh]")
    expect(page.locator("#lookup-result")).to_contain_text("“4590” is not a postal code")
    # Back to a known code; Enter in a field saves (it does not look the code up again).
    page.fill("#id_postal_code", "06700")
    page.click("button[name=_refresh]")
    page.fill("#id_street", "Orizaba")
    page.fill("#id_exterior_number", "12")
    page.press("#id_exterior_number", "Enter")
    expect(page.locator("h1")).to_have_text("INM office")
    saved = Preparation.objects.get(pk=preparation.pk).answers["address"]
    assert (saved["postal_code"], saved["state"], saved["municipality"]) == ("06700", "09", "Cuauhtémoc")
    assert csp_violations(page) == []


def test_a_state_that_does_not_match_the_postal_code_is_a_warning_to_confirm(any_page, client):
    page = any_page
    preparation, address = at_address(client)
    page.goto(page.base + address)
    for field, value in ADDRESS.items():
        if field != "state" and value:
            page.fill(f"#id_{field}", value)
    page.select_option("#id_state", "09")
    page.click("button.btn-primary")
    expect(page.locator("#error-summary")).to_contain_text("The postal code 45900 is in Jalisco")
    if page.javascript:
        assert serious_violations(page) == []
        shot(page, "address-state-warning", 360)
    page.check("#id_confirm_state")
    page.click("button.btn-primary")
    expect(page.locator("h1")).to_have_text("INM office")
    assert Preparation.objects.get(pk=preparation.pk).answers["address"]["state"] == "09"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lapsed_canje_is_interrupted_at_the_status_step_and_continue_anyway_leads_on(any_page, client, language):
    page = any_page
    preparation, _ = start(client, language, "canje")
    for step, data in (("applicant", APPLICANT), ("passport", PASSPORT)):
        client.post(url("wizard_step", language, preparation.token, step), data)
    page.goto(page.base + url("wizard_step", language, preparation.token, "status"))
    page.check("#id_current_document_0")
    if not page.javascript:
        page.click("button[data-refresh-button]")  # the round trip that shows the visa questions
    page.select_option("#id_visa_type", "temporary")
    page.select_option("#id_admission", "canje")
    page.check("#id_entry_record_0")  # an FMM
    page.fill("#id_entry_date", LAPSED_ENTRY)
    page.select_option("#id_years_requested", "2")
    page.click("button.btn-primary")
    interruption = page.locator("[data-interruption]")
    expect(interruption.locator("[data-flag=deadline_missed]")).to_be_visible()
    heading = "Check this before you go on" if language == "en" else "Revise esto antes de continuar"
    expect(page.locator("h1")).to_have_text(heading)
    if page.javascript:
        assert serious_violations(page) == []
        shot(page, f"interruption-{language}", 360)
        shot(page, f"interruption-{language}", 1280)
    tab_to(page, "a[data-continue]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Address in Mexico" if language == "en" else "Domicilio en México")
    assert Preparation.objects.get(pk=preparation.pk).answers["status"]["entry_date"] == LAPSED_ENTRY
    assert csp_violations(page) == []


def test_help_me_choose_keeps_its_result_when_consent_is_missing(any_page):
    page = any_page
    page.goto(page.base + url("choose", "en"))
    page.check("input[name=document][value=permanent_card]")
    page.check("input[name=need][value=travel]")
    page.click("form button[type=submit]")
    page.click("text=Prepare for this procedure")  # consent not ticked
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator(".outcome")).to_contain_text("Permiso de salida y regreso")
    if page.javascript:
        assert serious_violations(page) == []
    page.check("#id_consent")
    page.click("text=Prepare for this procedure")
    expect(page.locator("h1")).to_have_text("About you")
    assert Preparation.objects.get().procedure.slug == "permiso_salida_regreso"


def test_enter_saves_the_status_step_once_its_questions_are_shown(any_page, client):
    page = any_page
    preparation, _ = start(client, "en", "canje")
    for step, data in (("applicant", APPLICANT), ("passport", PASSPORT)):
        client.post(url("wizard_step", "en", preparation.token, step), data)
    page.goto(page.base + url("wizard_step", "en", preparation.token, "status"))
    page.check("#id_current_document_0")
    if not page.javascript:
        page.press("#id_current_document_0", "Enter")  # without JavaScript, Enter shows the questions
        expect(page.locator("#id_visa_type")).to_be_visible()
        assert "status" not in Preparation.objects.get(pk=preparation.pk).answers
    page.select_option("#id_visa_type", "temporary")
    page.select_option("#id_admission", "canje")
    page.check("#id_entry_record_0")  # an FMM
    page.fill("#id_entry_date", (timezone.localdate() - timedelta(days=5)).isoformat())
    page.select_option("#id_years_requested", "2")
    page.press("#id_entry_date", "Enter")
    expect(page.locator("h1")).to_have_text("Address in Mexico")
