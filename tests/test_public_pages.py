"""The public catalogue, procedure, office, information and privacy pages, and problem reports."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from procedures.models import ChecklistItem, FeeSchedule, Office, ProblemReport, Procedure, ProcedureFee, State

from .makers import make_amount, make_fee_link, make_item, make_notice, make_office, make_procedure

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"procedures:{name}", kwargs=kwargs)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


# ----------------------------------------------------------------------------- catalogue


def test_catalogue_groups_by_portal_menu_in_the_forms_order(client, catalogue):
    body = client.get(url("procedure_list")).content.decode()
    positions = [
        body.index(menu)
        for menu in (
            "Extender la estancia",
            "Canjear o reponer documento migratorio",
            "Cambiar condición de estancia",
            "Regularizar situación migratoria",
            "Notificar cambios (residentes temporales y permanentes)",
            "Obtener permiso para trabajar",
            "Information pages (no appointment)",
        )
    ]
    assert positions == sorted(positions)


def test_catalogue_badges(client, catalogue):
    body = client.get(url("procedure_list")).content.decode()
    assert body.count("booking-online") == 16
    assert body.count("booking-candidate") == 4
    assert body.count("booking-in-person") == 3
    assert body.count("booking-information") == 4


def test_english_catalogue_shows_spanish_names_with_english_beside(client, catalogue):
    body = client.get(url("procedure_list")).content.decode()
    assert '<span lang="es">Canje de FMM por Tarjeta de Visitante o de Residente</span>' in body
    assert "Exchange of a resident visa for a residence card (canje)" in body


def test_spanish_catalogue_is_fully_spanish(client, catalogue):
    body = client.get(url("procedure_list", "es")).content.decode()
    assert "Canje de FMM por Tarjeta de Visitante o de Residente" in body
    assert "Exchange of a resident visa" not in body
    assert "Cita en línea" in body and "Book online" not in body


# ----------------------------------------------------------------------------- one procedure


def test_procedure_page_shows_requirements_fees_deadline_and_sources(client, catalogue):
    body = client.get(url("procedure_detail", slug="canje")).content.decode()
    assert "Within 30 calendar days counted from the day you enter Mexico." in body
    assert "Ley de Migración art. 59" in body
    assert "Valid passport with the Mexican visa" in body
    assert "1 original, 1 simple copy" in body
    assert "not confirmed" in body  # the request letter is a secondary source
    assert "LFD art. 8 fr. VII" in body
    assert "$13,578.96 MXN" in body
    assert "Sources checked on" in body
    assert "Entered Mexico with a resident visa" in body


def test_procedure_page_is_kept_until_staff_change_the_catalogue(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = url("procedure_detail", slug="canje")
    client.get(page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    assert [query["sql"] for query in queries if "referenceversion" not in query["sql"]] == []
    item = ChecklistItem.objects.filter(procedure__slug="canje").order_by("position").first()
    item.text_en = "A requirement staff edited this morning"
    item.save()
    assert "A requirement staff edited this morning" in client.get(page).content.decode()
    assert (
        "A requirement staff edited this morning"
        not in client.get(url("procedure_detail", "es", slug="canje")).content.decode()
    )
    # Each visitor still gets a form with a CSRF token of their own.
    assert 'name="csrfmiddlewaretoken"' in client.get(page).content.decode()


def test_spanish_procedure_page(client, catalogue):
    body = client.get(url("procedure_detail", "es", slug="canje")).content.decode()
    assert "Dentro de los 30 días naturales contados a partir de su ingreso a territorio nacional." in body
    assert "Pasaporte o documento de identidad y viaje vigente" in body
    assert "1 original, 1 copia simple" in body
    assert "Quién puede solicitarlo" in body


def test_estimates_are_marked(client, catalogue):
    body = client.get(url("procedure_detail", slug="cambio_rt_a_rp")).content.decode()
    assert "estimate" in body
    assert "LFD art. 9" in body


def test_procedure_without_verified_requirements_says_so(client, catalogue):
    body = client.get(url("procedure_detail", slug="regularizacion_documento_vencido")).content.decode()
    assert "Requirements not verified: confirm them with the INM" in body
    assert "needs no appointment" in body


@pytest.mark.parametrize("slug", ["visas", "constancia_empleador", "actualizacion_constancia_empleador"])
def test_information_pages(client, catalogue, slug):
    response = client.get(url("procedure_detail", slug=slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert "This is an information page" in body
    assert "In the INM portal" not in body


def test_unknown_or_inactive_procedure_is_404(client, catalogue):
    assert client.get(url("procedure_detail", slug="no-such-thing")).status_code == 404
    Procedure.objects.filter(slug="canje").update(active=False)
    assert client.get(url("procedure_detail", slug="canje")).status_code == 404


# ----------------------------------------------------------------------------- offices


def test_offices_page_by_state_with_booking_and_nearest_office(client, catalogue):
    body = client.get(url("office_list")).content.decode()
    assert body.count('<article class="office"') == Office.objects.count()
    assert "Oficina del INM en Chapala" in body
    assert "Book at: Oficina de Representación del INM en Jalisco (Guadalajara)." in body
    assert "Not bookable online" in body


def test_offices_page_shows_current_notices_only(client, catalogue):
    from datetime import timedelta

    from django.utils import timezone

    office = Office.objects.get(code="jal-guadalajara")
    today = timezone.localdate()
    make_notice(office, text_en="Closed for the holiday.", starts_on=today, ends_on=today + timedelta(days=1))
    make_notice(office, text_en="Old notice.", starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=29))
    body = client.get(url("office_list")).content.decode()
    assert "Closed for the holiday." in body
    assert "Old notice." not in body


# ----------------------------------------------------------------------------- privacy


def test_privacy_notice_names_the_operator(client, catalogue, settings):
    settings.INMPREP_OPERATOR_NAME = "Asociación Ejemplo, A.C."
    settings.INMPREP_OPERATOR_ADDRESS = "Av. Juárez 1, Centro, 44100 Guadalajara, Jal."
    settings.INMPREP_OPERATOR_PRIVACY_EMAIL = "privacidad@example.org"
    body = client.get(url("privacy", "es")).content.decode()
    assert "Asociación Ejemplo, A.C." in body and "privacidad@example.org" in body
    assert "derechos ARCO" in body
    assert "7 días" in body and "180 días" in body


def test_privacy_notice_in_development_says_the_operator_is_an_example(client, catalogue, settings):
    settings.INMPREP_OPERATOR_NAME = ""
    body = client.get(url("privacy")).content.decode()
    assert "Example operator" in body


# ----------------------------------------------------------------------------- queries


def grow_catalogue(start: int, stop: int) -> None:
    """Add procedures with items and fees, and offices with notices, to the catalogue."""
    state = State.objects.get(code="14")
    schedule = FeeSchedule.objects.get(key="rt_card")
    for n in range(start, stop):
        procedure = make_procedure(f"extra-{n}", portal_menu="Extender la estancia", position=100 + n)
        for k in range(5):
            make_item(procedure, f"item-{k}")
        make_fee_link(procedure, schedule, condition="always")
        office = make_office(state, f"jal-extra-{n}", city=f"Pueblo {n}", online_booking="unknown")
        make_notice(office)
    make_amount(FeeSchedule.objects.get(key="permiso_trabajo"), 2000 + stop, "", "1.00", is_estimate=True)


PAGES = [
    ("procedure_list", {}),
    ("procedure_detail", {"slug": "canje"}),
    ("procedure_detail", {"slug": "extra-0"}),
    ("procedure_detail", {"slug": "visas"}),
    ("office_list", {}),
    ("privacy", {}),
    ("home", {}),
]


def count_queries(client, name, kwargs, language):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(name, language, **kwargs)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["en", "es"])
def test_queries_stay_constant_when_the_catalogue_grows(client, catalogue, language):
    grow_catalogue(0, 1)
    small = {(name, str(kwargs)): count_queries(client, name, kwargs, language) for name, kwargs in PAGES}
    grow_catalogue(1, 31)
    assert Procedure.objects.count() >= 57 and ChecklistItem.objects.count() >= 250
    assert ProcedureFee.objects.count() >= 60 and Office.objects.count() >= 96
    large = {(name, str(kwargs)): count_queries(client, name, kwargs, language) for name, kwargs in PAGES}
    assert large == small
    assert max(large.values()) <= 6


# ----------------------------------------------------------------------------- reports


def test_report_lands_in_the_staff_queue(client, catalogue):
    response = client.post(
        url("procedure_report", slug="canje"), {"message": "The 2027 fee is out.", "email": "ana@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("procedure_detail", slug="canje")
    report = ProblemReport.objects.get()
    assert report.procedure.slug == "canje" and report.email == "ana@example.org" and report.status == "new"
    page = client.get(response["Location"]).content.decode()
    assert "your report reached our staff" in page


def test_office_report_without_email(client, catalogue):
    response = client.post(url("office_report", "es", code="jal-chapala"), {"message": "Cambió el horario."})
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert report.office.code == "jal-chapala" and report.email == "" and report.language == "es"


@pytest.mark.parametrize(
    "data",
    [{}, {"message": "   "}, {"message": "x", "email": "not-an-email"}, {"message": "x" * 4001}],
)
def test_bad_report_shows_errors_and_saves_nothing(client, catalogue, data):
    response = client.post(url("procedure_report", slug="canje"), data)
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not ProblemReport.objects.exists()
    if data.get("email"):
        assert b'value="not-an-email"' in response.content


def test_the_eleventh_report_in_a_minute_gets_429(client, catalogue):
    target = url("procedure_report", slug="canje")
    for n in range(10):
        assert client.post(target, {"message": f"report {n}"}).status_code == 302
    response = client.post(target, {"message": "one too many"}, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert ProblemReport.objects.count() == 10
    # Another address is not limited.
    assert client.post(target, {"message": "from elsewhere"}, REMOTE_ADDR="10.9.8.7").status_code == 302


# ----------------------------------------------------------------------------- head


def meta_description(body: str) -> str:
    import re

    match = re.search(r'<meta name="description" content="([^"]*)">', body)
    assert match, "no meta description"
    return match.group(1)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_public_page_has_its_own_meta_description_in_its_language(client, catalogue, language):
    pages = {
        "home": url("home", language),
        "catalogue": url("procedure_list", language),
        "procedure": url("procedure_detail", language, slug="canje"),
        "offices": url("office_list", language),
        "privacy": url("privacy", language),
        "choose": url("choose", language),
    }
    descriptions = {name: meta_description(client.get(path).content.decode()) for name, path in pages.items()}
    assert all(50 <= len(text) <= 300 for text in descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(pages)  # one of its own each
    procedure = Procedure.objects.get(slug="canje")
    assert descriptions["procedure"] == (procedure.summary_es if language == "es" else procedure.summary_en).replace(
        "'", "&#x27;"
    )
    spanish = {"home": "Prepárese para su cita", "offices": "Las oficinas del Instituto Nacional de Migración"}
    for name, start in spanish.items():
        assert descriptions[name].startswith(start) == (language == "es"), name


def test_every_page_links_the_favicon(client, catalogue):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    body = client.get(url("home")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in body
    svg = Path(finders.find("img/favicon.svg")).read_text()
    assert svg.startswith("<svg") and "<script" not in svg
