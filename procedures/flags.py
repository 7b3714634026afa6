"""Red flags: what in an applicant's answers could get them turned away at the window.

Pure functions of answers, dates and catalogue rows. A flag explains and suggests; it never
blocks: the applicant may still prepare and book.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .answers import Answers, answer, answer_date
from .conditions import Checklist
from .deadlines import Deadline, DeadlineState, long_date
from .fees import FeeLine
from .models import Office, OnlineBooking, OnlineStatus, Procedure
from .vocabulary import Admission, CurrentDocument, Relationship, SponsorStatus

PASSPORT_MARGIN = timedelta(days=183)  # about six months
FAMILY_TIE_YEARS = 2
FAMILY_UNITY_PERMANENT = "cambio_rp_unidad_familiar"
FAMILY_UNITY = {"cambio_rp_unidad_familiar", "cambio_rt_unidad_familiar", "regularizacion_vinculo_familiar"}


class Severity:
    DANGER = "danger"  # likely to be turned away or to lose the right to file
    WARNING = "warning"  # check before booking
    INFO = "info"  # good to know


@dataclass(frozen=True)
class Flag:
    code: str
    severity: str
    message: str
    suggestion: str = ""


def red_flags(
    *,
    procedure: Procedure,
    answers: Answers,
    today: date,
    deadline: Deadline,
    fees: Iterable[FeeLine] = (),
    checklist: Checklist | None = None,
    office: Office | None = None,
) -> list[Flag]:
    """Every red flag these answers raise, most serious first."""
    flags = [
        *_passport_flags(answers, today, deadline),
        *_deadline_flags(deadline),
        *_office_flags(procedure, answers, office),
        *_status_flags(procedure, answers, today),
        *_eligibility_flags(procedure, answers, today),
        *_catalogue_flags(procedure, fees, checklist),
    ]
    order = {Severity.DANGER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(flags, key=lambda flag: order[flag.severity])


def _passport_flags(answers: Answers, today: date, deadline: Deadline) -> list[Flag]:
    expires = answer_date(answers, "passport.passport_expires")
    if expires is None:
        return []
    if expires < today:
        return [
            Flag(
                "passport_expired",
                Severity.DANGER,
                _("Your passport expired on %(date)s.") % {"date": long_date(expires)},
                _("Renew your passport at your consulate before filing: the INM needs a valid one."),
            )
        ]
    if deadline.closes_on and expires < deadline.closes_on and deadline.state != DeadlineState.MISSED:
        return [
            Flag(
                "passport_expires_before_deadline",
                Severity.DANGER,
                _("Your passport expires on %(date)s, before the last day to file (%(deadline)s).")
                % {"date": long_date(expires), "deadline": long_date(deadline.closes_on)},
                _("File before your passport expires, or renew it first: the INM needs a valid passport."),
            )
        ]
    if expires < today + PASSPORT_MARGIN:
        return [
            Flag(
                "passport_expires_soon",
                Severity.WARNING,
                _("Your passport expires on %(date)s, within six months.") % {"date": long_date(expires)},
                _("Renew it soon: a card is usually not issued beyond the validity of the passport."),
            )
        ]
    return []


def _deadline_flags(deadline: Deadline) -> list[Flag]:
    if deadline.state == DeadlineState.MISSED:
        return [
            Flag(
                "deadline_missed",
                Severity.DANGER,
                _("The deadline passed on %(date)s.") % {"date": long_date(deadline.closes_on)},
                deadline.advice,
            )
        ]
    if deadline.state == DeadlineState.NOT_OPEN:
        return [
            Flag(
                "window_not_open",
                Severity.WARNING,
                _("You cannot file yet: the window opens on %(date)s.") % {"date": long_date(deadline.opens_on)},
                deadline.advice,
            )
        ]
    return []


def _office_flags(procedure: Procedure, answers: Answers, office: Office | None) -> list[Flag]:
    if office is None:
        return []
    flags = []
    if procedure.needs_appointment and office.online_booking == OnlineBooking.NO:
        alternative = office.nearest_online_office
        flags.append(
            Flag(
                "office_not_bookable",
                Severity.DANGER,
                _("%(office)s is not on the INM's online booking system.") % {"office": office.name},
                _("Book your appointment at %(office)s (%(city)s) instead.")
                % {"office": alternative.name, "city": alternative.city}
                if alternative
                else _("Call the office, or choose your state's Oficina de Representación."),
            )
        )
    elif procedure.needs_appointment and office.online_booking == OnlineBooking.UNKNOWN:
        flags.append(
            Flag(
                "office_booking_unknown",
                Severity.INFO,
                _("We could not confirm that %(office)s is on the online booking system.") % {"office": office.name},
                _("If it is not in the portal's list, book at your state's Oficina de Representación."),
            )
        )
    address_state = answer(answers, "address.state")
    if address_state and office.state_id != address_state:
        flags.append(
            Flag(
                "office_in_another_state",
                Severity.WARNING,
                _("The office you chose is in another state than your address."),
                _("The INM usually attends you at the office of the state where you live; check before booking."),
            )
        )
    return flags


def _status_flags(procedure: Procedure, answers: Answers, today: date) -> list[Flag]:
    flags = []
    document = answer(answers, "status.current_document")
    admission = answer(answers, "status.admission")
    if document == CurrentDocument.RESIDENT_VISA and admission == Admission.VISITOR:
        flags.append(
            Flag(
                "admitted_as_visitor",
                Severity.DANGER,
                _("You hold a resident visa, but you were admitted as a visitor (for 180 days, not for canje)."),
                _(
                    "The INM may refuse the canje. See an immigration professional before booking; "
                    "ask about correcting the entry record."
                ),
            )
        )
    elif document == CurrentDocument.RESIDENT_VISA and admission == Admission.UNKNOWN:
        flags.append(
            Flag(
                "admission_unknown",
                Severity.WARNING,
                _("You do not know what your FMM or entry stamp says."),
                _("Look at it now: it should say “canje” and 30 days. If it says visitor or 180 days, get advice."),
            )
        )
    card_expires = answer_date(answers, "status.card_expires")
    if procedure.slug == "reposicion" and card_expires and card_expires < today:
        flags.append(
            Flag(
                "replaced_card_expired",
                Severity.DANGER,
                _("The card you want to replace expired on %(date)s.") % {"date": long_date(card_expires)},
                _(
                    "Only a valid card can be replaced. With an expired card the procedure is a regularisation "
                    "for an expired document, which needs no appointment."
                ),
            )
        )
    return flags


def _eligibility_flags(procedure: Procedure, answers: Answers, today: date) -> list[Flag]:
    """Answers that contradict who may file (catalogue.yaml ``who_may_file``)."""
    flags = []
    sponsor = answer(answers, "family.sponsor_status")
    relationship = answer(answers, "family.relationship")
    if procedure.slug == FAMILY_UNITY_PERMANENT and sponsor == SponsorStatus.TEMPORARY:
        flags.append(
            Flag(
                "sponsor_is_temporary_resident",
                Severity.DANGER,
                _(
                    "Permanent residence through family unity needs a family member who is Mexican or a permanent "
                    "resident; yours is a temporary resident."
                ),
                _("The procedure for you is probably the change to temporary resident through family unity."),
            )
        )
    union = answer_date(answers, "family.union_date")
    if (
        procedure.slug == FAMILY_UNITY_PERMANENT
        and relationship in (Relationship.SPOUSE, Relationship.CONCUBINE)
        and union is not None
        and union > _years_before(today, FAMILY_TIE_YEARS)
    ):
        flags.append(
            Flag(
                "family_tie_too_recent",
                Severity.DANGER,
                _("Your marriage or union began on %(date)s, less than two years ago.") % {"date": long_date(union)},
                _(
                    "A spouse or partner qualifies for permanent residence after two years of the tie. Until then, "
                    "ask about temporary residence through family unity."
                ),
            )
        )
    if procedure.slug in FAMILY_UNITY and relationship == Relationship.SIBLING:
        flags.append(
            Flag(
                "sibling_tie",
                Severity.WARNING,
                _("A sibling is not among the family ties our sources list for this procedure."),
                _("Confirm with the INM or a professional before booking."),
            )
        )
    return flags


def _catalogue_flags(procedure: Procedure, fees: Iterable[FeeLine], checklist: Checklist | None) -> list[Flag]:
    flags = []
    if procedure.online_status == OnlineStatus.CANDIDATE:
        flags.append(
            Flag(
                "online_booking_not_confirmed",
                Severity.WARNING,
                _("Our sources do not confirm that this procedure can be booked online."),
                _("If it is not in the portal's list, call the INM (800 004 6264) or ask at the office."),
            )
        )
    if any(line.year_unconfirmed for line in fees):
        flags.append(
            Flag(
                "fee_year_unconfirmed",
                Severity.WARNING,
                _("At least one fee amount is not confirmed for this year (an estimate or last year's amount)."),
                _("Check the amount on the INM's e5cinco payment sheet before you pay."),
            )
        )
    if checklist is not None and (checklist.has_unconfirmed or not checklist.items):
        flags.append(
            Flag(
                "requirement_not_confirmed",
                Severity.INFO,
                _("Some requirements are not confirmed by official sources (marked “not confirmed”)."),
                _("Bring them anyway, and confirm the list with the INM before your appointment."),
            )
        )
    return flags


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)
