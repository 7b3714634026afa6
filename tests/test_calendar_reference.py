"""The calendar's reference data: closures refused when they end before they start, DOF periods and the
booking horizon in admin and fixtures, office time zones, and the migration of stored appointments."""

import importlib
import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from procedures.models import (
    BookingHorizon,
    Confidence,
    NonWorkingPeriod,
    Office,
    OfficeNotice,
    PeriodKind,
    Preparation,
    TimeZone,
)
from procedures.reference import FIXTURES_DIR

from .admin_pages import page_data
from .makers import make_notice, make_period

pytestmark = pytest.mark.django_db

ENDS_BEFORE_START_EN = (
    "The end date is before the start date: the “until” date must be the same day as “from”, or later."
)
ENDS_BEFORE_START_ES = (
    "La fecha final es anterior a la inicial: la fecha «hasta» debe ser el mismo día que «desde» o posterior."
)


# ----------------------------------------------------------------------------- a closure that ends before it starts


@pytest.mark.parametrize(("language", "message"), [("en", ENDS_BEFORE_START_EN), ("es", ENDS_BEFORE_START_ES)])
def test_a_closure_that_ends_before_it_starts_is_refused_in_plain_words(guadalajara, language, message):
    notice = OfficeNotice(
        office=guadalajara,
        kind="closed",
        text_en="Closed",
        text_es="Cerrado",
        starts_on=date(2026, 12, 14),
        ends_on=date(2026, 12, 2),
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            notice.full_clean()
        assert refused.value.message_dict == {"ends_on": [message]}


@pytest.mark.parametrize(("language", "message"), [("en", ENDS_BEFORE_START_EN), ("es", ENDS_BEFORE_START_ES)])
def test_the_database_constraint_says_it_in_the_same_words(guadalajara, language, message):
    notice = OfficeNotice(office=guadalajara, kind="closed", starts_on=date(2026, 12, 14), ends_on=date(2026, 12, 2))
    (constraint,) = [c for c in OfficeNotice._meta.constraints if c.name == "officenotice_ends_after_start"]
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            constraint.validate(OfficeNotice, notice)
        assert refused.value.messages == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        notice.save()


def test_a_dof_period_that_ends_before_it_starts_is_refused_too():
    with pytest.raises(ValidationError) as refused:
        NonWorkingPeriod(
            key="x", starts_on=date(2027, 1, 3), ends_on=date(2026, 12, 19), name_en="x", name_es="x"
        ).full_clean()
    assert refused.value.message_dict["ends_on"] == [ENDS_BEFORE_START_EN]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_period(starts_on=date(2027, 1, 3), ends_on=date(2026, 12, 19))


def test_admin_refuses_the_closure_by_the_field(editor_client, catalogue):
    office = Office.objects.get(code="jal-guadalajara")
    data = {
        "office": office.pk,
        "kind": "closed",
        "text_en": "Closed for the holidays.",
        "text_es": "Cerrado por las fiestas.",
        "starts_on": "2026-12-14",
        "ends_on": "2026-12-02",
        "change_reason": "Closure announced",
    }
    response = editor_client.post(reverse("admin:procedures_officenotice_add"), data)
    assert response.status_code == 200
    assert ENDS_BEFORE_START_EN in response.content.decode()
    assert not OfficeNotice.objects.exists()
    spanish = editor_client.post(reverse("admin:procedures_officenotice_add"), data, HTTP_ACCEPT_LANGUAGE="es")
    assert ENDS_BEFORE_START_ES in spanish.content.decode()


def test_admin_refuses_it_in_the_office_pages_inline(editor_client, catalogue):
    office = Office.objects.get(code="jal-guadalajara")
    page = reverse("admin:procedures_office_change", args=[office.pk])
    data = page_data(editor_client.get(page))
    data.update(
        {
            "change_reason": "Closure announced",
            "notices-TOTAL_FORMS": "1",
            "notices-INITIAL_FORMS": "0",
            "notices-0-kind": "closed",
            "notices-0-starts_on": "2026-12-14",
            "notices-0-ends_on": "2026-12-02",
            "notices-0-text_en": "Closed",
            "notices-0-text_es": "Cerrado",
        }
    )
    response = editor_client.post(page, data)
    assert response.status_code == 200
    assert ENDS_BEFORE_START_EN in response.content.decode()
    assert not OfficeNotice.objects.exists()


def test_editor_enters_the_years_closure_with_its_acuerdo(editor_client, catalogue):
    data = {
        "key": "dof-2026-year-end",
        "kind": "year_end",
        "starts_on": "2026-12-19",
        "ends_on": "2027-01-03",
        "name_en": "Year-end closure of INM offices",
        "name_es": "Periodo vacacional de fin de año del INM",
        "acuerdo": "Acuerdo … (DOF 15/12/2026)",
        "sources_0": "https://www.dof.gob.mx/",
        "confidence": "unverified",
        "verify": "on",
        "verify_note": "Acuerdo read in the DOF of 15 December 2026",
        "change_reason": "The DOF published the year-end closure",
    }
    response = editor_client.post(reverse("admin:procedures_nonworkingperiod_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    period = NonWorkingPeriod.objects.get(key="dof-2026-year-end")
    assert period.office is None and period.history.count() == 1
    assert period.confidence == "verified" and period.verified_by.username == "editor"
    assert period.history.get().history_change_reason == "The DOF published the year-end closure"


def test_viewer_reads_periods_but_cannot_add_them(viewer_client, catalogue):
    assert viewer_client.get(reverse("admin:procedures_nonworkingperiod_changelist")).status_code == 200
    assert viewer_client.get(reverse("admin:procedures_nonworkingperiod_add")).status_code == 403
    assert viewer_client.get(reverse("admin:procedures_bookinghorizon_add")).status_code == 403


def test_holy_week_helper_prefills_the_form_and_saves_nothing(editor_client, catalogue):
    from procedures.admin import holy_week_link

    listing = editor_client.get(reverse("admin:procedures_nonworkingperiod_changelist")).content.decode()
    link = holy_week_link(2027)
    assert "Holy Thursday and Friday 2027 (to check)" in listing
    form = editor_client.get(link["url"]).context["adminform"].form
    assert form.initial["starts_on"] == "2027-03-25" and form.initial["ends_on"] == "2027-03-26"
    assert form.initial["kind"] == PeriodKind.HOLY_WEEK and form.initial["confidence"] == "unverified"
    assert not NonWorkingPeriod.objects.filter(kind=PeriodKind.HOLY_WEEK).exists()


def test_a_new_period_makes_a_new_reference_version(db):
    from procedures.signals import forget_reference_version, reference_version

    before = reference_version()
    make_period()
    forget_reference_version()
    assert reference_version() != before


# ----------------------------------------------------------------------------- shipped data


def test_the_shipped_calendar(catalogue):
    (period,) = NonWorkingPeriod.objects.all()
    assert (period.starts_on, period.ends_on) == (date(2022, 12, 19), date(2023, 1, 1))
    assert period.kind == PeriodKind.YEAR_END and period.office is None
    assert period.confidence == Confidence.SECONDARY and period.last_verified is None
    assert period.sources == ["https://ems-ir.com"] and period.acuerdo == ""
    horizon = BookingHorizon.objects.get(key="inm-portal")
    assert horizon.days == 21 and horizon.confidence == Confidence.SECONDARY
    assert "beglobals.com" in horizon.note_en and "beglobals.com" in horizon.note_es


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("qroo-cancun", "America/Cancun"),
        ("qroo-playa-del-carmen", "America/Cancun"),
        ("bc-tijuana", "America/Tijuana"),
        ("son-hermosillo", "America/Hermosillo"),
        ("bcs-la-paz", "America/Mazatlan"),
        ("sin-culiacan", "America/Mazatlan"),
        ("nay-tepic", "America/Mazatlan"),
        ("nay-nuevo-vallarta", "America/Bahia_Banderas"),
        ("chih-ciudad-juarez", "America/Ciudad_Juarez"),
        ("tamps-matamoros", "America/Matamoros"),
        ("tamps-reynosa", "America/Matamoros"),
        ("tamps-nuevo-laredo", "America/Matamoros"),
        ("chih-chihuahua", "America/Mexico_City"),
        ("cdmx-ciudad-de-mexico", "America/Mexico_City"),
        ("jal-guadalajara", "America/Mexico_City"),
        ("yuc-merida", "America/Mexico_City"),
    ],
)
def test_office_time_zones(catalogue, code, zone):
    assert Office.objects.get(code=code).time_zone == zone


def test_the_migration_gives_existing_offices_the_zones_of_the_fixture():
    migration = importlib.import_module("procedures.migrations.0005_calendar_reference")
    offices = json.loads((FIXTURES_DIR / "offices.json").read_text())
    shipped = {o["fields"]["code"]: o["fields"]["time_zone"] for o in offices}
    assert {code: zone for code, zone in shipped.items() if zone != "America/Mexico_City"} == (
        migration.OFFICE_TIME_ZONES
    )


def test_every_zone_loads_on_this_machine():
    from procedures.checks import check_time_zones

    assert check_time_zones(None) == []
    assert set(TimeZone.values) >= {"America/Ciudad_Juarez", "America/Bahia_Banderas", "America/Matamoros"}


# ----------------------------------------------------------------------------- stored appointments


def test_stored_appointments_move_to_their_offices_clock_and_back(catalogue):
    from django.apps import apps

    migration = importlib.import_module("procedures.migrations.0006_appointments_in_office_time")
    # Saved before this change: 09:30 typed for Hermosillo, kept as Mexico City time.
    hermosillo = Preparation.objects.create(
        answers={
            "appointment": {
                "appointment_at": "2026-12-10T09:30:00-06:00",
                "appointment_office": "son-hermosillo",
                "pieza": "1",
            }
        }
    )
    cdmx = Preparation.objects.create(
        answers={"appointment": {"appointment_at": "2026-12-10T09:30:00-06:00", "appointment_office": "nowhere"}}
    )
    untouched = Preparation.objects.create(answers={"applicant": {"surnames": "Pérez"}})
    migration.to_office_time(apps, None)
    hermosillo.refresh_from_db()
    cdmx.refresh_from_db()
    assert hermosillo.answers["appointment"] == {
        "appointment_at": "2026-12-10T09:30:00-07:00",
        "time_zone": "America/Hermosillo",
        "appointment_office": "son-hermosillo",
        "pieza": "1",
    }
    assert cdmx.answers["appointment"]["appointment_at"] == "2026-12-10T09:30:00-06:00"
    assert cdmx.answers["appointment"]["time_zone"] == "America/Mexico_City"
    migration.to_office_time(apps, None)  # a second run changes nothing
    hermosillo.refresh_from_db()
    assert hermosillo.answers["appointment"]["appointment_at"] == "2026-12-10T09:30:00-07:00"
    migration.to_mexico_city_time(apps, None)
    hermosillo.refresh_from_db()
    assert hermosillo.answers["appointment"] == {
        "appointment_at": "2026-12-10T09:30:00-06:00",
        "appointment_office": "son-hermosillo",
        "pieza": "1",
    }
    untouched.refresh_from_db()
    assert untouched.answers == {"applicant": {"surnames": "Pérez"}}


def test_an_office_notice_of_another_kind_is_no_closure(guadalajara):
    from procedures import catalogue_rows

    make_notice(guadalajara, kind="hours", starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31))
    assert catalogue_rows.office_closures(guadalajara.pk) == ()
