"""Edges: calendar text, HEAD, the 404 of an unknown link, cookies, robots.txt, names, set-up."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from procedures.calendar import _escape, appointment_ics
from procedures.forms import ApplicantStepForm, clean_name
from procedures.models import Office, PacketPDF

from .test_packet import CANJE, core
from .test_security import production_setting
from .wizard import APPLICANT, NOW, start, url, walk

BASE_DIR = Path(__file__).resolve().parent.parent

# ----------------------------------------------------------------------------- calendar files


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Oficina; Centro, Jal.", "Oficina\\; Centro\\, Jal."),
        ("C:\\path", "C:\\\\path"),
        ("one\r\ntwo", "one\\ntwo"),
        ("one\rtwo", "one\\ntwo"),  # a bare CR typed by staff
        ("one\ntwo", "one\\ntwo"),
        ("one\x85two\u2028three\u2029four", "one\\ntwo\\nthree\\nfour"),
        ("nul\x00bell\x07esc\x1bdel\x7fc1\x9bend", "nulbellescdelc1end"),
        ("tab\tkept", "tab\tkept"),
        ("Guadalajara, Jal.", "Guadalajara\\, Jal."),
    ],
)
def test_calendar_text_escapes_line_breaks_and_drops_every_other_control_character(text, escaped):
    assert _escape(text) == escaped


def test_a_bare_cr_from_staff_cannot_inject_a_calendar_line():
    content = appointment_ics(
        uid="appointment-1@inmprep",
        start=datetime(2026, 12, 10, 15, 30, tzinfo=UTC),
        summary="INM appointment",
        location="Oficina\rATTENDEE:mailto:attacker@example.org\x00",
        description="Bring\u2028everything",
        now=datetime(2026, 12, 1, tzinfo=UTC),
    ).decode()
    lines = content.split("\r\n")
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert "LOCATION:Oficina\\nATTENDEE:mailto:attacker@example.org" in content
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
    assert not control.search(content.replace("\r\n", ""))


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_the_appointment_file_of_an_office_with_a_bare_cr_in_its_name(client, catalogue):
    Office.objects.filter(code="jal-guadalajara").update(name="Oficina del INM\rX-INJECTED:1")
    preparation = walk(client, "en", "canje", core(CANJE))
    client.post(
        url("packet_appointment", "en", preparation.token),
        {"appointment_date": "2026-12-10", "appointment_time": "09:30", "appointment_office": "jal-guadalajara"},
    )
    body = client.get(url("appointment_ics", "en", preparation.token)).content.decode()
    assert "\r\nX-INJECTED" not in body and "\r" not in body.replace("\r\n", "")


# ----------------------------------------------------------------------------- HEAD


PUBLIC_PAGES = [
    "/healthz",
    "/robots.txt",
    "/",
    "/en/",
    "/es/",
    "/en/procedures/",
    "/en/procedures/canje/",
    "/en/offices/",
    "/en/privacy/",
    "/es/choose/",
    "/en/procedures/canje/report/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_head_answers_like_get_on_every_get_page(client, catalogue, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code
    assert head.status_code in (200, 302), path
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_head_answers_200_on_a_preparations_pages(client, catalogue):
    preparation = walk(client, "en", "canje", core(CANJE))
    for name, args in [
        ("packet", ()),
        ("review", ()),
        ("wizard_step", ("applicant",)),
        ("deadline_ics", ()),
        ("packet_delete", ()),
    ]:
        response = client.head(url(name, "en", preparation.token, *args))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_head_on_the_pdf_never_renders_it(client, catalogue):
    preparation = walk(client, "en", "canje", core(CANJE))
    PacketPDF.objects.all().delete()  # nothing rendered yet (a worker may have rendered it)
    head = client.head(url("packet_pdf", "en", preparation.token))
    assert head.status_code == 200 and head["Content-Type"] == "application/pdf"
    assert head["Content-Disposition"].startswith('attachment; filename="')
    assert not PacketPDF.objects.exists()
    get = client.get(url("packet_pdf", "en", preparation.token))
    assert get.content.startswith(b"%PDF") and PacketPDF.objects.count() == 1
    assert get["Content-Disposition"] == head["Content-Disposition"]


@pytest.mark.django_db
def test_head_counts_against_the_token_limit(client, catalogue, settings):
    settings.INMPREP_TOKEN_RATE = "2/m"
    guess = f"/en/packet/{'H' * 32}/"
    assert [client.head(guess).status_code for _ in range(3)] == [404, 404, 429]


# ----------------------------------------------------------------------------- unknown links


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/en/packet/{'U' * 32}/",
        f"/en/packet/{'U' * 32}/pdf/",
        f"/es/prepare/{'U' * 32}/applicant/",
        "/en/packet/short/",
    ],
)
def test_the_404_of_an_unknown_link_is_never_stored(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_a_404_inside_a_real_preparation_is_not_stored_either(client, catalogue):
    preparation, _ = start(client, "en", "canje")
    response = client.get(f"/en/prepare/{preparation.token}/nonsense/")
    assert response.status_code == 404 and "no-store" in response["Cache-Control"]


# ----------------------------------------------------------------------------- cookies


def test_secure_cookies_use_the_host_prefix():
    assert production_setting("settings.CSRF_COOKIE_NAME") == "__Host-csrftoken"
    assert production_setting("settings.SESSION_COOKIE_NAME") == "__Host-sessionid"
    assert production_setting("(settings.CSRF_COOKIE_PATH, settings.CSRF_COOKIE_DOMAIN)") == "('/', None)"
    local = {"INMPREP_LOCAL_PROFILE": "1", "ALLOWED_HOSTS": ""}
    assert production_setting("settings.CSRF_COOKIE_NAME", **local) == "csrftoken"  # plain http: no prefix


@pytest.mark.django_db
def test_the_csrf_cookie_a_browser_gets_over_https(client, catalogue, settings):
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    page = client.get("/en/procedures/canje/", secure=True)
    cookie = page.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    # The form posts with it as before.
    csrf_client = type(client)(enforce_csrf_checks=True)
    page = csrf_client.get("/en/procedures/canje/", secure=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    data = {"consent": "on", "csrfmiddlewaretoken": token}
    posted = csrf_client.post(url("prepare_start", "en"), data, secure=True, HTTP_ORIGIN="https://testserver")
    assert posted.status_code == 302


def test_a_host_cookie_with_a_path_or_domain_fails_the_checks(settings):
    from procedures.checks import check_host_prefixed_cookies

    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.CSRF_COOKIE_SECURE = True
    assert check_host_prefixed_cookies(None) == []
    settings.CSRF_COOKIE_DOMAIN = ".example.org"
    assert [error.id for error in check_host_prefixed_cookies(None)] == ["inmprep.E004"]


# ----------------------------------------------------------------------------- robots.txt


def test_robots_txt_lets_public_pages_be_indexed_and_keeps_private_ones_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for rule in ("Disallow: /*/prepare/", "Disallow: /*/packet/", "Disallow: /admin/", "Allow: /"):
        assert rule in lines
    assert "public" in response["Cache-Control"]


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ｍａｒíａ　Ｊｏｓé", "María José"),  # full-width letters and space, from a phone keyboard
        ("Ste\ufb01", "Stefi"),  # the "ﬁ" ligature pasted from a PDF
        ("Jose\u0301", "José"),  # a combining accent typed apart
        ("  Ana   Lucía ", "Ana Lucía"),
    ],
)
def test_names_are_nfkc_normalised_before_they_are_checked(typed, kept):
    assert clean_name(typed) == kept


@pytest.mark.parametrize("typed", ["Ana\u2460", "Ana\u00b2", "Ana\uff11"])  # ①, ², full-width 1: digits after NFKC
def test_digits_hidden_in_compatibility_forms_are_refused(typed):
    form = ApplicantStepForm(data={**APPLICANT, "given_names": typed}, today=timezone.localdate())
    assert not form.is_valid() and "given_names" in form.errors


# ----------------------------------------------------------------------------- set-up


def test_a_new_venv_gets_pinned_pip_and_setuptools_first():
    pins = (BASE_DIR / "requirements-bootstrap.txt").read_text().splitlines()
    pins = [line for line in pins if line and not line.startswith("#")]
    assert [pin.split("==")[0] for pin in pins] == ["pip", "setuptools"]
    assert all(re.fullmatch(r"[a-z]+==\d+(\.\d+)+", pin) for pin in pins)
    setup = (BASE_DIR / "scripts" / "setup.sh").read_text()
    venv = setup.index('"$python" -m venv .venv')
    bootstrap = setup.index("-r requirements-bootstrap.txt")
    install = setup.index('-r "$requirements"')
    assert venv < bootstrap < install
