"""Staff trust, through the real admin forms: verification that asks for a source, a reason for
every change, translations kept in step, one timeline per procedure, and the dashboard."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from procedures.models import (
    ChecklistItem,
    Confidence,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Office,
    OfficeNotice,
    Procedure,
)

from .admin_pages import add_url, change_url, changelist_url, history_url, page_data, post_change
from .makers import make_report
from .test_packet import CANJE, core
from .wizard import url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

NOW = "2026-12-01 16:00:00+00:00"  # 10:00 in Mexico City


def canje_item(key):
    return ChecklistItem.objects.get(procedure__slug="canje", key=key)


def checklist_entry(body: str, key: str) -> str:
    """The <li> of one checklist item in a packet page."""
    start = body.index(f'id="check-{key}"')
    return body[start : body.index("</li>", start)]


# ----------------------------------------------------------------------------- verification


@time_machine.travel(NOW, tick=False)
def test_verifying_without_a_source_is_refused(editor_client):
    item = canje_item("carta_solicitud")  # secondary source
    page = editor_client.get(change_url(item))
    data = page_data(page)
    data = {key: value for key, value in data.items() if not key.startswith("sources_")}
    data.update(sources_0="", verify="on", verify_note="Checked", change_reason="Yearly check")
    response = editor_client.post(change_url(item), data)
    assert response.status_code == 200
    assert "Give the source you checked" in response.content.decode()
    item.refresh_from_db()
    assert item.confidence == Confidence.SECONDARY and item.last_verified is None


@time_machine.travel(NOW, tick=False)
def test_choosing_verified_in_the_list_does_not_verify(editor_client):
    item = canje_item("carta_solicitud")
    response = post_change(editor_client, item, confidence="verified")
    assert response.status_code == 200
    assert "A fact becomes verified only when you check it" in response.content.decode()
    item.refresh_from_db()
    assert item.confidence == Confidence.SECONDARY


@time_machine.travel(NOW, tick=False)
def test_verifying_with_a_source_and_a_note_records_who_and_when(editor_client):
    item = canje_item("carta_solicitud")
    response = post_change(
        editor_client,
        item,
        sources_1="Acuerdo INM, DOF 8 Nov 2012, art. 31",
        verify="on",
        verify_note="The letter is listed among the requirements",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.confidence == Confidence.VERIFIED
    assert item.last_verified == date(2026, 12, 1) and item.verified_by.username == "editor"
    assert item.verification_note == "The letter is listed among the requirements"
    assert item.sources[-1] == "Acuerdo INM, DOF 8 Nov 2012, art. 31"


@time_machine.travel(NOW, tick=False)
def test_a_source_that_is_neither_a_url_nor_a_citation_is_refused(editor_client):
    item = canje_item("carta_solicitud")
    response = post_change(editor_client, item, sources_1="a blog")
    assert response.status_code == 200
    assert "neither a web address nor a citation" in response.content.decode()
    assert item.sources == ChecklistItem.objects.get(pk=item.pk).sources


@time_machine.travel(NOW, tick=False)
def test_a_verified_item_edited_without_checking_needs_checking_and_the_packet_says_so(client, editor_client):
    item = canje_item("pasaporte_visa")
    assert item.confidence == Confidence.VERIFIED
    preparation = walk(client, "en", "canje", core(CANJE))
    before = client.get(url("packet", "en", preparation.token)).content.decode()
    assert "not confirmed" not in checklist_entry(before, "pasaporte_visa")

    response = post_change(editor_client, item, copies="2", change_reason="An office asks for two copies")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.copies == 2
    assert item.confidence == Confidence.NEEDS_CHECKING and item.last_verified is None
    assert "no longer verified" in editor_client.get(change_url(item)).content.decode()  # the message

    after = client.get(url("packet", "en", preparation.token)).content.decode()
    entry = checklist_entry(after, "pasaporte_visa")
    assert "not confirmed" in entry and "2 simple copies" in entry


@time_machine.travel(NOW, tick=False)
def test_editing_and_checking_in_the_same_save_keeps_it_verified(editor_client):
    item = canje_item("pasaporte_visa")
    response = post_change(
        editor_client, item, copies="2", verify="on", verify_note="Two copies, per the office's list"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.confidence == Confidence.VERIFIED and item.copies == 2


@time_machine.travel(NOW, tick=False)
def test_a_verified_fee_changed_in_the_schedule_page_needs_checking(editor_client):
    schedule = FeeSchedule.objects.get(key="rt_card")
    amount = schedule.amounts.get(year=2026, variant="1")
    assert amount.confidence == Confidence.VERIFIED and amount.amount_mxn == Decimal("11140.74")
    page = editor_client.get(change_url(schedule))
    data = page_data(page)
    row = next(key for key, value in data.items() if key.endswith("-id") and str(value) == str(amount.pk))
    data[row.replace("-id", "-amount_mxn")] = "11250.00"
    data["change_reason"] = "New amount from a reader"
    response = editor_client.post(change_url(schedule), data)
    assert response.status_code == 302
    amount.refresh_from_db()
    assert amount.amount_mxn == Decimal("11250.00")
    assert amount.confidence == Confidence.NEEDS_CHECKING and amount.last_verified is None
    assert amount.history.first().history_change_reason == "New amount from a reader"
    other = schedule.amounts.get(year=2026, variant="2")
    assert other.confidence == Confidence.VERIFIED  # rows not changed keep their verification


def run_action(client, model, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], **extra}
    return client.post(changelist_url(model), data)


@time_machine.travel(NOW, tick=False)
def test_bulk_verification_verifies_only_the_facts_given_a_source(editor_client):
    chapala, melaque = Office.objects.get(code="jal-chapala"), Office.objects.get(code="jal-melaque")
    before = melaque.confidence
    response = run_action(
        editor_client,
        Office,
        "mark_verified",
        [chapala, melaque],
        apply="1",
        **{f"source_{chapala.pk}": "https://www.gob.mx/inm", f"source_{melaque.pk}": ""},
        note="Listed on gob.mx",
        change_reason="Office check",
    )
    assert response.status_code == 302
    chapala.refresh_from_db()
    melaque.refresh_from_db()
    assert chapala.confidence == Confidence.VERIFIED and chapala.verified_by.username == "editor"
    assert melaque.confidence == before
    assert chapala.history.first().history_change_reason == "Office check"


@time_machine.travel(NOW, tick=False)
def test_bulk_verification_without_any_source_changes_nothing(editor_client):
    chapala = Office.objects.get(code="jal-chapala")
    response = run_action(
        editor_client,
        Office,
        "mark_verified",
        [chapala],
        apply="1",
        **{f"source_{chapala.pk}": ""},
        note="x",
        change_reason="x",
    )
    assert response.status_code == 200
    assert "only those are verified" in response.content.decode()
    chapala.refresh_from_db()
    assert chapala.confidence != Confidence.VERIFIED


# ----------------------------------------------------------------------------- reasons


def test_a_save_without_a_reason_is_refused(editor_client):
    canje = Procedure.objects.get(slug="canje")
    response = post_change(editor_client, canje, reason=None, name_en="Something else")
    assert response.status_code == 200
    assert "Say in a few words why you make this change" in response.content.decode()
    canje.refresh_from_db()
    assert canje.name_en != "Something else"


def test_adding_without_a_reason_is_refused(editor_client):
    data = {"key": "new_rule", "position": "9", "condition": "always", "text_en": "A rule.", "text_es": "Una regla."}
    data["confidence"] = "unverified"
    assert editor_client.post(add_url(GeneralRule), data).status_code == 200
    assert not GeneralRule.objects.filter(key="new_rule").exists()
    assert editor_client.post(add_url(GeneralRule), {**data, "change_reason": "New rule"}).status_code == 302
    assert GeneralRule.objects.get(key="new_rule").history.first().history_change_reason == "New rule"


def test_a_delete_asks_for_a_reason_and_keeps_it(editor_client):
    notice = OfficeNotice.objects.create(
        office=Office.objects.get(code="jal-guadalajara"),
        text_en="Closed.",
        text_es="Cerrada.",
        starts_on=date(2026, 12, 12),
    )
    delete_url = reverse("admin:procedures_officenotice_delete", args=[notice.pk])
    page = editor_client.get(delete_url)
    assert page.status_code == 200 and 'name="change_reason"' in page.content.decode()
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert OfficeNotice.objects.filter(pk=notice.pk).exists()
    assert editor_client.post(delete_url, {"post": "yes", "change_reason": "Notice was a mistake"}).status_code == 302
    assert not OfficeNotice.objects.filter(pk=notice.pk).exists()
    assert (
        OfficeNotice.history.filter(id=notice.pk, history_type="-").get().history_change_reason
        == "Notice was a mistake"
    )


def test_a_procedure_history_shows_its_items_fees_and_rules_in_one_timeline(editor_client):
    canje = Procedure.objects.get(slug="canje")
    assert (
        post_change(editor_client, canje, summary_en="New summary.", change_reason="Summary rewritten").status_code
        == 302
    )
    item = canje_item("fotografias")
    assert post_change(editor_client, item, copies="1", change_reason="Photos need a copy").status_code == 302
    amount = FeeAmount.objects.get(schedule__key="rt_card", year=2026, variant="2")
    assert post_change(editor_client, amount, amount_mxn="16700.00", change_reason="LFD erratum").status_code == 302
    rule = GeneralRule.objects.get(key="hand_signature")
    rule.save()  # a first version to compare with (loaddata records none; load_reference does)
    assert (
        post_change(editor_client, rule, text_en="Sign by hand, in blue ink.", change_reason="Ink colour").status_code
        == 302
    )

    page = editor_client.get(history_url(canje))
    assert page.status_code == 200
    timeline = page.content.decode()
    timeline = timeline[
        timeline.index('id="combined-history"') : timeline.index("</table>", timeline.index('id="combined-history"'))
    ]
    for reason in ("Summary rewritten", "Photos need a copy", "LFD erratum", "Ink colour"):
        assert reason in timeline
    assert "fotografias" in timeline and "Sign by hand, in blue ink." in timeline
    assert timeline.index("Ink colour") < timeline.index("Summary rewritten")  # newest first
    assert reverse("admin:procedures_checklistitem_history", args=[item.pk]) in timeline  # its revert links


# ----------------------------------------------------------------------------- translations


@time_machine.travel(NOW, tick=False)
def test_changing_only_the_english_marks_the_spanish_stale(client, editor_client):
    item = canje_item("formato_basico")
    spanish = item.text_es
    response = post_change(editor_client, item, text_en="Formato Básico, completed and signed")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.stale_translations == ["text_es"]

    listing = editor_client.get(changelist_url(ChecklistItem), {"translations": "stale"})
    assert [row.pk for row in listing.context["cl"].queryset] == [item.pk]
    assert "to update: text in Spanish" in listing.content.decode()
    assert "Translations: complete" not in editor_client.get(change_url(item)).content.decode()

    # Applicants in Spanish read the up-to-date English, marked; the Comentarios stay in Spanish.
    preparation = walk(client, "es", "canje", core(CANJE))
    body = client.get(url("packet", "es", preparation.token)).content.decode()
    entry = checklist_entry(body, "formato_basico")
    assert '<span lang="en">Formato Básico, completed and signed</span>' in entry
    assert "traducción en actualización" in entry
    comments = body[
        body.index('<pre class="comments-text"') : body.index("</pre>", body.index('<pre class="comments-text"'))
    ]
    assert spanish in comments and "completed and signed" not in comments

    # The translator brings the Spanish up to date: the mark goes.
    response = post_change(editor_client, item, text_es="Formato Básico, llenado y firmado")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.stale_translations == []


def test_a_typo_fixed_in_one_language_can_leave_the_other_as_it_is(editor_client):
    item = canje_item("formato_basico")
    response = post_change(editor_client, item, text_en=item.text_en + " ", translations_checked="on")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.stale_translations == []


# ----------------------------------------------------------------------------- widgets


def test_keys_are_read_only_once_created_and_steps_are_checkboxes(editor_client):
    canje = Procedure.objects.get(slug="canje")
    body = editor_client.get(change_url(canje)).content.decode()
    assert 'name="slug"' not in body
    assert re.search(r'type="checkbox" name="extra_steps" value="family"', body)
    response = post_change(editor_client, canje, slug="renamed", extra_steps=["family", "guardian"])
    assert response.status_code == 302
    canje.refresh_from_db()
    assert canje.slug != "renamed"
    assert sorted(canje.extra_steps) == ["family", "guardian"]


def test_sources_are_a_list_of_fields(editor_client):
    item = canje_item("fmm")
    body = editor_client.get(change_url(item)).content.decode()
    assert 'name="sources_0"' in body and 'name="sources_1"' in body
    assert "[&quot;" not in body  # no JSON for staff to edit


@pytest.mark.parametrize(
    ("language", "message"), [("en", "An estimate needs an amount"), ("es", "Una estimación necesita un monto")]
)
def test_constraint_errors_read_as_plain_words(editor_client, language, message):
    amount = FeeAmount.objects.get(schedule__key="rt_card", year=2026, variant="3")
    page = editor_client.get(change_url(amount), HTTP_ACCEPT_LANGUAGE=language)
    data = {**page_data(page), "change_reason": "x", "amount_mxn": "", "is_estimate": "on"}
    response = editor_client.post(change_url(amount), data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "is violated" not in body


def test_office_notice_ending_before_it_starts_is_explained(editor_client):
    office = Office.objects.get(code="jal-guadalajara")
    page = editor_client.get(change_url(office))
    data = page_data(page)
    data.update(
        {
            "notices-TOTAL_FORMS": "1",
            "notices-0-kind": "closed",
            "notices-0-starts_on": "2026-12-12",
            "notices-0-ends_on": "2026-12-10",
            "notices-0-text_en": "Closed.",
            "notices-0-text_es": "Cerrada.",
            "change_reason": "Closure",
        }
    )
    response = editor_client.post(change_url(office), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "The end date is before the start date" in body and "is violated" not in body


def test_fee_amounts_have_human_names():
    amount = FeeAmount.objects.get(schedule__key="rt_card", year=2026, variant="1")
    with translation.override("es"):
        assert str(amount) == "Residente temporal, 1 año · 2026"
    with translation.override("en"):
        assert str(amount) == "Temporary resident, 1 year · 2026"


def test_the_procedure_page_lists_items_compactly_with_a_link_to_their_list(editor_client):
    canje = Procedure.objects.get(slug="canje")
    body = editor_client.get(change_url(canje)).content.decode()
    assert 'name="checklist_items-0-text_en"' not in body  # no stacked textareas
    assert "3 photos, tipo infantil" in body
    link = f"{changelist_url(ChecklistItem)}?procedure__id__exact={canje.pk}"
    assert link in body
    listing = editor_client.get(link)
    rows = list(listing.context["cl"].queryset)
    assert rows and {row.procedure_id for row in rows} == {canje.pk}
    columns = listing.content.decode()
    assert "column-originals_and_copies" in columns and "column-confidence" in columns
    assert "3 / 0" in columns  # the photos: three originals, no copy


# ----------------------------------------------------------------------------- dashboard


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_counts_match_the_lists_it_links_to(editor_client):
    make_report(procedure=Procedure.objects.get(slug="canje"), message="Fee changed")
    ChecklistItem.objects.filter(pk=canje_item("fmm").pk).update(stale_translations=["text_es"])
    Office.objects.filter(code="jal-chapala").update(hours_en="", hours_es="")
    page = editor_client.get(reverse("admin:index"))
    assert page.status_code == 200
    body = page.content.decode()
    dashboard = body[body.index('id="staff-dashboard"') :]
    assert "1 open problem report" in dashboard
    assert "1 checklist item with a translation to update" in dashboard
    assert "2027: " in dashboard and "in 31 days" in dashboard  # fees in force from 1 January
    assert "Year-end closure 2026 not entered" in dashboard
    assert "Holy Week 2027 not entered" in dashboard
    links = re.findall(r'<li(?: class="urgent")?><a href="([^"]+)">(\d+) ', dashboard.replace("&amp;", "&"))
    links += [
        (href, count) for href, count in re.findall(r'<a href="([^"]+)">\d{4}: (\d+) ', dashboard.replace("&amp;", "&"))
    ]
    assert len(links) >= 4
    for href, count in links:
        listing = editor_client.get(href)
        assert listing.status_code == 200, href
        assert listing.context["cl"].result_count == int(count), href


@time_machine.travel(NOW, tick=False)
def test_a_verified_year_clears_its_dashboard_line(editor_client):
    FeeAmount.objects.filter(year=2027).delete()
    body = editor_client.get(reverse("admin:index")).content.decode()
    with_amounts = FeeSchedule.objects.filter(kind="amounts").count()
    assert f"2027: {with_amounts} fees without an amount (in force from 1 January, in 31 days)" in body
    assert not re.search(r"2027: \d+ fee amounts? not confirmed", body)  # none left to confirm


def test_reverting_to_an_earlier_version_asks_for_a_reason(editor_client):
    canje = Procedure.objects.get(slug="canje")
    canje.save()  # a first version to go back to (loaddata records none)
    original = canje.name_en
    assert post_change(editor_client, canje, name_en="A wrong name", change_reason="Typo").status_code == 302
    first = canje.history.order_by("history_date").first()
    revert_url = reverse("admin:procedures_procedure_simple_history", args=[canje.pk, first.history_id])
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    data = page_data(page)
    assert editor_client.post(revert_url, data).status_code == 200  # no reason: refused
    canje.refresh_from_db()
    assert canje.name_en == "A wrong name"
    assert editor_client.post(revert_url, {**data, "change_reason": "Back to the checked name"}).status_code == 302
    canje.refresh_from_db()
    assert canje.name_en == original
    assert canje.history.first().history_change_reason == "Back to the checked name"
