"""Every public page type, rendered by the test client, passes the Nu HTML Checker with no error."""

import json
import subprocess
from pathlib import Path

import pytest
import time_machine

from .test_packet import CANJE, core
from .test_wizard_branches import FAMILY_SPOUSE, GUARDIAN, OLD_ADDRESS, TEMPORARY, VISITOR
from .wizard import NOW, start, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue"), pytest.mark.sqlite_only]

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(pages: dict[str, bytes], tmp_path) -> dict[str, list[str]]:
    """Run vnu.jar once over all pages; return the errors by page name."""
    files = {}
    for name, content in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files[str(path)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors: dict[str, list[str]] = {}
    for message in messages:
        name = files.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        errors.setdefault(name, []).append(f"{message.get('lastLine')}: {message.get('message')}")
    return errors


@time_machine.travel(NOW, tick=False)
def test_every_page_type_is_valid_html(client, tmp_path):
    pages = {}

    def get(name, path, **kwargs):
        response = client.get(path, **kwargs)
        assert response.status_code in (200, 410), (name, response.status_code)
        pages[name] = response.content

    for language in ("en", "es"):
        get(f"home-{language}", url("home", language))
        get(f"catalogue-{language}", url("procedure_list", language))
        get(f"offices-{language}", url("office_list", language))
    get("procedure", url("procedure_detail", "en", "canje"))
    get("procedure-in-person", url("procedure_detail", "es", "regularizacion_documento_vencido"))
    get("information", url("procedure_detail", "en", "visas"))
    get("privacy", url("privacy", "en"))
    get("report", url("procedure_report", "en", "canje"))
    get("office-report", url("office_report", "es", "jal-chapala"))
    get("choose", url("choose", "en"))
    pages["choose-follow-up"] = client.post(
        url("choose", "en"), {"document": "resident_visa", "need": "get_card"}
    ).content
    pages["choose-outcome"] = client.post(
        url("choose", "en"),
        {
            "document": "resident_visa",
            "need": "get_card",
            "_stage": "follow_up",
            "entry_date": "2026-11-20",
            "admission": "canje",
            "entry_record": "fmm",
        },
    ).content
    pages["choose-errors"] = client.post(url("choose", "en"), {}).content
    pages["start-error"] = client.post(url("prepare_start", "en"), {}).content

    # Every wizard step, once empty and once with errors.
    preparation, location = start(client, "en")
    get("step-procedure", location)
    client.post(location.split("?")[0], {"procedure": "cambio_rt_unidad_familiar"})
    child = {**core(VISITOR)["applicant"], "birth_date": "2012-05-05", "marital_status": "single"}
    answers = {**core(VISITOR, child), "guardian": GUARDIAN, "family": FAMILY_SPOUSE}
    for step, data in answers.items():
        step_url = url("wizard_step", "en", preparation.token, step)
        get(f"step-{step}", step_url)
        pages[f"step-{step}-errors"] = client.post(step_url, {}).content
        assert client.post(step_url, data).status_code == 302
    get("review", url("review", "en", preparation.token))
    client.post(url("review", "en", preparation.token), {"confirm": "on"})
    get("packet-family", url("packet", "en", preparation.token))

    for slug, extra in (("notif_domicilio", {"changes": OLD_ADDRESS}),):
        done = walk(client, "es", slug, {**core(TEMPORARY), **extra})
        get(f"packet-{slug}", url("packet", "es", done.token))
    chapala = walk(client, "es", "canje", core(CANJE, office={"office": "jal-chapala"}))
    get("packet-chapala", url("packet", "es", chapala.token))
    get("step-office-chapala", url("wizard_step", "es", chapala.token, "office") + "?next=review")
    canje = walk(client, "en", "canje", core(CANJE))
    get("packet-canje", url("packet", "en", canje.token))
    pages["appointment-errors"] = client.post(url("packet_appointment", "en", canje.token), {}).content
    get("delete-confirm", url("packet_delete", "en", canje.token))
    client.post(url("packet_delete", "en", canje.token), {"confirm": "yes"})
    get("gone", url("packet", "en", canje.token))

    errors = validate(pages, tmp_path)
    assert errors == {}


def test_the_checker_reports_invalid_html(tmp_path):
    errors = validate({"broken": b'<!DOCTYPE html><html lang="en"><title>x</title><p><div>x</p>'}, tmp_path)
    assert "broken" in errors and errors["broken"]


def test_every_error_page_is_valid_html(client, settings, tmp_path):
    from .clients import FormClient as Client

    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"
    settings.INMPREP_REPORT_RATE = "1/m"
    failing = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="es")
    pages = {
        "404-en": client.get("/en/no-such-page/"),
        "404-es": client.get("/es/no-such-page/"),
        "500": failing.get("/test-errors/crash/"),
        "403": failing.get("/test-errors/forbidden/"),
        "400": failing.get("/test-errors/suspicious/"),
        "403-csrf": Client(enforce_csrf_checks=True).post(url("prepare_start", "es"), {"consent": "on"}),
        "413": client.post(url("prepare_start", "es"), {"consent": "on", "filler": "x" * 300_000}),
    }
    report = url("procedure_report", "en", "canje")
    client.post(report, {"message": "Missing requirement."})
    pages["429"] = client.post(report, {"message": "Missing requirement."})
    assert {name: response.status_code for name, response in pages.items()} == {
        "404-en": 404,
        "404-es": 404,
        "500": 500,
        "403": 403,
        "400": 400,
        "403-csrf": 403,
        "413": 413,
        "429": 429,
    }
    contents = {name: response.content for name, response in pages.items()}
    from django.template.loader import render_to_string

    contents["503"] = render_to_string("503.html").encode()  # the database is away: no request either
    errors = validate(contents, tmp_path)
    assert errors == {}


@time_machine.travel(NOW, tick=False)
def test_the_interruption_look_up_and_consent_pages_are_valid_html(client, tmp_path):
    from .test_interruptions import CAPPED, LAPSED_CANJE
    from .wizard import ADDRESS, APPLICANT, PASSPORT

    pages = {}
    for language, slug, status in (
        ("en", "canje", LAPSED_CANJE),
        ("es", "renovacion", {**CAPPED, "years_requested": "1"}),
    ):
        preparation, _ = start(client, language, slug)
        for step, data in (("applicant", APPLICANT), ("passport", PASSPORT), ("status", status)):
            response = client.post(url("wizard_step", language, preparation.token, step), data)
        assert "/interruption/" in response["Location"]
        pages[f"interruption-{slug}"] = client.get(response["Location"]).content
    address = url("wizard_step", "en", preparation.token, "address")
    for code in ("06700", "45999", "4590"):
        pages[f"look-up-{code}"] = client.post(address, {**ADDRESS, "postal_code": code, "_refresh": "1"}).content
    pages["state-warning"] = client.post(address, {**ADDRESS, "state": "09"}).content
    chosen = {"choose.document": "permanent_card", "choose.need": "travel", "procedure": "permiso_salida_regreso"}
    pages["choose-without-consent"] = client.post(url("prepare_start", "es"), chosen).content
    assert b'class="outcome' in pages["choose-without-consent"]
    assert validate(pages, tmp_path) == {}
