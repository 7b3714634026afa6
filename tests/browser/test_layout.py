"""What the layout promises at a phone's width, and the copy buttons and office note in a real browser."""

import pytest
from playwright.sync_api import expect

from ..test_packet import CANJE, core
from ..wizard import start, url, walk
from .conftest import CSP_LISTENER, csp_violations

PHONE = {"width": 360, "height": 640}


@pytest.fixture
def phone(browser, live_server, transactional_db, catalogue):
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_at_360_px_the_header_is_one_line_and_the_start_button_in_the_first_screen(phone, language):
    phone.goto(phone.base + url("home", language))
    name = phone.locator(".site-name").bounding_box()
    switch = phone.locator(".language-switch a").bounding_box()
    assert abs(switch["y"] - name["y"]) < name["height"], "the language switch wrapped to a second line"
    assert phone.locator(".site-header").bounding_box()["height"] < 60
    button = phone.locator(".start-form button[type=submit]").bounding_box()
    assert button["y"] + button["height"] <= PHONE["height"]
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_postal_code_input_is_five_characters_wide(phone, client):
    preparation, _ = start(client, "en", "canje")
    for step, data in list(core(CANJE).items())[:3]:
        client.post(url("wizard_step", "en", preparation.token, step), data)
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(phone.base + url("wizard_step", "en", preparation.token, "address"))
    postal = phone.locator("#id_postal_code").bounding_box()["width"]
    street = phone.locator("#id_street").bounding_box()["width"]
    assert postal < 120 < street <= 640  # the street fills the reading column, no more


def test_copy_buttons_copy_each_value_and_say_so(phone, client):
    preparation = walk(client, "en", "canje", core(CANJE))
    phone.goto(phone.base + url("packet", "en", preparation.token))
    button = phone.locator("button[data-copy-name='Apellido(s)']")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_contain_text("Copied")
    assert phone.evaluate("navigator.clipboard.readText()") == "Pérez O'Neill"
    expect(phone.locator("[aria-live=polite][role=status]")).to_have_text("Copied: Apellido(s)")
    phone.locator("button[data-copy-target=comments-text]").click()
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Se anexan los siguientes documentos:\n1. ")
    # One row per field on a phone: the label, the value and its button stacked in one block.
    row = phone.locator("tr", has=button)
    label = row.locator("th").bounding_box()
    value = row.locator("td.copy-value").bounding_box()
    assert value["y"] >= label["y"] + label["height"] - 1 and value["width"] > 300
    assert label["width"] > 300  # the label spans the screen too, not a third of it
    assert csp_violations(phone) == []


def test_without_javascript_the_packet_has_no_copy_buttons_and_the_values_stay(browser, live_server, client, catalogue):
    preparation = walk(client, "en", "canje", core(CANJE))
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + url("packet", "en", preparation.token))
    assert page.locator("button.copy-button:visible").count() == 0
    expect(page.locator(".copy-text", has_text="Pérez O'Neill")).to_be_visible()
    context.close()


def test_the_office_step_shows_the_online_office_as_soon_as_one_off_the_system_is_chosen(phone, client):
    preparation, _ = start(client, "en", "canje")
    for step, data in list(core(CANJE).items())[:4]:
        client.post(url("wizard_step", "en", preparation.token, step), data)
    phone.goto(phone.base + url("wizard_step", "en", preparation.token, "office"))
    note = phone.locator("[data-office-note=jal-chapala]")
    expect(note).to_be_hidden()
    expect(phone.locator("[data-office-refresh]")).to_be_hidden()  # the round trip is not needed
    phone.select_option("#id_office", "jal-chapala")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Palacio Federal, planta baja, Guadalajara")
    phone.select_option("#id_office", "jal-guadalajara")
    expect(note).to_be_hidden()
    assert csp_violations(phone) == []
