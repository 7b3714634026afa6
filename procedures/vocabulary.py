"""The values an applicant's answers take (the wizard's choices), shared by forms and rules.

Answers are stored as JSON by step (``{"status": {"current_document": "resident_visa", ...}}``),
with dates as ISO strings; these choices are the values that JSON holds.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CurrentDocument(models.TextChoices):
    RESIDENT_VISA = "resident_visa", _("A resident visa in my passport (from a Mexican consulate)")
    VISITOR_FMM = "visitor_fmm", _("A visitor (tourist) FMM or entry stamp")
    TEMPORARY_CARD = "temporary_card", _("A temporary resident card")
    STUDENT_CARD = "student_card", _("A student temporary resident card")
    PERMANENT_CARD = "permanent_card", _("A permanent resident card")
    HUMANITARIAN_CARD = "humanitarian_card", _("A visitor card for humanitarian reasons")
    VISITOR_CARD = "visitor_card", _("Another visitor card")
    PROVISIONAL_DOCUMENT = "provisional_document", _("A provisional document from the INM")
    EXPIRED_DOCUMENT = "expired_document", _("My document has expired")


class VisaType(models.TextChoices):
    TEMPORARY = "temporary", _("Temporary resident")
    PERMANENT = "permanent", _("Permanent resident")
    STUDENT = "student", _("Student temporary resident")


class Admission(models.TextChoices):
    """What the FMM or the entry stamp says the officer granted at the border."""

    CANJE = "canje", _("“Canje” and 30 days")
    VISITOR = "visitor", _("Visitor and 180 days (or another number of days)")
    UNKNOWN = "unknown", _("I don't know")


class EntryRecord(models.TextChoices):
    """What the officer gave a resident visa holder at the border: the letter and the
    "Comentarios" text name that one, and not "the FMM or the stamp, whichever applies"."""

    FMM = "fmm", _("A Forma Migratoria Múltiple (FMM): a form on paper, or printed from the INM site")
    STAMP = "stamp", _("Only a stamp in my passport")


class RtToRpRoute(models.TextChoices):
    FOUR_YEARS = "four_years", _("Four years in a row as temporary resident")
    PENSIONER = "pensioner", _("Pensioner or retiree with the required income")
    POINTS = "points", _("The points system")


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CONCUBINE = "concubine", _("Common-law partner (concubinato)")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")


class SponsorStatus(models.TextChoices):
    MEXICAN = "mexican", _("Mexican")
    TEMPORARY = "temporary", _("Temporary resident")
    PERMANENT = "permanent", _("Permanent resident")


class EmploymentKind(models.TextChoices):
    EMPLOYER = "employer", _("I work for an employer")
    SELF_EMPLOYED = "self_employed", _("I work on my own account")


class ReplacementReason(models.TextChoices):
    LOST = "lost", _("Lost in Mexico")
    STOLEN = "stolen", _("Stolen in Mexico")
    DAMAGED = "damaged", _("Damaged")
    LOST_ABROAD = "lost_abroad", _("Lost or stolen abroad")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Sex(models.TextChoices):
    """As the INM form asks it ("Sexo": Masculino, Femenino)."""

    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    FREE_UNION = "free_union", _("Free union (unión libre)")
    WIDOWED = "widowed", _("Widowed")
    DIVORCED = "divorced", _("Divorced")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    IDENTITY_AND_TRAVEL = "identity_and_travel", _("Identity and travel document")


class GuardianRelationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")


class EmployerType(models.TextChoices):
    """As the INM form asks it ("Tipo de persona": Física, Moral)."""

    INDIVIDUAL = "individual", _("An individual (persona física)")
    COMPANY = "company", _("A company or organisation (persona moral)")
