"""The applicant's situation: one typed view of a preparation's answers, derived once.

Rules (conditions, deadlines, fees, flags, letters) read a ``Situation``, never the answers
dict. ``situation_for`` is pure: the saved answers, the procedure and today's date in Mexico
City in, a frozen ``Situation`` out. A missing or malformed answer becomes None (or an empty
string), never an exception: a draft, or a preparation saved by an older version, still has a
situation.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from .answers import Answers, answer, answer_date
from .appointments import recorded_at
from .traits import traits_for
from .vocabulary import CurrentDocument, EmploymentKind, Relationship, SponsorStatus, YesNo

# Temporary residence adds up to four years in all (FACTS.md §2.4 Renovación: embamex, [V]); four
# consecutive years open the change to permanent residence (gob.mx INM823).
TEMPORARY_RESIDENCE_YEARS = 4
# A spouse or partner changes to permanent residence after two years as a temporary resident,
# with a tie of two years (FACTS.md §2.4 "Cambio a RP por vínculo familiar" and its corrections).
SPOUSE_YEARS = 2
ADULT_AGE = 18

CARD_DOCUMENTS = frozenset(
    {
        CurrentDocument.TEMPORARY_CARD,
        CurrentDocument.STUDENT_CARD,
        CurrentDocument.PERMANENT_CARD,
        CurrentDocument.HUMANITARIAN_CARD,
        CurrentDocument.VISITOR_CARD,
        CurrentDocument.PROVISIONAL_DOCUMENT,
    }
)
COUPLE = frozenset({Relationship.SPOUSE, Relationship.CONCUBINE})
DIRECT_LINE = frozenset({Relationship.CHILD, Relationship.PARENT})
MEXICO = "MX"


# ----------------------------------------------------------------------------- dates


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier).

    29 February becomes 1 March in a common year: a period of whole years that starts on a
    leap day is complete only once 28 February has passed.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def whole_years(start: date, end: date) -> int:
    """Completed years from ``start`` to ``end`` (negative when ``end`` is before ``start``)."""
    years = end.year - start.year
    if years > 0 and add_years(start, years) > end:
        years -= 1
    elif years < 0 and add_years(start, years) < end:
        years += 1
    return years


def age_on(birth_date: date, today: date) -> int:
    """Completed years on ``today`` (someone born on 29 February turns a year older on 1 March)."""
    return whole_years(birth_date, today)


def years_and_months(start: date, end: date) -> tuple[int, int]:
    """Completed years and months from ``start`` to ``end`` (0, 0 when ``end`` is not later)."""
    if end <= start:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return months // 12, months % 12


def _yes_no(answers: Answers, key: str) -> bool | None:
    value = answer(answers, key)
    if value == YesNo.YES:
        return True
    if value == YesNo.NO:
        return False
    return None


def _number(answers: Answers, key: str) -> int | None:
    try:
        return int(answer(answers, key))
    except (TypeError, ValueError):
        return None


def _text(answers: Answers, key: str) -> str:
    value = answer(answers, key, "")
    return value.strip() if isinstance(value, str) else str(value)


# ----------------------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Applicant:
    """The person the preparation is for, as in their passport."""

    given_names: str = ""
    surnames: str = ""
    sex: str = ""
    birth_date: date | None = None
    age: int | None = None
    nationality: str = ""
    marital_status: str = ""
    email: str = ""
    # Accepts formal notices by e-mail (LFPA art. 35: only when the applicant accepts it expressly).
    email_notices: bool = False
    curp: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}".strip()

    @property
    def is_female(self) -> bool:
        return self.sex == "female"

    @property
    def is_minor(self) -> bool:
        return self.age is not None and self.age < ADULT_AGE


@dataclass(frozen=True)
class Passport:
    document_type: str = ""
    number: str = ""
    country: str = ""
    issued: date | None = None
    expires: date | None = None


@dataclass(frozen=True)
class Address:
    """An address in Mexico, in the fields of the address step (the state is its INEGI code)."""

    postal_code: str = ""
    state: str = ""
    municipality: str = ""
    neighborhood: str = ""
    street: str = ""
    exterior_number: str = ""
    interior_number: str = ""


@dataclass(frozen=True)
class Document:
    """The immigration document held now, and what the status step says about it."""

    kind: str = ""  # a CurrentDocument value; empty when not answered
    visa_type: str = ""
    admission: str = ""
    entry_record: str = ""  # an EntryRecord value; empty in answers saved before it was asked
    entry_date: date | None = None
    card_expires: date | None = None
    card_number: str = ""
    nue: str = ""
    years_requested: int | None = None
    rt_to_rp_route: str = ""

    @property
    def is_visitor_fmm(self) -> bool:
        return self.kind == CurrentDocument.VISITOR_FMM

    @property
    def is_card(self) -> bool:
        return self.kind in CARD_DOCUMENTS


@dataclass(frozen=True)
class TemporaryResidence:
    """Time held as a temporary resident, counted from the first temporary card's issue date.

    ``four_years_end`` is ``since`` + 4 years: the total a temporary resident may hold, and the
    day the four-year route to permanent residence is complete.
    """

    since: date
    four_years_end: date
    two_years_end: date
    held_years: int  # completed years and months on today
    held_months: int
    four_years_complete: bool  # on or after four_years_end
    two_years_complete: bool
    # Whole years from the card's expiry to the end of the four years (None without the expiry).
    years_left_after_card: int | None


@dataclass(frozen=True)
class AuthorisedStay:
    """A visitor's authorised stay: from the entry to the last day on the FMM or stamp."""

    until: date
    entry_date: date | None
    is_valid: bool  # today is on or before the last day
    days_left: int | None  # calendar days after today, 0 on the last day; None once it ended


@dataclass(frozen=True)
class Guardian:
    """Who signs for a minor (the mother, the father or the legal guardian)."""

    name: str = ""
    relationship: str = ""
    document: str = ""


@dataclass(frozen=True)
class FamilyTie:
    """The tie a family-unity procedure rests on: the relative (the sponsor) and since when."""

    relationship: str = ""
    sponsor_name: str = ""
    sponsor_status: str = ""
    # Only for a Mexican sponsor: yes, no, or not answered (None).
    sponsor_mexican_by_birth: bool | None = None
    sponsor_nationality: str = ""
    sponsor_document: str = ""
    union_date: date | None = None
    union_years: int | None = None  # completed years of the marriage or union on today
    union_two_years_end: date | None = None
    # A couple: both live at the applicant's address (the marital address of their statement).
    lives_together: bool | None = None
    foreign_certificates: bool = False

    @property
    def is_couple(self) -> bool:
        return self.relationship in COUPLE

    @property
    def is_direct_line(self) -> bool:
        """A parent or a child of the sponsor (the relatives in the direct line we ask about)."""
        return self.relationship in DIRECT_LINE

    @property
    def sponsor_is_mexican(self) -> bool:
        return self.sponsor_status == SponsorStatus.MEXICAN

    @property
    def sponsor_is_foreign_resident(self) -> bool:
        return self.sponsor_status in (SponsorStatus.TEMPORARY, SponsorStatus.PERMANENT)


@dataclass(frozen=True)
class Employment:
    """The work the procedure is about: the kind (fixed by the procedure, or asked) and its data."""

    kind: str = ""
    employer_type: str = ""
    employer_rfc: str = ""
    employer_file_number: str = ""
    employer_name: str = ""
    position: str = ""
    activity: str = ""
    activity_place: str = ""
    applicant_rfc: str = ""


@dataclass(frozen=True)
class Change:
    """What a notification reports: the kind (from the procedure), when, and the old value."""

    kind: str = ""
    date: date | None = None
    old_address: Address | None = None
    old_workplace: str = ""
    old_marital_status: str = ""
    old_nationality: str = ""
    old_name: str = ""


@dataclass(frozen=True)
class Replacement:
    """What happened to the card being replaced."""

    reason: str = ""
    event_date: date | None = None
    event_place: str = ""
    police_report: bool | None = None
    police_report_reference: str = ""


@dataclass(frozen=True)
class Appointment:
    """The appointment booked in the portal and recorded on the packet, on its office's clock."""

    at: datetime
    office_code: str = ""
    pieza: str = ""

    @property
    def day(self) -> date:
        return self.at.date()


@dataclass(frozen=True)
class Situation:
    """Everything the rules know about one applicant on one day, for one procedure."""

    procedure_slug: str
    today: date
    applicant: Applicant
    passport: Passport
    document: Document
    address: Address
    office_code: str = ""
    temporary_residence: TemporaryResidence | None = None
    stay: AuthorisedStay | None = None
    guardian: Guardian | None = None
    family: FamilyTie | None = None
    employment: Employment | None = None
    change: Change | None = None
    replacement: Replacement | None = None
    appointment: Appointment | None = None

    @property
    def is_minor(self) -> bool:
        return self.applicant.is_minor


# ----------------------------------------------------------------------------- deriving it


def _address(values: Answers, step: str, prefix: str = "") -> Address:
    return Address(**{field.name: _text(values, f"{step}.{prefix}{field.name}") for field in fields(Address)})


def four_years_end(since: date) -> date:
    """The day four years as a temporary resident are complete: the total a temporary resident may
    hold, and the day the four-year route to permanent residence opens."""
    return add_years(since, TEMPORARY_RESIDENCE_YEARS)


def temporary_residence_on(since: date, *, today: date, card_expires: date | None) -> TemporaryResidence:
    """Time held as a temporary resident on ``today``, and what the four-year total leaves."""
    end = four_years_end(since)
    two_years_end = add_years(since, SPOUSE_YEARS)
    years, months = years_and_months(since, today)
    left = whole_years(card_expires, end) if card_expires else None
    return TemporaryResidence(
        since=since,
        four_years_end=end,
        two_years_end=two_years_end,
        held_years=years,
        held_months=months,
        four_years_complete=today >= end,
        two_years_complete=today >= two_years_end,
        years_left_after_card=left,
    )


def stay_on(until: date, *, today: date, entry_date: date | None) -> AuthorisedStay:
    valid = today <= until
    return AuthorisedStay(
        until=until, entry_date=entry_date, is_valid=valid, days_left=(until - today).days if valid else None
    )


def situation_for(answers: Answers, *, procedure_slug: str, today: date) -> Situation:
    """The applicant's situation on ``today`` (a date in Mexico City) for ``procedure_slug``."""
    traits = traits_for(procedure_slug)
    birth_date = answer_date(answers, "applicant.birth_date")
    applicant = Applicant(
        given_names=_text(answers, "applicant.given_names"),
        surnames=_text(answers, "applicant.surnames"),
        sex=_text(answers, "applicant.sex"),
        birth_date=birth_date,
        age=age_on(birth_date, today) if birth_date else None,
        nationality=_text(answers, "applicant.nationality"),
        marital_status=_text(answers, "applicant.marital_status"),
        email=_text(answers, "applicant.email"),
        email_notices=answer(answers, "applicant.email_notices") is True,
        curp=_text(answers, "applicant.curp"),
    )
    passport = Passport(
        document_type=_text(answers, "passport.document_type"),
        number=_text(answers, "passport.passport_number"),
        country=_text(answers, "passport.passport_country"),
        issued=answer_date(answers, "passport.passport_issued"),
        expires=answer_date(answers, "passport.passport_expires"),
    )
    document = Document(
        kind=_text(answers, "status.current_document"),
        visa_type=_text(answers, "status.visa_type"),
        admission=_text(answers, "status.admission"),
        entry_record=_text(answers, "status.entry_record"),
        entry_date=answer_date(answers, "status.entry_date"),
        card_expires=answer_date(answers, "status.card_expires"),
        card_number=_text(answers, "status.card_number"),
        nue=_text(answers, "status.nue"),
        years_requested=_number(answers, "status.years_requested"),
        rt_to_rp_route=_text(answers, "status.rt_to_rp_route"),
    )
    since = answer_date(answers, "status.resident_since")
    until = answer_date(answers, "status.stay_until")
    return Situation(
        procedure_slug=procedure_slug,
        today=today,
        applicant=applicant,
        passport=passport,
        document=document,
        address=_address(answers, "address"),
        office_code=_text(answers, "office.office"),
        temporary_residence=(
            temporary_residence_on(since, today=today, card_expires=document.card_expires) if since else None
        ),
        stay=stay_on(until, today=today, entry_date=document.entry_date) if until else None,
        guardian=_guardian(answers),
        family=_family(answers, today),
        employment=_employment(answers, traits.employment_kind),
        change=_change(answers, traits.change_kind),
        replacement=_replacement(answers),
        appointment=_appointment(answers),
    )


def _guardian(answers: Answers) -> Guardian | None:
    if not answers.get("guardian"):
        return None
    return Guardian(
        name=_text(answers, "guardian.guardian_name"),
        relationship=_text(answers, "guardian.guardian_relationship"),
        document=_text(answers, "guardian.guardian_document"),
    )


def _family(answers: Answers, today: date) -> FamilyTie | None:
    if not answers.get("family"):
        return None
    status = _text(answers, "family.sponsor_status")
    mexican = status == SponsorStatus.MEXICAN
    union = answer_date(answers, "family.union_date")
    return FamilyTie(
        relationship=_text(answers, "family.relationship"),
        sponsor_name=_text(answers, "family.sponsor_name"),
        sponsor_status=status,
        sponsor_mexican_by_birth=_yes_no(answers, "family.sponsor_mexican_by_birth") if mexican else None,
        sponsor_nationality=_text(answers, "family.sponsor_nationality") or (MEXICO if mexican else ""),
        sponsor_document=_text(answers, "family.sponsor_document"),
        union_date=union,
        union_years=max(whole_years(union, today), 0) if union else None,
        union_two_years_end=add_years(union, SPOUSE_YEARS) if union else None,
        lives_together=_yes_no(answers, "family.lives_together"),
        foreign_certificates=_yes_no(answers, "family.foreign_certificates") is True,
    )


def _employment(answers: Answers, fixed_kind: str) -> Employment | None:
    if not answers.get("employment") and not fixed_kind:
        return None
    kind = fixed_kind or _text(answers, "employment.employment_kind")
    if kind not in EmploymentKind.values:
        kind = ""
    return Employment(
        kind=kind,
        **{
            field.name: _text(answers, f"employment.{field.name}")
            for field in fields(Employment)
            if field.name != "kind"
        },
    )


def _change(answers: Answers, kind: str) -> Change | None:
    if not answers.get("changes") and not kind:
        return None
    return Change(
        kind=kind,
        date=answer_date(answers, "changes.change_date"),
        old_address=_address(answers, "changes", prefix="old_") if kind == "address" else None,
        old_workplace=_text(answers, "changes.old_workplace"),
        old_marital_status=_text(answers, "changes.old_marital_status"),
        old_nationality=_text(answers, "changes.old_nationality"),
        old_name=_text(answers, "changes.old_name"),
    )


def _appointment(answers: Answers) -> Appointment | None:
    at = recorded_at(answers.get("appointment"))
    if at is None:
        return None
    return Appointment(
        at=at, office_code=_text(answers, "appointment.appointment_office"), pieza=_text(answers, "appointment.pieza")
    )


def _replacement(answers: Answers) -> Replacement | None:
    if not answers.get("replacement"):
        return None
    return Replacement(
        reason=_text(answers, "replacement.reason"),
        event_date=answer_date(answers, "replacement.event_date"),
        event_place=_text(answers, "replacement.event_place"),
        police_report=_yes_no(answers, "replacement.police_report"),
        police_report_reference=_text(answers, "replacement.police_report_reference"),
    )
