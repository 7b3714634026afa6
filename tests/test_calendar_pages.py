"""Walks through the real pages: deadlines on holidays and in closures, urgency, the appointment and its
refusals, the calendar files read back, the same days in the PDF and on the procedure page."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from procedures.models import NoticeKind, Office, Preparation

from .ics import parse_ics
from .makers import make_notice
from .test_packet import core, section
from .test_pdf import download, flat, pdf_text
from .wizard import NOW, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

# NOW is Friday 27 November 2026, 11:00 in Mexico City.
CHRISTMAS_CANJE = {
    "current_document": "resident_visa",
    "visa_type": "temporary",
    "admission": "canje",
    "entry_record": "fmm",
    "entry_date": "2026-11-26",  # day 30 (the day of entry is day 1) = Friday 25 December
    "years_requested": "1",
}
FOUR_DAYS_CANJE = {**CHRISTMAS_CANJE, "entry_date": "2026-11-02"}  # day 30 = Tuesday 1 December


def packet(client, preparation, language="en") -> str:
    response = client.get(url("packet", language, preparation.token))
    assert response.status_code == 200
    return response.content.decode()


def flags(body: str) -> list[str]:
    return re.findall(r'data-flag="([a-z_]+)"', body)


def last_filing_day(body: str) -> str | None:
    found = re.search(r'data-last-filing-day="([0-9-]+)"', body)
    return found.group(1) if found else None


def record(client, preparation, language="en", **fields):
    data = {"appointment_date": "2026-12-10", "appointment_time": "09:30", "appointment_office": "jal-guadalajara"}
    data.update(fields)
    return client.post(url("packet_appointment", language, preparation.token), data)


def holidays_closure(code="jal-guadalajara"):
    return make_notice(
        Office.objects.get(code=code),
        kind=NoticeKind.CLOSED,
        starts_on=date(2026, 12, 14),
        ends_on=date(2027, 1, 2),
        text_en="Closed for the holidays.",
        text_es="Cerrado por las fiestas de fin de año.",
    )


@time_machine.travel(NOW, tick=False)
def test_a_canje_due_on_christmas(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    body = packet(client, preparation)
    deadline = section(body, "deadline-title")
    assert last_filing_day(body) == "2026-12-24"
    assert (
        "File by Thursday 24 December 2026 (the legal last day, Friday 25 December, is a public holiday under "
        "LFPA art. 28 and LFT art. 74)." in deadline
    )
    assert "19 working days left after today (27 calendar days)." in deadline
    assert "Within 30 calendar days counted from the day you enter Mexico." in deadline  # the legal rule, as it was
    assert "Set by law: Ley de Migración art. 59" in deadline or "Set by law" in deadline
    assert "Friday 25 December 2026" in deadline  # the legal last day, shown beside
    assert "Thursday 3 December 2026" in deadline  # try to book by: 24 Dec − 21 days
    assert "year_end_closure" in flags(body)
    assert "deadline_soon" not in flags(body) and "book_now" not in flags(body)
    # The year-end caution is at the top, among the flags.
    assert body.index('data-flag="year_end_closure"') < body.index('id="deadline-title"')


@time_machine.travel(NOW, tick=False)
def test_a_canje_due_on_christmas_inside_the_offices_closure(client):
    holidays_closure()
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    body = packet(client, preparation)
    deadline = section(body, "deadline-title")
    assert last_filing_day(body) == "2026-12-11"
    assert "File by Friday 11 December 2026 (the legal last day, Friday 25 December, falls in a closure of" in deadline
    assert "10 working days left after today (14 calendar days)." in deadline
    # The closure is shown beside the deadline, not only in the office's small print.
    assert "Days Oficina de Representación del INM en Jalisco does not attend" in deadline
    assert "From 14 December 2026 to 2 January 2027</strong>: Closed for the holidays." in deadline
    assert flags(body)[:2] == ["deadline_soon", "book_now"] or {"deadline_soon", "book_now"} <= set(flags(body))
    # Booking by 21 days ahead would have meant 20 November: passed.
    assert "Friday 20 November 2026" in deadline


@time_machine.travel(NOW, tick=False)
def test_a_canje_with_4_days_left(client):
    preparation = walk(client, "en", "canje", core(FOUR_DAYS_CANJE))
    body = packet(client, preparation)
    assert last_filing_day(body) == "2026-12-01"
    assert "2 working days left after today (4 calendar days)." in section(body, "deadline-title")
    found = flags(body)
    assert found[0] == "deadline_soon" and "book_now" in found
    soon = body[body.index('data-flag="deadline_soon"') :]
    soon = soon[: soon.index("</li>")]
    assert "Only 2 working days left to file" in soon
    assert "dated screenshot of each attempt" in soon and "information desk" in soon


@time_machine.travel(NOW, tick=False)
def test_a_canje_with_4_days_left_in_spanish(client):
    preparation = walk(client, "es", "canje", core(FOUR_DAYS_CANJE))
    body = packet(client, preparation, "es")
    deadline = section(body, "deadline-title")
    assert "Presente su trámite a más tardar el martes 1 de diciembre de 2026." in deadline
    assert "Quedan 2 días hábiles sin contar hoy (4 días naturales)." in deadline
    assert "captura de pantalla" in body and "módulo de información" in body


@time_machine.travel(NOW, tick=False)
def test_an_appointment_after_the_deadline(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    response = record(client, preparation, appointment_date="2027-01-05", pieza="P-1")
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["appointment"]["appointment_at"] == "2027-01-05T09:30:00-06:00"
    body = packet(client, preparation)
    found = flags(body)
    assert found[0] == "appointment_after_deadline"  # at the top of the packet
    flag = body[body.index('data-flag="appointment_after_deadline"') :]
    flag = flag[: flag.index("</li>")]
    assert (
        "Your appointment (Tuesday 5 January 2027) is after your last filing day (Thursday 24 December 2026)." in flag
    )
    assert "slot on or before Thursday 24 December 2026" in flag
    assert body.index('data-flag="appointment_after_deadline"') < body.index('id="deadline-title"')


@time_machine.travel(NOW, tick=False)
def test_an_appointment_in_the_past_is_refused_with_the_error_at_the_top(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    response = record(client, preparation, appointment_date="2026-11-20", pieza="ABC-1")
    assert response.status_code == 200
    body = response.content.decode()
    summary = body[body.index('id="error-summary"') : body.index("</div>", body.index('id="error-summary"'))]
    assert body.index('id="error-summary"') < body.index('<article class="packet">')  # before the long packet
    assert '<a href="#id_appointment_date">' in summary and "This date has passed" in summary
    form = body[body.index('id="record-title"') :]
    assert 'id="id_appointment_date_error"' in form and "This date has passed" in form
    # Nothing typed is lost, nothing is saved.
    assert 'value="2026-11-20"' in form and 'value="ABC-1"' in form and 'value="09:30"' in form
    preparation.refresh_from_db()
    assert "appointment" not in preparation.answers


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-12-05", "Dec. 5, 2026 is a Saturday: INM offices do not attend at weekends."),
        ("2026-12-06", "is a Sunday"),
        ("2026-31-12", "Enter the date as day/month/year, e.g. 10/12/2026 for 10 December 2026."),
        ("31/02/2027", "Enter the date as day/month/year"),
        ("", "Enter the date of your appointment."),
    ],
)
def test_refused_appointments(client, day, message):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    response = record(client, preparation, appointment_date=day)
    assert response.status_code == 200
    assert message in response.content.decode()
    if day:
        assert f'value="{day}"' in response.content.decode()
    preparation.refresh_from_db()
    assert "appointment" not in preparation.answers


@time_machine.travel(NOW, tick=False)
def test_the_portals_day_month_year_is_understood(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    assert record(client, preparation, appointment_date="10/12/2026").status_code == 302
    preparation.refresh_from_db()
    assert preparation.answers["appointment"]["appointment_at"].startswith("2026-12-10T09:30")


@time_machine.travel(NOW, tick=False)
def test_an_appointment_on_a_holiday_is_kept_and_questioned(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    assert record(client, preparation, appointment_date="2026-12-25").status_code == 302
    body = packet(client, preparation)
    assert {"appointment_on_closed_day", "appointment_after_deadline"} <= set(flags(body))


@time_machine.travel(NOW, tick=False)
def test_a_renewal_booked_before_its_window(client):
    status = {
        "current_document": "temporary_card",
        "card_expires": "2027-03-01",
        "resident_since": "2025-03-01",
        "years_requested": "1",
    }
    preparation = walk(client, "en", "renovacion", core(status))
    assert record(client, preparation, appointment_date="2027-01-15").status_code == 302
    body = packet(client, preparation)
    assert "appointment_before_window" in flags(body)
    assert "Not open yet: you may file from Tuesday 2 February 2027 to Monday 1 March 2027." in body


def test_the_appointment_can_be_changed_and_removed(client):
    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
        record(client, preparation, appointment_date="2027-01-05", pieza="P-1")
        body = packet(client, preparation)
        form = body[body.index('id="record-title"') :]
        assert "Change or remove your appointment" in form and 'value="2027-01-05"' in form and 'value="P-1"' in form
        assert "appointment_after_deadline" in flags(body)
    with time_machine.travel("2026-11-27 17:05:00+00:00", tick=False):
        response = record(client, preparation, appointment_date="2026-12-10", pieza="P-1")
        assert response.status_code == 302
        body = client.get(response["Location"]).content.decode()
        assert "Your appointment was changed." in body
        assert "appointment_after_deadline" not in flags(body)
        assert "Thursday 10 December 2026, at 09:30" in section(body, "appointment-title")
    with time_machine.travel("2026-11-27 17:10:00+00:00", tick=False):
        response = client.post(url("packet_appointment", "en", preparation.token), {"remove": "1"})
        assert response.status_code == 302
        preparation.refresh_from_db()
        assert "appointment" not in preparation.answers
        body = packet(client, preparation)
        assert 'id="appointment-title"' not in body and "Record your appointment" in body


@time_machine.travel(NOW, tick=False)
def test_an_appointment_in_cancun_is_kept_on_cancuns_clock(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE, office={"office": "qroo-cancun"}))
    assert record(client, preparation, appointment_office="qroo-cancun").status_code == 302
    preparation.refresh_from_db()
    appointment = preparation.answers["appointment"]
    assert appointment["appointment_at"] == "2026-12-10T09:30:00-05:00"
    assert appointment["time_zone"] == "America/Cancun"
    body = packet(client, preparation)
    assert "Thursday 10 December 2026, at 09:30" in section(body, "appointment-title")
    assert "local time in Cancún" in section(body, "appointment-title")
    event = parse_ics(client.get(url("appointment_ics", "en", preparation.token)).content).all("VEVENT")[0]
    assert event.get("DTSTART") == "20261210T143000Z"


def test_a_late_evening_in_mexico_city_is_already_tomorrow_in_cancun(client):
    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    # 23:30 on Tuesday 1 December in Mexico City: 00:30 on Wednesday 2 December in Cancún.
    with time_machine.travel(datetime(2026, 12, 2, 5, 30, tzinfo=UTC), tick=False):
        cancun = record(client, preparation, appointment_date="2026-12-01", appointment_office="qroo-cancun")
        mexico = record(client, preparation, appointment_date="2026-12-01", appointment_office="jal-guadalajara")
    assert cancun.status_code == 200 and b"This date has passed" in cancun.content
    assert mexico.status_code == 302


# ----------------------------------------------------------------------------- calendar files


@time_machine.travel(NOW, tick=False)
def test_deadline_ics_is_the_last_filing_day_with_its_two_reminders(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    response = client.get(url("deadline_ics", "en", preparation.token))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse_ics(response.content)
    (event,) = calendar.all("VEVENT")
    assert event.get("DTSTART") == "20261224" and event.params("DTSTART") == {"VALUE": "DATE"}
    assert event.get("DTEND") == "20261225"
    assert "File by Thursday 24 December 2026" in event.get("DESCRIPTION")
    assert "Legal last day: Friday 25 December 2026." in event.get("DESCRIPTION")
    assert "Try to book by: Thursday 3 December 2026." in event.get("DESCRIPTION")
    # 24 December falls inside a year-end closure on the dates of 2022's (19 December - 1 January),
    # which this year's acuerdo may repeat: the event says so, and its week's reminder comes a week
    # before Friday 18 December, the last working day before it.
    assert "If the INM closes at the year end on the same dates as in 2022" in event.get("DESCRIPTION")
    week, book = event.all("VALARM")
    assert week.get("TRIGGER") == "-P13D" and week.get("ACTION") == "DISPLAY"
    assert "In a week, Friday 18 December 2026, is the last working day before a year-end closure" in week.get(
        "DESCRIPTION"
    )
    # 09:00 in Guadalajara on the try-to-book-by day, as an instant.
    assert book.get("TRIGGER") == "20261203T150000Z" and book.params("TRIGGER") == {"VALUE": "DATE-TIME"}
    assert "Book your INM appointment today: the portal may now offer slots" in book.get("DESCRIPTION")
    assert "take one on or before Friday 18 December 2026" in book.get("DESCRIPTION")


@time_machine.travel(NOW, tick=False)
def test_deadline_ics_says_to_see_a_professional_before_booking_when_admitted_as_a_visitor(client):
    preparation = walk(client, "en", "canje", core({**CHRISTMAS_CANJE, "admission": "visitor"}))
    (event,) = parse_ics(client.get(url("deadline_ics", "en", preparation.token)).content).all("VEVENT")
    description = event.get("DESCRIPTION")
    assert "See an immigration professional before you book" in description
    assert "Try to book by" not in description and "Book now" not in description
    (week,) = event.all("VALARM")  # no booking reminder: the professional comes first
    assert week.get("TRIGGER") == "-P7D"
    assert "See an immigration professional before then" in week.get("DESCRIPTION")


@time_machine.travel(NOW, tick=False)
def test_the_packet_gives_the_day_before_a_year_end_closure_like_the_last_one(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    body = client.get(url("packet", "en", preparation.token)).content.decode()
    line = re.search(r"<p class=\"deadline-year-end\" data-year-end-as-before>(.*?)</p>", body, re.S).group(1)
    assert "on the same dates as in 2022 (from 19 December 2026 to 1 January 2027)" in line
    assert "your last working day is Friday 18 December 2026" in line and "not confirmed" in line
    assert "File by Thursday 24 December 2026" in body  # the legal count stays the headline


@time_machine.travel(NOW, tick=False)
def test_deadline_ics_leaves_out_reminders_already_past(client):
    preparation = walk(client, "en", "canje", core(FOUR_DAYS_CANJE))
    event = parse_ics(client.get(url("deadline_ics", "en", preparation.token)).content).all("VEVENT")[0]
    assert event.get("DTSTART") == "20261201"
    assert event.all("VALARM") == []


@time_machine.travel(NOW, tick=False)
def test_deadline_ics_in_spanish_inside_the_closure(client):
    holidays_closure()
    preparation = walk(client, "es", "canje", core(CHRISTMAS_CANJE))
    event = parse_ics(client.get(url("deadline_ics", "es", preparation.token)).content).all("VEVENT")[0]
    assert event.get("DTSTART") == "20261211"
    assert "Presente su trámite a más tardar el viernes 11 de diciembre de 2026" in event.get("DESCRIPTION")
    assert "Cerrado por las fiestas de fin de año" in event.get("DESCRIPTION")
    assert len(event.all("VALARM")) == 1  # a week before (4 Dec); booking by 20 Nov has passed


@time_machine.travel(NOW, tick=False)
def test_appointment_ics_reminds_the_day_before_what_to_bring(client):
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    record(client, preparation, appointment_date="2026-12-10", appointment_time="09:30")
    calendar = parse_ics(client.get(url("appointment_ics", "en", preparation.token)).content)
    (event,) = calendar.all("VEVENT")
    assert event.get("DTSTART") == "20261210T153000Z" and event.get("DTEND") == "20261210T163000Z"
    assert "Guadalajara" in event.get("LOCATION")
    (alarm,) = event.all("VALARM")
    assert alarm.get("TRIGGER") == "-P1D"
    reminder = alarm.get("DESCRIPTION")
    assert reminder.startswith(
        "Tomorrow at 09:30: your INM appointment at Oficina de Representación del INM en Jalisco"
    )
    assert "this packet; the signed application form;" in reminder
    assert "Valid passport with the Mexican visa" in reminder and "the bank receipt of the fee" in reminder
    assert "- Valid passport with the Mexican visa" in event.get("DESCRIPTION")


@time_machine.travel(NOW, tick=False)
def test_no_deadline_ics_once_no_working_day_is_left(client):
    preparation = walk(client, "en", "canje", core({**CHRISTMAS_CANJE, "entry_date": "2026-10-29"}))
    # Day 30 is Friday 27 November, today: still in time.
    assert client.get(url("deadline_ics", "en", preparation.token)).status_code == 200
    with time_machine.travel(datetime(2026, 11, 28, 17, 0, tzinfo=UTC), tick=False):
        assert client.get(url("deadline_ics", "en", preparation.token)).status_code == 404


# ----------------------------------------------------------------------------- the same days everywhere


@time_machine.travel(NOW, tick=False)
def test_the_pdf_shows_the_same_days(client):
    holidays_closure()
    preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
    _, content = download(client, preparation)
    text = flat(pdf_text(content))
    assert "File by Friday 11 December 2026 (the legal last day, Friday 25 December, falls in a closure of" in text
    assert "10 working days left after today (14 calendar days)." in text
    assert "From 14 December 2026 to 2 January 2027: Closed for the holidays." in text
    assert "Only 10 working days left to file" in text


def test_the_pdf_follows_a_closure_added_after_it_was_rendered(client):
    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
        _, before = download(client, preparation)
    assert "File by Thursday 24 December 2026" in flat(pdf_text(before))
    with time_machine.travel("2026-11-27 18:00:00+00:00", tick=False):
        holidays_closure()
        _, after = download(client, preparation)
    assert "File by Friday 11 December 2026" in flat(pdf_text(after))


def test_the_pdf_counts_days_left_from_the_day_it_is_downloaded(client):
    with time_machine.travel(NOW, tick=False):
        preparation = walk(client, "en", "canje", core(CHRISTMAS_CANJE))
        _, first = download(client, preparation)
    with time_machine.travel(datetime(2026, 11, 30, 17, 0, tzinfo=UTC), tick=False):
        _, later = download(client, preparation)
    assert "19 working days left" in flat(pdf_text(first))
    assert "18 working days left after today (24 calendar days)." in flat(pdf_text(later))


@time_machine.travel(NOW, tick=False)
def test_the_procedure_page_states_the_same_rule(client):
    body = client.get(url("procedure_detail", "en", "canje")).content.decode()
    assert "Within 30 calendar days counted from the day you enter Mexico." in body
    assert "your packet counts back to the last working day before it, for your office" in body
    assert "our sources do not say whether such a deadline moves on to the next working day" in body
    spanish = client.get(url("procedure_detail", "es", "canje")).content.decode()
    assert "su guía cuenta hacia atrás hasta el último día hábil anterior" in spanish
    none = client.get(url("procedure_detail", "en", "cambio_vrh_a_rp")).content.decode()
    assert "last working day before it" not in none


@time_machine.travel(NOW, tick=False)
def test_the_packet_is_complete_without_a_deadline(client):
    holidays_closure()
    humanitarian = {"current_document": "humanitarian_card", "card_expires": "2027-05-01"}
    preparation = walk(client, "en", "cambio_vrh_a_rp", core(humanitarian))
    body = packet(client, preparation)
    assert last_filing_day(body) is None
    deadline = section(body, "deadline-title")
    assert "No legal deadline" in deadline
    assert "Closed for the holidays." in deadline  # the closure still shows beside the booking
    assert Preparation.objects.get(pk=preparation.pk).status == "complete"
