"""Staff admin: editors change the catalogue, viewers read it and are refused every change."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from procedures.models import Confidence, FeeAmount, FeeSchedule, Office, ProblemReport, Procedure

from .admin_pages import post_change
from .makers import make_report

pytestmark = pytest.mark.django_db

# Mid-morning in Mexico City (16:00 UTC), so that "today" is the same date everywhere in these tests.
NOW = "2026-12-01 16:00:00+00:00"


def change_url(obj):
    return reverse(f"admin:procedures_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:procedures_{model._meta.model_name}_changelist")


def run_action(client, model, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}
    return client.post(changelist_url(model), data)


# ----------------------------------------------------------------------------- mark verified


@time_machine.travel(NOW, tick=False)
def test_editor_marks_facts_verified_with_the_source_checked(editor_client, catalogue):
    office = Office.objects.get(code="jal-chapala")
    assert office.confidence != Confidence.VERIFIED
    page = run_action(editor_client, Office, "mark_verified", [office])
    assert page.status_code == 200 and f'name="source_{office.pk}"'.encode() in page.content
    response = run_action(
        editor_client,
        Office,
        "mark_verified",
        [office],
        apply="1",
        **{f"source_{office.pk}": "https://www.gob.mx/inm/acciones-y-programas/oficinas-de-tramites"},
        note="Chapala listed with its address",
        change_reason="Yearly check of offices",
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.confidence == Confidence.VERIFIED
    assert office.last_verified == date(2026, 12, 1)
    assert office.verified_by.username == "editor" and office.verification_note == "Chapala listed with its address"
    assert "https://www.gob.mx/inm/acciones-y-programas/oficinas-de-tramites" in office.sources
    latest = office.history.first()
    assert latest.history_user.username == "editor" and latest.history_change_reason == "Yearly check of offices"


def test_marking_an_estimate_verified_confirms_it(editor_client, catalogue):
    estimate = FeeAmount.objects.filter(is_estimate=True).first()
    run_action(
        editor_client,
        FeeAmount,
        "mark_verified",
        [estimate],
        apply="1",
        **{f"source_{estimate.pk}": "DOF 27 Dec 2026, LFD art. 9"},
        note="Amount as published",
        change_reason="LFD published",
    )
    estimate.refresh_from_db()
    assert estimate.confidence == Confidence.VERIFIED and not estimate.is_estimate


def test_viewer_cannot_mark_verified(viewer_client, catalogue):
    office = Office.objects.get(code="jal-chapala")
    changelist = viewer_client.get(changelist_url(Office))
    assert changelist.status_code == 200
    assert b"mark_verified" not in changelist.content
    run_action(
        viewer_client,
        Office,
        "mark_verified",
        [office],
        apply="1",
        **{f"source_{office.pk}": "https://www.gob.mx/inm"},
        note="x",
        change_reason="x",
    )
    office.refresh_from_db()
    assert office.confidence != Confidence.VERIFIED


# ----------------------------------------------------------------------------- editing, history


def test_viewer_sees_procedure_read_only_and_cannot_post(viewer_client, catalogue):
    canje = Procedure.objects.get(slug="canje")
    page = viewer_client.get(change_url(canje))
    assert page.status_code == 200
    assert b'name="name_en"' not in page.content  # read-only: no input
    response = viewer_client.post(change_url(canje), {"name_en": "x"})
    assert response.status_code == 403
    canje.refresh_from_db()
    assert canje.name_en != "x"


def test_editor_edit_is_kept_in_history_with_a_diff(editor_client, catalogue):
    rule = Procedure.objects.get(slug="canje").checklist_items.get(key="fmm")
    rule.save()  # a first history record to compare with (the fixture was loaded raw)
    response = post_change(
        editor_client,
        rule,
        text_en="FMM marked canje, 30 days",
        sources_0="https://www.gob.mx/tramites",
        translations_checked="on",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = editor_client.get(reverse("admin:procedures_checklistitem_history", args=[rule.pk]))
    assert b"FMM marked canje, 30 days" in history.content
    assert b"Text in English:" in history.content  # the diff names the field that changed


def test_missing_translation_is_flagged_in_list_and_on_save(editor_client, catalogue):
    canje = Procedure.objects.get(slug="canje")
    Procedure.objects.filter(pk=canje.pk).update(summary_es="")
    listing = editor_client.get(changelist_url(Procedure)).content.decode()
    assert "translation-gap" in listing
    page = editor_client.get(change_url(canje)).content.decode()
    assert "missing: summary in Spanish" in page


# ----------------------------------------------------------------------------- filters, lists


@time_machine.travel(NOW, tick=False)
def test_not_verified_since_filter(editor_client, catalogue):
    stale = Procedure.objects.get(slug="renovacion")
    Procedure.objects.filter(pk=stale.pk).update(last_verified=date(2026, 1, 2))
    response = editor_client.get(changelist_url(Procedure), {"not_verified_since": "180"})
    slugs = {procedure.slug for procedure in response.context["cl"].queryset}
    assert stale.slug in slugs
    assert "canje" not in slugs  # checked on 2026-11-27, within 180 days
    never = editor_client.get(changelist_url(Procedure), {"not_verified_since": "never"}).context["cl"].queryset
    assert all(procedure.last_verified is None for procedure in never)


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (Procedure, {"portal_menu": "Extender la estancia"}),
        (Procedure, {"online_status__exact": "candidate"}),
        (Procedure, {"confidence__exact": "unverified"}),
        (Office, {"state__code__exact": "14"}),
        (Office, {"online_booking__exact": "no"}),
    ],
)
def test_changelist_filters(viewer_client, catalogue, model, params):
    response = viewer_client.get(changelist_url(model), params)
    assert response.status_code == 200
    rows = list(response.context["cl"].queryset)
    assert rows
    for field, value in params.items():
        attribute = field.split("__")[0]
        stored = getattr(rows[0], attribute)
        assert str(getattr(stored, "code", stored)) == value


@time_machine.travel(NOW, tick=False)
def test_needs_verification_lists_unverified_and_stale_facts(viewer_client, catalogue):
    Procedure.objects.filter(slug="canje").update(last_verified=date(2026, 1, 2))
    page = viewer_client.get(reverse("admin:procedures_needs_verification"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Canje de FMM" in body  # stale: checked more than 180 days ago
    assert "Oficina del INM en Chapala" in body  # secondary source, never verified
    assert "Notificación de cambio de domicilio" not in body  # verified on 2026-11-27


def test_needs_verification_refused_to_anonymous(client, catalogue):
    response = client.get(reverse("admin:procedures_needs_verification"))
    assert response.status_code == 302


# ----------------------------------------------------------------------------- fee years


def test_editor_opens_next_fee_year_as_estimates(editor_client, catalogue):
    schedule = FeeSchedule.objects.get(key="rt_card")
    FeeAmount.objects.filter(schedule=schedule, year=2027).delete()
    form = run_action(editor_client, FeeSchedule, "open_next_year", [schedule])
    assert form.status_code == 200 and b"from_year" in form.content
    response = run_action(
        editor_client,
        FeeSchedule,
        "open_next_year",
        [schedule],
        apply="1",
        from_year="2026",
        factor="1.0400",
        change_reason="2027 inflation factor",
    )
    assert response.status_code == 302
    new = FeeAmount.objects.filter(schedule=schedule, year=2027).order_by("variant")
    assert [amount.variant for amount in new] == ["1", "2", "3", "4"]
    one_year = new.get(variant="1")
    assert one_year.amount_mxn == (Decimal("11140.74") * Decimal("1.04")).quantize(Decimal("0.01"))
    assert all(amount.is_estimate and amount.confidence == Confidence.UNVERIFIED for amount in new)
    assert "2026" in one_year.note
    assert one_year.history.first().history_change_reason == "2027 inflation factor"


def test_opening_a_year_keeps_missing_amounts_missing_and_existing_ones(editor_client, catalogue):
    schedule = FeeSchedule.objects.get(key="rt_card")
    FeeAmount.objects.filter(schedule=schedule, year=2026, variant="4").update(
        amount_mxn=None, last_verified=None, confidence="unverified"
    )
    run_action(
        editor_client,
        FeeSchedule,
        "open_next_year",
        [schedule],
        apply="1",
        from_year="2026",
        factor="1.05",
        change_reason="x",
    )
    assert not FeeAmount.objects.filter(schedule=schedule, year=2027, variant="4").exists()
    count = FeeAmount.objects.filter(schedule=schedule, year=2027).count()
    run_action(
        editor_client,
        FeeSchedule,
        "open_next_year",
        [schedule],
        apply="1",
        from_year="2026",
        factor="2",
        change_reason="x",
    )
    assert FeeAmount.objects.filter(schedule=schedule, year=2027).count() == count


def test_viewer_cannot_open_a_fee_year(viewer_client, catalogue):
    schedule = FeeSchedule.objects.get(key="rt_card")
    before = FeeAmount.objects.count()
    run_action(
        viewer_client,
        FeeSchedule,
        "open_next_year",
        [schedule],
        apply="1",
        from_year="2026",
        factor="1.04",
        change_reason="x",
    )
    assert FeeAmount.objects.count() == before


# ----------------------------------------------------------------------------- notices, reports


def test_editor_adds_a_dated_office_notice(editor_client, catalogue):
    office = Office.objects.get(code="jal-guadalajara")
    data = {
        "office": office.pk,
        "kind": "closed",
        "text_en": "Closed on 12 December.",
        "text_es": "Cerrada el 12 de diciembre.",
        "starts_on": "2026-12-12",
        "ends_on": "2026-12-12",
        "change_reason": "Closure announced by the office",
    }
    response = editor_client.post(reverse("admin:procedures_officenotice_add"), data)
    assert response.status_code == 302
    assert office.notices.get().starts_on == date(2026, 12, 12)


def test_viewer_cannot_add_an_office_notice(viewer_client, catalogue):
    response = viewer_client.get(reverse("admin:procedures_officenotice_add"))
    assert response.status_code == 403


def test_report_queue_shows_open_reports_and_editor_resolves_them(editor_client, catalogue):
    canje = Procedure.objects.get(slug="canje")
    report = make_report(procedure=canje, message="The 2026 fee changed.")
    done = make_report(procedure=canje, message="Old one.", status="fixed")
    queue = editor_client.get(changelist_url(ProblemReport), {"status": "open"})
    shown = list(queue.context["cl"].queryset)
    assert report in shown and done not in shown
    response = editor_client.post(change_url(report), {"status": "fixed", "staff_note": "Updated the amount."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "fixed"


def test_viewer_reads_the_queue_but_cannot_resolve(viewer_client, catalogue):
    report = make_report(procedure=Procedure.objects.get(slug="canje"))
    assert viewer_client.get(changelist_url(ProblemReport)).status_code == 200
    assert viewer_client.post(change_url(report), {"status": "fixed"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "new"


def test_preparation_counts_show_no_personal_data(editor_client, catalogue):
    from .makers import make_preparation

    make_preparation(Procedure.objects.get(slug="canje"), answers={"applicant": {"surnames": "Zúñiga"}})
    page = editor_client.get(reverse("admin:procedures_preparation_counts"))
    assert page.status_code == 200
    assert b"canje" in page.content and "Zúñiga".encode() not in page.content
