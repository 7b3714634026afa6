"""choose.py: every row of the help-me-choose table, and the precedence between rows."""

from datetime import date

import pytest

from procedures.choose import ROWS, Outcome, Row, choose, matching_row, questions_for

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("row", "document", "need", "answers", "slug"),
    [
        (1, "resident_visa", "get_card", {"entry_date": date(2026, 11, 1), "admission": "canje"}, "canje"),
        (1, "resident_visa", "get_card", {"entry_date": date(2026, 10, 28), "admission": "unknown"}, "canje"),  # day 30
        (1, "resident_visa", "get_card", {"entry_date": date(2026, 10, 27), "admission": "canje"}, None),  # day 31
        (1, "resident_visa", "get_card", {"entry_date": date(2026, 11, 20), "admission": "visitor"}, None),
        (2, "temporary_card", "renew", {"card_expires": date(2026, 11, 26)}, "regularizacion_documento_vencido"),
        (2, "student_card", "renew", {"card_expires": date(2026, 12, 27)}, "renovacion"),  # 30 days left
        (2, "temporary_card", "renew", {"card_expires": date(2027, 3, 1)}, "renovacion"),  # too early, flagged
        (3, "permanent_card", "replace", {"where": "mexico", "card_valid": "yes"}, "reposicion"),
        (3, "temporary_card", "replace", {"where": "abroad", "card_valid": "yes"}, "reposicion"),
        (
            3,
            "humanitarian_card",
            "replace",
            {"where": "mexico", "card_valid": "no"},
            "regularizacion_documento_vencido",
        ),
        (4, "permanent_card", "report_change", {"change": "address"}, "notif_domicilio"),
        (4, "temporary_card", "report_change", {"change": "workplace"}, "notif_lugar_trabajo"),
        (4, "student_card", "report_change", {"change": "marital_status"}, "notif_estado_civil"),
        (4, "temporary_card", "report_change", {"change": "nationality"}, "notif_nacionalidad"),
        (4, "temporary_card", "report_change", {"change": "name"}, "notif_nombre"),
        (5, "temporary_card", "become_permanent", {"route": "four_years"}, "cambio_rt_a_rp"),
        (5, "temporary_card", "become_permanent", {"route": "pensioner"}, "cambio_rt_a_rp"),
        (5, "temporary_card", "become_permanent", {"route": "family"}, "cambio_rp_unidad_familiar"),
        (
            6,
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "mexican", "relationship": "spouse_2_years"},
            "cambio_rp_unidad_familiar",
        ),
        (
            6,
            "student_card",
            "stay_through_family",
            {"relative_status": "permanent", "relationship": "child"},
            "cambio_rp_unidad_familiar",
        ),
        (
            6,
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "mexican", "relationship": "spouse_recent"},
            "cambio_rt_unidad_familiar",
        ),
        (
            6,
            "visitor_fmm",
            "stay_through_family",
            {"relative_status": "temporary", "relationship": "parent"},
            "cambio_rt_unidad_familiar",
        ),
        (7, "student_card", "work", {"job_offer": "yes"}, "cambio_rte_a_rt"),
        (7, "student_card", "work", {"job_offer": "no"}, "permiso_trabajo_independiente"),
        (8, "temporary_card", "work", {"employment": "employer"}, "permiso_trabajo_empleador"),
        (8, "temporary_card", "work", {"employment": "self_employed"}, "permiso_trabajo_independiente"),
        (9, "humanitarian_card", "stay_as_resident", {"recognised": "yes"}, "cambio_vrh_a_rp"),
        (9, "humanitarian_card", "stay_as_resident", {"recognised": "no"}, "cambio_vrh_a_rt"),
        (10, "permanent_card", "travel", {}, "permiso_salida_regreso"),
        (10, "humanitarian_card", "travel", {}, "permiso_salida_regreso"),
        (11, "visitor_fmm", "become_resident", {}, None),
        (12, "no_valid_document", "stay_legally", {"family_tie": "yes"}, "regularizacion_vinculo_familiar"),
        (12, "no_valid_document", "stay_legally", {"family_tie": "no"}, "regularizacion_documento_vencido"),
        (13, "approval_letter", "get_card", {}, None),
        (14, "employer", "register_employer", {}, "constancia_empleador"),
        (15, "employer", "update_employer", {}, "actualizacion_constancia_empleador"),
    ],
)
def test_every_row_of_the_table(row, document, need, answers, slug):
    assert matching_row(document, need).number == row
    outcome = choose(document, need, answers, today=TODAY)
    assert outcome.slug == slug
    if slug is None:
        assert outcome.message  # a "not here" answer always says what to do instead


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


def test_no_row_has_more_than_two_follow_up_questions():
    assert all(len(row.questions) <= 2 for row in ROWS)
    assert [row.number for row in ROWS] == sorted(row.number for row in ROWS)


def test_questions_asked_are_only_those_of_the_matching_row():
    assert [q.name for q in questions_for("resident_visa", "get_card")] == ["entry_date", "admission"]
    assert [q.name for q in questions_for("temporary_card", "travel")] == []
    assert questions_for("employer", "renew") == ()


def test_a_combination_no_row_covers_says_what_to_do():
    outcome = choose("permanent_card", "renew", {}, today=TODAY)
    assert not outcome.is_procedure and "800 004 6264" in str(outcome.message)


def test_first_matching_row_wins():
    first = Row(1, frozenset({"doc"}), frozenset({"need"}), outcome=Outcome(slug="first"))
    second = Row(2, frozenset({"doc"}), frozenset({"need", "other"}), outcome=Outcome(slug="second"))
    assert choose("doc", "need", {}, today=TODAY, rows=(first, second)).slug == "first"
    assert choose("doc", "other", {}, today=TODAY, rows=(first, second)).slug == "second"


@pytest.mark.parametrize(
    ("document", "need", "row"),
    [
        # A temporary card holder who wants to work: row 8, not the student's row 7.
        ("temporary_card", "work", 8),
        # A student who wants to stay through family: row 6 comes before row 7 (work).
        ("student_card", "stay_through_family", 6),
        # A tourist who wants to work: row 11 (a visa first), since no row lets a visitor work.
        ("visitor_fmm", "work", 11),
        # Without a valid document, any need is a regularisation (row 12), even "renew".
        ("no_valid_document", "renew", 12),
        # A card holder with a procedure pending who wants to travel: row 10 for any card.
        ("student_card", "travel", 10),
    ],
)
def test_precedence_between_overlapping_rows(document, need, row):
    assert matching_row(document, need).number == row
