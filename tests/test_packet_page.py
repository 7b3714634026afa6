"""The packet page's body is kept beside the preparation, like its PDF, while it is current."""

import logging
from datetime import date, timedelta

import pytest
import time_machine
from django.db import DatabaseError
from django.utils import timezone

from procedures import packet as packet_module
from procedures.deadlines import mexico_today
from procedures.models import Office, OfficeNotice, PacketPage, Preparation

from .test_cache import cached_text
from .test_packet import CANJE, core
from .wizard import NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def renders(monkeypatch):
    """The packet contexts computed during the test: one per render of a packet."""
    counted = []
    real = packet_module.packet_context
    monkeypatch.setattr(
        packet_module, "packet_context", lambda *args, **kwargs: counted.append(1) or real(*args, **kwargs)
    )
    return counted


def page(client, preparation, language="en") -> str:
    response = client.get(url("packet", language, preparation.token))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<article class="packet">') : html.index("</article>")]


@time_machine.travel(NOW, tick=False)
def test_a_repeat_view_is_served_from_the_stored_body(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    renders.clear()
    first = page(client, preparation)
    second = page(client, preparation)
    assert len(renders) == 1 and first == second
    stored = PacketPage.objects.get(preparation=preparation, language="en")
    preparation.refresh_from_db()
    today = mexico_today(timezone.now())
    assert stored.version == packet_module.packet_version(preparation, language="en", today=today)
    assert "X1234567" in stored.html


@time_machine.travel(NOW, tick=False)
def test_each_language_keeps_its_own_body(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    renders.clear()
    english, spanish = page(client, preparation, "en"), page(client, preparation, "es")
    assert page(client, preparation, "en") == english and page(client, preparation, "es") == spanish
    assert len(renders) == 2
    assert "Legal deadline" in english and "Plazo legal" in spanish
    assert sorted(PacketPage.objects.values_list("language", flat=True)) == ["en", "es"]


def test_the_next_day_an_answer_or_a_catalogue_change_renders_it_anew(client, renders):
    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CANJE))
        before = page(client, preparation)
    renders.clear()
    # A new day in Mexico City: the days left move.
    with time_machine.travel("2026-11-28 18:00:00+00:00", tick=False):
        next_day = page(client, preparation)
        assert len(renders) == 1 and next_day != before
        # A notice at the applicant's office: the catalogue moved.
        office = Office.objects.get(code="jal-guadalajara")
        OfficeNotice.objects.create(
            office=office,
            starts_on=date(2026, 11, 27),
            text_en="Closed for repairs on Fridays.",
            text_es="Cerrada los viernes por obras.",
        )
        assert "Closed for repairs on Fridays." in page(client, preparation)
        assert len(renders) == 2
        # A changed answer.
        client.post(
            url("wizard_step", "en", preparation.token, "passport"),
            {**core(CANJE)["passport"], "passport_number": "Z9999999", "next": "review"},
        )
        assert "Z9999999" in page(client, preparation)
        assert len(renders) == 3
    assert PacketPage.objects.filter(preparation=preparation).count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_stored_body_is_deleted_with_the_preparation(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    page(client, preparation, "en")
    page(client, preparation, "es")
    assert PacketPage.objects.filter(preparation=preparation).count() == 2
    client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
    assert not Preparation.objects.exists() and not PacketPage.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_body_that_cannot_be_stored_is_still_served(client, monkeypatch, caplog):
    preparation = walk(client, "en", "canje", core(CANJE))

    def disk_full(*args, **kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(PacketPage.objects, "bulk_create", disk_full)
    with caplog.at_level(logging.WARNING):
        body = page(client, preparation)
    assert "X1234567" in body and not PacketPage.objects.exists()
    assert "Could not keep a rendered packet page" in caplog.text
    assert "X1234567" not in caplog.text
    # The request's transaction still works: the applicant can change an answer right after.
    assert client.get(url("wizard_step", "en", preparation.token, "passport")).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_no_body_reaches_the_cache(client):
    preparation = walk(client, "en", "canje", core(CANJE))
    page(client, preparation)
    page(client, preparation, "es")
    text = cached_text("default")
    for value in ("X1234567", "Legal deadline", '<article class="packet">', preparation.token):
        assert value not in text, value


@time_machine.travel(NOW, tick=False)
def test_a_first_view_stores_the_body_in_one_statement_and_a_repeat_view_is_one_query(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    preparation = walk(client, "en", "canje", core(CANJE))
    with CaptureQueriesContext(connection) as first:
        page(client, preparation)
    with CaptureQueriesContext(connection) as repeat:
        page(client, preparation)
    stored = [query["sql"] for query in first if "packetpage" in query["sql"].lower()]
    assert len(stored) == 2 and stored[0].lstrip().upper().startswith("SELECT")  # the lookup, then the upsert
    assert stored[1].lstrip().upper().startswith("INSERT") and "ON CONFLICT" in stored[1].upper()
    # A repeat view is one query: the preparation, with its stored body beside it.
    assert [query["sql"] for query in repeat] == [stored[0]]
    assert "preparation" in stored[0].lower() and "join" in stored[0].lower()
    # A second language, and a new version of the first, each write one statement too.
    page(client, preparation, "es")
    assert PacketPage.objects.filter(preparation=preparation).count() == 2


def test_the_expiry_purge_deletes_the_stored_bodies(client):
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CANJE))
        page(client, preparation, "en")
        page(client, preparation, "es")
    assert PacketPage.objects.filter(preparation=preparation).count() == 2
    preparation.refresh_from_db()
    with time_machine.travel(preparation.expires_at + timedelta(minutes=1), tick=False):
        call_command("purge_preparations", stdout=StringIO())
    assert not Preparation.objects.exists() and not PacketPage.objects.exists()
