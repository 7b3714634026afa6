"""Catalogue rows kept in memory per reference version: read once, read again after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures import catalogue_rows
from procedures.signals import one_reference_version, reference_version

from .makers import (
    make_amount,
    make_fee_link,
    make_item,
    make_office,
    make_procedure,
    make_rule,
    make_schedule,
    make_state,
)

pytestmark = pytest.mark.django_db


def test_catalogue_rows_are_read_once_until_the_catalogue_changes():
    jalisco = make_state("14", "Jalisco")
    make_office(jalisco, code="jal-guadalajara", city="Guadalajara")
    assert [office.city for office in catalogue_rows.active_offices()] == ["Guadalajara"]
    with CaptureQueriesContext(connection) as queries, one_reference_version():
        catalogue_rows.active_offices()
        catalogue_rows.active_offices()
    assert len(queries) == 1 and "referenceversion" in queries[0]["sql"]  # only the version

    make_office(jalisco, code="jal-puerto-vallarta", city="Puerto Vallarta")
    assert [office.city for office in catalogue_rows.active_offices()] == ["Guadalajara", "Puerto Vallarta"]
    make_state("01", "Aguascalientes")
    assert [state.name for state in catalogue_rows.states()] == ["Aguascalientes", "Jalisco"]
    procedure = make_procedure("canje", has_wizard=True)
    assert procedure in catalogue_rows.wizard_procedures()
    procedure.active = False
    procedure.save()
    assert procedure not in catalogue_rows.wizard_procedures()


def test_a_procedures_checklist_and_fees_are_read_again_after_an_edit():
    procedure = make_procedure("canje")
    item = make_item(procedure, key="pasaporte", text_en="Passport")
    schedule = make_schedule("rt_card")
    make_amount(schedule, year=2026, amount="100.00")
    make_fee_link(procedure, schedule)
    make_rule("originals_and_copies")
    assert [i.text_en for i in catalogue_rows.checklist_items(procedure.pk)] == ["Passport"]
    assert [link.schedule.key for link in catalogue_rows.fee_links(procedure.pk)] == ["rt_card"]
    assert [rule.key for rule in catalogue_rows.general_rules()] == ["originals_and_copies"]
    assert [card.key for card in catalogue_rows.card_schedules()] == ["rt_card"]
    with CaptureQueriesContext(connection) as queries, one_reference_version():
        catalogue_rows.checklist_items(procedure.pk)
        amounts = [a.amount_mxn for link in catalogue_rows.fee_links(procedure.pk) for a in link.schedule.amounts.all()]
        catalogue_rows.general_rules()
        catalogue_rows.card_schedules()
    assert len(queries) == 1  # the version
    assert [str(a) for a in amounts] == ["100.00"]

    item.text_en = "Valid passport"
    item.save()
    make_amount(schedule, year=2027, amount="110.00")
    assert [i.text_en for i in catalogue_rows.checklist_items(procedure.pk)] == ["Valid passport"]
    years = [a.year for link in catalogue_rows.fee_links(procedure.pk) for a in link.schedule.amounts.all()]
    assert years == [2027, 2026]


def test_the_version_is_read_once_a_request_and_again_on_the_next(client):
    from procedures.models import ReferenceVersion

    make_office(make_state("14", "Jalisco"))
    with one_reference_version():
        first = reference_version()
        ReferenceVersion.objects.filter(pk=1).update(value="set by another process")
        assert reference_version() == first  # the same within one request
    assert reference_version() == "set by another process"  # the next one reads it again
    client.get("/healthz")
    assert reference_version() == "set by another process"


def test_rows_are_read_again_when_the_version_moves_even_without_a_signal():
    from procedures.models import ReferenceVersion

    make_office(make_state("14", "Jalisco"), city="Guadalajara")
    assert [office.city for office in catalogue_rows.active_offices()] == ["Guadalajara"]
    # A raw write, no signal: what another process's change looks like from here.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procedures_office SET city = 'Zapopan'")
    assert [office.city for office in catalogue_rows.active_offices()] == ["Guadalajara"]
    ReferenceVersion.objects.filter(pk=1).update(value="moved by another process")
    assert [office.city for office in catalogue_rows.active_offices()] == ["Zapopan"]


def test_an_office_notice_makes_a_new_version():
    from .makers import make_notice

    office = make_office(make_state("14", "Jalisco"))
    before = reference_version()
    make_notice(office)
    assert reference_version() != before


def test_a_preparation_is_read_in_one_query_with_its_procedure_and_office_from_memory():
    from django.utils import timezone

    from procedures.models import ReferenceVersion
    from procedures.services import preparation_for_token

    from .makers import make_preparation

    office = make_office(make_state("14", "Jalisco"))
    preparation = make_preparation(make_procedure("canje"), office=office)
    preparation_for_token(preparation.token, now=timezone.now())  # reads the catalogue rows
    with CaptureQueriesContext(connection) as queries, one_reference_version():
        found = preparation_for_token(preparation.token, now=timezone.now())
        names = (found.procedure.slug, found.office.code)
        version = reference_version()  # read with the preparation
    assert len(queries) == 1
    assert version == ReferenceVersion.objects.get().value
    assert names == ("canje", "jal-guadalajara")


def test_a_procedures_traits_are_made_once_and_follow_an_edit():
    from procedures.traits import PLAIN, traits_for, traits_of

    procedure = make_procedure("canje")
    assert traits_for("canje") == traits_of(procedure)
    assert traits_for("canje") is traits_for("canje")  # made once for this catalogue
    assert traits_for("no-such-procedure") is PLAIN and traits_for(None) is PLAIN
    procedure.asks_entry_date = not procedure.asks_entry_date
    procedure.save()  # a new reference version
    assert traits_for("canje").asks_entry_date is procedure.asks_entry_date


@pytest.mark.parametrize("language", [None, "en", "es"])
def test_a_preparation_read_by_its_token_is_the_row_the_orm_reads(language):
    from procedures.models import PacketPage, Preparation, ReferenceVersion

    from .makers import make_preparation

    preparation = make_preparation(make_procedure("canje"), office=make_office(make_state("14", "Jalisco")))
    preparation.answers = {"applicant": {"given_names": "María José", "surname": "Pérez O'Neill"}}
    preparation.save()
    PacketPage.objects.create(preparation=preparation, language="en", version="v1", html="<p>en</p>")
    make_preparation(make_procedure("renovacion"))  # another row, which must not come with it

    found = Preparation.objects.for_token(preparation.token, page_language=language)
    expected = Preparation.objects.get(pk=preparation.pk)
    for field in Preparation._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert found.reference_version == ReferenceVersion.objects.get().value
    stored = (getattr(found, "stored_page_version", "not read"), getattr(found, "stored_page_html", "not read"))
    assert stored == {None: ("not read", "not read"), "en": ("v1", "<p>en</p>"), "es": (None, None)}[language]
    assert Preparation.objects.for_token("x" * 43, page_language=language) is None
