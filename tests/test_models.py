"""Constraints and natural keys of every model."""

import base64
from datetime import date, timedelta

import pytest
from django.core import serializers
from django.db import IntegrityError, transaction
from django.utils import timezone

from procedures.models import (
    ChecklistItem,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Office,
    PacketPDF,
    Preparation,
    PreparationTombstone,
    Procedure,
    ProcedureFee,
    State,
    token_digest,
)

from .makers import (
    make_amount,
    make_fee_link,
    make_item,
    make_notice,
    make_office,
    make_preparation,
    make_procedure,
    make_report,
    make_rule,
    make_schedule,
    make_state,
)

pytestmark = pytest.mark.django_db


def violates(make, *args, **kwargs) -> bool:
    try:
        with transaction.atomic():
            make(*args, **kwargs)
    except IntegrityError:
        return True
    return False


def round_trip(instance):
    """Serialise with natural keys and read back: the row must be found again by its key."""
    data = serializers.serialize("json", [instance], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    (again,) = serializers.deserialize("json", data)
    return again.object


@pytest.mark.parametrize("code", ["00", "33", "1", "AB", "99"])
def test_state_code_must_be_an_inegi_code(code):
    assert violates(make_state, code, "Nowhere")


@pytest.mark.parametrize("code", ["01", "09", "14", "32"])
def test_state_accepts_inegi_codes(code):
    assert not violates(make_state, code, "Somewhere")


def test_state_code_is_unique(jalisco):
    assert violates(make_state, "14", "Jalisco again")


def test_state_natural_key_round_trip(jalisco):
    assert State.objects.get_by_natural_key("14") == jalisco
    assert round_trip(jalisco).pk == jalisco.pk


def test_procedure_natural_key_round_trip(canje):
    assert canje.natural_key() == ("canje",)
    assert Procedure.objects.get_by_natural_key("canje") == canje
    assert round_trip(canje).pk == canje.pk


def test_procedure_slug_is_unique(canje):
    assert violates(make_procedure, "canje")


def test_procedure_with_a_deadline_rule_needs_days_and_basis():
    assert violates(make_procedure, "a", deadline_rule="days_after_entry", deadline_days=None)
    assert violates(make_procedure, "b", deadline_rule="days_after_entry", deadline_days=30, deadline_basis="")
    assert violates(make_procedure, "c", deadline_rule="none", deadline_days=30, deadline_basis="")
    assert not violates(make_procedure, "d", deadline_rule="none", deadline_days=None, deadline_basis="")


def test_information_pages_have_no_wizard_and_no_appointment():
    assert violates(make_procedure, "visas", online_status="info", has_wizard=True, needs_appointment=False)
    assert violates(make_procedure, "visas2", online_status="info", has_wizard=False, needs_appointment=True)
    assert violates(make_procedure, "renovacion", online_status="confirmed", has_wizard=False)
    assert not violates(make_procedure, "visas3", online_status="info", has_wizard=False, needs_appointment=False)


def test_in_person_procedures_need_no_appointment():
    assert violates(make_procedure, "regularizacion", online_status="no", needs_appointment=True)
    assert not violates(make_procedure, "regularizacion", online_status="no", needs_appointment=False)


@pytest.mark.parametrize("confidence", ["secondary", "unverified", "conflicting"])
def test_only_verified_facts_carry_a_verification_date(confidence):
    assert violates(make_procedure, "x", confidence=confidence, last_verified=date(2026, 11, 27))
    assert not violates(make_procedure, "y", confidence=confidence, last_verified=None)


def test_checklist_item_key_is_unique_per_procedure_and_round_trips(canje):
    item = make_item(canje, "pasaporte")
    assert violates(make_item, canje, "pasaporte")
    other = make_procedure("renovacion", deadline_rule="window_before_expiry")
    assert not violates(make_item, other, "pasaporte")
    assert item.natural_key() == ("canje", "pasaporte")
    assert ChecklistItem.objects.get_by_natural_key("canje", "pasaporte") == item
    assert round_trip(item).pk == item.pk


def test_checklist_item_must_ask_for_something(canje):
    assert violates(make_item, canje, "nothing", originals=0, copies=0)
    assert not violates(make_item, canje, "copy_only", originals=0, copies=2)


def test_checklist_item_verification_date_needs_verified(canje):
    assert violates(make_item, canje, "x", confidence="secondary", last_verified=date(2026, 11, 27))


def test_general_rule_key_is_unique_and_round_trips():
    rule = make_rule("originals_and_copies")
    assert violates(make_rule, "originals_and_copies")
    assert GeneralRule.objects.get_by_natural_key("originals_and_copies") == rule
    assert round_trip(rule).pk == rule.pk


def test_fee_schedule_and_amount_natural_keys():
    schedule = make_schedule("rt_card")
    amount = make_amount(schedule, 2026, "1")
    assert FeeSchedule.objects.get_by_natural_key("rt_card") == schedule
    assert amount.natural_key() == ("rt_card", 2026, "1")
    assert FeeAmount.objects.get_by_natural_key("rt_card", 2026, "1") == amount
    assert round_trip(amount).pk == amount.pk
    assert violates(make_schedule, "rt_card")


def test_fee_amount_is_unique_per_year_and_variant():
    schedule = make_schedule()
    make_amount(schedule, 2026, "1")
    assert violates(make_amount, schedule, 2026, "1")
    assert not violates(make_amount, schedule, 2026, "2")
    assert not violates(make_amount, schedule, 2025, "1")


def test_fee_amount_constraints():
    schedule = make_schedule()
    assert violates(make_amount, schedule, 1999, "1")
    assert violates(make_amount, schedule, 2026, "2", amount="-1")
    # An estimate needs an amount, and is never "verified".
    assert violates(make_amount, schedule, 2026, "3", amount=None, is_estimate=True)
    assert violates(make_amount, schedule, 2026, "3", is_estimate=True, confidence="verified")
    assert not violates(make_amount, schedule, 2026, "3", is_estimate=True, confidence="unverified")
    # A missing amount stays missing.
    assert not violates(make_amount, schedule, 2025, "4", amount=None, confidence="unverified")


def test_procedure_fee_natural_key_and_uniqueness(canje):
    schedule = make_schedule()
    link = make_fee_link(canje, schedule, condition="visa_temporary", variant_from="status.years_requested")
    assert violates(make_fee_link, canje, schedule, condition="visa_temporary")
    assert not violates(make_fee_link, canje, schedule, condition="visa_student")
    assert link.natural_key() == ("canje", "rt_card", "visa_temporary")
    assert ProcedureFee.objects.get_by_natural_key("canje", "rt_card", "visa_temporary") == link
    assert round_trip(link).pk == link.pk


def test_office_stores_the_state_code_and_round_trips(jalisco, guadalajara):
    assert Office.objects.filter(state_id="14").get() == guadalajara
    assert Office.objects.get_by_natural_key("jal-guadalajara") == guadalajara
    assert round_trip(guadalajara).pk == guadalajara.pk


def test_office_alternative_only_for_offices_not_bookable(jalisco, guadalajara):
    assert violates(make_office, jalisco, "jal-x", online_booking="yes", nearest_online_office=guadalajara)
    assert not violates(make_office, jalisco, "jal-chapala", online_booking="no", nearest_online_office=guadalajara)


def test_office_cannot_point_to_itself(jalisco):
    chapala = make_office(jalisco, "jal-chapala", online_booking="no")
    chapala.nearest_online_office = chapala
    with pytest.raises(IntegrityError), transaction.atomic():
        chapala.save()


def test_office_notice_ends_after_it_starts(guadalajara):
    assert violates(make_notice, guadalajara, starts_on=date(2026, 12, 12), ends_on=date(2026, 12, 11))
    assert not violates(make_notice, guadalajara, starts_on=date(2026, 12, 12), ends_on=date(2026, 12, 12))


def test_problem_report_is_about_exactly_one_thing(canje, guadalajara):
    assert violates(make_report)
    assert violates(make_report, procedure=canje, office=guadalajara)
    assert not violates(make_report, procedure=canje)
    assert not violates(make_report, office=guadalajara)


def test_preparation_token_is_long_random_and_unique(canje):
    first, second = make_preparation(canje), make_preparation(canje)
    assert len(base64.urlsafe_b64decode(first.token + "==")) * 8 >= 128
    assert first.token != second.token


def test_preparation_completed_at_goes_with_complete(canje):
    assert violates(make_preparation, canje, status="complete", completed_at=None)
    assert violates(make_preparation, canje, status="draft", completed_at=timezone.now())
    assert not violates(make_preparation, canje, status="complete", completed_at=timezone.now())


def test_preparation_lives_at_most_180_days(canje):
    now = timezone.now()
    assert violates(make_preparation, canje, created_at=now, expires_at=now + timedelta(days=181))
    assert violates(make_preparation, canje, created_at=now, expires_at=now - timedelta(seconds=1))
    assert not violates(make_preparation, canje, created_at=now, expires_at=now + timedelta(days=180))


def test_new_draft_expires_in_seven_days(canje):
    preparation = make_preparation(canje)
    assert timedelta(days=6, hours=23) < preparation.expires_at - preparation.created_at <= timedelta(days=7)


def test_preparation_str_shows_no_personal_data(canje):
    preparation = make_preparation(canje, answers={"applicant": {"surnames": "Pérez-Whitfield"}})
    assert "Pérez" not in str(preparation)
    assert preparation.token not in str(preparation)


def test_tombstone_keeps_a_hash_not_the_token():
    token = "abc123"
    tombstone = PreparationTombstone.objects.create(token_hash=token_digest(token), reason="deleted")
    assert tombstone.token_hash != token and len(tombstone.token_hash) == 64
    assert violates(PreparationTombstone.objects.create, token_hash=token_digest(token), reason="expired")


def test_packet_pdf_is_one_per_language_and_is_deleted_with_its_preparation(canje):
    preparation = make_preparation(canje)
    PacketPDF.objects.create(preparation=preparation, language="es", version="v1", content=b"%PDF")
    PacketPDF.objects.create(preparation=preparation, language="en", version="v1", content=b"%PDF")
    assert violates(PacketPDF.objects.create, preparation=preparation, language="es", version="v2", content=b"%PDF")
    preparation.delete()
    assert not PacketPDF.objects.exists()
    assert Preparation.objects.count() == 0


def test_reference_changes_are_kept_in_history(canje):
    canje.name_en = "Canje"
    canje.save()
    assert canje.history.count() == 2
    assert canje.history.first().name_en == "Canje"
