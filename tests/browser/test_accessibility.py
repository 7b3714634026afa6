"""axe-core on every page type (no serious or critical violation), no CSP violation, screenshots."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from procedures.models import Procedure

from ..test_packet import CANJE, core
from ..wizard import start, url, walk
from .conftest import ARTIFACTS, csp_violations, shot

SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def record(name: str, violations: list[str], all_results: dict) -> None:
    all_results[name] = violations
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-results.json").write_text(json.dumps(all_results, indent=2, ensure_ascii=False))


def public_pages(client):
    """Every page type, as paths on the live server (a preparation walked to its packet)."""
    preparation = walk(client, "en", "canje", core(CANJE))
    chapala = walk(client, "es", "canje", core(CANJE, office={"office": "jal-chapala"}))
    draft, _ = start(client, "es", "notif_domicilio")
    return {
        "home": url("home", "en"),
        "home-es": url("home", "es"),
        "catalogue": url("procedure_list", "en"),
        "procedure": url("procedure_detail", "en", "canje"),
        "information": url("procedure_detail", "es", "visas"),
        "offices": url("office_list", "en"),
        "privacy": url("privacy", "es"),
        "choose": url("choose", "en"),
        "report": url("procedure_report", "en", "canje"),
        "step-applicant": url("wizard_step", "es", draft.token, "applicant") + "?start=1",
        "review": url("review", "en", preparation.token),
        "packet": url("packet", "en", preparation.token),
        "packet-chapala": url("packet", "es", chapala.token),
        "step-office-chapala": url("wizard_step", "es", chapala.token, "office") + "?next=review",
        "delete": url("packet_delete", "en", preparation.token),
        "not-found": "/en/no-such-page/",
        "not-found-es": "/es/no-such-page/",
    }


@pytest.fixture
def results():
    return {}


def test_every_page_type_has_no_serious_axe_violation_and_no_csp_violation(page, client, results):
    failures = {}
    for name, path in public_pages(client).items():
        page.goto(page.base + path)
        if name == "offices":
            page.click("#state-14 > summary")  # a state opened: its offices are checked too
        violations = serious_violations(page)
        record(name, violations, results)
        if violations:
            failures[name] = violations
        assert csp_violations(page) == [], name
        shot(page, name, 360)
        shot(page, name, 1280)
    assert failures == {}


def test_wizard_steps_with_errors_and_the_status_step(page, client, results):
    preparation, location = start(client, "en", "canje")
    page.goto(page.base + location)
    page.click("button.btn-primary")  # submit empty: every field in error
    violations = serious_violations(page)
    record("step-applicant-errors", violations, results)
    assert violations == []
    assert page.evaluate("document.activeElement.id") == "error-summary"
    for step, data in list(core(CANJE).items())[:2]:
        client.post(url("wizard_step", "en", preparation.token, step), data)
    page.goto(page.base + url("wizard_step", "en", preparation.token, "status"))
    page.check("#id_current_document_0")
    violations = serious_violations(page)
    record("step-status", violations, results)
    assert violations == []
    assert csp_violations(page) == []


def test_choose_follow_up_and_outcome(page, results):
    page.goto(page.base + url("choose", "en"))
    page.check("input[name=document][value=temporary_card]")
    page.check("input[name=need][value=work]")
    page.click("form button[type=submit]")
    assert serious_violations(page) == []
    page.check("input[name=employment][value=employer]")
    page.click("form button[type=submit]")
    violations = serious_violations(page)
    record("choose-outcome", violations, results)
    assert violations == []
    assert csp_violations(page) == []


def test_an_admin_change_form_has_no_csp_violation(page, admin_user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.fill("#id_otp_token", code)
    page.click("input[type=submit]")
    if page.locator("select#id_otp_device").count():  # django-otp asks which device, once it knows the user
        page.fill("#id_password", "password")
        page.select_option("select#id_otp_device", label="phone")
        page.fill("#id_otp_token", code)
        page.click("input[type=submit]")
    assert csp_violations(page) == []
    canje = Procedure.objects.get(slug="canje")
    page.goto(page.base + f"/admin/procedures/procedure/{canje.pk}/change/")
    assert page.locator("#procedure_form").is_visible()
    assert csp_violations(page) == []


def test_visible_focus_on_links_and_buttons(page):
    page.goto(page.base + url("home", "en"))
    page.keyboard.press("Tab")  # the skip link
    assert page.evaluate("document.activeElement.className").startswith("skip-link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.locator(".skip-link").is_visible()


def test_a_refused_appointment_is_seen_at_the_top_and_reached_by_its_link(page, client, results):
    """The appointment form is at the bottom of a long packet: its errors are summarised at the top
    (focused), and the summary's link brings the field with its label and message into view."""
    preparation = walk(client, "en", "canje", core(CANJE))
    page.goto(page.base + url("packet", "en", preparation.token))
    page.fill("#id_appointment_date", "2026-12-05")  # a Saturday
    page.fill("#id_appointment_time", "09:30")
    page.click("#record-title ~ form button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary").is_visible()
    assert "INM offices do not attend at weekends" in page.locator("#error-summary").inner_text()
    violations = serious_violations(page)
    record("packet-appointment-errors", violations, results)
    assert violations == []
    shot(page, "packet-appointment-errors", 360)
    page.click("#error-summary a")
    page.wait_for_timeout(1200)  # Bootstrap scrolls smoothly
    for selector in ("label[for=id_appointment_date]", "#id_appointment_date_error", "#id_appointment_date"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 900, selector
    assert page.input_value("#id_appointment_date") == "2026-12-05"
    assert csp_violations(page) == []
