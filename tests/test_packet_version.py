"""One packet version: the PDF follows the day, the catalogue and the release, one PDF per language."""

from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from procedures import packet as packet_module
from procedures.deadlines import mexico_today
from procedures.models import FeeAmount, FeeSchedule, GeneralRule, Office, PacketPDF, Preparation

from .makers import make_notice, make_period
from .test_packet import CANJE, core
from .test_pdf import download, flat, pdf_text
from .wizard import NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def renders(monkeypatch):
    """The PDFs rendered during the test (not read back from PacketPDF), by language."""
    rendered = []
    real_render = packet_module.render_pdf

    def counting(context):
        from django.utils.translation import get_language

        rendered.append(get_language())
        return real_render(context)

    monkeypatch.setattr(packet_module, "render_pdf", counting)
    return rendered


def pdf_of(client, preparation, language="en") -> str:
    return flat(pdf_text(download(client, preparation, language)[1]))


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_the_deadline_passing(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    # Entered on 17 November, day 1 of the 30: the last day is Wednesday 16 December.
    assert "File by Wednesday 16 December 2026. 13 working days left" in pdf_of(client, preparation)
    assert "13 working days left" in pdf_of(client, preparation)
    assert len(renders) == 1  # the same day: read back
    with time_machine.travel("2026-12-18 17:00:00+00:00", tick=False):
        text = pdf_of(client, preparation)
    assert "Missed: the last day was Wednesday 16 December 2026." in text and "days left" not in text
    assert len(renders) == 2


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_a_new_office_notice(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert "Closed for repairs" not in pdf_of(client, preparation)
    make_notice(
        Office.objects.get(code="jal-guadalajara"),
        kind="closed",
        text_en="Closed for repairs on 3 December.",
        text_es="Cerrada por obras el 3 de diciembre.",
        starts_on="2026-12-03",
        ends_on="2026-12-03",
    )
    assert "Closed for repairs on 3 December." in pdf_of(client, preparation)
    assert len(renders) == 2


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_a_new_non_working_period(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert "Friday 11 December 2026" not in pdf_of(client, preparation)
    make_period(key="dof-2026-mid-december", starts_on="2026-12-14", ends_on="2026-12-18")
    # The office is closed from the 14th to the legal last day: the last day to file moves before it.
    assert "Friday 11 December 2026" in pdf_of(client, preparation)
    assert len(renders) == 2


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_the_appointment_recorded_changed_and_removed(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert "PZ-7319-4482" not in pdf_of(client, preparation)
    appointment = url("packet_appointment", "en", preparation.token)
    fields = {"appointment_time": "09:30", "appointment_office": "jal-guadalajara", "pieza": "PZ-7319-4482"}
    assert client.post(appointment, {**fields, "appointment_date": "2026-12-10"}).status_code == 302
    assert "Thursday 10 December 2026, at 09:30" in pdf_of(client, preparation)
    assert client.post(appointment, {**fields, "appointment_date": "2026-12-11"}).status_code == 302
    text = pdf_of(client, preparation)
    assert "Friday 11 December 2026, at 09:30" in text and "PZ-7319-4482" in text
    assert client.post(appointment, {"remove": "1"}).status_code == 302
    assert "PZ-7319-4482" not in pdf_of(client, preparation)
    assert len(renders) == 4


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_a_general_rule_edit(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    shown = [rule for rule in GeneralRule.objects.all() if rule.text_en[:40] in pdf_of(client, preparation)]
    assert shown, "the canje packet lists general rules"
    rule = shown[0]
    rule.text_en = "Bring every original and one simple copy of each (edited by staff)."
    rule.save()
    assert "(edited by staff)" in pdf_of(client, preparation)
    assert len(renders) == 2


@time_machine.travel(NOW, tick=False)
def test_the_pdf_follows_a_fee_schedule_edit(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    assert "LFD art. 8 fr. VI" in pdf_of(client, preparation)
    schedule = FeeSchedule.objects.get(key="rt_card")
    schedule.legal_basis = "LFD art. 8 fr. VI a)–d) (reformed)"
    schedule.save()
    assert "LFD art. 8 fr. VI a)–d) (reformed)" in pdf_of(client, preparation)
    assert len(renders) == 2


RENEWAL = {
    "current_document": "temporary_card",
    "card_expires": "2027-01-20",
    "resident_since": "2025-01-20",
    "years_requested": "1",
}


@time_machine.travel("2026-12-28 17:00:00+00:00", tick=False)
def test_the_pdf_follows_the_fee_year_on_the_first_of_january_in_mexico_city(client, renders):
    preparation = walk(client, "en", "renovacion", core(RENEWAL))
    schedule = FeeSchedule.objects.get(key="rt_card")
    year_2026 = schedule.amounts.get(year=2026, variant="1")
    # Staff open 2027 in December, from the published LFD: the packet shows it from 1 January.
    FeeAmount.objects.create(schedule=schedule, year=2027, variant="1", amount_mxn=Decimal("11700.00"))
    assert f"{year_2026.amount_mxn:,.2f}" in pdf_of(client, preparation)
    with time_machine.travel("2027-01-01 05:30:00+00:00", tick=False):  # 23:30 on 31 December there
        assert "11,700.00" not in pdf_of(client, preparation)
    with time_machine.travel("2027-01-01 06:30:00+00:00", tick=False):  # 00:30 on 1 January there
        text = pdf_of(client, preparation)
    assert "1 year: $11,700.00 MXN" in text and f"{year_2026.amount_mxn:,.2f}" not in text
    assert len(renders) == 3


@time_machine.travel(NOW, tick=False)
def test_alternating_english_and_spanish_pdfs_renders_each_once(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    for _ in range(3):
        assert "Legal deadline" in pdf_of(client, preparation, "en")
        assert "Plazo legal" in pdf_of(client, preparation, "es")
    assert renders == ["en", "es"]
    assert sorted(PacketPDF.objects.filter(preparation=preparation).values_list("language", flat=True)) == ["en", "es"]
    client.post(url("packet_delete", "en", preparation.token), {"confirm": "yes"})
    assert not PacketPDF.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_whether_a_stored_pdf_is_current(client):
    from procedures.packet import packet_pdf_is_current

    preparation = walk(client, "en", "canje", core(CANJE))
    today = mexico_today(timezone.now())
    assert not packet_pdf_is_current(preparation, language="en", today=today)
    download(client, preparation, "en")
    preparation.refresh_from_db()
    assert packet_pdf_is_current(preparation, language="en", today=today)
    assert not packet_pdf_is_current(preparation, language="es", today=today)
    assert not packet_pdf_is_current(preparation, language="en", today=today.replace(day=28))
    GeneralRule.objects.update(text_en="Edited in bulk by staff.")  # no signal: the queryset bumps
    assert not packet_pdf_is_current(preparation, language="en", today=today)


@time_machine.travel(NOW, tick=False)
def test_a_new_release_renders_the_pdf_again(client, renders, monkeypatch):
    preparation = walk(client, "en", "canje", core(CANJE))
    download(client, preparation)
    download(client, preparation)
    monkeypatch.setattr(packet_module, "release_digest", lambda: "a deploy that changed packet.css")
    download(client, preparation)
    assert len(renders) == 2


def test_the_release_digest_covers_the_packet_templates_letters_stylesheet_and_translations(tmp_path, settings):
    from pathlib import Path

    from procedures.release import _digest, release_files

    names = {str(path.relative_to(settings.BASE_DIR)) for path in release_files(Path(settings.BASE_DIR))}
    assert {
        "templates/procedures/packet/_body.html",
        "templates/procedures/packet/pdf.html",
        "templates/procedures/letters/_letter.html",
        "procedures/letters.py",
        "procedures/jinja2/_partials/field.html",
        "templates/_partials/confidence.html",
        "static/css/packet.css",
        "locale/es/LC_MESSAGES/django.mo",
        "procedures/deadlines.py",
    } <= names
    (tmp_path / "static" / "css").mkdir(parents=True)
    css = tmp_path / "static" / "css" / "packet.css"
    css.write_text("@page { size: letter; }")
    first = _digest(tmp_path)
    assert _digest(tmp_path) == first
    _digest.cache_clear()
    css.write_text("@page { size: A4; }")
    assert _digest(tmp_path) != first


@time_machine.travel(NOW, tick=False)
def test_a_download_never_serves_a_pdf_of_another_version(client, renders):
    preparation = walk(client, "en", "canje", core(CANJE))
    download(client, preparation)
    # A PDF stored for another version (an older packet): never served, replaced.
    PacketPDF.objects.filter(preparation=preparation).update(version="an older packet", content=b"%PDF-old")
    _, content = download(client, preparation)
    assert content != b"%PDF-old" and len(renders) == 2
    assert PacketPDF.objects.get(preparation=preparation).content != b"%PDF-old"
    assert Preparation.objects.count() == 1
