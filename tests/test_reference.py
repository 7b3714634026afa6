"""The shipped reference catalogue, and load_reference / export_reference."""

import json
import re
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from procedures.models import (
    BookingHorizon,
    ChecklistItem,
    Confidence,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    OnlineBooking,
    OnlineStatus,
    Procedure,
    ProcedureFee,
    State,
    UmaValue,
)
from procedures.reference import FIXTURE_FILES, FIXTURES_DIR, content_hash, reference_load

pytestmark = pytest.mark.django_db

REFERENCE_MODELS = [
    BookingHorizon,
    ChecklistItem,
    FeeAmount,
    FeeSchedule,
    GeneralRule,
    Mistake,
    NonWorkingPeriod,
    Office,
    Procedure,
    ProcedureFee,
    State,
    UmaValue,
]
SHIPPED_CHECK_DATE = date(2026, 11, 27)


def snapshot() -> dict:
    """The whole catalogue by natural key, without database ids or load hashes."""
    return {
        model._meta.label_lower: sorted(
            (json.dumps(list(row.natural_key()), default=str), content_hash(row))
            for row in model._default_manager.all()
        )
        for model in REFERENCE_MODELS
    }


@pytest.mark.parametrize("name", list(FIXTURE_FILES))
def test_every_fixture_loads_with_loaddata(name):
    for earlier in list(FIXTURE_FILES)[: list(FIXTURE_FILES).index(name)]:
        call_command("loaddata", earlier, verbosity=0)
    call_command("loaddata", name, verbosity=0)
    models = FIXTURE_FILES[name]
    assert all(model.objects.exists() for model in models)


def test_27_procedures_23_with_the_wizard_4_information_pages(catalogue):
    assert Procedure.objects.count() == 27
    assert Procedure.objects.filter(has_wizard=True).count() == 23
    info = Procedure.objects.filter(online_status=OnlineStatus.INFO)
    assert set(info.values_list("slug", flat=True)) == {
        "visas",
        "constancia_empleador",
        "actualizacion_constancia_empleador",
        "regularizacion_programa_especial",
    }
    counts = {status: Procedure.objects.filter(online_status=status).count() for status in OnlineStatus.values}
    assert counts == {"confirmed": 16, "candidate": 4, "no": 3, "info": 4}


def test_confirmed_online_procedures_have_at_least_three_items(catalogue):
    for procedure in Procedure.objects.filter(online_status=OnlineStatus.CONFIRMED):
        assert procedure.checklist_items.count() >= 3, procedure.slug


def test_candidates_are_not_confirmed(catalogue):
    for procedure in Procedure.objects.filter(online_status=OnlineStatus.CANDIDATE):
        assert procedure.confidence != Confidence.VERIFIED, procedure.slug
        assert procedure.needs_appointment


def test_unverified_requirements_are_tagged(catalogue):
    assert ChecklistItem.objects.exclude(confidence=Confidence.VERIFIED).exists()
    carta = ChecklistItem.objects.get(procedure__slug="canje", key="carta_solicitud")
    assert carta.confidence == Confidence.SECONDARY and not carta.is_confirmed


@pytest.mark.parametrize("model", [Procedure, ChecklistItem, GeneralRule, FeeSchedule, FeeAmount, Office, UmaValue])
def test_only_verified_facts_carry_the_check_date(catalogue, model):
    rows = model.objects.all()
    for row in rows:
        if row.confidence == Confidence.VERIFIED:
            assert row.last_verified == SHIPPED_CHECK_DATE, row
        else:
            assert row.last_verified is None, row
    assert rows.exclude(sources=[]).exists()


def test_sources_are_urls(catalogue):
    for model in (Procedure, ChecklistItem, Office, FeeAmount, UmaValue):
        for row in model.objects.exclude(sources=[]):
            assert all(url.startswith(("http://", "https://")) for url in row.sources), row


def test_32_states_and_offices_in_every_one(catalogue):
    assert State.objects.count() == 32
    assert sorted(State.objects.values_list("code", flat=True)) == [f"{n:02d}" for n in range(1, 33)]
    assert set(Office.objects.values_list("state_id", flat=True)) == set(State.objects.values_list("code", flat=True))
    assert Office.objects.filter(kind="state_office").values("state").distinct().count() == 32


@pytest.mark.parametrize("code", ["jal-chapala", "jal-melaque"])
def test_chapala_and_melaque_are_not_bookable_and_name_guadalajara(catalogue, code):
    office = Office.objects.get(code=code)
    assert office.online_booking == OnlineBooking.NO
    assert office.nearest_online_office.code == "jal-guadalajara"
    assert office.nearest_online_office.online_booking == OnlineBooking.YES
    assert "Guadalajara" in office.note_en and "Guadalajara" in office.note_es


def test_fee_amounts_cover_2024_to_2026_and_estimates_are_flagged(catalogue):
    rt_2026 = FeeAmount.objects.filter(schedule__key="rt_card", year=2026).order_by("variant")
    assert [amount.variant for amount in rt_2026] == ["1", "2", "3", "4"]
    for amount in FeeAmount.objects.filter(is_estimate=True):
        assert amount.amount_mxn is not None and amount.confidence != Confidence.VERIFIED
    for schedule in FeeSchedule.objects.filter(kind="amounts"):
        years = set(schedule.amounts.values_list("year", flat=True))
        assert {2024, 2025, 2026} <= years, schedule.key


def test_every_fee_link_names_a_schedule_of_the_catalogue(catalogue):
    canje_links = {(link.schedule.key, link.condition) for link in ProcedureFee.objects.filter(procedure__slug="canje")}
    assert canje_links == {("rt_card", "visa_temporary"), ("rp_card", "visa_permanent")}
    assert ProcedureFee.objects.filter(procedure__slug="notif_domicilio", schedule__key="free").exists()


def test_general_rules_are_unique_by_key(catalogue):
    keys = list(GeneralRule.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) >= 4
    assert GeneralRule.objects.get(key="minors_signature").condition == "minor"


def test_load_reference_twice_changes_nothing(loaded_catalogue):
    before = snapshot()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "0 added, 0 updated" in out.getvalue()
    assert snapshot() == before


def copy_fixtures(tmp_path):
    directory = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, directory)
    return directory


def edit_fixture(directory, name, model, key_field, key, **changes):
    path = directory / f"{name}.json"
    objects = json.loads(path.read_text())
    for entry in objects:
        if entry["model"] == model and entry["fields"][key_field] == key:
            entry["fields"].update(changes)
    path.write_text(json.dumps(objects, ensure_ascii=False))


def test_load_reference_updates_an_untouched_row_when_its_fixture_changes(loaded_catalogue, tmp_path):
    directory = copy_fixtures(tmp_path)
    edit_fixture(directory, "procedures", "procedures.procedure", "slug", "canje", name_en="Canje, new wording")
    report = reference_load(directory=directory)
    assert report.updated == ["procedures.procedure canje"]
    canje = Procedure.objects.get(slug="canje")
    assert canje.name_en == "Canje, new wording"
    assert canje.history.first().history_change_reason == "load_reference"


def test_load_reference_keeps_a_staff_edit_and_lists_it(loaded_catalogue, tmp_path):
    canje = Procedure.objects.get(slug="canje")
    canje.summary_en = "Edited by staff at 8 am."
    canje.save()
    directory = copy_fixtures(tmp_path)
    edit_fixture(directory, "procedures", "procedures.procedure", "slug", "canje", name_en="Canje, new wording")
    out = StringIO()
    call_command("load_reference", directory=directory, stdout=out)
    canje.refresh_from_db()
    assert canje.summary_en == "Edited by staff at 8 am."
    assert canje.name_en != "Canje, new wording"
    assert "procedures.procedure canje" in out.getvalue()
    assert "1 changed by staff and kept" in out.getvalue()


def test_load_reference_update_overwrites_a_staff_edit(loaded_catalogue, tmp_path):
    canje = Procedure.objects.get(slug="canje")
    canje.summary_en = "Edited by staff."
    canje.save()
    call_command("load_reference", update=True, stdout=StringIO())
    canje.refresh_from_db()
    assert canje.summary_en != "Edited by staff."


def test_load_reference_adds_a_new_row(loaded_catalogue, tmp_path):
    ChecklistItem.objects.filter(procedure__slug="canje", key="fmm").delete()
    report = reference_load()
    assert report.created == ["procedures.checklistitem canje/fmm"]
    assert ChecklistItem.objects.filter(procedure__slug="canje", key="fmm").exists()


def test_export_then_load_on_a_fresh_database_gives_the_same_catalogue(loaded_catalogue, tmp_path):
    before = snapshot()
    call_command("export_reference", tmp_path / "export", stdout=StringIO())
    for model in (ProcedureFee, FeeAmount, FeeSchedule, ChecklistItem, GeneralRule, Office, Procedure, State, UmaValue):
        model.objects.all().delete()
    assert not UmaValue.objects.exists()
    assert not Procedure.objects.exists()
    report = reference_load(directory=tmp_path / "export")
    assert not report.kept_staff_edits and not report.updated
    assert snapshot() == before


def test_load_reference_keeps_a_staff_edit_of_a_uma_value(loaded_catalogue, tmp_path):
    uma = UmaValue.objects.get(year=2026)
    uma.confidence = Confidence.VERIFIED
    uma.last_verified = date(2026, 12, 1)
    uma.save()
    directory = copy_fixtures(tmp_path)
    edit_fixture(directory, "uma_values", "procedures.umavalue", "year", 2026, note="A new note.")
    report = reference_load(directory=directory)
    assert report.kept_staff_edits == ["procedures.umavalue 2026"]
    uma.refresh_from_db()
    assert uma.confidence == Confidence.VERIFIED and uma.note != "A new note."


@pytest.mark.parametrize(
    "slug", ["cambio_rp_unidad_familiar", "cambio_rt_unidad_familiar", "cambio_a_visitante_razones_humanitarias"]
)
def test_changes_of_status_from_a_visitor_end_with_the_stay(catalogue, slug):
    procedure = Procedure.objects.get(slug=slug)
    assert procedure.deadline_rule == "before_stay_ends"
    assert procedure.deadline_days is None
    # One secondary report (FACTS.md, corrections of 2026-12-01): shown as not confirmed.
    assert procedure.deadline_basis == "unverified"
    assert "Lineamientos" in procedure.deadline_source


def test_a_rule_that_counts_no_days_carries_none():
    from django.db import IntegrityError, transaction

    with transaction.atomic(), pytest.raises(IntegrityError):
        Procedure.objects.create(
            slug="x",
            name_es="x",
            name_en="x",
            online_status="confirmed",
            deadline_rule="before_stay_ends",
            deadline_days=30,
            deadline_basis="legal",
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Procedure.objects.create(
            slug="y", name_es="y", name_en="y", online_status="confirmed", deadline_rule="before_stay_ends"
        )  # a basis is required


def test_make_run_loads_the_reference_on_a_fresh_database():
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert Procedure.objects.count() == 27
    assert "0 changed by staff" in out.getvalue()


# ----------------------------------------------------------------------------- the facts of issue 19

# English a Spanish (or language-neutral) field must not hold.
ENGLISH = re.compile(r"\b(the|and|of|only|many|offices|accept|with|from|card|Mon|Fri|Opens|pick-up|call centre)\b")


def test_no_english_in_the_spanish_or_shared_texts_of_the_catalogue(catalogue):
    found = []
    for model in (Procedure, ChecklistItem, GeneralRule, FeeSchedule, Office):
        for row in model.objects.all():
            for field in row._meta.concrete_fields:
                value = getattr(row, field.attname)
                spanish_or_shared = field.name.endswith("_es") or field.name in ("address", "phone", "name", "city")
                if spanish_or_shared and isinstance(value, str) and ENGLISH.search(value):
                    found.append((str(row), field.name, value))
    assert found == []


def test_every_deadline_source_is_in_both_languages(catalogue):
    for procedure in Procedure.objects.exclude(deadline_rule="none"):
        assert bool(procedure.deadline_source_en) == bool(procedure.deadline_source_es), procedure.slug
    with translation.override("es"):
        assert Procedure.objects.get(slug="notif_domicilio").deadline_source == "Ley de Migración, arts. 63 y 158"
    with translation.override("en"):
        assert Procedure.objects.get(slug="notif_domicilio").deadline_source == "Ley de Migración arts. 63 and 158"


@pytest.mark.parametrize(
    ("slug", "basis", "source"),
    [
        ("canje", "legal", "Ley de Migración art. 59"),
        # FACTS.md §2.4 Renovación: the window is read in gob.mx INM820, a requirement sheet.
        ("renovacion", "sheet", "gob.mx INM820"),
        # FACTS.md §2.4 Reposición: the consulates' pages (consulmex Toronto, embamex Canada).
        ("reposicion", "guidance", "Mexican consulates"),
        ("cambio_rt_a_rp", "practice", "many offices"),
    ],
)
def test_a_deadline_rests_on_what_its_source_is(catalogue, slug, basis, source):
    procedure = Procedure.objects.get(slug=slug)
    assert procedure.deadline_basis == basis
    assert source in procedure.deadline_source_en


def test_every_office_address_names_its_source(catalogue):
    addressed = Office.objects.exclude(address="")
    assert addressed.count() >= 9
    assert not addressed.filter(address_source="").exists()
    guadalajara = Office.objects.get(code="jal-guadalajara")
    # FACTS.md corrections of 2026-12-01: the Palacio Federal address rests on a 2014 article.
    assert (guadalajara.address_source, guadalajara.address_as_of) == ("Guadalajara Reporter", "2014")


def test_oaxacas_office_is_in_san_antonio_de_la_cal(catalogue):
    oaxaca = Office.objects.get(code="oax-oaxaca")
    assert "San Antonio de la Cal" in oaxaca.address and "carretera federal 175" in oaxaca.address
    assert (oaxaca.address_source, oaxaca.address_as_of) == ("La Jornada", "2022")


@pytest.mark.parametrize(
    "code", ["jal-puerto-vallarta", "gto-san-miguel-de-allende", "bcs-cabo-san-lucas", "chis-tapachula"]
)
def test_offices_of_the_2021_pilot_are_bookable_on_secondary_evidence(catalogue, code):
    office = Office.objects.get(code=code)
    assert office.online_booking == OnlineBooking.YES
    assert office.online_booking_confidence == Confidence.SECONDARY
    assert "(2021)" in office.online_booking_source
    assert "2021 online-appointment pilot" in office.note_en
    assert office.nearest_online_office is None


def test_online_booking_always_says_what_it_rests_on(catalogue):
    for office in Office.objects.exclude(online_booking=OnlineBooking.UNKNOWN):
        assert office.online_booking_source, office.code
    assert not Office.objects.filter(online_booking=OnlineBooking.UNKNOWN).exclude(online_booking_source="").exists()
    chapala = Office.objects.get(code="jal-chapala")
    assert (chapala.online_booking, chapala.online_booking_confidence) == ("no", "secondary")


def test_opening_hours_are_in_both_languages(catalogue):
    with_hours = Office.objects.exclude(hours_en="")
    assert with_hours.count() == Office.objects.exclude(hours_es="").count() >= 5
    with translation.override("es"):
        assert Office.objects.get(code="jal-puerto-vallarta").hours == "Abre a las 09:00 (a menudo hacia las 09:30)"


def test_the_formato_basico_items_say_it_is_brought_filled_in(catalogue):
    items = ChecklistItem.objects.filter(key__startswith="formato_basico")
    assert items.count() == 4
    for item in items:
        assert "already filled in" in item.help_en and "ya llenado" in item.help_es
        assert any("INM820" in url for url in item.sources)
