"""conditions.py: every condition true and false, and the personalised checklist."""

from datetime import date

import pytest

from procedures.conditions import Condition, personalised_checklist, true_conditions
from procedures.models import ChecklistItem, GeneralRule
from procedures.situation import age_on, situation_for

TODAY = date(2026, 11, 27)


def conditions(slug="canje", today=TODAY, **steps):
    return true_conditions(situation_for(steps, procedure_slug=slug, today=today))


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (date(2000, 11, 27), date(2026, 11, 27), 26),  # birthday today
        (date(2000, 11, 28), date(2026, 11, 27), 25),  # birthday tomorrow
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # leap-day birthday, not yet in a common year
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
        (date(2010, 12, 31), date(2026, 1, 1), 15),
    ],
)
def test_age_on(birth, today, age):
    assert age_on(birth, today) == age


@pytest.mark.parametrize(
    ("birth", "expected", "absent"),
    [
        ("2008-11-28", {"minor", "minor_15_17"}, set()),  # 17, turns 18 tomorrow
        ("2008-11-27", set(), {"minor", "minor_15_17"}),  # 18 today
        ("2011-11-27", {"minor", "minor_15_17"}, set()),  # 15 today
        ("2011-11-28", {"minor"}, {"minor_15_17"}),  # 14
        ("1980-01-01", set(), {"minor", "minor_15_17"}),
    ],
)
def test_minor_conditions(birth, expected, absent):
    true = conditions(applicant={"birth_date": birth})
    assert expected <= true
    assert not (absent & true)


def test_no_birth_date_is_not_a_minor():
    assert "minor" not in conditions()
    assert "always" in conditions()


@pytest.mark.parametrize(
    ("birth", "document", "minor_permanent"),
    [
        ("2012-05-01", "permanent_card", True),
        ("2012-05-01", "temporary_card", False),
        ("1990-05-01", "permanent_card", False),
    ],
)
def test_minor_permanent_and_its_opposite(birth, document, minor_permanent):
    true = conditions("renovacion", applicant={"birth_date": birth}, status={"current_document": document})
    assert ("minor_permanent" in true) is minor_permanent
    assert ("not_minor_permanent" in true) is not minor_permanent


@pytest.mark.parametrize(
    ("relationship", "condition"),
    [
        ("spouse", "spouse"),
        ("concubine", "concubine"),
        ("child", "child_or_parent"),
        ("parent", "child_or_parent"),
        ("sibling", "sibling"),
    ],
)
def test_family_relationship(relationship, condition):
    true = conditions("cambio_rp_unidad_familiar", family={"relationship": relationship})
    assert condition in true
    others = {"spouse", "concubine", "child_or_parent", "sibling"} - {condition}
    assert not (others & true)


@pytest.mark.parametrize(
    ("status", "condition"),
    [
        ("mexican", "sponsor_mexican"),
        ("temporary", "sponsor_foreign_resident"),
        ("permanent", "sponsor_foreign_resident"),
    ],
)
def test_sponsor_status(status, condition):
    true = conditions("cambio_rt_unidad_familiar", family={"sponsor_status": status})
    assert condition in true
    assert not ({"sponsor_mexican", "sponsor_foreign_resident"} - {condition}) & true


@pytest.mark.parametrize(("answer", "expected"), [("yes", True), ("no", False), ("", False)])
def test_foreign_certificates(answer, expected):
    true = conditions("cambio_rp_unidad_familiar", family={"foreign_certificates": answer})
    assert ("foreign_certificates" in true) is expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("resident_visa", {"entered_with_fmm"}),
        ("visitor_fmm", {"entered_with_fmm"}),
        ("humanitarian_card", {"holds_humanitarian_card"}),
        ("provisional_document", {"holds_provisional_document"}),
        ("temporary_card", set()),
        ("expired_document", set()),
    ],
)
def test_current_document_conditions(document, expected):
    true = conditions("renovacion", status={"current_document": document})
    assert true & {"entered_with_fmm", "holds_humanitarian_card", "holds_provisional_document"} == expected


@pytest.mark.parametrize(
    ("reason", "condition"),
    [
        ("lost", "lost_or_stolen_in_mexico"),
        ("stolen", "lost_or_stolen_in_mexico"),
        ("damaged", "damaged"),
        ("lost_abroad", "lost_abroad"),
    ],
)
def test_replacement_reason(reason, condition):
    true = conditions("reposicion", replacement={"reason": reason})
    assert true & {"lost_or_stolen_in_mexico", "damaged", "lost_abroad"} == {condition}


@pytest.mark.parametrize(
    ("slug", "kind", "expected"),
    [
        ("permiso_trabajo_empleador", None, "with_employer"),
        ("permiso_trabajo_independiente", None, "self_employed"),
        ("permiso_trabajo_empleador", "self_employed", "with_employer"),  # the slug decides, never asked
        ("regularizacion_documento_vencido", "employer", "with_employer"),
        ("notif_lugar_trabajo", "self_employed", "self_employed"),
        ("regularizacion_documento_vencido", None, None),
    ],
)
def test_employment_kind(slug, kind, expected):
    steps = {"employment": {"employment_kind": kind}} if kind else {}
    true = conditions(slug, **steps)
    assert true & {"with_employer", "self_employed"} == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("route", "condition"),
    [("four_years", "route_four_years"), ("pensioner", "route_pensioner"), ("points", "route_points")],
)
def test_route_conditions_only_for_the_change_to_permanent(route, condition):
    assert condition in conditions("cambio_rt_a_rp", status={"rt_to_rp_route": route})
    assert condition not in conditions("renovacion", status={"rt_to_rp_route": route})


@pytest.mark.parametrize(
    ("visa", "condition"),
    [("temporary", "visa_temporary"), ("permanent", "visa_permanent"), ("student", "visa_student")],
)
def test_visa_conditions_only_for_canje(visa, condition):
    true = conditions("canje", status={"visa_type": visa})
    assert true & {"visa_temporary", "visa_permanent", "visa_student"} == {condition}
    assert condition not in conditions("renovacion", status={"visa_type": visa})


def test_every_condition_of_the_vocabulary_can_be_true():
    answers = [
        ("cambio_rt_a_rp", {"status": {"rt_to_rp_route": "points"}}),
        ("canje", {"status": {"visa_type": "permanent", "current_document": "resident_visa"}}),
    ]
    seen = set()
    for slug, steps in answers:
        seen |= conditions(slug, **steps)
    for slug, steps in [
        ("renovacion", {"applicant": {"birth_date": "2010-01-01"}, "status": {"current_document": "permanent_card"}}),
        (
            "cambio_rp_unidad_familiar",
            {"family": {"relationship": "spouse", "sponsor_status": "mexican", "foreign_certificates": "yes"}},
        ),
        ("cambio_rp_unidad_familiar", {"family": {"relationship": "concubine", "sponsor_status": "permanent"}}),
        ("cambio_rp_unidad_familiar", {"family": {"relationship": "child"}}),
        ("cambio_rp_unidad_familiar", {"family": {"relationship": "sibling"}}),
        ("renovacion", {"status": {"current_document": "humanitarian_card"}}),
        ("renovacion", {"status": {"current_document": "provisional_document"}}),
        ("reposicion", {"replacement": {"reason": "damaged"}}),
        ("reposicion", {"replacement": {"reason": "stolen"}}),
        ("reposicion", {"replacement": {"reason": "lost_abroad"}}),
        ("permiso_trabajo_empleador", {}),
        ("permiso_trabajo_independiente", {}),
        ("cambio_rt_a_rp", {"status": {"rt_to_rp_route": "four_years"}}),
        ("cambio_rt_a_rp", {"status": {"rt_to_rp_route": "pensioner"}}),
        ("canje", {"status": {"visa_type": "temporary"}}),
        ("canje", {"status": {"visa_type": "student"}}),
        ("renovacion", {}),
    ]:
        seen |= conditions(slug, **steps)
    assert seen == set(Condition.values)


def item(key, condition="always", position=0, confidence="verified"):
    return ChecklistItem(key=key, condition=condition, position=position, confidence=confidence, text_en=key)


def rule(key, condition="always", position=0):
    return GeneralRule(key=key, condition=condition, position=position, text_en=key)


def test_checklist_keeps_items_whose_condition_holds_in_order():
    items = [
        item("fotografias", position=3),
        item("acta_matrimonio", "spouse", position=2),
        item("constancia_concubinato", "concubine", position=2),
        item("pasaporte", position=1),
    ]
    checklist = personalised_checklist(items, [], frozenset({"always", "spouse"}))
    assert [i.key for i in checklist.items] == ["pasaporte", "acta_matrimonio", "fotografias"]


def test_checklist_general_rules_apply_once_each_and_never_add_photos():
    rules = [
        rule("originals_and_copies", position=1),
        rule("minors_signature", "minor", position=2),
        rule("foreign_documents", "foreign_certificates", position=3),
        rule("originals_and_copies", position=4),  # a duplicate key (e.g. two sources)
        rule("photos_infantil", position=5),
    ]
    adult = personalised_checklist([], rules, frozenset({"always"}))
    assert [r.key for r in adult.rules] == ["originals_and_copies"]
    minor_abroad = personalised_checklist([], rules, frozenset({"always", "minor", "foreign_certificates"}))
    assert [r.key for r in minor_abroad.rules] == ["originals_and_copies", "minors_signature", "foreign_documents"]


def test_checklist_knows_when_a_requirement_is_not_confirmed():
    assert personalised_checklist([item("a", confidence="secondary")], [], frozenset({"always"})).has_unconfirmed
    assert not personalised_checklist([item("a")], [], frozenset({"always"})).has_unconfirmed
