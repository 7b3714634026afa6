"""The facts a letter may assert, as predicates over the applicant's situation on its day.

A letter (``letters.py``) and the "Comentarios" text (``comments.py``) state a fact of this list
only when its predicate holds for the answers on the day the letter is dated; otherwise they state
the dates the applicant gave instead, and the packet says why (``why_not``). A statement made
"bajo protesta de decir verdad" is a statement under oath, and a false one made to an authority is
an offence: this module is the one place that decides what may be said.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from django.utils.translation import gettext as _

from .deadlines import long_date
from .situation import Situation
from .vocabulary import Admission, CurrentDocument

TEMPORARY_CARDS = frozenset({CurrentDocument.TEMPORARY_CARD, CurrentDocument.STUDENT_CARD})


class Claim(StrEnum):
    """A fact a letter asserts."""

    # Holds a temporary resident card (or a student one) that has not expired on the letter's day.
    TEMPORARY_RESIDENT_NOW = "temporary_resident_now"
    # Four years as a temporary resident complete on or before the letter's day (resident_since + 4
    # years), and a temporary resident still: the four-year route to permanent residence (INM823).
    FOUR_YEARS_AS_TEMPORARY_RESIDENT = "four_years_as_temporary_resident"
    # The marriage or the union began two or more years before the letter's day (the statement both
    # spouses sign for permanent residence: "la subsistencia del vínculo durante los dos años anteriores").
    TIE_TWO_YEARS = "tie_two_years"
    # Both members of the couple live at the applicant's address (the marital address they declare).
    LIVE_TOGETHER = "live_together"
    # The FMM or the entry stamp says "canje" (the visa was admitted to be exchanged for a card).
    ADMITTED_FOR_CANJE = "admitted_for_canje"
    # The loss or theft was reported to the police or the public prosecutor.
    POLICE_REPORT_FILED = "police_report_filed"
    # The applicant gave their own RFC (registered with the tax authority).
    REGISTERED_RFC = "registered_rfc"


def _temporary_resident_now(situation: Situation) -> bool:
    document = situation.document
    if document.kind not in TEMPORARY_CARDS:
        return False
    return document.card_expires is None or document.card_expires >= situation.today


def _four_years(situation: Situation) -> bool:
    residence = situation.temporary_residence
    return residence is not None and residence.four_years_end <= situation.today and _temporary_resident_now(situation)


def _tie_two_years(situation: Situation) -> bool:
    family = situation.family
    return bool(family and family.union_two_years_end and family.union_two_years_end <= situation.today)


def _live_together(situation: Situation) -> bool:
    family = situation.family
    return bool(family and family.is_couple and family.lives_together is True)


def _admitted_for_canje(situation: Situation) -> bool:
    return situation.document.kind == CurrentDocument.RESIDENT_VISA and situation.document.admission == Admission.CANJE


def _police_report_filed(situation: Situation) -> bool:
    return bool(situation.replacement and situation.replacement.police_report is True)


def _registered_rfc(situation: Situation) -> bool:
    return bool(situation.employment and situation.employment.applicant_rfc)


PREDICATES: dict[Claim, Callable[[Situation], bool]] = {
    Claim.TEMPORARY_RESIDENT_NOW: _temporary_resident_now,
    Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT: _four_years,
    Claim.TIE_TWO_YEARS: _tie_two_years,
    Claim.LIVE_TOGETHER: _live_together,
    Claim.ADMITTED_FOR_CANJE: _admitted_for_canje,
    Claim.POLICE_REPORT_FILED: _police_report_filed,
    Claim.REGISTERED_RFC: _registered_rfc,
}


def holds(claim: Claim, situation: Situation) -> bool:
    """Whether ``claim`` is true for these answers on the situation's day."""
    return PREDICATES[claim](situation)


def claims_that_hold(situation: Situation) -> frozenset[Claim]:
    """Every claim true for these answers on the situation's day."""
    return frozenset(claim for claim, predicate in PREDICATES.items() if predicate(situation))


def why_not(claim: Claim, situation: Situation) -> str:
    """Why a letter does not state ``claim``, in the packet's language (the claim does not hold)."""
    if claim == Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT:
        residence = situation.temporary_residence
        if residence is None:
            return _(
                "Not stated: that your four years as a temporary resident are complete. We do not know since when "
                "you are a temporary resident, so the letter cannot say it under oath."
            )
        if residence.four_years_end > situation.today:
            return _(
                "Not true yet: your four years as a temporary resident are complete on %(end)s (%(since)s + 4 "
                "years). A statement under oath dated %(today)s cannot say they are, so the letter states the day "
                "you became a temporary resident instead. If you file on or after %(end)s, open this packet again "
                "on the day you print it: the letter then states the four years."
            ) % {
                "end": long_date(residence.four_years_end),
                "since": long_date(residence.since),
                "today": long_date(situation.today),
            }
        return _(
            "Not stated: that you are a temporary resident with four years complete. Your answers do not show a "
            "valid temporary resident card today, so the letter states only the day you became a temporary "
            "resident."
        )
    if claim == Claim.TIE_TWO_YEARS:
        family = situation.family
        if family is None or family.union_two_years_end is None:
            return _(
                "Not stated: that your tie has lasted the two years before the application. We do not have the "
                "date of the marriage or of the union."
            )
        return _(
            "Not true yet: your tie has not lasted two years (it began on %(since)s; two years are complete on "
            "%(end)s). The statement gives the date it began instead; the INM asks for two years of the tie."
        ) % {"since": long_date(family.union_date), "end": long_date(family.union_two_years_end)}
    if claim == Claim.LIVE_TOGETHER:
        return _(
            "Not stated: a marital address. You said you do not both live at the address you gave, so the "
            "statement cannot declare it as your shared home. The INM asks for the marital address: ask a "
            "professional before you file."
        )
    if claim == Claim.ADMITTED_FOR_CANJE:
        return _(
            "Not stated: that your FMM or entry stamp says “canje”. Your answers do not say so; the letter gives "
            "only the date you entered. Read “Check these first” above."
        )
    if claim == Claim.POLICE_REPORT_FILED:
        return _("Not stated: a police report. You said you did not report it.")
    if claim == Claim.REGISTERED_RFC:
        return _("Not stated: your RFC. We do not have it; the statement leaves it out.")
    return _("Not stated: your answers do not show it is true.")
