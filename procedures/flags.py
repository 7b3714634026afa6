"""Red flags: what in an applicant's situation could get them turned away at the window.

Pure functions of the situation, the deadline and catalogue rows. A flag explains and suggests;
it never blocks: the applicant may still prepare and book. Each flag has a stable code, shown on
the packet page as ``data-flag="<code>"`` (DESIGN.md), and may point to the procedure that fits
better (``points_to``, a slug).

Codes:

- passports: ``passport_expired``, ``passport_expires_before_deadline``, ``passport_expires_soon``
- deadlines: ``deadline_missed``, ``window_not_open``, ``stay_expired`` (a visitor's authorised
  stay ended: a change of status is no longer possible, only a regularisation)
- offices: ``office_not_bookable``, ``office_booking_unknown``, ``office_in_another_state``
- the document held: ``admitted_as_visitor``, ``admission_unknown``, ``replaced_card_expired``,
  ``first_card_term`` (more than one year asked for a first temporary resident card),
  ``file_while_card_valid`` (no legal deadline, but the card held expires soon: the procedure is
  filed while it is valid)
- time as a temporary resident: ``not_yet_eligible`` (four-year route to permanent residence
  before its filing opens, or beyond the card), ``renewal_cap`` (the four years end on or before
  the card's expiry: no renewal), ``renewal_under_a_year`` (less than a year of the four years
  left after the card)
- family routes: ``sponsor_is_temporary_resident``, ``spouse_starts_temporary`` (a spouse or
  partner asks for permanent residence without being a temporary resident),
  ``temporary_residence_under_two_years``, ``family_tie_too_recent``,
  ``family_route_sources_differ`` (a parent or child of a Mexican not by birth, or of a permanent
  resident: the sources disagree; the safer path is shown), ``sibling_tie``
- the catalogue: ``online_booking_not_confirmed``, ``fee_year_unconfirmed``,
  ``requirement_not_confirmed``
- the office's calendar (``filing.py``): ``no_filing_day_left`` (the law still allows filing but
  our data has the office closed every day until then), ``deadline_soon`` (10 working days or
  fewer), ``book_now``, ``year_end_closure``, ``holy_week`` (Holy Thursday and Good Friday just before
  the last filing day, that year's acuerdo not entered); for a recorded appointment
  ``appointment_after_deadline``, ``appointment_before_entry``, ``appointment_before_window``,
  ``appointment_on_closed_day``
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .conditions import Checklist
from .deadlines import Deadline, DeadlineState, long_date
from .fees import FeeDate, FeeDateReason, FeeLine
from .models import DeadlineRule, Office, OnlineBooking, OnlineStatus, Procedure
from .situation import Situation
from .traits import (
    CHANGE_TO_PERMANENT,
    FAMILY_UNITY_TEMPORARY,
    REGULARISATION_EXPIRED_DOCUMENT,
    REGULARISATION_FAMILY,
    RENEWAL,
    traits_for,
)
from .vocabulary import Admission, CurrentDocument, Relationship, RtToRpRoute, SponsorStatus, VisaType
from .workdays import last_working_day_on_or_before, year_end_caution_applies

PASSPORT_MARGIN = timedelta(days=183)  # about six months
# Offices take an RT→RP filing in the card's last 30 days (catalogue.yaml: office practice).
FILING_WINDOW_DAYS = 30


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
    points_to: str = ""  # the slug of a procedure that fits better, if any


def red_flags(
    *,
    procedure: Procedure,
    situation: Situation,
    deadline: Deadline,
    fees: Iterable[FeeLine] = (),
    checklist: Checklist | None = None,
    office: Office | None = None,
    calendar: Iterable[Flag] = (),
    fee_date: FeeDate | None = None,
) -> list[Flag]:
    """Every red flag this situation raises, most serious first; ``calendar``: the flags of the
    office's calendar and of the appointment (``filing.py``).

    ``fee_date`` is the day whose year's fees the packet shows (fees.fee_date): a year without
    published amounts is said to be that day's year.
    """
    eligibility = [
        *_temporary_residence_flags(procedure, situation),
        *_family_flags(procedure, situation),
    ]
    deadline_flags = _deadline_flags(deadline, situation)
    if any(flag.code == "not_yet_eligible" for flag in eligibility):
        # It gives both dates already: the window's own flag would say half of it again.
        deadline_flags = [flag for flag in deadline_flags if flag.code != "window_not_open"]
    status = _status_flags(procedure, situation)
    if not any(flag.code in NOT_YET for flag in eligibility):
        status += _card_validity_flags(deadline, situation)
    if professional_first(status):
        calendar = _professional_before_booking(calendar)
    flags = [
        *calendar,
        *_passport_flags(situation, deadline),
        *deadline_flags,
        *_office_flags(procedure, situation, office),
        *status,
        *eligibility,
        *_catalogue_flags(procedure, fees, checklist, fee_date),
    ]
    order = {Severity.DANGER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(flags, key=lambda flag: order[flag.severity])


# Eligibility flags that say "file from a later day": a card-validity flag ("file before it expires")
# would contradict them; they say what to do about the card themselves.
NOT_YET = frozenset({"not_yet_eligible", "temporary_residence_under_two_years", "family_tie_too_recent"})
# How far ahead a card's expiry is said, for a procedure with no legal deadline: the portal books
# about 21 days ahead (secondary source), and slots go fast.
CARD_EXPIRY_NOTICE = timedelta(days=45)


def _card_validity_flags(deadline: Deadline, situation: Situation) -> list[Flag]:
    """A card that expires soon, for a procedure with no legal deadline in this case (none at all, or
    one for a visitor's stay only), filed while holding it.

    The sources say to file such a change "while your current card or FMM is valid" (procedures.yaml
    cambio_rp_unidad_familiar, secondary), and an expired card in Mexico leaves a regularisation
    (FACTS.md §2.2). The day is counted back over rest days by law only: the office's closures are
    the packet's calendar's (filing.py), which this flag does not know.
    """
    expires = situation.document.card_expires
    today = situation.today
    if deadline.applies or expires is None or expires < today:
        return []
    if expires - today > CARD_EXPIRY_NOTICE:
        return []
    last = last_working_day_on_or_before(expires)
    if last is None or last < today:
        return []
    message = _(
        "Your card expires on %(card_end)s. This procedure has no legal deadline, but it is filed while your card "
        "is valid: by %(last)s, its last working day (not confirmed by an official source)."
    ) % {"card_end": long_date(expires), "last": long_date(last)}
    suggestion = _(
        "Book now. Once the card has expired, this procedure is no longer open to you: what remains is a "
        "regularisation."
    )
    if year_end_caution_applies(last):
        suggestion += " " + _("It falls at the year end, when INM offices may close for some days: file earlier.")
    return [Flag("file_while_card_valid", Severity.WARNING, message, suggestion)]


# Flags whose advice is to see a professional before booking: "book now" would contradict them.
PROFESSIONAL_FIRST = frozenset({"admitted_as_visitor"})


def professional_first(flags: Iterable[Flag]) -> bool:
    return any(flag.code in PROFESSIONAL_FIRST for flag in flags)


def _professional_before_booking(calendar: Iterable[Flag]) -> list[Flag]:
    """The calendar's flags when a professional must be seen first: no "book now"; the time left
    stays, with the professional first (choose.md row 1: admitted as a visitor)."""
    kept = []
    for flag in calendar:
        if flag.code == "book_now":
            continue
        if flag.code == "deadline_soon":
            flag = replace(
                flag,
                suggestion=_(
                    "See an immigration professional today, before you book (read the warning on your entry "
                    "below): little time is left."
                ),
            )
        kept.append(flag)
    return kept


def _passport_flags(situation: Situation, deadline: Deadline) -> list[Flag]:
    expires = situation.passport.expires
    today = situation.today
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
    past = (DeadlineState.MISSED, DeadlineState.LAST_DAY_UNSURE)
    if deadline.closes_on and expires < deadline.closes_on and deadline.state not in past:
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


def _deadline_flags(deadline: Deadline, situation: Situation) -> list[Flag]:
    if deadline.state == DeadlineState.MISSED and deadline.rule == DeadlineRule.BEFORE_STAY_ENDS:
        return [
            Flag(
                "stay_expired",
                Severity.DANGER,
                _("Your authorised stay as a visitor ended on %(date)s.") % {"date": long_date(deadline.closes_on)},
                _(
                    "A change of status is no longer possible. What remains is a regularisation, which needs no "
                    "appointment: you go in person to the INM office, and a fine applies."
                ),
                points_to=_regularisation_after_stay(situation),
            )
        ]
    if deadline.state == DeadlineState.LAST_DAY_UNSURE:
        return [
            Flag(
                "deadline_unsure_today",
                Severity.DANGER,
                _("Your last day was yesterday, %(last)s, or it is today, by the other count.")
                % {"last": long_date(deadline.closes_on)},
                deadline.advice,
            )
        ]
    if deadline.state == DeadlineState.MISSED:
        return [
            Flag(
                "deadline_missed",
                Severity.DANGER,
                _("The deadline passed on %(date)s.") % {"date": long_date(deadline.closes_on)},
                deadline.advice,
                # The advice names the regularisation for a lapsed card: point to it too.
                points_to=traits_for(situation.procedure_slug).expired_card_becomes
                if deadline.rule != DeadlineRule.DAYS_AFTER_CHANGE
                else "",
            )
        ]
    if deadline.state == DeadlineState.NOT_OPEN:
        # The deadline's advice says the same in other words: the flag says it once.
        return [
            Flag(
                "window_not_open",
                Severity.WARNING,
                _("You cannot file yet: the window opens on %(date)s.") % {"date": long_date(deadline.opens_on)},
                _("Book an appointment for that day or later."),
            )
        ]
    return []


def _regularisation_after_stay(situation: Situation) -> str:
    """The regularisation that fits once a visitor's stay ended: through family ties when there
    is a tie, else the one the procedure names, else for an expired document."""
    traits = traits_for(situation.procedure_slug)
    if situation.family is not None and situation.family.relationship:
        return REGULARISATION_FAMILY
    if situation.family is None and traits.family_unity:
        # A family-unity change is itself through a tie; the status step, where the interruption
        # page says this, comes before the family step.
        return REGULARISATION_FAMILY
    return traits.stay_expired_becomes or REGULARISATION_EXPIRED_DOCUMENT


def _office_flags(procedure: Procedure, situation: Situation, office: Office | None) -> list[Flag]:
    if office is None:
        return []
    flags = []
    if procedure.needs_appointment and office.online_booking == OnlineBooking.NO:
        alternative = office.nearest_online_office
        # Chapala and Melaque are "reported" off the system (offices2.yaml, one secondary source).
        not_on = (
            _("%(office)s is not on the INM's online booking system.")
            if office.online_booking_is_confirmed
            else _("%(office)s is reported not to be on the INM's online booking system (not confirmed).")
        )
        flags.append(
            Flag(
                "office_not_bookable",
                Severity.DANGER,
                not_on % {"office": office.name},
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
    address_state = situation.address.state
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


def _status_flags(procedure: Procedure, situation: Situation) -> list[Flag]:
    flags = []
    document = situation.document
    if document.kind == CurrentDocument.RESIDENT_VISA and document.admission == Admission.VISITOR:
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
    elif document.kind == CurrentDocument.RESIDENT_VISA and document.admission == Admission.UNKNOWN:
        flags.append(
            Flag(
                "admission_unknown",
                Severity.WARNING,
                _("You do not know what your FMM or entry stamp says."),
                _("Look at it now: it should say “canje” and 30 days. If it says visitor or 180 days, get advice."),
            )
        )
    years = document.years_requested or 0
    first_card = traits_for(procedure.slug).first_card_in_mexico and document.visa_type == VisaType.TEMPORARY
    if first_card and years > 1:
        # FACTS.md §2.4 (a secondary source quoting the Lineamientos, art. 32): the first card is
        # normally for one year. The applicant would pay the fee of the years asked for.
        flags.append(
            Flag(
                "first_card_term",
                Severity.WARNING,
                _(
                    "You ask for %(years)d years. A first temporary resident card is usually issued for 1 year (not "
                    "confirmed by an official source); with a job offer in Mexico, for 2 to 4 years, as the offer says."
                )
                % {"years": years},
                _(
                    "Before you pay the fee for %(years)d years, ask the office or the INM (800 004 6264) which "
                    "term it will issue, and pay for that term."
                )
                % {"years": years},
            )
        )
    card_expires = document.card_expires
    if traits_for(procedure.slug).replaces_a_valid_card and card_expires and card_expires < situation.today:
        flags.append(
            Flag(
                "replaced_card_expired",
                Severity.DANGER,
                _("The card you want to replace expired on %(date)s.") % {"date": long_date(card_expires)},
                _(
                    "Only a valid card can be replaced. With an expired card the procedure is a regularisation "
                    "for an expired document, which needs no appointment."
                ),
                points_to=REGULARISATION_EXPIRED_DOCUMENT,
            )
        )
    return flags


# ----------------------------------------------------------------------------- time as a temporary resident


def four_year_filing_opens(*, four_years_end: date, card_expires: date | None, window_days: int) -> date:
    """The first day an office takes a four-year RT→RP filing: the last ``window_days`` of the
    card, and no earlier than ``window_days`` before the four years are complete."""
    latest = max(four_years_end, card_expires) if card_expires else four_years_end
    return latest - timedelta(days=window_days)


def _temporary_residence_flags(procedure: Procedure, situation: Situation) -> list[Flag]:
    traits = traits_for(procedure.slug)
    residence = situation.temporary_residence
    card = situation.document.card_expires
    if residence is None or situation.document.kind not in traits.resident_since_for:
        return []
    values = {
        "since": long_date(residence.since),
        "end": long_date(residence.four_years_end),
        "held": _time_held(residence.held_years, residence.held_months),
    }
    if traits.asks_rt_to_rp_route and situation.document.rt_to_rp_route == RtToRpRoute.FOUR_YEARS:
        window = procedure.deadline_days if procedure.deadline_rule == DeadlineRule.WINDOW_BEFORE_EXPIRY else None
        window = window or FILING_WINDOW_DAYS
        opens = four_year_filing_opens(four_years_end=residence.four_years_end, card_expires=card, window_days=window)
        if card is not None and opens > card:
            return [
                Flag(
                    "not_yet_eligible",
                    Severity.DANGER,
                    _(
                        "Your four years as a temporary resident are complete on %(end)s (%(since)s + 4 years), "
                        "more than %(days)d days after your card expires on %(card)s: this card does not reach them."
                    )
                    % {**values, "days": window, "card": long_date(card)},
                    _(
                        "Renew your card first for the time left; then file for permanent residence in the last "
                        "%(days)d days of the new card. Until the four years are complete, a letter saying they "
                        "are would not be true."
                    )
                    % {"days": window},
                    points_to=RENEWAL,
                )
            ]
        if situation.today < opens:
            return [
                Flag(
                    "not_yet_eligible",
                    Severity.DANGER,
                    _(
                        "You cannot file on the four-year route yet: you have been a temporary resident since "
                        "%(since)s (%(held)s today), and the four years are complete on %(end)s."
                    )
                    % values,
                    _(
                        "Offices take this filing in the last %(days)d days of the card (office practice, not the "
                        "law): from %(opens)s. A statement under oath that the four years are complete is true only "
                        "from %(end)s: do not sign one before then; state your dates instead."
                    )
                    % {**values, "days": window, "opens": long_date(opens)},
                )
            ]
    if traits.four_year_renewal and card is not None:
        if residence.four_years_end <= card:
            return [
                Flag(
                    "renewal_cap",
                    Severity.DANGER,
                    _(
                        "Your four years as a temporary resident are complete on %(end)s (%(since)s + 4 years), "
                        "on or before your card expires (%(card)s): a temporary card is not renewed beyond four "
                        "years in all."
                    )
                    % {**values, "card": long_date(card)},
                    _("Apply for permanent residence instead, in the last 30 days of your card."),
                    points_to=CHANGE_TO_PERMANENT,
                )
            ]
        if residence.years_left_after_card is not None and residence.years_left_after_card < 1:
            return [
                Flag(
                    "renewal_under_a_year",
                    Severity.WARNING,
                    _(
                        "Your four years as a temporary resident are complete on %(end)s, less than a year after "
                        "your card expires (%(card)s)."
                    )
                    % {**values, "card": long_date(card)},
                    _(
                        "Even a one-year card would go beyond the four years: ask the INM what term it grants. Once "
                        "the four years are complete you may apply for permanent residence."
                    ),
                    points_to=CHANGE_TO_PERMANENT,
                )
            ]
    return []


def _time_held(years: int, months: int) -> str:
    """ "3 years and 7 months", in the active language."""
    return _("%(years)s and %(months)s") % {
        "years": ngettext("%(years)d year", "%(years)d years", years) % {"years": years},
        "months": ngettext("%(months)d month", "%(months)d months", months) % {"months": months},
    }


# ----------------------------------------------------------------------------- family routes


def _family_flags(procedure: Procedure, situation: Situation) -> list[Flag]:
    """Family ties that contradict who may file (catalogue.yaml ``who_may_file``; FACTS.md §2.4 and
    its corrections of 2026-12-01)."""
    traits = traits_for(procedure.slug)
    family = situation.family
    if family is None or not traits.family_unity:
        return []
    flags = []
    if traits.family_unity_permanent:
        if family.sponsor_status == SponsorStatus.TEMPORARY:
            flags.append(
                Flag(
                    "sponsor_is_temporary_resident",
                    Severity.DANGER,
                    _(
                        "Permanent residence through family unity needs a family member who is Mexican or a "
                        "permanent resident; yours is a temporary resident."
                    ),
                    _("Ask for temporary residence through family unity instead."),
                    points_to=FAMILY_UNITY_TEMPORARY,
                )
            )
        if family.is_couple:
            flags += _spouse_flags(situation)
        elif family.is_direct_line and not (family.sponsor_is_mexican and family.sponsor_mexican_by_birth):
            flags.append(_direct_line_flag(family))
    if family.relationship == Relationship.SIBLING:
        flags.append(
            Flag(
                "sibling_tie",
                Severity.WARNING,
                _("A sibling is not among the family ties our sources list for this procedure."),
                _("Confirm with the INM or a professional before booking."),
            )
        )
    return flags


def _spouse_flags(situation: Situation) -> list[Flag]:
    """A spouse or partner starts as a temporary resident; permanent residence through them needs
    two years as a temporary resident and a tie of two years (a statement both sign says so)."""
    flags = []
    document = situation.document
    residence = situation.temporary_residence
    family = situation.family
    if document.kind and document.kind != CurrentDocument.TEMPORARY_CARD:
        flags.append(
            Flag(
                "spouse_starts_temporary",
                Severity.DANGER,
                _(
                    "A spouse or partner of a Mexican or of a permanent resident starts as a temporary resident: "
                    "permanent residence through them comes after two years as a temporary resident."
                ),
                _("Start as a temporary resident, through family unity."),
                points_to=FAMILY_UNITY_TEMPORARY,
            )
        )
    elif residence is not None and not residence.two_years_complete:
        # The card ends before the two years do: the change cannot be filed on it, a renewal comes first.
        renew_first = document.card_expires is not None and document.card_expires < residence.two_years_end
        flags.append(
            Flag(
                "temporary_residence_under_two_years",
                Severity.DANGER,
                _(
                    "You have been a temporary resident since %(since)s: the two years a spouse or partner needs "
                    "are complete on %(end)s."
                )
                % {"since": long_date(residence.since), "end": long_date(residence.two_years_end)},
                _("File from that day; until then, keep your temporary card valid (renew it if it expires first).")
                if not renew_first
                else _(
                    "Your card expires on %(card_end)s, before then: do not file this change now, renew your card "
                    "first (by its expiry), and file this change from %(end)s."
                )
                % {"card_end": long_date(document.card_expires), "end": long_date(residence.two_years_end)},
                points_to=RENEWAL if renew_first else "",
            )
        )
    if family.union_two_years_end is not None and family.union_two_years_end > situation.today:
        flags.append(
            Flag(
                "family_tie_too_recent",
                Severity.DANGER,
                _("Your marriage or union began on %(date)s: the two years of the tie are complete on %(end)s.")
                % {"date": long_date(family.union_date), "end": long_date(family.union_two_years_end)},
                _(
                    "Permanent residence through a spouse or partner needs a tie of two years as well as two years "
                    "as a temporary resident: the statement you both sign says so. File from that day."
                ),
            )
        )
    return flags


def _direct_line_flag(family) -> Flag:
    if family.sponsor_is_mexican and family.sponsor_mexican_by_birth is False:
        message = _(
            "Your relative is Mexican, but not by birth. Our sources differ here: the Ley de Migración (art. 54) "
            "lets the parents and children of a Mexican by birth go straight to permanent residence; one secondary "
            "source says the same of any Mexican or permanent resident."
        )
    elif family.sponsor_is_mexican:
        message = _(
            "We do not know whether your relative is Mexican by birth. The Ley de Migración (art. 54) lets the "
            "parents and children of a Mexican by birth go straight to permanent residence; for others our sources "
            "differ."
        )
    else:
        message = _(
            "Our sources differ for the parent or child of a permanent resident: the Ley de Migración (art. 54) lets "
            "the parents and children of a Mexican by birth go straight to permanent residence; one secondary source "
            "says a permanent resident's parents and children may too."
        )
    return Flag(
        "family_route_sources_differ",
        Severity.WARNING,
        message,
        _(
            "The safer path is temporary residence through family unity first. Confirm with the INM or an "
            "immigration professional before you book."
        ),
        points_to=FAMILY_UNITY_TEMPORARY,
    )


# ----------------------------------------------------------------------------- the catalogue


def _catalogue_flags(
    procedure: Procedure, fees: Iterable[FeeLine], checklist: Checklist | None, fee_date: FeeDate | None
) -> list[Flag]:
    flags = []
    fees = list(fees)
    if procedure.online_status == OnlineStatus.CANDIDATE:
        flags.append(
            Flag(
                "online_booking_not_confirmed",
                Severity.WARNING,
                _("Our sources do not confirm that this procedure can be booked online."),
                _("If it is not in the portal's list, call the INM (800 004 6264) or ask at the office."),
            )
        )
    fallback = [line for line in fees if line.year_unconfirmed and line.is_fallback]
    if fallback:
        flags.append(
            Flag(
                "fee_year_unconfirmed",
                Severity.WARNING,
                _fallback_message(fallback[0], fee_date),
                _(
                    "Fees are updated every January: check the amount on the INM's e5cinco payment sheet before you "
                    "pay."
                ),
            )
        )
    elif any(line.year_unconfirmed for line in fees):
        flags.append(
            Flag(
                "fee_year_unconfirmed",
                Severity.WARNING,
                _("At least one fee amount is not confirmed for this year: it is an estimate."),
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


def _fallback_message(line: FeeLine, fee_date: FeeDate | None) -> str:
    """No amounts are published for the year of the filing: say which year, why, and which is shown."""
    values = {"year": line.asked_year, "shown": line.shown_year}
    if fee_date is not None and fee_date.reason == FeeDateReason.APPOINTMENT:
        return (
            _(
                "No fee amounts are published yet for %(year)s, the year of your appointment: the packet shows the "
                "%(shown)s amounts."
            )
            % values
        )
    if fee_date is not None and fee_date.reason == FeeDateReason.WINDOW_OPENS:
        return (
            _(
                "No fee amounts are published yet for %(year)s, the year you can first file: the packet shows the "
                "%(shown)s amounts."
            )
            % values
        )
    return _("No fee amounts are published yet for %(year)s: the packet shows the %(shown)s amounts.") % values
