"""After the INM approves: the second stage of a procedure, only what applies to it.

FACTS.md corrections of 2026-12-01 ("After approval") [a lawyer's review, secondary until checked]:
the resolution (oficio) is downloaded with the número de pieza and the contraseña, in a pop-up
window (FACTS.md §3.2 "Status check" [S]); then fingerprints, photos and the card fee; then the
card, whose validity runs from its issue. After a canje, the CURP comes with the card, and a car
on a temporary import permit is notified to the SAT within 15 days: FACTS.md §2.4 (Canje) counts
them from the filing [S: mexicobyvehicle.com], the corrections from getting residence. The
earlier of the two is the filing: the packet counts from it and says the sources differ. A 15th
day that is a weekend or a rest day by law is not one to count on at a government office: the
packet says so and gives the working day before it (the earlier day, never a later one).

Pure functions of the procedure's traits, the fees owed and the appointment's day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .deadlines import long_date
from .fees import CARD_SCHEDULES, FeeLine
from .models import Confidence, FeeKind, FeeWhen
from .traits import traits_for
from .workdays import ClosedBecause, closed_day, last_working_day_on_or_before

# Counted in calendar days: the earlier of the ways of counting them.
VEHICLE_NOTICE_DAYS = 15


@dataclass(frozen=True)
class Step:
    """One thing to do once the INM resolves, with how sure our sources are of it."""

    key: str
    text: str
    confidence: str = Confidence.SECONDARY


def card_fee_after_approval(fees: Iterable[FeeLine]) -> bool:
    """The card is paid once the status is granted (a change of status, a regularisation)."""
    return any(
        line.when == FeeWhen.AFTER_APPROVAL
        and (line.kind == FeeKind.CARD_AFTER_APPROVAL or line.schedule.key in CARD_SCHEDULES)
        and line.owes
        for line in fees
    )


def vehicle_notice_by(appointment_on: date | None) -> date | None:
    """The last day of the SAT notice, counted from the earlier start the sources give: the filing."""
    return appointment_on + timedelta(days=VEHICLE_NOTICE_DAYS) if appointment_on else None


def second_stage(
    *, procedure_slug: str, fees: Iterable[FeeLine] = (), appointment_on: date | None = None
) -> list[Step]:
    """What comes after the approval of this procedure, in order (the card stage only where a card
    is issued; the CURP and the SAT notice only after a canje)."""
    traits = traits_for(procedure_slug)
    steps = [
        Step(
            "resolution",
            _(
                "Download the resolution (oficio) from the INM portal with your número de pieza and your "
                "contraseña. It opens in a pop-up window: allow pop-ups for the INM site first."
            ),
        )
    ]
    if not traits.issues_card:
        return steps
    fingerprints = _(
        "If it is approved, go back to the office for your card: the INM takes your fingerprints and photos (bring "
        "the printed photos anyway)."
    )
    if card_fee_after_approval(fees):
        fingerprints += " " + _(
            "The card fee is paid at this stage (see “Fees”, after approval): bring its bank receipt."
        )
    steps += [
        Step("fingerprints_and_photos", fingerprints),
        Step("card_pickup", _("Pick up your card at the office when the INM tells you it is ready.")),
        Step(
            "card_validity",
            _(
                "The card's validity runs from the day it is issued, not from the day you filed: check the expiry "
                "date printed on it."
            ),
        ),
    ]
    if traits.first_card_in_mexico:
        steps.append(Step("curp", _("Your CURP (Clave Única de Registro de Población) is assigned with your card.")))
        steps.append(
            Step(
                "vehicle_permit",
                _vehicle_notice(vehicle_notice_by(appointment_on), appointment_on),
                Confidence.CONFLICTING,
            )
        )
    return steps


def _vehicle_notice(by: date | None, appointment_on: date | None) -> str:
    text = _(
        "If you brought a car into Mexico on a temporary import permit: notify the SAT (customs) in writing within "
        "15 days, with the acuse that shows your NUT. Our sources differ on when the 15 days start: from your "
        "filing, or from getting your residence."
    )
    if by is None:
        return text + " " + _("Count from the earlier: the day you file, at your appointment.")
    values = {"appointment": long_date(appointment_on), "date": long_date(by)}
    text += " " + (
        _("Count from the earlier, your filing at the appointment on %(appointment)s: send it by %(date)s.") % values
    )
    closed = closed_day(by)
    working = last_working_day_on_or_before(by)
    if closed is not None and working is not None:
        if closed.because == ClosedBecause.WEEKEND:
            why = _("That day is a Saturday or a Sunday: send it by %(working)s, the working day before.")
        else:
            why = _("That day is a rest day by law: send it by %(working)s, the working day before.")
        text += " " + why % {"working": long_date(working)}
    return text
