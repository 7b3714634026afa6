""" "Help me choose": the decision table of reference/choose.md as a function.

Rows are in precedence order: the first row whose document and need match decides. A row asks
at most two follow-up questions; its outcome is a procedure slug, or a "not here" answer that
says what to do instead. Pure: the answers and today's date (in Mexico City) in, an outcome out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from .deadlines import later_last_day_after_entry, long_date
from .vocabulary import Admission, CurrentDocument, Relationship, RtToRpRoute, SponsorStatus

CANJE_DAYS = 30
RENEWAL_WINDOW_DAYS = 30


class Document(models.TextChoices):
    """The document the applicant holds now (the first question)."""

    RESIDENT_VISA = "resident_visa", _("A resident visa in my passport, from a Mexican consulate")
    VISITOR_FMM = "visitor_fmm", _("A tourist (visitor) FMM or entry stamp")
    TEMPORARY_CARD = "temporary_card", _("A temporary resident card")
    STUDENT_CARD = "student_card", _("A student temporary resident card")
    PERMANENT_CARD = "permanent_card", _("A permanent resident card")
    HUMANITARIAN_CARD = "humanitarian_card", _("A visitor card for humanitarian reasons")
    NO_VALID_DOCUMENT = "no_valid_document", _("No valid document (it expired, or I never had one)")
    APPROVAL_LETTER = "approval_letter", _("An INM approval letter (oficio) after a change of status")
    EMPLOYER = "employer", _("I am an employer, not an applicant")


class Need(models.TextChoices):
    """What the applicant needs (the second question)."""

    GET_CARD = "get_card", _("Get my residence card")
    RENEW = "renew", _("Renew my card / keep living here")
    REPLACE = "replace", _("Replace a lost, stolen or damaged card")
    REPORT_CHANGE = "report_change", _("Report a change (address, work, marital status, nationality, name)")
    BECOME_PERMANENT = "become_permanent", _("Become a permanent resident")
    STAY_THROUGH_FAMILY = "stay_through_family", _("Stay because of my family here")
    WORK = "work", _("Work")
    STAY_AS_RESIDENT = "stay_as_resident", _("Stay as a resident")
    TRAVEL = "travel", _("Travel abroad and come back while a procedure is pending")
    BECOME_RESIDENT = "become_resident", _("Become a resident")
    STAY_LEGALLY = "stay_legally", _("Put my stay in order")
    REGISTER_EMPLOYER = "register_employer", _("Register as an employer of foreigners")
    UPDATE_EMPLOYER = "update_employer", _("Update my employer registration")


CARDS = {Document.TEMPORARY_CARD, Document.STUDENT_CARD, Document.PERMANENT_CARD, Document.HUMANITARIAN_CARD}
RESIDENT_CARDS = {Document.TEMPORARY_CARD, Document.STUDENT_CARD, Document.PERMANENT_CARD}


@dataclass(frozen=True)
class Question:
    """A follow-up question: a date, or one of some choices."""

    name: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # empty: a date

    @property
    def is_date(self) -> bool:
        return not self.choices


@dataclass(frozen=True)
class Outcome:
    """The answer: a procedure to prepare, or what to do when it is not a procedure here."""

    slug: str | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()
    see_also: str = ""  # a procedure worth reading about when the answer is "not here"

    @property
    def is_procedure(self) -> bool:
        return self.slug is not None


@dataclass(frozen=True)
class Row:
    number: str  # as in reference/choose.md ("4b" sits between 4 and 5)
    documents: frozenset[str]
    needs: frozenset[str]
    questions: tuple[Question, ...] = field(default_factory=tuple)
    decide: Callable[[Mapping[str, object], date], Outcome] | None = None
    outcome: Outcome | None = None

    def matches(self, document: str, need: str) -> bool:
        return document in self.documents and need in self.needs


def _yes_no(name: str, label: str) -> Question:
    return Question(name, label, (("yes", _("Yes")), ("no", _("No"))))


ENTRY_DATE = Question("entry_date", _("When did you enter Mexico with the visa?"))
ADMISSION = Question(
    "admission",
    _("What does your FMM or entry stamp say?"),
    (("canje", _("“Canje” and 30 days")), ("visitor", _("Visitor and 180 days")), ("unknown", _("I don't know"))),
)
CARD_EXPIRES = Question("card_expires", _("When does your card expire?"))
WHERE = Question("where", _("Where did it happen?"), (("mexico", _("In Mexico")), ("abroad", _("Abroad"))))
CARD_VALID = _yes_no("card_valid", _("Is the card still valid (not expired)?"))
CHANGE = Question(
    "change",
    _("What changed?"),
    (
        ("address", _("My address")),
        ("workplace", _("My workplace")),
        ("marital_status", _("My marital status")),
        ("nationality", _("My nationality")),
        ("name", _("My name")),
    ),
)
ROUTE = Question(
    "route",
    _("On what basis?"),
    (
        ("four_years", _("Four years in a row as temporary resident")),
        ("pensioner", _("Pensioner or retiree with the required income")),
        ("family", _("Married to, or child or parent of, a Mexican or a permanent resident")),
    ),
)
RELATIVE_STATUS = Question(
    "relative_status",
    _("Your relative in Mexico is…"),
    (("mexican", _("Mexican")), ("permanent", _("A permanent resident")), ("temporary", _("A temporary resident"))),
)
RELATIONSHIP = Question(
    "relationship",
    _("They are your…"),
    (
        (Relationship.SPOUSE, _("Spouse")),
        (Relationship.CONCUBINE, _("Common-law partner (concubinato)")),
        (Relationship.CHILD, _("Child")),
        (Relationship.PARENT, _("Parent")),
    ),
)
COUPLE = (Relationship.SPOUSE, Relationship.CONCUBINE)
# Row 11 asks the same of a visitor who wants residence: family unity is a change of status in
# Mexico (Lineamientos art. 37-38), the one way to residence without a consulate (choose.md row 11
# is the visitor with no Mexican or resident family).
RELATIVE_IF_ANY = Question(
    "relative_status",
    _("Your relative in Mexico, if you have one, is…"),
    RELATIVE_STATUS.choices + (("none", _("None of these: no Mexican or resident relative")),),
)
RELATIONSHIP_IF_ANY = Question(
    "relationship",
    RELATIONSHIP.label,
    RELATIONSHIP.choices + (("none", _("Another relative, or none")),),
)
MINOR = _yes_no("minor", _("Is the card holder under 18?"))
JOB_OFFER = _yes_no("job_offer", _("Do you have a job offer from an employer registered with the INM?"))
EMPLOYMENT = Question(
    "employment",
    _("How will you work?"),
    (("employer", _("For an employer")), ("self_employed", _("On my own account"))),
)
RECOGNISED = _yes_no(
    "recognised", _("Were you recognised as a refugee, or granted complementary protection, asylum or statelessness?")
)
FAMILY_TIE = _yes_no("family_tie", _("Do you have a family tie to a Mexican or to a resident?"))


def _resident_visa(answers: Mapping, today: date) -> Outcome:
    if answers.get("admission") == "visitor":
        return Outcome(
            message=_(
                "Not a procedure here: you were admitted as a tourist although you hold a resident visa. See an "
                "immigration professional before doing anything else."
            )
        )
    entry = answers.get("entry_date")
    if isinstance(entry, date) and today == later_last_day_after_entry(entry, CANJE_DAYS):
        # Past the count we use, not past the other reading of LM art. 59: the canje, flagged.
        return Outcome(
            slug="canje",
            warnings=(
                _(
                    "Today may be your last day for the canje, or it may have been yesterday: the law does not say "
                    "whether the day you entered counts. Today, call the INM (800 004 6264: Monday to Friday "
                    "07:00-23:00, weekends 09:00-17:00) or go to the office and ask, and see an immigration "
                    "professional."
                ),
            ),
        )
    if isinstance(entry, date) and today > later_last_day_after_entry(entry, CANJE_DAYS):
        return Outcome(
            message=_(
                "Not a procedure here: more than 30 days have passed since you entered, so the visa has lapsed. "
                "See an immigration professional; you may need a new visa from a Mexican consulate."
            )
        )
    warnings = ()
    if answers.get("admission") == "unknown":
        warnings = (_("Check your FMM or entry stamp: it should say “canje” and 30 days."),)
    return Outcome(slug="canje", warnings=warnings)


def _renewal(answers: Mapping, today: date) -> Outcome:
    expires = answers.get("card_expires")
    if isinstance(expires, date) and expires < today:
        return Outcome(
            slug="regularizacion_documento_vencido",
            message=_(
                "Your card has expired: renewal is no longer possible. This regularisation needs no appointment."
            ),
        )
    if isinstance(expires, date) and (expires - today).days > RENEWAL_WINDOW_DAYS:
        opens = expires - timedelta(days=RENEWAL_WINDOW_DAYS)
        return Outcome(
            slug="renovacion",
            warnings=(_("Too early to file: the window opens on %(date)s.") % {"date": long_date(opens)},),
        )
    return Outcome(slug="renovacion")


def _replacement(answers: Mapping, today: date) -> Outcome:
    if answers.get("card_valid") == "no":
        return Outcome(
            slug="regularizacion_documento_vencido",
            message=_("Only a valid card can be replaced: with an expired card you regularise your stay."),
        )
    if answers.get("where") == "abroad":
        return Outcome(
            slug="reposicion",
            warnings=(
                _(
                    "First get a replacement visa at a Mexican consulate, then file within 30 days of entering "
                    "Mexico with it."
                ),
            ),
        )
    return Outcome(slug="reposicion")


NOTIFICATIONS = {
    "address": "notif_domicilio",
    "workplace": "notif_lugar_trabajo",
    "marital_status": "notif_estado_civil",
    "nationality": "notif_nacionalidad",
    "name": "notif_nombre",
}


def _notification(answers: Mapping, today: date) -> Outcome:
    slug = NOTIFICATIONS.get(answers.get("change"))
    return Outcome(slug=slug, warnings=(_("Within 90 days of the change; one filing per change; free."),))


def _permanent(answers: Mapping, today: date) -> Outcome:
    if answers.get("route") == "family":
        return Outcome(
            slug="cambio_rp_unidad_familiar",
            warnings=(
                _(
                    "A spouse or partner needs two years as a temporary resident and a tie of two years: your packet "
                    "checks both."
                ),
            ),
        )
    return Outcome(slug="cambio_rt_a_rp")


def _family(answers: Mapping, today: date) -> Outcome:
    """Row 6, corrected on 2026-12-01: a spouse or partner always starts as a temporary resident
    (FACTS.md §2.4 and its corrections; Lineamientos art. 38)."""
    relative = answers.get("relative_status")
    if answers.get("relationship") in COUPLE:
        warnings = ()
        if relative in (SponsorStatus.MEXICAN, SponsorStatus.PERMANENT):
            warnings = (
                _(
                    "A spouse or partner starts as a temporary resident. After two years as a temporary resident "
                    "(and two years of the tie), the change to permanent residence through them is a procedure of "
                    "its own."
                ),
            )
        return Outcome(slug="cambio_rt_unidad_familiar", warnings=warnings)
    if relative == SponsorStatus.TEMPORARY:
        return Outcome(slug="cambio_rt_unidad_familiar")
    if relative == SponsorStatus.MEXICAN:
        warning = _(
            "Straight to permanent residence is for the parents and children of a Mexican by birth. If your relative "
            "became Mexican by naturalisation, sources differ: your packet shows the safer path."
        )
    else:
        warning = _(
            "Sources differ on whether the parent or child of a permanent resident goes straight to permanent "
            "residence: your packet shows the safer path."
        )
    return Outcome(slug="cambio_rp_unidad_familiar", warnings=(warning,))


CONSULATE = Outcome(
    message=_(
        "Not a procedure here: residency starts with a visa at a Mexican consulate abroad. See our page on visas."
    ),
    see_also="visas",
)


def _visitor_residency(answers: Mapping, today: date) -> Outcome:
    """Row 11: a visitor with a Mexican or resident spouse, partner, child or parent changes status
    here, as row 6 says; without one, residency starts at a consulate."""
    if answers.get("relative_status") not in SponsorStatus.values:
        return CONSULATE
    if answers.get("relationship") not in Relationship.values:
        return Outcome(
            message=_(
                "Not a procedure we prepare: the change of status through family covers a spouse or partner, a "
                "child and a parent. For another relative, see an immigration professional; residency usually "
                "starts with a visa at a Mexican consulate abroad."
            ),
            see_also="visas",
        )
    outcome = _family(answers, today)
    reminder = _(
        "Through your family you can change status here, without a visa from a consulate, but only while your "
        "authorised stay as a visitor lasts: file by its last day."
    )
    return replace(outcome, warnings=(reminder, *outcome.warnings))


def _student_work(answers: Mapping, today: date) -> Outcome:
    return Outcome(slug="cambio_rte_a_rt" if answers.get("job_offer") == "yes" else "permiso_trabajo_independiente")


def _temporary_work(answers: Mapping, today: date) -> Outcome:
    if answers.get("employment") == "self_employed":
        return Outcome(slug="permiso_trabajo_independiente")
    return Outcome(slug="permiso_trabajo_empleador")


def _permanent_card_renewal(answers: Mapping, today: date) -> Outcome:
    """Row 15: only minors' permanent cards are issued for a term (Lineamientos art. 32)."""
    if answers.get("minor") == "yes":
        return Outcome(
            slug="renovacion",
            message=_(
                "A minor's permanent resident card is issued for a term (under 3 years old: one year; from 3: four "
                "years), so it is renewed."
            ),
        )
    return Outcome(
        message=_(
            "Not a procedure here: an adult's permanent resident card does not expire. If it is lost, stolen or "
            "damaged, it is replaced (reposición)."
        ),
        see_also="reposicion",
    )


def _humanitarian(answers: Mapping, today: date) -> Outcome:
    return Outcome(slug="cambio_vrh_a_rp" if answers.get("recognised") == "yes" else "cambio_vrh_a_rt")


def _no_document(answers: Mapping, today: date) -> Outcome:
    slug = (
        "regularizacion_vinculo_familiar" if answers.get("family_tie") == "yes" else "regularizacion_documento_vencido"
    )
    return Outcome(slug=slug, message=_("It needs no appointment: you go in person to the INM office."))


ROWS: tuple[Row, ...] = (
    Row("1", frozenset({Document.RESIDENT_VISA}), frozenset({Need.GET_CARD}), (ENTRY_DATE, ADMISSION), _resident_visa),
    Row(
        "2",
        frozenset({Document.TEMPORARY_CARD, Document.STUDENT_CARD}),
        frozenset({Need.RENEW}),
        (CARD_EXPIRES,),
        _renewal,
    ),
    Row("3", frozenset(CARDS), frozenset({Need.REPLACE}), (WHERE, CARD_VALID), _replacement),
    Row("4", frozenset(RESIDENT_CARDS), frozenset({Need.REPORT_CHANGE}), (CHANGE,), _notification),
    Row(
        "4b",
        frozenset({Document.PERMANENT_CARD}),
        frozenset({Need.WORK}),
        outcome=Outcome(
            slug="notif_lugar_trabajo",
            message=_(
                "A permanent resident may work without a work permit (Ley de Migración art. 52, fr. IX). What you "
                "file is the notice of a new workplace, within 90 days of starting (art. 63); it is free."
            ),
        ),
    ),
    Row("5", frozenset({Document.TEMPORARY_CARD}), frozenset({Need.BECOME_PERMANENT}), (ROUTE,), _permanent),
    Row(
        "6",
        frozenset({Document.VISITOR_FMM, Document.STUDENT_CARD}),
        frozenset({Need.STAY_THROUGH_FAMILY}),
        (RELATIVE_STATUS, RELATIONSHIP),
        _family,
    ),
    Row("7", frozenset({Document.STUDENT_CARD}), frozenset({Need.WORK}), (JOB_OFFER,), _student_work),
    Row("8", frozenset({Document.TEMPORARY_CARD}), frozenset({Need.WORK}), (EMPLOYMENT,), _temporary_work),
    Row("9", frozenset({Document.HUMANITARIAN_CARD}), frozenset({Need.STAY_AS_RESIDENT}), (RECOGNISED,), _humanitarian),
    Row("10", frozenset(CARDS), frozenset({Need.TRAVEL}), outcome=Outcome(slug="permiso_salida_regreso")),
    Row(
        "11",
        frozenset({Document.VISITOR_FMM}),
        frozenset({Need.BECOME_RESIDENT, Need.BECOME_PERMANENT, Need.WORK}),
        (RELATIVE_IF_ANY, RELATIONSHIP_IF_ANY),
        _visitor_residency,
    ),
    Row("12", frozenset({Document.NO_VALID_DOCUMENT}), frozenset(Need.values), (FAMILY_TIE,), _no_document),
    Row(
        "13",
        frozenset({Document.APPROVAL_LETTER}),
        frozenset({Need.GET_CARD}),
        outcome=Outcome(
            message=_("Not a new procedure: follow the instructions of the oficio at the office that approved it.")
        ),
    ),
    # Row 14 of choose.md: registering or updating the employer certificate (one row, two needs).
    Row(
        "14",
        frozenset({Document.EMPLOYER}),
        frozenset({Need.REGISTER_EMPLOYER}),
        outcome=Outcome("constancia_empleador"),
    ),
    Row(
        "14",
        frozenset({Document.EMPLOYER}),
        frozenset({Need.UPDATE_EMPLOYER}),
        outcome=Outcome("actualizacion_constancia_empleador"),
    ),
    Row("15", frozenset({Document.PERMANENT_CARD}), frozenset({Need.RENEW}), (MINOR,), _permanent_card_renewal),
)

NO_MATCH = Outcome(
    message=_(
        "None of the procedures we prepare fits this combination. Call the INM's Centro de Atención Migratoria "
        "(800 004 6264) or see an immigration professional."
    )
)


def matching_row(document: str, need: str, rows: tuple[Row, ...] = ROWS) -> Row | None:
    """The first row, in precedence order, for this document and need."""
    return next((row for row in rows if row.matches(document, need)), None)


def questions_for(document: str, need: str, rows: tuple[Row, ...] = ROWS) -> tuple[Question, ...]:
    """The follow-up questions of the matching row (at most two)."""
    row = matching_row(document, need, rows)
    return row.questions if row else ()


def choose(
    document: str, need: str, answers: Mapping[str, object], *, today: date, rows: tuple[Row, ...] = ROWS
) -> Outcome:
    """The procedure (or what to do instead) for a document, a need and the follow-up answers.

    ``answers`` holds the follow-up answers by question name; dates as ``date`` objects.
    """
    row = matching_row(document, need, rows)
    if row is None:
        return NO_MATCH
    if row.decide is None:
        return row.outcome
    return row.decide(answers, today)


# ----------------------------------------------------------------------------- into the wizard

# The wizard's current_document for the document "help me choose" asked about.
WIZARD_DOCUMENT = {
    Document.RESIDENT_VISA: CurrentDocument.RESIDENT_VISA,
    Document.VISITOR_FMM: CurrentDocument.VISITOR_FMM,
    Document.TEMPORARY_CARD: CurrentDocument.TEMPORARY_CARD,
    Document.STUDENT_CARD: CurrentDocument.STUDENT_CARD,
    Document.PERMANENT_CARD: CurrentDocument.PERMANENT_CARD,
    Document.HUMANITARIAN_CARD: CurrentDocument.HUMANITARIAN_CARD,
    Document.NO_VALID_DOCUMENT: CurrentDocument.EXPIRED_DOCUMENT,
}


def wizard_prefill(document: str, answers: Mapping[str, object], outcome: Outcome, *, today: date) -> dict[str, str]:
    """What the wizard would ask again, by its own names ("status.entry_date"): the document and the
    follow-up answers that led to a procedure, so the new preparation starts with them filled in.

    Dates as ISO strings: they travel in the POST that starts the preparation, never in a URL.
    """
    if not outcome.is_procedure:
        return {}
    values: dict[str, str] = {}
    expires = answers.get("card_expires")
    expired = (isinstance(expires, date) and expires < today) or answers.get("card_valid") == "no"
    current = CurrentDocument.EXPIRED_DOCUMENT if expired and document in CARDS else WIZARD_DOCUMENT.get(document)
    if current:
        values["status.current_document"] = current
    entry = answers.get("entry_date")
    if isinstance(entry, date):
        values["status.entry_date"] = entry.isoformat()
    if answers.get("admission") in Admission.values:
        values["status.admission"] = answers["admission"]
    if isinstance(expires, date):
        values["status.card_expires"] = expires.isoformat()
    if answers.get("route") in RtToRpRoute.values and outcome.slug == "cambio_rt_a_rp":
        values["status.rt_to_rp_route"] = answers["route"]
    if answers.get("relationship") in Relationship.values:
        values["family.relationship"] = answers["relationship"]
    if answers.get("relative_status") in SponsorStatus.values:
        values["family.sponsor_status"] = answers["relative_status"]
    return values
