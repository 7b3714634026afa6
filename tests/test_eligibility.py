"""The cases of issue 17 through the real pages: the wizard, the packet's flags (by data-flag) and help me choose."""

import re

import pytest
import time_machine

from procedures.models import Preparation

from .html import input_values
from .wizard import ADDRESS, APPLICANT, OFFICE, PASSPORT, post_step, start, url, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

# 11:00 in Mexico City on 1 December 2026, and on 5 January 2027 (3 years 7 months after 1 June 2023).
DECEMBER = "2026-12-01 17:00:00+00:00"
JANUARY = "2027-01-05 17:00:00+00:00"


def core(status, applicant=APPLICANT):
    return {"applicant": applicant, "passport": PASSPORT, "status": status, "address": ADDRESS, "office": OFFICE}


def packet(client, preparation, language="en"):
    return client.get(url("packet", language, preparation.token)).content.decode()


def flags_on(page: str) -> list[str]:
    """The data-flag codes of the packet page, in order."""
    return re.findall(r'data-flag="([a-z_]+)"', page)


def flag_item(page: str, code: str) -> str:
    start = page.index(f'data-flag="{code}"')
    return page[start : page.index("</li>", start)]


SPOUSE = {
    "relationship": "spouse",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "mexican",
    "sponsor_mexican_by_birth": "yes",
    "sponsor_document": "INE 1234567890123",
    "union_date": "2015-06-20",
    "lives_together": "yes",
    "foreign_certificates": "no",
}


# ----------------------------------------------------------------------------- every red flag has its code


@time_machine.travel(JANUARY, tick=False)
def test_every_red_flag_on_the_packet_carries_its_code(client):
    status = {
        "current_document": "temporary_card",
        "card_expires": "2027-06-01",
        "rt_to_rp_route": "four_years",
        "resident_since": "2023-06-01",
    }
    preparation = walk(client, "en", "cambio_rt_a_rp", {**core(status), "office": {"office": "jal-chapala"}})
    page = packet(client, preparation)
    assert page.count('<li class="flag ') == len(flags_on(page)) >= 3
    assert {"not_yet_eligible", "office_not_bookable", "fee_year_unconfirmed"} <= set(flags_on(page))


# ----------------------------------------------------------------------------- the four-year route


FOUR_YEARS = {
    "current_document": "temporary_card",
    "card_expires": "2027-06-01",
    "rt_to_rp_route": "four_years",
    "resident_since": "2023-06-01",
    "nue": "12345678",
}


@time_machine.travel(JANUARY, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_four_year_route_at_three_years_seven_months_is_flagged(client, language):
    preparation = walk(client, language, "cambio_rt_a_rp", core(FOUR_YEARS))
    page = packet(client, preparation, language)
    assert "not_yet_eligible" in flags_on(page)
    assert "window_not_open" not in flags_on(page)  # one flag with both dates
    item = flag_item(page, "not_yet_eligible")
    if language == "en":
        assert "3 years and 7 months" in item
        assert "June 1, 2027" in item and "May 2, 2027" in item
    else:
        assert "3 años y 7 meses" in item
        assert "1 de junio de 2027" in item and "2 de mayo de 2027" in item
    # Never blocked: the packet, its checklist and its letter are all there; the letter says it is not true yet.
    assert 'id="checklist-title"' in page and 'id="letter-title"' in page
    letter_intro = page[page.index('id="letter-title"') :].split("</section>")[0]
    assert ("Not true yet" if language == "en" else "Todavía no es cierto") in letter_intro


@time_machine.travel("2027-05-02 17:00:00+00:00", tick=False)
def test_four_year_route_once_the_window_opens_is_not_flagged(client):
    preparation = walk(client, "en", "cambio_rt_a_rp", core(FOUR_YEARS))
    page = packet(client, preparation)
    assert "not_yet_eligible" not in flags_on(page)
    # Offices take the filing from 2 May, but the four years complete on 1 June: until then the
    # letter states the dates, not the four years, and says why.
    assert 'data-withheld="four_years_as_temporary_resident"' in page and "Not true yet" in page
    assert "cumplí cuatro años" not in page


@time_machine.travel(JANUARY, tick=False)
def test_the_four_year_pdf_carries_the_flag(client):
    from io import BytesIO

    from pypdf import PdfReader

    preparation = walk(client, "en", "cambio_rt_a_rp", core(FOUR_YEARS))
    response = client.get(url("packet_pdf", "en", preparation.token))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "You cannot file on the four-year route yet" in text
    assert "June 1, 2027" in text and "May 2, 2027" in text


# ----------------------------------------------------------------------------- a visitor changing status


VISITOR = {"current_document": "visitor_fmm", "entry_date": "2026-09-01", "stay_until": "2027-02-27"}


@time_machine.travel(DECEMBER, tick=False)
def test_a_visitors_change_has_the_stay_as_its_deadline(client):
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    page = packet(client, preparation)
    assert "no legal deadline" not in page.lower()
    # The stay's last day is a Saturday: the last filing day is the Friday before it.
    assert "File by Friday 26 February 2027 (the legal last day, Saturday 27 February, falls on a weekend)." in page
    assert "(87 calendar days)." in page
    assert "stay_expired" not in flags_on(page)
    assert url("deadline_ics", "en", preparation.token) in page


@time_machine.travel(DECEMBER, tick=False)
def test_after_the_stay_only_a_regularisation_remains(client):
    ended = {"current_document": "visitor_fmm", "entry_date": "2026-06-01", "stay_until": "2026-11-27"}
    preparation = walk(client, "en", "cambio_rt_unidad_familiar", {**core(ended), "family": SPOUSE})
    page = packet(client, preparation)
    assert "stay_expired" in flags_on(page) and "deadline_missed" not in flags_on(page)
    item = flag_item(page, "stay_expired")
    assert "Nov. 27, 2026" in item
    # With a family tie: the regularisation through family ties, linked.
    assert url("procedure_detail", "en", "regularizacion_vinculo_familiar") in item
    assert "Regularización por unidad familiar" in item


@time_machine.travel(DECEMBER, tick=False)
def test_the_status_step_asks_a_visitor_for_the_last_day_of_the_stay(client):
    preparation, _ = start(client, "en", "cambio_rt_unidad_familiar")
    for step, data in core(VISITOR).items():
        if step == "status":
            break
        client.post(url("wizard_step", "en", preparation.token, step), data)
    page = client.post(
        url("wizard_step", "en", preparation.token, "status"), {"current_document": "visitor_fmm", "_refresh": "1"}
    ).content.decode()
    assert 'name="stay_until"' in page
    assert "the day you entered, that day being the first" in page


# ----------------------------------------------------------------------------- the years of the card


def at_status(client, slug, language="en"):
    preparation, _ = start(client, language, slug)
    for step in ("applicant", "passport"):
        assert client.post(url("wizard_step", language, preparation.token, step), core({})[step]).status_code == 302
    return preparation, url("wizard_step", language, preparation.token, "status")


@time_machine.travel(DECEMBER, tick=False)
def test_a_permanent_visa_canje_is_not_asked_the_years_without_javascript(client):
    preparation, status_url = at_status(client, "canje")
    # The round trip: the visa questions appear, and the years wait for the visa type.
    page = client.post(status_url, {"current_document": "resident_visa", "_refresh": "1"}).content.decode()
    assert 'data-show-when="visa_type=temporary"' in page
    data = {"current_document": "resident_visa", "visa_type": "permanent", "admission": "canje", "entry_record": "fmm"}
    response = client.post(status_url, {**data, "entry_date": "2026-11-20"})
    assert response.status_code == 302
    preparation.refresh_from_db()
    assert "years_requested" not in preparation.answers["status"]


@time_machine.travel(DECEMBER, tick=False)
def test_a_temporary_visa_canje_must_say_the_years(client):
    preparation, status_url = at_status(client, "canje")
    data = {"current_document": "resident_visa", "visa_type": "temporary", "admission": "canje", "entry_record": "fmm"}
    response = client.post(status_url, {**data, "entry_date": "2026-11-20"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_years_requested_error"' in body and "Choose how many years" in body
    assert input_values(body)["entry_date"] == "2026-11-20"  # nothing typed is lost
    assert client.post(status_url, {**data, "entry_date": "2026-11-20", "years_requested": "1"}).status_code == 302


@time_machine.travel(DECEMBER, tick=False)
def test_a_student_visa_canje_is_not_asked_the_years(client):
    preparation, status_url = at_status(client, "canje")
    data = {"current_document": "resident_visa", "visa_type": "student", "admission": "canje", "entry_record": "fmm"}
    assert client.post(status_url, {**data, "entry_date": "2026-11-20", "years_requested": "3"}).status_code == 302
    preparation.refresh_from_db()
    assert "years_requested" not in preparation.answers["status"]


RENEWAL = {"current_document": "temporary_card", "card_expires": "2026-12-15", "resident_since": "2024-12-15"}


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize(
    ("years", "accepted"),
    [("1", True), ("2", True), ("3", False), ("4", False)],  # the four years end on 15 December 2028
)
def test_a_renewal_cannot_ask_beyond_the_four_years(client, years, accepted):
    preparation, status_url = at_status(client, "renovacion")
    response = client.post(status_url, {**RENEWAL, "years_requested": years})
    if accepted:
        assert response.status_code == 302
        return
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_years_requested_error"' in body
    assert "At most 2 years" in body and "Dec. 15, 2028" in body
    assert input_values(body)["resident_since"] == "2024-12-15"
    assert "status" not in Preparation.objects.get(pk=preparation.pk).answers


@time_machine.travel(DECEMBER, tick=False)
def test_the_years_error_names_the_maximum_in_spanish(client):
    preparation, status_url = at_status(client, "renovacion", "es")
    body = client.post(status_url, {**RENEWAL, "years_requested": "4"}).content.decode()
    assert "Como máximo 2 años" in body and "15 de diciembre de 2028" in body


@time_machine.travel(DECEMBER, tick=False)
def test_a_renewal_past_the_four_years_is_flagged_and_points_to_permanent_residence(client):
    capped = {"current_document": "temporary_card", "card_expires": "2026-12-20", "resident_since": "2022-12-20"}
    preparation = walk(client, "en", "renovacion", core({**capped, "years_requested": "1"}))
    page = packet(client, preparation)
    assert "renewal_cap" in flags_on(page)
    assert url("procedure_detail", "en", "cambio_rt_a_rp") in flag_item(page, "renewal_cap")


@time_machine.travel(DECEMBER, tick=False)
def test_a_student_card_renewal_asks_no_years_and_no_time_as_a_resident(client):
    preparation, status_url = at_status(client, "renovacion")
    page = client.post(status_url, {"current_document": "student_card", "_refresh": "1"}).content.decode()
    visible = [name for name in ("years_requested", "resident_since") if _shown(page, name)]
    assert visible == []
    assert (
        client.post(status_url, {"current_document": "student_card", "card_expires": "2026-12-20"}).status_code == 302
    )


def _shown(page: str, name: str) -> bool:
    if f'name="{name}"' not in page:
        return False
    group = page.split(f'name="{name}"')[0].rsplit('<div class="field-group"', 1)[1]
    return " hidden" not in group.split(">", 1)[0]


# ----------------------------------------------------------------------------- bad dates


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize(
    ("slug", "data", "field", "message"),
    [
        (
            "renovacion",
            {**RENEWAL, "resident_since": "2027-01-01", "years_requested": "1"},
            "resident_since",
            "cannot be in the future",
        ),
        (
            "renovacion",
            {**RENEWAL, "resident_since": "2027-01-01", "card_expires": "2026-12-15", "years_requested": "1"},
            "resident_since",
            "cannot be in the future",
        ),
        (
            "cambio_rt_a_rp",
            {**FOUR_YEARS, "resident_since": "2027-07-01", "card_expires": "2027-06-01"},
            "resident_since",
            "cannot be in the future",
        ),
        (
            "renovacion",
            {"current_document": "temporary_card", "card_expires": "2025-06-01", "resident_since": "2026-01-01"},
            "resident_since",
            "cannot start after your card expires",
        ),
        (
            "cambio_rt_unidad_familiar",
            {"current_document": "visitor_fmm", "entry_date": "2026-11-01", "stay_until": "2026-10-31"},
            "stay_until",
            "cannot be before the day you entered Mexico",
        ),
        (
            "cambio_rt_unidad_familiar",
            {"current_document": "visitor_fmm", "entry_date": "2026-12-02", "stay_until": "2027-01-31"},
            "entry_date",
            "cannot be in the future",
        ),
    ],
)
def test_bad_dates_get_a_message_by_the_field_and_keep_what_was_typed(client, slug, data, field, message):
    preparation, status_url = at_status(client, slug)
    response = client.post(status_url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="#id_{field}' in body and f'id="id_{field}_error"' in body
    assert message in body
    values = input_values(body)
    for name, value in data.items():
        if name != "current_document" and name in values:
            assert values[name] == value, name
    assert "status" not in Preparation.objects.get(pk=preparation.pk).answers


@time_machine.travel(DECEMBER, tick=False)
def test_a_stay_longer_than_a_visitor_gets_is_a_warning_to_confirm(client):
    preparation, status_url = at_status(client, "cambio_rt_unidad_familiar")
    data = {"current_document": "visitor_fmm", "entry_date": "2026-06-01", "stay_until": "2027-06-01"}
    body = client.post(status_url, data).content.decode()
    assert "more than 180 days" in body and 'name="confirm_stay_until"' in body
    assert client.post(status_url, {**data, "confirm_stay_until": "on"}).status_code == 302


# ----------------------------------------------------------------------------- family routes


@time_machine.travel(DECEMBER, tick=False)
def test_a_visitor_spouse_asking_for_permanent_residence_is_told_to_start_as_temporary(client):
    preparation = walk(client, "en", "cambio_rp_unidad_familiar", {**core(VISITOR), "family": SPOUSE})
    page = packet(client, preparation)
    assert "spouse_starts_temporary" in flags_on(page)
    assert url("procedure_detail", "en", "cambio_rt_unidad_familiar") in flag_item(page, "spouse_starts_temporary")


@time_machine.travel(DECEMBER, tick=False)
def test_a_spouse_with_one_year_as_temporary_resident_and_a_recent_marriage(client):
    status = {"current_document": "temporary_card", "card_expires": "2027-03-01", "resident_since": "2026-03-01"}
    family = {**SPOUSE, "union_date": "2025-08-15"}
    preparation = walk(client, "en", "cambio_rp_unidad_familiar", {**core(status), "family": family})
    page = packet(client, preparation)
    assert {"temporary_residence_under_two_years", "family_tie_too_recent"} <= set(flags_on(page))
    assert "March 1, 2028" in flag_item(page, "temporary_residence_under_two_years")
    assert "Aug. 15, 2027" in flag_item(page, "family_tie_too_recent")


@time_machine.travel(DECEMBER, tick=False)
def test_a_spouse_with_two_years_of_each_raises_no_family_flag(client):
    status = {"current_document": "temporary_card", "card_expires": "2027-03-01", "resident_since": "2024-03-01"}
    preparation = walk(client, "en", "cambio_rp_unidad_familiar", {**core(status), "family": SPOUSE})
    family_flags = {"spouse_starts_temporary", "temporary_residence_under_two_years", "family_tie_too_recent"}
    assert not family_flags & set(flags_on(packet(client, preparation)))


PARENT_OF_A_MEXICAN = {
    "relationship": "child",
    "sponsor_name": "Jorge Ramírez Soto",
    "sponsor_status": "mexican",
    "sponsor_document": "INE 1234567890123",
    "foreign_certificates": "no",
}


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize(("by_birth", "flagged"), [("yes", False), ("no", True)])
def test_a_parent_of_a_mexican_by_birth_goes_straight_to_permanent(client, by_birth, flagged):
    family = {**PARENT_OF_A_MEXICAN, "sponsor_mexican_by_birth": by_birth}
    preparation = walk(client, "en", "cambio_rp_unidad_familiar", {**core(VISITOR), "family": family})
    page = packet(client, preparation)
    assert ("family_route_sources_differ" in flags_on(page)) is flagged
    if flagged:
        item = flag_item(page, "family_route_sources_differ")
        assert "not by birth" in item and "safer path" in item


@time_machine.travel(DECEMBER, tick=False)
def test_the_family_step_asks_mexican_by_birth_only_for_a_mexican(client):
    preparation, _ = start(client, "en", "cambio_rp_unidad_familiar")
    for step, data in core(VISITOR).items():
        assert client.post(url("wizard_step", "en", preparation.token, step), data).status_code == 302
    family_url = url("wizard_step", "en", preparation.token, "family")
    page = client.get(family_url).content.decode()
    assert 'data-show-when="sponsor_status=mexican"' in page
    missing = client.post(family_url, PARENT_OF_A_MEXICAN)
    assert missing.status_code == 200 and 'id="id_sponsor_mexican_by_birth_error"' in missing.content.decode()
    resident = {**PARENT_OF_A_MEXICAN, "sponsor_status": "permanent", "sponsor_mexican_by_birth": "yes"}
    # A resident's nationality is asked (a Mexican's goes without saying).
    no_nationality = client.post(family_url, resident)
    assert no_nationality.status_code == 200 and 'id="id_sponsor_nationality_error"' in no_nationality.content.decode()
    assert client.post(family_url, {**resident, "sponsor_nationality": "CA"}).status_code == 302
    preparation.refresh_from_db()
    assert "sponsor_mexican_by_birth" not in preparation.answers["family"]
    assert preparation.answers["family"]["sponsor_nationality"] == "CA"


# ----------------------------------------------------------------------------- the pensioner route


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pensioner_route_shows_the_amounts_from_the_uma_in_force(client, language):
    status = {**FOUR_YEARS, "rt_to_rp_route": "pensioner"}
    preparation = walk(client, language, "cambio_rt_a_rp", core(status))
    page = packet(client, preparation, language)
    assert 'data-pensioner-uma="2026"' in page
    assert "$58,655.00 MXN" in page and "$2,932,750.00 MXN" in page
    assert "$117.31 MXN" in page
    section = page[page.index('id="pensioner-title"') :]
    section = section[: section.index("</section>")]
    assert 'class="badge not-confirmed"' in section  # UMA 2026: one secondary source
    assert "INM823" in section
    assert "not_yet_eligible" not in flags_on(page)
    assert 'id="letter-title"' not in page  # the four-year request is for the four-year route only


@time_machine.travel("2027-02-10 17:00:00+00:00", tick=False)
def test_the_pensioner_route_says_when_the_uma_in_force_is_unknown(client):
    status = {**FOUR_YEARS, "rt_to_rp_route": "pensioner", "card_expires": "2027-03-01"}
    preparation = walk(client, "en", "cambio_rt_a_rp", core(status))
    page = packet(client, preparation)
    assert 'data-pensioner-uma="unknown"' in page
    assert "We do not have the UMA in force on Feb. 10, 2027" in page
    assert "$58,655.00" not in page  # never computed from an older year's UMA


# ----------------------------------------------------------------------------- help me choose


def choose_outcome(client, document, need, answers=None, language="en"):
    data = {"document": document, "need": need}
    if answers:
        data.update(_stage="follow_up", **answers)
    return client.post(url("choose", language), data).content.decode()


@time_machine.travel(DECEMBER, tick=False)
def test_choose_row_4b_permanent_resident_who_works(client):
    body = choose_outcome(client, "permanent_card", "work")
    assert 'name="procedure" value="notif_lugar_trabajo"' in body
    assert "without a work permit" in body
    assert "None of the procedures we prepare fits" not in body


@time_machine.travel(DECEMBER, tick=False)
@pytest.mark.parametrize("relative", ["mexican", "permanent"])
def test_choose_row_6_a_spouse_starts_as_a_temporary_resident(client, relative):
    body = choose_outcome(
        client, "visitor_fmm", "stay_through_family", {"relative_status": relative, "relationship": "spouse"}
    )
    assert 'name="procedure" value="cambio_rt_unidad_familiar"' in body
    assert "starts as a temporary resident" in body


@time_machine.travel(DECEMBER, tick=False)
def test_choose_row_15_a_permanent_resident_who_wants_to_renew(client):
    question = client.post(url("choose", "en"), {"document": "permanent_card", "need": "renew"}).content.decode()
    assert 'name="minor"' in question
    minor = choose_outcome(client, "permanent_card", "renew", {"minor": "yes"})
    assert 'name="procedure" value="renovacion"' in minor
    adult = choose_outcome(client, "permanent_card", "renew", {"minor": "no"})
    assert "does not expire" in adult and 'name="procedure"' not in adult
    assert url("procedure_detail", "en", "reposicion") in adult
    assert "None of the procedures we prepare fits" not in adult


@time_machine.travel(DECEMBER, tick=False)
def test_what_choose_knows_is_not_asked_again(client):
    body = choose_outcome(
        client, "resident_visa", "get_card", {"entry_date": "2026-11-20", "admission": "canje", "entry_record": "fmm"}
    )
    # The wizard's names; help me choose's own ("choose.…") only bring its result back after a refusal.
    carried = {name: value for name, value in input_values(body).items() if "." in name and "choose." not in name}
    assert carried == {
        "status.current_document": "resident_visa",
        "status.entry_date": "2026-11-20",
        "status.admission": "canje",
    }
    response = client.post(url("prepare_start", "en"), {"consent": "on", "procedure": "canje", **carried})
    assert response.status_code == 302
    assert "2026" not in response["Location"]  # dates travel by POST, never in a URL
    preparation = Preparation.objects.get()
    for step in ("applicant", "passport"):
        post_step(client, url("wizard_step", "en", preparation.token, step), core({})[step])
    status_page = client.get(url("wizard_step", "en", preparation.token, "status")).content.decode()
    assert re.search(r'value="resident_visa"[^>]*checked', status_page)
    assert input_values(status_page)["entry_date"] == "2026-11-20"
    assert re.search(r'<option value="canje" selected>', status_page)
    assert not _shown(status_page, "card_expires")  # the visa's questions are already shown


@time_machine.travel(DECEMBER, tick=False)
def test_choose_carries_the_relationship_into_the_family_step(client):
    body = choose_outcome(
        client, "visitor_fmm", "stay_through_family", {"relative_status": "mexican", "relationship": "spouse"}
    )
    # The wizard's names; help me choose's own ("choose.…") only bring its result back after a refusal.
    carried = {name: value for name, value in input_values(body).items() if "." in name and "choose." not in name}
    assert carried["family.relationship"] == "spouse" and carried["family.sponsor_status"] == "mexican"
    client.post(url("prepare_start", "en"), {"consent": "on", "procedure": "cambio_rt_unidad_familiar", **carried})
    preparation = Preparation.objects.get()
    for step, data in core(VISITOR).items():
        post_step(client, url("wizard_step", "en", preparation.token, step), data)
    family_page = client.get(url("wizard_step", "en", preparation.token, "family")).content.decode()
    assert re.search(r'value="spouse"[^>]*checked', family_page)
    assert re.search(r'value="mexican"[^>]*checked', family_page)
    preparation.refresh_from_db()
    assert "family" not in preparation.answers  # shown filled in, saved only when the applicant saves


@time_machine.travel(DECEMBER, tick=False)
def test_prepare_without_or_with_bad_prefill_still_starts(client):
    data = {"consent": "on", "procedure": "canje", "status.entry_date": "2027-05-01", "status.admission": "x"}
    assert client.post(url("prepare_start", "en"), data).status_code == 302
    preparation = Preparation.objects.get()
    assert "prefill" not in preparation.answers  # a future entry date and an unknown value are dropped
    assert client.post(url("prepare_start", "en"), {"consent": "on"}).status_code == 302


@time_machine.travel(DECEMBER, tick=False)
def test_prefill_is_dropped_at_completion(client):
    carried = {"status.current_document": "resident_visa", "status.entry_date": "2026-11-20"}
    client.post(url("prepare_start", "en"), {"consent": "on", "procedure": "canje", **carried})
    preparation = Preparation.objects.get()
    assert preparation.answers["prefill"] == {
        "status": {"current_document": "resident_visa", "entry_date": "2026-11-20"}
    }
    status = {
        "current_document": "resident_visa",
        "visa_type": "temporary",
        "admission": "canje",
        "entry_record": "fmm",
        "entry_date": "2026-11-20",
        "years_requested": "1",
    }
    for step, data in core(status).items():
        post_step(client, url("wizard_step", "en", preparation.token, step), data)
    client.post(url("review", "en", preparation.token), {"confirm": "on"})
    preparation.refresh_from_db()
    assert preparation.status == "complete" and "prefill" not in preparation.answers
