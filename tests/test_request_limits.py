"""Requests refused before anything reads them: bodies above 256 KB (413), multipart (415),
bodies of unknown length (411), NUL bytes (400)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from procedures.middleware import MAX_BODY_BYTES, RequestLimitsMiddleware, refusal_status
from procedures.models import Preparation, ProblemReport

from .clients import FormClient
from .wizard import start, url


@pytest.mark.parametrize(
    ("meta", "path", "status"),
    [
        ({}, "/en/", None),
        ({"CONTENT_LENGTH": str(MAX_BODY_BYTES)}, "/en/prepare/", None),
        ({"CONTENT_LENGTH": str(MAX_BODY_BYTES + 1)}, "/en/prepare/", 413),
        ({"CONTENT_LENGTH": "209715200"}, "/admin/login/", 413),
        ({"CONTENT_LENGTH": "12x"}, "/en/prepare/", 400),
        ({"CONTENT_LENGTH": "-1"}, "/en/prepare/", 400),
        ({"HTTP_TRANSFER_ENCODING": "chunked"}, "/en/prepare/", 411),
        ({"CONTENT_LENGTH": "10", "CONTENT_TYPE": "multipart/form-data; boundary=x"}, "/en/prepare/", 415),
        ({"CONTENT_LENGTH": "10", "CONTENT_TYPE": "Multipart/Form-Data; boundary=x"}, "/es/choose/", 415),
        ({"CONTENT_LENGTH": "10", "CONTENT_TYPE": "multipart/mixed"}, "/i18n/setlang/", 415),
        ({"CONTENT_LENGTH": "10", "CONTENT_TYPE": "multipart/form-data; boundary=x"}, "/admin/login/", None),
        ({"CONTENT_LENGTH": "10", "CONTENT_TYPE": "application/x-www-form-urlencoded"}, "/en/prepare/", None),
        ({"QUERY_STRING": "q=%00"}, "/admin/procedures/office/", 400),
        ({"QUERY_STRING": "q=a%00b"}, "/en/", 400),
        ({"QUERY_STRING": "q=\x00"}, "/en/", 400),
        ({}, "/en/procedures/\x00/", 400),
        ({"QUERY_STRING": "q=%2500"}, "/en/", None),  # a literal "%00" typed: no NUL
    ],
)
def test_refusal_status(meta, path, status):
    assert refusal_status(meta, path) == status


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_large_body_is_refused_without_reading_it():
    request = RequestFactory().generic("POST", "/en/prepare/", content_type="multipart/form-data; boundary=x")
    request.META["CONTENT_LENGTH"] = str(200 * 1024 * 1024)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()

    def view(request):
        raise AssertionError("the request reached the site")

    response = RequestLimitsMiddleware(view)(request)
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_1_mb_multipart_post_is_refused_and_creates_nothing(catalogue):
    upload = SimpleUploadedFile("passport.pdf", b"%PDF" + b"x" * (1024 * 1024), content_type="application/pdf")
    body = encode_multipart(BOUNDARY, {"consent": "on", "procedure": "canje", "file": upload})
    assert len(body) > 1024 * 1024
    response = Client().generic("POST", url("prepare_start", "en"), body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 413
    body = response.content.decode()
    assert "We could not accept this request" in body and "256 KB" in body
    assert 'class="site-header' in body  # the site's own page, not a bare error
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert not Preparation.objects.exists()


@pytest.mark.django_db
def test_the_refusal_page_speaks_the_pages_language(catalogue):
    response = FormClient().post("/es/prepare/", {"padding": "x" * (300 * 1024)})
    assert response.status_code == 413
    body = response.content.decode()
    assert '<html lang="es">' in body and "No pudimos aceptar esta solicitud" in body


@pytest.mark.django_db
def test_multipart_is_refused_on_every_applicant_form(client, catalogue):
    preparation, location = start(client, "en", "canje")
    uploader = Client()  # Django's own test client posts multipart
    forms = [
        (url("prepare_start", "en"), {"consent": "on"}),
        (location.split("?")[0], {"given_names": "Ana"}),
        (url("procedure_report", "en", "canje"), {"message": "A file for you"}),
        (url("choose", "es"), {"document": "fmm"}),
        ("/i18n/setlang/", {"language": "es"}),
    ]
    for path, data in forms:
        assert uploader.post(path, data, content_type=MULTIPART_CONTENT).status_code == 415, path
    assert Preparation.objects.count() == 1 and not ProblemReport.objects.exists()
    preparation.refresh_from_db()
    assert "applicant" not in preparation.answers
    # The same forms, as a browser posts them, still work.
    assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 302


@pytest.mark.django_db
def test_a_body_of_unknown_length_is_refused(client):
    response = client.generic("POST", url("prepare_start", "en"), HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert not Preparation.objects.exists()


@pytest.mark.django_db
def test_staff_admin_still_takes_multipart(client, staff_user):
    response = Client().post("/admin/login/", {"username": "staff", "password": "wrong"})  # multipart
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/procedures/office/?q=%00",
        "/admin/procedures/procedure/?q=canje%00",
        "/admin/procedures/office/?state__code__exact=1%004",
        "/admin/procedures/procedure/%00/change/",
    ],
)
def test_nul_bytes_in_admin_urls_answer_400_on_every_database(staff_client, catalogue, path):
    assert staff_client.get(path).status_code == 400


@pytest.mark.django_db
def test_nul_bytes_on_public_pages_answer_400(client, catalogue):
    assert client.get("/en/procedures/?x=%00").status_code == 400
    assert client.get("/en/packet/%00abc/").status_code == 400
    assert client.get("/en/procedures/?x=%2500").status_code == 200


@pytest.mark.django_db
def test_a_field_just_below_the_limit_is_still_read(client, catalogue):
    # DESIGN.md: a long field below 256 KB gets its max_length error, a 200 page.
    preparation, location = start(client, "en", "canje")
    response = client.post(location.split("?")[0], {"given_names": "A" * (200 * 1024)})
    assert response.status_code == 200 and b"at most 200 characters" in response.content
