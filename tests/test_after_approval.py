"""after_approval.py: the second stage, only what applies to the procedure."""

from datetime import date

import pytest

from procedures.after_approval import VEHICLE_NOTICE_DAYS, card_fee_after_approval, second_stage, vehicle_notice_by
from procedures.fees import FeeLine
from procedures.models import Confidence, FeeSchedule

CARD_AFTER = FeeLine(schedule=FeeSchedule(key="rt_card", kind="amounts"), when="after_approval", kind="amounts")
CARD_AT_FILING = FeeLine(schedule=FeeSchedule(key="rt_card", kind="amounts"), when="at_filing", kind="amounts")
STUDY_FEE = FeeLine(schedule=FeeSchedule(key="cambio_condicion", kind="amounts"), when="at_filing", kind="amounts")
ANY_CARD = FeeLine(
    schedule=FeeSchedule(key="card_after_approval", kind="card_after_approval"),
    when="after_approval",
    kind="card_after_approval",
)
EXEMPT = FeeLine(
    schedule=FeeSchedule(key="rt_card", kind="amounts"), when="after_approval", kind="amounts", exempt_reason="x"
)
CARD_STAGE = ["resolution", "fingerprints_and_photos", "card_pickup", "card_validity"]


@pytest.mark.parametrize(
    ("slug", "keys"),
    [
        ("notif_domicilio", ["resolution"]),
        ("notif_nombre", ["resolution"]),
        ("permiso_trabajo_empleador", ["resolution"]),
        ("permiso_salida_regreso", ["resolution"]),
        ("renovacion", CARD_STAGE),
        ("reposicion", CARD_STAGE),
        ("cambio_rt_unidad_familiar", CARD_STAGE),
        ("cambio_rt_a_rp", CARD_STAGE),
        ("regularizacion_documento_vencido", CARD_STAGE),
        ("canje", [*CARD_STAGE, "curp", "vehicle_permit"]),
    ],
)
def test_the_steps_after_approval(slug, keys):
    assert [step.key for step in second_stage(procedure_slug=slug)] == keys


def test_the_resolution_is_downloaded_with_pieza_and_contrasena_and_pop_ups_allowed():
    (step,) = second_stage(procedure_slug="notif_domicilio")
    assert "número de pieza" in step.text and "contraseña" in step.text
    assert "pop-up" in step.text
    assert step.confidence == Confidence.SECONDARY


@pytest.mark.parametrize(
    ("fees", "paid_then"),
    [
        ((STUDY_FEE, CARD_AFTER), True),  # a change of status: the card once it is granted
        ((ANY_CARD,), True),  # a regularisation: whichever card is granted
        ((CARD_AT_FILING,), False),  # a canje or a renewal paid the card at filing
        ((EXEMPT,), False),  # nothing to pay
        ((), False),
    ],
)
def test_the_card_fee_is_said_only_where_it_is_paid_after_approval(fees, paid_then):
    assert card_fee_after_approval(fees) is paid_then
    steps = {step.key: step.text for step in second_stage(procedure_slug="cambio_rt_unidad_familiar", fees=fees)}
    assert ("card fee is paid at this stage" in steps["fingerprints_and_photos"]) is paid_then


def test_the_card_validity_runs_from_its_issue():
    steps = {step.key: step.text for step in second_stage(procedure_slug="renovacion")}
    assert "runs from the day it is issued" in steps["card_validity"]


def test_after_a_canje_the_vehicle_notice_counts_from_the_filing_the_earlier_date():
    assert vehicle_notice_by(date(2026, 12, 10)) == date(2026, 12, 25)
    assert VEHICLE_NOTICE_DAYS == 15
    steps = {step.key: step for step in second_stage(procedure_slug="canje", appointment_on=date(2026, 12, 10))}
    vehicle = steps["vehicle_permit"]
    assert vehicle.confidence == Confidence.CONFLICTING
    assert "Our sources differ" in vehicle.text
    assert "from your filing, or from getting your residence" in vehicle.text
    assert "send it by Dec. 25, 2026" in vehicle.text
    # Christmas Day is a rest day by law (LFT art. 74): the working day before it.
    assert "That day is a rest day by law: send it by Dec. 24, 2026, the working day before." in vehicle.text
    assert "CURP" in steps["curp"].text


@pytest.mark.parametrize(
    ("appointment_on", "said"),
    [
        (date(2026, 11, 30), None),  # the 15th day is Tuesday 15 December: a working day
        (date(2026, 12, 4), "That day is a Saturday or a Sunday: send it by Dec. 18, 2026, the working day before."),
    ],
)
def test_a_fifteenth_day_off_work_brings_the_notice_forward(appointment_on, said):
    steps = {step.key: step.text for step in second_stage(procedure_slug="canje", appointment_on=appointment_on)}
    if said is None:
        assert "the working day before" not in steps["vehicle_permit"]
    else:
        assert said in steps["vehicle_permit"]


def test_without_an_appointment_the_vehicle_notice_gives_no_date():
    steps = {step.key: step for step in second_stage(procedure_slug="canje")}
    assert vehicle_notice_by(None) is None
    assert "the day you file" in steps["vehicle_permit"].text
    assert "send it by" not in steps["vehicle_permit"].text
