"""Admin screens over applicant data: no lookup beyond the declared filters, no token or answers
loaded, and deleting from admin leaves a tombstone as the applicant's own deletion does."""

import pytest
import time_machine
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procedures.admin import DeclaredLookupsOnlyMixin
from procedures.models import (
    PacketPDF,
    Preparation,
    PreparationTombstone,
    ProblemReport,
    Procedure,
    token_digest,
)

from .makers import make_preparation, make_report
from .test_packet import CANJE, core
from .wizard import NOW, url, walk

pytestmark = pytest.mark.django_db

PASSPORT_NUMBER = "X1234567"


def changelist(model) -> str:
    return reverse(f"admin:procedures_{model._meta.model_name}_changelist")


@pytest.fixture
def applicants(catalogue):
    canje = Procedure.objects.get(slug="canje")
    first = make_preparation(canje, answers={"passport": {"passport_number": PASSPORT_NUMBER}})
    second = make_preparation(Procedure.objects.get(slug="renovacion"), status="draft")
    make_report(procedure=canje, email="someone@example.org", message="The fee for 2026 is wrong.")
    PreparationTombstone.objects.create(token_hash=token_digest("gone-token-" + "x" * 24), reason="deleted")
    return first, second


# ----------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    "query",
    [
        f"answers__passport__passport_number={PASSPORT_NUMBER}",
        "answers__passport__passport_number__startswith=X",
        "token__gte=M",
        "token__startswith=A",
        "token=AAAA",
        "id=1&token__gte=M",
        "id=1",
        "answers__icontains=Madero",
        "status__exact=draft&token__lt=z",
        "procedure__slug=canje",
    ],
)
def test_a_viewers_lookups_on_preparations_beyond_the_filters_answer_400(viewer_client, applicants, query):
    assert viewer_client.get(f"{changelist(Preparation)}?{query}").status_code == 400


@pytest.mark.parametrize(
    "query",
    ["email__startswith=s", "email=someone@example.org", "message__icontains=fee", "staff_note__isnull=True"],
)
def test_a_viewers_lookups_on_problem_reports_beyond_the_filters_answer_400(viewer_client, applicants, query):
    assert viewer_client.get(f"{changelist(ProblemReport)}?{query}").status_code == 400


@pytest.mark.parametrize("query", ["token_hash__startswith=a", "token_hash__gte=8", "id__gt=0"])
def test_token_hashes_cannot_be_searched_for_even_by_a_superuser(staff_client, applicants, query):
    assert staff_client.get(f"{changelist(PreparationTombstone)}?{query}").status_code == 400


def test_the_preserved_filters_of_a_change_page_cannot_smuggle_a_lookup(viewer_client, applicants):
    first, _ = applicants
    change = reverse("admin:procedures_preparation_change", args=[first.pk])
    page = viewer_client.get(change, {"_changelist_filters": "token__gte=M"})
    assert page.status_code == 200
    assert viewer_client.get(f"{changelist(Preparation)}?token__gte=M").status_code == 400


def test_the_declared_filters_still_work(viewer_client, applicants):
    first, second = applicants
    by_status = viewer_client.get(changelist(Preparation), {"status__exact": "draft"})
    assert by_status.status_code == 200 and by_status.context["cl"].result_count == 2
    by_procedure = viewer_client.get(changelist(Preparation), {"procedure__id__exact": first.procedure_id})
    assert list(by_procedure.context["cl"].result_list) == [first]
    assert viewer_client.get(changelist(Preparation), {"language__exact": "en", "o": "-5"}).status_code == 200
    reports = viewer_client.get(
        changelist(ProblemReport), {"status": "open", "created_at__gte": "2020-01-01 00:00:00+00:00"}
    )
    assert reports.status_code == 200 and reports.context["cl"].result_count == 1


def test_search_never_reaches_applicant_data(viewer_client, applicants):
    # No search on preparations: a passport number and nonsense find the same rows (all of them).
    found = viewer_client.get(changelist(Preparation), {"q": PASSPORT_NUMBER}).context["cl"].result_count
    nonsense = viewer_client.get(changelist(Preparation), {"q": "zzz-nothing"}).context["cl"].result_count
    assert found == nonsense == 2
    # Reports are searched in what staff read anyway (the message and its subject), never the e-mail.
    report_search = viewer_client.get(changelist(ProblemReport), {"q": "someone@example.org"})
    assert report_search.context["cl"].result_count == 0


@pytest.mark.parametrize("model", [Preparation, ProblemReport, PreparationTombstone], ids=lambda m: m.__name__)
def test_allowed_lookups_are_exactly_what_the_declared_filters_send(staff_client, applicants, model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, DeclaredLookupsOnlyMixin)
    response = staff_client.get(changelist(model))
    specs = response.context["cl"].filter_specs
    assert len(specs) == len(model_admin.list_filter)
    expected = {parameter for spec in specs for parameter in spec.expected_parameters()}
    assert model_admin.allowed_lookups == expected
    # Each filter's own links work.
    for spec in specs:
        for choice in spec.choices(response.context["cl"]):
            assert staff_client.get(changelist(model) + choice["query_string"]).status_code == 200, choice


# ----------------------------------------------------------------------------- what is loaded


def test_token_and_answers_are_never_loaded_by_the_preparation_screens(viewer_client, applicants):
    first, _ = applicants
    pages = [
        changelist(Preparation),
        reverse("admin:procedures_preparation_change", args=[first.pk]),
        reverse("admin:procedures_preparation_history", args=[first.pk]),
    ]
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = viewer_client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert first.token not in body and PASSPORT_NUMBER not in body
        table = connection.ops.quote_name(Preparation._meta.db_table)
        selected = [query["sql"] for query in queries if f"FROM {table}" in query["sql"]]
        assert selected, page
        for sql in selected:
            select_list = sql.split(" FROM ")[0]
            assert f'{table}."token"' not in select_list.replace("`", '"'), sql
            assert f'{table}."answers"' not in select_list.replace("`", '"'), sql


# ----------------------------------------------------------------------------- deleting


@time_machine.travel(NOW, tick=False)
def test_deleting_one_preparation_in_admin_leaves_a_410_tombstone_and_removes_pdf_and_page(
    client, catalogue, staff_user
):
    from .conftest import verified_login

    preparation = walk(client, "en", "canje", core(CANJE))
    assert client.get(url("packet", "en", preparation.token)).status_code == 200
    assert client.get(url("packet_pdf", "en", preparation.token)).status_code == 200
    assert PacketPDF.objects.filter(preparation=preparation).exists()

    staff = verified_login(type(client)(), staff_user)
    delete = reverse("admin:procedures_preparation_delete", args=[preparation.pk])
    assert staff.get(delete).status_code == 200
    assert staff.post(delete, {"post": "yes"}).status_code == 302

    assert not Preparation.objects.filter(pk=preparation.pk).exists()
    assert not PacketPDF.objects.exists()
    tombstone = PreparationTombstone.objects.get(token_hash=token_digest(preparation.token))
    assert tombstone.reason == "staff"
    gone = client.get(url("packet", "en", preparation.token))
    assert gone.status_code == 410 and b"Our staff deleted it" in gone.content


@time_machine.travel(NOW, tick=False)
def test_the_bulk_delete_action_leaves_410_tombstones_for_every_preparation(client, catalogue, staff_user):
    from .conftest import verified_login

    first = walk(client, "en", "canje", core(CANJE))
    second = walk(client, "es", "canje", core(CANJE))
    kept = make_preparation(Procedure.objects.get(slug="canje"))
    for preparation in (first, second):
        client.get(url("packet", preparation.language, preparation.token))
        PacketPDF.objects.create(
            preparation=preparation,
            language="en",
            version="any",
            content=b"%PDF",
        )
    staff = verified_login(type(client)(), staff_user)
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    confirm = staff.post(changelist(Preparation), data)
    assert confirm.status_code == 200 and first.token not in confirm.content.decode()
    assert staff.post(changelist(Preparation), {**data, "post": "yes"}).status_code == 302

    assert list(Preparation.objects.all()) == [kept]
    assert not PacketPDF.objects.exists()
    for preparation in (first, second):
        assert PreparationTombstone.objects.filter(token_hash=token_digest(preparation.token), reason="staff").exists()
        assert client.get(url("packet", "en", preparation.token)).status_code == 410
        assert client.get(url("wizard_step", "en", preparation.token, "applicant")).status_code == 410
