"""choose.py: every row of the help-me-choose table, and the precedence between rows."""

from datetime import date

import pytest

from procedures.choose import ROWS, Outcome, Row, choose, matching_row, questions_for, wizard_prefill

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("row", "document", "need", "answers", "slug"),
    [
        ("1", "resident_visa", "get_card", {"entry_date": date(2026, 11, 1), "admission": "canje"}, "canje"),
        (
            "1",
            "resident_visa",
            "get_card",
            {"entry_date": date(2026, 10, 29), "admission": "unknown"},
            "canje",
        ),  # day 30, the day of entry being day 1
        # Day 31 by our count, day 30 from the day after entry: the canje, flagged as perhaps today.
        ("1", "resident_visa", "get_card", {"entry_date": date(2026, 10, 28), "admission": "canje"}, "canje"),
        ("1", "resident_visa", "get_card", {"entry_date": date(2026, 10, 27), "admission": "canje"}, None),  # late
        ("1", "resident_visa", "get_card", {"entry_date": date(2026, 11, 20), "admission": "visitor"}, None),
        ("2", "temporary_card", "renew", {"card_expires": date(2026, 11, 26)}, "regularizacion_documento_vencido"),
        ("2", "student_card", "renew", {"card_expires": date(2026, 12, 27)}, "renovacion"),  # 30 days left
        ("2", "temporary_card", "renew", {"card_expires": date(2027, 3, 1)}, "renovacion"),  # too early, flagged
        ("3", "permanent_card", "replace", {"where": "mexico", "card_valid": "yes"}, "reposicion"),
        ("3", "temporary_card", "replace", {"where": "abroad", "card_valid": "yes"}, "reposicion"),
        (
            "3",
            "humanitarian_card",
            "replace",
            {"where": "mexico", "card_valid": "no"},
            "regularizacion_documento_vencido",
        ),
        ("4", "permanent_card", "report_change", {"change": "address"}, "notif_domicilio"),
        ("4", "temporary_card", "report_change", {"change": "workplace"}, "notif_lugar_trabajo"),
        ("4", "student_card", "report_change", {"change": "marital_status"}, "notif_estado_civil"),
        ("4", "temporary_card", "report_change", {"change": "nationality"}, "notif_nacionalidad"),
        ("4", "temporary_card", "report_change", {"change": "name"}, "notif_nombre"),
        ("4b", "permanent_card", "work", {}, "notif_lugar_trabajo"),
        ("5", "temporary_card", "become_permanent", {"route": "four_years"}, "cambio_rt_a_rp"),
        ("5", "temporary_card", "become_permanent", {"route": "pensioner"}, "cambio_rt_a_rp"),
        ("5", "temporary_card", "become_permanent", {"route": "family"}, "cambio_rp_unidad_familiar"),
        # Row 6, corrected: a spouse or partner always starts as a temporary resident.
        (
            "6",
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "mexican", "relationship": "spouse"},
            "cambio_rt_unidad_familiar",
        ),
        (
            "6",
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "permanent", "relationship": "concubine"},
            "cambio_rt_unidad_familiar",
        ),
        (
            "6",
            "student_card",
            "stay_through_family",
            {"relative_status": "mexican", "relationship": "child"},
            "cambio_rp_unidad_familiar",
        ),
        (
            "6",
            "student_card",
            "stay_through_family",
            {"relative_status": "permanent", "relationship": "child"},
            "cambio_rp_unidad_familiar",
        ),
        (
            "6",
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "temporary", "relationship": "parent"},
            "cambio_rt_unidad_familiar",
        ),
        ("7", "student_card", "work", {"job_offer": "yes"}, "cambio_rte_a_rt"),
        ("7", "student_card", "work", {"job_offer": "no"}, "permiso_trabajo_independiente"),
        ("8", "temporary_card", "work", {"employment": "employer"}, "permiso_trabajo_empleador"),
        ("8", "temporary_card", "work", {"employment": "self_employed"}, "permiso_trabajo_independiente"),
        ("9", "humanitarian_card", "stay_as_resident", {"recognised": "yes"}, "cambio_vrh_a_rp"),
        ("9", "humanitarian_card", "stay_as_resident", {"recognised": "no"}, "cambio_vrh_a_rt"),
        ("10", "permanent_card", "travel", {}, "permiso_salida_regreso"),
        ("10", "humanitarian_card", "travel", {}, "permiso_salida_regreso"),
        ("11", "visitor_fmm", "become_resident", {"relative_status": "none", "relationship": "none"}, None),
        # A visitor married to a Mexican changes status here: a spouse starts as a temporary resident.
        (
            "11",
            "visitor_fmm",
            "become_permanent",
            {"relative_status": "mexican", "relationship": "spouse"},
            "cambio_rt_unidad_familiar",
        ),
        (
            "11",
            "visitor_fmm",
            "become_resident",
            {"relative_status": "mexican", "relationship": "child"},
            "cambio_rp_unidad_familiar",
        ),
        (
            "11",
            "visitor_fmm",
            "work",
            {"relative_status": "temporary", "relationship": "parent"},
            "cambio_rt_unidad_familiar",
        ),
        ("11", "visitor_fmm", "become_resident", {"relative_status": "permanent", "relationship": "none"}, None),
        ("12", "no_valid_document", "stay_legally", {"family_tie": "yes"}, "regularizacion_vinculo_familiar"),
        ("12", "no_valid_document", "stay_legally", {"family_tie": "no"}, "regularizacion_documento_vencido"),
        ("13", "approval_letter", "get_card", {}, None),
        ("14", "employer", "register_employer", {}, "constancia_empleador"),
        ("14", "employer", "update_employer", {}, "actualizacion_constancia_empleador"),
        ("15", "permanent_card", "renew", {"minor": "yes"}, "renovacion"),
        ("15", "permanent_card", "renew", {"minor": "no"}, None),
    ],
)
def test_every_row_of_the_table(row, document, need, answers, slug):
    assert matching_row(document, need).number == row
    outcome = choose(document, need, answers, today=TODAY)
    assert outcome.slug == slug
    if slug is None:
        assert outcome.message  # a "not here" answer always says what to do instead


def test_the_day_after_our_last_canje_day_is_the_canje_with_the_count_flagged():
    outcome = choose("resident_visa", "get_card", {"entry_date": date(2026, 10, 28), "admission": "canje"}, today=TODAY)
    assert outcome.slug == "canje" and not outcome.message
    assert "Today may be your last day for the canje, or it may have been yesterday" in str(outcome.warnings[0])


def test_a_visitor_with_no_family_tie_is_sent_to_a_consulate_and_one_with_a_spouse_is_not():
    alone = choose("visitor_fmm", "become_resident", {"relative_status": "none", "relationship": "none"}, today=TODAY)
    assert "consulate" in str(alone.message) and alone.see_also == "visas"
    spouse = choose(
        "visitor_fmm", "become_permanent", {"relative_status": "mexican", "relationship": "spouse"}, today=TODAY
    )
    assert spouse.slug == "cambio_rt_unidad_familiar" and not spouse.message
    assert "but only while your authorised stay as a visitor lasts" in str(spouse.warnings[0])
    assert "starts as a temporary resident" in str(spouse.warnings[1])
    cousin = choose(
        "visitor_fmm", "become_resident", {"relative_status": "permanent", "relationship": "none"}, today=TODAY
    )
    assert cousin.slug is None and "spouse or partner, a child and a parent" in str(cousin.message)


def test_lapsed_visa_and_tourist_admission_say_what_to_do():
    tourist = choose(
        "resident_visa", "get_card", {"entry_date": date(2026, 11, 20), "admission": "visitor"}, today=TODAY
    )
    assert "tourist" in str(tourist.message) and "professional" in str(tourist.message)
    lapsed = choose("resident_visa", "get_card", {"entry_date": date(2026, 9, 1), "admission": "canje"}, today=TODAY)
    assert "lapsed" in str(lapsed.message)


def test_dont_know_admission_is_canje_with_a_warning():
    outcome = choose(
        "resident_visa", "get_card", {"entry_date": date(2026, 11, 20), "admission": "unknown"}, today=TODAY
    )
    assert outcome.slug == "canje" and outcome.warnings


def test_early_renewal_says_when_the_window_opens():
    outcome = choose("temporary_card", "renew", {"card_expires": date(2027, 3, 1)}, today=TODAY)
    assert outcome.warnings and "2027" in str(outcome.warnings[0])
    assert not choose("temporary_card", "renew", {"card_expires": date(2026, 12, 27)}, today=TODAY).warnings


def test_replacement_abroad_warns_about_the_consulate():
    outcome = choose("temporary_card", "replace", {"where": "abroad", "card_valid": "yes"}, today=TODAY)
    assert "consulate" in str(outcome.warnings[0])


# The rows of reference/choose.md, in its precedence order (row 14 has two needs: two rows).
CHOOSE_MD_ORDER = ["1", "2", "3", "4", "4b", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "14", "15"]


def test_no_row_has_more_than_two_follow_up_questions():
    assert all(len(row.questions) <= 2 for row in ROWS)
    assert [row.number for row in ROWS] == CHOOSE_MD_ORDER


def test_questions_asked_are_only_those_of_the_matching_row():
    assert [q.name for q in questions_for("resident_visa", "get_card")] == ["entry_date", "admission"]
    assert [q.name for q in questions_for("temporary_card", "travel")] == []
    assert questions_for("employer", "renew") == ()


def test_a_combination_no_row_covers_says_what_to_do():
    outcome = choose("permanent_card", "become_permanent", {}, today=TODAY)
    assert not outcome.is_procedure and "800 004 6264" in str(outcome.message)


# ----------------------------------------------------------------------------- the corrected rows


def test_row_4b_a_permanent_resident_who_works_notifies_the_workplace():
    assert matching_row("permanent_card", "work").number == "4b"
    outcome = choose("permanent_card", "work", {}, today=TODAY)
    assert outcome.slug == "notif_lugar_trabajo"
    assert "without a work permit" in str(outcome.message) and "art. 52" in str(outcome.message)
    assert "90 days" in str(outcome.message)
    # A temporary resident who wants to work still needs the permit (row 8).
    assert choose("temporary_card", "work", {"employment": "employer"}, today=TODAY).slug == "permiso_trabajo_empleador"


@pytest.mark.parametrize(
    ("relative", "relationship", "slug", "warns"),
    [
        ("mexican", "spouse", "cambio_rt_unidad_familiar", "starts as a temporary resident"),
        ("permanent", "spouse", "cambio_rt_unidad_familiar", "starts as a temporary resident"),
        ("mexican", "concubine", "cambio_rt_unidad_familiar", "starts as a temporary resident"),
        ("temporary", "spouse", "cambio_rt_unidad_familiar", None),
        ("mexican", "child", "cambio_rp_unidad_familiar", "Mexican by birth"),
        ("mexican", "parent", "cambio_rp_unidad_familiar", "Mexican by birth"),
        ("permanent", "parent", "cambio_rp_unidad_familiar", "Sources differ"),
        ("temporary", "child", "cambio_rt_unidad_familiar", None),
    ],
)
def test_row_6_a_spouse_starts_as_a_temporary_resident(relative, relationship, slug, warns):
    outcome = choose(
        "visitor_fmm", "stay_through_family", {"relative_status": relative, "relationship": relationship}, today=TODAY
    )
    assert outcome.slug == slug
    if warns:
        assert any(warns in str(warning) for warning in outcome.warnings)
    else:
        assert outcome.warnings == ()


def test_row_6_no_longer_asks_how_long_the_marriage_lasted():
    relationship = next(q for q in questions_for("visitor_fmm", "stay_through_family") if q.name == "relationship")
    assert [value for value, _label in relationship.choices] == ["spouse", "concubine", "child", "parent"]


def test_row_15_only_a_minors_permanent_card_is_renewed():
    assert [q.name for q in questions_for("permanent_card", "renew")] == ["minor"]
    minor = choose("permanent_card", "renew", {"minor": "yes"}, today=TODAY)
    assert minor.slug == "renovacion" and "one year" in str(minor.message) and "four years" in str(minor.message)
    adult = choose("permanent_card", "renew", {"minor": "no"}, today=TODAY)
    assert adult.slug is None and "does not expire" in str(adult.message)
    assert adult.see_also == "reposicion"


def test_row_5_family_route_warns_about_the_two_years():
    outcome = choose("temporary_card", "become_permanent", {"route": "family"}, today=TODAY)
    assert outcome.slug == "cambio_rp_unidad_familiar"
    assert "two years as a temporary resident" in str(outcome.warnings[0])


# ----------------------------------------------------------------------------- carried into the wizard


@pytest.mark.parametrize(
    ("document", "need", "answers", "expected"),
    [
        (
            "resident_visa",
            "get_card",
            {"entry_date": date(2026, 11, 20), "admission": "canje"},
            {
                "status.current_document": "resident_visa",
                "status.entry_date": "2026-11-20",
                "status.admission": "canje",
            },
        ),
        (
            "temporary_card",
            "renew",
            {"card_expires": date(2026, 12, 20)},
            {"status.current_document": "temporary_card", "status.card_expires": "2026-12-20"},
        ),
        (
            # An expired card: the wizard's document is "my document has expired".
            "temporary_card",
            "renew",
            {"card_expires": date(2026, 11, 1)},
            {"status.current_document": "expired_document", "status.card_expires": "2026-11-01"},
        ),
        (
            "temporary_card",
            "become_permanent",
            {"route": "four_years"},
            {"status.current_document": "temporary_card", "status.rt_to_rp_route": "four_years"},
        ),
        (
            # "family" is a route of choose, not of the RT→RP form: not carried.
            "temporary_card",
            "become_permanent",
            {"route": "family"},
            {"status.current_document": "temporary_card"},
        ),
        (
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "mexican", "relationship": "spouse"},
            {
                "status.current_document": "visitor_fmm",
                "family.relationship": "spouse",
                "family.sponsor_status": "mexican",
            },
        ),
        ("no_valid_document", "stay_legally", {"family_tie": "yes"}, {"status.current_document": "expired_document"}),
        ("visitor_fmm", "become_resident", {}, {}),  # not a procedure: nothing to carry
    ],
)
def test_what_choose_carries_into_the_wizard(document, need, answers, expected):
    outcome = choose(document, need, answers, today=TODAY)
    assert wizard_prefill(document, answers, outcome, today=TODAY) == expected


def test_first_matching_row_wins():
    first = Row("1", frozenset({"doc"}), frozenset({"need"}), outcome=Outcome(slug="first"))
    second = Row("2", frozenset({"doc"}), frozenset({"need", "other"}), outcome=Outcome(slug="second"))
    assert choose("doc", "need", {}, today=TODAY, rows=(first, second)).slug == "first"
    assert choose("doc", "other", {}, today=TODAY, rows=(first, second)).slug == "second"


@pytest.mark.parametrize(
    ("document", "need", "row"),
    [
        # A temporary card holder who wants to work: row 8, not the student's row 7.
        ("temporary_card", "work", "8"),
        # A student who wants to stay through family: row 6 comes before row 7 (work).
        ("student_card", "stay_through_family", "6"),
        # A tourist who wants to work: row 11 (a visa first), since no row lets a visitor work.
        ("visitor_fmm", "work", "11"),
        # Without a valid document, any need is a regularisation (row 12), even "renew".
        ("no_valid_document", "renew", "12"),
        # A card holder with a procedure pending who wants to travel: row 10 for any card.
        ("student_card", "travel", "10"),
    ],
)
def test_precedence_between_overlapping_rows(document, need, row):
    assert matching_row(document, need).number == row
