"""Staff can open every admin screen; nobody else can."""

import pytest
from django.contrib import admin
from django.urls import reverse

from .makers import (
    make_amount,
    make_fee_link,
    make_horizon,
    make_item,
    make_mistake,
    make_notice,
    make_period,
    make_preparation,
    make_report,
    make_rule,
    make_schedule,
    make_uma,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(canje, jalisco, guadalajara):
    schedule = make_schedule()
    make_amount(schedule)
    make_fee_link(canje, schedule)
    make_item(canje)
    make_rule()
    make_mistake()
    make_notice(guadalajara)
    make_period()
    make_horizon()
    make_report(procedure=canje)
    make_uma()
    make_preparation(canje, answers={"applicant": {"surnames": "Ñúñez O'Brien", "passport_number": "X1234567"}})
    from procedures.models import PreparationTombstone

    PreparationTombstone.objects.create(token_hash="0" * 64, reason="expired")


def registered_models():
    return [model for model in admin.site._registry if model._meta.app_label == "procedures"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_procedures_model_is_in_admin():
    names = {model.__name__ for model in registered_models()}
    assert {
        "State",
        "Procedure",
        "ChecklistItem",
        "GeneralRule",
        "Mistake",
        "FeeSchedule",
        "FeeAmount",
        "Office",
        "UmaValue",
        "NonWorkingPeriod",
        "BookingHorizon",
        "ProblemReport",
        "Preparation",
    } <= names


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m.__name__)
def test_staff_open_changelist_and_change_page(staff_client, one_of_each, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    instance = model._default_manager.first()
    assert staff_client.get(admin_url(model, "change", instance.pk)).status_code == 200
    assert staff_client.get(admin_url(model, "history", instance.pk)).status_code == 200


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m.__name__)
def test_anonymous_is_sent_to_login(client, one_of_each, model):
    instance = model._default_manager.first()
    for url in (admin_url(model, "changelist"), admin_url(model, "change", instance.pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_preparations_are_listed_without_personal_data(staff_client, one_of_each):
    from procedures.models import Preparation

    preparation = Preparation.objects.get()
    for url in (admin_url(Preparation, "changelist"), admin_url(Preparation, "change", preparation.pk)):
        body = staff_client.get(url).content.decode()
        assert "Ñúñez" not in body and "X1234567" not in body
        assert preparation.token not in body


def test_procedure_change_page_shows_inline_items_and_fees(staff_client, one_of_each, canje):
    body = staff_client.get(admin_url(type(canje), "change", canje.pk)).content.decode()
    assert "Valid passport" in body
    assert "checklist_items-TOTAL_FORMS" in body  # read-only rows, each linking to its own page
    assert "fee_links-TOTAL_FORMS" in body


def test_reference_history_records_the_staff_member(staff_client, canje):
    from procedures.models import Procedure

    from .admin_pages import post_change
    from .makers import make_item

    make_item(canje, key="comprobante_domicilio")  # the item its knowledge names (items_if_asked)
    response = post_change(staff_client, canje, name_en="Visa exchange (canje)")
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = Procedure.history.filter(slug="canje").first()
    assert latest.name_en == "Visa exchange (canje)"
    assert latest.history_user.username == "staff"
    assert latest.history_change_reason == "Checked against the DOF"


def test_office_notice_inline_on_office_page(staff_client, one_of_each, guadalajara):
    body = staff_client.get(admin_url(type(guadalajara), "change", guadalajara.pk)).content.decode()
    assert "Closed for a holiday." in body
